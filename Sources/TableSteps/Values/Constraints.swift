import NotebookCore

extension Constraint where Value == String? {
    /// Text of at most `limit` bytes in UTF-8, when given.
    static func atMostBytes(_ limit: Int) -> Constraint {
        Constraint("(at most \(limit) bytes)", bounded: true) { value in
            guard let value, value.utf8.count > limit else { return nil }
            return "must be at most \(limit) bytes long, got \(value.utf8.count)"
        }
    }
}

extension Constraint where Value == [String] {
    /// A list of at most `limit` items.
    static func atMostItems(_ limit: Int) -> Constraint {
        Constraint("(at most \(limit))", bounded: true) { value in
            value.count > limit ? "may list at most \(limit) items, got \(value.count)" : nil
        }
    }
}
