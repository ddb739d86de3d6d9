import Foundation

/// The machine: cores, memory, and free disk for the configured work folder.
enum MachineChecks {
    static func cores() -> DoctorCheck {
        let count = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return DoctorCheck("cores and memory", .ok, found: "\(count) cores, \(String(format: "%.1f", memory)) GiB")
    }

    /// Whether `folder` (or its nearest existing parent) has `neededBytes` free.
    static func disk(folder: String, neededBytes: Double) -> DoctorCheck {
        var existing = URL(fileURLWithPath: folder)
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            existing.deleteLastPathComponent()
        }
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: existing.path)[.systemFreeSize] as? NSNumber)?
            .doubleValue ?? 0
        let gigabytes = { (bytes: Double) in String(format: "%.1f GB", bytes / 1e9) }
        return .required("disk", passed: free >= neededBytes,
                         found: "\(gigabytes(free)) free in \(existing.path) (needs about \(gigabytes(neededBytes)))",
                         fix: "free disk space, or point features.work_dir at a larger disk")
    }
}
