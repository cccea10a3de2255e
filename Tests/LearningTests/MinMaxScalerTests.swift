import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct MinMaxScalerTests {
    // The last row is left out of the fit.
    let data = try! Matrix(rows: [[1, 5, 2], [3, 5, -1], [2, 5, 0], [100, 100, 100]])

    @Test func fitsOnSelectedRowsWithRepeats() throws {
        let scaler = try MinMaxScaler(fitting: data, rows: [0, 1, 2, 0, 2])
        #expect(scaler.dataMinimum == [1, 5, -1])
        #expect(scaler.dataMaximum == [3, 5, 2])
        // The constant middle column's range 0 counts as 1.
        #expect(scaler.scale == [0.5, 1, 1.0 / 3])
        #expect(scaler.offset == [-0.5, -5, 1.0 / 3])
    }

    @Test func transformsLikeScikitLearn() throws {
        let scaler = try MinMaxScaler(fitting: data, rows: [0, 1, 2])
        // scikit-learn 1.9: MinMaxScaler().fit(data[:3]).transform([[2, 5, 0.5], [0, 6, 5]])
        let transformed = try scaler.transform(Matrix(rows: [[2, 5, 0.5], [0, 6, 5]]))
        #expect(rows(transformed) == [[0.5, 0, 0.5], [-0.5, 1, 1.9999999999999998]])
        #expect(try scaler.transform(row: [0, 6, 5]) == [-0.5, 1, 1.9999999999999998])
    }

    @Test func mapsToACustomRange() throws {
        let scaler = try MinMaxScaler(fitting: data, rows: [0, 1], featureRange: (-1, 1))
        // scikit-learn 1.9: MinMaxScaler(feature_range=(-1, 1)).fit(data[:2]).transform([[1, 5, 2]])
        // gives [-1, -1, 0.9999999999999999]: 2·(2/3) − 1/3 rounds below 1.
        #expect(try scaler.transform(row: [1, 5, 2]) == [-1, -1, 0.9999999999999999])
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: FeatureError.self) { try MinMaxScaler(fitting: data, rows: []) }
        #expect(throws: FeatureError.self) { try MinMaxScaler(fitting: data, rows: [4]) }
        #expect(throws: FeatureError.self) { try MinMaxScaler(fitting: data, featureRange: (1, 1)) }
        let scaler = try MinMaxScaler(fitting: data)
        #expect(throws: FeatureError.self) { try scaler.transform(row: [1, 2]) }
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        let scaler = try MinMaxScaler(fitting: data)
        var writer = BinaryWriter()
        writer.write(scaler)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(MinMaxScaler.self) == scaler)
    }
}

/// A minimal RFC 4180 reader for the MovieLens files whose text fields may be quoted.
enum CSVRecords {
    static func read(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", pending == "\n" { pending = iterator.next() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
