import Evaluation
import Frontend
import Synchronization
import Testing

/// A transparent "model": its output is the int8 input of the stride's last frame, channel 0, shifted to
/// 0…255, so every output can be worked out from the features (the Swift form of the reference's EchoRunner).
struct EchoModel: StreamingModel {
    let stride = 3
    let channelCount = 2
    let resets: Counter?
    init(resets: Counter? = nil) { self.resets = resets }
    mutating func reset() { resets?.count.withLock { $0 += 1 } }
    mutating func infer(_ input: UnsafeBufferPointer<Int8>) throws -> UInt8 {
        UInt8(Int(input[(stride - 1) * channelCount]) + 128)
    }
}

final class Counter: Sendable {
    let count = Mutex(0)
}

@Suite struct StreamMeasurerTests {
    /// One frame per value, both channels set to it.
    func frames(_ values: [UInt16]) -> [UInt16] { values.flatMap { [$0, $0] } }
    /// What the echo model outputs for a raw value: the device's int8 mapping, shifted.
    func echo(_ raw: UInt16) -> UInt8 { UInt8(Int(FeatureScaling.deviceInt8(raw: raw)) + 128) }

    @Test func clipsStartFreshAndDropPartialStrides() throws {
        let measurer = StreamMeasurer(workers: 1, showProgress: false) { EchoModel() }
        let positives = SpectrogramList([frames([9, 9, 40, 9, 9, 900, 2550]), frames([1, 2])])
        let result = try measurer.measure(labelled: [.init(name: "positive", isWakeWord: true, clips: positives)],
                                          ambient: [.init(name: "ambient", windows: SpectrogramList([frames([0, 0, 0])]))])
        // 7 frames → 2 inferences (frames 3 and 6); 2 frames → none
        #expect(result.clips.map(\.outputs) == [[echo(40), echo(900)], []])
        #expect(result.clips.map(\.name) == ["positive #0", "positive #1"] && result.clips.allSatisfy(\.isWakeWord))
        #expect(echo(40) == 15 && echo(2550) == 255) // (40·256 + 333) / 666 = 15 → −113 → 15; 2550 saturates
    }

    @Test func ambientWindowsRunBackToBackCarryingPartialStrides() throws {
        let resets = Counter()
        let measurer = StreamMeasurer(workers: 1, showProgress: false) { EchoModel(resets: resets) }
        let windows = SpectrogramList([frames([100, 200, 300, 400]), frames([500, 600, 700, 800, 900])])
        let result = try measurer.measure(labelled: [.init(name: "positive", isWakeWord: true, clips: SpectrogramList([]))],
                                          ambient: [.init(name: "room", windows: windows)])
        // frames 100…900 in strides (100,200,300) (400,500,600) (700,800,900): the last of each
        #expect(result.ambient.map(\.outputs) == [[echo(300), echo(600), echo(900)]])
        #expect(abs(result.ambientSeconds - 0.09) < 1e-12 && result.stride == 3 && result.frameSeconds == 0.01)
        #expect(resets.count.withLock { $0 } == 1) // one recording, one fresh start
    }

    @Test func workersChangeNothingButSpeed() throws {
        var items: [[UInt16]] = []
        for index in 0 ..< 40 {
            items.append(frames((0 ..< 12).map { (position: Int) -> UInt16 in UInt16((position * 37 + index * 11) % 1500) }))
        }
        let clips = SpectrogramList(items)
        var ambient: [StreamMeasurer.Recording] = []
        for index in 0 ..< 3 {
            var windows: [[UInt16]] = []
            for window in 0 ..< 5 {
                windows.append(frames((0 ..< 7).map { (position: Int) -> UInt16 in UInt16((position + window * 7 + index * 100) * 13 % 2000) }))
            }
            ambient.append(StreamMeasurer.Recording(name: "r\(index)", windows: SpectrogramList(windows)))
        }
        let sets = [StreamMeasurer.LabelledSet(name: "positive", isWakeWord: true, clips: clips),
                    .init(name: "negative", isWakeWord: false, clips: clips)]
        let one = try StreamMeasurer(workers: 1, showProgress: false) { EchoModel() }.measure(labelled: sets, ambient: ambient)
        let four = try StreamMeasurer(workers: 4, showProgress: false) { EchoModel() }.measure(labelled: sets, ambient: ambient)
        #expect(one.clips.map { $0.outputs } == four.clips.map { $0.outputs })
        #expect(one.clips.map { $0.name } == four.clips.map { $0.name })
        #expect(one.ambient.map { $0.outputs } == four.ambient.map { $0.outputs } && one.ambientSeconds == four.ambientSeconds)
        #expect(one.clips.count == 80 && one.ambient.map { $0.outputs.count } == [11, 11, 11]) // 35 frames → 11 strides
    }

    @Test func aFailingModelStopsTheRunWithItsError() {
        struct Broken: StreamingModel, Error {
            let stride = 3, channelCount = 2
            mutating func reset() {}
            mutating func infer(_ input: UnsafeBufferPointer<Int8>) throws -> UInt8 { throw self }
        }
        let measurer = StreamMeasurer(workers: 2, showProgress: false) { Broken() }
        #expect(throws: Broken.self) {
            try measurer.measure(labelled: [.init(name: "positive", isWakeWord: true, clips: SpectrogramList([[1, 1, 2, 2, 3, 3]]))],
                                 ambient: [])
        }
    }
}
