import Foundation
import Testing
@testable import NotebookCore

/// Hostile or careless notebook text (issue 12): each gets one message at the real cause.
@Suite struct NotebookLoaderTests {
    /// The alias bomb of issue 12: nine levels of nine aliases each describe 9⁸ ≈ 43 million
    /// strings, which composing once allocated until the process died.
    static func aliasBomb(indent: String = "") -> String {
        var lines = [indent + #"a0: &a0 ["lol"]"#]
        for level in 1...8 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append(indent + "a\(level): &a\(level) [\(aliases)]")
        }
        return lines.joined(separator: "\n")
    }

    @Test func anAliasBombInAStepBodyIsRefusedAtItsFirstAlias() {
        let clock = ContinuousClock()
        let start = clock.now
        let (plan, diagnostics) = check("```constant\n\(Self.aliasBomb())\nvalue: 1\n```\n")
        #expect(plan == nil)
        // Line 3 is "a1: &a1 [*a0, …]"; its first alias is at column 10.
        #expect(diagnostics == ["nb.md:3:10: error: YAML aliases ('*a0') are not allowed in the step body; write the value out instead"])
        #expect(clock.now - start < .seconds(2))
    }

    @Test func anAliasBombInTheFrontMatterIsRefusedAtItsFirstAlias() {
        let (plan, diagnostics) = check("---\ntitle: Bomb\nx:\n\(Self.aliasBomb(indent: "  "))\n---\n\n# Bomb\n")
        #expect(plan == nil)
        #expect(diagnostics == ["nb.md:5:12: error: YAML aliases ('*a0') are not allowed in the front matter; write the value out instead"])
    }

    @Test(arguments: [
        // An alias used as a mapping key, which Yams would hash recursively.
        ("```constant\nbase: &b [1, 2]\n? *b\n: 1\nvalue: 1\n```\n", "nb.md:3:3"),
        // A lone alias: the error points at it, not at its anchor.
        ("```constant\nx: &v 3\nvalue: *v\n```\n", "nb.md:3:8"),
        // An alias of an anchor that does not exist.
        ("```constant\nvalue: *nothing\n```\n", "nb.md:2:8"),
    ])
    func everyAliasIsRefusedWhereItIs(source: String, location: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix(location + ": error: YAML aliases") == true, "\(diagnostics)")
    }

    @Test func anchorsAloneAndAsterisksInTextAreFine() {
        let (plan, diagnostics) = check("```constant\nvalue: &v 3\ncaption: Ratings *per* user\nlabel: \"*quoted*\"\n```\n")
        #expect(diagnostics == [])
        #expect(plan != nil)
    }

    @Test(arguments: [
        // A tab before a key.
        ("```constant\nvalue: 1\n\tas: x\n```\n",
         "nb.md:3:1: error: invalid YAML in step body: a tab indents this line; YAML indents with spaces only"),
        // A tab after spaces, under a key.
        ("```constant\nvalue:\n  \t1\n```\n",
         "nb.md:3:3: error: invalid YAML in step body: a tab indents this line; YAML indents with spaces only"),
        // In the front matter.
        ("---\nparams:\n\tk: 1\n---\n",
         "nb.md:3:1: error: invalid YAML in front matter: a tab indents this line; YAML indents with spaces only"),
    ])
    func aTabUsedForIndentationIsNamed(source: String, expected: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan == nil)
        #expect(diagnostics == [expected])
    }

    @Test(arguments: [
        // Forgotten closing fence: the next block's closing fence closes this one.
        ("```constant\nvalue: 1\nas: one\n\nText.\n\n```show\nvalue: one\n```\n",
         "nb.md:1:1: error: this 'constant' block is not closed before the block that opens on line 7; end it with a ``` line"),
        // Forgotten closing fence at the end of the file.
        ("# T\n\n```constant\nvalue: 1\n",
         "nb.md:3:1: error: this 'constant' block is never closed: without a closing ``` line, everything after it is read as its parameters"),
        // A tilde fence is closed only by tildes.
        ("~~~constant\nvalue: 1\n```\n",
         "nb.md:1:1: error: this 'constant' block is never closed: without a closing ~~~ line, everything after it is read as its parameters"),
    ])
    func anUnclosedStepFenceIsBlamedOnItself(source: String, expected: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan == nil)
        #expect(diagnostics == [expected])
    }

    @Test func anUnclosedCodeBlockIsAWarning() {
        let (plan, diagnostics) = check("```constant\nvalue: 1\n```\n\n```python\nprint(1)\n")
        #expect(plan?.steps.count == 1)
        #expect(diagnostics == ["nb.md:5:1: warning: this 'python' block is never closed: without a closing ``` line, the rest of the file is shown as code"])
    }

    @Test(arguments: [("true", true), ("false", false)])
    func theFrontMatterMayTrustRawHTML(value: String, allows: Bool) {
        let (notebook, diagnostics) = NotebookLoader(registry: testRegistry).load(
            text: "---\nallow-raw-html: \(value)\n---\n\n# T\n", path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        #expect(diagnostics.isEmpty)
        #expect(notebook?.allowsRawHTML == allows)
    }

    @Test func rawHTMLIsUntrustedByDefaultAndTheKeyTakesABoolean() {
        #expect(NotebookLoader(registry: testRegistry).load(text: "# T\n", path: "nb.md").notebook?.allowsRawHTML == false)
        let (_, diagnostics) = check("---\nallow-raw-html: yes please\n---\n")
        #expect(diagnostics == ["nb.md:2:17: error: 'allow-raw-html' expects true or false, got 'yes please'"])
    }
}
