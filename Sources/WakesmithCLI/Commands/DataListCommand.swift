import Dataset
import Foundation
import Support

/// `wakesmith data list`: the Debian packages `data fetch` knows.
enum DataListCommand: Command {
    static let path = ["data", "list"]
    static let abstract = "show the package catalog with sets, sizes, licences and contents"
    static let options: [Option] = []

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        for source in RecordingSource.catalog {
            let kinds = Set(source.rules.map(\.kind.rawValue)).sorted().joined(separator: " + ")
            printOut("\(source.package)  [\(source.sets.map(\.rawValue).joined(separator: "/")), \(String(format: "%.1f", source.downloadMB)) MB, \(kinds)]")
            printOut("    \(source.description)")
            printOut("    licence: \(source.licence)")
        }
        printOut("lite: \(Int(RecordingSource.downloadMB(.lite).rounded())) MB download, full: \(Int(RecordingSource.downloadMB(.full).rounded())) MB")
        return 0
    }
}
