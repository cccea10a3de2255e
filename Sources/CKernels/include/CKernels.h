#ifndef RECBOOK_CKERNELS_H
#define RECBOOK_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Declares a kernel twice: as `name`, the build the dynamic loader chose for the processor, and
/// as `name_baseline`, the baseline x86-64 build of `Baseline.c` that tests compare it with.
#define RECBOOK_KERNEL(result, name, parameters) result name parameters; result name##_baseline parameters;

/// The Adam constants of one step, rounded to float32 where Keras rounds them.
typedef struct {
    float firstDecay;   ///< 1 − β₁
    float secondDecay;  ///< 1 − β₂
    float epsilon;
    float stepSize;     ///< the bias-corrected α
} recbook_adam_coefficients;

/// One Adam step on `count` weights, as Keras 3 computes it in float32:
///
///     g ← g + l2·(2w)            (when `penalised`)
///     m ← m + (g − m)(1 − β₁)
///     v ← v + (g² − v)(1 − β₂)
///     w ← w − m·α / (√v + ε)
///
/// When `penalised`, also clears the gradient and returns Σw² of the old weights, summed in
/// blocks of 1024 weights: four float lanes per block (lane k adds weights k, k+4, k+8, … in
/// order), the lanes added in order, the remainder one by one, each block's float sum added to
/// a double. Returns 0 otherwise.
///
/// Every operation is IEEE float32 (no fused multiply-adds), so the weights are the same bits
/// whichever instruction set runs it; on x86-64 the widest one the processor has (AVX-512,
/// AVX2 or the baseline) is chosen when the program loads.
RECBOOK_KERNEL(double, recbook_adam_update, (
    float *weights, float *gradient, float *firstMoments, float *secondMoments, ptrdiff_t count,
    int penalised, float l2, recbook_adam_coefficients coefficients))

/// Eight interleaved xorshift128 streams (Marsaglia, 2003): lane `k` of each word.
typedef struct {
    uint32_t x[8], y[8], z[8], w[8];
} recbook_xorshift_lanes;

/// Draws `count` dropout decisions: 1 keeps a unit, 0 drops it. Each step of the eight streams
/// decides sixteen units: the low sixteen bits of lane `k` unit `k`, the high sixteen bits unit
/// `8 + k`; a unit is kept when its sixteen bits are at least `threshold`. A last partial group
/// still takes a whole step.
RECBOOK_KERNEL(void, recbook_dropout_sample, (recbook_xorshift_lanes *state, uint32_t threshold, uint8_t *mask, ptrdiff_t count))

/// `values[i] ← values[i] · (mask[i] ? scale : 0)`.
RECBOOK_KERNEL(void, recbook_dropout_apply, (float *values, const uint8_t *mask, float scale, ptrdiff_t count))

/// Builds a batch's network input: row `b` of `output` (row length `2·embeddingWidth +
/// contentWidth`) is `[userTable[users[b]], movieTable[movies[b]], content[movies[b]]]`, each
/// value multiplied by `mask ? scale : 0` of row `b` of `mask` (the input's dropout, laid out
/// like `output`) when `mask` is not null. The next rows' sources are prefetched while a row is
/// copied.
RECBOOK_KERNEL(void, recbook_gather_inputs, (
    const float *userTable, const float *movieTable, const float *content,
    ptrdiff_t embeddingWidth, ptrdiff_t contentWidth,
    const ptrdiff_t *users, const ptrdiff_t *movies, ptrdiff_t count,
    const uint8_t *mask, float scale, float *output))

/// The backward pass of `recbook_gather_inputs` for the embeddings: for each row `b` in order,
/// adds the first `embeddingWidth` values of `gradient` row `b` (rows `gradientStride` apart),
/// times `scale` or 0 as the same columns of `mask` row `b` (row length `maskStride`) say
/// when `mask` is not null, into `userTableGradient[users[b]]`, and the next `embeddingWidth`
/// into `movieTableGradient[movies[b]]`. Rows are added in batch order, so repeated indices
/// accumulate deterministically.
RECBOOK_KERNEL(void, recbook_scatter_embedding_gradient, (
    const float *gradient, ptrdiff_t gradientStride,
    const uint8_t *mask, ptrdiff_t maskStride, float scale, ptrdiff_t embeddingWidth,
    const ptrdiff_t *users, const ptrdiff_t *movies, ptrdiff_t count,
    float *userTableGradient, float *movieTableGradient))

