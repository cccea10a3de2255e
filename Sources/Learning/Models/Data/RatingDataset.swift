/// Training ratings indexed densely both ways: each user's history in time order, and each
/// item's raters.
///
/// External ids appear only in the two vocabularies. Users and items are numbered in ascending
/// id order, so the same log always gives the same indices, and only items with at least one
/// training rating exist. A model fitted on a dataset keeps its vocabularies and histories.
public struct RatingDataset: Sendable {
    /// The users, by external id.
    public let users: IdVocabulary
    /// The items, by external id: the catalogue a model ranks.
    public let items: IdVocabulary
    /// Each user's ratings, oldest first (ties in time keep log order).
    public let histories: UserHistories
    /// `itemCount + 1` offsets into ``itemEntries``.
    public let itemOffsets: [Int]
    /// For each item, the positions in ``histories`` of its ratings, by ascending user.
    public let itemEntries: [Int]
    /// For each position in ``histories``, its user.
    public let entryUsers: [Int]
    /// The mean of all ratings (a repeated pair's mean counted once).
    public let meanRating: Double
    /// How many rows of the log repeated a (user, item) pair rated before and were averaged into it.
    public let repeatedPairCount: Int

    /// Indexes a rating log.
    ///
    /// A (user, item) pair rated more than once becomes one entry with the mean of its ratings,
    /// at the place of its first rating in the user's history, as the `pivot` step (and pandas'
    /// `pivot_table`) treats it; ``repeatedPairCount`` says how many rows were merged away.
    ///
    /// - Throws: ``ModelError/invalidData(_:)`` for an empty log.
    /// - Complexity: O(n log n) for n rows.
    public init(_ log: RatingLog) throws {
        guard log.count > 0 else { throw ModelError.invalidData("there are no ratings to fit on") }
        let users = IdVocabulary(log.userIds), items = IdVocabulary(log.itemIds)
        self.users = users
        self.items = items
        // The vocabularies hold every id of the log, so these lookups cannot fail.
        let userIndex = log.userIds.map { users.index(of: $0) ?? 0 }
        let itemIndex = log.itemIds.map { items.index(of: $0) ?? 0 }
        let order = log.userIds.indices.sorted {
            (userIndex[$0], log.timestamps[$0], $0) < (userIndex[$1], log.timestamps[$1], $1)
        }

        var offsets = [Int](repeating: 0, count: users.count + 1)
        var lastEntry = [Int](repeating: -1, count: items.count)
        var lastUser = [Int](repeating: -1, count: items.count)
        var entryItems: [Int] = [], entryRatings: [Double] = [], entryUsers: [Int] = [], entryCounts: [Int] = []
        entryItems.reserveCapacity(order.count)
        entryRatings.reserveCapacity(order.count)
        entryUsers.reserveCapacity(order.count)
        entryCounts.reserveCapacity(order.count)
        for row in order {
            let user = userIndex[row], item = itemIndex[row]
            if lastUser[item] == user {
                entryRatings[lastEntry[item]] += log.ratings[row]
                entryCounts[lastEntry[item]] += 1
                continue
            }
            lastUser[item] = user
            lastEntry[item] = entryItems.count
            offsets[user + 1] += 1
            entryItems.append(item)
            entryRatings.append(log.ratings[row])
            entryUsers.append(user)
            entryCounts.append(1)
        }
        for user in 0..<users.count { offsets[user + 1] += offsets[user] }
        for entry in entryCounts.indices where entryCounts[entry] > 1 { entryRatings[entry] /= Double(entryCounts[entry]) }
        repeatedPairCount = order.count - entryItems.count
        histories = UserHistories(unchecked: offsets, entryItems, entryRatings)
        self.entryUsers = entryUsers
        (itemOffsets, itemEntries) = Self.indexByItem(entryItems, itemCount: items.count)
        meanRating = entryRatings.reduce(0, +) / Double(entryRatings.count)
    }

    /// Groups history positions by item; users ascend within an item because positions do.
    private static func indexByItem(_ entryItems: [Int], itemCount: Int) -> ([Int], [Int]) {
        var offsets = [Int](repeating: 0, count: itemCount + 1)
        for item in entryItems { offsets[item + 1] += 1 }
        for item in 0..<itemCount { offsets[item + 1] += offsets[item] }
        var next = offsets
        var entries = [Int](repeating: 0, count: entryItems.count)
        for (position, item) in entryItems.enumerated() {
            entries[next[item]] = position
            next[item] += 1
        }
        return (offsets, entries)
    }

    /// The number of users.
    public var userCount: Int { users.count }
    /// The number of items.
    public var itemCount: Int { items.count }
    /// The number of ratings.
    public var ratingCount: Int { histories.ratingCount }

    /// The positions in ``histories`` of one item's ratings.
    public func entries(ofItem item: Int) -> ArraySlice<Int> { itemEntries[itemOffsets[item]..<itemOffsets[item + 1]] }

    /// How many ratings each item received.
    public var itemRatingCounts: [Int] { (0..<itemCount).map { itemOffsets[$0 + 1] - itemOffsets[$0] } }

    /// Maps a log of (typically held-out) ratings onto this dataset's indices.
    ///
    /// Rows whose user or item is not in the vocabularies are skipped and counted, since no
    /// model fitted here can score them.
    public func encode(_ log: RatingLog) -> EncodedRatings {
        var result = EncodedRatings()
        for row in 0..<log.count {
            guard let user = users.index(of: log.userIds[row]) else {
                result.skippedUnknownUser += 1
                continue
            }
            guard let item = items.index(of: log.itemIds[row]) else {
                result.skippedUnknownItem += 1
                continue
            }
            result.users.append(user)
            result.items.append(item)
            result.ratings.append(log.ratings[row])
        }
        return result
    }
}

/// Ratings mapped onto a model's dense indices, with the rows that could not be mapped counted.
public struct EncodedRatings: Sendable, Equatable {
    /// The dense user index of each kept row.
    public var users: [Int] = []
    /// The dense item index of each kept row.
    public var items: [Int] = []
    /// The rating of each kept row.
    public var ratings: [Double] = []
    /// Rows skipped because the user is unknown.
    public var skippedUnknownUser = 0
    /// Rows skipped because the item is unknown (and the user known).
    public var skippedUnknownItem = 0

    public init() {}

    /// The number of kept rows.
    public var count: Int { users.count }
    /// The number of skipped rows.
    public var skipped: Int { skippedUnknownUser + skippedUnknownItem }
}
