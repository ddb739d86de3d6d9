import Config
import Foundation
import Support
import TestSupport
import Testing

/// The Swift loader reads every preset, the defaults and a file setting every key (Fixtures/every_key.yaml)
/// into the values the Python reference did. The reference's values, with the YAML text they came from, are in
/// Fixtures/python_resolved_configs.json (scripts/fixtures/make_python_parity_fixtures.py): editing a preset
/// later changes neither side of this comparison.
@Suite struct PythonParityTests {
    static func fixture() throws -> JSONValue {
        let url = Repository.fixture("ConfigTests", "python_resolved_configs.json")
        return try JSONValue(parsing: [UInt8](try Data(contentsOf: url)))
    }

    @Test func presetsAndEveryKeyResolveAsTheReferenceDid() throws {
        let fixture = try Self.fixture()
        guard case let .object(files)? = fixture["files"] else {
            Issue.record("python_resolved_configs.json has no \"files\" object")
            return
        }
        let names = files.map(\.key)
        for preset in Presets.names { #expect(names.contains("\(preset).yaml"), "no reference values for preset \(preset)") }
        #expect(names.contains("every_key.yaml"))
        // The reference resolved each text as $BASE/configs/<name>; paths under $BASE are relative to it.
        let base = TemporaryDirectory("config-parity")
        let folder = base.appending("configs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, entry) in files {
            let file = folder.appendingPathComponent(name)
            try Data(try #require(entry["yaml"]?.stringValue).utf8).write(to: file)
            let swift = try ConfigLoader.load(path: file.path).encoded
            let python = Self.replacingPrefix("$BASE", with: base.path, in: try #require(entry["resolved"]))
            let differences = Self.differences(swift, python, at: "")
            #expect(differences.isEmpty, "\(name): \(differences.joined(separator: "; "))")
        }
        let defaults = Self.differences(WakesmithConfig().encoded, try #require(fixture["defaults"]), at: "")
        #expect(defaults.isEmpty, "defaults: \(defaults.joined(separator: "; "))")
    }

    /// The fixture really sets every key: each leaf differs from the default.
    @Test func everyKeyFixtureCoversTheSchema() throws {
        let file = Repository.fixture("ConfigTests", "every_key.yaml").path
        let given = try ConfigLoader.load(path: file).encoded
        let defaults = WakesmithConfig().resolvingPaths(against: "/").encoded
        var same: [String] = []
        func walk(_ a: JSONValue, _ b: JSONValue, _ path: String) {
            if case let .object(pairs) = a, case .object = b {
                for pair in pairs { walk(pair.value, b[pair.key] ?? .null, path + "." + pair.key) }
            } else if a == b {
                same.append(path)
            }
        }
        walk(given, defaults, "")
        #expect(same.isEmpty, "keys left at their default in every_key.yaml: \(same)")
    }

    /// `value` with every string that is `prefix` or starts with `prefix/` rewritten to start with `replacement`.
    static func replacingPrefix(_ prefix: String, with replacement: String, in value: JSONValue) -> JSONValue {
        switch value {
        case let .object(pairs):
            return .object(pairs.map { (key: $0.key, value: replacingPrefix(prefix, with: replacement, in: $0.value)) })
        case let .array(items):
            return .array(items.map { replacingPrefix(prefix, with: replacement, in: $0) })
        case let .string(text) where text == prefix || text.hasPrefix(prefix + "/"):
            return .string(replacement + text.dropFirst(prefix.count))
        default:
            return value
        }
    }

    /// Paths where two values differ (numbers compare by value: Python writes 4.0 where YAML said 4).
    static func differences(_ a: JSONValue, _ b: JSONValue, at path: String) -> [String] {
        switch (a, b) {
        case let (.object(left), .object(right)):
            let leftKeys = left.map(\.key), rightKeys = right.map(\.key)
            guard leftKeys == rightKeys else { return ["\(path): keys \(leftKeys) vs Python \(rightKeys)"] }
            return zip(left, right).flatMap { differences($0.value, $1.value, at: path + "." + $0.key) }
        case let (.array(left), .array(right)):
            guard left.count == right.count else { return ["\(path): \(left.count) items vs Python \(right.count)"] }
            return zip(left.indices, zip(left, right)).flatMap { differences($1.0, $1.1, at: "\(path)[\($0)]") }
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x == y ? [] : ["\(path): \(x) vs Python \(y)"] }
            return a == b ? [] : ["\(path): \(a.serialized()) vs Python \(b.serialized())"]
        }
    }
}
