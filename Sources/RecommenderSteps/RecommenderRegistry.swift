import Frames
import NotebookCore

/// Every step and value type recbook ships.
public enum RecommenderRegistry {
    public static let registry = StepRegistry(
        steps: [
            LoadStep.self, ShowStep.self, InspectStep.self, PlotStep.self, ToDatetimeStep.self, MergeStep.self,
            SplitStep.self, PivotStep.self, CenterStep.self, SVDStep.self,
            EncodeStep.self, TrainStep.self, RecommendStep.self, NewMovieStep.self, EvaluateStep.self, CompareStep.self,
        ],
        values: [DataFrame.self, RatingSplit.self, RatingMatrix.self, SVDModel.self, FeatureTable.self, NeuralModel.self, LearnedModel.self, Metrics.self]
    )
}
