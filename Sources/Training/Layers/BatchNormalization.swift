/// Batch normalisation over every frame of every example, per channel (Keras `BatchNormalization` on a
/// sequence): in training `y = γ·(x − μ)/√(σ² + ε) + β` with the batch's mean μ and biased variance σ², and
/// the moving statistics updated as `m ← m·momentum + stat·(1 − momentum)`; in inference the moving
/// statistics take the place of the batch's.
///
/// Batch statistics are combined from per-chunk means and squared deviations (Chan's parallel formula, in
/// double precision, in chunk order), so they are exact to float rounding and independent of threads.
public final class BatchNormalization: Layer {
    public let name: String
    public let channels: Int
    public let momentum: Float
    public let epsilon: Float
    public let gamma: Parameter
    public let beta: Parameter
    public let movingMean: Parameter
    public let movingVariance: Parameter

    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private let partials = ChunkPartials()
    private let sums = Tensor(count: 0)
    /// Per channel: mean, 1/√(var + ε), scale γ/√(var + ε) and shift β − mean·scale of the last forward.
    private let mean: Tensor, inverseDeviation: Tensor, scale: Tensor, shift: Tensor
    /// Per channel in backward: Σdy/M and Σ(dy·x̂)/M.
    private let meanGradient: Tensor, meanProduct: Tensor
    private var input: Activations?
    private var lastMode = ForwardMode.inference

    /// The Keras default ε.
    public static let defaultEpsilon: Float = 1e-3

    public init(name: String, channels: Int, momentum: Float, epsilon: Float = BatchNormalization.defaultEpsilon) {
        self.name = name
        self.channels = channels
        self.momentum = momentum
        self.epsilon = epsilon
        gamma = Parameter(name: "\(name)/gamma", shape: [channels], initial: [Float](repeating: 1, count: channels))
        beta = Parameter(name: "\(name)/beta", shape: [channels])
        movingMean = Parameter(name: "\(name)/moving_mean", shape: [channels], trainable: false)
        movingVariance = Parameter(name: "\(name)/moving_variance", shape: [channels], trainable: false,
                                   initial: [Float](repeating: 1, count: channels))
        mean = Tensor(count: channels)
        inverseDeviation = Tensor(count: channels)
        scale = Tensor(count: channels)
        shift = Tensor(count: channels)
        meanGradient = Tensor(count: channels)
        meanProduct = Tensor(count: channels)
    }

    public var parameters: [Parameter] { [gamma, beta, movingMean, movingVariance] }

    public func outputShape(for input: FrameShape) -> FrameShape { input }

