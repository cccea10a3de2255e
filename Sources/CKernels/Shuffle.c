// The swaps of a Fisher–Yates shuffle, with the memory of the swaps ahead requested early.

#include "CKernels.h"

void recbook_swap_descending(int64_t *elements, ptrdiff_t first, const int64_t *others, ptrdiff_t count) {
    // The swaps must run in order, but where each one reads is known in advance: asking for
    // the element of the swap `distance` ahead lets the cache misses of a large array overlap
    // instead of waiting for one another.
    enum { distance = 16 };
    for (ptrdiff_t step = 0; step < count; step++) {
        if (step + distance < count) __builtin_prefetch(elements + others[step + distance], 1, 0);
        ptrdiff_t index = first - step;
        int64_t other = others[step];
        int64_t value = elements[index];
        elements[index] = elements[other];
        elements[other] = value;
    }
}
