import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct TfidfVectorizerTests {
    let corpus = ["The cat sat", "the cat, the HAT!", "a b", "dog sat"]

    @Test func weighsTheFullVocabularyByHand() throws {
        let (vectorizer, features) = try TfidfVectorizer.fitTransform(corpus)
        #expect(vectorizer.vocabulary == ["cat", "dog", "hat", "sat", "the"])
        // n = 4 documents; df = 2 for cat, sat, the and 1 for dog, hat.
        let common = log(5.0 / 3.0) + 1, rare = log(5.0 / 2.0) + 1
        #expect(maxAbsoluteDifference(vectorizer.inverseDocumentFrequencies, [common, rare, rare, common, common]) < 1e-15)
        // Document 2 counts cat 1, hat 1, the 2; document 3 has no two-letter token.
        let norm2 = (common * common + rare * rare + 4 * common * common).squareRoot()
        let norm4 = (rare * rare + common * common).squareRoot()
        let expected: [[Double]] = [
            [1 / 3.0.squareRoot(), 0, 0, 1 / 3.0.squareRoot(), 1 / 3.0.squareRoot()],
            [common / norm2, 0, rare / norm2, 0, 2 * common / norm2],
            [0, 0, 0, 0, 0],
            [0, rare / norm4, 0, common / norm4, 0],
        ]
        for (actual, wanted) in zip(rows(features), expected) {
            #expect(maxAbsoluteDifference(actual, wanted) < 1e-15)
        }
        // scikit-learn 1.9, TfidfVectorizer().fit_transform(corpus).toarray()[1]:
        #expect(maxAbsoluteDifference(Array(features.row(1)), [0.3889910975917116, 0.0, 0.4933858834340294, 0.0, 0.7779821951834232]) < 1e-15)
    }

    @Test func keepsTheMostFrequentTermsThenSortsThem() throws {
        // Totals: the 3, cat 2, sat 2, dog 1, hat 1.
        let (vectorizer, features) = try TfidfVectorizer.fitTransform(corpus, maxFeatures: 3)
        #expect(vectorizer.vocabulary == ["cat", "sat", "the"])
        // Equal idfs cancel in the normalisation: document 2 is (1, 0, 2)/√5.
        #expect(maxAbsoluteDifference(Array(features.row(1)), [1 / 5.0.squareRoot(), 0, 2 / 5.0.squareRoot()]) < 1e-15)
        #expect(Array(features.row(3)) == [0, 1, 0])
    }

    @Test func breaksTiesAtTheCutAlphabetically() throws {
        // cat and sat tie at 2 for the second place.
        let vectorizer = try TfidfVectorizer(fitting: corpus, maxFeatures: 2)
        #expect(vectorizer.vocabulary == ["cat", "the"])
    }

    @Test func weightedDocumentsEqualRepeatedDocuments() throws {
        let distinct = ["Alien aliens SPACE", "space station", "", "comedy space comedy", "dropped entirely"]
        let multiplicities = [3, 1, 2, 4, 0]
        let repeated = zip(distinct, multiplicities).flatMap { Array(repeating: $0, count: $1) }
        let (weighted, weightedRows) = try TfidfVectorizer.fitTransform(distinct, multiplicities: multiplicities, maxFeatures: 3)
        let (plain, plainRows) = try TfidfVectorizer.fitTransform(repeated, maxFeatures: 3)
        #expect(weighted == plain)
        #expect(weighted.vocabulary == ["alien", "comedy", "space"])
        #expect(rows(weightedRows)[0] == rows(plainRows)[0])
        #expect(rows(weightedRows)[3] == rows(plainRows)[6])
        #expect(rows(weightedRows)[2] == [0, 0, 0])
    }

    @Test func tokenizesUnicodeLikePythonsRe() {
        // scikit-learn 1.9: TfidfVectorizer().build_analyzer()(text)
        #expect(TfidfVectorizer.tokens(in: "Ünïcode café naïve ΣΟΦΟΣ x_y 3d ½½ a1 é-e\u{301}t\u{301}é 東京タワー ⅫⅫ ΟΔΟΣ.")
            == ["ünïcode", "café", "naïve", "σοφος", "x_y", "3d", "½½", "a1", "東京タワー", "ⅻⅻ", "οδος"])
        // "İ" lower-cases to "i" plus a combining dot, which is not a word character.
        #expect(TfidfVectorizer.tokens(in: "İstanbul ǅemal don't") == ["stanbul", "ǆemal", "don"])
        // Decomposed and precomposed "é" stay distinct terms, as Python compares code points.
        #expect(Set(TfidfVectorizer.tokens(in: "cafe\u{301}s cafés")).count == 2)
    }

    @Test func transformsNewDocumentsOverTheFittedVocabulary() throws {
        let vectorizer = try TfidfVectorizer(fitting: corpus)
        let features = vectorizer.transform(["hat hat unknown", "zebra"])
        #expect(Array(features.row(0)) == [0, 0, 1, 0, 0])
        #expect(Array(features.row(1)) == [0, 0, 0, 0, 0])
    }

    @Test func rejectsBadInput() {
        #expect(throws: FeatureError.self) { try TfidfVectorizer(fitting: ["a b", ""]) }
        #expect(throws: FeatureError.self) { try TfidfVectorizer(fitting: ["ab"], multiplicities: [1, 2]) }
        #expect(throws: FeatureError.self) { try TfidfVectorizer(fitting: ["ab"], multiplicities: [-1]) }
        #expect(throws: FeatureError.self) { try TfidfVectorizer(fitting: ["ab"], maxFeatures: 0) }
        #expect(throws: FeatureError.self) { try TfidfVectorizer(fitting: ["ab cd"], multiplicities: [0]) }
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        let vectorizer = try TfidfVectorizer(fitting: corpus)
        var writer = BinaryWriter()
        writer.write(vectorizer)
        var reader = BinaryReader(writer.data)
        let decoded = try reader.read(TfidfVectorizer.self)
        #expect(decoded == vectorizer)
        #expect(decoded.transform(corpus) == vectorizer.transform(corpus))
    }

    @Test(.enabled(if: MovieLensSample.isAvailable, "needs ../shared/datasets/ml-latest-small"))
    func findsTheOriginalVocabularyOnMovieLens() throws {
        // The original fits on one document per rating row: the movie's tags joined with " " in
        // tags.csv order, or "" without tags. Here each rated movie is one document whose
        // multiplicity is its number of ratings.
        let ratings = try MovieLensSample.ratings()
        var ratingsPerMovie: [Int: Int] = [:]
        for movie in ratings.movieIds { ratingsPerMovie[movie, default: 0] += 1 }
        var tagsPerMovie: [Int: [String]] = [:]
        for record in try CSVRecords.read(MovieLensSample.directory.appendingPathComponent("tags.csv")).dropFirst() {
            guard record.count == 4, let movie = Int(record[1]) else { throw CocoaError(.fileReadCorruptFile) }
            tagsPerMovie[movie, default: []].append(record[2])
        }
        let movies = ratingsPerMovie.keys.sorted()
        let documents = movies.map { tagsPerMovie[$0, default: []].joined(separator: " ") }
        let (vectorizer, features) = try TfidfVectorizer.fitTransform(
            documents, multiplicities: movies.map { ratingsPerMovie[$0, default: 0] }, maxFeatures: 100)

        let expected = """
            250 action adventure aliens apocalyptic appealing atmospheric bad based best big bittersweet
            black book classic comedy crime cult dark dialogue disney disturbing dreamlike drugs emotional
            ending epic fantasy fi film funny good great guns heist high hit humor illness imdb in
            intelligent king language leonardo linear mafia magic men mental mindfuck movie music mystery
            netflix noir non nonlinear of on original philosophical philosophy pixar plot post provoking
            psychological psychology quentin queue quirky quotable robots satire school sci soundtrack space
            stephen story storylines strong stupid stylized superhero surreal suspense tarantino thought
            thriller time timeline top travel twist violence violent visually war
            """.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(vectorizer.vocabulary == expected)

        // scikit-learn 1.9 on the 100,836-row merged table: dict(zip(names, v.idf_)) and the rows
        // of movies 1 (Toy Story) and 296 (Pulp Fiction).
        func idf(_ term: String) -> Double {
            vectorizer.inverseDocumentFrequencies[vectorizer.vocabulary.firstIndex(of: term) ?? 0]
        }
        #expect(abs(idf("pixar") - 6.286849905041775) < 1e-12)
        #expect(abs(idf("funny") - 5.403244426294813) < 1e-12)
        #expect(abs(idf("250") - 5.20338443213365) < 1e-12)
        let toyStory = try #require(movies.firstIndex(of: 1))
        #expect(features[toyStory, vectorizer.vocabulary.firstIndex(of: "pixar") ?? 0] == 1)
        let pulpFiction = try #require(movies.firstIndex(of: 296))
        for (term, value) in [("violence", 0.338753684251855), ("dialogue", 0.24848008866987253), ("tarantino", 0.20826077369358853)] {
            #expect(abs(features[pulpFiction, vectorizer.vocabulary.firstIndex(of: term) ?? 0] - value) < 1e-14)
        }
    }
}
