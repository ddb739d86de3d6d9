@testable import AudioIO
@testable import Config
@testable import Dataset
@testable import Device
@testable import Emulator
@testable import ESPHome
@testable import Evaluation
@testable import Export
@testable import Features
@testable import Frontend
import Foundation
@testable import Reporting
@testable import Support
@testable import TFLiteFormat
import TestSupport
import Testing
@testable import Training
@testable import Verification

/// docs/troubleshooting.md must explain every user-facing error message the test can enumerate: each case
/// of the typed errors (built with placeholder values), and the configuration problems and manifest problems
/// produced by feeding the real readers bad input. A message is covered when each of its fixed phrases (the
/// text between the values it fills in: numbers, quoted text, paths, operator names) appears on the page.
///
/// Messages written where they are raised (`Failure`, `DatasetError`, `SynthError`, `SourceError`, the
/// texts of `TrainingError.data`) are free text at hundreds of call sites: the page lists them by area, but
/// this test cannot enumerate them without scanning the sources, which would be brittle.
@Suite struct TroubleshootingCoverageTests {
    /// Stands for any text a message fills in.
    static let text = "⟪X⟫"
    /// Stands for any number a message fills in.
    static let number = 987_654

    static let page: String = {
        let url = Repository.root.appendingPathComponent("docs/troubleshooting.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The fixed phrases of a message: the text between filled-in values and semicolons (placeholders, numbers, quoted text,
    /// paths, operator names, and the description of a wrong value after "got"), each at least two words
    /// long; a message without such a phrase gives its longer words instead.
    static func phrases(of message: String) -> [String] {
        let filledIn = #/⟪X⟫|;|\bgot\b[^;]*|-?\d+(\.\d+)?|'[^']*'|"[^"]*"|\b[A-Z][A-Z0-9_]{2,}\b|\S*[./\[]\S*/#
        let pieces = message.split(separator: filledIn).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " :;,()?"))
        }
        let phrases = pieces.filter { $0.contains(" ") }
        if !phrases.isEmpty { return phrases }
        return pieces.filter { $0.count >= 4 }
    }

    /// Records an issue for each phrase of `error`'s message that the page does not contain.
    func expectCovered(_ error: any UserFacingError, _ name: String) {
        let phrases = Self.phrases(of: error.message)
        #expect(!phrases.isEmpty || error.message.isEmpty, "\(name): no fixed phrase in '\(error.message)'")
        for phrase in phrases where !Self.page.contains(phrase) {
            Issue.record("docs/troubleshooting.md does not explain \(name): missing '\(phrase)' of '\(error.message)'")
        }
    }

    @Test func theCheckCanFail() {
        #expect(Self.phrases(of: "the model file is truncated: ⟪X⟫ needs 12 bytes but the file has 3")
            == ["the model file is truncated", "bytes but the file has"])
        #expect(Self.phrases(of: "must be at least 1, got the text 'x'; did you mean 'y'?") == ["must be at least", "did you mean"])
        #expect(Self.phrases(of: "interrupted") == ["interrupted"])
        #expect(!Self.page.contains("a message no page explains"))
        #expect(Self.page.count > 1000, "docs/troubleshooting.md is missing or empty")
    }

    @Test func typedErrorsAreExplained() {
        let x = Self.text, n = Self.number
        let op = BuiltinOperator.conv2D
        // One entry per case; the switches below fail to compile when a case is added, so the list is updated.
        let emulator: [EmulatorError] = [
            .unsupportedOperator(op, subgraph: n, index: n), .malformedModel(x),
            .prepareFailed(op, subgraph: n, index: n, reason: x), .unsupportedConfiguration(op, subgraph: n, index: n, reason: x),
            .invokeFails(op, subgraph: n, index: n, reason: x), .invalidInput(x),
        ]
        for error in emulator {
            switch error {
            case .invalidInput: continue  // the caller's own sentence
            case .unsupportedOperator, .malformedModel, .prepareFailed, .unsupportedConfiguration, .invokeFails:
                expectCovered(error, "EmulatorError")
            }
        }
        let evaluation: [EvaluationError] = [
            .noPositiveClips, .noAmbientAudio, .manifestMissing(x), .manifestUnreadable(x), .legacyManifest(x),
            .modelMissing(x, manifest: x), .modelNotRunnable(x), .manifestNotWritten(x, x),
        ]
        for error in evaluation {
            switch error {
            case .manifestUnreadable: continue  // the manifest reader's own message, covered below
            case .noPositiveClips, .noAmbientAudio, .manifestMissing, .legacyManifest, .modelMissing, .modelNotRunnable,
                 .manifestNotWritten:
                expectCovered(error, "EvaluationError")
            }
        }
        for error in [MiningError.noNegativeSets, .notTrained(x)] {
            switch error { case .noNegativeSets, .notTrained: expectCovered(error, "MiningError") }
        }
        for error in [ExportError.noRepresentativeData(stride: n), .breaksDeviceContract([x, x]), .emulatorRefused(x), .file(x)] {
            switch error {
            case .file: continue  // a FileError's message, covered below
            case .noRepresentativeData, .breaksDeviceContract, .emulatorRefused: expectCovered(error, "ExportError")
            }
        }
        let format: [TFLiteFormatError] = [
            .truncated(what: x, needed: n, size: n), .outOfBounds(what: x, offset: n, size: n),
            .invalid(what: x, reason: x), .unrepresentable(what: x),
        ]
        for error in format {
            switch error { case .truncated, .outOfBounds, .invalid, .unrepresentable: expectCovered(error, "TFLiteFormatError") }
        }
        for error in [TrainingError.checkpointMismatch(x), .data(x, hint: x), .configuration(x, hint: x)] {
            switch error {
            case .checkpointMismatch: expectCovered(error, "TrainingError.checkpointMismatch")
            case .data, .configuration: continue  // free text at the call site
            }
        }
        for error in [FrontendError.unsupportedParameters(x)] {
            switch error { case .unsupportedParameters: expectCovered(error, "FrontendError") }
        }
        expectCovered(ModelSourceError.model(.unreadable(path: x, reason: x)), "TFLiteModelFileError.unreadable")
        expectCovered(ManifestWriteError.invalid(ManifestError(path: x, problems: [])), "ManifestWriteError")
        expectCovered(FileError(path: x, operation: x, reason: x), "FileError")
        expectCovered(Interrupted(), "Interrupted")
        expectCovered(JSONParseError(reason: x, line: n, column: n), "JSONParseError")
        expectCovered(ReportSectionError(path: x, reason: x), "ReportSectionError")
        expectCovered(ProgramError(program: x, reason: "not found on PATH"), "ProgramError")
        expectCovered(TransportError(path: x, reason: "no such port"), "TransportError")
        for error in [DeviceLoadError.notVirtual(port: x), .failed(port: x, detail: x), .noAnswer(port: x, attempts: n)] {
            switch error { case .notVirtual, .failed, .noAnswer: expectCovered(error, "DeviceLoadError") }
        }
        expectCovered(StoreError(x, "no feature store here; run `wakesmith features --config CFG` first"), "StoreError")
        expectCovered(YAMLSyntaxError(source: x, mark: nil, reason: x), "YAMLSyntaxError")
        expectCovered(DatasetError("dataset folder not found: \(x)"), "DatasetError")
        do throws(GroupPatternError) {
            _ = try GroupPattern("(a")
            Issue.record("expected an invalid group pattern")
        } catch {
            expectCovered(Failure(String(error.reason.prefix { $0 != ":" })), "GroupPatternError")
        }
    }

    /// Each text gives one kind of configuration problem (the value checks, the type readers, the section
    /// and cross-key checks).
    static let badConfigurations = [
        "- a list\n", "training: [1]\n", "training:\n  learnig_rates: [0.1]\n", "training:\n  batch_size: 1\n  batch_size: 2\n",
        "training:\n  feature_sets:\n    - {path: p, truth: true}\n", "training:\n  batch_size: fast\n",
        "training:\n  learning_rates: [fast]\n", "training:\n  learning_rates: [.inf]\n", "training:\n  mixed_precision: maybe\n",
        "training:\n  learning_rates: 3\n", "wake_word:\n  phrase: 123\n", "dataset:\n  root: ''\n",
        "training:\n  backend: tensorflw\n", "features:\n  word_end_offset_s: 3\n", "features:\n  word_end_offset_s: [0.3, 0.2]\n",
        "features:\n  slide_frames: 3\n", "features:\n  slide_frames: {train: 3}\n", "features:\n  slide_frames: {training: 0}\n",
        "features:\n  ambient_fraction: 1\n", "features:\n  ambient_fraction: [2, 0]\n", "training:\n  batch_size: 0\n",
        "features:\n  clip_duration_s: 0\n", "dataset:\n  clipping_fraction: 2\n", "export:\n  probability_cutoff: 1\n",
        "features:\n  augmentation:\n    pitch_semitones: [-30, 3]\n", "training:\n  training_steps: [1, 2]\n",
        "model:\n  pointwise_filters: [1]\n", "dataset:\n  splits: {train: 0.5}\n", "features:\n  word_end_offset_s: [0.1, 5]\n",
        "dataset:\n  group_pattern: '(a)(b)'\n",
        "training:\n  feature_sets:\n    - {name: a, path: p, truth: true}\n    - {name: a, path: q, truth: false}\n",
    ]
    // Left out: an invalid regular expression and malformed YAML end in the Regex parser's and libyaml's own
    // words; their fixed parts ("not a valid regular expression here", `YAMLSyntaxError`) are checked above.

    @Test func configurationProblemsAreExplained() {
        for text in Self.badConfigurations {
            do {
                _ = try ConfigLoader.parse(text, source: "config.yaml", base: "/project")
                Issue.record("expected a problem from:\n\(text)")
            } catch {
                #expect(!error.problems.isEmpty)
                for problem in error.problems {
                    // The sentence after the path it names (`training.batch_size: must be at least 1, got 0`).
                    let prefix = "\(problem.path): "
                    let sentence = problem.text.hasPrefix(prefix) ? String(problem.text.dropFirst(prefix.count)) : problem.text
                    expectCovered(Failure(sentence), "the configuration problem of \(text.debugDescription)")
                }
            }
        }
        for error in [ConfigError(source: "config.yaml", "no such configuration file (create one with `wakesmith init`)")] {
            expectCovered(error, "ConfigLoader")
        }
        do {
            _ = try Presets.load("fast_tst", base: "/project")
            Issue.record("expected an unknown preset")
        } catch {
            for problem in error.problems { expectCovered(Failure(problem.text), "Presets") }
        }
    }

    @Test func manifestProblemsAreExplained() {
        let manifests = [
            "{", "[]", #"{"type": "micro"}"#,
            #"{"type": "micro", "wake_word": "x", "author": "a", "website": "https://a", "model": "m.tflite", "trained_languages": ["en"], "version": 2, "micro": {"probability_cutoff": 2, "sliding_window_size": 5, "feature_step_size": 10, "tensor_arena_size": 30000, "minimum_esphome_version": 2024, "extra": 1}}"#,
        ]
        for text in manifests {
            switch ManifestReader.read(text: text, path: "m.json") {
            case .success: Issue.record("expected problems from \(text)")
            case let .failure(error):
                for problem in error.problems {
                    expectCovered(Failure(problem.message), "the manifest problem '\(problem)'")
                }
            }
        }
    }
}
