import Config
import Foundation
import Support
import TestSupport
import Testing

/// Reads `text` as a config file in a fresh folder.
func load(_ text: String, file: String = "config.yaml") throws(ConfigError) -> WakesmithConfig {
    try ConfigLoader.parse(text, source: file, base: "/project")
}

/// The error a config text gives (a test failure when it loads).
func problems(_ text: String) -> ConfigError? {
    do {
        _ = try load(text)
        Issue.record("expected the config to be refused:\n\(text)")
        return nil
    } catch {
        return error
    }
}

@Suite struct ConfigLoadingTests {
    @Test func emptyFileGivesTheDefaults() throws {
        for text in ["", "# only a comment\n", "---\n", "null\n"] {
            let config = try load(text)
            var expected = WakesmithConfig()
            expected = expected.resolvingPaths(against: "/project")
            #expect(config == expected)
        }
        let defaults = WakesmithConfig()
        #expect(defaults.training.phases.count == 1)
        #expect(defaults.dataset.positive.minimumSeconds == 0.3)
        #expect(defaults.features.slideFrames.training == 10)
        #expect(defaults.export.agreementMaxClips == 2000)
    }

    @Test func unknownKeyNamesItsPathAndTheClosestKey() {
        let error = problems("training:\n  batch_size: 64\n  learnig_rates: [0.1]\n")
        #expect(error?.lines == ["config.yaml:3:3: unknown key 'training.learnig_rates'; did you mean 'learning_rates'?"])
        let far = problems("model:\n  zzzzzz: 1\n")
        #expect(far?.message.contains("unknown key 'model.zzzzzz'; valid keys: stride, first_conv_filters") == true)
        let section = problems("trainig:\n  batch_size: 64\n")
        #expect(section?.message.contains("unknown key 'trainig'; did you mean 'training'?") == true)
    }

    @Test func wrongTypeNamesItsPath() {
        let error = problems("training:\n  training_steps: [1, 2]\n  learning_rates: [0.1, fast]\n")
        #expect(error?.lines == ["config.yaml:3:25: training.learning_rates[1]: expected a number, got the text 'fast'"])
        #expect(problems("model:\n  stride: 2.5\n")?.message.contains("model.stride: expected a whole number, got the number 2.5") == true)
        #expect(problems("wake_word:\n  phrase: 123\n")?.message.contains("quote it") == true)
        #expect(problems("dataset: [1, 2]\n")?.message.contains("dataset: expected a mapping of keys, got a list") == true)
        #expect(problems("- a\n- b\n")?.message.contains("top level: must be a mapping of sections") == true)
        #expect(problems("training:\n  backend: tensorfow\n")?.message.contains("did you mean 'tensorflow'?") == true)
    }

