@testable import Frontend
import Support
import Testing

@Suite struct FrontendParametersTests {
    @Test func deviceSizes() {
        let device = FrontendParameters.device
        #expect(device.windowSamples == 480 && device.stepSamples == 160 && device.fftSize == 512)
        #expect(device.frameCount(forSamples: 479) == 0)
        #expect(device.frameCount(forSamples: 480) == 1)
        #expect(device.frameCount(forSamples: 16000) == 98)
        #expect(device.frameCount(forSamples: 32000) == 198)
    }

    @Test func unusableSettingsAreRefused() {
        var parameters = FrontendParameters.device
        parameters.upperBandHz = 8000
        #expect(throws: FrontendError.self) { try MicroFrontend(parameters: parameters) }
        parameters = .device
        parameters.stepMilliseconds = 40
        #expect(throws: FrontendError.self) { try parameters.validate() }
        parameters = .device
        parameters.channelCount = 0
        #expect(throws: FrontendError.self) { try parameters.validate() }
    }

    @Test func otherSettingsRun() throws {
        // A 25 ms window and 32 channels (TFLite Micro's defaults) run through the same code.
        var parameters = FrontendParameters.device
        parameters.windowMilliseconds = 25
        parameters.channelCount = 32
        let frontend = try MicroFrontend(parameters: parameters)
        let samples = (0 ..< 4000).map { Int16(truncatingIfNeeded: ($0 * 7919) % 20000 - 10000) }
        let spectrogram = frontend.spectrogram(of: samples)
        #expect(spectrogram.channelCount == 32)
        #expect(spectrogram.frameCount == parameters.frameCount(forSamples: 4000))
        #expect(spectrogram.values.contains { $0 > 0 })
    }
}

@Suite struct IntegerSquareRootTests {
    @Test func matchesTheBitwiseRoutine() {
        var generator = SeededGenerator(seed: 5)
        var values: [UInt64] = [0, 1, 2, 3, 4, 0xFFFF * 0xFFFF, 0xFFFF * 0xFFFF + 0xFFFF, 0xFFFF_FFFF, 1 << 32,
                                (1 << 32) + 1, 1 << 52, (1 << 53) - 1, 1 << 53, UInt64.max, UInt64.max - 1]
        for root in [UInt64(3), 1000, 65535, 65536, 94_906_265, 4_294_967_295] {
            values += [root * root - 1, root * root, root * root + root, root * root + root + 1].filter { $0 >= root }
        }
        for _ in 0 ..< 20000 {
            let bits = generator.integer(in: 1 ... 64)
            values.append(generator.next() >> UInt64(64 - bits))
        }
        for value in values {
            #expect(IntegerSquareRoot.sqrt64(value) == IntegerSquareRoot.bitwise(value), "√\(value)")
        }
    }
}

extension IntegerSquareRootTests {
    @Test func pairsInDoubleLanesMatchTheBitwiseRoutine() {
        // Around every square the Double path could misjudge, the 32-bit routine's 0xFFFF cap, and the
        // 2⁵² boundary where pairs fall back to the scalar routine.
        var values: [UInt64] = [0, 1, 2, 3, 0xFFFF * 0xFFFF + 0xFFFF, 0xFFFF * 0xFFFF + 0xFFFF + 1, 0xFFFF_FFFF,
                                1 << 32, (1 << 52) - 1, 1 << 52, (1 << 53) + 5, UInt64.max]
        var generator = SeededGenerator(seed: 9)
        for _ in 0 ..< 3000 {
            let root = generator.next() >> UInt64(generator.integer(in: 38 ... 63))
            values += [root * root &- 1, root * root, root * root + root, root * root + root + 1]
            values.append(generator.next() >> UInt64(generator.integer(in: 12 ... 63)))
        }
        values.append(7)  // an odd count: the last value goes alone
        for shift in [0, 3] {
            var roots = [UInt32](repeating: 0, count: values.count)
            values.withUnsafeBufferPointer { input in
                roots.withUnsafeMutableBufferPointer { output in
                    IntegerSquareRoot.roots(of: input.baseAddress!, count: input.count, shift: shift, into: output.baseAddress!)
                }
            }
            for (value, root) in zip(values, roots) {
                #expect(root == IntegerSquareRoot.bitwise(value) >> UInt32(shift), "√\(value) >> \(shift)")
            }
        }
    }
}

