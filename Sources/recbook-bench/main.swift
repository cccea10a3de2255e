import Foundation
import Learning

/// `recbook-bench <command> --data <folder> [key=value ...]`
let arguments = Array(CommandLine.arguments.dropFirst())
var dataFolder = URL(fileURLWithPath: "../shared/datasets/ml-latest-small")
var command = "models"
var options: [String: String] = [:]
var index = 0
while index < arguments.count {
    let argument = arguments[index]
    if argument == "--data", index + 1 < arguments.count {
        dataFolder = URL(fileURLWithPath: arguments[index + 1])
        index += 2
        continue
    }
    if let equals = argument.firstIndex(of: "=") {
        options[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
    } else {
        command = argument
    }
    index += 1
}

do {
    let experiment = try Experiment(folder: dataFolder)
    switch command {
    case "mf": try Probe.matrixFactorization(experiment, options)
    case "eval": try Probe.evaluate(experiment, options)
    case "blend": try Probe.blendBound(experiment, options)
    case "tune": try Tuning.run(experiment, only: options["only"])
    case "models": try Leaderboard.run(experiment)
    case "foldin": try FoldInExperiment.run(experiment, seed: options["seed"].flatMap(UInt64.init) ?? 7)
    default:
        FileHandle.standardError.write(Data("unknown command '\(command)'\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
