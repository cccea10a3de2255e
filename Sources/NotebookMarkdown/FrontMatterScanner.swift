import RecbookSupport

/// Finds the YAML front matter that may open a notebook.
///
/// Front matter starts when the file's first line is `---` and runs until the next line that is
/// exactly `---` or `...`; trailing spaces and tabs are allowed on both delimiter lines.
enum FrontMatterScanner {
    /// Returns the front matter at the top of `source`, or `nil` when the first line is not `---`.
    /// - Parameters:
    ///   - source: the normalised file.
    ///   - path: the file's path, for the diagnostic.
    /// - Throws: ``MarkdownError`` at line 1, column 1 when no closing delimiter follows.
    /// - Complexity: O(*n*) in the length of the front matter.
    static func scan(_ source: SourceText, path: String) throws(MarkdownError) -> FrontMatter? {
        guard let opening = source.line(1), isDelimiter(opening, closing: false) else { return nil }
        var lineNumber = 2
        while let line = source.line(lineNumber) {
            if isDelimiter(line, closing: true) {
                return FrontMatter(
                    yaml: source.text(fromLine: 2, upToLine: lineNumber),
                    firstLine: 2,
                    range: SourceRange(
                        startLine: 1, startColumn: 1, endLine: lineNumber, endColumn: line.count
                    )
                )
            }
            lineNumber += 1
        }
        throw MarkdownError(
            location: SourceLocation(file: path, line: 1, column: 1),
            message: "front matter starting here is not closed by a '---' line"
        )
    }

    /// Whether `line` is `---` (or, when `closing`, also `...`) followed only by spaces and tabs.
    private static func isDelimiter(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        var content = line[...]
        while let last = content.last, SourceText.isSpaceOrTab(last) { content.removeLast() }
        return content.elementsEqual("---".utf8) || (closing && content.elementsEqual("...".utf8))
    }
}
