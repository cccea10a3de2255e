import NotebookCore
import TableSteps
import RecbookSupport

/// (movieId, rating) pairs written in a step body, for a new user:
///
/// ```yaml
/// given: {318: 5, 2571: 4.5, 4993: 4}
/// ```
/// or a list of `movieId: rating` maps.
public struct RatingPairs: ParameterType, Hashable {
    public var pairs: [Pair]

    public struct Pair: Sendable, Hashable {
        public var movie: Int
        public var rating: Double
    }

    public init(_ pairs: [Pair] = []) { self.pairs = pairs }

    public static var typeName: String { "map of movie ids to ratings" }
    public static var jsonSchema: JSONValue {
        ["type": "object", "patternProperties": ["^[0-9]+$": ["type": "number"]], "additionalProperties": false]
    }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        var pairs: [Pair] = []
        func read(_ entries: [ParameterNode.MappingEntry]) throws(ParameterError) {
            for entry in entries {
                guard let movie = Int(entry.key) else {
                    throw ParameterError("expects movie ids as keys, got '\(entry.key)'", at: entry.keyLocation)
                }
                let rating = try Double(parameter: entry.value)
                guard !pairs.contains(where: { $0.movie == movie }) else {
                    throw ParameterError("gives movie \(movie) twice", at: entry.keyLocation)
                }
                pairs.append(Pair(movie: movie, rating: rating))
            }
        }
        switch node.content {
        case let .mapping(entries):
            try read(entries)
        case let .sequence(items):
            for item in items {
                guard case let .mapping(entries) = item.content else { throw Self.mismatch(item) }
                try read(entries)
            }
        case .null:
            break
        case .scalar:
            throw Self.mismatch(node)
        }
        self.pairs = pairs
    }

    public var canonicalText: String {
        "{" + pairs.map { "\($0.movie): \(Format.shortest($0.rating))" }.joined(separator: ", ") + "}"
    }
}
