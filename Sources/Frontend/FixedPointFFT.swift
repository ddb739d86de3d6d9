#if canImport(Glibc)
import Glibc
#endif

/// The real FFT of the micro frontend: kissfft built with `FIXED_POINT=16`, reproduced operation for
/// operation so every output bit matches.
///
/// kissfft computes an N-point real FFT as an N/2-point complex FFT of the samples taken in pairs, then
/// untangles the two halves with "super twiddles". The complex FFT is mixed radix (radix 4 while the size
/// allows, then radix 2), decimation in time; every butterfly first divides its inputs by the radix
/// (`x · (32767 / radix)` in Q15 with rounding), so the output is the spectrum divided by N. All values
/// are int16 (held here in int32 lanes) and every intermediate that kissfft stores in an int16 is truncated
/// to 16 bits here too.
///
/// kissfft runs its stages recursively; butterflies of one stage touch disjoint blocks and are pure integer
/// arithmetic, so running each stage over all blocks (innermost stage first, eight butterflies at a time
/// in int16 lanes where the stage allows, in any order) gives identical results.
///
/// The tables point into the `TableStorage` given at creation, which must outlive this value.
struct FixedPointRealFFT: @unchecked Sendable {
    /// One butterfly stage: `radix` sub-transforms of length `m` combined; twiddle j (1 … radix − 1) of
    /// butterfly k is at `[(j − 1) · m + k]`, except for radix-4 stages with m = 4, whose twiddles are
    /// stored twice in a row (`[(j − 1) · 8 + k]` and `[(j − 1) · 8 + 4 + k]`) for the 8-lane kernel.
    struct Stage {
        let radix: Int
        let m: Int
        let twiddleReal: UnsafePointer<Int16>
        let twiddleImaginary: UnsafePointer<Int16>
        /// The same twiddles as coefficient pairs for `pairProducts`: (re, −im) and (im, re) at `[2i]`, `[2i + 1]`.
        let pairReal: UnsafePointer<Int16>
        let pairImaginary: UnsafePointer<Int16>
    }

    /// Real input length (a power of two).
    let size: Int
    /// Complex FFT length, size / 2.
    let complexSize: Int
    /// For each position of the complex work buffer, which real input sample its real part comes from.
    private let source: UnsafePointer<Int32>
    /// Stages in execution order (innermost first).
    private let stages: UnsafePointer<Stage>
    private let stageCount: Int
    /// When the innermost stage is radix 4 with twiddles (32767, 0) (exact no-ops after the divide) and
    /// eight butterflies fit in a row: for the butterfly reading complex inputs s, s + n/4, s + n/2, s + 3n/4
    /// (s < n/4), the work position of its first output, at `[s]`. Nil otherwise.
    private let innermostTargets: UnsafePointer<Int32>?
    /// Twiddles of the real-FFT post-processing, for k = 1 … complexSize / 2 at index k − 1.
    private let superReal: UnsafePointer<Int16>
    private let superImaginary: UnsafePointer<Int16>
    /// The same as coefficient pairs (see `Stage`).
    private let superPairReal: UnsafePointer<Int16>
    private let superPairImaginary: UnsafePointer<Int16>

