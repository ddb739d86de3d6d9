import Config
import Testing
import TestSupport
import Training
@testable import Export

/// Refusing early: a model shape the firmware cannot run is a configuration problem with a way out.
@Suite struct DeviceCompatibilityTests {
    @Test func theDefaultShapesRun() {
        #expect(DeviceCompatibility.problems(MixedNetArchitecture()).isEmpty)
        for (_, architecture) in TestModels.architectures {
            #expect(DeviceCompatibility.problems(architecture).isEmpty)
        }
    }

    @Test func tooManyBuffersNamesRepeatsThatFit() throws {
        // 1 (first conv) + 4·4 repeats + 1 (head) = 18 buffers; 6 repeats in a block make 20; 7 make 21.
        var architecture = MixedNetArchitecture(blocks: [
            .init(filters: 8, repeats: 7, kernelSizes: [3]), .init(filters: 8, repeats: 5, kernelSizes: [5]),
            .init(filters: 8, repeats: 2, kernelSizes: [1]), .init(filters: 8, repeats: 5, kernelSizes: [3]),
        ])
        #expect(architecture.streamingStateCount == 19)
        #expect(DeviceCompatibility.problems(architecture).isEmpty)
        architecture.blocks[0].repeats = 9
        #expect(architecture.streamingStateCount == 21)
        let problems = DeviceCompatibility.problems(architecture)
        #expect(problems.map(\.key) == ["repeat_in_block"])
        #expect(problems.first?.message.contains("21 streaming buffers") == true)
        #expect(problems.first?.message.hasSuffix("use repeat_in_block: [8, 5, 2, 5] (20 buffers)") == true)
        // The suggestion fits.
        architecture.blocks[0].repeats = 8
        #expect(DeviceCompatibility.problems(architecture).isEmpty)
    }

    @Test func tooManyBlocksSuggestsFewerBlocks() {
        let architecture = MixedNetArchitecture(blocks: Array(repeating: .init(filters: 4, kernelSizes: [3]), count: 22))
        let problems = DeviceCompatibility.problems(architecture)
        #expect(problems.map(\.key) == ["pointwise_filters"])
        #expect(problems.first?.message.contains("at most 18 blocks") == true)
    }

    @Test func spatialAttentionIsRefused() {
        var architecture = MixedNetArchitecture()
        architecture.spatialAttention = true
        #expect(DeviceCompatibility.problems(architecture).map(\.key) == ["spatial_attention"])
    }

    @Test func theConfigCheckPointsAtTheLine() throws {
        let yaml = """
        model:
          pointwise_filters: [16, 16]
          repeat_in_block: [12, 9]
          mixconv_kernel_sizes: [[3], [5]]
          residual_connection: [false, false]
        """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(yaml, source: "c.yaml", base: "/tmp", checks: DeviceCompatibility.configChecks) }
        do {
            _ = try ConfigLoader.parse(yaml, source: "c.yaml", base: "/tmp", checks: DeviceCompatibility.configChecks)
        } catch {
            #expect(error.lines == ["c.yaml:3:3: model.repeat_in_block: the model needs 23 streaming buffers (one per temporal layer with memory) and ESPHome holds at most 20 resource variables per model: use repeat_in_block: [9, 9] (20 buffers)"])
        }
        #expect(throws: Never.self) { try ConfigLoader.parse("model:\n  stride: 3\n", source: "c.yaml", base: "/tmp", checks: DeviceCompatibility.configChecks) }
    }
}
