import Foundation
import Testing

@Suite struct ReadmeTests {
    /// The README's step reference is generated from the registry; it must not drift.
    @Test func stepReferenceIsCurrent() throws {
        let readme = try String(contentsOf: RecbookBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let generated = try RecbookBinary.run(["steps", "--format", "markdown"])
        #expect(generated.status == 0)
        guard let start = readme.range(of: "<!-- BEGIN STEP REFERENCE"),
              let end = readme.range(of: "<!-- END STEP REFERENCE") else {
            Issue.record("README.md has no step reference markers")
            return
        }
        let section = readme[start.upperBound..<end.lowerBound]
        let normalise = { (text: Substring) in text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let written = normalise(section.drop { $0 != "\n" })
        let current = normalise(Substring(generated.stdout))
        if written != current {
            let index = zip(written, current).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, current.count)
            let was = index < written.count ? written[index] : "(end)"
            let now = index < current.count ? current[index] : "(end)"
            Issue.record("README.md's step reference is stale (run `make readme`); first difference:\n  README:    \(was)\n  generated: \(now)")
        }
    }
}

/// The README's "Writing your own notebook" example runs as printed, and `check` reports the
/// slips the README shows exactly as it shows them.
@Suite struct ReadmeExampleTests {
    static let salesCSV = """
    day,store,amount,open
    2026-03-02,Leeds,1200.50,true
    2026-03-02,York,830.00,true
    2026-03-03,Leeds,990.25,true
    2026-03-03,York,,false
    2026-03-04,Leeds,1410.00,true
    2026-03-04,York,1105.75,true

    """

    /// The block between `this notebook, \`sales.md\`` and the next `~~~~` fence, without the fences.
    static func exampleNotebook() throws -> String {
        let readme = try String(contentsOf: RecbookBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "this notebook, `sales.md`"))
        let open = try #require(readme.range(of: "~~~~markdown\n", range: start.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n~~~~\n", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound]) + "\n"
    }

    @Test func theExampleRunsAsPrinted() throws {
        let scratch = try Scratch()
        try scratch.write("sales.csv", Self.salesCSV)
        try scratch.write("sales.md", try Self.exampleNotebook())
        let run = try RecbookBinary.run(["run", "sales.md", "--quiet"], in: scratch.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // Leeds traded 3 days: (1200.50 + 990.25 + 1410.00) / 3; York 2 (its closed day is filtered out).
        #expect(try scratch.read("output/by_store.csv") == "store,days,mean_takings\nLeeds,3,1200.25\nYork,2,967.875\n")
        #expect(try scratch.read("output/sales.html").contains(#"<span class="inline-value">1,200.25</span> a day"#))
    }

    @Test func checkReportsTheSlipsTheReadmeShows() throws {
        let scratch = try Scratch()
        try scratch.write("sales.csv", Self.salesCSV)
        let slipped = try Self.exampleNotebook()
            .replacingOccurrences(of: "mean(amount)", with: "mean(amont)")
            .replacingOccurrences(of: "FROM trading", with: "FROM tradng")
            + "```groupby\ntable: trading\nby: store\nas: x\n```\n"
        try scratch.write("sales.md", slipped)
        let check = try RecbookBinary.run(["check", "sales.md"], in: scratch.url)
        #expect(check.status != 0)
        let readme = try String(contentsOf: RecbookBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for line in ["sales.md:32:22: error: no column 'amont'; did you mean 'amount'?",
                     "sales.md:50:8: error: no such table: tradng; did you mean 'trading'?",
                     "sales.md:58:4: warning: unknown step 'groupby'; did you mean 'group'? — shown as code"] {
            #expect((check.stdout + check.stderr).contains(line), "check no longer prints: \(line)")
            #expect(readme.contains(line), "the README no longer shows: \(line)")
        }
    }
}