    init(size: Int, storage: TableStorage) {
        precondition(size >= 4 && size & (size - 1) == 0, "the frontend FFT size must be a power of two ≥ 4")
        self.size = size
        let n = size / 2
        complexSize = n

        // kissfft's twiddles: floor(0.5 + 32767 · cos/sin(−2πi/n)), computed in Double.
        let pi = 3.141592653589793238462643383279502884197169399375105820974944
        let twiddles = (0 ..< n).map { index in
            let phase = -2 * pi * Double(index) / Double(n)
            return (Self.q15(cos(phase)), Self.q15(sin(phase)))
        }

        // Factors as kissfft chooses them: 4 while it divides, then 2 (then odd primes, never needed here).
        var factors: [(radix: Int, m: Int)] = []
        var remaining = n
        var radix = 4
        let floorSqrt = Double(n).squareRoot().rounded(.down)
        repeat {
            while remaining % radix != 0 {
                radix = radix == 4 ? 2 : radix == 2 ? 3 : radix + 2
                if Double(radix) > floorSqrt { radix = remaining }
            }
            remaining /= radix
            factors.append((radix, remaining))
        } while remaining > 1
        precondition(factors.allSatisfy { $0.radix == 2 || $0.radix == 4 }, "a power of two factors into 4s and 2s")

        // Where kissfft's recursion copies each input sample before the first butterfly.
        var permutation = [Int32](repeating: 0, count: n)
        func place(output: Int, input: Int, stride: Int, level: Int) {
            let (radix, m) = factors[level]
            if m == 1 {
                for j in 0 ..< radix { permutation[output + j] = Int32(input + j * stride) }
            } else {
                for k in 0 ..< radix {
                    place(output: output + k * m, input: input + k * stride, stride: stride * radix, level: level + 1)
                }
            }
        }
        place(output: 0, input: 0, stride: 1, level: 0)
        source = storage.store(permutation.map { 2 * $0 })

        var stages: [Stage] = []
        var fstride = 1
        for (radix, m) in factors {
            var real: [Int16] = [], imaginary: [Int16] = []
            for j in 1 ..< radix {
                for _ in 0 ..< (Self.pairsBlocks(radix: radix, m: m, complexSize: n) ? 2 : 1) {
                    for k in 0 ..< m {
                        let (re, im) = twiddles[(j * k * fstride) % n]
                        real.append(re)
                        imaginary.append(im)
                    }
                }
            }
            stages.append(Stage(radix: radix, m: m, twiddleReal: storage.store(real), twiddleImaginary: storage.store(imaginary),
                                pairReal: storage.store(Self.realPairs(real, imaginary)),
                                pairImaginary: storage.store(Self.imaginaryPairs(real, imaginary))))
            fstride *= radix
        }
        self.stages = storage.store(stages.reversed())
        stageCount = stages.count
        let innermost = stages[stages.count - 1]
        let identityTwiddles = (0 ..< innermost.radix - 1).allSatisfy {
            innermost.twiddleReal[$0 * innermost.m] == 32767 && innermost.twiddleImaginary[$0 * innermost.m] == 0
        }
        innermostTargets = identityTwiddles && innermost.radix == 4 && innermost.m == 1 && n % 32 == 0
            ? Self.innermostTargets(permutation: permutation, complexSize: n).map { storage.store($0) } : nil

        let halfTurn = 3.14159265358979323846264338327
        let superTwiddles = (0 ..< n / 2).map { index in
            let phase = -halfTurn * (Double(index + 1) / Double(n) + 0.5)
            return (Self.q15(cos(phase)), Self.q15(sin(phase)))
        }
        superReal = storage.store(superTwiddles.map(\.0))
        superImaginary = storage.store(superTwiddles.map(\.1))
        superPairReal = storage.store(Self.realPairs(superTwiddles.map(\.0), superTwiddles.map(\.1)))
        superPairImaginary = storage.store(Self.imaginaryPairs(superTwiddles.map(\.0), superTwiddles.map(\.1)))
    }

    /// (re, −im) per twiddle: `pairProducts` with (ar, ai) gives ar·re − ai·im. Twiddles never hold −32768.
    private static func realPairs(_ real: [Int16], _ imaginary: [Int16]) -> [Int16] {
        zip(real, imaginary).flatMap { [$0, -$1] }
    }

    /// (im, re) per twiddle: `pairProducts` with (ar, ai) gives ar·im + ai·re.
    private static func imaginaryPairs(_ real: [Int16], _ imaginary: [Int16]) -> [Int16] {
        zip(real, imaginary).flatMap { [$1, $0] }
    }

    /// Where each innermost radix-4 butterfly writes, by its first input (see `innermostTargets`); nil
    /// unless butterfly q reads inputs b, b + n/4, b + n/2, b + 3n/4 for distinct b, as kissfft's
    /// recursion makes them.
    private static func innermostTargets(permutation: [Int32], complexSize n: Int) -> [Int32]? {
        var targets = [Int32](repeating: -1, count: n / 4)
        for position in stride(from: 0, to: n, by: 4) {
            let first = Int(permutation[position])
            guard first < n / 4, targets[first] < 0,
                  (1 ..< 4).allSatisfy({ Int(permutation[position + $0]) == first + $0 * n / 4 }) else { return nil }
            targets[first] = Int32(position)
        }
        return targets
    }

