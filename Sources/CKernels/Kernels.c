// Hot loops of the neural network's training that Swift compiles for baseline x86-64 only
// (SSE2). Here each is compiled three times, for x86-64-v4 (AVX-512), x86-64-v3 (AVX2) and the
// baseline, and the dynamic loader picks one for the processor (Clang's function
// multi-versioning). The
// arithmetic is IEEE float32 without contraction into fused multiply-adds (the matrix
// products' fused multiply-adds are written out, and the baseline computes them with `fmaf`),
// so both versions give the same bits.

#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && !defined(RECBOOK_BASELINE_ONLY)
// min_vector_width(512): Clang otherwise splits sixteen-lane vectors into halves for
// x86-64-v4, which it tunes for 256-bit code.
#define RECBOOK_MULTIVERSION \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"), min_vector_width(512)))
// The products' 512-bit tiles, called only where the processor has AVX-512 (see
// recbook_multiply): they need more registers than AVX2 has, so they are a function of their own.
#define RECBOOK_AVX512 __attribute__((target("arch=x86-64-v4"), min_vector_width(512)))
#define RECBOOK_HAS_AVX512_TILES 1
#else
#define RECBOOK_MULTIVERSION
#define RECBOOK_HAS_AVX512_TILES 0
#endif

typedef float float4 __attribute__((ext_vector_type(4)));
typedef float float8 __attribute__((ext_vector_type(8)));
typedef float float16 __attribute__((ext_vector_type(16)));
typedef uint8_t byte8 __attribute__((ext_vector_type(8)));
typedef uint32_t uint32x8 __attribute__((ext_vector_type(8)));
typedef int32_t int8x32 __attribute__((ext_vector_type(8)));
typedef int32_t int4x32 __attribute__((ext_vector_type(4)));
typedef int32_t int16x32 __attribute__((ext_vector_type(16)));

// max(0, x) with NaN and −0 giving +0: the bits of x where x > 0, else none.
#define RECTIFY8(x) ({ float8 value_ = (x); (float8)((int8x32)value_ & (value_ > 0)); })
#define RECTIFY4(x) ({ float4 value_ = (x); (float4)((int4x32)value_ & (value_ > 0)); })
#define RECTIFY16(x) ({ float16 value_ = (x); (float16)((int16x32)value_ & (value_ > 0)); })

// The multipliers of eight dropout decisions: `scale` for a kept unit, 0 for a dropped one.
#define MULTIPLIERS(mask, scale) (__builtin_convertvector(LOAD(byte8, (mask)), float8) * (scale))

// Unaligned loads and stores. Macros, not functions: a function taking or returning an
// eight-float vector would have a different calling convention in each version.
#define LOAD(T, p) ({ T loaded_; memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define STORE(p, x) do { __typeof__(x) stored_ = (x); memcpy((p), &stored_, sizeof stored_); } while (0)

// One group of weights' update; `T` is float8, float4 or float.
#define ADAM_STEP(T)                                                                           \
    do {                                                                                       \
        T w = LOAD(T, weights + index);                                                        \
        T g = LOAD(T, gradient + index);                                                       \
        if (penalised) {                                                                       \
            g += l2 * (2 * w);                                                                 \
            STORE(gradient + index, (T)0);                                                     \
        }                                                                                      \
        T oldM = LOAD(T, m + index);                                                           \
        T oldV = LOAD(T, v + index);                                                           \
        T newM = oldM + (g - oldM) * c.firstDecay;                                             \
        T newV = oldV + (g * g - oldV) * c.secondDecay;                                        \
        STORE(m + index, newM);                                                                \
        STORE(v + index, newV);                                                                \
        STORE(weights + index, w - (newM * c.stepSize) / (__builtin_elementwise_sqrt(newV) + c.epsilon)); \
    } while (0)

