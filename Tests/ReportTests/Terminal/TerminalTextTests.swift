import Testing
@testable import Report

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("abc", 3), ("", 0), ("東京", 4), ("Amélie", 6), ("e\u{301}", 1), ("📊", 2), ("a\u{200B}b", 2),
    ])
    func width(text: String, expected: Int) {
        #expect(TerminalText.width(text) == expected)
    }

    @Test(arguments: [
        ("Toy Story (1995)", 10, "Toy Story…"),
        ("short", 10, "short"),
        ("東京物語", 5, "東京…"),
        ("abc", 1, "…"),
    ])
    func truncation(text: String, width: Int, expected: String) {
        #expect(TerminalText.truncated(text, toWidth: width) == expected)
        #expect(TerminalText.width(TerminalText.truncated(text, toWidth: width)) <= max(1, width))
    }

    @Test func padding() {
        #expect(TerminalText.padded("東", toWidth: 4, alignment: .left) == "東  ")
        #expect(TerminalText.padded("7", toWidth: 3, alignment: .right) == "  7")
        #expect(TerminalText.padded("toolong", toWidth: 3, alignment: .right) == "toolong")
        #expect(TerminalText.centered("ab", inWidth: 7) == "  ab")
    }
}
