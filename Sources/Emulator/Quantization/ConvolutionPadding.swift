import TFLiteFormat

/// The implicit padding of a convolution or pooling window (`ComputePaddingHeightWidth` in
/// `kernels/padding.h`): rows and columns before the first input, from the input, filter, stride and
/// dilation. Invalid arguments give zero padding, as in TFLM, whose kernels then loop over the *output
/// tensor's* dimensions whatever size the padding mode implies.
public struct ConvolutionPadding: Hashable, Sendable {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    public init(padding: Padding, strideHeight: Int, strideWidth: Int, dilationHeight: Int, dilationWidth: Int,
                inputHeight: Int, inputWidth: Int, filterHeight: Int, filterWidth: Int)
    {
        self.init(height: 0, width: 0)
        let limit = Int(Int32.max)
        func outSize(_ image: Int, _ filter: Int, _ stride: Int, _ dilation: Int) -> Int? {
            guard padding == .same || padding == .valid, image >= 0, filter > 0, stride > 0, dilation > 0 else {
                return nil
            }
            let effective = (filter - 1) * dilation + 1
            let value = padding == .same ? (image + stride - 1) / stride : (image + stride - effective) / stride
            return value < 0 || value > limit ? nil : value
        }
        func pad(_ image: Int, _ filter: Int, _ stride: Int, _ dilation: Int, _ out: Int) -> Int? {
            let effective = (filter - 1) * dilation + 1
            let total = max((out - 1) * stride + effective - image, 0)
            return total / 2 > limit ? nil : total / 2
        }
        // TFLM's order: both output sizes, then the height padding, then the width padding, stopping at
        // the first failure and keeping what it already wrote.
        guard let outWidth = outSize(inputWidth, filterWidth, strideWidth, dilationWidth),
              let outHeight = outSize(inputHeight, filterHeight, strideHeight, dilationHeight),
              let padHeight = pad(inputHeight, filterHeight, strideHeight, dilationHeight, outHeight)
        else { return }
        height = padHeight
        width = pad(inputWidth, filterWidth, strideWidth, dilationWidth, outWidth) ?? 0
    }
}
