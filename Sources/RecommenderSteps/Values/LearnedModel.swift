import Foundation
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import RecbookSupport

/// A model from the Learning library (popularity, biases, matrix factorisation, SVD++,
/// item-kNN, EASE, implicit ALS, blends), as the steps see it.
public struct LearnedModel: RecommenderModel {
    public static let kind = ValueKind.model

    public var model: any Recommender
    /// The name shown in reports: "EASE (λ = 100)".
    public var displayName: String
    /// Seconds the fit took, or NaN when the run leaves timings out.
    public var fitSeconds: Double
    /// Further figures measured while fitting (for example the fold-in check).
    public var extraMeasurements: [String: Double] = [:]

    public init(model: any Recommender, displayName: String, fitSeconds: Double) {
        self.model = model
        self.displayName = displayName
        self.fitSeconds = fitSeconds
    }

    public var users: IdVocabulary { model.users }
    public var movies: IdVocabulary { model.items }
    public var predictsRatings: Bool { model is any RatingPredictor }

    public func predict(user: Int, movie: Int) -> Double {
        guard let predictor = model as? any RatingPredictor else { return .nan }
        return (try? predictor.predict(user: user, item: movie)) ?? .nan
    }

    public func scores(forUser user: Int) -> [Double] {
        (try? model.scores(forUser: user)) ?? []
    }

    public func scores(forUsers users: [Int]) throws -> [[Double]] {
        let matrix = try model.scores(forUsers: users)
        return (0..<matrix.rowCount).map { Array(matrix.row($0)) }
    }

    public func trainingMovies(ofUser user: Int) -> [Int] {
        guard user >= 0, user < model.histories.userCount else { return [] }
        return model.histories.history(ofUser: user).map(\.item)
    }

    public var summary: String {
        var text = "\(displayName): \(model.users.count) users, \(model.items.count) movies"
        if fitSeconds.isFinite { text += ", fitted in \(Format.duration(fitSeconds))" }
        return text
    }

    public func measurement(_ name: String) -> Double? {
        switch name {
        case "users": return Double(model.users.count)
        case "movies": return Double(model.items.count)
        case "fit_seconds": return fitSeconds
        default: return extraMeasurements[name]
        }
    }

    public var measurementNames: [String] { ["users", "movies", "fit_seconds"] + extraMeasurements.keys.sorted() }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(displayName)
        writer.write(fitSeconds)
        writer.write(ModelArchive.encode(model))
        let extras = extraMeasurements.sorted { $0.key < $1.key }
        writer.write(UInt64(extras.count))
        for (name, value) in extras {
            writer.write(name)
            writer.write(value)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        displayName = try reader.read(String.self)
        fitSeconds = try reader.read(Double.self)
        model = try ModelArchive.decode(try reader.read(Data.self))
        let count = try reader.read(UInt64.self)
        guard count <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("measurement count") }
        for _ in 0..<count { extraMeasurements[try reader.read(String.self)] = try reader.read(Double.self) }
    }
}
