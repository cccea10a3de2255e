import CSQLite
import Foundation
import RecbookSupport

// The only file that imports SQLite. Each call opens an in-memory database, makes the tables
// visible as virtual tables, prepares the query and reads what it needs, and frees everything
// with `defer` before it returns: no SQLite pointer leaves this file or outlives the call.

/// One query's in-memory SQLite database.
enum SQLiteSession {
    /// The result columns' names and declared types, from preparing `query` without running it.
    static func describe(_ query: SQLQuery, tables: [(name: String, frame: DataFrame)]) throws -> [(name: String, type: ColumnType?)] {
        try withStatement(query, tables: tables, limits: SQLLimits()) { statement, _ in
            (0..<sqlite3_column_count(statement)).map { column in
                (name: columnName(statement, column), type: declaredType(statement, column))
            }
        }
    }

    /// Runs `query` and collects its result, column by column.
    static func run(
        _ query: SQLQuery, tables: [(name: String, frame: DataFrame)], limits: SQLLimits
    ) throws -> [(name: String, column: Column)] {
        try withStatement(query, tables: tables, limits: limits) { statement, session in
            let count = sqlite3_column_count(statement)
            var builders = Array(repeating: SQLResultColumnBuilder(), count: Int(count))
            var rows = 0
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw session.error(code, query: query, whileRunning: true) }
                guard rows < limits.maxRows else {
                    throw SQLError(
                        "the result has more than \(limits.maxRows) rows, the limit", reason: .rowLimitExceeded
                    )
                }
                rows += 1
                for column in 0..<count {
                    try read(statement, column, into: &builders[Int(column)])
                }
            }
            return (0..<count).map { column in
                (name: columnName(statement, column), column: builders[Int(column)].column(declared: declaredType(statement, column)))
            }
        }
    }

    private static func read(_ statement: OpaquePointer, _ column: Int32, into builder: inout SQLResultColumnBuilder) throws {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            builder.append(Int(sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            builder.append(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let bytes = UnsafeBufferPointer(start: sqlite3_column_text(statement, column), count: Int(sqlite3_column_bytes(statement, column)))
            builder.append(String(decoding: bytes, as: UTF8.self))
        case SQLITE_NULL:
            builder.appendMissing()
        default:
            throw SQLError(
                "result column '\(columnName(statement, column))' holds binary data (a BLOB), which a table cannot hold; convert it with hex() or CAST(… AS TEXT)",
                reason: .failed
            )
        }
    }

    private static func columnName(_ statement: OpaquePointer, _ column: Int32) -> String {
        sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "column\(column + 1)"
    }

    /// The type SQLite declares for a result column taken straight from a table's column.
    private static func declaredType(_ statement: OpaquePointer, _ column: Int32) -> ColumnType? {
        guard let declared = sqlite3_column_decltype(statement, column) else { return nil }
        return VirtualTable.columnType(declaredAs: String(cString: declared))
    }

    /// Opens the database with `tables` visible, prepares `query` and hands the statement to `body`.
    private static func withStatement<T>(
        _ query: SQLQuery, tables: [(name: String, frame: DataFrame)], limits: SQLLimits,
        _ body: (OpaquePointer, Session) throws -> T
    ) throws -> T {
        try requireQuery(query)
        let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        module.initialize(to: VirtualTable.module)
        defer { module.deinitialize(count: 1); module.deallocate() }
        var handle: OpaquePointer?
        // Closed (by the defer below) before the module above is freed: defers run in reverse.
        defer { sqlite3_close_v2(handle) }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &handle, flags, nil) == SQLITE_OK, let db = handle else {
            throw SQLError("SQLite could not open an in-memory database", reason: .failed)
        }
        let sources = tables.map { VirtualTable.Source(name: $0.name, frame: $0.frame) }
        let session = Session(
            db: db, deadline: DispatchTime.now().uptimeNanoseconds + nanoseconds(limits.seconds),
            columnNames: sources.flatMap(\.columnNames)
        )
        return try withExtendedLifetime((sources, session)) {
            try VirtualTable.register(sources, in: db, module: module)
            restrict(db, session: session)
            var statement: OpaquePointer?
            defer { sqlite3_finalize(statement) }
            let utf8 = Array(query.text.utf8)
            guard utf8.count < Int32.max else { throw SQLError("the query is too long for SQLite", reason: .invalidQuery) }
            var tailOffset = utf8.count
            let code = utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { text in
                    var tail: UnsafePointer<CChar>?
                    let code = sqlite3_prepare_v2(db, text.baseAddress, Int32(text.count), &statement, &tail)
                    if let tail, let base = text.baseAddress { tailOffset = tail - base }
                    return code
                }
            }
            guard code == SQLITE_OK else { throw session.error(code, query: query, whileRunning: false) }
            guard let statement else {
                throw SQLError("the query is empty; write a SELECT statement", reason: .invalidQuery, offset: 0)
            }
            try requireOnlyStatement(query, tailOffset: tailOffset, utf8: utf8)
            guard sqlite3_column_count(statement) > 0, sqlite3_stmt_readonly(statement) != 0 else {
                throw SQLError(Session.readOnlyMessage, reason: .invalidQuery, offset: 0)
            }
            return try body(statement, session)
        }
    }

    /// From here on the database may only be read (no INSERT, CREATE, ATTACH, PRAGMA, …), and a
    /// statement past the session's deadline is interrupted.
    private static func restrict(_ db: OpaquePointer, session: Session) {
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_set_authorizer(db, { _, action, _, function, _, _ in
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE: return SQLITE_OK
            case SQLITE_FUNCTION: return SQLiteSession.isAllowed(function: function) ? SQLITE_OK : SQLITE_DENY
            default: return SQLITE_DENY
            }
        }, nil)
        // Every 4,096 virtual machine instructions: often enough to stop within milliseconds.
        sqlite3_progress_handler(db, 4096, { pointer in
            guard let pointer else { return 0 }
            let session = Unmanaged<Session>.fromOpaque(pointer).takeUnretainedValue()
            guard DispatchTime.now().uptimeNanoseconds > session.deadline else { return 0 }
            session.timedOut = true
            return 1
        }, Unmanaged.passUnretained(session).toOpaque())
    }

    /// Whether a query may call the SQL function named `function`: not the ones that load code
    /// or, like Debian's two-argument `fts3_tokenizer`, take a pointer.
    fileprivate static func isAllowed(function: UnsafePointer<CChar>?) -> Bool {
        guard let function else { return true }
        return !["fts3_tokenizer", "load_extension"].contains(String(cString: function).lowercased())
    }

    /// The words that start statements other than queries.
    private static let statementKeywords: Set = [
        "ALTER", "ANALYZE", "ATTACH", "BEGIN", "COMMIT", "CREATE", "DELETE", "DETACH", "DROP", "END", "EXPLAIN",
        "INSERT", "PRAGMA", "REINDEX", "RELEASE", "REPLACE", "ROLLBACK", "SAVEPOINT", "UPDATE", "VACUUM",
    ]

    /// Refuses a statement that is not a query before SQLite sees it, so that every kind of
    /// write reads the same (SQLite's own refusals differ by statement and table).
    private static func requireQuery(_ query: SQLQuery) throws {
        guard let first = sqlTokens(query.text).first, first.kind == .name, !first.isQuoted,
              statementKeywords.contains(first.text.uppercased()) else { return }
        throw SQLError(Session.readOnlyMessage, reason: .invalidQuery, offset: first.offset)
    }

    /// Refuses a second statement after the first: one step, one result.
    private static func requireOnlyStatement(_ query: SQLQuery, tailOffset: Int, utf8: [UInt8]) throws {
        guard tailOffset < utf8.count else { return }
        let tail = String(decoding: utf8[tailOffset...], as: UTF8.self)
        guard let extra = sqlTokens(tail).first(where: { $0.kind != .semicolon }) else { return }
        let offset = scalarOffset(ofByte: tailOffset, in: query.text) + extra.offset
        throw SQLError(
            "a second statement starts here; the step runs one query (a single SELECT)",
            reason: .invalidQuery, offset: offset
        )
    }

    private static func nanoseconds(_ seconds: Double) -> UInt64 {
        seconds >= Double(UInt64.max / 2) / 1e9 ? UInt64.max / 2 : UInt64(max(0, seconds) * 1e9)
    }

    /// The offset in Unicode scalars of the byte at `byteOffset` in `text`'s UTF-8.
    static func scalarOffset(ofByte byteOffset: Int, in text: String) -> Int {
        let utf8 = text.utf8
        let bytes = min(max(0, byteOffset), utf8.count)
        let index = utf8.index(utf8.startIndex, offsetBy: bytes)
        let scalarIndex = index.samePosition(in: text.unicodeScalars) ?? text.unicodeScalars.index(before: index)
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: scalarIndex)
    }

    /// What the C callbacks of one database share with Swift: the deadline, and whether it passed.
    final class Session {
        let db: OpaquePointer
        let deadline: UInt64
        var timedOut = false
        /// Every visible table's column names, for a "did you mean".
        let columnNames: [String]

        static let readOnlyMessage =
            "the query may only read tables: write one SELECT (or WITH … SELECT, VALUES); statements that change or attach databases, and PRAGMAs, are refused"

        init(db: OpaquePointer, deadline: UInt64, columnNames: [String]) {
            self.db = db
            self.deadline = deadline
            self.columnNames = columnNames
        }

        /// The error SQLite reported, pointing into the query where SQLite says.
        func error(_ code: Int32, query: SQLQuery, whileRunning: Bool) -> SQLError {
            if code == SQLITE_INTERRUPT, timedOut {
                return SQLError("the query ran past its time budget and was interrupted", reason: .timeBudgetExceeded)
            }
            if code == SQLITE_AUTH {
                return SQLError(Self.readOnlyMessage, reason: .invalidQuery, offset: 0)
            }
            var message = String(cString: sqlite3_errmsg(db))
            // A write after `WITH …`: the virtual tables refuse it before the authorizer does.
            if message.hasSuffix("may not be modified") {
                return SQLError(Self.readOnlyMessage, reason: .invalidQuery, offset: 0)
            }
            let byteOffset = sqlite3_error_offset(db)
            let offset = byteOffset >= 0 ? SQLiteSession.scalarOffset(ofByte: Int(byteOffset), in: query.text) : nil
            let unknownTable = "no such table: ", unknownColumn = "no such column: "
            if message.hasPrefix(unknownTable) {
                let name = String(message.dropFirst(unknownTable.count))
                return SQLError(message, reason: .unknownTable(name), offset: offset ?? Self.offset(ofName: name, in: query))
            }
            if message.hasPrefix(unknownColumn) {
                // `r.ratng` names the column after its table's alias.
                let column = message.dropFirst(unknownColumn.count).split(separator: ".").last.map(String.init) ?? ""
                if let suggestion = Suggestions.bestMatch(for: column, in: columnNames) {
                    message += "; did you mean '\(suggestion)'?"
                }
            }
            return SQLError(message, reason: whileRunning ? .failed : .invalidQuery, offset: offset)
        }

        /// Where the query first uses `name` (SQLite does not say where an unknown table is):
        /// the name as SQLite gives it, or its last part (`main.x` is written `main.x`).
        private static func offset(ofName name: String, in query: SQLQuery) -> Int? {
            let names = sqlTokens(query.text).filter { $0.kind == .name }
            let last = name.split(separator: ".").last.map(String.init) ?? name
            for candidate in [name, last] {
                if let token = names.first(where: { $0.text.lowercased() == candidate.lowercased() }) { return token.offset }
            }
            return nil
        }
    }
}

