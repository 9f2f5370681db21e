/* genre_nb._median: the moving median of genre_nb.dsp.median_filter, compiled at install (setup.py, optional).
 *
 * Hand-written C, the one C source in genre-nb (the package's Python files are generated from the notebooks; nbs/00i_dsp.ipynb says why this is not).
 * running_median_<type>(X, n, lanes, width, out): X is (n, lanes) C-contiguous; out (n - width + 1, lanes) gets
 * the median of each `width` consecutive rows, every lane alone (width odd). Each lane keeps its window sorted;
 * a step takes the leaving value out and puts the entering one in with selects alone, no branch on the data, so
 * the compiler runs the lanes in SIMD. Loaded with ctypes; the module init below only makes it a valid extension.
 */
#include <Python.h>
#include <stdlib.h>
#ifdef _MSC_VER
#define restrict __restrict
#endif

/* Lanes go in blocks of BLOCK, so that a block's two window buffers stay in the L1 cache: 2 x 33 x 64 floats */
#define BLOCK 64

#define RUNNING_MEDIAN(NAME, T)                                                                          \
    static CLONES void NAME##_block(const T *restrict X, long n, long stride, long lanes, long width,          \
                             T *restrict out, T *restrict s, T *restrict t) {                           \
        long n_out = n - width + 1, mid = width / 2 + 1;                                                 \
        /* rows 1..width of s: the sorted windows; row 0 = -inf and row width + 1 = +inf as sentinels */ \
        for (long l = 0; l < lanes; l++) {                                                               \
            s[l] = t[l] = -(T)HUGE_VAL;                                                                  \
            s[(width + 1) * lanes + l] = t[(width + 1) * lanes + l] = (T)HUGE_VAL;                       \
            for (long i = 0; i < width; i++) { /* insertion sort of the first window */                 \
                T v = X[i * stride + l]; long j = i;                                                     \
                while (j > 0 && s[j * lanes + l] > v) { s[(j + 1) * lanes + l] = s[j * lanes + l]; j--; } \
                s[(j + 1) * lanes + l] = v;                                                              \
            }                                                                                            \
            out[l] = s[mid * lanes + l];                                                                 \
        }                                                                                                \
        for (long k = 1; k < n_out; k++) {                                                               \
            const T *restrict old = X + (k - 1) * stride, *restrict new_ = X + (k + width - 1) * stride; \
            for (long j = 1; j <= width; j++) {                                                          \
                const T *restrict below = s + (j - 1) * lanes, *restrict here = s + j * lanes;          \
                const T *restrict above = s + (j + 1) * lanes;                                           \
                T *restrict dst = t + j * lanes;                                                         \
                for (long l = 0; l < lanes; l++) {                                                       \
                    T v = here[l], o = old[l], x = new_[l];                                              \
                    /* x >= o: below o nothing moves, above it the window shifts down with x slotted in */ \
                    T hi = v > x ? v : x, up = above[l] < hi ? above[l] : hi;                            \
                    /* x < o: the mirror image */                                                        \
                    T lo = v < x ? v : x, down = below[l] > lo ? below[l] : lo;                          \
                    T a = v < o ? v : up, b = v > o ? v : down;                                          \
                    dst[l] = x >= o ? a : b;                                                             \
                }                                                                                        \
            }                                                                                            \
            T *swap = s; s = t; t = swap;                                                                \
            for (long l = 0; l < lanes; l++) out[k * stride + l] = s[mid * lanes + l];                   \
        }                                                                                                \
    }                                                                                                    \
    EXPORT int NAME(const T *X, long n, long lanes, long width, T *out) {                                       \
        if (n - width + 1 < 1 || width < 1 || lanes < 1) return 1;                                       \
        T *s = malloc(sizeof(T) * (width + 2) * BLOCK), *t = malloc(sizeof(T) * (width + 2) * BLOCK);    \
        if (!s || !t) { free(s); free(t); return 2; }                                                    \
        for (long l0 = 0; l0 < lanes; l0 += BLOCK)                                                       \
            NAME##_block(X + l0, n, lanes, lanes - l0 < BLOCK ? lanes - l0 : BLOCK, width, out + l0, s, t); \
        free(s); free(t);                                                                                \
        return 0;                                                                                        \
    }

#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT
#endif
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
#define CLONES __attribute__((target_clones("avx2", "default")))  /* 8 lanes where the CPU has AVX2, 4 elsewhere */
#else
#define CLONES
#endif

RUNNING_MEDIAN(running_median_float32, float)
RUNNING_MEDIAN(running_median_float64, double)

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, .m_name = "_median", .m_doc = "genre_nb.dsp's moving median (used through ctypes)", .m_size = -1};
PyMODINIT_FUNC PyInit__median(void) { return PyModule_Create(&module); }
