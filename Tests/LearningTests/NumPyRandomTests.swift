import Learning
import Testing

/// Expected values were printed by NumPy 2.4; each test names the Python line.
@Suite struct NumPyRandomTests {
    @Test func rawOutputsMatchNumPy() {
        // np.random.RandomState(42).randint(0, 2**32, size=5, dtype=np.uint64)
        var generator = NumPyRandomState(seed: 42)
        #expect((0..<5).map { _ in generator.nextUInt32() } == [1608637542, 3421126067, 4083286876, 787846414, 3143890026])
        // np.random.RandomState(0).randint(0, 2**32, size=3, dtype=np.uint64)
        var zero = NumPyRandomState(seed: 0)
        #expect((0..<3).map { _ in zero.nextUInt32() } == [2357136044, 2546248239, 3071714933])
    }

    @Test func keepsGoingAcrossStateRefills() {
        // 624 outputs use up one state block; the 625th comes from the next twist.
        // np.random.RandomState(42).randint(0, 2**32, size=1000, dtype=np.uint64)[[623, 624, 999]]
        var generator = NumPyRandomState(seed: 42)
        let outputs = (0..<1000).map { _ in generator.nextUInt32() }
        #expect([outputs[623], outputs[624], outputs[999]] == [1077437785, 108880612, 1946654618])
    }

    @Test func randomSampleMatchesNumPy() {
        // np.random.RandomState(42).random_sample(3).tolist()
        var generator = NumPyRandomState(seed: 42)
        #expect((0..<3).map { _ in generator.randomSample() } == [0.3745401188473625, 0.9507143064099162, 0.7319939418114051])
    }

    @Test func boundedDrawsMatchLegacyRandint() {
        // np.random.RandomState(7).randint(0, 11, size=8).tolist()
        var small = NumPyRandomState(seed: 7)
        #expect((0..<8).map { _ in small.randomInterval(10) } == [4, 9, 6, 3, 3, 7, 7, 9])
        // np.random.RandomState(42).randint(0, 2**40, size=3).tolist()
        var large = NumPyRandomState(seed: 42)
        #expect((0..<3).map { _ in large.randomInterval(1 << 40 - 1) } == [441507790259, 395924837646, 458615280711])
        var degenerate = NumPyRandomState(seed: 1)
        #expect(degenerate.randomInterval(0) == 0)
    }

    @Test func permutationMatchesNumPy() {
        // np.random.RandomState(42).permutation(10).tolist()
        var generator = NumPyRandomState(seed: 42)
        #expect(generator.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        // np.random.RandomState(0).permutation(20).tolist()
        var zero = NumPyRandomState(seed: 0)
        #expect(zero.permutation(20) == [18, 1, 19, 8, 10, 17, 6, 13, 4, 2, 5, 14, 9, 7, 16, 11, 3, 0, 15, 12])
        var empty = NumPyRandomState(seed: 0)
        #expect(empty.permutation(0) == [])
    }

    @Test func permutationOfALargeRangeMatchesNumPy() {
        // p = np.random.RandomState(42).permutation(100836); p[:5].tolist(), p[-5:].tolist()
        var generator = NumPyRandomState(seed: 42)
        let permutation = generator.permutation(100_836)
        #expect(Array(permutation.prefix(5)) == [67037, 42175, 93850, 6187, 12229])
        #expect(Array(permutation.suffix(5)) == [6265, 54886, 76820, 860, 15795])
    }

    /// Arrays of `Int` are shuffled 512 positions at a time in C; any other element type one
    /// swap at a time. Both make the same swaps, at and around the blocks' edges.
    @Test(arguments: [2, 3, 511, 512, 513, 1_024, 1_025, 5_000])
    func shuffleOfIntsMatchesTheGeneralPath(count: Int) {
        struct Boxed: Equatable { let value: Int }
        var ints = Array(0..<count), boxed = (0..<count).map(Boxed.init)
        var first = NumPyRandomState(seed: 7), second = NumPyRandomState(seed: 7)
        first.shuffle(&ints)
        second.shuffle(&boxed)
        #expect(ints == boxed.map(\.value))
        #expect(first.nextUInt32() == second.nextUInt32())
    }

    @Test func shuffleMovesElementsLikePermutation() {
        var generator = NumPyRandomState(seed: 42)
        var letters = Array("abcdefghij")
        generator.shuffle(&letters)
        // The same draws as permutation(10) = [8, 1, 5, 0, 7, 2, 9, 4, 3, 6].
        #expect(String(letters) == "ibfahcjedg")
    }
}