    /// Whether a stage runs 8 lanes over two neighbouring blocks (radix 4, m = 4, an even number of blocks).
    private static func pairsBlocks(radix: Int, m: Int, complexSize: Int) -> Bool {
        radix == 4 && m == 4 && complexSize % 32 == 0
    }

    private static func q15(_ value: Double) -> Int16 {
        Int16((0.5 + 32767 * value).rounded(.down))
    }

    /// Transforms `input` (`size` int16 samples) into `complexSize + 1` bins (`outputReal`,
    /// `outputImaginary`, each with room for 7 more values), using `workReal`/`workImaginary`
    /// (`complexSize` each) as scratch.
    @inline(__always)
    func transform(_ input: UnsafePointer<Int16>,
                   workReal: UnsafeMutablePointer<Int16>, workImaginary: UnsafeMutablePointer<Int16>,
                   outputReal: UnsafeMutablePointer<Int16>, outputImaginary: UnsafeMutablePointer<Int16>)
    {
        var first = 0
        if let innermostTargets {
            radix4Lanes(input, targets: innermostTargets, workReal, workImaginary)
            first = 1
        } else if stages[0].radix == 4 && stages[0].m == 1 {
            // The innermost stage reads the permuted input directly.
            radix4(stages[0], gathering: input, workReal, workImaginary)
            first = 1
        } else {
            var position = 0
            while position < complexSize {
                let index = Int(source[position])
                workReal[position] = input[index]
                workImaginary[position] = input[index &+ 1]
                position &+= 1
            }
        }
        for index in first ..< stageCount {
            let stage = stages[index]
            if stage.radix == 2 {
                radix2(stage, workReal, workImaginary)
            } else if stage.m % 8 == 0 || Self.pairsBlocks(radix: stage.radix, m: stage.m, complexSize: complexSize) {
                radix4Lanes(stage, workReal, workImaginary)
            } else {
                radix4(stage, workReal, workImaginary)
            }
        }
        untangle(workReal, workImaginary, outputReal, outputImaginary)
    }

    @inline(__always)
    private func radix4(_ stage: Stage, _ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>) {
        let m = stage.m, tr = stage.twiddleReal, ti = stage.twiddleImaginary
        var block = 0
        while block < complexSize {
            var k = 0
            while k < m {
                let i0 = block &+ k, i1 = i0 &+ m, i2 = i1 &+ m, i3 = i2 &+ m
                let a0r = divide4(Int32(re[i0])), a0i = divide4(Int32(im[i0]))
                let a1r = divide4(Int32(re[i1])), a1i = divide4(Int32(im[i1]))
                let a2r = divide4(Int32(re[i2])), a2i = divide4(Int32(im[i2]))
                let a3r = divide4(Int32(re[i3])), a3i = divide4(Int32(im[i3]))
                let w1r = Int32(tr[k]), w1i = Int32(ti[k])
                let w2r = Int32(tr[m &+ k]), w2i = Int32(ti[m &+ k])
                let w3r = Int32(tr[2 &* m &+ k]), w3i = Int32(ti[2 &* m &+ k])
                let s0r = round(a1r &* w1r &- a1i &* w1i), s0i = round(a1r &* w1i &+ a1i &* w1r)
                let s1r = round(a2r &* w2r &- a2i &* w2i), s1i = round(a2r &* w2i &+ a2i &* w2r)
                let s2r = round(a3r &* w3r &- a3i &* w3i), s2i = round(a3r &* w3i &+ a3i &* w3r)
                let s5r = wrap(a0r &- s1r), s5i = wrap(a0i &- s1i)
                let f0r = wrap(a0r &+ s1r), f0i = wrap(a0i &+ s1i)
                let s3r = wrap(s0r &+ s2r), s3i = wrap(s0i &+ s2i)
                let s4r = wrap(s0r &- s2r), s4i = wrap(s0i &- s2i)
                re[i2] = narrow(f0r &- s3r)
                im[i2] = narrow(f0i &- s3i)
                re[i0] = narrow(f0r &+ s3r)
                im[i0] = narrow(f0i &+ s3i)
                re[i1] = narrow(s5r &+ s4i)
                im[i1] = narrow(s5i &- s4r)
                re[i3] = narrow(s5r &- s4i)
                im[i3] = narrow(s5i &+ s4r)
                k &+= 1
            }
            block &+= 4 &* m
        }
    }

