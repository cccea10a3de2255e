import Foundation
import LinearAlgebra
import RecbookSupport

/// TF-IDF features of text documents with the semantics of scikit-learn's `TfidfVectorizer`
/// under its defaults, optionally limited by `max_features`.
///
/// - Terms: the text is lower-cased as Python's `str.lower()` does, and the tokens are the
///   matches of `(?u)\b\w\w+\b`: maximal runs of two or more word characters, where a word
///   character is a letter, a number or `_` as Python's `re` defines them.
/// - Vocabulary: every term, or with `maxFeatures` the terms with the highest total count
///   over all documents. Ties at the cut are broken alphabetically (scikit-learn's unstable
///   argsort leaves them unspecified). The vocabulary is then sorted by code points.
/// - Weights: tf is the raw count; idf = ln((1 + n)/(1 + df)) + 1 for n documents of which df
///   contain the term; each row of tf·idf is divided by its Euclidean norm, and a document
///   without vocabulary terms stays a zero row.
///
/// Documents can carry multiplicities. A document with multiplicity w counts as w identical
/// documents in n, df and the term totals, so fitting on distinct documents with multiplicities
/// gives exactly the vocabulary and idf of fitting on the repeated list, and the same rows.
public struct TfidfVectorizer: Sendable {
    /// The terms, in column order (sorted by code points).
    public let vocabulary: [String]
    /// The idf of each vocabulary term, in column order.
    public let inverseDocumentFrequencies: [Double]
    private let columnByTerm: [CodePointString: Int]

    /// Learns the vocabulary and idf from documents.
    ///
    /// - Parameters:
    ///   - documents: The texts.
    ///   - multiplicities: How many times each document counts; `nil` means once each.
    ///   - maxFeatures: Keep only this many most frequent terms; `nil` keeps all.
    /// - Throws: ``FeatureError/lengthMismatch(_:)`` when the multiplicities do not match the
    ///   documents, ``FeatureError/invalidParameter(_:)`` for a negative multiplicity or a
    ///   `maxFeatures` below 1, ``FeatureError/emptyInput(_:)`` when no counted document holds
    ///   a token.
    /// - Complexity: O(total text length + V log V) for V distinct terms.
    public init(fitting documents: [String], multiplicities: [Int]? = nil, maxFeatures: Int? = nil) throws {
        let counts = documents.map(Self.termCounts)
        try self.init(fittingCounts: counts, multiplicities: multiplicities, maxFeatures: maxFeatures)
    }

    /// Learns the vocabulary and idf, and returns the TF-IDF rows of the same documents
    /// (tokenizing each document once).
    ///
    /// - Parameters: As ``init(fitting:multiplicities:maxFeatures:)``.
    /// - Returns: The fitted vectorizer, and one row per document (not per multiplicity).
    /// - Throws: As ``init(fitting:multiplicities:maxFeatures:)``.
    public static func fitTransform(
        _ documents: [String], multiplicities: [Int]? = nil, maxFeatures: Int? = nil
    ) throws -> (vectorizer: TfidfVectorizer, features: Matrix) {
        let counts = documents.map(termCounts)
        let vectorizer = try TfidfVectorizer(fittingCounts: counts, multiplicities: multiplicities, maxFeatures: maxFeatures)
        return (vectorizer, vectorizer.features(of: counts))
    }

    /// The TF-IDF rows of documents, one per document, over the fitted vocabulary.
    ///
    /// Terms outside the vocabulary are ignored.
    public func transform(_ documents: [String]) -> Matrix {
        features(of: documents.map(Self.termCounts))
    }

    /// The terms scikit-learn's default analyser finds in a document, in order, repeats included.
    public static func tokens(in document: String) -> [String] {
        TextAnalysis.tokens(in: document).map(\.string)
    }

