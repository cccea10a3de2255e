/// Searching text by its UTF-8 bytes, so that matches are exact code-point matches as in
/// Python (`'é' in s` finds only the same code points; Swift's `String` methods would also
/// match other spellings of the same character). UTF-8 is self-synchronising: a match of a
/// whole encoded needle always starts and ends on character boundaries.
enum UTF8Text {
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The first position at or after `start` where `needle` occurs in `haystack`.
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first else { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count else { return nil }
        var position = start
        while position <= haystack.count - needle.count {
            if haystack[position] == first {
                var matched = 1
                while matched < needle.count, haystack[position + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return position }
            }
            position += 1
        }
        return nil
    }

    static func contains(_ text: String, _ part: String) -> Bool {
        withBytes(text) { haystack in withBytes(part) { firstIndex(of: $0, in: haystack, from: 0) != nil } }
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        text.utf8.count >= suffix.utf8.count && text.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// The byte ranges between occurrences of `separator` (which is not empty), as Python's
    /// `str.split(separator)` cuts them.
    private static func parts(_ haystack: UnsafeBufferPointer<UInt8>, _ separator: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while let found = firstIndex(of: separator, in: haystack, from: start) {
            ranges.append(start..<found)
            start = found + separator.count
        }
        ranges.append(start..<haystack.count)
        return ranges
    }

    /// The `index`-th part of `text` cut at each `separator` (from the end when negative, as in
    /// Python), or nil when there is no such part.
    static func part(_ text: String, separator: String, index: Int) -> String? {
        withBytes(text) { haystack in
            withBytes(separator) { separator in
                let ranges = parts(haystack, separator)
                let position = index < 0 ? ranges.count + index : index
                guard ranges.indices.contains(position) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: haystack[ranges[position]]), as: UTF8.self)
            }
        }
    }

    /// `text` with every occurrence of `old` (which is not empty) replaced by `new`.
    static func replacing(_ old: String, with new: String, in text: String) -> String {
        withBytes(text) { haystack in
            withBytes(old) { old in
                let ranges = parts(haystack, old)
                guard ranges.count > 1 else { return text }
                var result: [UInt8] = []
                result.reserveCapacity(haystack.count)
                for (index, range) in ranges.enumerated() {
                    if index > 0 { result.append(contentsOf: new.utf8) }
                    result.append(contentsOf: haystack[range])
                }
                return String(decoding: result, as: UTF8.self)
            }
        }
    }

    /// Python's `s[start:start + length]` for a non-negative `start`; a negative `start` counts
    /// from the end (`-3` is the last three characters), and a missing `length` runs to the end.
    /// Characters are Unicode code points.
    static func substring(_ text: String, start: Int, length: Int?) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let first = start < 0 ? max(0, count + start) : min(start, count)
        let last = length.map { min(count, first + max(0, min($0, count))) } ?? count
        let lower = scalars.index(scalars.startIndex, offsetBy: first)
        let upper = scalars.index(lower, offsetBy: last - first)
        return String(scalars[lower..<upper])
    }
}
