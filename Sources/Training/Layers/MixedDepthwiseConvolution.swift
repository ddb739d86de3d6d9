/// MixConv: the channels split into groups, each with its own depthwise temporal kernel and bias ("valid"
/// padding over time). The Keras layer is `MixConv` in the reference (`wakesmith/model/layers.py`).
///
/// With `K` the largest kernel, the output has `frames − K + 1` frames, and a group with a smaller kernel
/// `k` sees the most recent `k` of the `K` frames: output `t`, channel `c` of group `g` is
/// `bias[c] + Σ_{j<k} input[t + K − k + j, c] · kernel_g[j, c]`. Groups are `channelSplit(channels, groups)`.
/// The loops run over channels eight at a time, with the taps innermost.
public final class MixedDepthwiseConvolution: Layer {
    public let name: String
    public let kernelSizes: [Int]
    public let channels: Int
    /// Channels per group (`channelSplit`).
    public let groupSizes: [Int]
    public let kernels: [Parameter]
    public let biases: [Parameter]

    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private let partials = ChunkPartials()
    private let totals = Tensor(count: 0)
    private var input: Activations?

    public init(name: String, kernelSizes: [Int], channels: Int) {
        precondition(!kernelSizes.isEmpty && kernelSizes.allSatisfy { $0 >= 1 })
        self.name = name
        self.kernelSizes = kernelSizes
        self.channels = channels
        groupSizes = channelSplit(channels, groups: kernelSizes.count)
        kernels = zip(kernelSizes, groupSizes).enumerated().map { index, pair in
            Parameter(name: "\(name)/kernel\(index)", shape: [pair.0, pair.1])
        }
        biases = groupSizes.enumerated().map { index, size in Parameter(name: "\(name)/bias\(index)", shape: [size]) }
    }

    /// The largest kernel: frames lost by the valid convolution plus one.
    public var maximumKernel: Int { kernelSizes.max() ?? 1 }

    public var parameters: [Parameter] {
        var result: [Parameter] = []
        for (kernel, bias) in zip(kernels, biases) { result += [kernel, bias] }
        return result
    }

    public func outputShape(for input: FrameShape) -> FrameShape {
        FrameShape(frames: max(input.frames - maximumKernel + 1, 0), channels: input.channels)
    }

