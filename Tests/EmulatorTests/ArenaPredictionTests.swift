import Foundation
import Testing
import TestSupport
import TFLiteFormat
@testable import Emulator

/// The arena predictions against tflite-micro: exact values measured by bisection in a child process
/// (host64, `arena_bisect.py`) and by esp-tflite-micro 1.3.3 built for 32-bit (shared/notes/tflite_tflm.md §4).
@Suite struct ArenaPredictionTests {
    static let measured: [(model: String, host64: Int, esp32: Int, esp32Used: Int)] = [
        ("okay_nabu", 24512, 18672, 18396),
        ("hey_jarvis", 20320, 15520, 15516),
        ("alexa", 20720, 16144, 16140),
    ]

    @Test(.enabled(if: Repository.referenceModels != nil), arguments: measured.map(\.model))
    func predictionsMatchTheMeasuredMinimums(name: String) throws {
        let model = try ReferenceModelTests.model(name)
        let expected = try #require(Self.measured.first { $0.model == name })
        let host = try ArenaPrediction(model: model, target: .host64)
        #expect(host.minimumBytes == expected.host64)
        let esp = try ArenaPrediction(model: model, target: .esp32)
        #expect(esp.minimumBytes == expected.esp32)
        #expect(esp.usedBytes == expected.esp32Used)
    }
}