/// A read-only SQLite virtual table over a table's columns: SQLite calls back for each row and
/// column it reads, so making a table visible copies nothing.
private enum VirtualTable {
    /// One table, referred to (unretained) by SQLite while the database is open.
    final class Source {
        let name: String
        let frame: DataFrame
        /// The rows in the table's own order.
        let tableOrder: Scan
        /// The orders the table has offered SQLite to deliver its rows in, with the columns each
        /// scan reads (SQLite's `colUsed`), and their scans once made; `idxNum` is a position
        /// here plus one, 0 for the table's order.
        private var orderings: [(keys: [SortKey], columnsUsed: UInt64)] = []
        private var sortedScans: [Int: Scan] = [:]

        init(name: String, frame: DataFrame) {
            self.name = name
            self.frame = frame
            tableOrder = Scan(frame.columns.map { ColumnReader($0) }, rowCount: frame.rowCount)
        }

        var columnNames: [String] { frame.columnNames }
        var rowCount: Int { frame.rowCount }

        /// The table's declaration for `sqlite3_declare_vtab`.
        var declaration: String {
            let columns = zip(frame.columnNames, frame.columns).map { name, column in
                "\(VirtualTable.quoted(name)) \(VirtualTable.declaredType(column.type))"
            }
            return "CREATE TABLE x(" + columns.joined(separator: ", ") + ")"
        }

