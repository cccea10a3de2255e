import RecbookSupport

/// One rating of one item, by dense item index.
public struct RatedItem: Sendable, Hashable {
    /// The dense index of the item in a model's item vocabulary.
    public var item: Int
    /// The rating given.
    public var rating: Double

    public init(item: Int, rating: Double) {
        self.item = item
        self.rating = rating
    }
}

/// Every user's ratings, oldest first, in compressed sparse row form.
///
/// User `u`'s ratings are `items[offsets[u]..<offsets[u + 1]]` and the matching `ratings`, in
/// the order the user gave them. Keeping the order (rather than sorting by item, as
/// `SparseMatrix` does) is what lets models weight a user's recent taste more.
public struct UserHistories: Sendable, Equatable {
    /// `userCount + 1` offsets into ``items`` and ``ratings``; the first is 0.
    public let offsets: [Int]
    /// The dense item index of each rating.
    public let items: [Int]
    /// The value of each rating.
    public let ratings: [Double]

    /// Creates histories from CSR arrays.
    ///
    /// - Parameters:
    ///   - offsets: Non-decreasing, starting at 0 and ending at `items.count`.
    ///   - items: Item indices in `0..<itemCount`; no item twice in one user's history.
    ///   - ratings: Finite ratings, parallel to `items`.
    ///   - itemCount: The size of the item vocabulary.
    /// - Throws: ``ModelError/invalidData(_:)`` naming the first broken invariant.
    public init(offsets: [Int], items: [Int], ratings: [Double], itemCount: Int) throws {
        guard offsets.first == 0, offsets.last == items.count, items.count == ratings.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw ModelError.invalidData("history offsets do not describe \(items.count) ratings") }
        var seen = [Int](repeating: -1, count: itemCount)
        for user in 0..<(offsets.count - 1) {
            for position in offsets[user]..<offsets[user + 1] {
                let item = items[position]
                guard item >= 0, item < itemCount else {
                    throw ModelError.invalidData("user \(user) rated item \(item), outside 0..<\(itemCount)")
                }
                guard seen[item] != user else {
                    throw ModelError.invalidData("user \(user) rated item \(item) twice")
                }
                seen[item] = user
                guard ratings[position].isFinite else {
                    throw ModelError.invalidData("user \(user) gave item \(item) the rating \(ratings[position])")
                }
            }
        }
        self.init(unchecked: offsets, items, ratings)
    }

    /// Groups ratings by user, each user's in the order given (give them oldest first).
    ///
    /// - Parameters:
    ///   - users: Each rating's user, in `0..<userCount`.
    ///   - items: Each rating's item, in `0..<itemCount`.
    ///   - ratings: The ratings.
    /// - Throws: ``ModelError/invalidData(_:)`` for columns of different lengths, an index out
    ///   of range, a user who rated an item twice, or a non-finite rating.
    public init(users: [Int], items: [Int], ratings: [Double], userCount: Int, itemCount: Int) throws {
        guard users.count == items.count, users.count == ratings.count else {
            throw ModelError.invalidData("\(users.count) users, \(items.count) items and \(ratings.count) ratings")
        }
        if let bad = users.first(where: { $0 < 0 || $0 >= userCount }) {
            throw ModelError.invalidData("user \(bad) is outside 0..<\(userCount)")
        }
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for user in users { offsets[user + 1] += 1 }
        for user in 0..<userCount { offsets[user + 1] += offsets[user] }
        var next = offsets
        var groupedItems = [Int](repeating: 0, count: items.count), groupedRatings = [Double](repeating: 0, count: ratings.count)
        for (position, user) in users.enumerated() {
            groupedItems[next[user]] = items[position]
            groupedRatings[next[user]] = ratings[position]
            next[user] += 1
        }
        try self.init(offsets: offsets, items: groupedItems, ratings: groupedRatings, itemCount: itemCount)
    }

    init(unchecked offsets: [Int], _ items: [Int], _ ratings: [Double]) {
        self.offsets = offsets
        self.items = items
        self.ratings = ratings
    }

    /// The number of users.
    public var userCount: Int { offsets.count - 1 }

    /// The number of ratings of all users together.
    public var ratingCount: Int { items.count }

    /// The positions of one user's ratings in ``items`` and ``ratings``.
    ///
    /// - Precondition: `0 <= user < userCount`.
    public func range(ofUser user: Int) -> Range<Int> { offsets[user]..<offsets[user + 1] }

    /// One user's ratings, oldest first.
    ///
    /// - Precondition: `0 <= user < userCount`.
    public func history(ofUser user: Int) -> [RatedItem] {
        range(ofUser: user).map { RatedItem(item: items[$0], rating: ratings[$0]) }
    }

    /// The number of ratings each item received.
    public func itemCounts(itemCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: itemCount)
        for item in items where item < itemCount { counts[item] += 1 }
        return counts
    }
}

extension UserHistories: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.writeArray(offsets.map { Int64($0) })
        writer.writeArray(items.map { Int32(truncatingIfNeeded: $0) })
        writer.writeArray(ratings)
    }

    /// Reads histories back; structural damage throws (item ranges are checked by the model
    /// that owns them, which knows its item count).
    public init(from reader: inout BinaryReader) throws {
        let offsets = try reader.readArray(Int64.self).map { Int($0) }
        let items = try reader.readArray(Int32.self).map { Int($0) }
        let ratings = try reader.readArray(Double.self)
        guard offsets.first == 0, offsets.last == items.count, items.count == ratings.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              items.allSatisfy({ $0 >= 0 })
        else { throw BinaryDecodingError.invalid("user histories are inconsistent") }
        self.init(unchecked: offsets, items, ratings)
    }

    /// Checks that every item index is below `itemCount`.
    func validate(itemCount: Int) throws {
        if let bad = items.first(where: { $0 >= itemCount }) {
            throw BinaryDecodingError.invalid("user histories name item \(bad), outside 0..<\(itemCount)")
        }
    }
}
