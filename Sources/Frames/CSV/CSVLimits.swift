/// The largest delimited file the reader accepts, so that a wrong file (a disk image, a log
/// without line breaks, a sparse file of terabytes) is refused with a clear message before it
/// exhausts memory, instead of being read until the machine gives up.
///
/// The defaults are generous: ml-32m's ratings.csv, the largest MovieLens file, is 0.9 GB with
/// rows of about 30 bytes and 4 fields.
public struct CSVLimits: Hashable, Sendable {
    /// The largest file, in bytes: 8 GiB by default.
    public var maxFileBytes: Int
    /// The longest row, in bytes, counting the lines a quoted field spans: 16 MiB by default.
    public var maxRecordBytes: Int
    /// The most fields in a row: 10,000 by default.
    public var maxFields: Int

    public init(maxFileBytes: Int = 8 << 30, maxRecordBytes: Int = 16 << 20, maxFields: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
    }

    /// The default limits.
    public static let standard = CSVLimits()
}