    /// `radix4` on four consecutive butterflies at a time (stages whose sub-transforms are a multiple of 4 long).
    /// `radix4` for the innermost stage (m = 1), reading each butterfly's inputs from the real input in
    /// kissfft's order instead of from a permuted copy.
    @inline(__always)
    private func radix4(_ stage: Stage, gathering input: UnsafePointer<Int16>,
                        _ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>)
    {
        let w1r = Int32(stage.twiddleReal[0]), w1i = Int32(stage.twiddleImaginary[0])
        let w2r = Int32(stage.twiddleReal[1]), w2i = Int32(stage.twiddleImaginary[1])
        let w3r = Int32(stage.twiddleReal[2]), w3i = Int32(stage.twiddleImaginary[2])
        var i0 = 0
        while i0 < complexSize {
            let i1 = i0 &+ 1, i2 = i0 &+ 2, i3 = i0 &+ 3
            let p0 = Int(source[i0]), p1 = Int(source[i1]), p2 = Int(source[i2]), p3 = Int(source[i3])
            let a0r = divide4(Int32(input[p0])), a0i = divide4(Int32(input[p0 &+ 1]))
            let a1r = divide4(Int32(input[p1])), a1i = divide4(Int32(input[p1 &+ 1]))
            let a2r = divide4(Int32(input[p2])), a2i = divide4(Int32(input[p2 &+ 1]))
            let a3r = divide4(Int32(input[p3])), a3i = divide4(Int32(input[p3 &+ 1]))
            let s0r = round(a1r &* w1r &- a1i &* w1i), s0i = round(a1r &* w1i &+ a1i &* w1r)
            let s1r = round(a2r &* w2r &- a2i &* w2i), s1i = round(a2r &* w2i &+ a2i &* w2r)
            let s2r = round(a3r &* w3r &- a3i &* w3i), s2i = round(a3r &* w3i &+ a3i &* w3r)
            let s5r = wrap(a0r &- s1r), s5i = wrap(a0i &- s1i)
            let f0r = wrap(a0r &+ s1r), f0i = wrap(a0i &+ s1i)
            let s3r = wrap(s0r &+ s2r), s3i = wrap(s0i &+ s2i)
            let s4r = wrap(s0r &- s2r), s4i = wrap(s0i &- s2i)
            re[i2] = narrow(f0r &- s3r)
            im[i2] = narrow(f0i &- s3i)
            re[i0] = narrow(f0r &+ s3r)
            im[i0] = narrow(f0i &+ s3i)
            re[i1] = narrow(s5r &+ s4i)
            im[i1] = narrow(s5i &- s4r)
            re[i3] = narrow(s5r &- s4i)
            im[i3] = narrow(s5i &+ s4r)
            i0 &+= 4
        }
    }

