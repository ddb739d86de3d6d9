import Foundation
import Support

/// A rectangular room with a talker and a device in it, drawn at random, and its impulse response by the
/// image-source method (Allen & Berkley), written here.
///
/// Every wall reflects with the same pressure coefficient β = √(1 − α), the energy absorption α chosen by
/// Sabine's formula so the room rings for its drawn RT60. Each mirror image of the talker within
/// c × (RT60 + direct delay) of the device adds a pulse of β^reflections / (4π·distance) at its delay,
/// placed between samples by a Hann-windowed sinc from a table. Image positions get a small random jitter
/// (±8 cm along the path, the randomised image method) which breaks the "sweeping echoes" exact image
/// sources make in a shoebox; a 30 Hz DC blocker removes the offset of the all-positive pulses.
public struct ShoeboxRoom: Equatable, Sendable {
    /// Width, depth, height in metres.
    public let size: [Double]
    /// Reverberation time (−60 dB) in seconds.
    public let rt60: Double
    /// The talker's mouth and the device's microphone, in metres from the room's corner.
    public let source: [Double]
    public let microphone: [Double]

    public static let speedOfSound = 343.0
    static let jitter = 0.08
    static let halfTaps = 16
    static let fractions = 256

    public init(size: [Double], rt60: Double, source: [Double], microphone: [Double]) {
        self.size = size
        self.rt60 = rt60
        self.source = source
        self.microphone = microphone
    }

    /// A plausible home or office room: 2.5–10 m by 2.5–8 m, 2.4–3.5 m high, RT60 0.15–0.9 s; talker at
    /// 1.1–1.9 m and device at 0.6–1.6 m height, both ≥ 0.5 m from the walls and ≥ 0.7 m apart (mm precision).
    public static func draw(using generator: inout SeededGenerator) -> ShoeboxRoom {
        let size = [generator.uniform(2.5, 10), generator.uniform(2.5, 8), generator.uniform(2.4, 3.5)].map(millimetres)
        let rt60 = millimetres(generator.uniform(0.15, 0.9))
        func point(_ low: Double, _ high: Double) -> [Double] {
            [generator.uniform(0.5, size[0] - 0.5), generator.uniform(0.5, size[1] - 0.5), generator.uniform(low, high)]
                .map(millimetres)
        }
        let source = point(1.1, 1.9)
        var microphone = point(0.6, 1.6)
        while distance(source, microphone) < 0.7 { microphone = point(0.6, 1.6) }
        return ShoeboxRoom(size: size, rt60: rt60, source: source, microphone: microphone)
    }

    static func millimetres(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// The energy absorption of the walls for the RT60 by Sabine's formula (at most 0.95: a very short RT60
    /// in a large room is not reachable, and the room then rings a little longer than drawn).
    public var absorption: Double {
        let volume = size[0] * size[1] * size[2]
        let surface = 2 * (size[0] * size[1] + size[0] * size[2] + size[1] * size[2])
        return min(0.95, 24 * log(10) / Self.speedOfSound * volume / (surface * rt60))
    }

    /// The room as JSON (manifest entries).
    public var json: JSONValue {
        ["size": .array(size.map { .number($0) }), "rt60": .number(rt60),
         "source": .array(source.map { .number($0) }), "mic": .array(microphone.map { .number($0) })]
    }

    /// The impulse response from talker to device at 16 kHz, before trimming and level setting.
    /// Identical for the same room and seed.
    public func impulseResponse(seed: UInt64) -> [Float] {
        let rate = Double(ClipShaping.sampleRate)
        let reflection = (1 - absorption).squareRoot()
        let direct = Self.distance(source, microphone)
        let reach = direct + Self.speedOfSound * rt60
        let length = Int((reach + Self.jitter) / Self.speedOfSound * rate) + 2 * Self.halfTaps + 2
        var response = [Double](repeating: 0, count: length)
        let axes = (0 ..< 3).map { axisImages($0, reach: reach) }
        let maxReflections = axes.map { $0.map(\.reflections).max() ?? 0 }.reduce(0, +)
        var gains = [Double](repeating: 1, count: maxReflections + 1)
        for index in 1 ..< gains.count { gains[index] = gains[index - 1] * reflection }
        let table = Self.sincTable
        var generator = SeededGenerator(seed: seed)
        let reachSquared = reach * reach
        let taps = 2 * Self.halfTaps + 1
        response.withUnsafeMutableBufferPointer { output in
            table.withUnsafeBufferPointer { table in
                for x in axes[0] {
                    let xx = x.offset * x.offset
                    if xx > reachSquared { continue }
                    for y in axes[1] {
                        let xy = xx + y.offset * y.offset
                        if xy > reachSquared { continue }
                        for z in axes[2] {
                            let squared = xy + z.offset * z.offset
                            if squared > reachSquared { break } // z images are sorted by distance
                            let jitter = squared > 0 && (x.reflections + y.reflections + z.reflections) > 0
                                ? generator.uniform(-Self.jitter, Self.jitter) : 0
                            let path = max(0.05, squared.squareRoot() + jitter)
                            let amplitude = gains[x.reflections + y.reflections + z.reflections] / (4 * Double.pi * path)
                            let delay = path / Self.speedOfSound * rate + Double(Self.halfTaps)
                            let whole = Int(delay)
                            let fraction = min(Self.fractions - 1, Int((delay - Double(whole)) * Double(Self.fractions)))
                            let start = whole - Self.halfTaps
                            guard start >= 0, start + taps <= output.count else { continue }
                            let row = fraction * taps
                            for tap in 0 ..< taps { output[start + tap] += amplitude * table[row + tap] }
                        }
                    }
                }
            }
        }
        // DC blocker: the pulses are all positive.
        let pole = 1 - 2 * Double.pi * 30 / rate
        var previousInput = 0.0, previousOutput = 0.0
        var result = [Float](repeating: 0, count: length)
        for index in 0 ..< length {
            let value = response[index] - previousInput + pole * previousOutput
            previousInput = response[index]
            previousOutput = value
            result[index] = Float(value)
        }
        return result
    }

    /// The images of the talker along one axis within `reach` of the microphone, nearest first: offset
    /// (image − microphone) and the number of wall reflections that made it.
    func axisImages(_ axis: Int, reach: Double) -> [(offset: Double, reflections: Int)] {
        let length = size[axis], s = source[axis], m = microphone[axis]
        let orders = Int(reach / (2 * length)) + 2
        var images: [(offset: Double, reflections: Int)] = []
        for n in -orders ... orders {
            for mirrored in 0 ... 1 {
                let position = Double(1 - 2 * mirrored) * s + 2 * Double(n) * length
                let offset = position - m
                if abs(offset) <= reach { images.append((offset, abs(n - mirrored) + abs(n))) }
            }
        }
        return images.sorted { abs($0.offset) < abs($1.offset) }
    }

    /// Hann-windowed sinc taps for `fractions` sub-sample positions: row f holds the taps that delay a pulse
    /// by f / fractions of a sample.
    static let sincTable: [Double] = {
        let taps = 2 * halfTaps + 1
        var table = [Double](repeating: 0, count: fractions * taps)
        for fraction in 0 ..< fractions {
            let shift = Double(fraction) / Double(fractions)
            for tap in 0 ..< taps {
                let t = Double(tap - halfTaps) - shift
                let sinc = t == 0 ? 1 : sin(Double.pi * t) / (Double.pi * t)
                let window = 0.5 + 0.5 * cos(Double.pi * t / Double(halfTaps + 1))
                table[fraction * taps + tap] = sinc * window
            }
        }
        return table
    }()
}
