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
