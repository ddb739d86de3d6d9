import Config
import Foundation
import Support
import TestSupport
import Testing

/// The Swift and Python implementations read the same files into the same values: every preset, the
/// defaults, and a file setting every key (Fixtures/every_key.yaml). Python: `.venv/bin/python`.
@Suite(.enabled(if: oraclePython != nil, "needs the Python reference in .venv (scripts/install.sh)"))
struct PythonParityTests {
    /// Python's resolved values of each file (`-` for the built-in defaults), as `model_dump(mode="json")`
    /// gives them; per-split counts filled to all three splits, as the Python stages read them.
    func pythonValues(_ paths: [String]) throws -> [String: JSONValue] {
        let script = """
        import json, sys
        from wakesmith.config import load_config
        from wakesmith.config.models import WakesmithConfig
        out = {}
        for path in sys.argv[1:]:
            data = (WakesmithConfig() if path == "-" else load_config(path)).model_dump(mode="json")
            for key in ("slide_frames", "repetitions"):
                data["features"][key] = {s: data["features"][key].get(s, 1) for s in ("training", "validation", "testing")}
            out[path] = data
        print(json.dumps(out))
        """
        let python = try #require(oraclePython)
        let result = try runProcess(python, ["-c", script] + paths, currentDirectory: Repository.root)
        #expect(result.status == 0, "\(result.standardError)")
        let value = try JSONValue(parsing: result.standardOutput)
        var byPath: [String: JSONValue] = [:]
        for path in paths { byPath[path] = value[path] }
        return byPath
    }

    @Test func presetsDefaultsAndEveryKeyResolveTheSame() throws {
        let files = Presets.names.map { Repository.root.appendingPathComponent("configs/\($0).yaml").path }
            + [Repository.fixture("ConfigTests", "every_key.yaml").path]
        let python = try pythonValues(files + ["-"])
        for file in files {
            let swift = try ConfigLoader.load(path: file).encoded
            let differences = Self.differences(swift, try #require(python[file]), at: "")
            #expect(differences.isEmpty, "\(file): \(differences.joined(separator: "; "))")
        }
        let defaults = Self.differences(WakesmithConfig().encoded, try #require(python["-"]), at: "")
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
