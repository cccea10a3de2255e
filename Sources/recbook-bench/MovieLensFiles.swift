import Foundation
import Learning

/// Reads MovieLens CSV files with just enough parsing for the benchmark: `ratings.csv` has no
/// quoted fields; `movies.csv` quotes titles that contain commas.
enum MovieLensFiles {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads `ratings.csv` (userId,movieId,rating,timestamp).
    static func ratings(in folder: URL) throws -> RatingLog {
        let url = folder.appendingPathComponent("ratings.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var users: [Int] = [], items: [Int] = [], ratings: [Double] = [], times: [Int] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where number > 0 {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 4, let user = Int(fields[0]), let item = Int(fields[1]),
                  let rating = Double(fields[2]), let time = Int(fields[3])
            else { throw ReadError(description: "\(url.path):\(number + 1): expected userId,movieId,rating,timestamp") }
            users.append(user)
            items.append(item)
            ratings.append(rating)
            times.append(time)
        }
        return try RatingLog(userIds: users, itemIds: items, ratings: ratings, timestamps: times)
    }

    /// Reads `movies.csv` (movieId,title,genres) into id → (title, genres).
    static func movies(in folder: URL) throws -> [Int: (title: String, genres: [String])] {
        let url = folder.appendingPathComponent("movies.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [Int: (String, [String])] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where number > 0 {
            guard let firstComma = line.firstIndex(of: ","), let lastComma = line.lastIndex(of: ","),
                  firstComma < lastComma, let id = Int(line[..<firstComma])
            else { throw ReadError(description: "\(url.path):\(number + 1): expected movieId,title,genres") }
            var title = String(line[line.index(after: firstComma)..<lastComma])
            if title.hasPrefix("\"") && title.hasSuffix("\"") && title.count >= 2 {
                title = String(title.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            let genres = line[line.index(after: lastComma)...].split(separator: "|").map(String.init)
            result[id] = (title, genres)
        }
        return result
    }

    /// Reads `tags.csv` (userId,movieId,tag,timestamp) into id → tags, in file order.
    static func tags(in folder: URL) throws -> [Int: [String]] {
        let url = folder.appendingPathComponent("tags.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [Int: [String]] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where number > 0 {
            guard let firstComma = line.firstIndex(of: ","), let lastComma = line.lastIndex(of: ",") else { continue }
            let rest = line[line.index(after: firstComma)..<lastComma]
            guard let secondComma = rest.firstIndex(of: ","), let id = Int(rest[..<secondComma]) else {
                throw ReadError(description: "\(url.path):\(number + 1): expected userId,movieId,tag,timestamp")
            }
            var tag = String(rest[rest.index(after: secondComma)...])
            if tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count >= 2 {
                tag = String(tag.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            result[id, default: []].append(tag)
        }
        return result
    }
}
