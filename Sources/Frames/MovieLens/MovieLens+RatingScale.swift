import Foundation
import RecbookSupport

extension MovieLens {
    /// The ratings the release allows, as GroupLens documents them: 0.5 to 5 in half stars for
    /// the CSV releases and ml-10m, whole stars 1 to 5 for ml-100k and ml-1m. The two `.dat`
    /// releases are told apart by ml-1m's `users.dat`.
    public var ratingScale: NumericDomain {
        let isOneMillion = layout == .dat && FileManager.default.fileExists(atPath: directory.appendingPathComponent("users.dat").path)
        switch layout {
        case .csv: return Self.releaseScale("ml-latest", 0.5, step: 0.5)
        case .dat: return isOneMillion ? Self.releaseScale("ml-1m", 1, step: 1) : Self.releaseScale("ml-10m", 0.5, step: 0.5)
        case .hundredK: return Self.releaseScale("ml-100k", 1, step: 1)
        }
    }

    /// Another scale, for a release whose ratings are not on its layout's usual one: any value
    /// from `lowest` to `highest`.
    public static func ratingScale(from lowest: Double, to highest: Double) -> NumericDomain {
        NumericDomain(lowest, highest, description: "the rating scale \(Format.number(lowest)) to \(Format.number(highest))")
    }

    private static func releaseScale(_ release: String, _ lowest: Double, step: Double) -> NumericDomain {
        let steps = step == 1 ? "whole stars" : "half stars"
        return NumericDomain(
            lowest, 5, step: step,
            description: "the release's rating scale (\(Format.number(lowest)) to 5 in \(steps), as in \(release)); "
                + "give load a rating_scale: [min, max] for another scale"
        )
    }
}