RECBOOK_MULTIVERSION
double recbook_adam_update(
    float *weights, float *gradient, float *m, float *v, ptrdiff_t count,
    int penalised, float l2, recbook_adam_coefficients c)
{
    const ptrdiff_t blockSize = 1024;
    double total = 0;
    for (ptrdiff_t blockStart = 0; blockStart < count; blockStart += blockSize) {
        ptrdiff_t blockEnd = blockStart + blockSize < count ? blockStart + blockSize : count;
        float4 squares = 0;
        ptrdiff_t index = blockStart;
        for (; index + 16 <= blockEnd; index += 16) {
            if (penalised) {
                // Four groups of four, in order: the sums of a four-lane accumulator.
                float16 w = LOAD(float16, weights + index);
                float16 wSquared = w * w;
                squares += wSquared.lo.lo;
                squares += wSquared.lo.hi;
                squares += wSquared.hi.lo;
                squares += wSquared.hi.hi;
            }
            ADAM_STEP(float16);
        }
        for (; index + 8 <= blockEnd; index += 8) {
            if (penalised) {
                // Two groups of four, in order: the sums of a four-lane accumulator.
                float8 w = LOAD(float8, weights + index);
                float8 wSquared = w * w;
                squares += wSquared.lo;
                squares += wSquared.hi;
            }
            ADAM_STEP(float8);
        }
        for (; index + 4 <= blockEnd; index += 4) {
            if (penalised) {
                float4 w = LOAD(float4, weights + index);
                squares += w * w;
            }
            ADAM_STEP(float4);
        }
        // The lanes in order, then the last weights one by one.
        float partial = ((squares.x + squares.y) + squares.z) + squares.w;
        for (; index < blockEnd; index += 1) {
            if (penalised) partial += weights[index] * weights[index];
            ADAM_STEP(float);
        }
        total += (double)partial;
    }
    return total;
}

// How many rows ahead the gathers and scatters prefetch: enough to cover a miss to memory
// while the rows in between are copied.
enum { prefetchDistance = 8 };

static inline void prefetchRow(const float *row, ptrdiff_t width, int forWriting) {
    for (ptrdiff_t offset = 0; offset < width; offset += 16) {
        if (forWriting) __builtin_prefetch(row + offset, 1); else __builtin_prefetch(row + offset, 0);
    }
}

// `destination[i] = source[i] · (mask[i] ? scale : 0)`, or a copy when `mask` is null.
#define MASKED_COPY(destination, source, mask, width)                                          \
    do {                                                                                       \
        ptrdiff_t i = 0;                                                                       \
        if (mask) {                                                                            \
            for (; i + 8 <= (width); i += 8)                                                   \
                STORE((destination) + i, LOAD(float8, (source) + i) * MULTIPLIERS((mask) + i, scale)); \
            for (; i < (width); i += 1) (destination)[i] = (source)[i] * ((mask)[i] ? scale : 0.0f); \
        } else {                                                                               \
            memcpy((destination), (source), sizeof(float) * (size_t)(width));                   \
        }                                                                                      \
    } while (0)

RECBOOK_MULTIVERSION
void recbook_gather_inputs(
    const float *userTable, const float *movieTable, const float *content,
    ptrdiff_t embeddingWidth, ptrdiff_t contentWidth,
    const ptrdiff_t *users, const ptrdiff_t *movies, ptrdiff_t count,
    const uint8_t *mask, float scale, float *output)
{
    const ptrdiff_t width = 2 * embeddingWidth + contentWidth;
    for (ptrdiff_t row = 0; row < count; row += 1) {
        if (row + prefetchDistance < count) {
            ptrdiff_t ahead = row + prefetchDistance;
            prefetchRow(userTable + users[ahead] * embeddingWidth, embeddingWidth, 0);
            prefetchRow(movieTable + movies[ahead] * embeddingWidth, embeddingWidth, 0);
            prefetchRow(content + movies[ahead] * contentWidth, contentWidth, 0);
        }
        float *destination = output + row * width;
        const uint8_t *rowMask = mask ? mask + row * width : 0;
        MASKED_COPY(destination, userTable + users[row] * embeddingWidth, rowMask, embeddingWidth);
        MASKED_COPY(destination + embeddingWidth, movieTable + movies[row] * embeddingWidth,
                    rowMask ? rowMask + embeddingWidth : 0, embeddingWidth);
        if (contentWidth > 0) {
            MASKED_COPY(destination + 2 * embeddingWidth, content + movies[row] * contentWidth,
                        rowMask ? rowMask + 2 * embeddingWidth : 0, contentWidth);
        }
    }
}

