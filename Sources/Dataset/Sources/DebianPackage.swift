import Foundation
import Support

/// A Debian package fetched without installing it: `apt-get download` (works as any user; needs the apt
/// lists, i.e. one `apt-get update`) into a work folder, `dpkg-deb -x` into a folder of its own. Nothing on
/// the system changes.
public struct DebianPackage: Sendable {
    public let name: String
    /// The downloaded archive.
    public let archive: String

    /// Downloads `name` into `folder`.
    public static func download(_ name: String, into folder: String) throws(SourceError) -> DebianPackage {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SourceError("cannot create \(folder): \(error.localizedDescription)")
        }
        let outcome = try run("apt-get", ["download", name], directory: folder, timeout: 1800)
        let archives = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("\(name)_") && $0.hasSuffix(".deb") }.sorted()
        guard outcome.succeeded, let archive = archives.last else {
            let reason = (outcome.errorText + outcome.outputText).split(whereSeparator: \.isNewline)
                .last { $0.hasPrefix("E:") }.map(String.init) ?? "exit \(outcome.status)"
            throw SourceError("could not download Debian package \(name) (\(reason))",
                              hint: "run `sudo apt-get update` and retry; the machine needs access to a Debian mirror")
        }
        return DebianPackage(name: name, archive: "\(folder)/\(archive)")
    }

    /// Unpacks the archive into `folder`; returns the package version.
    public func extract(into folder: String) throws(SourceError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SourceError("cannot create \(folder): \(error.localizedDescription)")
        }
        let unpack = try Self.run("dpkg-deb", ["-x", archive, folder], timeout: 1800)
        guard unpack.succeeded else {
            throw SourceError("could not unpack \((archive as NSString).lastPathComponent): \(unpack.lastErrorLine ?? "exit \(unpack.status)")")
        }
        let version = try Self.run("dpkg-deb", ["-f", archive, "Version"], timeout: 60)
        let text = version.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown" : text
    }

    static func run(_ program: String, _ arguments: [String], directory: String? = nil,
                    timeout: Double) throws(SourceError) -> ExternalProgram.Outcome
    {
        do {
            return try ExternalProgram(program).run(arguments, directory: directory, timeout: timeout)
        } catch {
            throw SourceError("`\(program)` \(error.reason): `wakesmith data fetch` needs Debian or Ubuntu tools (apt-get, dpkg-deb)")
        }
    }
}
