@testable import Config
import Testing

@Suite struct GroupPatternTests {
    @Test func takesTheGroupFromTheFileName() throws {
        let pattern = try GroupPattern("^(.+?)__")
        #expect(pattern.groupID(in: "espeak-en-us-m3__0007.wav") == "espeak-en-us-m3")
        #expect(pattern.groupID(in: "nomatch.wav") == nil)
        #expect(try GroupPattern("(?:x)?(a*)b").groupID(in: "b") == nil)  // an empty group counts as no group
        #expect(try GroupPattern("(?P<speaker>spk\\d+)").groupID(in: "take_spk12_3.wav") == "spk12")
        #expect(try GroupPattern("(?i)(SPK\\d)").groupID(in: "spk7.wav") == "spk7")
        // Unicode scalars, as Python's re: `.` takes one scalar, not a whole grapheme cluster.
        #expect(try GroupPattern("^(.)").groupID(in: "e\u{301}x.wav") == "e")
    }

    @Test func needsExactlyOneCaptureGroup() {
        for (pattern, count) in [("abc", 0), ("(a)(b)", 2), ("(?:a)(b)", 1), ("[(](x)", 1), ("\\((x)", 1), ("(?<n>a)", 1), ("(?=a)(b)", 1)] {
            #expect(GroupPattern.captureGroupCount(pattern) == count, "\(pattern)")
        }
        #expect(problems("dataset:\n  group_pattern: abc\n")?.message.contains("needs exactly one capture group (the group id), found 0") == true)
        #expect(problems("dataset:\n  group_pattern: '(a)(b)'\n")?.message.contains("found 2") == true)
        #expect(problems("dataset:\n  group_pattern: '(unclosed'\n")?.message.contains("not a valid regular expression") == true)
        #expect(problems("dataset:\n  group_pattern: '(?<=x)(a)'\n")?.message.contains("lookbehind") == true)
    }
}
