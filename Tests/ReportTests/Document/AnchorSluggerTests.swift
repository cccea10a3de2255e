import Testing
@testable import Report

@Suite struct AnchorSluggerTests {
    @Test(arguments: [
        ("Datasets Preprocessing", "datasets-preprocessing"),
        ("Collaborative filtering using matrix factorization (SVD)", "collaborative-filtering-using-matrix-factorization-svd"),
        ("SVD & <friends>", "svd-friends"),
        ("  Leading and   trailing  ", "leading-and-trailing"),
        ("Recall@10 — the original's definition", "recall10-the-originals-definition"),
        ("Évaluation des modèles", "évaluation-des-modèles"),
        ("snake_case stays", "snake_case-stays"),
        ("???", "section"),
        ("", "section"),
    ])
    func slug(text: String, expected: String) {
        #expect(AnchorSlugger.slug(text) == expected)
    }

    @Test func repeatsGetNumberedSuffixesInOrder() {
        var slugger = AnchorSlugger()
        #expect(slugger.uniqueSlug(for: "Results") == "results")
        #expect(slugger.uniqueSlug(for: "Results") == "results-1")
        #expect(slugger.uniqueSlug(for: "results!") == "results-2")
        // A heading whose own slug is an earlier suffix still gets a free id.
        #expect(slugger.uniqueSlug(for: "Results 1") == "results-1-1")
        #expect(slugger.unique("step-1") == "step-1")
        #expect(slugger.uniqueSlug(for: "Step 1") == "step-1-1")
    }
}
