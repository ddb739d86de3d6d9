/// Eight int16 lanes, the vector the fixed-point stages work on. Adding and subtracting wrap in 16 bits
/// by themselves, as the C code's stores to int16 do. Products and shifts need 32 bits: `split` gives the
/// even and odd lanes sign-extended into four int32 lanes each (a reinterpretation and two shifts, which
/// baseline x86-64 has; products of such values compile to multiply-add instructions), `join` puts the
/// low 16 bits of each back together.
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
