import Foundation
import RecbookSupport

/// The users of a synthetic release: when each is active, drawn from a stream per user so that
/// ratings and tags agree on it without holding it for every user.
struct SyntheticPeople: Sendable {
    let users: Int
    private let seed: UInt64

    /// 1996-01-01 and 2019-12-31 23:59:59 UTC, the span of ML-25M's ratings.
    static let firstSecond = 820_454_400
    static let lastSecond = 1_577_836_799

    init(users: Int, seed: UInt64) {
        self.users = users
        self.seed = seed
    }

    /// A generator of the user's own, for what is drawn once per user.
    func generator(for user: Int, _ purpose: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (UInt64(user) &* 0x9E37_79B9_7F4A_7C15) ^ (purpose &* 0xD1B5_4A32_D192_ED03))
    }

    /// The user's active period: a start, then a length from an hour to the rest of the span,
    /// log-uniform (many users rate in one sitting, some for years).
    func window(of user: Int) -> (start: Int, length: Int) {
        var generator = generator(for: user, 1)
        let span = Self.lastSecond - Self.firstSecond - 3600
        let start = Self.firstSecond + generator.nextIndex(below: span)
        let longest = Double(Self.lastSecond - start)
        let length = Foundation.exp(Foundation.log(3600) + generator.nextDouble() * (Foundation.log(longest) - Foundation.log(3600)))
        return (start, Int(length))
    }

    /// A moment in the user's window.
    static func moment(in window: (start: Int, length: Int), _ generator: inout SeededGenerator) -> Int {
        window.start + generator.nextIndex(below: window.length + 1)
    }

    /// Log-normal activity weights, one per user, drawn from a stream of their own.
    func activity(spread: Double, purpose: UInt64) -> [Double] {
        (0..<users).map { user in
            var generator = generator(for: user, purpose)
            return Foundation.exp(spread * generator.nextNormal())
        }
    }
}

/// The ratings of a synthetic release, drawn and written user by user.
struct SyntheticRatings {
    let catalogue: SyntheticCatalogue
    let people: SyntheticPeople
    /// Ratings per user: 20 each, and the rest in proportion to log-normal activity (median about
    /// half the mean, as in ML-25M), at most one per movie.
    let counts: [Int]
    /// For each movie, the last user who rated it: a set of the current user's movies that needs
    /// no clearing between users.
    private var lastRater: [Int32]
    private var chosen: [Int] = []

    init(catalogue: SyntheticCatalogue, people: SyntheticPeople, total: Int) {
        self.catalogue = catalogue
        self.people = people
        let floor = SyntheticMovieLens.minimumRatingsPerUser
        let extra = allocate(
            total - floor * people.users, weights: people.activity(spread: 1.2, purpose: 2), cap: catalogue.count - floor
        )
        counts = extra.map { $0 + floor }
        lastRater = Array(repeating: -1, count: catalogue.count)
    }

    mutating func write(to writer: inout CSVFileWriter) {
        let global = 3.4
        let k = SyntheticCatalogue.factorCount
        var factors = Array(repeating: 0.0, count: k)
        for user in 0..<people.users {
            var generator = people.generator(for: user, 3)
            let window = people.window(of: user)
            let userBias = 0.4 * generator.nextNormal()
            for index in 0..<k { factors[index] = 0.42 * generator.nextNormal() }
            chooseMovies(for: user, count: counts[user], &generator)
            for movie in chosen {
                var score = global + userBias + catalogue.bias[movie] + 0.8 * generator.nextNormal()
                for index in 0..<k { score += factors[index] * catalogue.factors[movie * k + index] }
                let halves = min(10, max(1, Int((score * 2).rounded())))
                writer.integer(user + 1)
                writer.integer(catalogue.movieIds[movie])
                writer.halfStars(halves)
                writer.integer(SyntheticPeople.moment(in: window, &generator))
                writer.endRow()
            }
        }
    }

    /// Fills `chosen` with `count` distinct movies drawn by popularity, in movieId order.
    private mutating func chooseMovies(for user: Int, count: Int, _ generator: inout SeededGenerator) {
        chosen.removeAll(keepingCapacity: true)
        if count * 16 <= catalogue.count {
            // Few movies: draw and redraw repeats. The taken share of popularity stays small.
            while chosen.count < count {
                let movie = catalogue.popularityTable.draw(&generator)
                if lastRater[movie] != Int32(truncatingIfNeeded: user) {
                    lastRater[movie] = Int32(truncatingIfNeeded: user)
                    chosen.append(movie)
                }
            }
        } else {
            // Many: weighted sampling without replacement by exponential keys (Efraimidis and
            // Spirakis), where redrawing would mostly hit movies already taken.
            // The movies whose keys are among the `count` largest, found in movie order.
            let keys = catalogue.popularity.map { Foundation.log(1 - generator.nextDouble()) / $0 }
            let threshold = keys.sorted(by: >)[count - 1]
            for (movie, key) in keys.enumerated() where key >= threshold && chosen.count < count {
                chosen.append(movie)
            }
            return
        }
        chosen.sort()
    }
}

/// The tags of a synthetic release: about one user in eleven tags, a few of them prolifically;
/// tagged movies are drawn by popularity and tags from a vocabulary in which the hostile ones are
/// among the commonest.
struct SyntheticTags {
    let catalogue: SyntheticCatalogue
    let people: SyntheticPeople
    let total: Int

    func write(to writer: inout CSVFileWriter) {
        guard total > 0 else { return }
        let activity = people.activity(spread: 2.0, purpose: 4)
        var weights = activity.indices.map { user -> Double in
            var generator = people.generator(for: user, 5)
            return generator.nextIndex(below: 11) == 0 ? activity[user] : 0
        }
        if !weights.contains(where: { $0 > 0 }) { weights[0] = 1 }
        let taggers = weights.indices.filter { weights[$0] > 0 }
        let counts = allocate(total, weights: taggers.map { weights[$0] }, cap: Int.max / 2)
        var rows: [(movie: Int, tag: Int, moment: Int)] = []
        for (position, user) in taggers.enumerated() where counts[position] > 0 {
            var generator = people.generator(for: user, 6)
            let window = people.window(of: user)
            rows.removeAll(keepingCapacity: true)
            for _ in 0..<counts[position] {
                rows.append((
                    catalogue.popularityTable.draw(&generator), MovieText.tagTable.draw(&generator),
                    SyntheticPeople.moment(in: window, &generator)
                ))
            }
            rows.sort { ($0.movie, $0.moment, $0.tag) < ($1.movie, $1.moment, $1.tag) }
            for row in rows {
                writer.integer(user + 1)
                writer.integer(catalogue.movieIds[row.movie])
                writer.text(MovieText.tagVocabulary[row.tag])
                writer.integer(row.moment)
                writer.endRow()
            }
        }
    }
}