    /// The innermost radix-4 stage (see `innermostTargets`) for eight butterflies at a time, those reading
    /// inputs s … s + 7 (+ j·n/4): their inputs are contiguous, so they load as vectors (real and imaginary
    /// parts alternate and are separated by a pack), and each butterfly's four outputs are neighbours at its
    /// target, so transposing the outputs gives one 8-byte store per butterfly and part. Its twiddles are
    /// all kissfft's twiddle 0, (32767, 0), and multiplying by it is exact after `divide4`: for |x| ≤ 8192,
    /// (32767·x + 16384) >> 15 = x. So only the additions remain, in int16 lanes.
    @inline(__always)
    private func radix4Lanes(_ input: UnsafePointer<Int16>, targets: UnsafePointer<Int32>,
                             _ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>)
    {
        let quarter = complexSize / 4
        var s = 0
        while s < quarter {
            @inline(__always) func load(_ j: Int) -> (real: Lanes16, imaginary: Lanes16) {
                let pointer = input + 2 &* (s &+ j &* quarter)
                let first = unsafeBitCast(load8(pointer), to: Lanes32.self)
                let second = unsafeBitCast(load8(pointer + 8), to: Lanes32.self)
                // Each int32 lane holds a real part (low half) and an imaginary part (high half).
                return (divide4(truncated(SIMD8(lowHalf: first, highHalf: second))),
                        divide4(truncated(SIMD8(lowHalf: first &>> 16, highHalf: second &>> 16))))
            }
            @inline(__always) func scatter(_ y0: Lanes16, _ y1: Lanes16, _ y2: Lanes16, _ y3: Lanes16,
                                           _ target: UnsafeMutablePointer<Int16>)
            {
                // Lanes are butterflies; interleaving twice puts each butterfly's four outputs side by side.
                let low01 = unsafeBitCast(interleavedLow(y0, y1), to: Lanes32.self)
                let low23 = unsafeBitCast(interleavedLow(y2, y3), to: Lanes32.self)
                let high01 = unsafeBitCast(interleavedHigh(y0, y1), to: Lanes32.self)
                let high23 = unsafeBitCast(interleavedHigh(y2, y3), to: Lanes32.self)
                @inline(__always) func put(_ outputs: Lanes32, _ butterfly: Int) {
                    let halves = unsafeBitCast(outputs, to: SIMD2<Int64>.self)
                    UnsafeMutableRawPointer(target + Int(targets[s &+ butterfly])).storeBytes(of: halves[0], as: Int64.self)
                    UnsafeMutableRawPointer(target + Int(targets[s &+ butterfly &+ 1])).storeBytes(of: halves[1], as: Int64.self)
                }
                put(Lanes32(low01[0], low23[0], low01[1], low23[1]), 0)
                put(Lanes32(low01[2], low23[2], low01[3], low23[3]), 2)
                put(Lanes32(high01[0], high23[0], high01[1], high23[1]), 4)
                put(Lanes32(high01[2], high23[2], high01[3], high23[3]), 6)
            }
            let a0 = load(0), a1 = load(1), a2 = load(2), a3 = load(3)
            let s5r = a0.real &- a2.real, s5i = a0.imaginary &- a2.imaginary
            let f0r = a0.real &+ a2.real, f0i = a0.imaginary &+ a2.imaginary
            let s3r = a1.real &+ a3.real, s3i = a1.imaginary &+ a3.imaginary
            let s4r = a1.real &- a3.real, s4i = a1.imaginary &- a3.imaginary
            scatter(f0r &+ s3r, s5r &+ s4i, f0r &- s3r, s5r &- s4i, re)
            scatter(f0i &+ s3i, s5i &- s4r, f0i &- s3i, s5i &+ s4r, im)
            s &+= 8
        }
    }

    /// `radix4` on eight butterflies at a time, in int16 lanes (products widened to int32). Stages whose
    /// sub-transforms are a multiple of 8 long take 8 consecutive butterflies; stages with m = 4 take the
    /// 4 butterflies of two neighbouring blocks (their twiddles are stored twice for this).
    @inline(__always)
    private func radix4Lanes(_ stage: Stage, _ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>) {
        let m = stage.m, tr = stage.pairReal, ti = stage.pairImaginary
        // With m = 4 a group of lanes spans two blocks: lanes 4…7 sit one block (16 values) further on.
        let split = m == 4
        let upper = split ? 4 * m : 4
        var block = 0
        while block < complexSize {
            var k = 0
            while k < m {
                let i0 = block &+ k, i1 = i0 &+ m, i2 = i1 &+ m, i3 = i2 &+ m
                @inline(__always) func get(_ pointer: UnsafeMutablePointer<Int16>) -> Lanes16 {
                    Lanes16(lowHalf: load4(pointer), highHalf: load4(pointer + upper))
                }
                @inline(__always) func put(_ value: Lanes16, _ pointer: UnsafeMutablePointer<Int16>) {
                    store4(value.lowHalf, pointer)
                    store4(value.highHalf, pointer + upper)
                }
                let length = split ? 8 : m
                let a0r = divide4(get(re + i0)), a0i = divide4(get(im + i0))
                let a1r = divide4(get(re + i1)), a1i = divide4(get(im + i1))
                let a2r = divide4(get(re + i2)), a2i = divide4(get(im + i2))
                let a3r = divide4(get(re + i3)), a3i = divide4(get(im + i3))
                let (s0r, s0i) = multiplyDivided(a1r, a1i, tr + 2 &* k, ti + 2 &* k)
                let (s1r, s1i) = multiplyDivided(a2r, a2i, tr + 2 &* (length &+ k), ti + 2 &* (length &+ k))
                let (s2r, s2i) = multiplyDivided(a3r, a3i, tr + 2 &* (2 &* length &+ k), ti + 2 &* (2 &* length &+ k))
                let s5r = a0r &- s1r, s5i = a0i &- s1i
                let f0r = a0r &+ s1r, f0i = a0i &+ s1i
                let s3r = s0r &+ s2r, s3i = s0i &+ s2i
                let s4r = s0r &- s2r, s4i = s0i &- s2i
                put(f0r &- s3r, re + i2)
                put(f0i &- s3i, im + i2)
                put(f0r &+ s3r, re + i0)
                put(f0i &+ s3i, im + i0)
                put(s5r &+ s4i, re + i1)
                put(s5i &- s4r, im + i1)
                put(s5r &- s4i, re + i3)
                put(s5i &+ s4r, im + i3)
                k &+= split ? 4 : 8
            }
            block &+= split ? 8 &* m : 4 &* m
        }
    }

