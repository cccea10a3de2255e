import Foundation
import LinearAlgebra
import Testing

@Suite struct BLASKernelTests {
    /// `useOneThread` leaves OpenBLAS with one thread and no workers (which would otherwise spin
    /// on a core for the first tenth of a second of every run), and products still come out
    /// right afterwards, both small ones and ones large enough that OpenBLAS would split them.
    /// In a process of its own (an exit test), so that no other test's BLAS call is in flight
    /// while the workers stop.
    @Test func oneThreadStopsTheWorkersAndProductsStillWork() async {
        await #expect(processExitsWith: .success) {
            // (OpenBLAS started its workers when it loaded, on a machine with two cores or more.)
            BLASKernel.useOneThread()
            guard !BLASKernel.workerThreadsRunning else { exit(3) }

            let size = 300
            let a = try! Matrix(rowCount: size, columnCount: size, storage: (0..<size * size).map { Double($0 % 7) - 3 })
            guard try! a.multiplied(by: Matrix.identity(size)).storage == a.storage else { exit(4) }
            let product = try! a.multiplied(by: a)
            for (row, column) in [(0, 0), (17, 251), (299, 3)] {
                let expected = (0..<size).reduce(0.0) { $0 + a[row, $1] * a[$1, column] }
                guard product[row, column] == expected else { exit(5) }
            }
            guard !BLASKernel.workerThreadsRunning else { exit(6) }
            exit(0)
        }
    }
}
