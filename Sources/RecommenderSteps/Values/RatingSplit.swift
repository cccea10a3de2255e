import Frames
import Learning
import NotebookCore
import TableSteps
import RecbookSupport
import Synchronization

/// Ratings split into train, validation and test tables.
public struct RatingSplit: TabulatedMeasurements {
    public static let kind = ValueKind.split
    public static let measurementTable = MeasurementTable<RatingSplit>([
        "train": { Double($0.train.rowCount) },
        "val": { Double($0.validation.rowCount) },
        "test": { Double($0.test.rowCount) },
        "users": { Double($0.userCount) },
        "items": { Double($0.itemCount) },
    ])

    public var train: DataFrame
    public var validation: DataFrame
    public var test: DataFrame
    /// Distinct users and movies in the ratings that were split.
    public var userCount: Int
    public var itemCount: Int
    /// How the split was made, for the report.
    public var method: String
    /// The training ratings indexed for the models, once per `fit_on`, shared by every model
    /// fitted on this split (a run's copies of the split share it; the cache does not store it).
    let training = TrainingRatings()

    public init(train: DataFrame, validation: DataFrame, test: DataFrame, userCount: Int, itemCount: Int, method: String) {
        self.train = train
        self.validation = validation
        self.test = test
        self.userCount = userCount
        self.itemCount = itemCount
        self.method = method
    }

    public var summary: String {
        "\(method) split: \(train.rowCount) / \(validation.rowCount) / \(test.rowCount)"
    }

    public func member(_ name: String) -> (any NotebookValue)? {
        switch name {
        case "train": return train
        case "val": return validation
        case "test": return test
        default: return nil
        }
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(train)
        writer.write(validation)
        writer.write(test)
        writer.write(Int64(userCount))
        writer.write(Int64(itemCount))
        writer.write(method)
    }

    public init(from reader: inout BinaryReader) throws {
        train = try reader.read(DataFrame.self)
        validation = try reader.read(DataFrame.self)
        test = try reader.read(DataFrame.self)
        userCount = Int(try reader.read(Int64.self))
        itemCount = Int(try reader.read(Int64.self))
        method = try reader.read(String.self)
    }
}

extension RatingSplit {
    /// The ratings a model is fitted on: the train part, or train and validation together.
    ///
    /// - Throws: ``Frames/DataError`` for a missing or mistyped column,
    ///   ``Learning/ModelError`` for a rating that is not finite.
    func trainingLog(_ fitOn: FitOn) throws -> RatingLog {
        if fitOn == .train { return try RatingLog(frame: train) }
        return try trainingLog(fitOn) { _ in true }
    }

    /// The ratings a model is fitted on, of the users for whom `isIncluded` holds, in one
    /// pass over the parts (no concatenated copy of every rating first).
    func trainingLog(_ fitOn: FitOn, users isIncluded: (_ userId: Int) -> Bool) throws -> RatingLog {
        let parts = fitOn == .trainAndValidation ? [train, validation] : [train]
        guard parts.allSatisfy({ $0.columnNames == train.columnNames }) else {
            throw StepError("the train and val parts have different columns")
        }
        var users: [Int] = [], items: [Int] = [], ratings: [Double] = [], times: [Int] = []
        let rows = parts.reduce(0) { $0 + $1.rowCount }
        users.reserveCapacity(rows)
        items.reserveCapacity(rows)
        ratings.reserveCapacity(rows)
        times.reserveCapacity(rows)
        for part in parts {
            let (partUsers, partItems) = (try part.ints("userId"), try part.ints("movieId"))
            let (partRatings, partTimes) = (try part.doubles("rating"), try part.timestamps("timestamp"))
            for row in partUsers.indices where isIncluded(partUsers[row]) {
                users.append(partUsers[row])
                items.append(partItems[row])
                ratings.append(partRatings[row])
                times.append(partTimes[row])
            }
        }
        return try RatingLog(userIds: users, itemIds: items, ratings: ratings, timestamps: times)
    }

    /// The ratings a model is fitted on, indexed: built by the first model fitted on them and
    /// then shared, so that every model of a run holds the same histories instead of a copy
    /// each (at 25 M ratings a copy is about 700 MB).
    ///
    /// - Throws: as ``trainingLog(_:)``, and ``Learning/ModelError`` for no ratings.
    func trainingData(_ fitOn: FitOn) throws -> RatingDataset {
        try training.dataset(fitOn) { try RatingDataset(trainingLog(fitOn)) }
    }
}

/// A split's indexed training ratings, by `fit_on`, built once. A second model asking while
/// the first builds them waits for it rather than building its own copy.
final class TrainingRatings: Sendable {
    private let datasets = Mutex<[FitOn: RatingDataset]>([:])

    func dataset(_ fitOn: FitOn, build: () throws -> RatingDataset) throws -> RatingDataset {
        try datasets.withLock { stored in
            if let dataset = stored[fitOn] { return dataset }
            let dataset = try build()
            stored[fitOn] = dataset
            return dataset
        }
    }
}
