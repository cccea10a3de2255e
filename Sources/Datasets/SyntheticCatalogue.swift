import Foundation
import RecbookSupport

/// The movies of a synthetic release: ids, popularity, and the latent traits ratings are drawn
/// from. Titles, genres and links are drawn as they are written, from streams of their own.
struct SyntheticCatalogue: Sendable {
    /// Latent factors per movie and user.
    static let factorCount = 8
    /// Popularity falls with rank as (rank + 80)^-1.6: at ML-25M's size the top movie gets about
    /// 0.8 % of the ratings and the median movie a dozen, as in the real release.
    static let popularityExponent = 1.6
    static let popularityOffset = 80.0

    let movieIds: [Int]
    /// Each movie's share of attention, for drawing the movies users rate and tag.
    let popularity: [Double]
    let popularityTable: AliasTable
    let bias: [Double]
    /// `factorCount` factors per movie, movie after movie.
    let factors: [Double]
    private let seed: UInt64

    init(movies count: Int, seed: UInt64) {
        self.seed = seed
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "traits"))
        // Ids rise with gaps, as MovieLens' do.
        var ids: [Int] = []
        ids.reserveCapacity(count)
        var next = 1
        for _ in 0..<count {
            ids.append(next)
            next += generator.nextDouble() < 0.8 ? 1 : 1 + generator.nextIndex(below: 6)
        }
        movieIds = ids
        // Popularity ranks are a random permutation of the movies.
        var ranks = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            ranks.swapAt(index, generator.nextIndex(below: index + 1))
        }
        let weights = ranks.map { Foundation.pow(Double($0) + Self.popularityOffset, -Self.popularityExponent) }
        popularity = weights
        popularityTable = AliasTable(weights: weights)
        // Popular movies are rated a little higher.
        let logs = weights.map { Foundation.log($0) }
        let meanLog = logs.reduce(0, +) / Double(count)
        let spread = max((logs.reduce(0) { $0 + ($1 - meanLog) * ($1 - meanLog) } / Double(count)).squareRoot(), 1e-9)
        bias = logs.map { 0.3 * generator.nextNormal() + 0.05 * ($0 - meanLog) / spread }
        factors = (0..<(count * Self.factorCount)).map { _ in 0.42 * generator.nextNormal() }
    }

    var count: Int { movieIds.count }

    // MARK: movies.csv and links.csv

    func writeMovies(to writer: inout CSVFileWriter) {
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "titles"))
        for movieId in movieIds {
            writer.integer(movieId)
            writer.text(MovieText.title(&generator))
            writer.text(MovieText.genres(&generator))
            writer.endRow()
        }
    }

    /// imdbIds are zero-padded to seven digits and rise with the movieId; one tmdbId in 500 is missing.
    func writeLinks(to writer: inout CSVFileWriter, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var imdbId = 10_000
        for movieId in movieIds {
            imdbId += 1 + generator.nextIndex(below: 60)
            writer.integer(movieId)
            writer.integer(imdbId, width: 7)
            if generator.nextIndex(below: 500) == 0 {
                writer.missing()
            } else {
                writer.integer(1 + generator.nextIndex(below: 900_000))
            }
            writer.endRow()
        }
    }
}

/// The text of movies and tags: titles with years, genre lists, and the tag vocabulary.
enum MovieText {
    /// MovieLens' 19 genres, each with its frequency in ML-25M (movies carrying it, in hundreds).
    static let genres: [(name: String, weight: Double)] = [
        ("Action", 73), ("Adventure", 41), ("Animation", 29), ("Children", 29), ("Comedy", 168),
        ("Crime", 53), ("Documentary", 56), ("Drama", 256), ("Fantasy", 27), ("Film-Noir", 3.5),
        ("Horror", 59), ("IMAX", 2), ("Musical", 10), ("Mystery", 29), ("Romance", 77),
        ("Sci-Fi", 36), ("Thriller", 86), ("War", 19), ("Western", 14),
    ]
    private static let genreTable = AliasTable(weights: genres.map(\.weight))

