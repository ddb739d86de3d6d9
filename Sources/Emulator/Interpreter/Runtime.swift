/// The memory a prepared model runs in, and the run-time state that persists across invocations: tensor
/// data, resource variables, and which CALL_ONCE operators have run. A `final class` because it owns
/// manually allocated buffers (freed in `deinit`) that prepared operations point into.
final class Runtime {
    /// Data pointer of every tensor slot.
    let pointers: UnsafeMutablePointer<UnsafeMutableRawPointer>
    let slotCount: Int
    /// Every allocation, freed together.
    private var allocations: [UnsafeMutableRawPointer] = []
    /// Resource variable buffers, their sizes and the value they are reset to.
    private(set) var variables: [UnsafeMutableRawPointer] = []
    private(set) var variableBytes: [Int] = []
    private var variableDefaults: [Int8] = []
    /// Kernels' scratch buffers.
    var scratch: [UnsafeMutableRawPointer] = []
    /// Prepared operators of each subgraph, in execution order.
    var subgraphs: [[any PreparedOperation]] = []
    /// Whether each CALL_ONCE has run.
    var callOnceDone: [Bool] = []

    init(slotCount: Int) {
        self.slotCount = slotCount
        pointers = .allocate(capacity: max(slotCount, 1))
        let empty = Self.allocate(16)
        allocations.append(empty)
        pointers.initialize(repeating: empty, count: max(slotCount, 1))
    }

    deinit {
        pointers.deallocate()
        for allocation in allocations { allocation.deallocate() }
    }

    private static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 16), alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 16))
        return pointer
    }

    /// Allocates `bytes` of zeroed, 16-byte aligned memory owned by the runtime.
    func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let pointer = Self.allocate(bytes)
        allocations.append(pointer)
        return pointer
    }

    func addVariable(bytes: Int, defaultValue: Int8) {
        let pointer = allocate(bytes)
        variables.append(pointer)
        variableBytes.append(bytes)
        variableDefaults.append(defaultValue)
    }

    /// Resource variables back to their defaults and every CALL_ONCE re-armed: the state of a freshly
    /// loaded model.
    func reset() {
        for (index, pointer) in variables.enumerated() {
            pointer.initializeMemory(as: Int8.self, repeating: variableDefaults[index], count: variableBytes[index])
        }
        for index in callOnceDone.indices { callOnceDone[index] = false }
    }

    @inline(__always)
    func raw(_ slot: TensorSlot) -> UnsafeMutableRawPointer { pointers[slot.index] }

    @inline(__always)
    func int8(_ slot: TensorSlot) -> UnsafeMutablePointer<Int8> { pointers[slot.index].assumingMemoryBound(to: Int8.self) }

    @inline(__always)
    func uint8(_ slot: TensorSlot) -> UnsafeMutablePointer<UInt8> { pointers[slot.index].assumingMemoryBound(to: UInt8.self) }

    @inline(__always)
    func int32(_ slot: TensorSlot) -> UnsafeMutablePointer<Int32> { pointers[slot.index].assumingMemoryBound(to: Int32.self) }

    /// Runs every operator of subgraph `index`.
    func invokeSubgraph(_ index: Int) {
        for operation in subgraphs[index] { operation.invoke(self) }
    }
}