// `destination[i] += source[i] · (mask[i] ? scale : 0)`, or `+= source[i]` when `mask` is null.
#define MASKED_ADD(destination, source, mask, width)                                           \
    do {                                                                                       \
        ptrdiff_t i = 0;                                                                       \
        if (mask) {                                                                            \
            for (; i + 8 <= (width); i += 8)                                                   \
                STORE((destination) + i, LOAD(float8, (destination) + i)                       \
                      + LOAD(float8, (source) + i) * MULTIPLIERS((mask) + i, scale));          \
            for (; i < (width); i += 1) (destination)[i] += (source)[i] * ((mask)[i] ? scale : 0.0f); \
        } else {                                                                               \
            for (; i + 8 <= (width); i += 8)                                                   \
                STORE((destination) + i, LOAD(float8, (destination) + i) + LOAD(float8, (source) + i)); \
            for (; i < (width); i += 1) (destination)[i] += (source)[i];                        \
        }                                                                                      \
    } while (0)

RECBOOK_MULTIVERSION
void recbook_scatter_embedding_gradient(
    const float *gradient, ptrdiff_t gradientStride,
    const uint8_t *mask, ptrdiff_t maskStride, float scale, ptrdiff_t embeddingWidth,
    const ptrdiff_t *users, const ptrdiff_t *movies, ptrdiff_t count,
    float *userTableGradient, float *movieTableGradient)
{
    for (ptrdiff_t row = 0; row < count; row += 1) {
        if (row + prefetchDistance < count) {
            ptrdiff_t ahead = row + prefetchDistance;
            prefetchRow(userTableGradient + users[ahead] * embeddingWidth, embeddingWidth, 1);
            prefetchRow(movieTableGradient + movies[ahead] * embeddingWidth, embeddingWidth, 1);
        }
        const float *source = gradient + row * gradientStride;
        const uint8_t *rowMask = mask ? mask + row * maskStride : 0;
        MASKED_ADD(userTableGradient + users[row] * embeddingWidth, source, rowMask, embeddingWidth);
        MASKED_ADD(movieTableGradient + movies[row] * embeddingWidth, source + embeddingWidth,
                   rowMask ? rowMask + embeddingWidth : 0, embeddingWidth);
    }
}

RECBOOK_MULTIVERSION
void recbook_dropout_sample(recbook_xorshift_lanes *state, uint32_t threshold, uint8_t *mask, ptrdiff_t count)
{
    uint32x8 x = LOAD(uint32x8, state->x), y = LOAD(uint32x8, state->y);
    uint32x8 z = LOAD(uint32x8, state->z), w = LOAD(uint32x8, state->w);
    const uint32x8 limit = threshold;
    for (ptrdiff_t index = 0; index < count; index += 16) {
        uint32x8 t = x ^ (x << 11);
        x = y;
        y = z;
        z = w;
        w = w ^ (w >> 19) ^ t ^ (t >> 8);
        // A comparison gives −1 (all ones) or 0 per lane; negated, 1 or 0.
        byte8 first = __builtin_convertvector(-((w & 0xFFFF) >= limit), byte8);
        byte8 second = __builtin_convertvector(-((w >> 16) >= limit), byte8);
        if (index + 16 <= count) {
            STORE(mask + index, first);
            STORE(mask + index + 8, second);
        } else {
            for (ptrdiff_t lane = 0; lane < 8 && index + lane < count; lane += 1) mask[index + lane] = first[lane];
            for (ptrdiff_t lane = 0; lane < 8 && index + 8 + lane < count; lane += 1) mask[index + 8 + lane] = second[lane];
        }
    }
    STORE(state->x, x);
    STORE(state->y, y);
    STORE(state->z, z);
    STORE(state->w, w);
}

