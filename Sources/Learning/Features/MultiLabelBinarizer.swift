import LinearAlgebra
import RecbookSupport

/// Multi-hot encoding of label sets, like scikit-learn's `MultiLabelBinarizer`.
///
/// The classes are every label seen while fitting, sorted as Python sorts strings (by Unicode
/// code points, so "(no genres listed)" comes before "Action", and "Z" before "a").
public struct MultiLabelBinarizer: Sendable, Equatable {
    /// The classes, in column order.
    public let classes: [String]
    private let columnByClass: [CodePointString: Int]

    /// Learns the classes from label sets.
    ///
    /// - Parameter labelSets: One set of labels per sample; repeated labels count once.
    public init(fitting labelSets: [[String]]) {
        let distinct = Set(labelSets.joined().map(CodePointString.init)).sorted()
        self.init(sortedClasses: distinct)
    }

    private init(sortedClasses: [CodePointString]) {
        classes = sortedClasses.map(\.string)
        columnByClass = Dictionary(uniqueKeysWithValues: sortedClasses.enumerated().map { ($1, $0) })
    }

    /// One multi-hot row per label set: 1 in the column of each of its labels, 0 elsewhere.
    ///
    /// Labels not seen while fitting are ignored, as scikit-learn ignores them (with a warning).
    ///
    /// - Complexity: O(samples × classes) for the dense result.
    public func transform(_ labelSets: [[String]]) -> Matrix {
        var result = Matrix(rowCount: labelSets.count, columnCount: classes.count)
        for (row, labels) in labelSets.enumerated() {
            for label in labels {
                if let column = columnByClass[CodePointString(label)] { result[row, column] = 1 }
            }
        }
        return result
    }

    public static func == (lhs: MultiLabelBinarizer, rhs: MultiLabelBinarizer) -> Bool {
        lhs.classes == rhs.classes
    }
}

extension MultiLabelBinarizer: BinaryCodable {
    /// Writes the classes in column order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(classes)
    }

    /// Reads the classes back, rejecting a list that is not strictly increasing by code points.
    public init(from reader: inout BinaryReader) throws {
        let classes = try reader.read([String].self).map(CodePointString.init)
        guard zip(classes, classes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw BinaryDecodingError.invalid("binarizer classes are not sorted and unique")
        }
        self.init(sortedClasses: classes)
    }
}
