import Foundation
import NotebookCore
import RecbookSupport
import RecommenderSteps

/// The inputs of a fuzz pass: mutated notebooks (with mutated `--param` values) and mutated
/// MovieLens files, each made from the pass's seed and its index alone, so that the parent can
/// remake the input a worker died on and save it.
struct FuzzInputs {
    /// The notebooks mutations start from: the repository's notebooks, one small notebook per
    /// registered step (its example block), and hand-written hostile seeds.
    let notebooks: [String]
    let seed: UInt64

    init(seed: UInt64, corpus: URL) {
        self.seed = seed
        var notebooks: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".md") {
            if let text = try? String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8) { notebooks.append(text) }
        }
        for step in RecommenderRegistry.registry.steps where !step.example.isEmpty {
            notebooks.append("---\ntitle: \(step.name)\n---\n\n```\(step.name)\n\(step.example)\n```\n")
        }
        notebooks += Self.hostileSeeds
        self.notebooks = notebooks
    }

    static let hostileSeeds = [
        "---\nparams:\n  n:\n    type: int\n    default: 3\n---\n```load\npath: data.csv\nas: t\n```\n\n```head\ntable: t\nn: ${n}\n```\n",
        "```load\na0: &a0 [\"lol\"]\na1: &a1 [*a0, *a0]\ndata: x\ntable: ratings\n```\n",
        "---\ntitle: &t x\nauthor: *t\n---\n# Hi <img src=x onerror=alert(1)>\n",
        "```train\nmodel: mf\nsplit: s\nfactors: 1000000\n```\n```evaluate\nmodel: m\nratings: r\ncurve: 1000000000\n```\n",
        "```filter\ntable: t\nwhere: rating > 3 and lower(title) == 'x'\n```\n```sql\nquery: select * from t\n```\n",
        "```load\n\tdata: x\n```\n```\nunclosed\n",
    ]

    /// Tokens that mutations insert: YAML and Markdown syntax, numbers at the edges, and bytes
    /// that are not text.
    static let tokens: [[UInt8]] = [
        "```", "---", "&a", "*a", "<<: *a", ": ", "- ", "[", "]", "{", "}", "${seed}", "${", "}}", "\t", "\n", "\r\n", "#",
        "'", "\"", "\\", "|", ">", "!!binary", "!!python/object", "0", "-1", "1e400", "-1e400", "nan", "inf", "1000000000",
        "99999999999999999999999", "0x7fffffffffffffff", "true", "null", "~", "as: t", "table: t", "@fig-x", "=t.rows:.2f",
        "<script>", "<details open ontoggle=alert(1)>", "\u{202E}", "😀", "é",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    static let parameterNames = ["data", "seed", "k", "reference", "user", "n", "zzz", "", "seed "]
    static let parameterValues = [
        "", "-1", "0", "1", "1e400", "nan", "99999999999999999999", "abc", "/dev/zero", "../../../../etc/passwd", "true",
        "a=b", "\u{0}", String(repeating: "9", count: 5_000), "x\ny", "${seed}",
    ]

    /// Notebook input `index`: its bytes and its `--param` arguments.
    func notebook(_ index: Int) -> (bytes: [UInt8], parameters: [String]) {
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "notebook \(index)"))
        var bytes = Array(notebooks[Int(generator.next() % UInt64(notebooks.count))].utf8)
        FuzzMutator.mutate(&bytes, rounds: 1 + Int(generator.next() % 6), tokens: Self.tokens, using: &generator)
        var parameters: [String] = []
        for _ in 0..<Int(generator.next() % 3) {
            let name = Self.parameterNames[Int(generator.next() % UInt64(Self.parameterNames.count))]
            let value = Self.parameterValues[Int(generator.next() % UInt64(Self.parameterValues.count))]
            parameters.append("\(name)=\(value)")
        }
        return (bytes, parameters)
    }

    /// The files of a small ml-latest release that CSV inputs mutate.
    static let releaseFiles: [(name: String, text: String)] = [
        ("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n2,1,2.5,835355493\n2,3,5.0,835355681\n"),
        ("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,\"Grumpier Old Men, The (1995)\",Comedy|Romance\n"),
        ("tags.csv", "userId,movieId,tag,timestamp\n2,1,funny,1445714994\n2,3,\"Highly quotable, really\",1445714996\n"),
        ("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"),
        ("movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy\n"),
    ]

    /// CSV input `index`: which file of the release is mutated, and its bytes.
    func csv(_ index: Int) -> (file: String, bytes: [UInt8]) {
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "csv \(index)"))
        let pick = Self.releaseFiles[Int(generator.next() % UInt64(Self.releaseFiles.count))]
        var bytes = Array(pick.text.utf8)
        let csvTokens = Self.tokens + [",", "::", "\"\"", "\",\"", "4.0\u{0}junk", "1e400", "-5", "100", ",,,", "\n\n"].map { Array($0.utf8) }
        FuzzMutator.mutate(&bytes, rounds: 1 + Int(generator.next() % 5), tokens: csvTokens, using: &generator)
        return (pick.name, bytes)
    }
}

/// Byte-level mutations: insert a token, flip a byte, delete or repeat a span, swap two lines.
enum FuzzMutator {
    static func mutate(_ bytes: inout [UInt8], rounds: Int, tokens: [[UInt8]], using generator: inout SeededGenerator) {
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            switch generator.next() % 6 {
            case 0, 1:
                bytes.insert(contentsOf: tokens[Int(generator.next() % UInt64(tokens.count))], at: position)
            case 2 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1 << (generator.next() % 8))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(generator.next() % 40))
                bytes.removeSubrange(min(position, end)..<end)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(generator.next() % 80))
                let span = Array(bytes[min(position, end)..<end])
                // Repeating a span many times makes long lines, deep nesting and big numbers.
                for _ in 0..<(1 + Int(generator.next() % 50)) { bytes.insert(contentsOf: span, at: min(position, bytes.count)) }
            default:
                swapLines(&bytes, using: &generator)
            }
        }
    }

    private static func swapLines(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        let first = Int(generator.next() % UInt64(lines.count)), second = Int(generator.next() % UInt64(lines.count))
        lines.swapAt(first, second)
        bytes = Array(lines.joined(separator: [0x0A]))
    }
}
