// RecommenderSteps
