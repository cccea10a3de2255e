import Foundation
import Testing
@testable import NotebookCore

/// `original-cell:` names the cells of an original notebook a step mirrors; the run carries them
/// to the report.
@Suite struct OriginalCellTests {
    @Test(arguments: [("2", [2]), ("[4, 5]", [4, 5]), ("[29, 30, 31]", [29, 30, 31])])
    func aStepNamesTheOriginalsCells(_ written: String, _ cells: [Int]) throws {
        let (plan, diagnostics) = check("```constant\nvalue: 1\nas: one\noriginal-cell: \(written)\n```\n")
        #expect(diagnostics.isEmpty)
        let checked = try #require(plan)
        #expect(checked.notebook.steps.first?.originalCells == cells)
        let run = Executor(registry: testRegistry).run(checked, options: ExecutionOptions())
        #expect(run.stepResults.first?.originalCells == cells)
    }

    @Test(arguments: ["cell two", "0", "[3, x]", "[]"])
    func anythingButCellNumbersIsAnError(_ written: String) {
        let (_, diagnostics) = check("```constant\nvalue: 1\noriginal-cell: \(written)\n```\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("nb.md:3:16: error: 'original-cell' expects the original's cell number (In [n]) or a list of them") == true,
                "\(diagnostics)")
    }
}
