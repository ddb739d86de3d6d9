import COpenBLAS
import Support
import Testing
@testable import Training

/// `GEMM.multiply` (the project's AVX2 kernels where the CPU has them) against OpenBLAS, on shapes with
/// row and column remainders, transposed A, and accumulation.
@Suite struct GEMMTests {
    @Test(arguments: [(896, 32, 200), (200, 32, 896), (7, 24, 5), (13, 8, 1), (1, 64, 3), (31, 40, 17), (5, 12, 9)])
    func matchesOpenBLAS(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for transposeA in [false, true] {
            for beta: Float in [0, 1] {
                let a = randomTensor(m * k, seed: UInt64(m * 31 + k)), b = randomTensor(k * n, seed: UInt64(n + 7))
                let start = randomTensor(m * n, seed: 3)
                let ours = Tensor(start.array), reference = Tensor(start.array)
                GEMM.multiply(a.pointer, b.pointer, into: ours.pointer, m: m, n: n, k: k, transposeA: transposeA, beta: beta)
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans, Int32(m), Int32(n),
                            Int32(k), 1, a.pointer, Int32(transposeA ? m : k), b.pointer, Int32(n), beta,
                            reference.pointer, Int32(n))
                let difference = zip(ours.array, reference.array).map { abs($0 - $1) }.max() ?? 0
                #expect(difference <= 1e-5 * Float(k + 1), "\(m)×\(n)×\(k) transposeA \(transposeA) beta \(beta)")
            }
        }
    }

    @Test func transposedBFallsBackCorrectly() {
        let a = randomTensor(6 * 4, seed: 1), b = randomTensor(8 * 4, seed: 2)
        let out = Tensor(count: 6 * 8), transposed = Tensor(count: 4 * 8), viaTranspose = Tensor(count: 6 * 8)
        GEMM.multiply(a.pointer, b.pointer, into: out.pointer, m: 6, n: 8, k: 4, transposeB: true)
        GEMM.transpose(b.pointer, into: transposed.pointer, rows: 8, columns: 4)
        GEMM.multiply(a.pointer, transposed.pointer, into: viaTranspose.pointer, m: 6, n: 8, k: 4)
        #expect(zip(out.array, viaTranspose.array).allSatisfy { abs($0 - $1) < 1e-5 })
        print("GEMM implementation: \(GEMM.implementation)")
    }
}
