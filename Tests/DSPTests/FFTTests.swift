import DSP
import Foundation
import Support
import Testing

/// The DFT by its definition, in Double (the reference the fast transforms are checked against).
func naiveDFT(_ real: [Double], _ imaginary: [Double], inverse: Bool = false) -> ([Double], [Double]) {
    let n = real.count
    var outReal = [Double](repeating: 0, count: n), outImaginary = [Double](repeating: 0, count: n)
    for k in 0 ..< n {
        for t in 0 ..< n {
            let angle = (inverse ? 2.0 : -2.0) * Double.pi * Double(k * t % n) / Double(n)
            outReal[k] += real[t] * cos(angle) - imaginary[t] * sin(angle)
            outImaginary[k] += real[t] * sin(angle) + imaginary[t] * cos(angle)
        }
    }
    return (outReal, outImaginary)
}

func randomSignal(_ count: Int, seed: UInt64) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0 ..< count).map { _ in Float(generator.normal()) }
}

@Suite struct FFTTests {
    @Test(arguments: [1, 2, 4, 8, 16, 64, 256, 1024])
    func complexMatchesTheDefinition(count: Int) {
        let re = randomSignal(count, seed: 1), im = randomSignal(count, seed: 2)
        for inverse in [false, true] {
            var real = re, imaginary = im
            let fft = ComplexFFT(count: count)
            real.withUnsafeMutableBufferPointer { r in
                imaginary.withUnsafeMutableBufferPointer { i in fft.transform(real: r.baseAddress!, imaginary: i.baseAddress!, inverse: inverse) }
            }
            let (expectedReal, expectedImaginary) = naiveDFT(re.map(Double.init), im.map(Double.init), inverse: inverse)
            let error = zip(real, expectedReal).map { abs(Double($0) - $1) }.max()! + zip(imaginary, expectedImaginary).map { abs(Double($0) - $1) }.max()!
            #expect(error < 1e-4 * Double(count).squareRoot() * 4, "n = \(count), inverse \(inverse): error \(error)")
        }
    }

    @Test(arguments: [4, 8, 32, 512, 2048])
    func realMatchesTheDefinitionAndInverts(count: Int) {
        let signal = randomSignal(count, seed: 3)
        let fft = RealFFT(count: count)
        let (real, imaginary) = fft.forward(signal)
        let (expectedReal, expectedImaginary) = naiveDFT(signal.map(Double.init), [Double](repeating: 0, count: count))
        for k in 0 ..< fft.binCount {
            #expect(abs(Double(real[k]) - expectedReal[k]) < 1e-3 * Double(count).squareRoot())
            #expect(abs(Double(imaginary[k]) - expectedImaginary[k]) < 1e-3 * Double(count).squareRoot())
        }
        let back = fft.inverse(real: real, imaginary: imaginary)
        #expect(zip(back, signal).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func convolutionMatchesTheDirectSum() {
        let signal = randomSignal(3000, seed: 4), kernel = randomSignal(257, seed: 5)
        let convolved = FFTConvolver(kernel: kernel).convolve(signal)
        #expect(convolved.count == signal.count)
        for index in stride(from: 0, to: signal.count, by: 97) {
            var sum = 0.0
            for tap in 0 ..< min(kernel.count, index + 1) { sum += Double(kernel[tap]) * Double(signal[index - tap]) }
            #expect(abs(Double(convolved[index]) - sum) < 1e-3, "sample \(index)")
        }
        // A delta kernel is the identity.
        let identity = FFTConvolver(kernel: [1, 0, 0, 0]).convolve(signal)
        #expect(zip(identity, signal).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}
