import Foundation
import Learning

/// The time-aware split of ml-latest-small, in the two settings the benchmark uses:
/// tuning (fit on train, score on validation) and reporting (fit on train + validation,
/// score on test).
struct Experiment {
    let log: RatingLog
    let train: RatingLog
    let validation: RatingLog
    let test: RatingLog

    init(folder: URL) throws {
        log = try MovieLensFiles.ratings(in: folder)
        let split = try TimeAwareSplit(validationRatio: 0.1, testRatio: 0.1)
            .split(userIds: log.userIds, timestamps: log.timestamps)
        train = log.rows(split.train)
        validation = log.rows(split.validation)
        test = log.rows(split.test)
    }

    /// The fit and held-out parts of one setting.
    struct Setting {
        var name: String
        var fit: RatingLog
        var heldOut: RatingLog
    }

    var tuning: Setting { Setting(name: "validation", fit: train, heldOut: validation) }
    var reporting: Setting { Setting(name: "test", fit: train.appending(validation), heldOut: test) }
}

/// Wall-clock seconds of a closure.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func fixed(_ value: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", value) }

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func leftPadded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
