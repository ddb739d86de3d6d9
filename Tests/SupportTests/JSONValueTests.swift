import Support
import Testing

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndIntegerness() throws {
        let value = try JSONValue(parsing: #"{"b": 1, "a": 1.0, "c": [true, null, "x\u00e9\n"], "d": -2.5e-3}"#)
        #expect(value.keys == ["b", "a", "c", "d"])
        #expect(value["b"] == .integer(1))
        #expect(value["a"] == .number(1.0))
        #expect(value["a"]?.integerValue == nil)
        #expect(value["c"] == .array([.bool(true), .null, .string("xé\n")]))
        #expect(value["d"]?.doubleValue == -0.0025)
    }

    @Test func roundTripsThroughText() throws {
        let value: JSONValue = ["model": "a.tflite", "stride": 3, "arena": ["host64": 24512, "esp32": 18660],
                                "cutoff": 0.97, "frames": [[1, 2], [3, 4]], "empty": [], "none": nil]
        for indent in [nil, 2] as [Int?] {
            #expect(try JSONValue(parsing: value.serialized(indent: indent)) == value)
        }
        #expect(value.serialized() == #"{"model":"a.tflite","stride":3,"arena":{"host64":24512,"esp32":18660},"cutoff":0.97,"frames":[[1,2],[3,4]],"empty":[],"none":null}"#)
    }

    @Test func reportsLineAndColumn() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONValue(parsing: "{\"a\": 1,\n \"b\": 2 \"c\": 3}")
        }
        #expect(error?.line == 2)
        #expect(error?.column == 9)
        #expect(error?.reason == "expected ',' or '}'")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\q\"", "[1] 2", "tru", String(repeating: "[", count: 600)])
    func refusesMalformedText(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }
}
