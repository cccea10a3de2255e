import Frames
import NotebookCore

/// The general steps: reading and writing tables, the table verbs, charts and SQL. They know
/// nothing of recommenders; any analysis of tabular data can be written with them alone.
public enum TableSteps {
    /// The steps, in the order `recbook steps` lists them within their categories.
    public static let steps: [any Step.Type] = [
        LoadStep.self, SaveStep.self, ShowStep.self, ToDatetimeStep.self,
        SelectStep.self, DropStep.self, RenameStep.self, FilterStep.self, DeriveStep.self, SortStep.self,
        HeadStep.self, DistinctStep.self, SampleStep.self, ExplodeStep.self, GroupStep.self, JoinStep.self,
        DescribeStep.self, ValueCountsStep.self, BinStep.self, MeltStep.self,
        ChartStep.self, SQLStep.self,
    ]

    /// The value types these steps produce, for the cache.
    public static let values: [any NotebookValue.Type] = [DataFrame.self]
}
