import Testing
@testable import NotebookMarkdown

@Suite struct SourceTextTests {
    @Test(arguments: [
        // (text, normalised text, line count)
        ("", "", 0),
        ("a", "a", 1),
        ("a\n", "a\n", 1),
        ("a\n\n", "a\n\n", 2),
        ("a\r\nb\r\n", "a\nb\n", 2),
        ("a\rb\r\r", "a\nb\n\n", 3),
        ("a\r\r\nb", "a\n\nb", 3),
        ("\u{FEFF}a\n", "a\n", 1),
        ("x\u{FEFF}", "x\u{FEFF}", 1),
    ])
    func normalisesLineEndingsAndByteOrderMark(text: String, normalised: String, lineCount: Int) {
        let source = SourceText(text)
        #expect(source.bytes == Array(normalised.utf8))
        #expect(source.lineCount == lineCount)
    }

    @Test func linesLengthsAndBlankness() {
        let source = SourceText("one\n\n  \t\nfour é\n")
        #expect(source.line(0) == nil)
        #expect(source.line(5) == nil)
        #expect(source.line(1).map { Array($0) } == Array("one".utf8))
        #expect(source.length(ofLine: 4) == 7)
        #expect([1, 2, 3, 4, 5].map { source.isBlank(line: $0) } == [false, true, true, false, true])
        #expect(source.text(fromLine: 2, upToLine: 4) == "\n  \t\n")
        #expect(source.text(fromLine: 4, upToLine: 9) == "four é\n")
    }

    @Test func blankingKeepsLineNumbers() {
        let source = SourceText("---\na: 1\n---\nbody\n").blankingLines(through: 3)
        #expect(source.bytes == Array("\n\n\nbody\n".utf8))
        #expect(source.line(4).map { Array($0) } == Array("body".utf8))
    }
}
