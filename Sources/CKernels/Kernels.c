// Hot loops of the neural network's training that Swift compiles for baseline x86-64 only
// (SSE2). Here each is compiled twice, for x86-64-v3 (AVX2) and for the baseline, and the
// dynamic loader picks one for the processor (Clang's function multi-versioning). The
// arithmetic is IEEE float32 without contraction into fused multiply-adds, so both versions
// give the same bits.

#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && !defined(RECBOOK_BASELINE_ONLY)
#define RECBOOK_MULTIVERSION __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define RECBOOK_MULTIVERSION
#endif

typedef float float4 __attribute__((ext_vector_type(4)));
typedef float float8 __attribute__((ext_vector_type(8)));
typedef uint8_t byte8 __attribute__((ext_vector_type(8)));
typedef uint32_t uint32x8 __attribute__((ext_vector_type(8)));
typedef int32_t int8x32 __attribute__((ext_vector_type(8)));
typedef int32_t int4x32 __attribute__((ext_vector_type(4)));

// max(0, x) with NaN and −0 giving +0: the bits of x where x > 0, else none.
#define RECTIFY8(x) ({ float8 value_ = (x); (float8)((int8x32)value_ & (value_ > 0)); })
#define RECTIFY4(x) ({ float4 value_ = (x); (float4)((int4x32)value_ & (value_ > 0)); })

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
