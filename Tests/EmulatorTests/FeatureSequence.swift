// Mirrors `FeatureSequence` in scripts/fixtures/make_model_fixtures.py: keep the two identical.

/// Deterministic int8 feature frames: an xorshift32 stream in blocks of 150 frames cycling through silence,
/// uniform noise, a per-channel random walk, and sparse loud frames.
struct FeatureSequence {
    private var state: UInt32
    private var walk: [Int]
    private var frame = 0
    let channels: Int

    init(seed: UInt32, channels: Int = 40) {
        state = seed == 0 ? 1 : seed
        self.channels = channels
        walk = Array(repeating: -128, count: channels)
    }

    private mutating func next() -> Int {
        var x = state
        x ^= x << 13
        x ^= x >> 17
        x ^= x << 5
        state = x
        return Int(x)
    }

    mutating func nextFrame() -> [Int8] {
        let kind = (frame / 150) % 4
        var row: [Int8] = []
        for channel in 0 ..< channels {
            let value: Int
            switch kind {
            case 0: value = -128
            case 1: value = next() % 256 - 128
            case 2:
                walk[channel] = max(-128, min(127, walk[channel] + next() % 17 - 8))
                value = walk[channel]
            default: value = next() % 8 == 0 ? 127 : -100 + next() % 30
            }
            row.append(Int8(value))
        }
        frame += 1
        return row
    }
}