/// `output[r·width + j] = max(0, left[r·width + j] + right[r·rowStride + j])` for `rows × width`
/// values (a `rowStride` of 0 adds the same row to every row); NaN and −0 become +0.
RECBOOK_KERNEL(void, recbook_add_rectify, (
    const float *left, const float *right, ptrdiff_t rows, ptrdiff_t width, ptrdiff_t rowStride, float *output))

/// The last hidden layer's bias and ReLU fused with a one-unit sigmoid output layer: for each of
/// `rows` rows of `hidden` (`width` values each),
///
///     scores[r] = 1 / (1 + e^−(bias + Σⱼ max(0, hidden[r, j] + hiddenBias[j]) · kernel[j]))
///
/// The sum runs in four lanes (lane k adds terms k, k+4, …, in order), the lanes are added in
/// order, then the remaining terms one by one: the order of a four-wide loop, whatever the
/// instruction set.
RECBOOK_KERNEL(void, recbook_rectified_sigmoid_output, (
    const float *hidden, ptrdiff_t rows, ptrdiff_t width, const float *hiddenBias, const float *kernel,
    float bias, float *scores))


/// The walk-through network's layers after the first, for `movieCount` movies at once: where
/// the processor has AVX-512 and the hidden layer has 16 or 8 units, sixteen movies in the lanes
/// of each register, and returns 1; otherwise does nothing and returns 0 (the baseline build
/// always does), and the caller runs
/// the layers one by one (recbook_add_rectify, recbook_multiply, recbook_rectified_sigmoid_output),
/// which give the same bits.
///
/// `movieColumns` holds the first layer's movie part in blocks of 16 movies, unit-major within a
/// block: movie m's unit k at (m / 16)·16·firstUnits + 16·k + m % 16, the last block padded. The
/// first layer is max(0, movie part + userPart); the hidden layer (`hiddenUnits` units,
/// kernel `firstUnits × hiddenUnits` row-major) sums as recbook_multiply does; the output is
/// recbook_rectified_sigmoid_output's.
RECBOOK_KERNEL(int, recbook_score_movies, (
    const float *movieColumns, ptrdiff_t movieCount, ptrdiff_t firstUnits, const float *userPart,
    const float *hiddenKernel, const float *hiddenBias, ptrdiff_t hiddenUnits,
    const float *outputKernel, float outputBias, float *scores))

/// C = op(A)·op(B), or C + op(A)·op(B) when `accumulating`, for the network's small products.
///
/// Matrices are row-major with `lda`, `ldb`, `ldc` floats per row; op(A) is `rows × inner` (A
/// itself, or Aᵀ when `transposedA`), op(B) is `inner × columns`. Each element is one chain of
/// fused multiply-adds in ascending k, starting from 0 — sum = fma(a₀, b₀, 0), then
/// fma(a₁, b₁, sum), … — and, when accumulating, C's old value plus that sum. The order is
/// fixed by this definition, not by the processor or a library's blocking, so the bits are the
/// same on every machine (the baseline build calls `fmaf`, correctly rounded like the
/// instruction). Tiles keep their sums in registers — 8 rows × 32 columns in sixteen-lane
/// registers where the processor has AVX-512, 6 × 16 in eight-lane ones with AVX2 — and no
/// operand is packed, which is what makes this faster than OpenBLAS on the network's shapes (a
/// batch of 2048 against layers of 32 and 16 units). Allocates nothing.
RECBOOK_KERNEL(void, recbook_multiply, (
    int transposedA, int transposedB, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t inner,
    const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, int accumulating))

/// Swaps `elements[first - step]` with `elements[others[step]]` for each step from 0 to
/// `count - 1`, in that order: a block of a Fisher–Yates shuffle from the end whose random
/// positions were drawn beforehand (`NumPyRandomState.shuffle`).
void recbook_swap_descending(int64_t *elements, ptrdiff_t first, const int64_t *others, ptrdiff_t count);

#ifdef __cplusplus
}
#endif

#endif
