import Support

/// SpecAugment's time and frequency masks (the reference's `specaugment.py`): per example, `timeMaskCount`
/// masks of 0…`timeMaskMaxSize` consecutive frames and `frequencyMaskCount` masks of 0…`frequencyMaskMaxSize`
/// consecutive channels are set to zero; each mask's size is drawn uniformly, then its start uniformly among
/// the positions where it fits (masks may overlap).
public struct SpecAugment: Sendable, Equatable {
    public var timeMaskCount: Int
    public var timeMaskMaxSize: Int
    public var frequencyMaskCount: Int
    public var frequencyMaskMaxSize: Int

    public init(timeMaskCount: Int = 0, timeMaskMaxSize: Int = 0, frequencyMaskCount: Int = 0,
                frequencyMaskMaxSize: Int = 0)
    {
        self.timeMaskCount = timeMaskCount
        self.timeMaskMaxSize = timeMaskMaxSize
        self.frequencyMaskCount = frequencyMaskCount
        self.frequencyMaskMaxSize = frequencyMaskMaxSize
    }

    /// One mask: `size` positions from `start`.
    public struct Mask: Sendable, Equatable {
        public var start: Int
        public var size: Int
    }

    /// The masks of one example.
    public struct Draw: Sendable, Equatable {
        public var time: [Mask] = []
        public var frequency: [Mask] = []
    }

    /// Draws one example's masks for a window of `frames` × `channels`.
    public func draw(frames: Int, channels: Int, using generator: inout SeededGenerator) -> Draw {
        func masks(_ count: Int, _ maxSize: Int, _ length: Int) -> [Mask] {
            guard maxSize > 0 else { return [] }
            return (0 ..< count).map { _ in
                let size = min(generator.integer(in: 0 ... maxSize), length)
                return Mask(start: generator.integer(in: 0 ... length - size), size: size)
            }
        }
        let time = masks(timeMaskCount, timeMaskMaxSize, frames)
        return Draw(time: time, frequency: masks(frequencyMaskCount, frequencyMaskMaxSize, channels))
    }

    /// Zeroes the masked frames and channels of one example `[frames, channels]`.
    public static func apply(_ draw: Draw, to example: UnsafeMutablePointer<Float>, frames: Int, channels: Int) {
        for mask in draw.time where mask.size > 0 {
            (example + mask.start * channels).update(repeating: 0, count: mask.size * channels)
        }
        for mask in draw.frequency where mask.size > 0 {
            for t in 0 ..< frames { (example + t * channels + mask.start).update(repeating: 0, count: mask.size) }
        }
    }
}
