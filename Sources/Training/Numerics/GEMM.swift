import CKernels
import COpenBLAS

/// Single-precision matrix products on contiguous row-major matrices: the project's own AVX2 + FMA kernels
/// (`CKernels`) when the CPU has them and the product fits them (N a multiple of 8, B not transposed),
/// OpenBLAS otherwise. See `Sources/CKernels/README.md` for why both exist.
///
/// OpenBLAS is kept at one thread: the trainer parallelises over chunks of the batch itself
/// (`ChunkPlan`), which on two cores is faster than OpenBLAS's own threads for these small, skinny
/// products and keeps every result independent of how many cores there are.
public enum GEMM {
    private static let setUp: Bool = {
        openblas_set_num_threads(1)
        return wakesmith_gemm_avx2_supported() != 0
    }()

    /// Sets OpenBLAS to one thread and detects the CPU (idempotent; done before the first product anyway).
    public static func configure() { _ = setUp }

    /// Which implementation runs products that fit the project's kernels: "avx2+fma" or "openblas (CORE)".
    public static var implementation: String {
        setUp ? "avx2+fma kernels" : "OpenBLAS \(String(cString: openblas_get_corename()))"
    }

    /// `c[m×n] = a'·b' + beta·c`, where `a'` is `a[m×k]` (or `a[k×m]` transposed when `transposeA`) and `b'`
    /// is `b[k×n]` (or `b[n×k]` transposed). `beta` is 0 or 1. Leading dimensions default to the stored row
    /// lengths.
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        precondition(beta == 0 || beta == 1, "GEMM.multiply takes beta 0 or 1")
        guard m > 0, n > 0 else { return }
        let lda = lda ?? (transposeA ? m : k), ldb = ldb ?? (transposeB ? k : n), ldc = ldc ?? n
        if setUp, !transposeB, n % 8 == 0 {
            wakesmith_gemm_avx2(Int32(m), Int32(n), Int32(k), a, transposeA ? 1 : lda, transposeA ? lda : 1,
                                b, ldb, c, ldc, beta == 0 ? 0 : 1)
            return
        }
        if k == 0 {
            if beta == 0 { for row in 0 ..< m { (c + row * ldc).update(repeating: 0, count: n) } }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `target[n×m] = source[m×n]ᵀ` (small weight matrices, so products can avoid a transposed B).
    public static func transpose(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, rows: Int,
                                 columns: Int)
    {
        for r in 0 ..< rows {
            for c in 0 ..< columns { target[c * rows + r] = source[r * columns + c] }
        }
    }
}
