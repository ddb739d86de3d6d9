import Support

extension MixedNetArchitecture {
    /// The configuration's `model:` keys and values.
    public var json: JSONValue {
        .object([
            (key: "stride", value: .integer(stride)),
            (key: "first_conv_filters", value: .integer(firstConvFilters)),
            (key: "first_conv_kernel_size", value: .integer(firstConvKernelSize)),
            (key: "pointwise_filters", value: .array(blocks.map { .integer($0.filters) })),
            (key: "repeat_in_block", value: .array(blocks.map { .integer($0.repeats) })),
            (key: "mixconv_kernel_sizes", value: .array(blocks.map { .array($0.kernelSizes.map { .integer($0) }) })),
            (key: "residual_connection", value: .array(blocks.map { .bool($0.residual) })),
            (key: "head_frames", value: .integer(headFrames)),
            (key: "spatial_attention", value: .bool(spatialAttention)),
            (key: "pooled", value: .bool(pooled)),
            (key: "bn_momentum", value: .number(Double("\(batchNormMomentum)") ?? Double(batchNormMomentum))),
        ])
    }

    /// Reads the form `json` writes (missing keys take the defaults).
    public init(json: JSONValue) throws(Failure) {
        func integers(_ key: String) throws(Failure) -> [Int]? {
            guard let value = json[key] else { return nil }
            guard let items = value.arrayValue else { throw Failure("model.\(key) is not a list") }
            var result: [Int] = []
            for item in items {
                guard let number = item.integerValue else { throw Failure("model.\(key) holds \(item.typeName), not integers") }
                result.append(number)
            }
            return result
        }
        func integer(_ key: String, _ fallback: Int) throws(Failure) -> Int {
            guard let value = json[key] else { return fallback }
            guard let number = value.integerValue else { throw Failure("model.\(key) is \(value.typeName), not an integer") }
            return number
        }
        func flag(_ key: String) throws(Failure) -> Bool {
            guard let value = json[key] else { return false }
            guard let bool = value.boolValue else { throw Failure("model.\(key) is \(value.typeName), not true/false") }
            return bool
        }
        let defaults = MixedNetArchitecture.default
        let filters = try integers("pointwise_filters") ?? defaults.blocks.map(\.filters)
        let repeats = try integers("repeat_in_block") ?? defaults.blocks.map(\.repeats)
        var kernels = defaults.blocks.map(\.kernelSizes)
        if let value = json["mixconv_kernel_sizes"] {
            guard let lists = value.arrayValue else { throw Failure("model.mixconv_kernel_sizes is not a list of lists") }
            kernels = []
            for list in lists {
                guard let items = list.arrayValue else { throw Failure("model.mixconv_kernel_sizes is not a list of lists") }
                var sizes: [Int] = []
                for item in items {
                    guard let size = item.integerValue else { throw Failure("model.mixconv_kernel_sizes holds a non-integer") }
                    sizes.append(size)
                }
                kernels.append(sizes)
            }
        }
        var residual = defaults.blocks.map(\.residual)
        if let value = json["residual_connection"] {
            guard let items = value.arrayValue else { throw Failure("model.residual_connection is not a list") }
            residual = []
            for item in items {
                guard let bool = item.boolValue else { throw Failure("model.residual_connection holds a non-boolean") }
                residual.append(bool)
            }
        }
        guard repeats.count == filters.count, kernels.count == filters.count, residual.count == filters.count else {
            throw Failure("model.pointwise_filters, repeat_in_block, mixconv_kernel_sizes and residual_connection "
                + "need one entry per block", hint: "give all four lists the same length")
        }
        let blocks = filters.indices.map { index in
            Block(filters: filters[index], repeats: repeats[index], kernelSizes: kernels[index], residual: residual[index])
        }
        var momentum = defaults.batchNormMomentum
        if let value = json["bn_momentum"] {
            guard let number = value.doubleValue else { throw Failure("model.bn_momentum is not a number") }
            momentum = Float(number)
        }
        self.init(stride: try integer("stride", defaults.stride),
                  firstConvFilters: try integer("first_conv_filters", defaults.firstConvFilters),
                  firstConvKernelSize: try integer("first_conv_kernel_size", defaults.firstConvKernelSize),
                  blocks: blocks, headFrames: try integer("head_frames", defaults.headFrames),
                  pooled: try flag("pooled"), spatialAttention: try flag("spatial_attention"),
                  batchNormMomentum: momentum)
    }
}
