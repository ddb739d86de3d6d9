/// The scratch buffers ESP-NN 1.1.2 asks for on the ESP32-S3 (`esp_nn_get_conv_scratch_size_esp32s3`,
/// `esp_nn_get_depthwise_conv_scratch_size_esp32s3`), requested by esp-tflite-micro's CONV_2D and
/// DEPTHWISE_CONV_2D at the end of Prepare for int8 inputs. The generic (plain ESP32) kernels ask for none.
/// Dimensions pass through `uint16_t` locals, as in ESP-NN.
enum EspNNScratch {
    struct Geometry {
        let inputWidth: Int, inputHeight: Int, inputChannels: Int
        let filterWidth: Int, filterHeight: Int
        let outputWidth: Int, outputHeight: Int, outputChannels: Int
        let padWidth: Int, padHeight: Int
        let strideWidth: Int, strideHeight: Int
    }

    private static func u16(_ value: Int) -> Int { Int(UInt16(truncatingIfNeeded: value)) }

    static func conv(_ g: Geometry) -> Int {
        let width = u16(g.inputWidth), height = u16(g.inputHeight), channels = u16(g.inputChannels)
        let filterWidth = u16(g.filterWidth), filterHeight = u16(g.filterHeight), outChannels = u16(g.outputChannels)
        let padWidth = u16(g.padWidth), padHeight = u16(g.padHeight)
        let alignment = 32
        if filterWidth == 1, filterHeight == 1, padWidth == 0, padHeight == 0, u16(g.strideWidth) == 1, u16(g.strideHeight) == 1 {
            let rounded = (channels + 7) & ~7
            let transpose = width * height < 8 ? 0 : 2 * (8 * rounded)
            let input = channels % 8 != 0 ? width * height * rounded : 0
            return input + rounded * outChannels + transpose + alignment
        }
        let rounded = (channels + 15) & ~15
        let input = padWidth == 0 && padHeight == 0 ? 0 : (width + 2 * padWidth) * (height + 2 * padHeight) * channels
        return input + filterWidth * filterHeight * rounded * outChannels + alignment + outChannels * 4
    }

    static func depthwise(_ g: Geometry, multiplier: Int) -> Int {
        let width = u16(g.inputWidth), height = u16(g.inputHeight), channels = u16(g.inputChannels)
        let filterWidth = u16(g.filterWidth), filterHeight = u16(g.filterHeight), mult = u16(multiplier)
        let filterSize = filterWidth * filterHeight * channels * mult
        if mult == 1, channels % 8 == 0, filterWidth == 3, filterHeight == 3 {
            if channels % 16 == 0 {
                var padWidth = 0, padHeight = 0
                if g.padWidth != 0 || g.padHeight != 0 {
                    padWidth = u16(g.padWidth) * 2
                    padHeight = u16(g.padHeight) * 2
                } else {
                    padWidth = (u16(g.outputWidth) * u16(g.strideWidth) + filterWidth - 1) - width
                    padHeight = (u16(g.outputHeight) * u16(g.strideHeight) + filterHeight - 1) - height
                }
                if padWidth != 0 || padHeight != 0 {
                    return filterSize + (width + padWidth) * (height + padHeight) * channels + 16
                }
                return filterSize + 16
            }
            return 2 * (filterSize + width * height * channels) + 16
        } else if mult % 4 == 0 {
            return 2 * (filterSize + width * height * channels) + 16
        }
        return 32
    }
}
