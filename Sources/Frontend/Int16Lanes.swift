/// Eight int16 lanes, the vector the fixed-point stages work on. Adding and subtracting wrap in 16 bits
/// by themselves, as the C code's stores to int16 do. Products need more: the helpers below are written
/// so that baseline x86-64 (SSE2) gets one instruction for each step — `pairProducts` is a multiply-add
/// of neighbouring lanes (`pmaddwd`), `highHalfRounded` a high and a low 16-bit product (`pmulhw`,
/// `pmullw`), `interleaved…` an unpack, `narrowed` a pack; `halved…` stay in 16 bits. `split` and `join` give the even and odd lanes
/// sign-extended into four int32 lanes each, and back.
typealias Lanes16 = SIMD8<Int16>
typealias Lanes32 = SIMD4<Int32>

/// The even and odd lanes of `value`, sign-extended to 32 bits.
@inline(__always) func split(_ value: Lanes16) -> (even: Lanes32, odd: Lanes32) {
    let pairs = unsafeBitCast(value, to: Lanes32.self)
    return ((pairs &<< 16) &>> 16, pairs &>> 16)
}

/// The low 16 bits of even and odd lanes, interleaved again.
@inline(__always) func join(_ even: Lanes32, _ odd: Lanes32) -> Lanes16 {
    unsafeBitCast((odd &<< 16) | (even & 0xFFFF), to: Lanes16.self)
}

/// `a[0], b[0], a[1], b[1], …, a[3], b[3]`.
@inline(__always) func interleavedLow(_ a: Lanes16, _ b: Lanes16) -> Lanes16 {
    Lanes16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3])
}

/// `a[4], b[4], …, a[7], b[7]`.
@inline(__always) func interleavedHigh(_ a: Lanes16, _ b: Lanes16) -> Lanes16 {
    Lanes16(a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
}

/// `a[2i]·b[2i] + a[2i+1]·b[2i+1]` for i = 0 … 3, exact in 32 bits unless all four factors are −32768.
@inline(__always) func pairProducts(_ a: Lanes16, _ b: Lanes16) -> Lanes32 {
    let products = widened(a) &* widened(b)
    return products.evenHalf &+ products.oddHalf
}

/// `(value · factor + 2¹⁵) >> 16` per lane, exactly: the high half of the 32-bit product plus the carry
/// that adding 2¹⁵ to its low half produces (the low half's top bit).
@inline(__always) func highHalfRounded(_ value: Lanes16, _ factor: Int16) -> Lanes16 {
    let high = truncated((widened(value) &* Int32(factor)) &>> 16)
    let low = unsafeBitCast(value &* factor, to: SIMD8<UInt16>.self)
    return high &+ unsafeBitCast(low &>> 15, to: Lanes16.self)
}

/// ⌊(a + b) / 2⌋ with the sum taken in 32 bits (kissfft's `HALF_OF(a + b)`), which always fits in 16:
/// with a = 2a₁ + a₀ and b = 2b₁ + b₀ it is a₁ + b₁ + (a₀ ∧ b₀).
@inline(__always) func halvedSum(_ a: Lanes16, _ b: Lanes16) -> Lanes16 {
    (a &>> 1) &+ (b &>> 1) &+ (a & b & 1)
}

/// ⌊(a − b) / 2⌋ with the difference taken in 32 bits, which always fits in 16: a₁ − b₁ − (¬a₀ ∧ b₀).
@inline(__always) func halvedDifference(_ a: Lanes16, _ b: Lanes16) -> Lanes16 {
    (a &>> 1) &- (b &>> 1) &- (b & ~a & 1)
}

/// The low 16 bits of (a · b) >> `shift` per lane, 0 < `shift` < 16: the high half of the 32-bit product
/// shifted up, with the top bits of the low half below it.
@inline(__always) func productBits(_ a: Lanes16, _ b: Lanes16, shift: Int16) -> Lanes16 {
    let high = truncated((widened(a) &* widened(b)) &>> 16)
    let low = unsafeBitCast(a &* b, to: SIMD8<UInt16>.self) &>> UInt16(shift)
    return (high &<< (16 &- shift)) | unsafeBitCast(low, to: Lanes16.self)
}

/// The low 16 bits of each lane of `low` then `high`.
@inline(__always) func narrowed(_ low: Lanes32, _ high: Lanes32) -> Lanes16 {
    truncated(SIMD8<Int32>(lowHalf: low, highHalf: high))
}

// The conversions lane by lane: the compiler turns them into vector instructions once inlined, whereas
// the standard library's generic `SIMD8(truncatingIfNeeded:)` can stay an out-of-line call when the
// optimizer splits a module over threads (as release builds do).

/// Each lane sign-extended to 32 bits.
@inline(__always) func widened(_ value: Lanes16) -> SIMD8<Int32> {
    SIMD8(Int32(value[0]), Int32(value[1]), Int32(value[2]), Int32(value[3]),
          Int32(value[4]), Int32(value[5]), Int32(value[6]), Int32(value[7]))
}

/// The low 16 bits of each lane.
@inline(__always) func truncated(_ value: SIMD8<Int32>) -> Lanes16 {
    Lanes16(Int16(truncatingIfNeeded: value[0]), Int16(truncatingIfNeeded: value[1]),
            Int16(truncatingIfNeeded: value[2]), Int16(truncatingIfNeeded: value[3]),
            Int16(truncatingIfNeeded: value[4]), Int16(truncatingIfNeeded: value[5]),
            Int16(truncatingIfNeeded: value[6]), Int16(truncatingIfNeeded: value[7]))
}

@inline(__always) func load8(_ pointer: UnsafePointer<Int16>) -> Lanes16 {
    UnsafeRawPointer(pointer).loadUnaligned(as: Lanes16.self)
}

@inline(__always) func load8(_ pointer: UnsafeMutablePointer<Int16>) -> Lanes16 {
    UnsafeRawPointer(pointer).loadUnaligned(as: Lanes16.self)
}

@inline(__always) func store8(_ value: Lanes16, _ pointer: UnsafeMutablePointer<Int16>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Lanes16.self)
}

@inline(__always) func load4(_ pointer: UnsafeMutablePointer<Int16>) -> SIMD4<Int16> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Int16>.self)
}

@inline(__always) func store4(_ value: SIMD4<Int16>, _ pointer: UnsafeMutablePointer<Int16>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Int16>.self)
}
