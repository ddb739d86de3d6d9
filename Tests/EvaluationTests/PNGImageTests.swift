// Fixtures: Tests/EvaluationTests/Fixtures/*.png, made by scripts/fixtures/png_samples.py.
import Foundation
import TestSupport
import Testing

/// The PNG reader the browser test checks screenshots with: every filter, colour type and DEFLATE block type
/// (stored: rgba_stored, fixed Huffman: grey_fixed, dynamic Huffman: rgb_dynamic).
@Suite struct PNGImageTests {
    func value(_ x: Int, _ y: Int, _ channel: Int) -> UInt8 { UInt8((x * 37 + y * 11 + channel * 71) % 256) }

    @Test(arguments: ["rgb_filter0", "rgb_filter1", "rgb_filter2", "rgb_filter3", "rgb_filter4", "rgba_stored", "grey_fixed", "rgb_dynamic"])
    func decodesKnownPixels(name: String) throws {
        let image = try PNGImage(data: Data(contentsOf: Repository.fixture("EvaluationTests", name + ".png")))
        let size = name == "rgb_dynamic" ? (64, 48) : (9, 6)
        #expect(image.width == size.0 && image.height == size.1)
        for y in 0 ..< image.height {
            for x in 0 ..< image.width {
                let pixel = image.pixel(x: x, y: y)
                if name.hasPrefix("grey") {
                    #expect(pixel.r == value(x, y, 0) && pixel.g == pixel.r && pixel.b == pixel.r && pixel.a == 255)
                } else {
                    #expect([pixel.r, pixel.g, pixel.b] == [value(x, y, 0), value(x, y, 1), value(x, y, 2)], "(\(x), \(y))")
                    #expect(pixel.a == (name.hasPrefix("rgba") ? value(x, y, 3) : 255))
                }
            }
        }
    }

    @Test func refusesWhatIsNotAPNG() {
        #expect(throws: Inflate.Failure.self) { try PNGImage(data: Data("not a png at all".utf8)) }
        #expect(throws: Inflate.Failure.self) { try Inflate.zlib([0x78, 0x9C, 0xFF, 0, 0, 0, 0]) }
    }
}