    private init(fittingCounts counts: [[CodePointString: Int]], multiplicities: [Int]?, maxFeatures: Int?) throws {
        let weights = multiplicities ?? Array(repeating: 1, count: counts.count)
        guard weights.count == counts.count else {
            throw FeatureError.lengthMismatch("\(counts.count) documents, \(weights.count) multiplicities")
        }
        if let position = weights.firstIndex(where: { $0 < 0 }) {
            throw FeatureError.invalidParameter("document \(position) has negative multiplicity \(weights[position])")
        }
        if let maxFeatures, maxFeatures < 1 {
            throw FeatureError.invalidParameter("max features must be at least 1, got \(maxFeatures)")
        }

        var totals: [CodePointString: Int] = [:]
        var documentFrequencies: [CodePointString: Int] = [:]
        for (termCounts, weight) in zip(counts, weights) where weight > 0 {
            for (term, count) in termCounts {
                totals[term, default: 0] += count * weight
                documentFrequencies[term, default: 0] += weight
            }
        }
        guard !totals.isEmpty else {
            throw FeatureError.emptyInput("the documents hold no token of two or more word characters")
        }

        var terms = totals.keys.sorted()
        if let maxFeatures, terms.count > maxFeatures {
            // Stable on the alphabetical order, so equal totals keep alphabetical order.
            let ranked = terms.enumerated().sorted { first, second in
                let (a, b) = (totals[first.element, default: 0], totals[second.element, default: 0])
                return a != b ? a > b : first.offset < second.offset
            }
            terms = ranked.prefix(maxFeatures).map(\.element).sorted()
        }

        let documentCount = Double(weights.reduce(0, +))
        vocabulary = terms.map(\.string)
        inverseDocumentFrequencies = terms.map { term in
            let frequency = Double(documentFrequencies[term, default: 0])
            return Foundation.log((documentCount + 1) / (frequency + 1)) + 1
        }
        columnByTerm = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
    }

    private init(vocabulary: [CodePointString], inverseDocumentFrequencies: [Double]) {
        self.vocabulary = vocabulary.map(\.string)
        self.inverseDocumentFrequencies = inverseDocumentFrequencies
        columnByTerm = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    }

    /// How many times each term occurs in a document.
    private static func termCounts(_ document: String) -> [CodePointString: Int] {
        var counts: [CodePointString: Int] = [:]
        for token in TextAnalysis.tokens(in: document) { counts[token, default: 0] += 1 }
        return counts
    }

    /// The L2-normalised tf·idf rows of counted documents.
    private func features(of counts: [[CodePointString: Int]]) -> Matrix {
        var result = Matrix(rowCount: counts.count, columnCount: vocabulary.count)
        var row = [Double](repeating: 0, count: vocabulary.count)
        for (index, termCounts) in counts.enumerated() {
            var columns: [Int] = []
            for (term, count) in termCounts {
                guard let column = columnByTerm[term] else { continue }
                row[column] = Double(count) * inverseDocumentFrequencies[column]
                columns.append(column)
            }
            guard !columns.isEmpty else { continue }
            // Summing in column order, as scikit-learn's sorted CSR rows do.
            columns.sort()
            let norm = columns.reduce(0.0) { $0 + row[$1] * row[$1] }.squareRoot()
            for column in columns {
                result[index, column] = row[column] / norm
                row[column] = 0
            }
        }
        return result
    }
}

extension TfidfVectorizer: Equatable {
    public static func == (lhs: TfidfVectorizer, rhs: TfidfVectorizer) -> Bool {
        lhs.vocabulary == rhs.vocabulary && lhs.inverseDocumentFrequencies == rhs.inverseDocumentFrequencies
    }
}

extension TfidfVectorizer: BinaryCodable {
    /// Writes the vocabulary, then the idf values.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(vocabulary)
        writer.writeArray(inverseDocumentFrequencies)
    }

    /// Reads a vectorizer back, rejecting an unsorted vocabulary or a mismatched idf array.
    public init(from reader: inout BinaryReader) throws {
        let terms = try reader.read([String].self).map(CodePointString.init)
        let idf = try reader.readArray(Double.self)
        guard idf.count == terms.count, zip(terms, terms.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw BinaryDecodingError.invalid("TF-IDF vocabulary is unsorted or does not match its idf values")
        }
        self.init(vocabulary: terms, inverseDocumentFrequencies: idf)
    }
}
