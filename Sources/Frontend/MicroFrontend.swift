/// TFLite Micro's micro frontend as the ESP32 runs it, bit for bit: 16-bit PCM in, one frame of
/// `channelCount` uint16 values out per step once a whole window has arrived.
///
/// Audio may be fed in chunks of any size (10 ms chunks as the device does, or the whole clip): the frames
/// are the same. A frontend keeps state from frame to frame (the window's samples, noise estimates), so use
/// a fresh one per clip, or call `reset()`. Frames are computed without allocating.
///
/// A `final class` because it owns its working buffers; it is not safe to use from several threads at once.
///
///     let frontend = MicroFrontend()
///     let spectrogram = frontend.spectrogram(of: samples)     // [frames × 40] raw values
public final class MicroFrontend {
    public let parameters: FrontendParameters
    private let pipeline: FrontendPipeline
    private let windowSize: Int
    private let step: Int
    private let channelCount: Int

    private let input: UnsafeMutablePointer<Int16>
    private var inputUsed = 0
    private let windowed: UnsafeMutablePointer<Int16>
    private let fftInput: UnsafeMutablePointer<Int16>
    private let workReal: UnsafeMutablePointer<Int16>
    private let workImaginary: UnsafeMutablePointer<Int16>
    private let spectrumReal: UnsafeMutablePointer<Int16>
    private let spectrumImaginary: UnsafeMutablePointer<Int16>
    private let energy: UnsafeMutablePointer<UInt32>
    private let sums: UnsafeMutablePointer<UInt64>
    private let channels: UnsafeMutablePointer<UInt32>
    private let noiseEstimate: UnsafeMutablePointer<UInt32>
    private let frame: UnsafeMutablePointer<UInt16>

    /// A frontend with the device's settings.
    public convenience init() {
        self.init(pipeline: .device)
    }

    /// A frontend with other settings (tests and experiments; the device only runs `.device`).
    public convenience init(parameters: FrontendParameters) throws(FrontendError) {
        self.init(pipeline: parameters == .device ? .device : try FrontendPipeline(parameters: parameters))
    }

    private init(pipeline: FrontendPipeline) {
        self.pipeline = pipeline
        parameters = pipeline.parameters
        windowSize = parameters.windowSamples
        step = parameters.stepSamples
        channelCount = parameters.channelCount
        let fftSize = parameters.fftSize
        input = .allocate(capacity: windowSize)
        windowed = .allocate(capacity: windowSize)
        fftInput = .allocate(capacity: fftSize)
        workReal = .allocate(capacity: fftSize / 2)
        workImaginary = .allocate(capacity: fftSize / 2)
        spectrumReal = .allocate(capacity: fftSize / 2 + 8)
        spectrumImaginary = .allocate(capacity: fftSize / 2 + 8)
        energy = .allocate(capacity: pipeline.filterbank.scratchBins)
        sums = .allocate(capacity: channelCount)
        channels = .allocate(capacity: channelCount)
        noiseEstimate = .allocate(capacity: channelCount)
        frame = .allocate(capacity: channelCount)
        fftInput.initialize(repeating: 0, count: fftSize)
        // The filterbank reads whole groups of eight bins, past the last one the FFT writes.
        spectrumReal.initialize(repeating: 0, count: fftSize / 2 + 8)
        spectrumImaginary.initialize(repeating: 0, count: fftSize / 2 + 8)
        reset()
    }

    deinit {
        for pointer in [input, windowed, fftInput, workReal, workImaginary, spectrumReal, spectrumImaginary] {
            pointer.deallocate()
        }
        energy.deallocate()
        sums.deallocate()
        channels.deallocate()
        noiseEstimate.deallocate()
        frame.deallocate()
    }

    /// Forgets all audio: the next frame comes once a whole window has been fed again.
    public func reset() {
        input.initialize(repeating: 0, count: windowSize)
        inputUsed = 0
        noiseEstimate.initialize(repeating: 0, count: channelCount)
    }

    /// Samples buffered towards the next frame.
    public var pendingSamples: Int { inputUsed }

    /// Feeds `samples`; `body` receives each frame they complete, in order (the buffer is only valid
    /// during the call).
    public func process(_ samples: UnsafeBufferPointer<Int16>, frame body: (UnsafeBufferPointer<UInt16>) throws -> Void) rethrows {
        guard var source = samples.baseAddress else { return }
        var remaining = samples.count
        while remaining > 0 {
            let copied = min(windowSize - inputUsed, remaining)
            (input + inputUsed).update(from: source, count: copied)
            inputUsed += copied
            source += copied
            remaining -= copied
            if inputUsed == windowSize {
                computeFrame()
                try body(UnsafeBufferPointer(start: frame, count: channelCount))
            }
        }
    }

    /// Feeds `samples` and returns the frames they complete, row after row (`channelCount` values each).
    public func process(_ samples: [Int16]) -> [UInt16] {
        var values: [UInt16] = []
        values.reserveCapacity((samples.count / step + 1) * channelCount)
        samples.withUnsafeBufferPointer { buffer in
            process(buffer) { values.append(contentsOf: $0) }
        }
        return values
    }

    /// The spectrogram of a whole clip, from a fresh state (the frontend is reset before and after).
    public func spectrogram(of samples: UnsafeBufferPointer<Int16>) -> Spectrogram {
        reset()
        defer { reset() }
        let frames = parameters.frameCount(forSamples: samples.count)
        var written = 0
        let values = [UInt16](unsafeUninitializedCapacity: frames * channelCount) { buffer, count in
            process(samples) { frame in
                (buffer.baseAddress! + written).update(from: frame.baseAddress!, count: frame.count)
                written += frame.count
            }
            count = written
        }
        return Spectrogram(values: values, channelCount: channelCount)
    }

    /// The spectrogram of a whole clip, from a fresh state.
    public func spectrogram(of samples: [Int16]) -> Spectrogram {
        samples.withUnsafeBufferPointer { spectrogram(of: $0) }
    }

    /// The spectrogram of a whole clip with a fresh device frontend.
    public static func spectrogram(of samples: [Int16]) -> Spectrogram {
        MicroFrontend().spectrogram(of: samples)
    }

    private func computeFrame() {
        let largest = pipeline.window.apply(input, to: windowed)
        // Slide the input by one step.
        input.update(from: input + step, count: windowSize - step)
        inputUsed -= step

        // Scale the window up to use the FFT's 16 bits (as the C code: through uint16, truncated to int16).
        let shift = 15 - (UInt16.bitWidth - UInt16(bitPattern: largest).leadingZeroBitCount)
        var index = 0
        while index &+ 8 <= windowSize {
            store8(load8(windowed + index) &<< Int16(shift), fftInput + index)
            index &+= 8
        }
        while index < windowSize {
            fftInput[index] = Int16(truncatingIfNeeded: Int32(UInt16(bitPattern: windowed[index])) << Int32(shift))
            index &+= 1
        }
        pipeline.fft.transform(fftInput, workReal: workReal, workImaginary: workImaginary,
                               outputReal: spectrumReal, outputImaginary: spectrumImaginary)
        pipeline.filterbank.apply(real: spectrumReal, imaginary: spectrumImaginary, shift: shift,
                                  energy: energy, sums: sums, output: channels)
        pipeline.noiseReduction.apply(channels, estimate: noiseEstimate, count: channelCount)
        pipeline.gainControl.apply(channels, noiseEstimate: noiseEstimate, count: channelCount)
        pipeline.logScale.apply(channels, count: channelCount, output: frame)
    }
}