        /// The ordering that delivers rows sorted as SQLite asks (`ORDER BY`, or grouped for
        /// `GROUP BY`), or nil when SQLite had better sort them itself: a column with missing
        /// values (NULL sorts first in SQLite, last in recbook's sort), or the rowid.
        func ordering(for terms: [(column: Int32, descending: Bool)], columnsUsed: UInt64) -> Int32? {
            let columns = frame.columns
            guard terms.allSatisfy({ columns.indices.contains(Int($0.column)) && columns[Int($0.column)].missingCount == 0 }) else {
                return nil
            }
            let keys = terms.map { SortKey(frame.columnNames[Int($0.column)], ascending: !$0.descending) }
            if let known = orderings.firstIndex(where: { $0.keys == keys && $0.columnsUsed == columnsUsed }) {
                return Int32(known + 1)
            }
            orderings.append((keys, columnsUsed))
            return Int32(orderings.count)
        }

        /// The scan for an ordering, made on first use: the rows sorted by a radix sort, and the
        /// columns SQLite reads gathered in that order so that it reads them front to back.
        func scan(for ordering: Int32) -> Scan? {
            let index = Int(ordering) - 1
            if index < 0 { return tableOrder }
            if let made = sortedScans[index] { return made }
            guard orderings.indices.contains(index), let order = try? frame.sortedRowOrder(by: orderings[index].keys) else {
                return nil
            }
            let used = orderings[index].columnsUsed
            let readers = frame.columns.enumerated().map { position, column in
                // Bit 63 stands for every column from the 64th on.
                let isUsed = used & (1 << UInt64(min(position, 63))) != 0
                return isUsed ? ColumnReader(column.gathering(order)) : ColumnReader(column, order: order)
            }
            let scan = Scan(readers, rowCount: rowCount, rows: order)
            sortedScans[index] = scan
            return scan
        }

