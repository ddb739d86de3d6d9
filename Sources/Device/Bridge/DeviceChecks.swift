import Support

/// Checks that a device runs what the host is about to compare it with.
public enum DeviceChecks {
    /// The device runs exactly these models, in this order, built with this release.
    public static func expect(_ identity: DeviceIdentity, runs models: [HarnessModel], release: String, port: String) throws {
        guard identity.esphome == release else {
            throw Failure("\(port) runs a harness built with ESPHome \(identity.esphome), not \(release)",
                          hint: "the upload may have failed; run `wakesmith device flash` again and read its output")
        }
        let expected = models.map(\.hash), found = identity.models.map(\.hash)
        guard expected == found else {
            throw Failure("\(port) runs models \(describe(identity)), not \(models.map { "\($0.id) (\($0.hash))" }.joined(separator: ", "))",
                          hint: "the upload may have failed; run `wakesmith device flash` again")
        }
    }

    /// The index of `model` among the device's models (matched by the hash of its `.tflite`).
    public static func index(of model: HarnessModel, in identity: DeviceIdentity, port: String) throws -> Int {
        guard let index = identity.models.firstIndex(where: { $0.hash == model.hash }) else {
            throw Failure("\(port) does not run \(model.manifest.lastPathComponent) (it runs \(describe(identity)))",
                          hint: "flash it first: wakesmith device flash --port \(port) \(model.manifest.path)")
        }
        return index
    }

    static func describe(_ identity: DeviceIdentity) -> String {
        identity.models.isEmpty ? "no models" : identity.models.map { "\($0.id) (\($0.hash))" }.joined(separator: ", ")
    }
}
