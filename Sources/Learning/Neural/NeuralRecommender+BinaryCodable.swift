import RecbookSupport

/// The cache format of a trained neural recommender, version 1.
///
/// Little-endian, in this order:
/// 1. the magic `RBNN` (four bytes) and the format version (`UInt32`);
/// 2. the architecture: user count, movie count, content dimension, embedding dimension
///    (`Int64` each), the hidden layer widths (`[Int64]`), the dropout rate and the L2
///    coefficient (`Double` each);
/// 3. the content matrix (`[Float]`, `movieCount × contentDimension`, row-major);
/// 4. every weight (`[Float]`) in Keras's `get_weights()` order, concatenated.
///
/// Decoding checks the magic, the version, the architecture and every array length, so a stale
/// or corrupt cache entry throws instead of producing a broken model.
extension NeuralRecommender: BinaryCodable {
    static let formatMagic: UInt32 = 0x4E4E_4252  // "RBNN" in little-endian byte order
    static let formatVersion: UInt32 = 1

    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatMagic)
        writer.write(Self.formatVersion)
        writer.write(Int64(configuration.userCount))
        writer.write(Int64(configuration.movieCount))
        writer.write(Int64(configuration.contentDimension))
        writer.write(Int64(configuration.embeddingDimension))
        writer.writeArray(configuration.hiddenUnits.map(Int64.init))
        writer.write(configuration.dropoutRate)
        writer.write(configuration.embeddingL2)
        writer.writeArray(contentFeatures)
        writer.writeArray(parameters)
    }

    public init(from reader: inout BinaryReader) throws {
        guard try reader.read(UInt32.self) == Self.formatMagic else {
            throw BinaryDecodingError.invalid("not a neural recommender (bad magic)")
        }
        let version = try reader.read(UInt32.self)
        guard version == Self.formatVersion else {
            throw BinaryDecodingError.invalid("neural recommender format version \(version); expected \(Self.formatVersion)")
        }
        func count() throws -> Int {
            let value = try reader.read(Int64.self)
            guard let count = Int(exactly: value), count >= 0 else {
                throw BinaryDecodingError.invalid("negative size \(value)")
            }
            return count
        }
        let userCount = try count()
        let movieCount = try count()
        let contentDimension = try count()
        let embeddingDimension = try count()
        let hiddenUnits = try reader.readArray(Int64.self).map { Int(clamping: $0) }
        let configuration = NeuralRecommenderConfiguration(
            userCount: userCount, movieCount: movieCount, contentDimension: contentDimension,
            embeddingDimension: embeddingDimension, hiddenUnits: hiddenUnits,
            dropoutRate: try reader.read(Double.self), embeddingL2: try reader.read(Double.self)
        )
        let contentFeatures = try reader.readArray(Float.self)
        let parameters = try reader.readArray(Float.self)
        do {
            try Self.validate(configuration: configuration, contentFeatures: contentFeatures)
        } catch {
            throw BinaryDecodingError.invalid("neural recommender: \(error)")
        }
        let layout = ParameterLayout(configuration)
        guard parameters.count == layout.count else {
            throw BinaryDecodingError.invalid("neural recommender has \(parameters.count) weights; expected \(layout.count)")
        }
        self.configuration = configuration
        self.contentFeatures = contentFeatures
        self.parameters = parameters
        self.layout = layout
    }
}
