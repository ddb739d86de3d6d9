/// The micro frontend's integer square roots: the nearest integer to √x, computed in the C code bit by bit
/// (floor root r with remainder x − r², then r + 1 when the remainder exceeds r), and its quirks: values
/// below 2³² take the 32-bit routine, whose rounding never goes past 0xFFFF.
///
/// Here the floor root comes from a Double square root corrected by at most a step either way, which gives
/// the same floor root (and so the same result) several times faster than the bit-by-bit loop.
enum IntegerSquareRoot {
    @inline(__always)
    static func sqrt64(_ value: UInt64) -> UInt32 {
        var root: UInt64
        if value < 1 << 53 {
            // Exact in Double, and the square root is correctly rounded: never below the floor root, and
            // above it only when rounding reaches the next integer.
            root = UInt64(Double(Int64(bitPattern: value)).squareRoot())
            if root &* root > value { root -= 1 }
        } else {
            // Double rounding can leave the root off (and √(2⁶⁴−1) rounds up to 2³²): step to the floor root.
            root = min(UInt64(Double(value).squareRoot()), 0xFFFF_FFFF)
            while root &* root > value { root -= 1 }
            while root < 0xFFFF_FFFF, (root + 1) &* (root + 1) <= value { root += 1 }
        }
        let remainder = value &- root &* root
        let limit: UInt64 = value >> 32 == 0 ? 0xFFFF : 0xFFFF_FFFF
        if remainder > root && root != limit { root &+= 1 }
        return UInt32(truncatingIfNeeded: root)
    }

    /// `sqrt64` of `count` values, each shifted down by `shift`, into `output`. Pairs of values below 2⁵²
    /// (the filterbank's sums always are, unless an energy wrapped) take `rootsBelow2To52`.
    @inline(__always)
    static func roots(of values: UnsafePointer<UInt64>, count: Int, shift: Int, into output: UnsafeMutablePointer<UInt32>) {
        var index = 0
        while index &+ 2 <= count {
            let pair = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD2<UInt64>.self)
            if (pair[0] | pair[1]) >> 52 == 0 {
                let roots = rootsBelow2To52(pair) &>> UInt64(shift)
                output[index] = UInt32(truncatingIfNeeded: roots[0])
                output[index &+ 1] = UInt32(truncatingIfNeeded: roots[1])
            } else {
                output[index] = sqrt64(pair[0]) >> UInt32(shift)
                output[index &+ 1] = sqrt64(pair[1]) >> UInt32(shift)
            }
            index &+= 2
        }
        if index < count {
            output[index] = sqrt64(values[index]) >> UInt32(shift)
        }
    }

    /// `sqrt64` of two values below 2⁵², in Double lanes where every step is exact: the values and the
    /// squares of roots below 2²⁶ are integers below 2⁵³. The correctly rounded square root rounded to the
    /// nearest integer is the floor root or one more, and one comparison of its square settles which.
    /// Written with bit masks rather than lane selections so that it stays in vector instructions.
    @inline(__always)
    static func rootsBelow2To52(_ values: SIMD2<UInt64>) -> SIMD2<UInt64> {
        // 2⁵² + v has v as its mantissa bits, so reinterpreting them and subtracting 2⁵² converts exactly
        // (and adding 2⁵² to a Double below 2⁵² rounds it to an integer and puts that in the low bits).
        let twoTo52 = SIMD2<Double>(repeating: 4_503_599_627_370_496)
        let exponentBits = SIMD2<UInt64>(repeating: 0x4330_0000_0000_0000)
        let one = unsafeBitCast(SIMD2<Double>(repeating: 1), to: SIMD2<UInt64>.self)
        let value = unsafeBitCast(values | exponentBits, to: SIMD2<Double>.self) - twoTo52
        // `magnitude` changes nothing (the values are positive) but tells the compiler so.
        let squareRoot = SIMD2(value[0].magnitude.squareRoot(), value[1].magnitude.squareRoot())
        var root = (squareRoot + twoTo52) - twoTo52
        let tooLarge = unsafeBitCast(root * root .> value, to: SIMD2<UInt64>.self)
        root -= unsafeBitCast(tooLarge & one, to: SIMD2<Double>.self)
        // Round to the nearest: one more when the remainder exceeds the root, except that values below
        // 2³² take the 32-bit routine, which never rounds 0xFFFF up.
        let roundsUp = unsafeBitCast(value - root * root .> root, to: SIMD2<UInt64>.self)
        let capped = unsafeBitCast(root .== 65535, to: SIMD2<UInt64>.self)
            & unsafeBitCast(value .< 4_294_967_296, to: SIMD2<UInt64>.self)
        root += unsafeBitCast(roundsUp & ~capped & one, to: SIMD2<Double>.self)
        return unsafeBitCast(root + twoTo52, to: SIMD2<UInt64>.self) & 0xFFFF_FFFF
    }

    /// The C code's bit-by-bit routine for 64-bit values, kept as the reference `sqrt64` is tested against.
    static func bitwise(_ value: UInt64) -> UInt32 {
        if value == 0 { return 0 }
        let is32 = value >> 32 == 0
        let width = is32 ? 32 : 64
        var number = value
        var result: UInt64 = 0
        let maxBitNumber = (is32 ? UInt32(value).leadingZeroBitCount : value.leadingZeroBitCount) | 1
        var bit: UInt64 = 1 << UInt64(width - 1 - maxBitNumber)
        var iterations = (width - 1 - maxBitNumber) / 2 + 1
        while iterations > 0 {
            iterations -= 1
            if number >= result &+ bit {
                number &-= result &+ bit
                result = (result >> 1) &+ bit
            } else {
                result >>= 1
            }
            bit >>= 2
        }
        if number > result && result != (is32 ? 0xFFFF : 0xFFFF_FFFF) { result &+= 1 }
        return UInt32(truncatingIfNeeded: result)
    }
}
