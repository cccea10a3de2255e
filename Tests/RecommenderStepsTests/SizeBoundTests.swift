import Foundation
import Learning
import NotebookCore
import Testing
@testable import RecommenderSteps

/// Every size-like parameter has an upper bound that `check` enforces, and the memory-heavy
/// steps refuse, before allocating, what would not fit in the memory budget.
@Suite struct SizeBoundTests {
    /// Integer parameters that are not sizes: seeds, ids, and thresholds on counts.
    static let unboundedOnPurpose: Set<String> = ["seed", "user", "users", "by_activity"]

    @Test func everyIntegerParameterOfEveryStepIsBounded() {
        var unbounded: [String] = []
        for step in RecommenderRegistry.registry.steps {
            var fields = step.fields.map { (step.name, $0) }
            for field in step.fields {
                for (value, group) in field.groups { fields += group.map { ("\(step.name) \(field.name): \(value)", $0) } }
            }
            for (owner, field) in fields where field.typeName.contains("integer") && field.kind == nil {
                if !field.isBounded, !Self.unboundedOnPurpose.contains(field.name) { unbounded.append("\(owner): \(field.name)") }
            }
        }
        #expect(unbounded == [])
    }

    @Test func theStepReferenceShowsTheBounds() {
        let reference = StepReference.markdown(RecommenderRegistry.registry)
        #expect(reference.contains("| `curve` | integer in [0, 1000] | `0` |"))
        #expect(reference.contains("| `digits` | integer in [0, 15] | `4` |"))
        #expect(reference.contains("| `hidden` | list of integers of at most 8, each in [1, 4096] |"))
    }

