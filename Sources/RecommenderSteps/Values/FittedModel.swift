import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import TableSteps

/// A fitted model as a notebook value: any of the Learning library's models — the original's
/// SVD and the neural hybrid included — with the name reports show it by, its fit time, and the
/// figures measured while fitting.
///
/// Every step that fits a model produces one, and every step that uses a model reads one; what
/// a model can do is what ``Learning/Recommender`` (and ``Learning/RatingPredictor``) offer.
public struct FittedModel: NotebookValue, TabularValue {
    public static let kind = ValueKind.model

    public var model: any Recommender
    /// The name shown in reports: "EASE (λ = 100)".
    public var displayName: String
    /// One line describing the fitted model, for the report.
    public var summary: String
    /// Seconds the fit took, or NaN when the run leaves timings out.
    public var fitSeconds: Double
    /// Figures measured while fitting, in order (for example the SVD's k, the network's
    /// parameter count, or the fold-in check), for `expect:` lines and evaluations.
    public var figures: [(name: String, value: Double)]

    /// - Parameter summary: The report's line; by default the name, the numbers of users and
    ///   movies, and the fit time.
    public init(model: any Recommender, displayName: String, summary: String? = nil, fitSeconds: Double,
                figures: [(name: String, value: Double)] = []) {
        self.model = model
        self.displayName = displayName
        self.fitSeconds = fitSeconds
        self.figures = figures
        var line = "\(displayName): \(model.users.count) users, \(model.items.count) movies"
        if fitSeconds.isFinite { line += ", fitted in \(Format.duration(fitSeconds))" }
        self.summary = summary ?? line
    }

    /// The model as a rating predictor, or nil for a model that only ranks.
    public var ratingPredictor: (any RatingPredictor)? { model as? any RatingPredictor }

    /// What every fitted model measures; the step that fits it may add figures of its own.
    public static let measurementTable = MeasurementTable<FittedModel>([
        "users": { Double($0.model.users.count) },
        "movies": { Double($0.model.items.count) },
        "fit_seconds": { $0.fitSeconds },
    ])
    /// The figures `svd` adds (``ValueKind/factorisation``).
    public static let factorisationFigures = ["k", "largest-singular-value", "smallest-singular-value"]
    /// The figures `train model: dnn` adds (``ValueKind/neuralModel``).
    public static let neuralFigures = ["parameters", "epochs", "best-epoch"]

    public func measurement(_ name: String) -> Double? {
        Self.measurementTable.measure(name, of: self) ?? figures.first { $0.name == name }?.value
    }

    public var measurementNames: [String] { Self.measurementTable.names + figures.map(\.name) }

    public var tabular: any TabularSource { PredictedRatingsView(model: model) }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(displayName)
        writer.write(summary)
        writer.write(fitSeconds)
        writer.write(ModelArchive.encode(model))
        writer.write(UInt64(figures.count))
        for (name, value) in figures {
            writer.write(name)
            writer.write(value)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        displayName = try reader.read(String.self)
        summary = try reader.read(String.self)
        fitSeconds = try reader.read(Double.self)
        model = try ModelArchive.decode(try reader.read(Data.self))
        let count = try reader.read(UInt64.self)
        guard count <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("figure count") }
        figures = []
        for _ in 0..<count { figures.append((try reader.read(String.self), try reader.read(Double.self))) }
    }
}

/// Every user's predicted rating (or, for a model that only ranks, score) for every movie,
/// computed only for the cells a preview shows.
struct PredictedRatingsView: TabularSource {
    let model: any Recommender

    var rowCount: Int { model.users.count }
    var columnCount: Int { model.items.count }
    var indexName: String? { "userId" }
    var columnsName: String? { "movieId" }
    func columnName(_ column: Int) -> String { String(model.items.id(at: column)) }
    func isNumericColumn(_ column: Int) -> Bool { true }
    func rowLabel(_ row: Int) -> TableCell { .int(model.users.id(at: row)) }

    func cell(row: Int, column: Int) -> TableCell {
        do {
            let user = try model.representation(ofUser: row)
            if let predictor = model as? any RatingPredictor {
                return .double(try predictor.predictedRating(for: user, item: column))
            }
            return .double(try model.scores(for: user)[column])
        } catch {
            // A preview has no way to fail; show the reason in the cell rather than a number.
            return .string("error: \(error)")
        }
    }
}

extension Duration {
    /// The duration in seconds, for fit times.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