@Suite struct Int16LanesTests {
    /// Eight lanes from a list of int16 values, cycling.
    private func lanes(_ values: [Int16], _ offset: Int) -> Lanes16 {
        var result = Lanes16()
        for lane in 0 ..< 8 { result[lane] = values[(offset + lane) % values.count] }
        return result
    }

    @Test func roundedHighHalvesAreKissfftsDivisions() {
        // Every int16 value: C_FIXDIV(x, 4) and C_FIXDIV(x, 2).
        for start in stride(from: Int(Int16.min), to: Int(Int16.max), by: 8) {
            let values = Lanes16((0 ..< 8).map { Int16(start + $0) })
            let byFour = highHalfRounded(values, 16382), byTwo = highHalfRounded(values, 32766)
            for lane in 0 ..< 8 {
                let x = Int32(values[lane])
                #expect(Int32(byFour[lane]) == (x * 8191 + 16384) >> 15, "\(x) / 4")
                #expect(Int32(byTwo[lane]) == (x * 16383 + 16384) >> 15, "\(x) / 2")
            }
        }
    }

    @Test func productBitsAreTheShifted32BitProduct() {
        var mismatches: [String] = []
        // Every int16 sample against window coefficients from 0 to 4096 (Q12) and a few negative factors.
        for factor in [0, 1, 2, 3, 1000, 2047, 2048, 4095, 4096, -1, -4096, 32767, -32768] as [Int16] {
            for start in stride(from: Int(Int16.min), to: Int(Int16.max), by: 8) {
                let values = Lanes16((0 ..< 8).map { Int16(start + $0) })
                for shift in [1, 12, 15] as [Int16] {
                    let bits = productBits(values, Lanes16(repeating: factor), shift: shift)
                    let expected = Lanes16((0 ..< 8).map {
                        Int16(truncatingIfNeeded: (Int32(values[$0]) * Int32(factor)) >> Int32(shift))
                    })
                    if bits != expected { mismatches.append("\(values) · \(factor) >> \(shift)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func halvedSumsAndDifferencesAreThe32BitOnes() {
        var generator = SeededGenerator(seed: 3)
        let extremes: [Int16] = [.min, .min + 1, -2, -1, 0, 1, 2, .max - 1, .max]
        var values = extremes
        for _ in 0 ..< 4000 { values.append(Int16(truncatingIfNeeded: generator.next())) }
        for offset in 0 ..< values.count {
            let a = lanes(values, offset), b = lanes(values.reversed(), offset * 7)
            let sum = halvedSum(a, b), difference = halvedDifference(a, b)
            for lane in 0 ..< 8 {
                #expect(Int32(sum[lane]) == (Int32(a[lane]) + Int32(b[lane])) >> 1)
                #expect(Int32(difference[lane]) == (Int32(a[lane]) - Int32(b[lane])) >> 1)
            }
        }
    }

    @Test func pairProductsWrapLikeInt32() {
        let a = Lanes16(.min, .min, .max, .min, 3, -4, 100, 200)
        let products = pairProducts(a, a)
        #expect(products == Lanes32(Int32.min, Int32(32767 * 32767) + Int32(1 << 30), 25, 50000))
        #expect(narrowed(Lanes32(65537, -1, 32768, -32769), Lanes32(1, 2, 3, 4)) == Lanes16(1, -1, .min, .max, 1, 2, 3, 4))
        #expect(interleavedLow(Lanes16(0, 1, 2, 3, 4, 5, 6, 7), Lanes16(10, 11, 12, 13, 14, 15, 16, 17))
            == Lanes16(0, 10, 1, 11, 2, 12, 3, 13))
        #expect(interleavedHigh(Lanes16(0, 1, 2, 3, 4, 5, 6, 7), Lanes16(10, 11, 12, 13, 14, 15, 16, 17))
            == Lanes16(4, 14, 5, 15, 6, 16, 7, 17))
    }
}

@Suite struct MelFilterbankTests {
    /// The C code's loop, value by value: int32 energies (wrapping) sign-extended, 64-bit sums, the
    /// bit-by-bit square root.
    private func reference(_ filterbank: MelFilterbank, _ real: [Int16], _ imaginary: [Int16], shift: Int) -> [UInt32] {
        var output: [UInt32] = []
        var bin = filterbank.startBin
        var carried: UInt64 = 0
        for band in 0 ... filterbank.channelCount {
            var weighted: UInt64 = 0, unweighted: UInt64 = 0
            while bin < filterbank.bandEnd[band] {
                let energy = Int32(real[bin]) &* Int32(real[bin]) &+ Int32(imaginary[bin]) &* Int32(imaginary[bin])
                let wide = UInt64(bitPattern: Int64(energy))
                weighted &+= UInt64(filterbank.weights[bin]) &* wide
                unweighted &+= UInt64(filterbank.unweights[bin]) &* wide
                bin += 1
            }
            if band > 0 { output.append(IntegerSquareRoot.bitwise(carried &+ weighted) >> UInt32(shift)) }
            carried = unweighted
        }
        return output
    }

    @Test func wrappedEnergiesAndFullScaleBinsMatchTheCLoop() throws {
        let storage = TableStorage()
        let filterbank = try MelFilterbank(parameters: .device, storage: storage)
        let bins = filterbank.scratchBins
        var generator = SeededGenerator(seed: 11)
        // Random spectra, full-scale ones, and ones where some bins are (−32768, −32768): their int32
        // energy wraps to −2³¹ and the sign-extended sums take the scalar square root.
        for trial in 0 ..< 60 {
            var real = (0 ..< bins).map { _ in Int16(truncatingIfNeeded: generator.next() >> UInt64(trial % 16)) }
            var imaginary = (0 ..< bins).map { _ in Int16(truncatingIfNeeded: generator.next() >> UInt64(trial % 16)) }
            if trial % 3 == 0 {
                for _ in 0 ..< 1 + trial % 5 {
                    let bin = generator.integer(in: filterbank.startBin ... filterbank.endBin - 1)
                    real[bin] = .min
                    imaginary[bin] = .min
                }
            }
            if trial % 3 == 1 {
                real = real.map { $0 < 0 ? .min : .max }
            }
            let shift = trial % 4
            var energy = [UInt32](repeating: 0, count: bins)
            var sums = [UInt64](repeating: 0, count: filterbank.channelCount)
            var output = [UInt32](repeating: 0, count: filterbank.channelCount)
            filterbank.apply(real: real, imaginary: imaginary, shift: shift, energy: &energy, sums: &sums, output: &output)
            #expect(output == reference(filterbank, real, imaginary, shift: shift), "trial \(trial)")
        }
    }
}

@Suite struct FeatureScalingTests {
    @Test func floatScaleIsPymicroFeatures() {
        #expect(FeatureScaling.float(raw: 666) == 26.015625)
        #expect(FeatureScaling.raw(float: FeatureScaling.float(raw: 12345)) == 12345)
        #expect((0 ... 2000).allSatisfy { FeatureScaling.raw(float: FeatureScaling.float(raw: UInt16($0))) == UInt16($0) })
    }

    @Test func deviceMappingIsTheFirmwareFormula() {
        #expect(FeatureScaling.deviceInt8(raw: 0) == -128)
        #expect(FeatureScaling.deviceInt8(raw: 1) == -128)  // (256 + 333) / 666 = 0
        #expect(FeatureScaling.deviceInt8(raw: 2) == -127)  // (512 + 333) / 666 = 1
        #expect(FeatureScaling.deviceInt8(raw: 666) == 127)
        #expect(FeatureScaling.deviceInt8(raw: 665) == 127)
        #expect(FeatureScaling.deviceInt8(raw: 662) == 126)
        #expect(FeatureScaling.deviceInt8(raw: 65535) == 127)
        var previous = Int8.min
        for raw in 0 ... 1200 {
            let value = FeatureScaling.deviceInt8(raw: UInt16(raw))
            #expect(value >= previous)
            previous = value
            // Within one step of the model's own quantization (scale 26/255, zero point −128).
            let byTensor = max(-128, min(127, (Double(FeatureScaling.float(raw: UInt16(raw))) / (26.0 / 255.0)).rounded() - 128))
            #expect(abs(Double(value) - byTensor) <= 1)
        }
    }
}
