import NotebookCore

/// Every step and value type recbook ships.
public enum RecommenderRegistry {
    public static let registry = StepRegistry(steps: [], values: [])
}
