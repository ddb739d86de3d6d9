import Support

extension Manifest {
    /// The manifest as JSON in the official files' layout: keys in ESPHome's order, two-space indent,
    /// lists of strings on one line, a final newline.
    public var jsonText: String {
        json.serialized(indent: 2) + "\n"
    }

    /// The manifest as a JSON value (V2, closed: exactly the schema's keys).
    public var json: JSONValue {
        var top: [(key: String, value: JSONValue)] = [
            ("type", "micro"), ("wake_word", .string(wakeWord)), ("author", .string(author)),
        ]
        if let website { top.append(("website", .string(website))) }
        top += [
            ("model", .string(model)),
            ("trained_languages", .array(trainedLanguages.map(JSONValue.string))),
            ("version", 2),
            ("micro", .object([
                ("probability_cutoff", .number(micro.probabilityCutoff)),
                ("feature_step_size", .integer(micro.featureStepSize)),
                ("sliding_window_size", .integer(micro.slidingWindowSize)),
                ("tensor_arena_size", .integer(micro.tensorArenaSize)),
                ("minimum_esphome_version", .string(micro.minimumESPHomeVersion)),
            ])),
        ]
        return .object(top)
    }

    /// Writes the manifest atomically after checking that it reads back valid (a bad manifest is never
    /// written).
    public func write(to path: String) throws(ManifestWriteError) {
        let text = jsonText
        if case let .failure(error) = ManifestReader.read(text: text, path: path) { throw .invalid(error) }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw .file(error)
        }
    }
}

/// Why a manifest was not written.
public enum ManifestWriteError: UserFacingError, Equatable {
    case invalid(ManifestError)
    case file(FileError)

    public var message: String {
        switch self {
        case let .invalid(error): "refusing to write an invalid manifest: \(error.message)"
        case let .file(error): error.message
        }
    }
}
