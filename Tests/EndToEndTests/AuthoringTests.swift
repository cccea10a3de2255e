import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `plan`, `test`, `clean`, `watch` and `--help-params`, through the built binary.
@Suite(.serialized) struct AuthoringTests {
    func tinyProject() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.writeTinyRelease()
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook)
        return scratch
    }

    @Test func planSaysWhatWouldRunWithoutRunningIt() throws {
        let scratch = try tinyProject()
        let cold = try RecbookBinary.run(["plan", "tiny.md"], in: scratch.url)
        #expect(cold.status == 0)
        #expect(cold.stdout.contains("[1] load → movies: table"))
        #expect(cold.stdout.contains("[3] split(ratings: ratings ←2) → split: split"))
        #expect(cold.stdout.contains("runs: not in the cache"))
        #expect(cold.stdout.contains("7 of 7 steps would run; 0 would be reused"))
        #expect(!scratch.exists("output/tiny.html"), "plan must not run anything")

        _ = try RecbookBinary.run(["run", "tiny.md", "--quiet"], in: scratch.url)
        let warm = try RecbookBinary.run(["plan", "tiny.md"], in: scratch.url)
        #expect(warm.stdout.contains("0 of 7 steps would run; 7 would be reused"))

        // Editing the SVD block: it and the steps after it run, the rest is reused.
        try scratch.write("tiny.md", CommandLineTests().tinyNotebook.replacingOccurrences(of: "k: 2", with: "k: 1"))
        let edited = try RecbookBinary.run(["plan", "tiny.md"], in: scratch.url)
        #expect(edited.stdout.contains("runs: parameter 'k' changed"))
        #expect(edited.stdout.contains("runs: its input 'svd' comes from step 6, which runs"))
        #expect(edited.stdout.contains("2 of 7 steps would run; 5 would be reused"))
    }

    @Test func testExitsNonZeroOnAFailedExpectation() throws {
        let scratch = try tinyProject()
        let passing = try RecbookBinary.run(["test", "tiny.md"], in: scratch.url)
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.hasPrefix("PASS tiny.md: 7 steps in"))

        try scratch.write("failing.md", CommandLineTests().tinyNotebook.replacingOccurrences(of: "expect: test == 4", with: "expect: test == 5"))
        let failing = try RecbookBinary.run(["test", "tiny.md", "failing.md"], in: scratch.url)
        #expect(failing.status != 0)
        #expect(failing.stdout.contains("PASS tiny.md"))
        #expect(failing.stdout.contains("FAIL failing.md"))
        #expect(failing.stdout.contains("step 3 (split): expected test == 5, but test = 4"))
    }

    @Test func cleanRemovesTheCache() throws {
        let scratch = try tinyProject()
        _ = try RecbookBinary.run(["run", "tiny.md", "--quiet"], in: scratch.url)
        #expect(scratch.exists(".recbook-cache/tiny/index.json"))
        #expect(try scratch.read(".recbook-cache/.gitignore").contains("*"))
        let clean = try RecbookBinary.run(["clean", "tiny.md"], in: scratch.url)
        #expect(clean.status == 0)
        #expect(!scratch.exists(".recbook-cache/tiny"))
        let rerun = try RecbookBinary.run(["run", "tiny.md", "--quiet"], in: scratch.url)
        #expect(rerun.stdout.contains("(ran: not in the cache)"))
    }

    @Test func helpParamsListsTypedParameters() throws {
        let scratch = try tinyProject()
        let result = try RecbookBinary.run(["run", "tiny.md", "--help-params"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("data  path, default: data"))
        #expect(result.stdout.contains("seed  int, default: 0"))
        #expect(!scratch.exists("output/tiny.html"))
    }

    @Test func watchServesTheReportAndReloadsOnSave() async throws {
        let scratch = try tinyProject()
        guard let executable = RecbookBinary.executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["watch", "tiny.md", "--port", "0", "--interval", "0.1"]
        process.currentDirectoryURL = scratch.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line names the URL.
        let firstLine = try await Self.readLine(from: output.fileHandleForReading)
        guard let range = firstLine.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) else {
            Issue.record("no URL in '\(firstLine)'")
            return
        }
        let base = URL(string: String(firstLine[range]))!
        let versionURL = base.appendingPathComponent("_recbook/version")
        // The version is sent as a line ("1\n"); compare the number alone, or the waits below
        // end at once and the test races the first run.
        func version() async throws -> String {
            String(decoding: try await URLSession.shared.data(from: versionURL).0, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func page() async throws -> String { String(decoding: try await URLSession.shared.data(from: base).0, as: UTF8.self) }

        var first = try await version()
        for _ in 0..<100 where first == "0" {
            try await Task.sleep(nanoseconds: 100_000_000)
            first = try await version()
        }
        let html = try await page()
        #expect(html.contains("Tiny &lt;walk-through&gt;"))
        #expect(html.contains("/_recbook/version"), "the page reloads itself")

        try scratch.write("tiny.md", CommandLineTests().tinyNotebook.replacingOccurrences(of: "title: Tiny", with: "title: Tiny, edited"))
        var second = first
        for _ in 0..<150 where second == first {
            try await Task.sleep(nanoseconds: 100_000_000)
            second = try await version()
        }
        #expect(second != first)
        let edited = try await page()
        #expect(edited.contains("Tiny, edited"))

        // An error shows in the page instead of the report.
        try scratch.write("tiny.md", "```load\ndat: x\n```\n")
        var third = second
        for _ in 0..<150 where third == second {
            try await Task.sleep(nanoseconds: 100_000_000)
            third = try await version()
        }
        let errorPage = try await page()
        #expect(errorPage.contains("tiny.md:2:1: error: unknown parameter 'dat' for step 'load'; did you mean 'data'?"))

        kill(process.processIdentifier, SIGINT)
        for _ in 0..<50 where process.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }

    /// The watch server under a slow client and a foreign Host, the way issue 12 probed it:
    /// a client that never finishes its request does not delay Ctrl-C, and a request for
    /// another host name (DNS rebinding) is refused.
    @Test func watchRefusesForeignHostsAndStopsPromptlyWithASlowClient() async throws {
        let scratch = try tinyProject()
        guard let executable = RecbookBinary.executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["watch", "tiny.md", "--port", "0"]
        process.currentDirectoryURL = scratch.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let firstLine = try await Self.readLine(from: output.fileHandleForReading)
        let port = try #require(firstLine.firstMatch(of: /127\.0\.0\.1:(\d+)\//)?.1)

        /// Bash sends the raw request, so nothing tidies it up on the way.
        func bash(_ script: String) throws -> Process {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/bash")
            shell.arguments = ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port); " + script]
            shell.standardOutput = Pipe()
            shell.standardError = FileHandle.nullDevice
            try shell.run()
            return shell
        }
        let foreign = try bash(#"printf 'GET / HTTP/1.1\r\nHost: rebound.example:\#(port)\r\n\r\n' >&3; cat <&3"#)
        foreign.waitUntilExit()
        let answer = String(decoding: (foreign.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        #expect(!answer.contains("<html"))

        // Half a request, then silence.
        let slow = try bash(#"printf 'GET / HTTP/1.1\r\nX-Slow: ' >&3; sleep 30"#)
        defer { slow.terminate() }
        try await Task.sleep(nanoseconds: 300_000_000)
        let clock = ContinuousClock()
        let start = clock.now
        kill(process.processIdentifier, SIGINT)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(!process.isRunning)
        #expect(clock.now - start < .seconds(2))
        #expect(process.terminationStatus == 0)
    }

    static func readLine(from handle: FileHandle) async throws -> String {
        var data = Data()
        for _ in 0..<600 {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
            if let text = String(data: data, encoding: .utf8), let newline = text.firstIndex(of: "\n") {
                return String(text[..<newline])
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
