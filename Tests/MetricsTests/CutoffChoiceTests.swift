import Metrics
import Testing

@Suite struct CutoffChoiceTests {
    let cutoffs = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    let recall = [1.0, 0.9, 0.8, 0.5, 0.5, 0.0]

    @Test func choosesAgainstTheUpperBoundNotThePointEstimate() throws {
        // 10 h: counts 3 → 0.3/h (bound 8.767/10 = 0.877), 1 → 0.1/h (bound 0.557), 0 → bound 0.369
        let rates = try FalseAcceptRates(cutoffs: cutoffs, counts: [100, 3, 1, 0, 0, 0], hours: 10)
        let choice = try CutoffChoice(recall: recall, rates: rates, target: 0.5)
        // bound ≤ 0.5 at 0.6 and 0.8, equal recall: the higher cutoff
        #expect(choice.cutoff == 0.8 && choice.index == 4 && choice.recall == 0.5 && choice.meetsTarget)
        #expect(choice.falseAccepts == 0 && abs(choice.upperBound - 0.36888794541139354) < 1e-12)
        // the point estimate would have claimed 0.9 recall at 0.2 (0.3/h measured, up to 0.88/h at 95 %)
        #expect(try recallAtRate(recall: recall, perHour: rates.perHour, target: 0.5, cutoffs: cutoffs) == (0.9, 0.2))
        let looser = try CutoffChoice(recall: recall, rates: rates, target: 0.6)
        #expect(looser.cutoff == 0.4 && looser.recall == 0.8 && looser.falseAccepts == 1)
    }

    @Test func tooLittleAudioFallsBackToTheSmallestBoundAndSaysSo() throws {
        // 1 h: even zero false accepts only bound the rate at 3.69/h, above 0.5
        let rates = try FalseAcceptRates(cutoffs: cutoffs, counts: [100, 3, 1, 0, 0, 0], hours: 1)
        let choice = try CutoffChoice(recall: recall, rates: rates, target: 0.5)
        #expect(!choice.meetsTarget && choice.falseAccepts == 0 && choice.cutoff == 0.8)
        // a model that accepts at every allowed cutoff: the fewest false accepts decide, then recall
        let noisy = try FalseAcceptRates(cutoffs: cutoffs, counts: [100, 9, 7, 4, 4, 0], hours: 1)
        let fallback = try CutoffChoice(recall: recall, rates: noisy, target: 0.5)
        #expect(!fallback.meetsTarget && fallback.cutoff == 0.8 && fallback.falseAccepts == 4)
    }

    @Test func neverChoosesACutoffOutsideTheManifestRange() throws {
        let rates = try FalseAcceptRates(cutoffs: cutoffs, counts: [0, 0, 0, 0, 0, 0], hours: 100)
        let choice = try CutoffChoice(recall: recall, rates: rates, target: 0.5)
        #expect(choice.cutoff == 0.2 && choice.recall == 0.9) // 0.0 would give recall 1 but cannot ship
        #expect(throws: MetricsError.self) {
            try CutoffChoice(recall: [1], rates: FalseAcceptRates(cutoffs: [1], counts: [0], hours: 1), target: 0.5)
        }
    }
}
