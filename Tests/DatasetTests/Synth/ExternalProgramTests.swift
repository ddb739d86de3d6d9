import Foundation
import Testing
import TestSupport
@testable import Dataset

@Suite struct ExternalProgramTests {
    @Test func passesInputAndCapturesBothOutputs() throws {
        let big = [UInt8](repeating: 65, count: 1 << 20)
        let echo = try ExternalProgram("/bin/sh").run(["-c", "cat; echo oops >&2; exit 3"], input: big)
        #expect(echo.status == 3 && echo.output == big && echo.errorText == "oops\n" && echo.lastErrorLine == "oops")
        let folder = TemporaryDirectory("program")
        let here = try ExternalProgram("pwd").run([], directory: folder.path)
        #expect(here.succeeded && URL(fileURLWithPath: here.outputText.trimmingCharacters(in: .whitespacesAndNewlines)).standardizedFileURL.path
            == folder.url.resolvingSymlinksInPath().path)
    }

    @Test func missingProgramsAndSlowOnesAreErrors() throws {
        #expect(throws: ProgramError.self) { try ExternalProgram("no-such-program-here").run([]) }
        #expect(ExternalProgram.find("sh") != nil && ExternalProgram.find("no-such-program-here") == nil)
        let started = Date()
        #expect(throws: ProgramError.self) { try ExternalProgram("sleep").run(["5"], timeout: 0.3) }
        #expect(Date().timeIntervalSince(started) < 3)
        let killed = try ExternalProgram("/bin/sh").run(["-c", "kill -9 $$"])
        #expect(killed.status == 128 + 9)
    }
}
