/// A fixed-length set of row positions, one bit per row: which rows of a column have no value.
public struct RowMask: Hashable, Sendable {
    /// The number of rows the mask covers.
    public private(set) var count: Int
    private(set) var words: [UInt64]

    /// A mask of `count` rows, none of them set.
    public init(count: Int) {
        self.count = count
        self.words = [UInt64](repeating: 0, count: (count + 63) >> 6)
    }

    /// A mask over stored words; bits past `count` are cleared so that equal masks compare equal.
    init(count: Int, words: [UInt64]) {
        self.count = count
        self.words = words
        let usedBits = count & 63
        if usedBits != 0, !words.isEmpty {
            self.words[words.count - 1] &= (1 << UInt64(usedBits)) - 1
        }
    }

    /// Whether `row` is in the set.
    public subscript(row: Int) -> Bool {
        get { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }
        set {
            let bit: UInt64 = 1 << UInt64(row & 63)
            if newValue { words[row >> 6] |= bit } else { words[row >> 6] &= ~bit }
        }
    }

    /// The number of rows in the set.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether no row is in the set.
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Adds the rows of `other`, a mask of the same count.
    mutating func formUnion(_ other: RowMask) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    /// Adds one more row at the end.
    mutating func append(_ isSet: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if isSet { self[count - 1] = true }
    }
}
