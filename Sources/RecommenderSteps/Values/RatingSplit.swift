import Frames
import NotebookCore
import TableSteps
import RecbookSupport

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
