/* genre_nb._median: the moving median of genre_nb.dsp.median_filter, compiled at install (setup.py, optional).
 *
 * Hand-written C, the one file of genre-nb that is not generated from a notebook (nbs/00i_dsp.ipynb says why).
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

#define RUNNING_MEDIAN(NAME, T)                                                                          \
    int NAME(const T *restrict X, long n, long lanes, long width, T *restrict out) {                    \
        long n_out = n - width + 1, mid = width / 2 + 1;                                                 \
        if (n_out < 1 || width < 1 || lanes < 1) return 1;                                               \
        /* rows 1..width: the sorted windows; row 0 = -inf and row width + 1 = +inf as sentinels */      \
        T *s = malloc(sizeof(T) * (width + 2) * lanes), *t = malloc(sizeof(T) * (width + 2) * lanes);    \
        if (!s || !t) { free(s); free(t); return 2; }                                                    \
        for (long l = 0; l < lanes; l++) {                                                               \
            s[l] = t[l] = -(T)HUGE_VAL;                                                                  \
            s[(width + 1) * lanes + l] = t[(width + 1) * lanes + l] = (T)HUGE_VAL;                       \
            for (long i = 0; i < width; i++) { /* insertion sort of the first window */                 \
                T v = X[i * lanes + l]; long j = i;                                                      \
                while (j > 0 && s[j * lanes + l] > v) { s[(j + 1) * lanes + l] = s[j * lanes + l]; j--; } \
                s[(j + 1) * lanes + l] = v;                                                              \
            }                                                                                            \
            out[l] = s[mid * lanes + l];                                                                 \
        }                                                                                                \
        for (long k = 1; k < n_out; k++) {                                                               \
            const T *restrict old = X + (k - 1) * lanes, *restrict new_ = X + (k + width - 1) * lanes;  \
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
            for (long l = 0; l < lanes; l++) out[k * lanes + l] = s[mid * lanes + l];                    \
        }                                                                                                \
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

EXPORT CLONES RUNNING_MEDIAN(running_median_float32, float)
EXPORT CLONES RUNNING_MEDIAN(running_median_float64, double)

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_median", "genre_nb.dsp's moving median (used through ctypes)", -1, NULL};
PyMODINIT_FUNC PyInit__median(void) { return PyModule_Create(&module); }
