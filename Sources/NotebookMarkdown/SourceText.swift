/// A Markdown file as cmark sees it: UTF-8 bytes with a leading byte order mark dropped and every
/// line ending written as a single LF, indexed by line.
///
/// Positions in recbook are the positions in this text. Because only line endings change, its line
/// numbers are the file's line numbers, and its columns are the file's columns (in UTF-8 bytes).
struct SourceText: Sendable {
    /// The normalised bytes handed to cmark.
    private(set) var bytes: [UInt8]
    /// The offset of each line's first byte; line `n` (1-based) starts at `lineStarts[n - 1]`.
    private var lineStarts: [Int]

    /// Normalises `text`.
    ///
    /// CRLF and lone CR line endings become LF, so that a file saved on Windows parses (and is
    /// numbered) exactly like the same file saved on Linux, and so that the front matter scanner and
    /// cmark agree on where lines end. A leading UTF-8 byte order mark is dropped, as cmark itself
    /// would do; columns on line 1 therefore count from after it.
    /// - Complexity: O(*n*) in the length of `text` in bytes.
    init(_ text: String) {
        let utf8 = text.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        if utf8.starts(with: Self.byteOrderMark) {
            index = utf8.index(index, offsetBy: Self.byteOrderMark.count)
        }
        var previousWasCarriageReturn = false
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case Self.carriageReturn:
                bytes.append(Self.lineFeed)
            case Self.lineFeed where previousWasCarriageReturn:
                break  // The LF of a CRLF pair: its CR already ended the line.
            default:
                bytes.append(byte)
            }
            previousWasCarriageReturn = byte == Self.carriageReturn
            utf8.formIndex(after: &index)
        }
        self.init(normalizedBytes: bytes)
    }

    private init(normalizedBytes bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = bytes.isEmpty ? [] : [0]
        for (offset, byte) in bytes.enumerated() where byte == Self.lineFeed && offset + 1 < bytes.count {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The number of lines; a final line ending does not start another line.
    var lineCount: Int { lineStarts.count }

    /// The bytes of line `number` (1-based) without its line ending, or `nil` past either end.
    func line(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= lineCount else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineCount ? lineStarts[number] : bytes.count
        if end > start, bytes[end - 1] == Self.lineFeed { end -= 1 }
        return bytes[start..<end]
    }

    /// The length of line `number` in bytes, without its line ending; 0 for a line that does not exist.
    func length(ofLine number: Int) -> Int { line(number)?.count ?? 0 }

    /// Whether line `number` holds nothing but spaces and tabs (or does not exist), as a blank line
    /// in CommonMark does.
    func isBlank(line number: Int) -> Bool {
        line(number)?.allSatisfy(Self.isSpaceOrTab) ?? true
    }

    /// The bytes from the start of line `first` up to the start of line `end` (exclusive), line
    /// endings included. Lines past the end of the text contribute nothing.
    func text(fromLine first: Int, upToLine end: Int) -> String {
        let clampedFirst = min(max(first, 1), lineCount + 1)
        let clampedEnd = min(max(end, clampedFirst), lineCount + 1)
        let startOffset = clampedFirst <= lineCount ? lineStarts[clampedFirst - 1] : bytes.count
        let endOffset = clampedEnd <= lineCount ? lineStarts[clampedEnd - 1] : bytes.count
        return String(decoding: bytes[startOffset..<endOffset], as: UTF8.self)
    }

    /// A copy in which lines 1 through `last` are empty but still present, so every later line
    /// keeps its number.
    func blankingLines(through last: Int) -> SourceText {
        guard last >= 1, lineCount >= 1 else { return self }
        let firstKept = min(last + 1, lineCount + 1)
        let keptOffset = firstKept <= lineCount ? lineStarts[firstKept - 1] : bytes.count
        let blanked = [UInt8](repeating: Self.lineFeed, count: firstKept - 1) + bytes[keptOffset...]
        return SourceText(normalizedBytes: blanked)
    }

    static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
}
