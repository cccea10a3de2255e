import Foundation
import LinearAlgebra
import Testing

@Suite struct SymmetricEigenTests {
    @Test func findsTheLargestPairOfATwoByTwo() throws {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1, with eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let eigen = try SymmetricEigen(largest: 2, of: Matrix(rows: [[2, 1], [1, 2]]))
        #expect(maxAbsoluteDifference(eigen.eigenvalues, [3, 1]) < 1e-14)
        let first = eigen.eigenvectors.column(0)
        #expect(abs(abs(first[0]) - 0.5.squareRoot()) < 1e-14)
        #expect(abs(first[0] - first[1]) < 1e-14)
    }

    @Test func matchesTheClosedFormOfASecondDifferenceMatrix() throws {
        // The n×n tridiagonal (−1, 2, −1) matrix has eigenvalues 2 − 2cos(jπ/(n+1)) and
        // eigenvectors sin(i·j·π/(n+1)), i = 1…n.
        let size = 8
        var matrix = Matrix(rowCount: size, columnCount: size)
        for index in 0..<size {
            matrix[index, index] = 2
            if index + 1 < size { matrix[index, index + 1] = -1; matrix[index + 1, index] = -1 }
        }
        let eigen = try SymmetricEigen(largest: 3, of: matrix)
        let expected = (0..<3).map { 2 - 2 * cos(Double(size - $0) * .pi / Double(size + 1)) }
        #expect(maxAbsoluteDifference(eigen.eigenvalues, expected) < 1e-13)
        for component in 0..<3 {
            let j = Double(size - component)
            let exact = (1...size).map { sin(Double($0) * j * .pi / Double(size + 1)) }
            let norm = exact.map { $0 * $0 }.reduce(0, +).squareRoot()
            let vector = eigen.eigenvectors.column(component)
            let cosine = zip(vector, exact).map { $0 * $1 }.reduce(0, +) / norm
            #expect(abs(abs(cosine) - 1) < 1e-13)
        }
    }

    @Test func rejectsBadRequests() throws {
        let square = Matrix.identity(3)
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(largest: 0, of: square) }
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(largest: 4, of: square) }
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(largest: 1, of: Matrix(rowCount: 2, columnCount: 3)) }
        var poisoned = square
        poisoned[1, 1] = .nan
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(largest: 1, of: poisoned) }
    }
}
