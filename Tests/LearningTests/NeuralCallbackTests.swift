import Testing
@testable import Learning

/// The callbacks' state machines on scripted validation losses, against Keras 3's own callbacks
/// driven with the same sequences (`cb.on_epoch_end(epoch, {"val_loss": x})` on a compiled model).
@Suite struct NeuralCallbackTests {
    /// Borderline steps: 0.0449 + 1e-4 is not below 0.045 and 0.0447 + 1e-4 is not below 0.0448
    /// in double precision, so neither counts as an improvement with min_delta 1e-4.
    static let losses = [
        0.05, 0.045, 0.04495, 0.0449, 0.0448, 0.0449, 0.0450, 0.0447, 0.04469,
        0.0446, 0.0446, 0.0446, 0.0446, 0.0446, 0.0446, 0.0446, 0.0446,
    ]

    static func schedule(_ configuration: ReduceLearningRateOnPlateau.Configuration) -> [(used: Float, next: Float)] {
        var callback = ReduceLearningRateOnPlateau(configuration: configuration)
        var rate = Float(0.001)
        return losses.map { loss in
            let used = rate
            if let reduction = callback.epochEnded(monitored: loss, learningRate: rate) { rate = reduction.learningRate }
            return (used, rate)
        }
    }

    @Test func notebookPlateauSchedule() {
        let schedule = Self.schedule(.init(factor: 0.75, patience: 3, minDelta: 1e-4, cooldown: 0, minLearningRate: 1e-6))
        // Keras: the rate drops after epochs 8, 12 and 15 (one-based), to these float32 values
        // (each the float32 rounding of the previous one times 0.75, computed in double).
        let (first, second, third): (Float, Float, Float) = (0.000750000006519258, 0.0005624999757856131, 0.0004218749818392098)
        let after: [Float] = Array(repeating: 0.001, count: 7) + Array(repeating: first, count: 4)
            + Array(repeating: second, count: 3) + Array(repeating: third, count: 3)
        #expect(schedule.map(\.next) == after)
        #expect(schedule.map(\.used) == [Float(0.001)] + after.dropLast())
        // Keras prints the double-precision product before it is stored as float32.
        var callback = ReduceLearningRateOnPlateau(configuration: .init())
        var reduction: ReduceLearningRateOnPlateau.Reduction?
        for loss in [0.05, 0.05, 0.05, 0.05] { reduction = callback.epochEnded(monitored: loss, learningRate: 0.001) ?? reduction }
        #expect(reduction?.requested == 0.0007500000356230885)
        #expect(reduction?.learningRate == Float(0.000750000006519258))
    }

    @Test func plateauWithCooldownStopsAtTheFloor() {
        let schedule = Self.schedule(.init(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2, minLearningRate: 2e-4))
        // Keras: reductions after epochs 6, 11 and 13; the last is clamped to min_lr.
        let after: [Float] = Array(repeating: 0.001, count: 5) + Array(repeating: 0.0005, count: 5)
            + [0.00025, 0.00025] + Array(repeating: 0.0002, count: 5)
        #expect(schedule.map(\.next) == after)
    }

    static func stoppingEpoch(_ losses: [Double], _ configuration: EarlyStopping.Configuration) -> (stopped: Int?, best: Int) {
        var callback = EarlyStopping(configuration: configuration)
        for (epoch, loss) in losses.enumerated() where callback.epochEnded(epoch: epoch, monitored: loss) == .stop {
            return (epoch, callback.bestEpoch)
        }
        return (nil, callback.bestEpoch)
    }

    @Test func earlyStoppingMatchesKeras() {
        let losses = [0.05, 0.04, 0.041, 0.039, 0.0395, 0.0391, 0.0392, 0.0399, 0.0390, 0.038]
        // Keras (zero-based epochs): (stopped_epoch, best_epoch).
        #expect(Self.stoppingEpoch(losses, .init(patience: 5)) == (8, 3))
        #expect(Self.stoppingEpoch(losses, .init(patience: 2)) == (5, 3))
        #expect(Self.stoppingEpoch(losses, .init(patience: 2, minDelta: 0.0005)) == (5, 3))
        // Patience 0 never stops in the first epoch.
        #expect(Self.stoppingEpoch([0.05, 0.06, 0.07], .init(patience: 0)) == (1, 0))
        #expect(Self.stoppingEpoch([0.05, 0.06, 0.07], .init(patience: 1)) == (1, 0))
        // An equal loss is no improvement; a steadily falling one never stops.
        #expect(Self.stoppingEpoch([0.05, 0.05, 0.05], .init(patience: 2)) == (2, 0))
        #expect(Self.stoppingEpoch([0.05, 0.04, 0.03, 0.02], .init(patience: 1)) == (nil, 3))
    }

    @Test func improvementsAreReportedForSnapshots() {
        var callback = EarlyStopping(configuration: .init(patience: 3))
        let decisions = [0.5, 0.4, 0.45, 0.3].enumerated().map { callback.epochEnded(epoch: $0, monitored: $1) }
        #expect(decisions == [.improved, .improved, .wait, .improved])
        #expect(callback.best == 0.3 && callback.bestEpoch == 3)
    }
}
