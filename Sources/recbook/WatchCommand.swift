import ArgumentParser
import FlyingFox
import Foundation
import NotebookCore
import RecbookSupport
import Report

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run a notebook whenever it or its data change, and serve the report with live reload.",
        discussion: """
        Runs the notebook (reusing unchanged steps from the cache), serves the report on \
        http://127.0.0.1:PORT/, and watches the notebook and every data file it read. On a \
        change it re-runs what changed and the open page reloads itself. A notebook with errors \
        shows them in the page until it is fixed. Stop with Ctrl-C.
        """
    )

    @OptionGroup var options: NotebookOptions

    @Option(help: "The loopback port to serve on; 0 picks a free one.")
    var port: UInt16 = 8000

    @Option(name: .shortAndLong, help: "Also write each new report into this directory, with the files 'save' steps write.")
    var output: String = "output"

    @Option(help: "Seconds between checks for changed files.")
    var interval: Double = 0.5

    func run() async throws {
        let state = WatchState()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
        await server.appendRoute("GET /_recbook/version") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: Data(String(await state.version).utf8))
        }
        await server.appendRoute("GET /") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: Data(await state.page.utf8))
        }
        let serverTask = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, actualPort)? = await server.listeningAddress else {
            throw ValidationError("could not listen on 127.0.0.1:\(port)")
        }
        Terminal.line("Serving \(options.notebook) at http://127.0.0.1:\(actualPort)/ (Ctrl-C to stop)")

        let stop = StopSignal()
        var watched: [String: Date] = [:]
        var first = true
        while !stop.isRaised {
            let changed = first || watched.contains { path, date in Self.modificationDate(path) != date }
            if changed {
                first = false
                if !watched.isEmpty { Terminal.line("\nChange detected; running \(options.notebook) again") }
                let (page, files) = render()
                await state.publish(page)
                watched = Dictionary(uniqueKeysWithValues: ([options.notebook] + files).map { ($0, Self.modificationDate($0)) })
            }
            try? await Task.sleep(nanoseconds: UInt64(max(0.05, interval) * 1e9))
        }
        await server.stop(timeout: 1)
        serverTask.cancel()
        Terminal.line("Stopped watching \(options.notebook).")
    }

    /// Checks and runs the notebook once; returns the page to serve and the files to watch.
    private func render() -> (page: String, files: [String]) {
        let diagnostics = DiagnosticCapture()
        guard let plan = try? NotebookSession.check(path: options.notebook, parameters: options.parameters, diagnosticsSink: diagnostics.append) else {
            return (Self.errorPage(options.notebook, diagnostics.lines), [])
        }
        let printer = ProgressPrinter(quiet: true, total: plan.steps.count)
        let result = NotebookRunner.run(plan, settings: .init(keepGoing: true), output: output, onEvent: printer.handle)
        let html = HTMLReportRenderer().render(result)
        if let destination = try? NotebookRunner.write(result, to: output, name: plan.notebook.name, source: plan.notebook.source) {
            printer.summary(result, report: destination.path)
        }
        return (Self.withLiveReload(html), result.provenance.files.map(\.path))
    }

    static func modificationDate(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }

    /// The page reloads itself when the server's version number moves on.
    static let reloadScript = """
    <script>(function(){var v=null;setInterval(function(){fetch('/_recbook/version',{cache:'no-store'})\
    .then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})\
    .catch(function(){})},1000)})();</script>
    """

    static func withLiveReload(_ html: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + reloadScript }
        return html.replacingCharacters(in: end, with: reloadScript + "</body>")
    }

    static func errorPage(_ path: String, _ lines: [String]) -> String {
        let body = lines.map(HTMLEscaping.text).joined(separator: "\n")
        return withLiveReload("""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(HTMLEscaping.text(path)): errors</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
        pre{background:#fff3f3;border-left:4px solid #c62828;padding:1rem;white-space:pre-wrap}</style></head>
        <body><h1>\(HTMLEscaping.text(path)) has errors</h1><p>Nothing was run. Fix the notebook and save it; this page reloads.</p>
        <pre>\(body)</pre></body></html>
        """)
    }
}

/// The page being served and a counter that changes with it.
actor WatchState {
    private(set) var page = "<!DOCTYPE html><html><body><p>Running…</p></body></html>"
    private(set) var version = 0

    func publish(_ page: String) {
        self.page = page
        version += 1
    }
}

/// Collects diagnostics for the error page.
final class DiagnosticCapture: @unchecked Sendable {
    private(set) var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
}

/// Ctrl-C (SIGINT) and SIGTERM stop the watch loop cleanly instead of killing the process.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    private func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
