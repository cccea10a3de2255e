import Learning
import NotebookCore

/// A fitted model as the `recommend` and `evaluate` steps see it: it knows its users and movies
/// (external ids at the edges, dense indices inside), predicts ratings, and scores the whole
/// catalogue for a user.
public protocol RecommenderModel: NotebookValue {
    /// A short name for headings and tables: "SVD (k=50)".
    var displayName: String { get }
    var users: IdVocabulary { get }
    var movies: IdVocabulary { get }
    /// The predicted rating of a known user for a known movie.
    func predict(user: Int, movie: Int) -> Double
    /// A score for every movie (index order) for ranking; for rating models, the predictions.
    func scores(forUser user: Int) -> [Double]
    /// The movies the user rated in the data the model was fitted on.
    func trainingMovies(ofUser user: Int) -> [Int]
}
