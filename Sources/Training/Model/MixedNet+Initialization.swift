import Support

extension MixedNet {
    /// Fresh weights as Keras initialises the reference model: Glorot-uniform convolution, pointwise and
    /// head kernels; He truncated-normal MixConv kernels (`VarianceScaling(2, "fan_in", "truncated_normal")`);
    /// zero biases; batch norm γ = 1, β = 0, moving mean 0, moving variance 1. Each variable draws from its
    /// own stream of `seed`, so the result depends on the seed alone.
    public func initialize(seed: UInt64) {
        for (index, parameter) in parameters.enumerated() {
            var generator = SeededGenerator(seed: seed, stream: 0x1A17, UInt64(index))
            let variable = parameter.name.split(separator: "/").last.map(String.init) ?? ""
            var values = [Float](repeating: 0, count: parameter.count)
            switch variable {
            case "gamma", "moving_variance":
                values = [Float](repeating: 1, count: parameter.count)
            case "beta", "moving_mean":
                break
            case _ where variable.hasPrefix("bias"):
                break
            case _ where parameter.name.contains("_mixconv/kernel"):
                // 2-D kernel [k, channels]: fan_in = k. Truncated at two standard deviations, with Keras'
                // correction of the standard deviation for the truncation.
                let deviation = (2.0 / Double(parameter.shape[0])).squareRoot() / 0.879_625_661_034_239_78
                for i in values.indices {
                    var z = generator.normal()
                    while abs(z) > 2 { z = generator.normal() }
                    values[i] = Float(z * deviation)
                }
            default:
                let (fanIn, fanOut) = Self.fans(parameter.shape)
                let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
                for i in values.indices { values[i] = Float(generator.uniform(-limit, limit)) }
            }
            parameter.value.assign(values)
        }
    }

    /// Keras' fan-in and fan-out of a kernel shape (receptive field × channels for convolutions).
    static func fans(_ shape: [Int]) -> (Int, Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (receptive * shape[shape.count - 2], receptive * shape[shape.count - 1])
        }
    }
}
