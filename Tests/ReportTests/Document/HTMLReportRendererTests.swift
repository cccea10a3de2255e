import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NotebookCore
import Testing
@testable import Report

@Suite struct HTMLReportRendererTests {
    private let html = ReportFixtures.renderer.render(ReportFixtures.run())

    /// The report is written so that it is also well-formed XML, which lets these tests query it.
    private func tree() throws -> XMLTree {
        try XMLTree(html)
    }

    @Test func isOneWellFormedDocumentWithTheTitleOnce() throws {
        let tree = try tree()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(try tree.strings("/html/head/title") == [ReportFixtures.title])
        #expect(try tree.strings("//meta/@charset") == ["utf-8"])
        // The opening level-1 heading repeats the title: it becomes the page's <h1>, with its
        // formatting, and is not shown a second time.
        #expect(try tree.strings("//h1") == [ReportFixtures.title])
        #expect(try tree.nodes("//header/h1/em/strong").count == 1)
    }

    @Test func tableOfContentsLinksEveryHeadingWithStableDeduplicatedIDs() throws {
        let tree = try tree()
        #expect(try tree.strings("//main//h2/@id") == ["datasets-preprocessing", "datasets-preprocessing-1"])
        #expect(try tree.strings("//main//h3/@id") == ["svd-friends"])
        let links = try tree.strings("//nav[@id='contents']//a/@href")
        #expect(links == ["#datasets-preprocessing", "#datasets-preprocessing-1", "#svd-friends"])
        #expect(try tree.strings("//nav[@id='contents']//a") == [
            "Datasets Preprocessing", "Datasets Preprocessing", "SVD & <friends>",
        ])
        // The level-3 heading nests under the second level-2 heading.
        #expect(try tree.strings("//nav//ol/li[2]/ol/li/a") == ["SVD & <friends>"])
        // Every TOC target exists.
        for link in links {
            #expect(try tree.nodes("//*[@id='\(link.dropFirst())']").count == 1)
        }
    }

    @Test func idsAreUniqueAcrossTheDocument() throws {
        let ids = try tree().strings("//@id")
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids)")
    }

    @Test func figuresAndTablesAreNumberedAndReferencesLinked() throws {
        let tree = try tree()
        #expect(try tree.strings("//figure[@id='tbl-ratings']/figcaption") == ["Table 1. The first and last ratings"])
        #expect(try tree.strings("//figure[@id='fig-hist']/figcaption") == ["Figure 1. How often each rating is given"])
        #expect(try tree.nodes("//figure[@id='fig-hist']/div[@class='chart-scroll']/*[local-name()='svg']").count == 1)

        let references = try tree.nodes("//a[@class='xref']").compactMap { $0 as? XMLElement }
        #expect(references.map { $0.stringValue ?? "" } == ["Table 1", "Figure 1", "Table 1", "Table 1"])
        #expect(references.map { $0.attributeValue("href") ?? "" } == ["#tbl-ratings", "#fig-hist", "#tbl-ratings", "#tbl-ratings"])
        // An unknown label stays visible and is marked; e-mail addresses and code are left alone.
        #expect(try tree.strings("//span[@class='xref-missing']") == ["@fig-missing"])
        #expect(html.contains("me@fig-x.org"))
        #expect(try tree.strings("//main//p/code") == ["@fig-hist"])
        #expect(ReportFixtures.renderer.renderReport(ReportFixtures.run()).unresolvedReferences == ["@fig-missing"])
    }

    @Test func stepCellsShowPromptCollapsibleSourceValueAndExpectations() throws {
        let tree = try tree()
        let step = "//section[@id='step-1']"
        #expect(try tree.strings("\(step)/div[@class='prompt']") == ["In [1]:"])
        let details = try #require(try tree.nodes("\(step)//details[@class='source']").first as? XMLElement)
        #expect(details.attributeValue("open") != nil, "sources are open by default")
        #expect(try tree.strings("\(step)//details/summary/span[@class='step-name']") == ["load"])
        #expect(try tree.strings("\(step)//details/pre/code") == ["{load} as: ratings\npath: ratings.csv\n"])
        #expect(try tree.strings("\(step)//p[@class='value-summary']") == ["→ ratings: table 100836 × 4"])
        #expect(try tree.strings("\(step)//ul[@class='expectations']/li[@class='passed']")
                == ["✓ rows == 100836 (rows = 100836)"])
        #expect(try tree.strings("//section[@id='step-3']//ul[@class='expectations']/li[@class='failed']")
                == ["✗ rmse < 0.97 (rmse = 1.2)"])
    }

    @Test func failedStepShowsItsErrorInABoxAndNothingFromTheMessageRuns() throws {
        let tree = try tree()
        let box = "//section[@id='step-3']//div[@class='error-box']"
        #expect(try tree.strings("\(box)/@role") == ["alert"])
        #expect(try tree.strings("\(box)/pre") == [ReportFixtures.errorMessage])
        #expect(try tree.strings("//section[@id='step-3']/@class") == ["cell step failed"])
        // The one script is the report's own print helper.
        #expect(try tree.nodes("//script").count == 1)
        #expect(!html.contains("<script>alert"))
        // The header says the run failed and links to the step.
        #expect(try tree.strings("//header/p[@class='run-failed']//a/@href") == ["#step-3"])
    }

    @Test func reusedAndNotRunStepsAreMarked() throws {
        let tree = try tree()
        #expect(try tree.strings("//section[@id='step-2']//p[contains(@class, 'reused')]")
                == ["Reused from the cache: inputs unchanged since the last run"])
        #expect(try tree.strings("//section[@id='step-4']/@class") == ["cell step not-run"])
        #expect(try tree.strings("//section[@id='step-4']//p[contains(@class, 'not-run')]")
                == ["Not run: step 3 (svd) failed"])
        #expect(try tree.strings("//section[@id='step-4']//span[contains(@class, 'badge')]") == ["– not run"])
    }

    @Test func outputsAppearInOrderAndNotesAreRenderedAndLinked() throws {
        let tree = try tree()
        let outputs = try tree.nodes("//section[@id='step-2']//div[@class='outputs']/*").compactMap { $0 as? XMLElement }
        #expect(outputs.map(\.name) == ["pre", "figure", "aside"])
        #expect(outputs[0].stringValue == "Minimum rating: 0.5\nMaximum rating: 5.0\n")
        #expect(outputs[2].attributeValue("class") == "note warning")
        #expect(try tree.strings("//aside//a[@class='xref']") == ["Table 1"])
    }

    @Test func codeCellsAreShownWithTheirLanguage() throws {
        let tree = try tree()
        #expect(try tree.strings("//div[@class='code-cell']/span[@class='code-label']") == ["python"])
        #expect(try tree.strings("//div[@class='code-cell']/pre/code") == ["ratings = pd.read_csv(\"ratings.csv\")\n"])
    }

    @Test func footerRecordsProvenance() throws {
        let tree = try tree()
        let footer = "//footer[@id='provenance']"
        #expect(try tree.strings("\(footer)/dl/dd") == ["0.1.0", "notebooks/movie-recommender.md", "42", "1 min 03 s"])
        #expect(try tree.strings("\(footer)/table[1]/tbody/tr/td") == ["k", "50", "data", "data/<ml>.csv"])
        #expect(try tree.strings("\(footer)/table[2]/tbody/tr/td")
                == ["data/ml-latest-small/ratings.csv", ReportFixtures.digest])
    }

    @Test func referencesNoExternalResources() throws {
        let tree = try tree()
        #expect(try tree.nodes("//link | //img | //iframe | //object | //embed").isEmpty)
        #expect(try tree.nodes("//*[@src]").isEmpty)
        #expect(try tree.strings("//*[local-name()!='svg']/@href").allSatisfy { $0.hasPrefix("#") })
        for forbidden in ["http://", "https://", "@import", "url("] {
            let outsideNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!outsideNamespaces.contains(forbidden), "found \(forbidden)")
        }
    }

    @Test func stylesheetHasThemesPrintRulesAndChartColours() {
        for rule in ["prefers-color-scheme: dark", "@media print", "break-inside: avoid", ".rb-chart .s0",
                     "overflow-x: auto", "var(--mono)"] {
            #expect(html.contains(rule), "missing \(rule)")
        }
    }

    @Test func timingsAppearOnlyWhenIncluded() throws {
        let timed = try XMLTree(html)
        // The step that did not run shows no time.
        #expect(try timed.strings("//span[@class='timing']") == ["800 ms", "computed in 1.50 s", "2.25 s"])
        #expect(html.contains("1 min 03 s"))

        let untimed = ReportFixtures.renderer.render(ReportFixtures.run(includesTimings: false))
        #expect(try XMLTree(untimed).nodes("//span[@class='timing']").isEmpty)
        for timing in ["800 ms", "1.50 s", "2.25 s", "1 min", "Run time"] {
            #expect(!untimed.contains(timing), "found \(timing)")
        }
    }

    @Test func withoutTimingsTheBytesDependOnlyOnTheInput() {
        let renderer = ReportFixtures.renderer
        let first = renderer.render(ReportFixtures.run(includesTimings: false))
        let again = renderer.render(ReportFixtures.run(includesTimings: false))
        let otherDurations = renderer.render(ReportFixtures.run(durations: [9, 8, 7, 6, 500], includesTimings: false))
        #expect(first == again)
        #expect(first == otherDurations)
    }

    @Test func runThatSucceededHasNoFailureBanner() throws {
        var run = ReportFixtures.run()
        run.cells = run.cells.filter {
            guard case .step(let step) = $0 else { return true }
            return step.number <= 2
        }
        let tree = try XMLTree(ReportFixtures.renderer.render(run))
        #expect(try tree.nodes("//p[@class='run-failed']").isEmpty)
        #expect(try tree.strings("//p[@class='run-summary']")
                == ["notebooks/movie-recommender.md · 2 steps: 1 succeeded, 1 reused · 1 of 1 expectation held · 1 min 03 s"])
    }

    // 1,300,000,000 bytes are 1.21 GiB, written as top does ("GB", powers of 1,024).
    @Test func theRunSummaryGivesPeakMemoryWithTimingsOnly() throws {
        var run = ReportFixtures.run()
        run.cells = run.cells.filter {
            guard case .step(let step) = $0 else { return true }
            return step.number <= 2
        }
        run.peakResidentBytes = 1_300_000_000
        let tree = try XMLTree(ReportFixtures.renderer.render(run))
        #expect(try tree.strings("//p[@class='run-summary']")
                == ["notebooks/movie-recommender.md · 2 steps: 1 succeeded, 1 reused · 1 of 1 expectation held · 1 min 03 s · peak memory 1.21 GB"])
        let withoutTimings = try XMLTree(ReportFixtures.renderer.render(run.withoutRunDetails()))
        #expect(try !withoutTimings.strings("//p[@class='run-summary']").joined().contains("peak memory"))
    }

    @Test func cacheDecisionsAreShownUnobtrusively() throws {
        let tree = try XMLTree(ReportFixtures.renderer.render(try FormatFixtures.run()))
        // A step that ran says in small print why it was not reused…
        #expect(try tree.strings("//section[@id='step-1']//p[@class='status-note cache-note']")
                == ["Not reused: not in the cache"])
        #expect(try tree.strings("//section[@id='step-3']//p[@class='status-note cache-note']")
                == ["Not reused: parameter 'k' changed"])
        // …and a reused step why it was, also as its badge's tooltip.
        #expect(try tree.strings("//section[@id='step-2']//span[contains(@class, 'badge')]/@title")
                == ["unchanged: same parameters, inputs and data files"])
        #expect(try tree.strings("//section[@id='step-2']//p[contains(@class, 'cache-note')]").isEmpty)
        // A failed step has no value to show.
        #expect(try tree.strings("//section[@id='step-3']//p[@class='value-summary']").isEmpty)
    }
}