    private static let adjectives = [
        "Silent", "Last", "Golden", "Broken", "Midnight", "Lost", "Wild", "Hidden", "Crimson", "Frozen",
        "Electric", "Lonely", "Secret", "Burning", "Distant", "Little", "Final", "Savage", "Quiet", "Endless",
    ]
    private static let nouns = [
        "River", "Harbor", "Kingdom", "Summer", "Stranger", "Garden", "Empire", "Highway", "Mirror", "Promise",
        "Island", "Machine", "Witness", "Horizon", "Circus", "Detective", "Orchard", "Signal", "Voyage", "Winter",
    ]
    /// Words with letters outside ASCII, for titles that must survive every encoding step.
    private static let foreignWords = ["Amélie", "Café", "Ça", "Mañana", "Zoë", "Łódź", "Straße", "Dvořák", "東京", "Москва"]

    /// A title with its year; some have a trailing article (`Harbor, The`), quotes, an a.k.a. or
    /// non-ASCII letters, as real titles do.
    static func title(_ generator: inout SeededGenerator) -> String {
        let adjective = adjectives[generator.nextIndex(below: adjectives.count)]
        let noun = nouns[generator.nextIndex(below: nouns.count)]
        // Recent years are commoner, as in the catalogue.
        let year = 1900 + Int(119.999 * generator.nextDouble().squareRoot())
        let name: String
        switch generator.nextIndex(below: 20) {
        case 0, 1: name = "\(adjective) \(noun), The"
        case 2: name = "\"\(adjective)\" \(noun)"
        case 3: name = "\(noun) (a.k.a. \(adjective) \(nouns[generator.nextIndex(below: nouns.count)]))"
        case 4: name = "\(foreignWords[generator.nextIndex(below: foreignWords.count)]) \(noun)"
        case 5: name = "\(noun): \(adjective), \(nouns[generator.nextIndex(below: nouns.count)])"
        default: name = "\(adjective) \(noun)"
        }
        return "\(name) (\(year))"
    }

    /// One to five distinct genres in alphabetical order joined by `|`, or `(no genres listed)`
    /// for one movie in twenty.
    static func genres(_ generator: inout SeededGenerator) -> String {
        if generator.nextIndex(below: 20) == 0 { return "(no genres listed)" }
        let draw = generator.nextDouble()
        let count = draw < 0.35 ? 1 : draw < 0.68 ? 2 : draw < 0.88 ? 3 : draw < 0.97 ? 4 : 5
        var chosen = Set<Int>()
        while chosen.count < count { chosen.insert(genreTable.draw(&generator)) }
        return chosen.sorted().map { genres[$0].name }.joined(separator: "|")
    }

    /// Tags that trip up careless CSV, HTML and terminal code; among the commonest tags, so that
    /// even a small release has them.
    static let hostileTags = [
        "funny, dark", "\"quoted\" tag", "<b>bold</b>", "Tom &amp; Jerry", "rock & roll",
        "<script>alert('x')</script>", "line one\nline two", "café", "東京", "50% off",
    ]

    /// The tag vocabulary, commonest first: descriptive phrases, with the hostile tags every
    /// other rank among the first twenty.
    static let tagVocabulary: [String] = {
        let subjects = ["time travel", "heist", "friendship", "revenge", "space", "family", "music", "war", "love", "survival"]
        let qualities = ["", "dark ", "funny ", "slow ", "beautiful ", "classic ", "twist ", "based on a book: ", "overrated ", "quirky "]
        var tags: [String] = []
        for quality in qualities { for subject in subjects { tags.append(quality + subject) } }
        for (position, tag) in hostileTags.enumerated() { tags.insert(tag, at: 2 * position + 1) }
        for adjective in adjectives { for noun in nouns { tags.append("\(adjective.lowercased()) \(noun.lowercased())") } }
        return tags
    }()

    /// Tag popularity falls as (rank + 3)^-1.1.
    static let tagTable = AliasTable(weights: tagVocabulary.indices.map { Foundation.pow(Double($0) + 3, -1.1) })
}
