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
