import Foundation
import Testing

@Suite(.serialized) struct CommandLineTests {
    var tinyNotebook: String { """
    ---
    title: Tiny <walk-through>
    params:
      data:
        type: path
        default: data
    ---
    # Tiny

    ```load
    data: ${data}
    table: movies
    as: movies
    ```

    ```load
    data: ${data}
    table: ratings
    as: ratings
    ```

    ```split
    ratings: ratings
    method: leave-last
    as: split
    expect: test == 4
    ```

    ```pivot
    ratings: split.train
    as: matrix
    ```

    ```center
    matrix: matrix
    as: centered
    ```

    ```svd
    matrix: centered
    k: 2
    as: svd
    ```

    ```recommend
    model: svd
    user: 1
    n: 2
    movies: movies
    ratings: ratings
    ```
    """ }

    @Test func checkPrintsEveryProblemAsFileLineColumn() throws {
        let scratch = try Scratch()
        try scratch.write("bad.md", """
        ```load
        dta: x
        table: movie
        as: movies
        ```

        ```pivto
        ratings: ratings
        ```

        ```show
        table: movis
        ```
        """)
        let result = try RecbookBinary.run(["check", "bad.md"], in: scratch.url)
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("bad.md:") }
        #expect(lines == [
            "bad.md:2:1: error: unknown parameter 'dta' for step 'load'; did you mean 'data'?",
            "bad.md:3:8: error: parameter 'table' expects one of 'movies', 'ratings', 'tags', got 'movie'; did you mean 'movies'?",
            "bad.md:7:4: warning: unknown step 'pivto'; did you mean 'pivot'? — shown as code",
            "bad.md:12:8: error: 'movis' is not bound by an earlier step; did you mean 'movies'?",
        ])
        #expect(result.stderr.contains("3 errors in bad.md; nothing was run"))
    }

    @Test func aBlockThatLooksLikeAStepIsAWarningAndAnErrorUnderStrict() throws {
        let scratch = try Scratch()
        try scratch.write("nb.md", "# Genres\n\n```plots\nby: genre\nas: genre_means\n```\n\n```python\nx: 1\n```\n")
        let relaxed = try RecbookBinary.run(["check", "nb.md"], in: scratch.url)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(relaxed.stderr.hasPrefix("nb.md:3:4: warning: unknown step 'plots'; did you mean 'plot'? — shown as code"))
        #expect(relaxed.stdout.contains("nb.md: 0 steps, no errors, 1 warning"))
        let strict = try RecbookBinary.run(["check", "nb.md", "--strict"], in: scratch.url)
        #expect(strict.status != 0)
        #expect(strict.stderr.hasPrefix("nb.md:3:4: error: unknown step 'plots'; did you mean 'plot'? — shown as code"))
        #expect(strict.stderr.contains("1 error in nb.md; nothing was run"))
    }

    @Test func runWritesAnEscapedSelfContainedReport() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", tinyNotebook)
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[7/7] recommend"))
        let html = try scratch.read("out/tiny.html")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("Tiny &lt;walk-through&gt;"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        // Nothing but the report is left in the output folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path) == ["tiny.html"])
    }

    @Test func aFailingStepStopsTheRunButTheReportShowsIt() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", tinyNotebook)
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out", "--param", "data=missing"], in: scratch.url)
        #expect(result.status != 0)
        // A path given on the command line is taken from the working directory.
        let missing = scratch.url.appendingPathComponent("missing").standardizedFileURL.path
        let message = "dataset directory '\(missing)' does not exist; download a MovieLens release with 'recbook fetch ml-latest-small' and pass --param data=<dir>"
        #expect(result.stderr.contains("error: step 1 (load): " + message), "\(result.stderr)")
        let html = try scratch.read("out/tiny.html")
        #expect(html.contains("recbook fetch"))
        #expect(html.contains("the run stopped at step 1"))
    }

    @Test func keepGoingRunsIndependentSteps() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("nb.md", """
        ```load
        data: data
        table: movies
        as: movies
        ```

        ```load
        data: nowhere
        table: ratings
        as: ratings
        ```

        ```show
        table: ratings
        ```

        ```show
        table: movies
        ```
        """)
        let result = try RecbookBinary.run(["run", "nb.md", "--output", "out", "--keep-going", "--quiet"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stdout.contains("[3/4] show         not run: depends on 'ratings' from step 2, which failed"))
        #expect(result.stdout.contains("[4/4] show"))
        #expect(!result.stdout.contains("[4/4] show         not run"))
    }

    @Test func unknownParametersAreErrorsWithSuggestions() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", tinyNotebook)
        let result = try RecbookBinary.run(["run", "tiny.md", "--param", "dat=x"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("recbook: error: unknown parameter 'dat' for notebook 'tiny.md'; did you mean 'data'?"))
        #expect(!scratch.exists("output/tiny.html"))
    }

    @Test func stepsListsTheRegistry() throws {
        let result = try RecbookBinary.run(["steps"])
        #expect(result.status == 0)
        for name in ["load", "split", "pivot", "svd", "recommend", "evaluate"] {
            #expect(result.stdout.contains("\n\(name)"), "missing \(name)")
        }
        let svd = try RecbookBinary.run(["steps", "svd"])
        #expect(svd.stdout.contains("    k       integer in [1, 1024]; default: 50\n"))
        #expect(svd.stdout.contains("```svd"))
    }
}

