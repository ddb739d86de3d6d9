import Support

/// Drawing exactly `count` distinct voice settings: speakers in turn (every speaker used before any repeats,
/// in a shuffled order), prosody drawn at random from ranges on a grid, so keys stay short.
enum DistinctSettings {
    /// A value from `low…high` on a grid of `step` (for example 0.01), rounded to 6 decimals.
    static func uniformStep(_ low: Double, _ high: Double, _ step: Double, using generator: inout SeededGenerator) -> Double {
        let steps = Int(((high - low) / step).rounded())
        let value = low + step * Double(generator.integer(in: 0 ... steps))
        return (value * 1e6).rounded() / 1e6
    }

    /// `count` distinct settings; speaker `i` of the shuffled list for setting `i` (modulo the speaker count).
    static func draw(engine: String, speakers: [String], count: Int, using generator: inout SeededGenerator,
                     maximumTries: Int = 1000,
                     parameters: (String, inout SeededGenerator) -> [(String, VoiceSetting.Value)])
        throws(SynthError) -> [VoiceSetting]
    {
        guard !speakers.isEmpty, count > 0 else { return [] }
        var order = speakers
        generator.shuffle(&order)
        var chosen: [VoiceSetting] = []
        var seen: Set<VoiceSetting> = []
        var tries = 0
        while chosen.count < count {
            let speaker = order[chosen.count % order.count]
            let setting = VoiceSetting(engine: engine, voice: speaker, parameters: parameters(speaker, &generator))
            tries += 1
            if seen.insert(setting).inserted {
                chosen.append(setting)
                tries = 0
            } else if tries > maximumTries {
                throw SynthError("\(engine): no new voice setting after \(tries) draws; its prosody ranges are too narrow for \(count) clips")
            }
        }
        return chosen
    }
}
