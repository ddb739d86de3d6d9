import Reporting
import Testing

@Suite struct AxisTests {
    @Test func linearTicksAreRoundNumbers() {
        #expect(AxisScale.linear.ticks(in: 0 ... 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(AxisScale.linear.ticks(in: 0 ... 7300, count: 5) == [0, 2000, 4000, 6000])
        #expect(AxisScale.linear.ticks(in: 3 ... 3) == [3])
    }

    @Test func logarithmicAndSymmetricLogTicks() {
        #expect(AxisScale.logarithmic.ticks(in: 0.01 ... 1000) == [0.01, 0.1, 1, 10, 100, 1000])
        #expect(AxisScale.symmetricLog(linearBelow: 0.1).ticks(in: 0 ... 250) == [0, 0.1, 1, 10, 100])
    }

    @Test func fractionsAlongEachScale() {
        #expect(Axis("x", domain: 0 ... 4).fraction(of: 1) == 0.25)
        #expect(abs(Axis("x", domain: 1 ... 1000, scale: .logarithmic).fraction(of: 10) - 1.0 / 3) < 1e-12)
        // symmetric log with 0.1: 0 → 0, 0.05 → 0.5, 0.1 → 1, 10 → 3, 1000 → 5 in the straight coordinate
        let fah = Axis("x", domain: 0 ... 1000, scale: .symmetricLog(linearBelow: 0.1))
        #expect(fah.fraction(of: 0) == 0)
        #expect(abs(fah.fraction(of: 0.05) - 0.1) < 1e-12)
        #expect(abs(fah.fraction(of: 10) - 0.6) < 1e-12)
        #expect(fah.fraction(of: -3) == 0)
    }

    @Test func tickLabelsArePlainDecimals() {
        #expect(Axis.format(0.5) == "0.5" && Axis.format(1500) == "1500" && Axis.format(0.001) == "0.001")
        #expect(Axis.format(-0.0001) == "0" && Axis.format(2.0) == "2")
        #expect(Axis.percent("recall").tickLabel(0.6000000000000001) == "60 %")
    }
}
