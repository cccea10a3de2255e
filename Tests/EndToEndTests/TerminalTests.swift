import Foundation
import Testing

/// What `recbook run` writes to a terminal and to a pipe: step lines, progress, colour, width,
/// several report formats and peak memory. The tests run the binary with pipes, so standard
/// output and standard error are not terminals.
@Suite(.serialized) struct TerminalTests {
    /// Four steps, the last of which reports progress (users ranked).
    let notebook = """
    # Ranked

    ```load
    data: data
    table: ratings
    as: ratings
    ```

    ```split
    ratings: ratings
    method: leave-last
    as: split
    ```

    ```train
    model: popularity
    split: split
    as: popular
    ```

    ```evaluate
    model: popular
    ratings: split.test
    metrics: [recall]
    k: 2
    ```
    """

    func project() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("ranked.md", notebook)
        return scratch
    }

    @Test func offATerminalEachStepGetsOneLineAndProgressLinesAreLabelled() throws {
        let scratch = try project()
        let result = try RecbookBinary.run(
            ["run", "ranked.md", "--output", "out", "--quiet"], in: scratch.url,
            environment: ["RECBOOK_PROGRESS_INTERVAL": "0", "NO_COLOR": "", "TERM": "xterm-256color"]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let stepLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(stepLines.map { String($0.prefix(15)) } == ["[1/4] load     ", "[2/4] split    ", "[3/4] train    ", "[4/4] evaluate "])
        // Only user 4's held-out rating (4★) is relevant, so one user is ranked.
        let progress = result.stderr.split(separator: "\n").filter { $0.contains("users ranked") }
        #expect(progress.count == 1, "\(result.stderr)")
        #expect(progress.first?.hasPrefix("  In [4] evaluate · ") == true)
        #expect(progress.first?.hasSuffix(" · users ranked 1 of 1 (100%)") == true)
        // Nothing is redrawn in place and nothing is coloured.
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains("\r"))
            #expect(!text.contains("\u{1B}"))
        }
    }

    @Test func progressLinesWaitForTheIntervalOffATerminal() throws {
        let scratch = try project()
        let result = try RecbookBinary.run(["run", "ranked.md", "--output", "out", "--quiet"], in: scratch.url,
                                           environment: ["RECBOOK_PROGRESS_INTERVAL": "600"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("users ranked"))
    }

    @Test func colourOnlyWhenAskedForOffATerminal() throws {
        let scratch = try project()
        let plain = try RecbookBinary.run(["test", "ranked.md"], in: scratch.url, environment: ["NO_COLOR": ""])
        #expect(plain.stdout.hasPrefix("PASS ranked.md"), "\(plain.stdout)")
        #expect(!plain.stdout.contains("\u{1B}"))
        let forced = try RecbookBinary.run(["test", "ranked.md", "--color", "always"], in: scratch.url, environment: ["NO_COLOR": "1"])
        #expect(forced.stdout.hasPrefix("\u{1B}[32mPASS\u{1B}[0m ranked.md"), "\(forced.stdout)")
        let never = try RecbookBinary.run(["run", "ranked.md", "--output", "out", "--color", "never"], in: scratch.url)
        #expect(!never.stdout.contains("\u{1B}") && !never.stderr.contains("\u{1B}"))
        // The run before filled the cache: every step is reused now, and says so dimly.
        let reused = try RecbookBinary.run(["run", "ranked.md", "--output", "out", "--color", "always"], in: scratch.url)
        #expect(reused.stdout.contains("\u{1B}[2mreused (unchanged)\u{1B}[0m"), "\(reused.stdout)")
    }

    @Test func wideTablesLoseMiddleColumnsToFitColumns() throws {
        let scratch = try project()
        try scratch.write("movies.md", "```load\ndata: data\ntable: movies\nas: movies\n```\n")
        let narrow = try RecbookBinary.run(["run", "movies.md", "--output", "out", "--no-cache"], in: scratch.url, environment: ["COLUMNS": "40"])
        #expect(narrow.status == 0, "\(narrow.stderr)")
        let header = narrow.stdout.split(separator: "\n").first { $0.contains("movieId") }
        #expect(header == "   movieId  ...  genres", "\(narrow.stdout)")
        #expect(narrow.stdout.contains("\n5 rows × 3 columns\n"), "the shape says what was left out")
        let wide = try RecbookBinary.run(["run", "movies.md", "--output", "out", "--no-cache"], in: scratch.url, environment: ["COLUMNS": "200"])
        #expect(wide.stdout.split(separator: "\n").contains { $0.hasPrefix("   movieId  title") }, "\(wide.stdout)")
    }

    @Test func repeatedFormatsAreEachWritten() throws {
        let scratch = try project()
        let result = try RecbookBinary.run(
            ["run", "ranked.md", "--output", "out", "--quiet", "--format", "html", "--format", "md", "--format", "json", "--format", "md"],
            in: scratch.url
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(scratch.exists("out/ranked.html") && scratch.exists("out/ranked.md") && scratch.exists("out/ranked.json"))
        #expect(result.stdout.contains("; reports: "))
        let steps = try RecbookBinary.run(["steps", "--format", "json", "--format", "markdown"], in: scratch.url)
        #expect(steps.status != 0)
        #expect(steps.stderr.contains("--format was given 2 different formats (json, markdown)"), "\(steps.stderr)")
    }

    @Test func peakMemoryIsInTheSummaryAndTheReport() throws {
        let scratch = try project()
        let result = try RecbookBinary.run(["run", "ranked.md", "--output", "out", "--quiet", "--format", "json"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(", peak memory "), "\(result.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try scratch.read("out/ranked.json").utf8)) as? [String: Any]
        let peak = try #require(json?["peakMemoryBytes"] as? Int)
        // The process holds at least its own code and the Swift runtime: over 4 MB, under 64 GB.
        #expect(peak > 4 << 20 && peak < 64 << 30)
        let timeless = try RecbookBinary.run(["run", "ranked.md", "--output", "bare", "--quiet", "--format", "json", "--no-timings"], in: scratch.url)
        #expect(timeless.status == 0)
        #expect(!(try scratch.read("bare/ranked.json")).contains("peakMemoryBytes"))
    }
}
