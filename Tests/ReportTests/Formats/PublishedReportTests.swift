import Foundation
import NotebookCore
import NotebookMarkdown
import Testing
@testable import Report

/// What a published report says about the run itself: nothing about the cache unless asked
/// (`--show-cache`), and every step as if it ran, with the time it took when it was computed.
@Suite struct PublishedReportTests {
    private static let cacheWords = ["Reused from the cache", "Not reused", "↺", "computed in", "not in the cache", "parameter 'k' changed", "same parameters, inputs"]

    private func rendered(_ format: ReportFormat, showsCacheDetails: Bool) throws -> String {
        var run = try FormatFixtures.run(includesTimings: true)
        run.showsCacheDetails = showsCacheDetails
        let document = format.render(run, name: FormatFixtures.name, source: FormatFixtures.source)
        return String(decoding: document.main.contents, as: UTF8.self)
    }

    @Test(arguments: [ReportFormat.html, .markdown, .ipynb, .json])
    func leavesTheCacheOutByDefault(_ format: ReportFormat) throws {
        let text = try rendered(format, showsCacheDetails: false)
        for word in Self.cacheWords {
            #expect(!text.contains(word), "\(format): '\(word)' in the published report")
        }
    }

    @Test(arguments: [ReportFormat.html, .markdown, .ipynb])
    func showsTheCacheWhenAsked(_ format: ReportFormat) throws {
        let text = try rendered(format, showsCacheDetails: true)
        #expect(text.contains("Reused from the cache"), "\(format)")
        #expect(text.contains("Not reused"), "\(format)")
    }

    @Test func aReusedStepReadsAsRunWithItsOwnTime() throws {
        // The fixture's histogram step was reused; it was computed in 1.5 s.
        let markdown = try rendered(.markdown, showsCacheDetails: false)
        #expect(markdown.contains("`histogram` · ✓ succeeded · 1.50 s\n"))
        #expect(!markdown.contains("computed in"))
        let published = try FormatFixtures.run(includesTimings: true).published()
        let statuses = published.stepResults.map(\.status)
        #expect(statuses.first == .succeeded)
        #expect(statuses[1] == .succeeded)
        #expect(published.stepResults.allSatisfy { $0.cacheNote == nil })
        // The whole run's time is the steps' (0.8 + 1.5 + 2.25 + 0 s), not a cached run's wall time.
        #expect(abs(published.duration - 4.55) < 1e-9)
    }

    @Test func theIpynbExportCountsAReusedStepAsExecuted() throws {
        let notebook = try JSONSerialization.jsonObject(with: Data(try rendered(.ipynb, showsCacheDetails: false).utf8)) as? [String: Any]
        let cells = try #require(notebook?["cells"] as? [[String: Any]])
        let histogram = try #require(cells.first { (($0["metadata"] as? [String: Any])?["recbook"] as? [String: Any])?["step"] as? String == "histogram" })
        #expect(histogram["execution_count"] as? Int == 2)
        let metadata = try #require((histogram["metadata"] as? [String: Any])?["recbook"] as? [String: Any])
        #expect(metadata["status"] as? String == "succeeded")
        #expect(metadata["duration"] as? Double == 1.5)
    }
}
