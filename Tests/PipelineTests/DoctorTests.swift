import Config
import Foundation
@testable import Pipeline
import TestSupport
import Testing

@Suite struct DoctorTests {
    @Test func reportsTheLinkedLibrariesVersions() {
        let checks = Doctor.run()
        let libraries = Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
        #expect(libraries["libsndfile"]?.found.hasPrefix("libsndfile-1.") == true)
        #expect(libraries["libyaml"]?.found.hasPrefix("0.2.") == true)
        #expect(libraries["OpenBLAS"]?.found.contains("OpenBLAS") == true)
        #expect(libraries["ALSA"]?.found.hasPrefix("1.") == true)
        #expect(checks.filter { $0.status != .ok }.allSatisfy { !$0.fix.isEmpty })
        #expect(checks.filter { $0.status == .ok }.allSatisfy { $0.fix.isEmpty })
    }

    @Test func missingRequiredProgramFailsWithAFix() {
        #expect(ProgramChecks.locate("sh", path: "/usr/bin:/bin") != nil)
        #expect(ProgramChecks.locate("sh", path: "/nonexistent") == nil)
    }

    @Test func diskCheckComparesFreeSpaceWithTheEstimate() throws {
        let folder = TemporaryDirectory("doctor")
        let enough = MachineChecks.disk(folder: folder.appending("work/not-yet").path, neededBytes: 1)
        #expect(enough.status == .ok)
        #expect(enough.found.contains(folder.path))
        let tooMuch = MachineChecks.disk(folder: folder.path, neededBytes: 1e18)
        #expect(tooMuch.status == .failed)
        #expect(tooMuch.fix.contains("work_dir"))
    }

    @Test func estimateGrowsWithClipsSlidesAndRepetitions() throws {
        let folder = TemporaryDirectory("doctor")
        for index in 0 ..< 3 {
            try Data().write(to: folder.appending("clip\(index).wav"))
        }
        var config = WakesmithConfig()
        config.dataset.root = folder.path
        config.features.clipDurationSeconds = 1
        config.features.slideFrames.training = 10
        config.features.repetitions.training = 2
        // 3 clips × 100 frames × 40 channels × 2 bytes × 10 slides × 2 repetitions, plus 1 GB headroom
        #expect(Doctor.estimatedBytes(config) == 3 * 100 * 40 * 2 * 20 + 1e9)
    }
}