    @Test func everyProblemIsListedNotOnlyTheFirst() {
        let error = problems("model:\n  stride: 0\n  pooled: maybe\nexport:\n  probability_cutoff: 1.0\n")
        #expect(error?.lines == [
            "config.yaml:2:11: model.stride: must be from 1 to 255, got 0",
            "config.yaml:3:11: model.pooled: expected true or false, got the text 'maybe'",
            "config.yaml:5:23: export.probability_cutoff: must be greater than 0.0 and less than 1.0, got 1.0",
        ])
    }

    @Test func malformedYAMLNamesLineAndColumn() {
        let error = problems("training:\n  learning_rates: [0.1, 0.2\n  batch_size: 3\n")
        #expect(error?.problems.first?.mark?.line == 3)
        #expect(error?.message.hasPrefix("config.yaml:3:") == true)
        #expect(error?.message.contains("not valid YAML") == true)
        #expect(error?.hint?.contains("line and column") == true)
        let tabs = problems("training:\n\tbatch_size: 3\n")
        #expect(tabs?.message.contains("config.yaml:2:1: not valid YAML") == true)
        #expect(problems("a: 1\n---\nb: 2\n")?.message.contains("a second YAML document") == true)
    }

    @Test func valueChecksFollowThePythonValidators() {
        #expect(problems("dataset:\n  splits: {train: 0.5, validation: 0.1, test: 0.1}\n")?.message
            .contains("dataset.splits: split ratios must sum to 1, got 0.7") == true)
        #expect(problems("training:\n  training_steps: [1, 2]\n  learning_rates: [0.1]\n")?.message
            .contains("training.learning_rates: must have one entry per phase (2), got 1") == true)
        #expect(problems("model:\n  pointwise_filters: [64]\n")?.message
            .contains("model.repeat_in_block: must have one entry per block (1), got 4") == true)
        #expect(problems("features:\n  word_end_offset_s: [0.3, 0.1]\n")?.message
            .contains("features.word_end_offset_s: must be [low, high] with low <= high") == true)
        #expect(problems("features:\n  clip_duration_s: 0.2\n")?.message
            .contains("features.word_end_offset_s: must be [low, high] with 0 <= low <= high < clip_duration_s (0.2)") == true)
        #expect(problems("features:\n  slide_frames: {training: 0}\n")?.message
            .contains("features.slide_frames.training: must be at least 1, got 0") == true)
        #expect(problems("features:\n  slide_frames: {train: 2}\n")?.message
            .contains("unknown split 'features.slide_frames.train'") == true)
        #expect(problems("features:\n  augmentation:\n    pitch_semitones: [-30, 2]\n")?.message
            .contains("must lie within [-24, 24]") == true)
        #expect(problems("dataset:\n  clipping_fraction: 2\n")?.message
            .contains("dataset.clipping_fraction: must be from 0.0 to 1.0, got 2.0") == true)
        #expect(problems("export:\n  agreement_max_clips: 0\n")?.message
            .contains("export.agreement_max_clips: must be at least 1, got 0") == true)
        #expect(problems("training:\n  feature_sets:\n    - {name: a, path: p}\n")?.message
            .contains("training.feature_sets[0]: missing required key 'truth'") == true)
        #expect(problems("training:\n  eval_every: 5\n  eval_every: 6\n")?.message
            .contains("training.eval_every: given twice") == true)
    }

    @Test func crossSectionChecksPointIntoTheFile() {
        let text = """
        training:
          feature_sets:
            - {name: a, path: x, truth: true}
            - {name: a, path: y, truth: false}
        """
        #expect(problems(text)?.lines == [
            "config.yaml:4:8: training.feature_sets[1].name: 'a' names an earlier feature set too; give each a different name",
        ])
        let extra = ConfigCheck(name: "stride") { config in
            config.model.stride > 2 ? [ConfigCheck.problem("too large for this exporter", at: ConfigPath().appending("model").appending("stride"))] : []
        }
        do {
            _ = try ConfigLoader.parse("model:\n  stride: 3\n", source: "c.yaml", base: "/", checks: [extra])
            Issue.record("the added check should refuse stride 3")
        } catch {
            #expect(error.lines == ["c.yaml:2:3: model.stride: too large for this exporter"])
        }
    }

    @Test func scalarsReadAsPyYAMLReadsThem() throws {
        let config = try load("""
        model:
          spatial_attention: yes
          pooled: off
          stride: 0x3
        training:
          learning_rates: [1e-3]
          batch_size: 1_024
        export:
          agreement_max_clips: ~
        wake_word:
          phrase: "123"
          website:
        """)
        #expect(config.model.spatialAttention && !config.model.pooled && config.model.stride == 3)
        #expect(config.training.learningRates == [0.001] && config.training.batchSize == 1024)
        #expect(config.export.agreementMaxClips == nil)
        #expect(config.wakeWord.phrase == "123" && config.wakeWord.website == nil)
    }

    @Test func relativePathsResolveAgainstTheConfigFile() throws {
        let folder = TemporaryDirectory("config-paths")
        let project = folder.appending("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let file = project.appendingPathComponent("config.yaml")
        try "dataset:\n  root: data\ntraining:\n  run_dir: ../runs/./a\n  feature_sets:\n    - {name: p, path: /abs/p, truth: true}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        // Loaded from another working directory through a relative path: paths still follow the file.
        let config = try ConfigLoader.load(path: file.path)
        let base = realPath(project.path)
        #expect(config.dataset.root == base + "/data")
        #expect(config.features.workDirectory == base + "/work")
        #expect(config.training.runDirectory == realPath(folder.path) + "/runs/a")
        #expect(config.training.featureSets[0].path == "/abs/p")
        #expect(config.export.outputDirectory == base + "/work/model")
    }

    @Test func missingFileIsAOneLineError() {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/config.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "/nonexistent/config.yaml: no such configuration file (create one with `wakesmith init`)")
        }
    }

    @Test func everyPresetLoads() throws {
        for name in Presets.names {
            let config = try Presets.load(name, base: "/project")
            #expect(config.training.trainingSteps.count == config.training.learningRates.count)
            #expect(!config.training.featureSets.isEmpty, "preset \(name) names no feature sets")
            #expect(config.dataset.root == "/project/dataset")
            let onDisk = try String(contentsOf: Repository.root.appendingPathComponent("configs/\(name).yaml"), encoding: .utf8)
            #expect(try Presets.text(of: name) == onDisk, "the built-in preset \(name) differs from configs/\(name).yaml")
        }
        #expect(throws: ConfigError.self) { try Presets.text(of: "fast") }
    }

    @Test func printedYAMLReadsBackToTheSameValues() throws {
        for name in Presets.names {
            let config = try Presets.load(name, base: "/project")
            let text = try #require(YAMLWriter.text(of: config.encoded))
            #expect(try load(text) == config)
        }
        var tricky = WakesmithConfig()
        tricky.wakeWord.phrase = "yes"
        tricky.wakeWord.author = ""
        tricky.wakeWord.website = "null"
        tricky.export.modelName = "0123"
        tricky.training.learningRates = [1e-5]
        tricky.dataset.groupPattern = "^(.+?)__ # x: y"
        let text = try #require(YAMLWriter.text(of: tricky.resolvingPaths(against: "/p").encoded))
        #expect(try load(text) == tricky.resolvingPaths(against: "/p"))
        #expect(text.contains("1.0e-05"))
    }
}