        static func of(_ table: UnsafeMutablePointer<sqlite3_vtab>?) -> Source? {
            guard let table else { return nil }
            let source = UnsafeMutableRawPointer(table).assumingMemoryBound(to: RecbookVirtualTable.self).pointee.source
            return source.map { Unmanaged<Source>.fromOpaque($0).takeUnretainedValue() }
        }
    }

    /// The columns of a table as a scan reads them: in the table's order or sorted.
    final class Scan {
        let readers: [ColumnReader]
        let rowCount: Int
        /// The table row at each position, when sorted.
        private let rows: [Int]?

        init(_ readers: [ColumnReader], rowCount: Int, rows: [Int]? = nil) {
            self.readers = readers
            self.rowCount = rowCount
            self.rows = rows
        }

        /// The rowid at `position`: the row's place in the table, from 0.
        func rowid(at position: Int) -> Int64 { Int64(rows?[position] ?? position) }

        static func of(_ cursor: UnsafeMutablePointer<RecbookCursor>) -> Scan? {
            cursor.pointee.scan.map { Unmanaged<Scan>.fromOpaque($0).takeUnretainedValue() }
        }
    }

    /// One column's values, in typed arrays a callback reads without unpacking a ``Column``.
    final class ColumnReader {
        private let ints: [Int]
        private let doubles: [Double]
        private let strings: [String]
        private let bools: [Bool]
        private let missing: RowMask?
        private let type: ColumnType
        /// Where each position's value is, when the column is read in an order it is not stored in.
        private let order: [Int]?

