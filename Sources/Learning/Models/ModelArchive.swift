import Foundation
import RecbookSupport

/// Saves and loads any of recbook's models, recognising the type from the saved header.
///
/// Every model writes a header (`recbook.model.<tag>` and a format version) before its own
/// layout, so one archive can hold any of them and a composite model (``BlendedRatingModel``)
/// can hold its parts.
public enum ModelArchive {
    /// The saved form of a model.
    public static func encode(_ model: any Recommender) -> Data {
        var writer = BinaryWriter()
        model.encode(to: &writer)
        return writer.data
    }

    /// Loads a model saved by ``encode(_:)``.
    ///
    /// - Throws: ``RecbookSupport/BinaryDecodingError`` for an unknown model type, another
    ///   format version, or damaged data.
    public static func decode(_ data: Data) throws -> any Recommender {
        var reader = BinaryReader(data)
        let model = try decode(from: &reader)
        guard reader.isAtEnd else { throw BinaryDecodingError.invalid("\(reader.remaining) bytes after the model") }
        return model
    }

    /// Reads one model of any known type from a reader.
    public static func decode(from reader: inout BinaryReader) throws -> any Recommender {
        var peek = reader
        let tag = try peek.read(String.self)
        let prefix = "recbook.model."
        guard tag.hasPrefix(prefix) else { throw BinaryDecodingError.invalid("not a saved recbook model") }
        switch String(tag.dropFirst(prefix.count)) {
        case PopularityModel.formatTag: return try PopularityModel(from: &reader)
        case BaselineModel.formatTag: return try BaselineModel(from: &reader)
        case MatrixFactorizationModel.formatTag: return try MatrixFactorizationModel(from: &reader)
        case SVDPlusPlusModel.formatTag: return try SVDPlusPlusModel(from: &reader)
        case ImplicitALSModel.formatTag: return try ImplicitALSModel(from: &reader)
        case ExternalFactorsModel.formatTag: return try ExternalFactorsModel(from: &reader)
        case MeanCenteredSVDModel.formatTag: return try MeanCenteredSVDModel(from: &reader)
        case ItemKNNModel.formatTag: return try ItemKNNModel(from: &reader)
        case EASEModel.formatTag: return try EASEModel(from: &reader)
        case BlendedRatingModel.formatTag: return try BlendedRatingModel(from: &reader)
        case NeuralRatingModel.formatTag: return try NeuralRatingModel(from: &reader)
        case let other: throw BinaryDecodingError.invalid("unknown model type '\(other)'")
        }
    }
}