    @inline(__always)
    private func radix2(_ stage: Stage, _ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>) {
        let m = stage.m, tr = stage.twiddleReal, ti = stage.twiddleImaginary
        var block = 0
        while block < complexSize {
            var k = 0
            while k < m {
                let i0 = block &+ k, i1 = i0 &+ m
                let a0r = divide2(Int32(re[i0])), a0i = divide2(Int32(im[i0]))
                let a1r = divide2(Int32(re[i1])), a1i = divide2(Int32(im[i1]))
                let wr = Int32(tr[k]), wi = Int32(ti[k])
                let pr = round(a1r &* wr &- a1i &* wi), pi = round(a1r &* wi &+ a1i &* wr)
                re[i1] = narrow(a0r &- pr)
                im[i1] = narrow(a0i &- pi)
                re[i0] = narrow(a0r &+ pr)
                im[i0] = narrow(a0i &+ pi)
                k &+= 1
            }
            block &+= 2 &* m
        }
    }

    /// The real-FFT post-processing: bins 0 … complexSize of the real input's spectrum. Bin k and bin
    /// n − k come from work values k and n − k; at k = n/2 both writes go to one bin and kissfft's second
    /// (the n − k one) wins.
    @inline(__always)
    private func untangle(_ re: UnsafeMutablePointer<Int16>, _ im: UnsafeMutablePointer<Int16>,
                          _ outRe: UnsafeMutablePointer<Int16>, _ outIm: UnsafeMutablePointer<Int16>)
    {
        let n = complexSize
        let dcReal = divide2(Int32(re[0])), dcImaginary = divide2(Int32(im[0]))
        outRe[0] = narrow(dcReal &+ dcImaginary)
        outRe[n] = narrow(dcReal &- dcImaginary)
        outIm[0] = 0
        outIm[n] = 0
        let half = n / 2
        var k = 1
        if half % 8 == 0 {
            while k + 7 <= half {
                // Lanes k … k+7 and, reversed, n−k … n−k−7.
                let pr = divide2(load8(re + k)), pi = divide2(load8(im + k))
                let qr = divide2(reversed(load8(re + (n &- k &- 7))))
                let qi = divide2(0 &- reversed(load8(im + (n &- k &- 7))))
                let f1r = pr &+ qr, f1i = pi &+ qi
                let (tr, ti) = multiply(pr &- qr, pi &- qi, superPairReal + 2 &* (k &- 1), superPairImaginary + 2 &* (k &- 1))
                store8(halvedSum(f1r, tr), outRe + k)
                store8(halvedSum(f1i, ti), outIm + k)
                store8(reversed(halvedDifference(f1r, tr)), outRe + (n &- k &- 7))
                store8(reversed(halvedDifference(ti, f1i)), outIm + (n &- k &- 7))
                k &+= 8
            }
        }
        while k <= half {
            let pr = divide2(Int32(re[k])), pi = divide2(Int32(im[k]))
            let qr = divide2(Int32(re[n &- k])), qi = divide2(wrap(0 &- Int32(im[n &- k])))
            let f1r = wrap(pr &+ qr), f1i = wrap(pi &+ qi)
            let f2r = wrap(pr &- qr), f2i = wrap(pi &- qi)
            let wr = Int32(superReal[k &- 1]), wi = Int32(superImaginary[k &- 1])
            let tr = round(f2r &* wr &- f2i &* wi), ti = round(f2r &* wi &+ f2i &* wr)
            outRe[k] = narrow((f1r &+ tr) >> 1)
            outIm[k] = narrow((f1i &+ ti) >> 1)
            outRe[n &- k] = narrow((f1r &- tr) >> 1)
            outIm[n &- k] = narrow((ti &- f1i) >> 1)
            k &+= 1
        }
    }
}

