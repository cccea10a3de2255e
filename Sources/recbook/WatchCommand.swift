import ArgumentParser
import Foundation
import NotebookCore
import PreviewServer
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

    @Flag(name: .customLong("allow-raw-html"), help: "Trust the notebook: put its raw HTML into the report as written instead of reducing it to harmless HTML (as front matter 'allow-raw-html: true' does).")
    var allowRawHTML = false

    func run() async throws {
        Terminal.configure(color: options.colorOption.color)
        try NotebookRunner.checkOutputDirectory(output)
        let page = ServedPage()
        let server: LoopbackHTTPServer
        do {
            server = try LoopbackHTTPServer(configuration: .init(port: port)) { request in Self.respond(to: request, page: page) }
        } catch {
            Terminal.error("recbook: error: \(error)")
            throw ExitCode.failure
        }
        server.start()
        Terminal.line("Serving \(options.notebook) at http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)")

        let stop = StopSignal()
        var watched: [String: Date] = [:]
        var first = true
        while !stop.isRaised {
            let changed = first || watched.contains { path, date in Self.modificationDate(path) != date }
            if changed {
                first = false
                if !watched.isEmpty { Terminal.line("\nChange detected; running \(options.notebook) again") }
                let (html, files) = render()
                page.publish(html)
                watched = Dictionary(uniqueKeysWithValues: ([options.notebook] + files).map { ($0, Self.modificationDate($0)) })
            }
            try? await Task.sleep(nanoseconds: UInt64(max(0.05, interval) * 1e9))
        }
        server.stop(timeout: 1)
        Terminal.line("Stopped watching \(options.notebook).")
    }

    /// The page at `/`, its version number at `/_recbook/version` (the page polls it to reload).
    static func respond(to request: HTTPRequestHead, page: ServedPage) -> HTTPResponse {
        let (html, version) = page.current
        switch request.path {
        case "/":
            return HTTPResponse(status: 200, fields: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                                body: Array(html.utf8))
        case "/_recbook/version":
            return .text(200, String(version))
        default:
            return .text(404, "Not found; the report is at /.")
        }
    }

    /// Checks and runs the notebook once; returns the page to serve and the files to watch.
    private func render() -> (page: String, files: [String]) {
        let diagnostics = DiagnosticCapture()
        guard let plan = try? NotebookSession.check(path: options.notebook, parameters: options.parameters, diagnosticsSink: diagnostics.append) else {
            return (DiagnosticsPage.render(path: options.notebook, diagnostics: diagnostics.lines, scripts: .liveOnly), [])
        }
        let display = RunDisplay(quiet: true, total: plan.steps.count)
        defer { display.stop() }
        var result = NotebookRunner.run(plan, settings: .init(keepGoing: true), output: output, onEvent: display.handle)
        result.allowsRawHTML = result.allowsRawHTML || allowRawHTML
        let html = HTMLReportRenderer(scripts: .liveReport).render(result)
        if let destination = try? NotebookRunner.write(result, to: output, name: plan.notebook.name, source: plan.notebook.source) {
            display.summary(result, reports: [destination.path])
        }
        return (html, result.provenance.files.map(\.path))
    }

    static func modificationDate(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }
}

/// The page being served and a number that changes with it, shared by the server's threads.
final class ServedPage: @unchecked Sendable {
    private let lock = NSLock()
    private var page = "<!DOCTYPE html><html><body><p>Running…</p></body></html>"
    private var version = 0

    var current: (page: String, version: Int) { lock.withLock { (page, version) } }

    func publish(_ page: String) {
        lock.withLock {
            self.page = page
            version += 1
        }
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
