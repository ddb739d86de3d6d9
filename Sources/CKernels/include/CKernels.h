#ifndef WAKESMITH_CKERNELS_H
#define WAKESMITH_CKERNELS_H

/// Register-tiled single-precision matrix products for the trainer's shapes, compiled for AVX2 + FMA and
/// chosen at run time (see README.md for why they exist beside OpenBLAS).
///
/// C[i][j] = Σ_k A(i, k) · B[k][j]  (+ C[i][j] when `accumulate`), where A(i, k) = a[i·rowStride + k·columnStride]
/// (so a transposed A is just other strides), B is row-major with row stride `ldb`, C row-major with row
/// stride `ldc`. N must be a multiple of 8. The sum over k runs in order, one fused multiply-add at a time,
/// so a result depends only on the inputs, never on threads.

/// Whether this CPU runs the AVX2 + FMA kernels.
int wakesmith_gemm_avx2_supported(void);

void wakesmith_gemm_avx2(int m, int n, int k, const float *a, long rowStride, long columnStride,
                         const float *b, long ldb, float *c, long ldc, int accumulate);

#endif
