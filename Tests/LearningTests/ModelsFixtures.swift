import Learning

/// Small synthetic rating logs with a planted structure, for model tests.
enum PlantedRatings {
    static let userCount = 20
    static let itemCount = 10

    /// External ids: users 100…119, items 1000…1009, so dense indices equal the offsets.
    static func userId(_ user: Int) -> Int { 100 + user }
    static func itemId(_ item: Int) -> Int { 1000 + item }

    /// Whether a user (0…19) likes an item (0…9): users 0–9 like items 0–4, users 10–19 items 5–9.
    static func likes(_ user: Int, _ item: Int) -> Bool { (user < 10) == (item < 5) }

    /// Two taste groups: liked items get 4.5 or 5★, the others 1 or 1.5★. User u rates item i
    /// unless (u + i) is divisible by 3, so every user has liked and disliked items unrated.
    static func explicit() throws -> RatingLog {
        var rows: [(Int, Int, Double)] = []
        for user in 0..<userCount {
            for item in 0..<itemCount where (user + item) % 3 != 0 {
                let rating = likes(user, item) ? 4.5 + 0.5 * Double((user * item) % 2) : 1 + 0.5 * Double((user + item) % 2)
                rows.append((userId(user), itemId(item), rating))
            }
        }
        return try log(rows)
    }

    /// Implicit structure: each user interacts only with the items of their group, all but
    /// one, item `missing(user)`, which is what a model should recommend first.
    static func implicit() throws -> RatingLog {
        var rows: [(Int, Int, Double)] = []
        for user in 0..<userCount {
            for item in 0..<itemCount where likes(user, item) && item != missing(user) {
                rows.append((userId(user), itemId(item), 4))
            }
        }
        return try log(rows)
    }

    /// The item a user of ``implicit()`` has not interacted with.
    static func missing(_ user: Int) -> Int { user % 5 + (user < 10 ? 0 : 5) }

    static func log(_ rows: [(Int, Int, Double)]) throws -> RatingLog {
        try RatingLog(userIds: rows.map(\.0), itemIds: rows.map(\.1), ratings: rows.map(\.2), timestamps: Array(rows.indices))
    }
}