    /// Checks one block, its body starting on line 2; inputs it names are left unbound, so only
    /// the diagnostics about the parameter under test are compared.
    static func diagnostics(_ step: String, _ body: String) -> [String] {
        let registry = RecommenderRegistry.registry
        let text = "```\(step)\n\(body)```\n"
        let (notebook, loaded) = NotebookLoader(registry: registry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        guard let notebook else { return loaded.map(\.description) }
        let (_, checked) = Checker(registry: registry).check(notebook)
        return (loaded + checked).map(\.description)
    }

    @Test(arguments: [
        ("show", "table: t\nrows: 10001\n", "nb.md:3:7: error: parameter 'rows' must be in [0, 10000], got 10001"),
        ("show", "table: t\nmax_rows: 1000000\n", "nb.md:3:11: error: parameter 'max_rows' must be in [1, 10000], got 1000000"),
        ("show", "table: t\nmin_rows: 10001\n", "nb.md:3:11: error: parameter 'min_rows' must be in [0, 10000], got 10001"),
        ("show", "table: t\nmax_columns: 1001\n", "nb.md:3:14: error: parameter 'max_columns' must be in [1, 1000], got 1001"),
        ("split", "ratings: r\nmethod: leave-last\nk: 10001\n", "nb.md:4:4: error: parameter 'k' must be in [1, 10000], got 10001"),
        ("svd", "matrix: m\nk: 1025\n", "nb.md:3:4: error: parameter 'k' must be in [1, 1024], got 1025"),
        ("encode", "movies: m\nmax_features: 100001\n", "nb.md:3:15: error: parameter 'max_features' must be in [1, 100000], got 100001"),
        ("evaluate", "model: m\nratings: r\ncurve: 1000000000\n", "nb.md:4:8: error: parameter 'curve' must be in [0, 1000], got 1000000000"),
        ("evaluate", "model: m\nratings: r\nk: 1001\n", "nb.md:4:4: error: parameter 'k' must be in [1, 1000], got 1001"),
        ("compare", "metrics: [a]\ndigits: 1000000000\n", "nb.md:3:9: error: parameter 'digits' must be in [0, 15], got 1000000000"),
        ("recommend", "model: m\nn: 10001\n", "nb.md:3:4: error: parameter 'n' must be in [1, 10000], got 10001"),
        ("recommend", "model: m\nreasons: 101\n", "nb.md:3:10: error: parameter 'reasons' must be in [1, 100], got 101"),
        ("recommend", "model: m\nmin_ratings: 1000000001\n", "nb.md:3:14: error: parameter 'min_ratings' must be in [0, 1000000000], got 1000000001"),
        ("new-movie", "model: m\ntop: 10001\n", "nb.md:3:6: error: parameter 'top' must be in [0, 10000], got 10001"),
        ("train", "model: mf\nsplit: s\nfactors: 1000000\n", "nb.md:4:10: error: parameter 'factors' must be in [1, 1024], got 1000000"),
        ("train", "model: ials\nsplit: s\nfactors: 100000\n", "nb.md:4:10: error: parameter 'factors' must be in [1, 1024], got 100000"),
        ("train", "model: dnn\nsplit: s\nfeatures: f\nhidden: [32, 5000]\n",
         "nb.md:5:9: error: parameter 'hidden' items must be in [1, 4096], got 5000"),
        ("train", "model: dnn\nsplit: s\nfeatures: f\nhidden: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n",
         "nb.md:5:9: error: parameter 'hidden' may list at most 8 items, got 9"),
        ("train", "model: dnn\nsplit: s\nfeatures: f\nbatch_size: 1000001\n",
         "nb.md:5:13: error: parameter 'batch_size' must be in [1, 1000000], got 1000001"),
    ])
    func checkRefusesAValueOverItsBound(step: String, body: String, expected: String) {
        let found = Self.diagnostics(step, body)
        #expect(found.contains(expected), "\(found)")
    }

    @Test func aValueAtItsBoundIsAccepted() {
        let found = Self.diagnostics("evaluate", "model: m\nratings: r\ncurve: 1000\n")
        #expect(!found.contains { $0.contains("'curve'") }, "\(found)")
    }

    /// Eight users rating six movies: 8 × 6 ratings, none repeated.
    static func split() throws -> RatingSplit {
        var rows: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...8 { for movie in 1...6 { rows.append((user, movie, Double((user + movie) % 5 + 1))) } }
        return RatingSplit(
            train: try ratingsTable(rows, timed: true), validation: try ratingsTable([], timed: true),
            test: try ratingsTable([], timed: true), userCount: 8, itemCount: 6, method: "hand-made")
    }

    static func budget(_ bytes: Int) -> StepContext {
        StepContext.standalone(seed: 7, memoryBudget: MemoryBudget(limit: bytes, source: "the test's budget"))
    }

    @Test func trainingRefusesBeforeAllocatingOverTheBudget() throws {
        var parameters = MatrixFactorizationParameters()
        parameters.configuration.factorCount = 1_000
        // (8 + 6) × 1,001 × 8 × 3 = 336,336 bytes, worked out by hand from the estimate's terms.
        #expect(throws: StepError(
            "train model: mf would allocate about 328.5 KB ((8 users + 6 movies) × 1,001 factors × 8 bytes × 3 copies), "
                + "over the memory limit of 100.0 KB (the test's budget); lower 'factors', or raise the limit with RECBOOK_MEMORY_LIMIT")
        ) { try parameters.fit(split: try Self.split(), context: Self.budget(100 * 1024)) }
        // The same fit within a budget that holds it runs.
        parameters.configuration.factorCount = 2
        _ = try parameters.fit(split: try Self.split(), context: Self.budget(1 << 20))
    }

    @Test func easeAndTheGramSVDAreEstimatedFromTheirSquare() throws {
        var ease = EASEParameters()
        ease.configuration.regularization = 1
        // 6 × 6 × 4 × 2 = 288 bytes.
        #expect(throws: StepError(
            "train model: ease would allocate about 288 bytes (a 6 × 6 item matrix × 4 bytes × 2 copies), over the memory limit "
                + "of 100 bytes (the test's budget); lower 'max_items', or raise the limit with RECBOOK_MEMORY_LIMIT")
        ) { try ease.fit(split: try Self.split(), context: Self.budget(100)) }
        var svd = MeanCenteredSVDParameters()
        svd.configuration.rank = 2
        // min(8, 6)² × 8 × 3 = 864 bytes.
        #expect(throws: StepError(
            "train model: svd would allocate about 864 bytes (a 6 × 6 Gram matrix × 8 bytes × 3 copies), over the memory limit "
                + "of 800 bytes (the test's budget); use method 'randomized' or a smaller matrix, or raise the limit with RECBOOK_MEMORY_LIMIT")
        ) { try svd.fit(split: try Self.split(), context: Self.budget(800)) }
    }

    @Test func theEstimateSaturatesInsteadOfOverflowing() {
        #expect(MemoryEstimate.product(1 << 40, 1 << 40) == Int.max)
        #expect(MemoryEstimate.sum(Int.max, 1) == Int.max)
        #expect(MemoryEstimate.product(3, 4, 8) == 96)
    }

    @Test(arguments: [
        ("8G", 8 << 30), ("512M", 512 << 20), ("1.5K", 1536), ("100000", 100_000), ("2GiB", 2 << 30), ("4 gb", nil),
        ("", nil), ("-1G", nil), ("G", nil), ("1e30", nil), ("99999999999T", nil),
    ] as [(String, Int?)])
    func memoryLimitsAreReadAsSizes(text: String, bytes: Int?) {
        #expect(MemoryBudget.parseSize(text) == bytes)
    }

    @Test func theLimitComesFromTheEnvironment() throws {
        #expect(try MemoryBudget.fromEnvironment(["RECBOOK_MEMORY_LIMIT": "2G"]) == MemoryBudget(limit: 2 << 30, source: "RECBOOK_MEMORY_LIMIT"))
        #expect(throws: StepError("RECBOOK_MEMORY_LIMIT='lots' is not a size; write bytes or a number with K, M, G or T, such as 8G")) {
            try MemoryBudget.fromEnvironment(["RECBOOK_MEMORY_LIMIT": "lots"])
        }
        #expect(try MemoryBudget.fromEnvironment([:]).limit > 0)
    }
}