// The arithmetic kissfft does on int16 values: one value at a time (in Int32), and eight int16 lanes at
// a time (see Int16Lanes.swift).

/// A value kissfft stores in an int16: the low 16 bits, sign-extended.
@inline(__always) private func wrap(_ value: Int32) -> Int32 {
    Int32(Int16(truncatingIfNeeded: value))
}

@inline(__always) private func narrow(_ value: Int32) -> Int16 {
    Int16(truncatingIfNeeded: value)
}

/// kissfft's `C_FIXDIV(x, 4)`: x · 8191 in Q15, rounded half up, stored as int16.
@inline(__always) private func divide4(_ value: Int32) -> Int32 {
    wrap((value &* 8191 &+ 16384) >> 15)
}

/// The same on eight lanes: (x·8191 + 2¹⁴) >> 15 = (x·16382 + 2¹⁵) >> 16.
@inline(__always) private func divide4(_ value: Lanes16) -> Lanes16 {
    highHalfRounded(value, 16382)
}

/// kissfft's `C_FIXDIV(x, 2)`: x · 16383 in Q15, rounded half up, stored as int16.
@inline(__always) private func divide2(_ value: Int32) -> Int32 {
    wrap((value &* 16383 &+ 16384) >> 15)
}

/// The same on eight lanes: (x·16383 + 2¹⁴) >> 15 = (x·32766 + 2¹⁵) >> 16.
@inline(__always) private func divide2(_ value: Lanes16) -> Lanes16 {
    highHalfRounded(value, 32766)
}

/// kissfft's `sround`: a Q30 product (or sum of products) rounded half up to Q15, stored as int16.
@inline(__always) private func round(_ product: Int32) -> Int32 {
    wrap((product &+ 16384) >> 15)
}

/// kissfft's `C_MUL` of eight values (ar, ai) by eight twiddles given as coefficient pairs (see `Stage`),
/// each part rounded to Q15 and stored as int16. The sums of products cannot overflow: twiddles never
/// hold −32768.
@inline(__always) private func multiply(_ ar: Lanes16, _ ai: Lanes16,
                                        _ real: UnsafePointer<Int16>, _ imaginary: UnsafePointer<Int16>) -> (Lanes16, Lanes16)
{
    let low = interleavedLow(ar, ai), high = interleavedHigh(ar, ai)
    @inline(__always) func rounded(_ sum: Lanes32) -> Lanes32 { (sum &+ 16384) &>> 15 }
    return (narrowed(rounded(pairProducts(low, load8(real))), rounded(pairProducts(high, load8(real + 8)))),
            narrowed(rounded(pairProducts(low, load8(imaginary))), rounded(pairProducts(high, load8(imaginary + 8)))))
}

/// `multiply` for factors that went through `divide4` (|a| ≤ 8192): the sums stay below 2³⁰ and the rounded
/// results fit in 16 bits, so (2x + 2¹⁵) >> 16, which equals (x + 2¹⁴) >> 15, narrows with a plain pack.
@inline(__always) private func multiplyDivided(_ ar: Lanes16, _ ai: Lanes16,
                                               _ real: UnsafePointer<Int16>, _ imaginary: UnsafePointer<Int16>) -> (Lanes16, Lanes16)
{
    let low = interleavedLow(ar, ai), high = interleavedHigh(ar, ai)
    @inline(__always) func rounded(_ sum: Lanes32) -> Lanes32 { ((sum &<< 1) &+ 32768) &>> 16 }
    return (narrowed(rounded(pairProducts(low, load8(real))), rounded(pairProducts(high, load8(real + 8)))),
            narrowed(rounded(pairProducts(low, load8(imaginary))), rounded(pairProducts(high, load8(imaginary + 8)))))
}

@inline(__always) private func reversed(_ value: Lanes16) -> Lanes16 {
    Lanes16(value[7], value[6], value[5], value[4], value[3], value[2], value[1], value[0])
}
