import Frames
import NotebookCore
import TableSteps

/// Every step and value type recbook ships: the general table steps, then the recommender steps.
public enum RecommenderRegistry {
    public static let registry = StepRegistry(
        steps: TableSteps.steps + [
            InspectStep.self, PlotStep.self, SplitStep.self, PivotStep.self, CenterStep.self, SVDStep.self,
            EncodeStep.self, TrainStep.self, RecommendStep.self, NewMovieStep.self, EvaluateStep.self, CompareStep.self,
        ],
        values: TableSteps.values + [RatingSplit.self, RatingMatrix.self, FeatureTable.self, FittedModel.self, Metrics.self]
    )
}
