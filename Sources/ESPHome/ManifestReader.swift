import Foundation
import Support

/// Reads a manifest strictly, as ESPHome's config validation does, collecting one line per problem
/// (`micro.tensor_arena_size: must be an integer, got number 26080.5`). Version 1 manifests are read as
/// legacy manifests.
public enum ManifestReader {
    /// One thing wrong with a manifest, at a key path.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public let key: String
        public let message: String
        public var description: String { "\(key): \(message)" }
    }

    /// A manifest, or the problems that make ESPHome reject it.
    public typealias Outcome = Result<AnyManifest, ManifestError>

    /// Parses and validates manifest text.
    public static func read(text: String, path: String = "manifest") -> Outcome {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch {
            return .failure(ManifestError(path: path, problems: [Problem(key: "(file)", message: "not valid JSON: \(error.message)")]))
        }
        return read(json, path: path)
    }

    /// Reads the manifest file at `url`.
    public static func read(contentsOf url: URL) -> Outcome {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            return .failure(ManifestError(path: url.path, problems: [Problem(key: "(file)", message: exists ? "cannot be read" : "file not found")]))
        }
        return read(text: String(decoding: data, as: UTF8.self), path: url.path)
    }

    /// Validates parsed JSON.
    public static func read(_ json: JSONValue, path: String = "manifest") -> Outcome {
        var problems: [Problem] = []
        guard case .object = json else {
            return .failure(ManifestError(path: path, problems: [Problem(key: "(top level)", message: "must be a JSON object, got \(json.typeName)")]))
        }
        var checker = Checker(json: json)
        let version = json["version"]
        switch version {
        case .integer(1):
            let manifest = checker.v1()
            problems = checker.problems
            if problems.isEmpty, let manifest { return .success(.v1(manifest)) }
        case .integer(2):
            let manifest = checker.v2()
            problems = checker.problems
            if problems.isEmpty, let manifest { return .success(.v2(manifest)) }
        case nil:
            problems = [Problem(key: "version", message: "missing key (ESPHome: \"Invalid manifest file, missing 'version' key\")")]
        case let .some(value):
            problems = [Problem(key: "version", message: "must be the integer 2 (or 1 for legacy manifests), got \(value.typeName) \(value.serialized())")]
        }
        return .failure(ManifestError(path: path, problems: problems))
    }

    private struct Checker {
        let json: JSONValue
        var problems: [Problem] = []

        mutating func fail(_ key: String, _ message: String) { problems.append(Problem(key: key, message: message)) }

        mutating func closed(_ value: JSONValue, prefix: String, allowed: [String], optional: Set<String>) {
            for key in value.keys where !allowed.contains(key) {
                fail(prefix + key, "extra key; ESPHome rejects the whole config with \"\(ManifestSchema.extraKeyMessage)\" (move it to a separate file)")
            }
            for key in allowed where value[key] == nil && !optional.contains(key) {
                fail(prefix + key, "missing key")
            }
            var seen: Set<String> = []
            for key in value.keys where !seen.insert(key).inserted { fail(prefix + key, "appears twice") }
        }

        mutating func string(_ value: JSONValue?, _ key: String) -> String? {
            guard let value else { return nil }
            guard let text = value.stringValue else {
                fail(key, "must be a string, got \(value.typeName) \(value.serialized())")
                return nil
            }
            return text
        }

        mutating func integer(_ value: JSONValue?, _ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let value else { return nil }
            let number: Int?
            switch value {
            case let .integer(integer): number = integer
            case let .number(double) where double.rounded() == double && abs(double) < 1e15: number = Int(double)
            default: number = nil
            }
            guard let number else {
                fail(key, "must be an integer, got \(value.typeName) \(value.serialized())")
                return nil
            }
            guard range.contains(number) else {
                fail(key, "must be \(Self.describe(range)), got \(number)")
                return nil
            }
            return number
        }

        static func describe(_ range: ClosedRange<Int>) -> String {
            if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
            return "from \(range.lowerBound) to \(range.upperBound)"
        }

        mutating func cutoff(_ value: JSONValue?, _ key: String) -> Double? {
            guard let value else { return nil }
            guard let number = value.doubleValue else {
                fail(key, "must be a number, got \(value.typeName) \(value.serialized())")
                return nil
            }
            guard number > 0, number < 1 else {
                fail(key, "must be between 0 and 1 (exclusive), got \(number): the firmware stores int(cutoff × 255) in a byte")
                return nil
            }
            return number
        }

        mutating func version(_ value: JSONValue?, _ key: String) -> String? {
            guard let value else { return nil }
            guard let text = value.stringValue else {
                fail(key, "must be a string \"MAJOR.MINOR.PATCH\" such as \"2024.7.0\", got \(value.typeName) \(value.serialized()) (ESPHome: \"Must be string\")")
                return nil
            }
            guard ESPHomeVersion(text, requirePatch: true) != nil else {
                fail(key, "must be \"MAJOR.MINOR.PATCH\" such as \"2024.7.0\", got \"\(text)\"")
                return nil
            }
            return text
        }

        mutating func website(_ value: JSONValue?) -> String? {
            guard let text = string(value, "website") else { return nil }
            let parts = URLComponents(string: text)
            guard let scheme = parts?.scheme?.lowercased(), ["http", "https"].contains(scheme), !(parts?.host ?? "").isEmpty else {
                fail("website", "must be an http(s) URL, got \"\(text)\"")
                return nil
            }
            return text
        }

        mutating func common() -> (type: String?, wakeWord: String?, author: String?, model: String?) {
            let type = string(json["type"], "type")
            if let type, type != "micro" { fail("type", "must be \"micro\", got \"\(type)\"") }
            let model = string(json["model"], "model")
            if let model, model.isEmpty { fail("model", "must name the .tflite file") }
            return (type, string(json["wake_word"], "wake_word"), string(json["author"], "author"), model)
        }

        mutating func v2() -> Manifest? {
            closed(json, prefix: "", allowed: ManifestSchema.v2TopLevelKeys, optional: ManifestSchema.v2OptionalKeys)
            let base = common()
            let website = json["website"] == nil ? nil : self.website(json["website"])
            var languages: [String]?
            switch json["trained_languages"] {
            case let .array(values)?:
                languages = values.compactMap(\.stringValue)
                if languages?.count != values.count { fail("trained_languages", "must be a list of strings") }
            case let .string(single)?:
                languages = [single] // ESPHome wraps a single string in a list
            case let value?:
                fail("trained_languages", "must be a list of strings, got \(value.typeName)")
            case nil: break
            }
            guard let micro = json["micro"] else { return nil }
            guard case .object = micro else {
                fail("micro", "must be an object, got \(micro.typeName)")
                return nil
            }
            closed(micro, prefix: "micro.", allowed: ManifestSchema.v2MicroKeys, optional: [])
            let cutoff = cutoff(micro["probability_cutoff"], "micro.probability_cutoff")
            let step = integer(micro["feature_step_size"], "micro.feature_step_size", in: 0 ... ManifestSchema.maxFeatureStepSize)
            let window = integer(micro["sliding_window_size"], "micro.sliding_window_size", in: 1 ... Int.max)
            let arena = integer(micro["tensor_arena_size"], "micro.tensor_arena_size", in: 1 ... Int.max)
            let minimum = version(micro["minimum_esphome_version"], "micro.minimum_esphome_version")
            guard problems.isEmpty, base.type != nil, let wakeWord = base.wakeWord, let author = base.author, let model = base.model,
                  let languages, let cutoff, let step, let window, let arena, let minimum
            else { return nil }
            return Manifest(wakeWord: wakeWord, author: author, website: website, model: model, trainedLanguages: languages,
                            micro: .init(probabilityCutoff: cutoff, featureStepSize: step, slidingWindowSize: window,
                                         tensorArenaSize: arena, minimumESPHomeVersion: minimum))
        }

        mutating func v1() -> LegacyManifest? {
            closed(json, prefix: "", allowed: ManifestSchema.v1TopLevelKeys, optional: ["website"])
            let base = common()
            let website = json["website"] == nil ? nil : self.website(json["website"])
            guard let micro = json["micro"] else { return nil }
            guard case .object = micro else {
                fail("micro", "must be an object, got \(micro.typeName)")
                return nil
            }
            closed(micro, prefix: "micro.", allowed: ManifestSchema.v1MicroKeys, optional: ManifestSchema.v1OptionalMicroKeys)
            let cutoff = cutoff(micro["probability_cutoff"], "micro.probability_cutoff")
            let window = integer(micro["sliding_window_average_size"], "micro.sliding_window_average_size", in: 1 ... Int.max)
            let minimum = micro["minimum_esphome_version"] == nil ? nil : version(micro["minimum_esphome_version"], "micro.minimum_esphome_version")
            guard problems.isEmpty, let wakeWord = base.wakeWord, let author = base.author, let model = base.model,
                  let cutoff, let window
            else { return nil }
            return LegacyManifest(wakeWord: wakeWord, author: author, website: website, model: model, probabilityCutoff: cutoff,
                                  slidingWindowAverageSize: window, minimumESPHomeVersion: minimum)
        }
    }
}

/// A manifest ESPHome would reject (or that cannot be read), with every problem.
public struct ManifestError: UserFacingError, Equatable {
    public let path: String
    public let problems: [ManifestReader.Problem]

    public var message: String { "\(path): " + problems.map(\.description).joined(separator: "; ") }
    public var hint: String? { "ESPHome validates manifests strictly (SPEC §3); fix each key named above" }
}