RECBOOK_MULTIVERSION
void recbook_dropout_apply(float *values, const uint8_t *mask, float scale, ptrdiff_t count)
{
    ptrdiff_t index = 0;
    for (; index + 8 <= count; index += 8) {
        STORE(values + index, LOAD(float8, values + index) * MULTIPLIERS(mask + index, scale));
    }
    for (; index < count; index += 1) values[index] *= mask[index] ? scale : 0.0f;
}

RECBOOK_MULTIVERSION
void recbook_add_rectify(
    const float *left, const float *right, ptrdiff_t rows, ptrdiff_t width, ptrdiff_t rowStride, float *output)
{
    for (ptrdiff_t row = 0; row < rows; row += 1) {
        const float *source = left + row * width, *addend = right + row * rowStride;
        float *target = output + row * width;
        ptrdiff_t index = 0;
        for (; index + 8 <= width; index += 8) {
            STORE(target + index, RECTIFY8(LOAD(float8, source + index) + LOAD(float8, addend + index)));
        }
        for (; index < width; index += 1) {
            float sum = source[index] + addend[index];
            target[index] = sum > 0 ? sum : 0.0f;
        }
    }
}

RECBOOK_MULTIVERSION
void recbook_rectified_sigmoid_output(
    const float *hidden, ptrdiff_t rows, ptrdiff_t width, const float *hiddenBias, const float *kernel,
    float bias, float *scores)
{
    for (ptrdiff_t row = 0; row < rows; row += 1) {
        const float *a = hidden + row * width;
        float4 sums = 0;
        ptrdiff_t index = 0;
        for (; index + 8 <= width; index += 8) {
            float8 terms = RECTIFY8(LOAD(float8, a + index) + LOAD(float8, hiddenBias + index))
                * LOAD(float8, kernel + index);
            sums += terms.lo;
            sums += terms.hi;
        }
        for (; index + 4 <= width; index += 4) {
            sums += RECTIFY4(LOAD(float4, a + index) + LOAD(float4, hiddenBias + index)) * LOAD(float4, kernel + index);
        }
        float total = ((sums.x + sums.y) + sums.z) + sums.w;
        for (; index < width; index += 1) {
            float sum = a[index] + hiddenBias[index];
            total += (sum > 0 ? sum : 0.0f) * kernel[index];
        }
        scores[row] = expf(-(bias + total));
    }
    ptrdiff_t index = 0;
    for (; index + 8 <= rows; index += 8) STORE(scores + index, 1 / (1 + LOAD(float8, scores + index)));
    for (; index < rows; index += 1) scores[index] = 1 / (1 + scores[index]);
}

// MARK: Matrix products

// Rows i ..< i + R (R ≤ 7) by columns j ..< j + LANES·V (V ≤ 2) of C = X·Y in LANES-wide vectors
// of type T: R × V sums in registers (6 × 2 eight-lane, or 8 × 2 sixteen-lane with AVX-512's 32
// registers), fed per step k by a broadcast of X(i + r, k) and one load of Y's row k per part.
// X(i, k) is x[i·xRowStep + k·xStep] (A or Aᵀ); Y is row-major with `ldy` floats per row. Each
// element is one chain whatever T is, so the bits are the same at either width.
#define PRODUCT_TILE_OF(T, LANES, R, V)                                                         \
    do {                                                                                        \
        T sums[8][2] = {{0}};                                                                   \
        const float *xStepStart = x + i * xRowStep;                                             \
        const float *yRow = y + j;                                                              \
        for (ptrdiff_t k = 0; k < inner; k++, xStepStart += xStep, yRow += ldy) {               \
            T y0 = LOAD(T, yRow);                                                               \
            T y1 = V > 1 ? LOAD(T, yRow + LANES) : (T)0;                                        \
            _Pragma("clang loop unroll(full)")                                                  \
            for (int r = 0; r < R; r++) {                                                       \
                T broadcast = xStepStart[r * xRowStep];                                         \
                sums[r][0] = __builtin_elementwise_fma(broadcast, y0, sums[r][0]);              \
                if (V > 1) sums[r][1] = __builtin_elementwise_fma(broadcast, y1, sums[r][1]);   \
            }                                                                                   \
        }                                                                                       \
        for (int r = 0; r < R; r++) {                                                           \
            for (int part = 0; part < V; part++) {                                              \
                float *out = c + (i + r) * ldc + j + LANES * part;                              \
                STORE(out, accumulating ? LOAD(T, out) + sums[r][part] : sums[r][part]);        \
            }                                                                                   \
        }                                                                                       \
    } while (0)

