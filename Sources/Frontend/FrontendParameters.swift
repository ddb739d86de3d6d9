import Support

/// The settings of the on-device micro frontend (SPEC §1): the one place these numbers live.
///
/// ESPHome's `micro_wake_word` and `pymicro-features` both build TFLite Micro's micro frontend with exactly
/// `FrontendParameters.device`; every other module (features, emulator, device) takes its sizes from here.
public struct FrontendParameters: Sendable, Hashable {
    /// Audio sample rate in Hz (16-bit mono PCM).
    public var sampleRate: Int
    /// Analysis window length in milliseconds.
    public var windowMilliseconds: Int
    /// Hop between frames in milliseconds (the manifest's `feature_step_size`).
    public var stepMilliseconds: Int
    /// Mel filterbank channels per frame.
    public var channelCount: Int
    /// Lower edge of the filterbank in Hz.
    public var lowerBandHz: Float
    /// Upper edge of the filterbank in Hz.
    public var upperBandHz: Float
    /// Noise reduction: fixed-point bits of the noise estimate.
    public var smoothingBits: Int
    /// Noise reduction: smoothing coefficient of even channels.
    public var evenSmoothing: Float
    /// Noise reduction: smoothing coefficient of odd channels.
    public var oddSmoothing: Float
    /// Noise reduction: fraction of the signal always kept.
    public var minSignalRemaining: Float
    /// PCAN gain control: strength (exponent of the gain curve).
    public var pcanStrength: Float
    /// PCAN gain control: offset added to the noise estimate.
    public var pcanOffset: Float
    /// PCAN gain control: fixed-point bits of the gain.
    public var pcanGainBits: Int
    /// Log scale: output scale shift.
    public var logScaleShift: Int

    public init(sampleRate: Int, windowMilliseconds: Int, stepMilliseconds: Int, channelCount: Int,
                lowerBandHz: Float, upperBandHz: Float, smoothingBits: Int, evenSmoothing: Float,
                oddSmoothing: Float, minSignalRemaining: Float, pcanStrength: Float, pcanOffset: Float,
                pcanGainBits: Int, logScaleShift: Int)
    {
        self.sampleRate = sampleRate
        self.windowMilliseconds = windowMilliseconds
        self.stepMilliseconds = stepMilliseconds
        self.channelCount = channelCount
        self.lowerBandHz = lowerBandHz
        self.upperBandHz = upperBandHz
        self.smoothingBits = smoothingBits
        self.evenSmoothing = evenSmoothing
        self.oddSmoothing = oddSmoothing
        self.minSignalRemaining = minSignalRemaining
        self.pcanStrength = pcanStrength
        self.pcanOffset = pcanOffset
        self.pcanGainBits = pcanGainBits
        self.logScaleShift = logScaleShift
    }

    /// What ESPHome's `micro_wake_word` (and `pymicro-features`) compute: 16 kHz, 30 ms window, 10 ms
    /// step, 40 channels over 125–7500 Hz, noise reduction (10, 0.025, 0.06, 0.05), PCAN (0.95, 80, 21),
    /// log scale shift 6.
    public static let device = FrontendParameters(
        sampleRate: 16000, windowMilliseconds: 30, stepMilliseconds: 10, channelCount: 40,
        lowerBandHz: 125, upperBandHz: 7500, smoothingBits: 10, evenSmoothing: 0.025, oddSmoothing: 0.06,
        minSignalRemaining: 0.05, pcanStrength: 0.95, pcanOffset: 80, pcanGainBits: 21, logScaleShift: 6)

    /// Samples in one analysis window (480 for the device).
    public var windowSamples: Int { windowMilliseconds * sampleRate / 1000 }

    /// Samples between frames (160 for the device): one 10 ms chunk.
    public var stepSamples: Int { stepMilliseconds * sampleRate / 1000 }

    /// Real FFT length: the smallest power of two holding a window (512 for the device).
    public var fftSize: Int {
        var size = 1
        while size < windowSamples { size <<= 1 }
        return size
    }

    /// Frames the frontend yields for `sampleCount` samples fed from a fresh state: the first frame once a
    /// whole window has arrived, then one per step (a trailing partial step yields nothing).
    public func frameCount(forSamples sampleCount: Int) -> Int {
        sampleCount < windowSamples ? 0 : (sampleCount - windowSamples) / stepSamples + 1
    }

    /// Checks that the fixed-point pipeline can run these settings; throws with what to change.
    public func validate() throws(FrontendError) {
        func require(_ condition: Bool, _ message: String) throws(FrontendError) {
            if !condition { throw FrontendError.unsupportedParameters(message) }
        }
        try require(sampleRate > 0 && windowSamples >= 8, "the window must hold at least 8 samples")
        try require(stepSamples >= 1 && stepSamples <= windowSamples, "the step must lie between 1 sample and the window")
        try require(fftSize <= 1 << 14, "the window is too long for the 16-bit FFT (at most 16384 samples)")
        try require(channelCount >= 1 && channelCount <= 256, "the channel count must lie in 1…256")
        try require(lowerBandHz >= 0 && upperBandHz > lowerBandHz && upperBandHz <= Float(sampleRate) / 2,
                    "the band must satisfy 0 ≤ lower < upper ≤ sample rate / 2")
        try require((1 ... 16).contains(smoothingBits), "smoothing bits must lie in 1…16")
        try require([evenSmoothing, oddSmoothing, minSignalRemaining].allSatisfy { $0 >= 0 && $0 < 1 },
                    "smoothing coefficients and the minimum remaining signal must lie in [0, 1)")
        try require(pcanStrength >= 0 && pcanOffset > 0, "PCAN needs strength ≥ 0 and offset > 0")
        try require((1 ... 31).contains(pcanGainBits), "PCAN gain bits must lie in 1…31")
        try require((0 ... 16).contains(logScaleShift), "the log scale shift must lie in 0…16")
    }
}

/// Settings the micro frontend cannot run.
public enum FrontendError: UserFacingError, Equatable {
    case unsupportedParameters(String)

    public var message: String {
        switch self {
        case let .unsupportedParameters(reason): "unsupported frontend parameters: \(reason)"
        }
    }

    public var hint: String? { "the device computes features with FrontendParameters.device only" }
}
