/// One stream's device outputs set against the host's, for one model: output for output (the uint8 value
/// and the feature it came after), detection times to the stride, and the arena.
public struct StreamComparison: Equatable, Sendable {
    /// Outputs equal in value and time.
    public var identical: Int
    /// The larger of the two output counts (what `identical` should reach).
    public var total: Int
    /// The first output that differs: its index, the device's and the host's (feature, raw), nil where absent.
    public var firstDifference: (index: Int, device: (feature: Int, raw: UInt8)?, host: (feature: Int, raw: UInt8)?)?
    /// Detection feature indices on each side.
    public var deviceDetections: [Int]
    public var hostDetections: [Int]
    /// Whether the detections agree: as many, each within `stride − 1` features of the host's.
    public var detectionsAgree: Bool
    /// Whether outputs were compared (not in acoustic mode, where only detections are).
    public var comparedOutputs: Bool

    public var agrees: Bool { detectionsAgree && (!comparedOutputs || identical == total) }

    public static func == (a: StreamComparison, b: StreamComparison) -> Bool {
        a.identical == b.identical && a.total == b.total && a.deviceDetections == b.deviceDetections
            && a.hostDetections == b.hostDetections && a.detectionsAgree == b.detectionsAgree && a.comparedOutputs == b.comparedOutputs
    }

    /// Compares model `deviceModel` of the device's outcome with model `hostModel` of the host's.
    /// `tolerance` is how many features a detection may be off (stride − 1 for a streamed test; acoustic
    /// tests allow for the way through the air and the unknown start).
    public init(device: StreamOutcome, deviceModel: Int, host: StreamOutcome, hostModel: Int, step: Int,
                tolerance: Int, compareOutputs: Bool = true)
    {
        let deviceOutputs = device.inferences[deviceModel].map { (FirmwareTiming.feature(atSamples: $0.samples, step: step), $0.raw) }
        let hostOutputs = host.inferences[hostModel].map { (FirmwareTiming.feature(atSamples: $0.samples, step: step), $0.raw) }
        comparedOutputs = compareOutputs
        total = compareOutputs ? max(deviceOutputs.count, hostOutputs.count) : 0
        identical = 0
        firstDifference = nil
        if compareOutputs {
            for index in 0 ..< total {
                let d = index < deviceOutputs.count ? deviceOutputs[index] : nil
                let h = index < hostOutputs.count ? hostOutputs[index] : nil
                if let d, let h, d.0 == h.0, d.1 == h.1 {
                    identical += 1
                } else if firstDifference == nil {
                    firstDifference = (index, d.map { (feature: $0.0, raw: $0.1) }, h.map { (feature: $0.0, raw: $0.1) })
                }
            }
        }
        deviceDetections = device.detections[deviceModel].map { FirmwareTiming.feature(atSamples: $0, step: step) }
        hostDetections = host.detections[hostModel].map { FirmwareTiming.feature(atSamples: $0, step: step) }
        detectionsAgree = deviceDetections.count == hostDetections.count
            && zip(deviceDetections, hostDetections).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// One line for a person: agreement, or where it ends.
    public var summary: String {
        var parts: [String] = []
        if comparedOutputs {
            parts.append("\(identical)/\(total) outputs identical")
            if let difference = firstDifference {
                let describe = { (value: (feature: Int, raw: UInt8)?) in value.map { "\($0.raw) after feature \($0.feature)" } ?? "nothing" }
                parts.append("first difference at output \(difference.index): device \(describe(difference.device)), host \(describe(difference.host))")
            }
        }
        parts.append(detectionsAgree ? "detections agree (\(deviceDetections.count))"
            : "detections differ: device at features \(deviceDetections), host at \(hostDetections)")
        return parts.joined(separator: "; ")
    }
}
