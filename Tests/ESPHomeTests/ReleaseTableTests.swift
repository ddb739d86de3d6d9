import Testing
@testable import ESPHome

@Suite struct ReleaseTableTests {
    @Test func versionsParseAndCompare() {
        #expect(ESPHomeVersion("2024.7.0") == ESPHomeVersion(2024, 7, 0))
        #expect(ESPHomeVersion("2026.6") == ESPHomeVersion(2026, 6, 0))
        #expect(ESPHomeVersion("2026.6", requirePatch: true) == nil)
        #expect(ESPHomeVersion("2024.7.x") == nil)
        #expect(ESPHomeVersion("") == nil)
        #expect(ESPHomeVersion(2024, 11, 1) < ESPHomeVersion(2025, 2, 0))
    }

    @Test func operatorSetsGrowAsTheReleasesDid() {
        #expect(OperatorSet.fourteen.operators.count == 14)
        #expect(OperatorSet.seventeen.operators.count == 17)
        #expect(OperatorSet.twenty.operators.count == 20)
        #expect(Set(OperatorSet.all).count == 20)
        #expect(OperatorSet.smallest(containing: ["CONV_2D", "DEPTHWISE_CONV_2D"]) == .seventeen)
        #expect(OperatorSet.smallest(containing: ["SPLIT_V"]) == .twenty)
        #expect(OperatorSet.smallest(containing: ["DEQUANTIZE"]) == nil)
    }

    @Test func releasesMapToTheirRows() throws {
        #expect(ReleaseTable.behaviour(of: ESPHomeVersion(2024, 1, 0)) == nil)
        #expect(ReleaseTable.behaviour(of: ESPHomeVersion(2024, 6, 2))?.operators == .seventeen)
        let jul2024 = try #require(ReleaseTable.behaviour(of: ESPHomeVersion(2024, 7, 0)))
        #expect(jul2024.garbageSteps == 2 && jul2024.detection == .floatAverage && jul2024.ignoreCounter.start == -74)
        let may2025 = try #require(ReleaseTable.behaviour(of: ESPHomeVersion(2025, 5, 3)))
        #expect(may2025.detection == .integerSum && !may2025.ignoreCounter.risesOnlyBelowCutoff)
        #expect(ReleaseTable.behaviour(of: ESPHomeVersion(2025, 6, 0))?.ignoreCounter.risesOnlyBelowCutoff == true)
        #expect(ReleaseTable.behaviour(of: ESPHomeVersion(2026, 5, 1))?.garbageSteps == 2)
        #expect(ReleaseTable.behaviour(of: ReleaseTable.defaultRelease)?.garbageSteps == 0)
        #expect(ReleaseTable.behaviour(of: ESPHomeVersion(2026, 10, 0))?.arena == .probe(v1Size: 45672))
        #expect(ReleaseTable.minimumRelease(forOperators: ["CONV_2D", "SPLIT_V"]) == ESPHomeVersion(2024, 7, 0))
        #expect(ReleaseTable.minimumRelease(forOperators: ["CONV_2D"], manifestVersion: 1) == ESPHomeVersion(2024, 2, 0))
    }
}
