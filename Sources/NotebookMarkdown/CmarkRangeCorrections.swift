/// Repairs the top-level block ranges that cmark-gfm 0.29.0.gfm.6 (Debian's) reports wrongly.
///
/// cmark records where a block ends only when a later line closes it, and in a few cases it records
/// the wrong line. Each repair below is keyed to one such case and recomputes the position from the
/// source text; every other position is cmark's own. After the repairs every range is 1-based, starts
/// on a line with content and ends on a line with content, so a range can be used to cut the block
/// out of the file.
struct CmarkRangeCorrections {
    let source: SourceText

    /// Returns `blocks` with their ranges repaired; kinds and HTML are untouched.
    /// - Complexity: O(*n*) in the number of lines covered by the blocks.
    func apply(to blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        var blocks = blocks
        for index in blocks.indices {
            switch blocks[index].kind {
            case .heading:
                blocks[index].range = endingSetextHeadingAtItsUnderline(blocks[index].range)
            case .paragraph where blocks[index].range.startLine < 1:
                let next = blocks.index(after: index)
                if next < blocks.endIndex, blocks[next].kind == .table {
                    (blocks[index].range, blocks[next].range) = splittingParagraphFromTable(
                        blocks[index].range, blocks[next].range
                    )
                }
            case .other("footnote_definition"):
                blocks[index].range = startingFootnoteAtItsLabel(blocks[index].range)
            default:
                break
            }
            blocks[index].range = clampedToTheFile(droppingTrailingBlankLines(blocks[index].range))
        }
        return blocks
    }

    /// A block closed by the blank lines after it (a list, an indented code block, a thematic break,
    /// a footnote definition) is reported as ending on the last of those blank lines, often at
    /// column 0. Its content ends on the last line before them.
    private func droppingTrailingBlankLines(_ range: SourceRange) -> SourceRange {
        var range = range
        guard range.startLine >= 1 else { return range }
        while range.endLine > range.startLine, source.isBlank(line: range.endLine) {
            range.endLine -= 1
            range.endColumn = source.length(ofLine: range.endLine)
        }
        return range
    }

    /// A setext heading is reported as ending on the line after its underline (the line whose
    /// arrival closed it), even when that line starts the next block. It ends at its underline: the
    /// first line after its first line that is `=` or `-` characters alone, indented at most three
    /// spaces. No earlier line of the heading can look like that, or it would have been the underline.
    /// An ATX heading is a single line and is left alone.
    private func endingSetextHeadingAtItsUnderline(_ range: SourceRange) -> SourceRange {
        guard range.startLine >= 1, range.endLine > range.startLine else { return range }
        for lineNumber in (range.startLine + 1)...range.endLine {
            if let line = source.line(lineNumber), Self.isSetextUnderline(line) {
                var repaired = range
                repaired.endLine = lineNumber
                repaired.endColumn = line.count
                return repaired
            }
        }
        return range
    }

    /// When a table's header row directly follows paragraph lines, the table extension splits them
    /// into a new paragraph with no position at all (0:0-0:0) and gives the table the paragraph's
    /// start. The header row is the line before the first delimiter row (`|---|:-:|`) whose cell count
    /// matches the line above it, the rule by which the extension recognised the table.
    private func splittingParagraphFromTable(
        _ paragraph: SourceRange, _ table: SourceRange
    ) -> (paragraph: SourceRange, table: SourceRange) {
        let firstLine = table.startLine
        var headerLine: Int?
        if firstLine >= 1, table.endLine >= firstLine + 2 {
            for delimiterLine in (firstLine + 2)...table.endLine {
                guard let delimiter = source.line(delimiterLine),
                      let header = source.line(delimiterLine - 1),
                      let columns = GFMTableRow.delimiterColumnCount(delimiter),
                      GFMTableRow.cellCount(header) == columns
                else { continue }
                headerLine = delimiterLine - 1
                break
            }
        }
        guard let headerLine else {
            // Not the layout described above; keep the table and give the paragraph its first line.
            let line = max(firstLine, 1)
            return (SourceRange(startLine: line, startColumn: max(table.startColumn, 1), endLine: line,
                                endColumn: source.length(ofLine: line)), table)
        }
        let paragraphRange = SourceRange(
            startLine: firstLine, startColumn: table.startColumn,
            endLine: headerLine - 1, endColumn: source.length(ofLine: headerLine - 1)
        )
        var tableRange = table
        tableRange.startLine = headerLine
        tableRange.startColumn = 1 + (source.line(headerLine)?.prefix(while: SourceText.isSpaceOrTab).count ?? 0)
        return (paragraphRange, tableRange)
    }

    /// A footnote definition is reported as starting after its `[^label]:` marker. It starts at the
    /// marker.
    private func startingFootnoteAtItsLabel(_ range: SourceRange) -> SourceRange {
        guard let line = source.line(range.startLine) else { return range }
        let indentation = line.prefix(while: SourceText.isSpaceOrTab).count
        guard line.dropFirst(indentation).starts(with: "[^".utf8), indentation + 1 < range.startColumn else {
            return range
        }
        var repaired = range
        repaired.startColumn = indentation + 1
        return repaired
    }

    /// Guarantees a 1-based range whatever cmark reported.
    private func clampedToTheFile(_ range: SourceRange) -> SourceRange {
        let startLine = max(range.startLine, 1)
        let endLine = max(range.endLine, startLine)
        let startColumn = max(range.startColumn, 1)
        let endColumn = max(range.endColumn, endLine == startLine ? startColumn : 1)
        return SourceRange(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }

    private static func isSetextUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        let indentation = line.prefix(while: { $0 == UInt8(ascii: " ") }).count
        guard indentation <= 3 else { return false }
        var content = line.dropFirst(indentation)
        while let last = content.last, SourceText.isSpaceOrTab(last) { content.removeLast() }
        guard let marker = content.first, marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-") else {
            return false
        }
        return content.allSatisfy { $0 == marker }
    }
}
