import Learning
import Testing

@Suite struct RecencyWeightingTests {
    @Test func decaysByLaterRatings() {
        let weighting = RecencyWeighting(halfLife: 1, floor: 0.5)
        // 0.5 + 0.5 · 2^-a for a = 2, 1, 0 later ratings.
        #expect(weighting.weights(count: 3) == [0.625, 0.75, 1])
        #expect(RecencyWeighting(halfLife: 10).weight(laterRatings: 10) == 0.5)
    }
}
