import COpenBLAS

/// Single-precision matrix products through OpenBLAS, on contiguous row-major matrices.
///
/// OpenBLAS is kept at one thread: the trainer parallelises over chunks of the batch itself
/// (`ChunkedParallel`), which on two cores is faster than OpenBLAS's own threads for these small,
/// skinny products and keeps every result independent of how many cores there are.
public enum GEMM {
    private static let singleThreaded: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Sets OpenBLAS to one thread (idempotent; done before the first product anyway).
    public static func configure() { _ = singleThreaded }

    /// `c[m×n] = a'·b' + beta·c`, where `a'` is `a[m×k]` (or `a[k×m]` transposed when `transposeA`) and `b'`
    /// is `b[k×n]` (or `b[n×k]` transposed). Leading dimensions default to the stored row lengths.
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false, beta: Float = 0,
        lda: Int? = nil, ldb: Int? = nil, ldc: Int? = nil
    ) {
        _ = singleThreaded
        guard m > 0, n > 0 else { return }
        if k == 0 {
            scale(c, rows: m, columns: n, stride: ldc ?? n, by: beta)
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1,
            a, Int32(lda ?? (transposeA ? m : k)),
            b, Int32(ldb ?? (transposeB ? k : n)),
            beta, c, Int32(ldc ?? n))
    }

    private static func scale(_ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, stride: Int, by beta: Float) {
        for row in 0 ..< rows {
            for column in 0 ..< columns { c[row * stride + column] = beta == 0 ? 0 : c[row * stride + column] * beta }
        }
    }
}