#define PRODUCT_TILE(R, V) PRODUCT_TILE_OF(float8, 8, R, V)

// The rows after the last full tile of `FULL` rows (fewer than `FULL`), as one tile: each row's
// sums are independent chains, and a tile of several rows keeps more of them in flight than one
// row at a time. The constant tests drop the tiles a family never needs.
#define PRODUCT_LAST_ROWS_OF(TILE, FULL, V)                                                     \
    do {                                                                                        \
        switch (rows - i) {                                                                     \
        case 7: if (FULL > 7) TILE(7, V); break;                                                \
        case 6: if (FULL > 6) TILE(6, V); break;                                                \
        case 5: TILE(5, V); break;                                                              \
        case 4: TILE(4, V); break;                                                              \
        case 3: TILE(3, V); break;                                                              \
        case 2: TILE(2, V); break;                                                              \
        case 1: TILE(1, V); break;                                                              \
        default: break;                                                                         \
        }                                                                                       \
    } while (0)

#define PRODUCT_LAST_ROWS(V) PRODUCT_LAST_ROWS_OF(PRODUCT_TILE, 6, V)

// C (+)= X·Y (see PRODUCT_TILE): tiles of 16 and then 8 columns, and the last columns (fewer than
// eight: the output layer's one unit) eight rows at a time, each row's sum its own chain.
static inline __attribute__((always_inline)) void multiplyTiles(
    ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner, const float *x, ptrdiff_t xRowStep, ptrdiff_t xStep,
    const float *y, ptrdiff_t ldy, float *c, ptrdiff_t ldc, int accumulating)
{
    ptrdiff_t j = 0;
    for (; j + 16 <= columns; j += 16) {
        ptrdiff_t i = 0;
        for (; i + 6 <= rows; i += 6) PRODUCT_TILE(6, 2);
        PRODUCT_LAST_ROWS(2);
    }
    for (; j + 8 <= columns; j += 8) {
        ptrdiff_t i = 0;
        for (; i + 6 <= rows; i += 6) PRODUCT_TILE(6, 1);
        PRODUCT_LAST_ROWS(1);
    }
    for (; j < columns; j++) {
        ptrdiff_t i = 0;
        for (; i + 8 <= rows; i += 8) {
            float sums[8] = {0};
            for (ptrdiff_t k = 0; k < inner; k++) {
                float yValue = y[k * ldy + j];
                for (int r = 0; r < 8; r++) sums[r] = fmaf(x[(i + r) * xRowStep + k * xStep], yValue, sums[r]);
            }
            for (int r = 0; r < 8; r++) {
                float *out = c + (i + r) * ldc + j;
                *out = accumulating ? *out + sums[r] : sums[r];
            }
        }
        for (; i < rows; i++) {
            float sum = 0;
            for (ptrdiff_t k = 0; k < inner; k++) sum = fmaf(x[i * xRowStep + k * xStep], y[k * ldy + j], sum);
            float *out = c + i * ldc + j;
            *out = accumulating ? *out + sum : sum;
        }
    }
}

#if RECBOOK_HAS_AVX512_TILES
#define PRODUCT_TILE16(R, V) PRODUCT_TILE_OF(float16, 16, R, V)
#define PRODUCT_LAST_ROWS16(V) PRODUCT_LAST_ROWS_OF(PRODUCT_TILE16, 8, V)

// The columns of C = X·Y that sixteen-lane tiles cover (a multiple of 16); returns how many.
static inline __attribute__((always_inline)) RECBOOK_AVX512 ptrdiff_t multiplyWideTiles(
    ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner, const float *x, ptrdiff_t xRowStep, ptrdiff_t xStep,
    const float *y, ptrdiff_t ldy, float *c, ptrdiff_t ldc, int accumulating)
{
    ptrdiff_t j = 0;
    for (; j + 32 <= columns; j += 32) {
        ptrdiff_t i = 0;
        for (; i + 8 <= rows; i += 8) PRODUCT_TILE16(8, 2);
        PRODUCT_LAST_ROWS16(2);
    }
    for (; j + 16 <= columns; j += 16) {
        ptrdiff_t i = 0;
        for (; i + 8 <= rows; i += 8) PRODUCT_TILE16(8, 1);
        PRODUCT_LAST_ROWS16(1);
    }
    return j;
}

