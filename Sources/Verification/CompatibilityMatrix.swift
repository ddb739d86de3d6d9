import Foundation
import ESPHome

/// `wakesmith compat`: each manifest verified against each release, plus (with the judge) what
/// `esphome config` of that release says about it.
public struct CompatibilityMatrix: Sendable {
    public let releases: [ESPHomeVersion]
    public let manifests: [String]
    /// `cells[m][r]`: manifest m on release r.
    public let cells: [[Cell]]

    public struct Cell: Sendable {
        public let report: ModelReport
        /// `esphome config`'s verdict, when judged; nil when not asked; an error text when it could not run.
        public let judge: Result<ESPHomeJudge.Verdict, ESPHomeJudge.Unavailable>?

        /// Loads on the device as emulated, and (when judged) the release's config validation accepts it.
        public var ok: Bool {
            guard report.willLoad else { return false }
            if case let .success(verdict)? = judge { return verdict.accepted }
            return true
        }
    }

    /// Builds the matrix; `judge` (when given) runs `esphome config` per release and manifest.
    public init(manifests: [String], releases: [ESPHomeVersion], judge: ESPHomeJudge? = nil, inferences: Int = 8,
                progress: (String) -> Void = { _ in })
    {
        self.manifests = manifests
        self.releases = releases
        var cells: [[Cell]] = manifests.map { _ in [] }
        for release in releases {
            let verifier = Verifier(release: release, inferences: inferences)
            var environment: Result<URL, ESPHomeJudge.Unavailable>?
            if let judge {
                progress("ESPHome \(release)")
                do {
                    environment = .success(try judge.esphome(for: release, log: progress))
                } catch {
                    environment = .failure(error)
                }
            }
            for (index, manifest) in manifests.enumerated() {
                let report = verifier.verify(path: manifest)
                var verdict: Result<ESPHomeJudge.Verdict, ESPHomeJudge.Unavailable>?
                switch environment {
                case .success?:
                    if let judge {
                        let models = report.modelPath.map { [URL(fileURLWithPath: $0)] }?.filter { FileManager.default.fileExists(atPath: $0.path) } ?? []
                        do {
                            verdict = .success(try judge.judge(manifests: [URL(fileURLWithPath: manifest)], models: models, release: release))
                        } catch {
                            verdict = .failure(error)
                        }
                    }
                case let .failure(error)?: verdict = .failure(error)
                case nil: verdict = nil
                }
                cells[index].append(Cell(report: report, judge: verdict))
            }
        }
        self.cells = cells
    }

    public var allOK: Bool { cells.allSatisfy { $0.allSatisfy(\.ok) } }
}
