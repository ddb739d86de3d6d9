import Foundation

/// A decoded PNG (8-bit grey, grey+alpha, RGB or RGBA, not interlaced) as RGBA pixels: enough to check
/// screenshots in tests.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Red, green, blue, alpha per pixel, row by row.
    public let rgba: [UInt8]

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0 ..< 8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else {
            throw Inflate.Failure(description: "not a PNG file")
        }
        var position = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = bytes[position ..< position + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[position + 4 ..< position + 8], as: UTF8.self)
            guard position + 12 + length <= bytes.count else { throw Inflate.Failure(description: "PNG chunk ends early") }
            let body = bytes[position + 8 ..< position + 8 + length]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { compressed += body }
            position += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw Inflate.Failure(description: "PNG lacks its header") }
        width = header[0 ..< 4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4 ..< 8].reduce(0) { $0 << 8 | Int($1) }
        let depth = header[8], colour = header[9], interlace = header[12]
        let channels: Int
        switch colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Inflate.Failure(description: "PNG colour type \(colour) is not supported")
        }
        guard depth == 8, interlace == 0 else { throw Inflate.Failure(description: "only 8-bit, non-interlaced PNGs") }
        let raw = try Inflate.zlib(compressed)
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Inflate.Failure(description: "PNG image data too short") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0 ..< height {
            let filter = raw[row * (stride + 1)]
            for column in 0 ..< stride {
                let x = raw[row * (stride + 1) + 1 + column]
                let a = column >= channels ? Int(pixels[row * stride + column - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + column]) : 0
                let c = row > 0 && column >= channels ? Int(pixels[(row - 1) * stride + column - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Inflate.Failure(description: "PNG filter \(filter) is invalid")
                }
                pixels[row * stride + column] = x &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for index in 0 ..< width * height {
            let source = index * channels
            switch channels {
            case 1, 2:
                rgba[index * 4] = pixels[source]
                rgba[index * 4 + 1] = pixels[source]
                rgba[index * 4 + 2] = pixels[source]
                if channels == 2 { rgba[index * 4 + 3] = pixels[source + 1] }
            default:
                for channel in 0 ..< channels { rgba[index * 4 + channel] = pixels[source + channel] }
            }
        }
        self.rgba = rgba
    }

    /// The pixel at (x, y) from the top left.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let index = (y * width + x) * 4
        return (rgba[index], rgba[index + 1], rgba[index + 2], rgba[index + 3])
    }
}