RECBOOK_AVX512 static ptrdiff_t multiplyWidePlain(
    ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner, const float *a, ptrdiff_t lda,
    const float *y, ptrdiff_t ldy, float *c, ptrdiff_t ldc, int accumulating)
{
    return multiplyWideTiles(rows, columns, inner, a, lda, 1, y, ldy, c, ldc, accumulating);
}

RECBOOK_AVX512 static ptrdiff_t multiplyWideTransposed(
    ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner, const float *a, ptrdiff_t lda,
    const float *y, ptrdiff_t ldy, float *c, ptrdiff_t ldc, int accumulating)
{
    return multiplyWideTiles(rows, columns, inner, a, 1, lda, y, ldy, c, ldc, accumulating);
}

// Whether the processor (and the operating system, which must save the registers) has
// x86-64-v4's AVX-512.
static int hasWideTiles(void) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512cd");
}
#endif

// C (+)= op(A)·Y, Y row-major: first the sixteen-lane tiles where the processor has them, then
// the rest. The transposition is a compile-time constant in each call, so that the tiles'
// address arithmetic is too.
static inline __attribute__((always_inline)) void multiply(
    int transposedA, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner, const float *a, ptrdiff_t lda,
    const float *y, ptrdiff_t ldy, float *c, ptrdiff_t ldc, int accumulating)
{
    ptrdiff_t done = 0;
#if RECBOOK_HAS_AVX512_TILES
    if (hasWideTiles()) {
        done = transposedA ? multiplyWideTransposed(rows, columns, inner, a, lda, y, ldy, c, ldc, accumulating)
                           : multiplyWidePlain(rows, columns, inner, a, lda, y, ldy, c, ldc, accumulating);
    }
#endif
    if (done == columns) return;
    if (transposedA) multiplyTiles(rows, columns - done, inner, a, 1, lda, y + done, ldy, c + done, ldc, accumulating);
    else multiplyTiles(rows, columns - done, inner, a, lda, 1, y + done, ldy, c + done, ldc, accumulating);
}

RECBOOK_MULTIVERSION
void recbook_multiply(
    int transposedA, int transposedB, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner,
    const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int accumulating)
{
    if (rows <= 0 || columns <= 0) return;
    if (!transposedB) {
        multiply(transposedA, rows, columns, inner, a, lda, b, ldb, c, ldc, accumulating);
        return;
    }
    // op(B)(k, j) is b[j·ldb + k]. Copy blocks of its columns into rows on the stack, so that each
    // step of a tile loads contiguous columns; the sums are the same, block or not.
    enum { capacity = 8192 };
    float copy[capacity];
    ptrdiff_t blockWidth = inner > 0 ? (capacity / inner) / 8 * 8 : columns;
    if (blockWidth < 8) {
        // Rows too long for the copy: one chain per element, reading B where it lies.
        for (ptrdiff_t i = 0; i < rows; i++) {
            for (ptrdiff_t j = 0; j < columns; j++) {
                float sum = 0;
                for (ptrdiff_t k = 0; k < inner; k++)
                    sum = fmaf(transposedA ? a[k * lda + i] : a[i * lda + k], b[j * ldb + k], sum);
                c[i * ldc + j] = accumulating ? c[i * ldc + j] + sum : sum;
            }
        }
        return;
    }
    for (ptrdiff_t first = 0; first < columns; first += blockWidth) {
        ptrdiff_t width = columns - first < blockWidth ? columns - first : blockWidth;
        for (ptrdiff_t column = 0; column < width; column++) {
            for (ptrdiff_t k = 0; k < inner; k++) copy[k * width + column] = b[(first + column) * ldb + k];
        }
        multiply(transposedA, rows, width, inner, a, lda, copy, width, c + first, ldc, accumulating);
    }
}

