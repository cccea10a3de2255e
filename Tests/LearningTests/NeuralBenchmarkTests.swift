import CLapack
import Foundation
import Testing
@testable import Learning
import RecbookSupport

/// Throughput of a notebook-sized fit, for release builds. Skipped unless
/// `RECBOOK_NEURAL_BENCHMARK` is set; it prints figures and asserts nothing about time:
///
///     RECBOOK_NEURAL_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter NeuralBenchmark
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RECBOOK_NEURAL_BENCHMARK"] != nil))
struct NeuralBenchmarkTests {
    /// The notebook's shapes: 610 users, 9724 movies, 20 genre flags and 100 TF-IDF weights per
    /// movie, 64,534 training and 16,134 validation ratings (its 80/20 splits of 100,836).
    static func notebookSizedData() throws -> (NeuralRecommenderConfiguration, [Float], NeuralRecommender.Examples, NeuralRecommender.Examples) {
        let users = 610, movies = 9724, content = 120
        var generator = SeededGenerator(seed: 2024)
        var features = [Float](repeating: 0, count: movies * content)
        for movie in 0..<movies {
            for genre in 0..<20 where generator.nextFloat() < 0.15 { features[movie * content + genre] = 1 }
            for term in 20..<content where generator.nextFloat() < 0.05 { features[movie * content + term] = generator.nextFloat() }
        }
        let userBias = (0..<users).map { _ in generator.nextFloat() - 0.5 }
        let movieBias = (0..<movies).map { _ in generator.nextFloat() - 0.5 }
        func examples(_ count: Int) throws -> NeuralRecommender.Examples {
            var u: [Int] = [], m: [Int] = [], t: [Float] = []
            for _ in 0..<count {
                let user = generator.nextIndex(below: users), movie = generator.nextIndex(below: movies)
                u.append(user)
                m.append(movie)
                t.append(min(max(0.65 + 0.4 * (userBias[user] + movieBias[movie]) + 0.1 * features[movie * content], 0), 1))
            }
            return try NeuralRecommender.Examples(users: u, movies: m, targets: t)
        }
        let configuration = NeuralRecommenderConfiguration(userCount: users, movieCount: movies, contentDimension: content)
        return (configuration, features, try examples(64_534), try examples(16_134))
    }

    /// CPU time of the whole process (all threads), less sensitive than wall time to other
    /// work on the machine.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    @Test func notebookSizedFit() throws {
        let (configuration, features, train, validation) = try Self.notebookSizedData()
        print("OpenBLAS kernel: \(String(cString: openblas_get_corename())), threads outside fit: \(openblas_get_num_threads())")
        for (label, training) in [
            ("20 epochs, no callbacks", NeuralTrainingConfiguration(maxEpochs: 20, reduceLearningRateOnPlateau: nil, earlyStopping: nil, seed: 1)),
            ("notebook callbacks, up to 50 epochs", NeuralTrainingConfiguration(seed: 1)),
        ] {
            var model = try NeuralRecommender(configuration: configuration, contentFeatures: features, seed: 7)
            let start = Date()
            let startCPU = Self.processCPUSeconds()
            let history = try model.fit(train: train, validation: validation, configuration: training)
            let seconds = Date().timeIntervalSince(start)
            let cpu = Self.processCPUSeconds() - startCPU
            print(String(
                format: "%@: %d epochs in %.3f s wall, %.3f s CPU (%.1f ms/epoch wall incl. validation; %.0f training samples/s wall, %.0f per CPU second); last val_loss %.4f",
                label, history.epochs.count, seconds, cpu, seconds / Double(history.epochs.count) * 1000,
                Double(train.count * history.epochs.count) / seconds, Double(train.count * history.epochs.count) / cpu,
                history.epochs.last?.validationLoss ?? .nan
            ))
        }
        let model = try NeuralRecommender(configuration: configuration, contentFeatures: features, seed: 7)
        let start = Date()
        let scores = try model.predict(users: validation.users, movies: validation.movies)
        print(String(format: "predict: %d rows in %.1f ms", scores.count, Date().timeIntervalSince(start) * 1000))
    }
}
