import Support
@testable import Training

/// Finite-difference checks of hand-written backward passes.
///
/// For a layer f, a fixed random upstream gradient r defines the scalar L = Σ r · f(x); the layer's
/// backward(r) must give dL/dx and dL/dθ. Each checked coordinate is compared with the central difference
/// (L(v + h) − L(v − h)) / 2h, the sum taken in double precision.
struct GradientCheck {
    var step: Float = 1e-2
    var relativeTolerance = 2e-2
    var absoluteTolerance = 2e-3
    /// Coordinates checked per array (spread evenly over it).
    var samples = 40

    struct Report: CustomStringConvertible {
        var checked = 0
        var failures: [String] = []
        var worst = 0.0
        var passRate: Double { checked == 0 ? 0 : Double(checked - failures.count) / Double(checked) }
        var description: String {
            "\(checked) coordinates, \(failures.count) off (worst relative error \(worst)): \(failures.prefix(6))"
        }
    }

    func compare(_ name: String, analytic: Float, numeric: Double, into report: inout Report) {
        let a = Double(analytic)
        let error = abs(a - numeric)
        let scale = max(abs(a), abs(numeric))
        report.checked += 1
        if scale > 1e-6 { report.worst = max(report.worst, error / scale) }
        if error > absoluteTolerance + relativeTolerance * scale {
            report.failures.append("\(name): backward \(a), finite difference \(numeric)")
        }
    }

    func indices(_ count: Int) -> [Int] {
        guard count > samples else { return Array(0 ..< count) }
        return (0 ..< samples).map { $0 * count / samples + ($0 * 7919) % max(count / samples, 1) }
    }

    /// Checks dL/dInput and dL/dθ of `layer` at `input` (valid padding, the given mode).
    func check(_ layer: Layer, input: Tensor, batch: Int, frames: Int, channels: Int, mode: ForwardMode = .training,
               seed: UInt64 = 1) -> Report
    {
        let view = Activations(pointer: input.pointer, batch: batch, frames: frames, channels: channels)
        let out = layer.forward(view, mode: mode)
        var generator = SeededGenerator(seed: seed)
        let upstream = Tensor((0 ..< out.count).map { _ in Float(generator.normal()) })
        let shape = (out.batch, out.frames, out.channels)
        func loss() -> Double {
            let y = layer.forward(view, mode: mode)
            precondition(y.count == upstream.count)
            var total = 0.0
            for i in 0 ..< y.count { total += Double(y.pointer[i]) * Double(upstream[i]) }
            return total
        }
        _ = layer.forward(view, mode: mode)
        let gradientView = Activations(pointer: upstream.pointer, batch: shape.0, frames: shape.1, channels: shape.2)
        let inputGradient = layer.backward(gradientView, needsInputGradient: true).map { Tensor(Array(UnsafeBufferPointer(start: $0.pointer, count: $0.count))) }
        let parameterGradients = layer.parameters.filter(\.trainable).map { ($0, $0.gradient.array) }
        var report = Report()
        if let inputGradient {
            for i in indices(input.count) {
                let saved = input[i]
                input[i] = saved + step
                let plus = loss()
                input[i] = saved - step
                let minus = loss()
                input[i] = saved
                compare("input[\(i)]", analytic: inputGradient[i], numeric: (plus - minus) / Double(2 * step), into: &report)
            }
        } else {
            report.failures.append("no input gradient returned")
        }
        for (parameter, gradient) in parameterGradients {
            for i in indices(parameter.count) {
                let saved = parameter.value[i]
                parameter.value[i] = saved + step
                let plus = loss()
                parameter.value[i] = saved - step
                let minus = loss()
                parameter.value[i] = saved
                compare("\(parameter.name)[\(i)]", analytic: gradient[i], numeric: (plus - minus) / Double(2 * step),
                        into: &report)
            }
        }
        return report
    }
}

/// `count` standard normal floats from `seed` (scaled), optionally kept at least `margin` away from zero.
func randomTensor(_ count: Int, seed: UInt64, scale: Float = 1, margin: Float = 0) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor((0 ..< count).map { _ in
        var value = Float(generator.normal()) * scale
        if margin > 0, abs(value) < margin { value = value < 0 ? value - margin : value + margin }
        return value
    })
}

/// Random values for every trainable parameter of `layer` (and a plausible state for moving statistics).
func randomizeParameters(_ parameters: [Parameter], seed: UInt64, scale: Float = 0.3) {
    var generator = SeededGenerator(seed: seed)
    for parameter in parameters {
        let values = (0 ..< parameter.count).map { _ -> Float in
            if parameter.name.hasSuffix("moving_variance") || parameter.name.hasSuffix("gamma") {
                return Float(generator.uniform(0.5, 1.5))
            }
            return Float(generator.normal()) * scale
        }
        parameter.value.assign(values)
    }
}
