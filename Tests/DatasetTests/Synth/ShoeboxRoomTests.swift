import Foundation
import Support
import Testing
@testable import Dataset

@Suite struct ShoeboxRoomTests {
    @Test func roomsAreDrawnInsideTheirWalls() {
        var rooms: [ShoeboxRoom] = []
        for index in 0 ..< 50 {
            var generator = SeededGenerator(seed: 5, stream: UInt64(index))
            rooms.append(ShoeboxRoom.draw(using: &generator))
        }
        for (index, room) in rooms.enumerated() {
            var generator = SeededGenerator(seed: 5, stream: UInt64(index))
            #expect(ShoeboxRoom.draw(using: &generator) == room)
            for point in [room.source, room.microphone] {
                for axis in 0 ..< 2 { #expect(point[axis] >= 0.5 - 1e-3 && point[axis] <= room.size[axis] - 0.5 + 1e-3) }
                #expect(point[2] > 0 && point[2] < room.size[2])
            }
            #expect(ShoeboxRoom.distance(room.source, room.microphone) >= 0.7 - 1e-3)
            #expect((0.15 ... 0.9).contains(room.rt60))
        }
        #expect(Set(rooms.map(\.size)).count == 50)
    }

    @Test func directSoundArrivesFirstAtItsDelay() {
        let room = ShoeboxRoom(size: [5, 4, 3], rt60: 0.4, source: [1, 1, 1.5], microphone: [4, 3, 1])
        let response = room.impulseResponse(seed: 1)
        let direct = ShoeboxRoom.distance(room.source, room.microphone)
        let expected = direct / ShoeboxRoom.speedOfSound * 16000 + Double(ShoeboxRoom.halfTaps)
        let firstLoud = response.firstIndex { abs($0) > 0.5 * (response.map(abs).max() ?? 0) }!
        #expect(abs(Double(firstLoud) - expected) <= 1.5)
        #expect(response == room.impulseResponse(seed: 1))
        #expect(response != room.impulseResponse(seed: 2)) // the image jitter follows the seed
    }

    /// The energy decay (Schroeder backward integration, −5…−25 dB extrapolated to −60) matches the RT60 the
    /// absorption was chosen for: the image sources are the room, not a decaying noise stand-in.
    @Test(arguments: [0.3, 0.6, 0.9])
    func decayMatchesTheReverberationTime(_ rt60: Double) {
        let room = ShoeboxRoom(size: [6, 5, 2.8], rt60: rt60, source: [1.2, 1.5, 1.6], microphone: [4.1, 3.2, 1.0])
        let response = room.impulseResponse(seed: 3).map(Double.init)
        var energy = response.map { $0 * $0 }
        for index in stride(from: energy.count - 2, through: 0, by: -1) { energy[index] += energy[index + 1] }
        let decibels = energy.map { 10 * log10($0 / energy[0]) }
        let t5 = decibels.firstIndex { $0 <= -5 }!, t25 = decibels.firstIndex { $0 <= -25 }!
        let measured = Double(t25 - t5) / 16000 * 3
        #expect(abs(measured - rt60) / rt60 < 0.3, "measured \(measured) s for \(rt60) s")
    }
}
