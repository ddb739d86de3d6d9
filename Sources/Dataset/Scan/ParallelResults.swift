/// One slot per work item, filled from `DispatchQueue.concurrentPerform` workers: each index is written by
/// exactly one worker and read only after all have finished, so no lock is needed. That promise is what the
/// unchecked `Sendable` stands for; use it only in that pattern.
final class UnsafeResults<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Element? {
        get { slots[index] }
        set { slots[index] = newValue }
    }
}
