import Foundation
import Synchronization
import Learning
import RecbookSupport

/// `recbook-bench neural-scores`: a randomly initialised network of the walk-through's shape
/// scores every movie for every user, in blocks of 256 users, one block per core at a time, as
/// the catalogue-wide ranking evaluation scores it. Prints the time and the nanoseconds per
/// (user, movie) pair. Default sizes are ML-25M's: 162,541 users × 59,047 movies would take
/// minutes, so `users=` scores a sample (the time per pair does not depend on the user).
enum NeuralScoring {
    static func run(_ options: [String: String]) throws {
        let userCount = options["users"].flatMap(Int.init) ?? 162_541
        let movieCount = options["movies"].flatMap(Int.init) ?? 59_047
        let scored = min(options["scored"].flatMap(Int.init) ?? 4_096, userCount)
        let configuration = NeuralRecommenderConfiguration(
            userCount: userCount, movieCount: movieCount, contentDimension: 120, embeddingDimension: 64, hiddenUnits: [32, 16])
        var generator = SeededGenerator(seed: 1)
        let content = (0..<(movieCount * 120)).map { _ in generator.nextFloat() }
        let network = try NeuralRecommender(configuration: configuration, contentFeatures: content, seed: 2)
        let clock = ContinuousClock()
        var start = clock.now
        let scorer = NeuralCatalogueScorer(network)
        let prepared = clock.now - start
        let blocks = stride(from: 0, to: scored, by: 256).map { Array($0..<min($0 + 256, scored)) }
        let checksums = Mutex([Double](repeating: 0, count: blocks.count))
        start = clock.now
        DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
            var sum = 0.0
            try? scorer.scores(forUsers: blocks[index]) { _, _, scores in
                var best: Float = 0
                for score in scores { best = max(best, score) }
                sum += Double(best)
            }
            checksums.withLock { $0[index] = sum }
        }
        let seconds = Double((clock.now - start).components.attoseconds) * 1e-18 + Double((clock.now - start).components.seconds)
        let pairs = Double(scored) * Double(movieCount)
        print("network \(userCount) users × \(movieCount) movies, embedding 64, content 120, hidden [32, 16]; scorer made in \(prepared)")
        print("scored \(scored) users × \(movieCount) movies in \(String(format: "%.2f", seconds)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores: \(String(format: "%.1f", seconds / pairs * 1e9)) ns per pair; all \(userCount) users would take \(String(format: "%.0f", seconds / Double(scored) * Double(userCount))) s (checksum \(checksums.withLock { $0.reduce(0, +) }))")
    }
}

/// `recbook-bench neural-fit`: one epoch of the walk-through's network (embedding 64, content
/// 120, hidden [32, 16], batch 2048) on random examples over a catalogue of ML-25M's size, with
/// each optimiser, side by side: the time per batch shows what Keras's dense Adam update of every
/// embedding row costs against lazy Adam's update of the batch's rows.
enum NeuralFitTiming {
    static func run(_ options: [String: String]) throws {
        let userCount = options["users"].flatMap(Int.init) ?? 162_541
        let movieCount = options["movies"].flatMap(Int.init) ?? 59_047
        let exampleCount = options["examples"].flatMap(Int.init) ?? 204_800
        let configuration = NeuralRecommenderConfiguration(
            userCount: userCount, movieCount: movieCount, contentDimension: 120, embeddingDimension: 64, hiddenUnits: [32, 16])
        var generator = SeededGenerator(seed: 1)
        let content = (0..<(movieCount * 120)).map { _ in generator.nextFloat() }
        func examples(_ count: Int) throws -> NeuralRecommender.Examples {
            try NeuralRecommender.Examples(
                users: (0..<count).map { _ in Int(generator.next() % UInt64(userCount)) },
                movies: (0..<count).map { _ in Int(generator.next() % UInt64(movieCount)) },
                targets: (0..<count).map { _ in generator.nextFloat() })
        }
        let train = try examples(exampleCount), validation = try examples(2_048)
        print("one epoch of \(exampleCount) examples (\(exampleCount / 2_048) batches of 2,048), \(userCount) users × \(movieCount) movies")
        for updates in [EmbeddingUpdates.dense, .lazy] {
            var model = try NeuralRecommender(configuration: configuration, contentFeatures: content, seed: 2)
            let training = NeuralTrainingConfiguration(maxEpochs: 1, optimizer: AdamConfiguration(embeddingUpdates: updates), seed: 3)
            let start = ContinuousClock.now
            _ = try model.fit(train: train, validation: validation, configuration: training)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("\(updates == .dense ? "adam (dense)" : "lazy-adam   ")  \(String(format: "%.2f", seconds)) s, \(String(format: "%.2f", seconds / Double(exampleCount / 2_048) * 1000)) ms per batch")
        }
    }
}
