import Foundation
import Learning
import LinearAlgebra

/// `recbook-bench svd`: the walk-through's truncated SVD (k = 50 of the user-mean-centred
/// training pivot of the time-aware split) by each method, timed. benchmarks/scale/svds.py
/// does the same with scipy.sparse.linalg.svds on the same file, for the side-by-side.
enum SVDTimings {
    static func run(_ experiment: Experiment, rank: Int, methods: [String]) throws {
        let data = try RatingDataset(experiment.train)
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for user in 0..<data.userCount {
            let range = data.histories.range(ofUser: user)
            guard !range.isEmpty else { continue }
            let mean = range.reduce(0) { $0 + data.histories.ratings[$1] } / Double(range.count)
            for position in range {
                rows.append(user)
                columns.append(data.histories.items[position])
                values.append(data.histories.ratings[position] - mean)
            }
        }
        let pivot = try SparseMatrix(rowCount: data.userCount, columnCount: data.itemCount,
                                     rowIndices: rows, columnIndices: columns, values: values)
        print("centred training pivot: \(pivot.rowCount) × \(pivot.columnCount), \(pivot.nonZeroCount) entries; k = \(rank)")
        for name in methods {
            let method: TruncatedSVD.Method
            switch name {
            case "gram": method = .gram
            case "arpack": method = .arpack
            case "randomized": method = .randomized(.init())
            default: method = .auto
            }
            let processorStart = processorSeconds()
            let (svd, seconds) = try timed { try TruncatedSVD(of: pivot, rank: rank, method: method) }
            let processor = processorSeconds() - processorStart
            let sigma = svd.singularValues
            print("\(padded(name, 11)) \(leftPadded(fixed(seconds, 2), 8)) s (CPU \(fixed(processor, 2)) s)   σ₁ = \(fixed(sigma[0], 6))   σ_k = \(fixed(sigma[rank - 1], 6))   Σσ = \(fixed(sigma.reduce(0, +), 6))")
        }
    }
}

/// The CPU time this process has used so far, user and system, all threads: on a shared
/// machine it varies less with the other work than the wall-clock time does.
private func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}
