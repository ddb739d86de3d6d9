// Fixtures made at test time by scripts/fixtures/make_kernel_fixtures.py (needs the tflite-micro oracle).
import Foundation
import Testing
import TestSupport
@testable import Emulator

/// Many more random single-operator cases than the committed fixtures, made and run in tflite-micro at test
/// time (a different seed each day keeps exploring new shapes), compared with the emulator byte for byte.
@Suite struct KernelOracleTests {
    static var casesPerOperator: Int { Int(ProcessInfo.processInfo.environment["WAKESMITH_KERNEL_CASES"] ?? "") ?? 12 }

    @Test(.enabled(if: oraclePython != nil))
    func randomSingleOperatorModelsMatchTFLiteMicro() throws {
        let python = try #require(oraclePython)
        let folder = TemporaryDirectory("kernels")
        let seed = ProcessInfo.processInfo.environment["WAKESMITH_KERNEL_SEED"]
            ?? String(Int(Date().timeIntervalSince1970) / 86400)
        let script = Repository.root.appendingPathComponent("scripts/fixtures/make_kernel_fixtures.py").path
        let result = try runProcess(python, [script, folder.path, "--cases", String(Self.casesPerOperator), "--seed", seed],
                                    environment: ["TF_CPP_MIN_LOG_LEVEL": "3"])
        try #require(result.status == 0, "the fixture script failed: \(result.standardError.suffix(500))")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 16)
        for file in files {
            let (op, cases) = try KernelCase.load(folder.appending(file))
            for (index, kernelCase) in cases.enumerated() {
                let problems = try kernelCase.mismatches()
                #expect(problems.isEmpty, "\(op) case \(index) (seed \(seed)): \(problems.joined(separator: "; "))")
            }
        }
    }
}
