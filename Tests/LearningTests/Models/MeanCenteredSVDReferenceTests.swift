import Foundation
import Learning
import LinearAlgebra
import Testing

/// ml-latest-small, when it is present beside the repository (`../shared/datasets`).
private let movieLensSmall: URL? = {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.deletingLastPathComponent().appendingPathComponent("shared/datasets/ml-latest-small/ratings.csv")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// `ratings.csv` of a MovieLens release (no quoted fields), split as the original does.
private func timeAwareSplit(_ url: URL) throws -> (train: RatingLog, test: RatingLog) {
    var users: [Int] = [], items: [Int] = [], ratings: [Double] = [], times: [Int] = []
    for line in try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",")
        users.append(Int(fields[0])!)
        items.append(Int(fields[1])!)
        ratings.append(Double(fields[2])!)
        times.append(Int(fields[3])!)
    }
    let log = try RatingLog(userIds: users, itemIds: items, ratings: ratings, timestamps: times)
    let split = try TimeAwareSplit(validationRatio: 0.1, testRatio: 0.1).split(userIds: users, timestamps: times)
    return (log.rows(split.train), log.rows(split.test))
}

/// The original's SVD through ARPACK reproduces its figures (../shared/seed/REFERENCE.md) and
/// scipy's singular values on ml-latest-small.
@Suite struct MeanCenteredSVDReferenceTests {
    @Test(.enabled(if: movieLensSmall != nil, "needs ../shared/datasets/ml-latest-small"),
          arguments: [TruncatedSVD.Method.arpack, .gram])
    func reproducesTheOriginalsFigures(method: TruncatedSVD.Method) throws {
        let (train, test) = try timeAwareSplit(movieLensSmall!)
        let model = try MeanCenteredSVDModel(
            fitting: try RatingDataset(train), configuration: .init(rank: 50, method: method))
        // scipy 1.17: s = svds(R_centered_sparse, k=50)[1][::-1] (benchmarks/scale/svds.py builds
        // the same matrix): s[0], s[1], s[2], s[-1] and s.sum().
        let sigma = model.singularValues
        #expect(abs(sigma[0] - 66.76627303697019) < 1e-9)
        #expect(abs(sigma[1] - 40.30407242400662) < 1e-9)
        #expect(abs(sigma[2] - 37.307805532250086) < 1e-9)
        #expect(abs(sigma[49] - 18.638774376105467) < 1e-9)
        #expect(abs(sigma.reduce(0, +) - 1268.992934726365) < 1e-8)

        let report = try RatingEvaluation.evaluate(model, test: test)
        #expect(report.pairsEvaluated == 8886 && report.pairsTotal == 9818)
        #expect(String(format: "%.4f", report.rootMeanSquaredError) == "0.9628")
        #expect(String(format: "%.4f", report.meanAbsoluteError) == "0.7459")

        // User 1's top five: Dr. Strangelove 4.71, 2001 4.66, Blade Runner 4.65, The Godfather
        // 4.62, Austin Powers: The Spy Who Shagged Me 4.59.
        let user = try #require(model.users.index(of: 1))
        let scores = try model.scores(forUser: user)
        let rated = model.histories.items[model.histories.range(ofUser: user)]
        let top = topScoringItems(scores, count: 5, excluding: Array(rated))
        #expect(top.map { model.items.ids[$0] } == [750, 924, 541, 858, 2683])
        #expect(try top.map { String(format: "%.2f", try model.predict(user: user, item: $0)) } == ["4.71", "4.66", "4.65", "4.62", "4.59"])
    }
}
