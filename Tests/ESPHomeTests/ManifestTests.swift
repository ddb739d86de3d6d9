import Foundation
import Support
import Testing
import TestSupport
@testable import ESPHome

/// The closed V2 schema, V1 reading, and writing in the official layout (SPEC §3; esphome_consumer.md §5).
@Suite struct ManifestTests {
    static let official = """
    {
      "type": "micro",
      "wake_word": "Hey Jarvis",
      "author": "Kevin Ahrendt",
      "website": "https://www.kevinahrendt.com/micro-wake-word",
      "model": "hey_jarvis.tflite",
      "trained_languages": ["en"],
      "version": 2,
      "micro": {
        "probability_cutoff": 0.97,
        "feature_step_size": 10,
        "sliding_window_size": 5,
        "tensor_arena_size": 22860,
        "minimum_esphome_version": "2024.7.0"
      }
    }
    """

    static func problems(_ text: String) -> [String] {
        switch ManifestReader.read(text: text) {
        case .success: []
        case let .failure(error): error.problems.map(\.description)
        }
    }

    static func edited(_ change: (inout [String: String]) -> Void) -> String {
        var text = official
        var replacements: [String: String] = [:]
        change(&replacements)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    @Test func readsAnOfficialManifest() throws {
        guard case let .success(.v2(manifest)) = ManifestReader.read(text: Self.official) else {
            Issue.record("the official manifest did not read")
            return
        }
        #expect(manifest.wakeWord == "Hey Jarvis")
        #expect(manifest.micro.tensorArenaSize == 22860)
        #expect(manifest.micro.quantizedCutoff == 247)
        #expect(manifest.trainedLanguages == ["en"])
    }

    @Test(.enabled(if: Repository.referenceModels != nil), arguments: ["okay_nabu", "hey_jarvis", "alexa"])
    func readsTheSharedManifests(name: String) throws {
        let url = try #require(Repository.referenceModels).appendingPathComponent("\(name).json")
        guard case .success(.v2) = ManifestReader.read(contentsOf: url) else {
            Issue.record("\(name).json did not read as V2")
            return
        }
    }

    @Test func rejectsWhatESPHomeRejects() {
        let cases: [(String, String)] = [
            (Self.edited { $0["\"version\": 2,"] = "\"version\": 2, \"calibration\": {}," }, "calibration: extra key"),
            (Self.edited { $0["\"tensor_arena_size\": 22860,"] = "\"tensor_arena_size\": 22860, \"comment\": \"x\"," }, "micro.comment: extra key"),
            (Self.edited { $0["\"2024.7.0\""] = "2024.7" }, "micro.minimum_esphome_version: must be a string"),
            (Self.edited { $0["\"2024.7.0\""] = "\"2024.7\"" }, "micro.minimum_esphome_version: must be \"MAJOR.MINOR.PATCH\""),
            (Self.edited { $0["\"feature_step_size\": 10"] = "\"feature_step_size\": 40" }, "micro.feature_step_size: must be from 0 to 30"),
            (Self.edited { $0["22860"] = "22860.5" }, "micro.tensor_arena_size: must be an integer"),
            (Self.edited { $0["\"version\": 2"] = "\"version\": 3" }, "version: must be the integer 2"),
            (Self.edited { $0["\"version\": 2"] = "\"version\": \"2\"" }, "version: must be the integer 2"),
            (Self.edited { $0["\"type\": \"micro\""] = "\"type\": \"openwakeword\"" }, "type: must be \"micro\""),
            (Self.edited { $0["\"trained_languages\": [\"en\"],"] = "" }, "trained_languages: missing key"),
            (Self.edited { $0["\"sliding_window_size\": 5"] = "\"sliding_window_size\": 0" }, "micro.sliding_window_size: must be at least 1"),
            (Self.edited { $0["0.97"] = "1.5" }, "micro.probability_cutoff: must be between 0 and 1"),
            (Self.edited { $0["\"https://www.kevinahrendt.com/micro-wake-word\""] = "\"not a url\"" }, "website: must be an http(s) URL"),
            ("[1, 2]", "(top level): must be a JSON object"),
            ("{\"type\": \"micro\"", "(file): not valid JSON"),
        ]
        for (text, expected) in cases {
            let problems = Self.problems(text)
            #expect(problems.contains { $0.hasPrefix(expected) }, "expected «\(expected)», got \(problems)")
        }
    }

    @Test func acceptsWhatESPHomeAccepts() {
        #expect(Self.problems(Self.edited { $0["\"website\": \"https://www.kevinahrendt.com/micro-wake-word\","] = "" }).isEmpty)
        #expect(Self.problems(Self.edited { $0["[\"en\"]"] = "\"en\"" }).isEmpty) // a single language string
    }

    @Test func readsVersionOneAsLegacy() {
        let v1 = """
        {"type": "micro", "wake_word": "okay nabu", "author": "Kevin Ahrendt", "website": "https://example.org/x",
         "model": "./okay_nabu.tflite", "version": 1,
         "micro": {"probability_cutoff": 0.5, "sliding_window_average_size": 10, "minimum_esphome_version": "2024.2.0"}}
        """
        guard case let .success(.v1(manifest)) = ManifestReader.read(text: v1) else {
            Issue.record("the V1 manifest did not read")
            return
        }
        #expect(manifest.converted.micro.tensorArenaSize == 45672)
        #expect(manifest.converted.micro.featureStepSize == 20)
        #expect(manifest.converted.micro.slidingWindowSize == 10)
        // V2 keys in a V1 manifest are extra keys.
        let mixed = v1.replacingOccurrences(of: "\"sliding_window_average_size\": 10", with: "\"sliding_window_size\": 10")
        #expect(Self.problems(mixed).contains { $0.hasPrefix("micro.sliding_window_size: extra key") })
    }

    @Test func writesTheOfficialLayoutAndReadsItBack() throws {
        guard case let .success(.v2(manifest)) = ManifestReader.read(text: Self.official) else {
            Issue.record("the official manifest did not read")
            return
        }
        #expect(manifest.jsonText == Self.official + "\n")
        let folder = TemporaryDirectory("manifest")
        let path = folder.appending("m.json").path
        try manifest.write(to: path)
        guard case let .success(.v2(again)) = ManifestReader.read(contentsOf: URL(fileURLWithPath: path)) else {
            Issue.record("the written manifest did not read")
            return
        }
        #expect(again == manifest)
        var bad = manifest
        bad.micro.minimumESPHomeVersion = "soon"
        #expect(throws: ManifestWriteError.self) { try bad.write(to: folder.appending("bad.json").path) }
        #expect(!FileManager.default.fileExists(atPath: folder.appending("bad.json").path))
    }
}
