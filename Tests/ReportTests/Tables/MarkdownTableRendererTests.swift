import Outputs
import Testing
@testable import Report

@Suite struct MarkdownTableRendererTests {
    @Test func writesAGFMTableWithAlignmentAndEllipsis() {
        #expect(MarkdownTableRenderer.render(TableFixtures.movies) == """
            |  | movieId | title |
            | --- | ---: | --- |
            | 0 | 1 | Toy Story (1995) |
            | ... | ... | ... |
            | 9741 | 193609 | Andrew Dice Clay: Dice Rules (1991) |

            9742 rows × 2 columns

            """)
    }

    @Test func namedIndexGoesInTheCorner() {
        let lines = MarkdownTableRenderer.render(TableFixtures.pivot).split(separator: "\n").map(String.init)
        #expect(lines[0] == "| userId | 1 | 2 | ... | 193609 |")
        #expect(lines[1] == "| --- | ---: | ---: | --- | ---: |")
    }

    @Test(arguments: [
        ("a|b", #"a\|b"#),
        ("*not bold*", #"\*not bold\*"#),
        ("<b>raw</b>", #"\<b\>raw\</b\>"#),
        ("[link](x)", #"\[link\](x)"#),
        (#"back\slash"#, #"back\\slash"#),
        ("two\nlines", "two lines"),
        ("Toy Story (1995)", "Toy Story (1995)"),
    ])
    func escapesCells(input: String, expected: String) {
        #expect(MarkdownTableRenderer.escape(input) == expected)
    }
}
