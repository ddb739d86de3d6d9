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