    /// Where each group's channels start.
    private var groupStarts: [Int] {
        var starts: [Int] = []
        var start = 0
        for size in groupSizes {
            starts.append(start)
            start += size
        }
        return starts
    }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.channels == channels, "\(name): \(input.channels) input channels, expected \(channels)")
        let frames = outputShape(for: FrameShape(frames: input.frames, channels: channels)).frames
        let out = Activations(resizing: output, batch: input.batch, frames: frames, channels: channels)
        let groups = groupTable()
        ChunkPlan(batch: input.batch).forEach { _, examples in
            for b in examples {
                for group in groups {
                    Self.forwardGroup(group, input: input.example(b), output: out.example(b), frames: frames,
                                      channels: self.channels)
                }
            }
        }
        self.input = input
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard let input else { preconditionFailure("\(name): backward before forward") }
        let plan = ChunkPlan(batch: input.batch)
        let groups = groupTable()
        let parameterCount = parameters.reduce(0) { $0 + $1.count }
        partials.prepare(chunks: plan.count, size: parameterCount)
        let inGradient = Activations(resizing: inputGradient, batch: input.batch, frames: input.frames,
                                     channels: channels)
        let frames = outputGradient.frames
        plan.forEach { chunk, examples in
            let partial = partials.partial(chunk)
            partial.update(repeating: 0, count: parameterCount)
            for b in examples {
                for group in groups {
                    Self.weightGradient(group, input: input.example(b), outputGradient: outputGradient.example(b),
                                        kernelGradient: partial + group.kernelOffset,
                                        biasGradient: partial + group.biasOffset, frames: frames,
                                        channels: self.channels)
                    if needsInputGradient {
                        Self.inputGradient(group, outputGradient: outputGradient.example(b),
                                           inputGradient: inGradient.example(b), outputFrames: frames,
                                           inputFrames: input.frames, channels: self.channels)
                    }
                }
            }
        }
        totals.resize(parameterCount)
        partials.sum(into: totals.pointer)
        for group in groups {
            group.kernelGradient.update(from: totals.pointer + group.kernelOffset, count: group.kernelSize * group.width)
            group.biasGradient.update(from: totals.pointer + group.biasOffset, count: group.width)
        }
        return needsInputGradient ? inGradient : nil
    }

    /// One group's geometry and weight pointers.
    private struct Group {
        let start: Int
        let width: Int
        let kernelSize: Int
        let shift: Int
        let kernel: UnsafeMutablePointer<Float>
        let bias: UnsafeMutablePointer<Float>
        let kernelGradient: UnsafeMutablePointer<Float>
        let biasGradient: UnsafeMutablePointer<Float>
        let kernelOffset: Int
        let biasOffset: Int
    }

    private func groupTable() -> [Group] {
        var offset = 0
        return zip(groupStarts, groupSizes).enumerated().map { index, pair in
            let k = kernelSizes[index]
            let kernelOffset = offset
            offset += k * pair.1
            let biasOffset = offset
            offset += pair.1
            return Group(start: pair.0, width: pair.1, kernelSize: k, shift: maximumKernel - k,
                         kernel: kernels[index].value.pointer, bias: biases[index].value.pointer,
                         kernelGradient: kernels[index].gradient.pointer, biasGradient: biases[index].gradient.pointer,
                         kernelOffset: kernelOffset, biasOffset: biasOffset)
        }
    }

    @inline(__always)
    private static func forwardGroup(_ g: Group, input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
                                     frames: Int, channels: Int)
    {
        var c = 0
        while c + 8 <= g.width {
            let bias = g.bias.load8(c)
            // Four output frames at a time share each tap's kernel load; every sum still adds its taps in
            // order from the bias, so the result is the same to the bit as one frame at a time.
            var t = 0
            while t + 4 <= frames {
                var s0 = bias, s1 = bias, s2 = bias, s3 = bias
                var source = input + (t + g.shift) * channels + g.start + c
                for j in 0 ..< g.kernelSize {
                    let w = g.kernel.load8(j * g.width + c)
                    s0 += source.load8(0) * w
                    s1 += source.load8(channels) * w
                    s2 += source.load8(2 * channels) * w
                    s3 += source.load8(3 * channels) * w
                    source += channels
                }
                let target = output + t * channels + g.start + c
                target.store8(s0, 0)
                target.store8(s1, channels)
                target.store8(s2, 2 * channels)
                target.store8(s3, 3 * channels)
                t += 4
            }
            while t < frames {
                var sum = bias
                var source = input + (t + g.shift) * channels + g.start + c
                for j in 0 ..< g.kernelSize {
                    sum += source.load8(0) * g.kernel.load8(j * g.width + c)
                    source += channels
                }
                output.store8(sum, t * channels + g.start + c)
                t += 1
            }
            c += 8
        }
        while c < g.width {
            for t in 0 ..< frames {
                var sum = g.bias[c]
                for j in 0 ..< g.kernelSize {
                    sum += input[(t + g.shift + j) * channels + g.start + c] * g.kernel[j * g.width + c]
                }
                output[t * channels + g.start + c] = sum
            }
            c += 1
        }
    }

    /// Adds this example's contribution to dKernel (`[k, width]`) and dBias (`[width]`).
    @inline(__always)
    private static func weightGradient(_ g: Group, input: UnsafeMutablePointer<Float>,
                                       outputGradient: UnsafeMutablePointer<Float>,
                                       kernelGradient: UnsafeMutablePointer<Float>,
                                       biasGradient: UnsafeMutablePointer<Float>, frames: Int, channels: Int)
    {
        var c = 0
        while c + 8 <= g.width {
            var biasSum = Float8(repeating: 0)
            for t in 0 ..< frames { biasSum += outputGradient.load8(t * channels + g.start + c) }
            biasGradient.store8(biasGradient.load8(c) + biasSum, c)
            // Four taps at a time share each frame's gradient load (each sum still runs over the frames in
            // order: the same result to the bit).
            var j = 0
            while j + 4 <= g.kernelSize {
                var s0 = Float8(repeating: 0), s1 = s0, s2 = s0, s3 = s0
                var source = input + (g.shift + j) * channels + g.start + c
                var gradient = outputGradient + g.start + c
                for _ in 0 ..< frames {
                    let d = gradient.load8(0)
                    s0 += source.load8(0) * d
                    s1 += source.load8(channels) * d
                    s2 += source.load8(2 * channels) * d
                    s3 += source.load8(3 * channels) * d
                    source += channels
                    gradient += channels
                }
                let target = kernelGradient + j * g.width + c
                target.store8(target.load8(0) + s0, 0)
                target.store8(target.load8(g.width) + s1, g.width)
                target.store8(target.load8(2 * g.width) + s2, 2 * g.width)
                target.store8(target.load8(3 * g.width) + s3, 3 * g.width)
                j += 4
            }
            while j < g.kernelSize {
                defer { j += 1 }
                var sum = Float8(repeating: 0)
                var source = input + (g.shift + j) * channels + g.start + c
                var gradient = outputGradient + g.start + c
                for _ in 0 ..< frames {
                    sum += source.load8(0) * gradient.load8(0)
                    source += channels
                    gradient += channels
                }
                kernelGradient.store8(kernelGradient.load8(j * g.width + c) + sum, j * g.width + c)
            }
            c += 8
        }
        while c < g.width {
            var biasSum: Float = 0
            for t in 0 ..< frames { biasSum += outputGradient[t * channels + g.start + c] }
            biasGradient[c] += biasSum
            for j in 0 ..< g.kernelSize {
                var sum: Float = 0
                for t in 0 ..< frames {
                    sum += input[(t + g.shift + j) * channels + g.start + c] * outputGradient[t * channels + g.start + c]
                }
                kernelGradient[j * g.width + c] += sum
            }
            c += 1
        }
    }

    /// Writes this group's channels of dInput for one example: input frame `s` gets
    /// `Σ_j dOut[s − shift − j] · kernel[j]` over the taps whose output frame exists.
    @inline(__always)
    private static func inputGradient(_ g: Group, outputGradient: UnsafeMutablePointer<Float>,
                                      inputGradient: UnsafeMutablePointer<Float>, outputFrames: Int,
                                      inputFrames: Int, channels: Int)
    {
        var s = 0
        while s < inputFrames {
            let base = s - g.shift
            // Four frames whose taps all exist share each tap's kernel load; sums run over the taps in order,
            // as below, so the result is the same to the bit.
            if base >= g.kernelSize - 1, base + 3 <= outputFrames - 1 {
                var c = 0
                while c + 8 <= g.width {
                    var s0 = Float8(repeating: 0), s1 = s0, s2 = s0, s3 = s0
                    for j in 0 ..< g.kernelSize {
                        let w = g.kernel.load8(j * g.width + c)
                        let source = outputGradient + (base - j) * channels + g.start + c
                        s0 += source.load8(0) * w
                        s1 += source.load8(channels) * w
                        s2 += source.load8(2 * channels) * w
                        s3 += source.load8(3 * channels) * w
                    }
                    let target = inputGradient + s * channels + g.start + c
                    target.store8(s0, 0)
                    target.store8(s1, channels)
                    target.store8(s2, 2 * channels)
                    target.store8(s3, 3 * channels)
                    c += 8
                }
                for u in 0 ..< 4 {
                    for tail in c ..< g.width {
                        var sum: Float = 0
                        for j in 0 ..< g.kernelSize {
                            sum += outputGradient[(base + u - j) * channels + g.start + tail] * g.kernel[j * g.width + tail]
                        }
                        inputGradient[(s + u) * channels + g.start + tail] = sum
                    }
                }
                s += 4
                continue
            }
            defer { s += 1 }
            let firstTap = max(0, base - outputFrames + 1), lastTap = min(g.kernelSize - 1, base)
            var c = 0
            while c + 8 <= g.width {
                var sum = Float8(repeating: 0)
                if firstTap <= lastTap {
                    for j in firstTap ... lastTap {
                        sum += outputGradient.load8((base - j) * channels + g.start + c) * g.kernel.load8(j * g.width + c)
                    }
                }
                inputGradient.store8(sum, s * channels + g.start + c)
                c += 8
            }
            while c < g.width {
                var sum: Float = 0
                if firstTap <= lastTap {
                    for j in firstTap ... lastTap {
                        sum += outputGradient[(base - j) * channels + g.start + c] * g.kernel[j * g.width + c]
                    }
                }
                inputGradient[s * channels + g.start + c] = sum
                c += 1
            }
        }
    }
}

/// How MixConv splits `total` channels between `groups` kernels: equal shares, the remainder to the first
/// group (the reference's `split_channels`).
public func channelSplit(_ total: Int, groups: Int) -> [Int] {
    var sizes = [Int](repeating: total / groups, count: groups)
    sizes[0] += total - sizes.reduce(0, +)
    return sizes
}
