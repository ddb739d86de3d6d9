/// gemmlowp's fixed-point logistic (`fixedpoint.h`: `logistic`, `exp_on_negative_values`,
/// `one_over_one_plus_x_for_x_in_0_1`) as TFLite Micro's int8 LOGISTIC uses it: Q4.27 in, Q0.31 out.
enum GemmlowpLogistic {
    /// The int8 kernel for one input value already offset by the input zero point.
    static func int8(input: Int32, radius: Int32, multiplier: Int32, shift: Int32) -> Int8 {
        if input <= -radius { return Int8.min }
        if input >= radius { return Int8.max }
        let q4 = multiplyByQuantizedMultiplier(input, multiplier, shift)
        let q0 = logistic(q4)
        let q23 = roundingDivideByPowerOfTwo(q0, 23)
        return Int8(min(max(q23 &- 128, -128), 127))
    }

    /// logistic(a) for `a` in Q4.27: a result in Q0.31.
    static func logistic(_ a: Int32) -> Int32 {
        if a == 0 { return 1 << 30 }
        let positive = logisticOfPositive(a > 0 ? a : 0 &- a)
        return a > 0 ? positive : Int32.max &- positive
    }

    private static func logisticOfPositive(_ a: Int32) -> Int32 {
        oneOverOnePlus(expOfNegative(0 &- a))
    }

    private static func multiply(_ a: Int32, _ b: Int32) -> Int32 { saturatingRoundingDoublingHighMultiply(a, b) }

    /// exp(a) for a ≤ 0 in Q4.27 (4 integer bits, 27 fractional bits): Q0.31.
    static func expOfNegative(_ a: Int32) -> Int32 {
        let oneQuarter: Int32 = 1 << 25
        let mask = oneQuarter - 1
        let aModQuarterMinusQuarter = (a & mask) &- oneQuarter
        var result = expOnQuarterInterval(saturatingMultiplyByPowerOfTwo(aModQuarterMinusQuarter, 4))
        let remainder = aModQuarterMinusQuarter &- a
        let barrel: [(Int32, Int32)] = [(25, 1_672_461_947), (26, 1_302_514_674), (27, 790_015_084),
                                        (28, 290_630_308), (29, 39_332_535), (30, 720_401)]
        for (bit, factor) in barrel where remainder & (1 << bit) != 0 {
            result = multiply(result, factor)
        }
        return a == 0 ? Int32.max : result
    }

    /// exp(a) for a in [−1/4, 0) in Q0.31.
    private static func expOnQuarterInterval(_ a: Int32) -> Int32 {
        let constantTerm: Int32 = 1_895_147_668
        let oneThird: Int32 = 715_827_883
        let x = a &+ (1 << 28)
        let x2 = multiply(x, x)
        let x3 = multiply(x2, x)
        let x4 = multiply(x2, x2)
        let x4Over4 = roundingDivideByPowerOfTwo(x4, 2)
        let polynomial = roundingDivideByPowerOfTwo(multiply(x4Over4 &+ x3, oneThird) &+ x2, 1)
        return constantTerm &+ multiply(constantTerm, x &+ polynomial)
    }

    /// 1 / (1 + a) for a in [0, 1) in Q0.31: Newton-Raphson on the half denominator, in Q2.29.
    private static func oneOverOnePlus(_ a: Int32) -> Int32 {
        let sum = Int64(a) + Int64(Int32.max)
        let halfDenominator = Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
        let fortyEightOver17: Int32 = 1_515_870_810
        let minusThirtyTwoOver17: Int32 = -1_010_580_540
        let oneQ2: Int32 = 1 << 29
        var x = fortyEightOver17 &+ multiply(halfDenominator, minusThirtyTwoOver17)
        for _ in 0 ..< 3 {
            let product = multiply(halfDenominator, x)
            let oneMinus = oneQ2 &- product
            x = x &+ saturatingMultiplyByPowerOfTwo(multiply(x, oneMinus), 2)
        }
        return saturatingMultiplyByPowerOfTwo(x, 1)
    }
}