@Suite(.serialized) struct ReportFormatTests {
    @Test(arguments: ["html", "md", "ipynb", "json"])
    func reportsAreByteIdenticalWithoutTimings(format: String) throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        let first = try RecbookBinary.run(["run", "tiny.md", "--output", "a", "--no-timings", "--format", format, "--quiet"], in: scratch.url)
        // The second run reuses every step from the cache; the report must not show it.
        let second = try RecbookBinary.run(["run", "tiny.md", "--output", "b", "--no-timings", "--format", format, "--quiet"], in: scratch.url)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(second.stdout.contains("reused"))
        let a = try Data(contentsOf: scratch.url.appendingPathComponent("a/tiny.\(format)"))
        let b = try Data(contentsOf: scratch.url.appendingPathComponent("b/tiny.\(format)"))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test(arguments: ["html", "md", "ipynb"])
    func aReportRenderedFromTheCacheReadsAsARunUnlessAskedToShowIt(format: String) throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        let first = try RecbookBinary.run(["run", "tiny.md", "--output", "a", "--format", format, "--quiet"], in: scratch.url)
        let second = try RecbookBinary.run(["run", "tiny.md", "--output", "b", "--format", format, "--quiet"], in: scratch.url)
        let shown = try RecbookBinary.run(["run", "tiny.md", "--output", "c", "--format", format, "--quiet", "--show-cache"], in: scratch.url)
        #expect(first.status == 0 && second.status == 0 && shown.status == 0, "\(first.stderr)\(second.stderr)\(shown.stderr)")
        // The terminal says what the cache did…
        #expect(first.stdout.contains("not in the cache") && second.stdout.contains("reused"))
        // …the published reports do not, fresh or reused, and they keep each step's time.
        for folder in ["a", "b"] {
            let report = try scratch.read("\(folder)/tiny.\(format)")
            for word in ["Reused from the cache", "Not reused", "not in the cache", "↺", "computed in", " reused"] {
                #expect(!report.contains(word), "\(folder)/tiny.\(format) says '\(word)'")
            }
            let timed = format == "ipynb" ? report.contains("\"duration\":") : report.contains(/[0-9] ms|[0-9]\.[0-9]{2} s/)
            #expect(timed, "no step times in \(folder)/tiny.\(format)")
        }
        let withCache = try scratch.read("c/tiny.\(format)")
        #expect(withCache.contains("Reused from the cache"), "--show-cache: \(format)")
    }

    @Test func markdownWritesItsFiguresBesideIt() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out", "--format", "md", "--quiet"], in: scratch.url)
        #expect(result.status == 0)
        let markdown = try scratch.read("out/tiny.md")
        // Figures are named by their content: figure-1-<12 hex digits>.svg.
        let link = try #require(markdown.firstMatch(of: /\]\((tiny_files\/figure-1-[0-9a-f]{12}\.svg)\)/)?.1)
        let svg = try scratch.read("out/" + link)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func markdownNeverWritesThroughALinkedFigureFolder() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.url.appendingPathComponent("out/tiny_files").path,
            withDestinationPath: scratch.url.appendingPathComponent("elsewhere").path)
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out", "--format", "md", "--quiet"], in: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr == "recbook: error: could not write the report: out/tiny_files: it is a symbolic link, which recbook does not write through (remove the link)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("elsewhere").path).isEmpty)
    }

    @Test func anOutputThatIsAFileIsOneLineBeforeAnythingRuns() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        try scratch.write("report", "not a folder")
        for command in [["run", "tiny.md"], ["test", "tiny.md"]] {
            let result = try RecbookBinary.run(command + ["--output", "report", "--quiet"], in: scratch.url)
            #expect(result.status != 0)
            #expect(result.stderr == "recbook: error: --output 'report' is a file, not a directory\n")
            #expect(result.stdout.isEmpty)
        }
        #expect(!scratch.exists(".recbook-cache"), "nothing ran")
    }

    @Test func temporariesOfAKilledRunAreRemovedByTheNextRun() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let stale = ".tiny.html.\(finished.processIdentifier).3141.tmp"
        try scratch.write("out/" + stale, "<html>half a report")
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out", "--quiet"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out").path) == ["tiny.html"])
    }

    @Test func rawHTMLIsSanitizedUnlessTheNotebookIsTrusted() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        let payload = "<img src=x onerror=\"document.title='pwned'\"> <kbd>K</kbd>"
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook.replacingOccurrences(of: "# Tiny", with: "# Tiny\n\n" + payload))
        _ = try RecbookBinary.run(["run", "tiny.md", "--output", "safe", "--quiet"], in: scratch.url)
        let safe = try scratch.read("safe/tiny.html")
        #expect(safe.contains("<p><img src=\"x\" /> <kbd>K</kbd></p>"))
        #expect(!safe.contains("onerror"))
        _ = try RecbookBinary.run(["run", "tiny.md", "--output", "trusted", "--quiet", "--allow-raw-html"], in: scratch.url)
        #expect(try scratch.read("trusted/tiny.html").contains("<p>" + payload + "</p>"))
    }

    @Test func ipynbIsANotebookWithExecutionCounts() throws {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        let result = try RecbookBinary.run(["run", "tiny.md", "--output", "out", "--format", "ipynb", "--quiet"], in: scratch.url)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("out/tiny.ipynb"))) as? [String: Any]
        #expect(object?["nbformat"] as? Int == 4)
        let cells = object?["cells"] as? [[String: Any]] ?? []
        let counts = cells.filter { $0["cell_type"] as? String == "code" }.compactMap { $0["execution_count"] as? Int }
        #expect(counts == Array(1...7))
    }
}
