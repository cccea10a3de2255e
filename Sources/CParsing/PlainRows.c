// The CSV reader's loop over rows of plain numbers (see CParsing.h and
// Sources/Frames/CSV/TableParse+PlainRows.swift, which calls it).

#include "CParsing.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#pragma clang fp contract(off)

/// Reads one field of row `row` from `cursor`, a number into `field->values` or a skipped
/// field scanned; the position after its terminator, or −1 when the field is not plain.
__attribute__((always_inline)) static inline ptrdiff_t read_field(
    const uint8_t *bytes, ptrdiff_t cursor, ptrdiff_t end, const recbook_plain_field *field, uint8_t terminator,
    uint8_t separator, ptrdiff_t row
) {
    ptrdiff_t stop;
    switch (field->kind) {
    case RECBOOK_PLAIN_INTEGER: {
        int64_t value;
        if (!recbook_leading_integer(bytes, cursor, end, &value, &stop) || stop >= end || bytes[stop] != terminator) return -1;
        if (field->checksDomain && !recbook_domain_contains(field->domain, (double)value)) return -1;
        ((int64_t *)field->values)[row] = value;
        return stop + 1;
    }
    case RECBOOK_PLAIN_DECIMAL: {
        double value;
        if (!recbook_leading_decimal(bytes, cursor, end, &value, &stop) || stop >= end || bytes[stop] != terminator) return -1;
        if (field->checksDomain && !recbook_domain_contains(field->domain, value)) return -1;
        ((double *)field->values)[row] = value;
        return stop + 1;
    }
    default:
        stop = cursor;
        while (stop < end) {
            uint8_t byte = bytes[stop];
            if (byte == separator || byte <= 0x0D || byte == '"' || byte == ' ') break;
            stop += 1;
        }
        if (stop >= end || bytes[stop] != terminator) return -1;
        return stop + 1;
    }
}

ptrdiff_t recbook_read_plain_rows(
    const uint8_t *bytes, ptrdiff_t end, ptrdiff_t *position, ptrdiff_t stop, uint8_t separator,
    ptrdiff_t maxRecordBytes, const recbook_plain_field *fields, ptrdiff_t fieldCount, ptrdiff_t maxRows,
    ptrdiff_t *lastRowStart
) {
    ptrdiff_t cursor = *position, rows = 0, committed = cursor, lastStart = 0;
    while (rows < maxRows && cursor < stop) {
        ptrdiff_t rowStart = cursor;
        for (ptrdiff_t index = 0; index < fieldCount - 1 && cursor >= 0; index++) {
            cursor = read_field(bytes, cursor, end, &fields[index], separator, separator, rows);
        }
        if (cursor >= 0) cursor = read_field(bytes, cursor, end, &fields[fieldCount - 1], '\n', separator, rows);
        if (cursor < 0 || cursor - rowStart > maxRecordBytes) break;
        lastStart = rowStart;
        committed = cursor;
        rows += 1;
    }
    if (rows > 0) { *position = committed; *lastRowStart = lastStart; }
    return rows;
}

/// How many bytes of `bytes[start..<end]` equal `a`, and how many equal `b`, sixteen at a time.
static void count_two_bytes(const uint8_t *bytes, ptrdiff_t start, ptrdiff_t end, uint8_t a, uint8_t b, size_t *countA, size_t *countB) {
    size_t totalA = 0, totalB = 0;
    ptrdiff_t index = start;
#if defined(__SSE2__)
    const __m128i wantA = _mm_set1_epi8((char)a), wantB = _mm_set1_epi8((char)b), zero = _mm_setzero_si128();
    while (end - index >= 16) {
        // Byte counters (a match subtracts -1) for at most 255 blocks, then summed.
        __m128i sumA = zero, sumB = zero;
        ptrdiff_t blocks = (end - index) / 16;
        if (blocks > 255) blocks = 255;
        for (ptrdiff_t block = 0; block < blocks; block++, index += 16) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + index));
            sumA = _mm_sub_epi8(sumA, _mm_cmpeq_epi8(chunk, wantA));
            sumB = _mm_sub_epi8(sumB, _mm_cmpeq_epi8(chunk, wantB));
        }
        __m128i wideA = _mm_sad_epu8(sumA, zero), wideB = _mm_sad_epu8(sumB, zero);
        totalA += (size_t)_mm_cvtsi128_si64(wideA) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(wideA, wideA));
        totalB += (size_t)_mm_cvtsi128_si64(wideB) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(wideB, wideB));
    }
#endif
    for (; index < end; index++) {
        totalA += bytes[index] == a;
        totalB += bytes[index] == b;
    }
    *countA = totalA;
    *countB = totalB;
}

ptrdiff_t recbook_count_line_ends(const uint8_t *bytes, ptrdiff_t count, ptrdiff_t start, ptrdiff_t end) {
    if (start >= end) return 0;
    // Line feeds, and carriage returns whose next byte is not a line feed (the last byte's next
    // byte lies outside the range). Carriage returns are rare: they are paired only when found.
    size_t feeds, returns, returnsBeforeFeeds = 0;
    count_two_bytes(bytes, start, end, '\n', '\r', &feeds, &returns);
    if (returns > 0) {
        for (ptrdiff_t index = start; index + 1 < end; index++) {
            returnsBeforeFeeds += (bytes[index] == '\r') & (bytes[index + 1] == '\n');
        }
        if (bytes[end - 1] == '\r' && end < count && bytes[end] == '\n') returnsBeforeFeeds += 1;
    }
    return (ptrdiff_t)(feeds + returns - returnsBeforeFeeds);
}