    /// The inference transform `y = x·scale + offset` (moving statistics folded with γ and β).
    public func folded() -> (scale: [Float], offset: [Float]) {
        var scale = [Float](repeating: 0, count: channels), offset = scale
        for c in 0 ..< channels {
            scale[c] = gamma.value[c] / (movingVariance.value[c] + epsilon).squareRoot()
            offset[c] = beta.value[c] - movingMean.value[c] * scale[c]
        }
        return (scale, offset)
    }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.channels == channels, "\(name): \(input.channels) input channels, expected \(channels)")
        let out = Activations(resizing: output, batch: input.batch, frames: input.frames, channels: channels)
        let plan = ChunkPlan(batch: input.batch)
        if mode == .training, input.rows > 0 {
            batchStatistics(input, plan: plan)
            for c in 0 ..< channels {
                movingMean.value[c] = movingMean.value[c] * momentum + mean[c] * (1 - momentum)
                movingVariance.value[c] = movingVariance.value[c] * momentum + variance[c] * (1 - momentum)
            }
        } else {
            for c in 0 ..< channels {
                mean[c] = movingMean.value[c]
                inverseDeviation[c] = 1 / (movingVariance.value[c] + epsilon).squareRoot()
            }
        }
        for c in 0 ..< channels {
            scale[c] = gamma.value[c] * inverseDeviation[c]
            shift[c] = beta.value[c] - mean[c] * scale[c]
        }
        let scale = scale.pointer, shift = shift.pointer, channels = channels
        plan.forEach { _, examples in
            let rows = examples.lowerBound * input.frames ..< examples.upperBound * input.frames
            for row in rows {
                let x = input.pointer + row * channels, y = out.pointer + row * channels
                var c = 0
                while c + 8 <= channels {
                    y.store8(x.load8(c) * scale.load8(c) + shift.load8(c), c)
                    c += 8
                }
                while c < channels {
                    y[c] = x[c] * scale[c] + shift[c]
                    c += 1
                }
            }
        }
        self.input = input
        lastMode = mode
        return out
    }

    /// The batch variance of the last training forward (kept only between `batchStatistics` and the update).
    private var variance = [Float]()

    private func batchStatistics(_ input: Activations, plan: ChunkPlan) {
        let channels = channels
        partials.prepare(chunks: plan.count, size: 2 * channels)
        plan.forEach { chunk, examples in
            let partial = partials.partial(chunk)
            let first = examples.lowerBound * input.frames, rows = examples.count * input.frames
            let localMean = partial, squares = partial + channels
            localMean.update(repeating: 0, count: channels)
            squares.update(repeating: 0, count: channels)
            for row in first ..< first + rows {
                VectorKernels.add(input.pointer + row * channels, into: localMean, count: channels)
            }
            let inverse = 1 / Float(max(rows, 1))
            for c in 0 ..< channels { localMean[c] *= inverse }
            for row in first ..< first + rows {
                let x = input.pointer + row * channels
                var c = 0
                while c + 8 <= channels {
                    let d = x.load8(c) - localMean.load8(c)
                    squares.store8(squares.load8(c) + d * d, c)
                    c += 8
                }
                while c < channels {
                    let d = x[c] - localMean[c]
                    squares[c] += d * d
                    c += 1
                }
            }
        }
        variance = [Float](repeating: 0, count: channels)
        for c in 0 ..< channels {
            var count = 0.0, runningMean = 0.0, m2 = 0.0
            for chunk in 0 ..< plan.count {
                let n = Double(plan.examples(chunk).count * input.frames)
                guard n > 0 else { continue }
                let chunkMean = Double(partials.partial(chunk)[c])
                let chunkM2 = Double(partials.partial(chunk)[channels + c])
                let total = count + n
                let delta = chunkMean - runningMean
                runningMean += delta * n / total
                m2 += chunkM2 + delta * delta * count * n / total
                count = total
            }
            let v = m2 / count
            mean[c] = Float(runningMean)
            variance[c] = Float(v)
            inverseDeviation[c] = Float(1 / (v + Double(epsilon)).squareRoot())
        }
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard let input else { preconditionFailure("\(name): backward before forward") }
        let plan = ChunkPlan(batch: input.batch)
        let channels = channels
        let mean = mean.pointer, inverse = inverseDeviation.pointer, scale = scale.pointer
        partials.prepare(chunks: plan.count, size: 2 * channels)
        // Σ dy and Σ dy·x̂ per channel.
        plan.forEach { chunk, examples in
            let sumGradient = partials.partial(chunk), sumProduct = sumGradient + channels
            sumGradient.update(repeating: 0, count: 2 * channels)
            for row in examples.lowerBound * input.frames ..< examples.upperBound * input.frames {
                let x = input.pointer + row * channels, dy = outputGradient.pointer + row * channels
                var c = 0
                while c + 8 <= channels {
                    let g = dy.load8(c)
                    sumGradient.store8(sumGradient.load8(c) + g, c)
                    sumProduct.store8(sumProduct.load8(c) + g * (x.load8(c) - mean.load8(c)) * inverse.load8(c), c)
                    c += 8
                }
                while c < channels {
                    sumGradient[c] += dy[c]
                    sumProduct[c] += dy[c] * (x[c] - mean[c]) * inverse[c]
                    c += 1
                }
            }
        }
        sums.resize(2 * channels)
        partials.sum(into: sums.pointer)
        beta.gradient.pointer.update(from: sums.pointer, count: channels)
        gamma.gradient.pointer.update(from: sums.pointer + channels, count: channels)
        guard needsInputGradient else { return nil }
        let inGradient = Activations(resizing: inputGradient, batch: input.batch, frames: input.frames,
                                     channels: channels)
        // Training: dx = scale·(dy − Σdy/M − x̂·Σ(dy·x̂)/M); inference: dx = scale·dy.
        let centred = lastMode == .training
        let rowsInverse = 1 / Float(max(input.rows, 1))
        for c in 0 ..< channels {
            meanGradient[c] = centred ? sums[c] * rowsInverse : 0
            meanProduct[c] = centred ? sums[channels + c] * rowsInverse : 0
        }
        let mg = meanGradient.pointer, mp = meanProduct.pointer
        plan.forEach { _, examples in
            for row in examples.lowerBound * input.frames ..< examples.upperBound * input.frames {
                let x = input.pointer + row * channels, dy = outputGradient.pointer + row * channels
                let dx = inGradient.pointer + row * channels
                var c = 0
                while c + 8 <= channels {
                    let normalized = (x.load8(c) - mean.load8(c)) * inverse.load8(c)
                    dx.store8(scale.load8(c) * (dy.load8(c) - mg.load8(c) - normalized * mp.load8(c)), c)
                    c += 8
                }
                while c < channels {
                    let normalized = (x[c] - mean[c]) * inverse[c]
                    dx[c] = scale[c] * (dy[c] - mg[c] - normalized * mp[c])
                    c += 1
                }
            }
        }
        return inGradient
    }
}
