/// Everything fixed about a frontend configuration, computed once and shared by every `MicroFrontend`:
/// the window, FFT plan, filterbank, noise reduction settings, PCAN table and log scale.
struct FrontendPipeline: Sendable {
    let parameters: FrontendParameters
    /// Owns the tables the stages point into.
    private let storage = TableStorage()
    let window: HannWindow
    let fft: FixedPointRealFFT
    let filterbank: MelFilterbank
    let noiseReduction: NoiseReduction
    let gainControl: PCANGainControl
    let logScale: LogScale

    init(parameters: FrontendParameters) throws(FrontendError) {
        try parameters.validate()
        self.parameters = parameters
        window = HannWindow(size: parameters.windowSamples, storage: storage)
        fft = FixedPointRealFFT(size: parameters.fftSize, storage: storage)
        filterbank = try MelFilterbank(parameters: parameters, storage: storage)
        noiseReduction = NoiseReduction(parameters: parameters)
        // The filterbank's output scale relative to the frontend's reference: log2(fft size) − 1 − 12/2.
        let correctionBits = (Int.bitWidth - parameters.fftSize.leadingZeroBitCount) - 1 - MelFilterbank.weightBits / 2
        gainControl = PCANGainControl(parameters: parameters, correctionBits: correctionBits, storage: storage)
        logScale = LogScale(parameters: parameters, correctionBits: correctionBits, storage: storage)
    }

    /// The device's pipeline, built on first use.
    static let device: FrontendPipeline = {
        do { return try FrontendPipeline(parameters: .device) } catch {
            preconditionFailure("the device frontend parameters are valid: \(error)")
        }
    }()
}