// MARK: Scoring sixteen movies at a time

#if RECBOOK_HAS_AVX512_TILES
// recbook_score_movies with sixteen movies in the lanes of each register: the first layer's
// add and ReLU, the hidden layer's sums (one chain per unit, ascending k, from 0) and the output
// layer's four-lane sum, all in registers. `HIDDEN` is a constant, so that the sums stay in
// registers.
#define SCORE_MOVIES(HIDDEN)                                                                    \
    do {                                                                                        \
        for (ptrdiff_t first = 0; first < movieCount; first += 16) {                            \
            const float *columns = movieColumns + first * firstUnits;                           \
            float16 sums[HIDDEN];                                                               \
            _Pragma("clang loop unroll(full)")                                                  \
            for (int unit = 0; unit < HIDDEN; unit++) sums[unit] = 0;                           \
            for (ptrdiff_t k = 0; k < firstUnits; k++) {                                        \
                float16 hidden = RECTIFY16(LOAD(float16, columns + 16 * k) + userPart[k]);      \
                const float *weights = hiddenKernel + k * HIDDEN;                               \
                _Pragma("clang loop unroll(full)")                                              \
                for (int unit = 0; unit < HIDDEN; unit++)                                       \
                    sums[unit] = __builtin_elementwise_fma(hidden, (float16)weights[unit], sums[unit]); \
            }                                                                                   \
            /* The output layer in recbook_rectified_sigmoid_output's order: lane l of its     \
               four-lane sum adds the terms l, l + 4, … in order, then the lanes in order,     \
               then the terms past the last group of four one by one. */                       \
            float16 lanes[4] = {0, 0, 0, 0};                                                    \
            _Pragma("clang loop unroll(full)")                                                  \
            for (int unit = 0; unit < HIDDEN / 4 * 4; unit++)                                   \
                lanes[unit % 4] += RECTIFY16(sums[unit] + hiddenBias[unit]) * outputKernel[unit]; \
            float16 total = ((lanes[0] + lanes[1]) + lanes[2]) + lanes[3];                      \
            _Pragma("clang loop unroll(full)")                                                  \
            for (int unit = HIDDEN / 4 * 4; unit < HIDDEN; unit++)                              \
                total += RECTIFY16(sums[unit] + hiddenBias[unit]) * outputKernel[unit];         \
            float exponents[16], powers[16];                                                \
            STORE(exponents, -(outputBias + total));                                        \
            for (int lane = 0; lane < 16; lane++) powers[lane] = expf(exponents[lane]);     \
            float16 score = 1 / (1 + LOAD(float16, powers));                                \
            if (movieCount - first >= 16) {                                                 \
                STORE(scores + first, score);                                               \
            } else {                                                                        \
                for (ptrdiff_t lane = 0; lane < movieCount - first; lane++) scores[first + lane] = score[lane];\
            }                                                                               \
        }                                                                                       \
    } while (0)

RECBOOK_AVX512 static int scoreMoviesWide(
    const float *movieColumns, ptrdiff_t movieCount, ptrdiff_t firstUnits, const float *userPart,
    const float *hiddenKernel, const float *hiddenBias, ptrdiff_t hiddenUnits,
    const float *outputKernel, float outputBias, float *scores)
{
    switch (hiddenUnits) {
    case 16: SCORE_MOVIES(16); return 1;
    case 8: SCORE_MOVIES(8); return 1;
    default: return 0;
    }
}
#endif

int recbook_score_movies(
    const float *movieColumns, ptrdiff_t movieCount, ptrdiff_t firstUnits, const float *userPart,
    const float *hiddenKernel, const float *hiddenBias, ptrdiff_t hiddenUnits,
    const float *outputKernel, float outputBias, float *scores)
{
#if RECBOOK_HAS_AVX512_TILES
    if (hasWideTiles()) {
        return scoreMoviesWide(movieColumns, movieCount, firstUnits, userPart, hiddenKernel, hiddenBias, hiddenUnits,
                               outputKernel, outputBias, scores);
    }
#endif
    return 0;
}
