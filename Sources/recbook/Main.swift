import Foundation
import LinearAlgebra

@main
enum Main {
    static func main() async {
        selectBLASKernel()
        BLASKernel.useOneThread()
        await Recbook.main()
    }

    /// Re-executes recbook with a faster OpenBLAS kernel when OpenBLAS has fallen back to its
    /// slowest one on a CPU that supports better (see `BLASKernel`). Done at most once: the
    /// variable is set in the new process's environment.
    static func selectBLASKernel() {
        guard let kernel = BLASKernel.preferredReplacement() else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &cArguments)
        // execv returns only on failure; carry on with the current kernel.
        for pointer in cArguments { free(pointer) }
    }
}
