// The CSV reader's loop over rows of plain numbers (see CParsing.h and
// Sources/Frames/CSV/TableParse+PlainRows.swift, which calls it).

#include "CParsing.h"

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