        init(_ column: Column, order: [Int]? = nil) {
            type = column.type
            missing = column.missingRows
            self.order = order
            var ints: [Int] = [], doubles: [Double] = [], strings: [String] = [], bools: [Bool] = []
            switch column.values {
            case let .int(values), let .timestamp(values): ints = values
            case let .double(values): doubles = values
            case let .string(values): strings = values.array
            case let .bool(values): bools = values
            }
            (self.ints, self.doubles, self.strings, self.bools) = (ints, doubles, strings, bools)
        }

        /// Gives SQLite the value at `position`.
        func result(_ position: Int, context: OpaquePointer) {
            let row = order?[position] ?? position
            if missing?[row] == true {
                sqlite3_result_null(context)
                return
            }
            switch type {
            case .int, .timestamp:
                sqlite3_result_int64(context, Int64(ints[row]))
            case .double:
                if doubles[row].isNaN { sqlite3_result_null(context) } else { sqlite3_result_double(context, doubles[row]) }
            case .bool:
                sqlite3_result_int64(context, bools[row] ? 1 : 0)
            case .string:
                var text = strings[row]
                text.withUTF8 { bytes in
                    if let base = bytes.baseAddress {
                        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                            sqlite3_result_text64(context, characters, UInt64(bytes.count), recbook_sqlite_transient(), UInt8(SQLITE_UTF8))
                        }
                    } else {
                        sqlite3_result_text(context, "", 0, recbook_sqlite_transient())
                    }
                }
            }
        }
    }

    static func declaredType(_ type: ColumnType) -> String {
        switch type {
        case .int: return "INTEGER"
        case .double: return "REAL"
        case .string: return "TEXT"
        case .timestamp: return "TIMESTAMP"
        case .bool: return "BOOLEAN"
        }
    }

    static func columnType(declaredAs declaration: String) -> ColumnType? {
        ColumnType.allCases.first { declaredType($0) == declaration.uppercased() }
    }

    /// A name as a quoted SQL identifier: `"it""s"`.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Creates one virtual table per source, each through a module of its own whose client data
    /// is the source.
    static func register(_ sources: [Source], in db: OpaquePointer, module: UnsafeMutablePointer<sqlite3_module>) throws {
        for (index, source) in sources.enumerated() {
            let moduleName = "recbook_table_\(index)"
            var code = sqlite3_create_module_v2(db, moduleName, module, Unmanaged.passUnretained(source).toOpaque(), nil)
            if code == SQLITE_OK {
                code = sqlite3_exec(db, "CREATE VIRTUAL TABLE \(quoted(source.name)) USING \(moduleName)", nil, nil, nil)
            }
            guard code == SQLITE_OK else {
                let reason = String(cString: sqlite3_errmsg(db))
                throw SQLError("table '\(source.name)' cannot be made visible to SQLite: \(reason)", reason: .failed)
            }
        }
    }

    /// The callbacks: a scan that walks the rows in the table's order, or sorted when SQLite asks
    /// for an order the table can give. Without `xUpdate` the table is read-only; `xBestIndex`
    /// uses no constraint, so SQLite checks every one itself.
    static let module: sqlite3_module = {
        var module = sqlite3_module()
        module.iVersion = 1
        module.xCreate = connect
        module.xConnect = connect
        module.xBestIndex = bestIndex
        module.xDisconnect = disconnect
        module.xDestroy = disconnect
        module.xOpen = { _, cursor in
            let scan = UnsafeMutablePointer<RecbookCursor>.allocate(capacity: 1)
            scan.initialize(to: RecbookCursor())
            cursor?.pointee = UnsafeMutableRawPointer(scan).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            guard let cursor else { return SQLITE_OK }
            UnsafeMutableRawPointer(cursor).assumingMemoryBound(to: RecbookCursor.self).deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, ordering, _, _, _ in
            guard let cursor = recbookCursor(cursor), let source = Source.of(cursor.pointee.base.pVtab),
                  let scan = source.scan(for: ordering) else { return SQLITE_ERROR }
            cursor.pointee.position = 0
            cursor.pointee.scan = Unmanaged.passUnretained(scan).toOpaque()
            return SQLITE_OK
        }
        module.xNext = { cursor in
            recbookCursor(cursor)?.pointee.position += 1
            return SQLITE_OK
        }
        module.xEof = { cursor in
            guard let cursor = recbookCursor(cursor), let scan = Scan.of(cursor) else { return 1 }
            return cursor.pointee.position >= scan.rowCount ? 1 : 0
        }
        module.xColumn = { cursor, context, column in
            guard let cursor = recbookCursor(cursor), let context, let scan = Scan.of(cursor) else { return SQLITE_ERROR }
            scan.readers[Int(column)].result(Int(cursor.pointee.position), context: context)
            return SQLITE_OK
        }
        module.xRowid = { cursor, rowid in
            guard let cursor = recbookCursor(cursor), let scan = Scan.of(cursor) else { return SQLITE_ERROR }
            rowid?.pointee = scan.rowid(at: Int(cursor.pointee.position))
            return SQLITE_OK
        }
        return module
    }()

    private static func recbookCursor(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> UnsafeMutablePointer<RecbookCursor>? {
        cursor.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: RecbookCursor.self) }
    }

    /// A full scan; sorted here (a radix sort) when SQLite asks for an order, which beats
    /// SQLite's sorter for ORDER BY and GROUP BY alike.
    private static let bestIndex: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<sqlite3_index_info>?) -> Int32 = { table, info in
        guard let info, let source = Source.of(table) else { return SQLITE_ERROR }
        info.pointee.estimatedCost = Double(max(source.rowCount, 1))
        info.pointee.estimatedRows = Int64(source.rowCount)
        let terms = (0..<Int(info.pointee.nOrderBy)).map { index in
            (column: info.pointee.aOrderBy[index].iColumn, descending: info.pointee.aOrderBy[index].desc != 0)
        }
        if !terms.isEmpty, let ordering = source.ordering(for: terms, columnsUsed: info.pointee.colUsed) {
            info.pointee.idxNum = ordering
            info.pointee.orderByConsumed = 1
        }
        return SQLITE_OK
    }

    private static let connect: @convention(c) (
        OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
        UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 = { db, client, _, _, table, _ in
        guard let db, let client, let table else { return SQLITE_ERROR }
        let source = Unmanaged<Source>.fromOpaque(client).takeUnretainedValue()
        let code = sqlite3_declare_vtab(db, source.declaration)
        guard code == SQLITE_OK else { return code }
        let virtualTable = UnsafeMutablePointer<RecbookVirtualTable>.allocate(capacity: 1)
        virtualTable.initialize(to: RecbookVirtualTable(base: sqlite3_vtab(), source: client))
        table.pointee = UnsafeMutableRawPointer(virtualTable).assumingMemoryBound(to: sqlite3_vtab.self)
        return SQLITE_OK
    }

    private static let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { table in
        guard let table else { return SQLITE_OK }
        UnsafeMutableRawPointer(table).assumingMemoryBound(to: RecbookVirtualTable.self).deallocate()
        return SQLITE_OK
    }
}
