/// A string column's values: stored one string per row, or dictionary-encoded as a code per row
/// into a table of strings (what pandas calls a categorical, and Arrow a dictionary array).
///
/// Copying a Swift `String` longer than 15 bytes raises a reference count, so gathering a small
/// table's titles onto 25 million joined rows as strings costs 25 million atomic increments and
/// 400 MB. Such a gather is kept dictionary-encoded instead: 4 bytes a row and no string copied.
/// Later gathers (filters, sorts, samples) gather the codes, explode splits each distinct string
/// once, and sorting and grouping rank the dictionary's strings, not the rows'.
///
/// Both forms read the same through `Collection`: `values[row]` is the row's string.
public struct StringValues: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case plain([String])
        /// `dictionary[codes[row]]` is the row's string. The dictionary may hold strings no row
        /// uses, and the same string twice.
        case dictionary(codes: [UInt32], dictionary: [String])
    }

    var storage: Storage

    /// One string per row.
    public init(_ strings: [String]) { storage = .plain(strings) }

    /// Rows that are codes into `dictionary`; every code must be below `dictionary.count`.
    init(codes: [UInt32], dictionary: [String]) { storage = .dictionary(codes: codes, dictionary: dictionary) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case let .plain(strings): return strings.count
        case let .dictionary(codes, _): return codes.count
        }
    }

    public subscript(row: Int) -> String {
        switch storage {
        case let .plain(strings): return strings[row]
        case let .dictionary(codes, dictionary): return dictionary[Int(codes[row])]
        }
    }

    /// The strings as one array (each row's string copied when dictionary-encoded).
    public var array: [String] {
        switch storage {
        case let .plain(strings): return strings
        case let .dictionary(codes, dictionary): return codes.map { dictionary[Int($0)] }
        }
    }

    /// The dictionary form: codes and the strings they index (a plain column is its own
    /// dictionary, row i coded i).
    var encoded: (codes: [UInt32]?, dictionary: [String]) {
        switch storage {
        case let .plain(strings): return (nil, strings)
        case let .dictionary(codes, dictionary): return (codes, dictionary)
        }
    }

    /// `self[rows[i]]` for each i. With a `placeholder`, a negative row gives it (an unmatched
    /// row of a left join); without one, every row must be in range.
    ///
    /// A gather that repeats strings (more rows out than strings in, as a join of a small table
    /// onto a large one) is dictionary-encoded; a dictionary column stays one.
    ///
    /// - Complexity: O(`rows.count`), plus O(dictionary) when a placeholder is needed.
    func gathering(_ rows: [Int], placeholder: String? = nil) -> StringValues {
        let placeholder = placeholder.flatMap { text in rows.contains { $0 < 0 } ? text : nil }
        switch storage {
        case let .plain(strings):
            guard rows.count > 4 * strings.count, rows.count > 1 << 16, strings.count < Int(UInt32.max) else {
                guard let placeholder else { return StringValues(rows.map { strings[$0] }) }
                return StringValues(rows.map { $0 < 0 ? placeholder : strings[$0] })
            }
            let extra = UInt32(strings.count)
            return StringValues(codes: rows.map { $0 < 0 ? extra : UInt32($0) },
                                dictionary: placeholder.map { strings + [$0] } ?? strings)
        case let .dictionary(codes, dictionary):
            let extra = UInt32(dictionary.count)
            return StringValues(codes: rows.map { $0 < 0 ? extra : codes[$0] },
                                dictionary: placeholder.map { dictionary + [$0] } ?? dictionary)
        }
    }

    /// The same strings with the rows in `rows` set to `value`.
    func replacing(rows: RowMask, with value: String) -> StringValues {
        switch storage {
        case var .plain(strings):
            for row in strings.indices where rows[row] { strings[row] = value }
            return StringValues(strings)
        case var .dictionary(codes, dictionary):
            let code = UInt32(dictionary.count)
            dictionary.append(value)
            for row in codes.indices where rows[row] { codes[row] = code }
            return StringValues(codes: codes, dictionary: dictionary)
        }
    }

    /// Each row's rank among the distinct strings, in UTF-8 byte order (Unicode code point
    /// order, as Python compares strings): equal strings get equal ranks.
    ///
    /// Each distinct string (each dictionary entry) is hashed once and only the distinct ones
    /// compared, so a column of a few genres over millions of rows ranks in linear time.
    func ranks() -> [Int] {
        let (codes, dictionary) = encoded
        var idOfValue: [ExactString: Int] = [:]
        var distinct: [String] = []
        var idOfEntry = [Int](repeating: 0, count: dictionary.count)
        for (entry, value) in dictionary.enumerated() {
            let key = ExactString(value: value)
            if let id = idOfValue[key] {
                idOfEntry[entry] = id
            } else {
                idOfEntry[entry] = distinct.count
                idOfValue[key] = distinct.count
                distinct.append(value)
            }
        }
        let order = distinct.indices.sorted { distinct[$0].utf8.lexicographicallyPrecedes(distinct[$1].utf8) }
        var rankOfID = [Int](repeating: 0, count: distinct.count)
        for (rank, id) in order.enumerated() { rankOfID[id] = rank }
        guard let codes else { return idOfEntry.map { rankOfID[$0] } }
        let rankOfEntry = idOfEntry.map { rankOfID[$0] }
        return codes.map { rankOfEntry[Int($0)] }
    }
}
