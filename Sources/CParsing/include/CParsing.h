#ifndef RECBOOK_CPARSING_H
#define RECBOOK_CPARSING_H

// The CSV reader's number arithmetic and its loop over rows of plain numbers. The arithmetic
// is written once, here, as inline functions: the Swift reader's general path calls them for
// each field (`FieldParsing`, `NumericDomain.contains`) and `recbook_read_plain_rows` for whole
// rows, so that the two paths read every number to the same bits.

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 10^exponent for 0 ≤ exponent ≤ 22: the powers of ten a double holds exactly.
static const double recbook_exact_powers_of_ten[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/// The integer at the start of `bytes[start..<end]` — an optional sign, then 1 to 18 digits,
/// which cannot overflow — in `*value`, and where its digits stop in `*stop`; false (nothing
/// written) when there is no digit or there are more than 18. (Eight digits at a time, in one
/// 64-bit word, measured slower on ratings files: most of their numbers are short.)
static inline bool recbook_leading_integer(
    const uint8_t *bytes, ptrdiff_t start, ptrdiff_t end, int64_t *value, ptrdiff_t *stop
) {
    ptrdiff_t index = start;
    bool negative = index < end && bytes[index] == '-';
    if (index < end && (negative || bytes[index] == '+')) index += 1;
    ptrdiff_t digitsStart = index;
    uint64_t magnitude = 0;
    while (index < end) {
        unsigned digit = (unsigned)bytes[index] - '0';
        if (digit > 9) break;
        magnitude = magnitude * 10 + digit;
        index += 1;
    }
    if (index == digitsStart || index - digitsStart > 18) return false;
    *value = negative ? -(int64_t)magnitude : (int64_t)magnitude;
    *stop = index;
    return true;
}

/// The plain decimal at the start of `bytes[start..<end]` — an optional sign, digits with at
/// most one point, at most 15 significant digits and at most 22 after the point — as one
/// correctly rounded division of two exact doubles, in `*value`, and where it stops in
/// `*stop`; false (nothing written) when there is no digit or the exact path does not apply.
static inline bool recbook_leading_decimal(
    const uint8_t *bytes, ptrdiff_t start, ptrdiff_t end, double *value, ptrdiff_t *stop
) {
    ptrdiff_t index = start;
    bool negative = index < end && bytes[index] == '-';
    if (index < end && (negative || bytes[index] == '+')) index += 1;
    uint64_t mantissa = 0;
    int significantDigits = 0, fractionDigits = 0;
    bool sawDigit = false, inFraction = false;
    while (index < end) {
        uint8_t byte = bytes[index];
        if (byte == '.' && !inFraction) {
            inFraction = true;
        } else {
            unsigned digit = (unsigned)byte - '0';
            if (digit > 9) break;
            sawDigit = true;
            if (mantissa != 0 || digit != 0) significantDigits += 1;
            if (significantDigits > 15) return false;
            mantissa = mantissa * 10 + digit;
            if (inFraction) fractionDigits += 1;
        }
        index += 1;
    }
    if (!sawDigit || fractionDigits > 22) return false;
    double magnitude = (double)mantissa / recbook_exact_powers_of_ten[fractionDigits];
    *value = negative ? -magnitude : magnitude;
    *stop = index;
    return true;
}

/// A range of allowed numbers, and with `hasStep` the spacing of allowed values from `lowest`.
typedef struct {
    double lowest;
    double highest;
    double step;
    bool hasStep;
} recbook_numeric_domain;

/// Whether `value` lies in the domain's range and, with a positive step, on it to within
/// rounding: |s − round(s)| ≤ 10⁻⁹·max(1, |s|) for s = (value − lowest) / step.
static inline bool recbook_domain_contains(recbook_numeric_domain domain, double value) {
    if (!(value >= domain.lowest && value <= domain.highest)) return false;
    double step = domain.step;
    if (!(domain.hasStep && step > 0)) return true;
    // Dividing by a power of two (half stars) is multiplying by its reciprocal, exactly and
    // without the division's latency; a whole number of steps (every rating of a release)
    // needs no rounding, and the range guard keeps the conversion in int64_t's range.
    uint64_t bits;
    memcpy(&bits, &step, sizeof bits);
    uint64_t exponentBits = (bits >> 52) & 0x7FF;
    double steps;
    if ((bits & ((UINT64_C(1) << 52) - 1)) == 0 && exponentBits >= 1 && exponentBits <= 2045) {
        uint64_t reciprocalBits = (2046 - exponentBits) << 52;  // 2^−e for a step of 2^e
        double reciprocal;
        memcpy(&reciprocal, &reciprocalBits, sizeof reciprocal);
        steps = (value - domain.lowest) * reciprocal;
    } else {
        steps = (value - domain.lowest) / step;
    }
    if (fabs(steps) < 0x1p52 && steps == (double)(int64_t)steps) return true;
    return fabs(steps - round(steps)) <= 1e-9 * fmax(1, fabs(steps));
}

/// What the plain-row reader does with a field.
enum {
    RECBOOK_PLAIN_SKIP = 0,     ///< scanned, not read
    RECBOOK_PLAIN_INTEGER = 1,  ///< `recbook_leading_integer`, into `int64_t` values
    RECBOOK_PLAIN_DECIMAL = 2,  ///< `recbook_leading_decimal`, into `double` values
};

/// One field of a row of plain numbers.
typedef struct {
    int32_t kind;
    /// Whether a number must lie in `domain` (an integer is checked as a double).
    bool checksDomain;
    recbook_numeric_domain domain;
    /// Where row `i` of a call's rows goes: `((int64_t *)values)[i]` or `((double *)values)[i]`.
    void *values;
} recbook_plain_field;

/// Reads rows of plain numbers from `*position`, a record's start, while the next row starts
/// before `stop`, and at most `maxRows` of them; returns how many it read. Each row is
/// `fieldCount` fields separated by `separator`, the last ended by a line feed; a field read is
/// a number as the functions above read it, ended by its separator (or the line feed) and in
/// its domain, and a field skipped holds no separator, quote, space or byte ≤ 0x0D; a row is
/// at most `maxRecordBytes` long. At the first row that is not so, it stops before it.
/// `*position` ends just past the last row read and `*lastRowStart` at that row's start
/// (neither changes when no row is read).
ptrdiff_t recbook_read_plain_rows(
    const uint8_t *bytes, ptrdiff_t end, ptrdiff_t *position, ptrdiff_t stop, uint8_t separator,
    ptrdiff_t maxRecordBytes, const recbook_plain_field *fields, ptrdiff_t fieldCount, ptrdiff_t maxRows,
    ptrdiff_t *lastRowStart);

/// How many line ends `bytes[start..<end]` holds: line feeds, and carriage returns not followed
/// by a line feed (the byte after `end - 1` is looked at when `end < count`). A record ends at a
/// line end or at the end of the text, so this plus one bounds the records that start in the range
/// and end by its end, whatever the quoting.
ptrdiff_t recbook_count_line_ends(const uint8_t *bytes, ptrdiff_t count, ptrdiff_t start, ptrdiff_t end);

#ifdef __cplusplus
}
#endif

#endif
