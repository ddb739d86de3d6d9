#include "CKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define TILE_ROWS 6
#define KERNEL static inline __attribute__((target("avx2,fma"), always_inline))

/* A tile of up to six rows of C by sixteen columns: twelve accumulators, two loads of B and six broadcasts of
   A per k. `rows` is a compile-time constant at every call site (ROWS_SWITCH), so the loops over rows unroll
   and the accumulators stay in registers. */
KERNEL void tile16(int rows, int k, const float *a, long rs, long cs, const float *b, long ldb, float *c, long ldc,
                   int accumulate) {
    __m256 lo[TILE_ROWS], hi[TILE_ROWS];
    for (int r = 0; r < TILE_ROWS; r++) { lo[r] = _mm256_setzero_ps(); hi[r] = _mm256_setzero_ps(); }
    for (int p = 0; p < k; p++) {
        __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
        b += ldb;
        for (int r = 0; r < TILE_ROWS; r++) {
            if (r < rows) {
                __m256 x = _mm256_broadcast_ss(a + r * rs);
                lo[r] = _mm256_fmadd_ps(x, b0, lo[r]);
                hi[r] = _mm256_fmadd_ps(x, b1, hi[r]);
            }
        }
        a += cs;
    }
    for (int r = 0; r < TILE_ROWS; r++) {
        if (r < rows) {
            float *row = c + r * ldc;
            if (accumulate) {
                lo[r] = _mm256_add_ps(lo[r], _mm256_loadu_ps(row));
                hi[r] = _mm256_add_ps(hi[r], _mm256_loadu_ps(row + 8));
            }
            _mm256_storeu_ps(row, lo[r]);
            _mm256_storeu_ps(row + 8, hi[r]);
        }
    }
}

/* The same for the last eight columns when N is not a multiple of sixteen. */
KERNEL void tile8(int rows, int k, const float *a, long rs, long cs, const float *b, long ldb, float *c, long ldc,
                  int accumulate) {
    __m256 v[TILE_ROWS];
    for (int r = 0; r < TILE_ROWS; r++) v[r] = _mm256_setzero_ps();
    for (int p = 0; p < k; p++) {
        __m256 b0 = _mm256_loadu_ps(b);
        b += ldb;
        for (int r = 0; r < TILE_ROWS; r++) {
            if (r < rows) v[r] = _mm256_fmadd_ps(_mm256_broadcast_ss(a + r * rs), b0, v[r]);
        }
        a += cs;
    }
    for (int r = 0; r < TILE_ROWS; r++) {
        if (r < rows) {
            float *row = c + r * ldc;
            if (accumulate) v[r] = _mm256_add_ps(v[r], _mm256_loadu_ps(row));
            _mm256_storeu_ps(row, v[r]);
        }
    }
}

#define ROWS_SWITCH(kernel, rows, ...)            \
    switch (rows) {                               \
    case 6: kernel(6, __VA_ARGS__); break;        \
    case 5: kernel(5, __VA_ARGS__); break;        \
    case 4: kernel(4, __VA_ARGS__); break;        \
    case 3: kernel(3, __VA_ARGS__); break;        \
    case 2: kernel(2, __VA_ARGS__); break;        \
    default: kernel(1, __VA_ARGS__); break;       \
    }

__attribute__((target("avx2,fma")))
void wakesmith_gemm_avx2(int m, int n, int k, const float *a, long rs, long cs, const float *b, long ldb, float *c,
                         long ldc, int accumulate) {
    for (int i = 0; i < m; i += TILE_ROWS) {
        int rows = m - i < TILE_ROWS ? m - i : TILE_ROWS;
        const float *ai = a + i * rs;
        float *ci = c + i * ldc;
        int j = 0;
        for (; j + 16 <= n; j += 16) { ROWS_SWITCH(tile16, rows, k, ai, rs, cs, b + j, ldb, ci + j, ldc, accumulate) }
        for (; j + 8 <= n; j += 8) { ROWS_SWITCH(tile8, rows, k, ai, rs, cs, b + j, ldb, ci + j, ldc, accumulate) }
    }
}

int wakesmith_gemm_avx2_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#else

int wakesmith_gemm_avx2_supported(void) { return 0; }

void wakesmith_gemm_avx2(int m, int n, int k, const float *a, long rs, long cs, const float *b, long ldb, float *c,
                         long ldc, int accumulate) {
    (void)m; (void)n; (void)k; (void)a; (void)rs; (void)cs; (void)b; (void)ldb; (void)c; (void)ldc; (void)accumulate;
}

#endif
