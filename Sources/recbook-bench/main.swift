import Foundation
import Learning

// recbook-bench: benchmarks and tuning of recbook's recommender models on MovieLens.
//
//   recbook-bench models    [--data <folder>]   leaderboard: fit on train + validation, score on test
//   recbook-bench tune      [--data <folder>] [only=mf|knn|blend|ease|ials]
//                                               validation grids: fit on train, score on validation
//   recbook-bench foldin    [--data <folder>] [seed=7] [folds=12]   new users folded in without refitting
//   recbook-bench coldstart [--data <folder>] [seed=7]   new movies scored from genres and tags
//   recbook-bench eval model=<name> [setting=validation|test|original] [key=value …]
//   recbook-bench verbs     --data <folder> [repeat=3] [only=…]   table verbs' kernels (benchmarks/table-verbs)
//   recbook-bench generate --ratings N --to DIR [--seed S] [--users N] [--movies N] [--tags N]
//                                               a synthetic MovieLens-shaped release at any scale
//   recbook-bench sql       [--data <folder>]   the sql step's engine over ratings.csv: scans and group-bys
//   recbook-bench fuzz      [--seed S] [--notebooks N] [--csv M] [--time-budget SECONDS] [--memory-budget 2G]
//                                               mutated notebooks through check and MovieLens files through
//                                               load, each in a worker process: fails on a crash, a hang or
//                                               memory over the budget (see Fuzz/Fuzz.swift)
//   recbook-bench neural-fit [users=162541] [movies=59047] [examples=204800]
//                                               one epoch with Keras's dense Adam and with lazy Adam, ms per batch
//   recbook-bench neural-scores [users=162541] [movies=59047] [scored=4096]
//                                               the neural hybrid scoring whole catalogues, ns per pair
//   recbook-bench products  [repeat=300]        the network's matrix products: OpenBLAS against recbook_multiply
//   recbook-bench svd       [--data <folder>] [k=50] [methods=auto,arpack,gram,randomized]
//                                               the walk-through's SVD by each method (benchmarks/scale)
//
// Build with `swift build -c release`; timings are wall-clock on the machine at hand.

var dataFolder = URL(fileURLWithPath: "../shared/datasets/ml-latest-small")
var command = "models"
var options: [String: String] = [:]
var arguments = Array(CommandLine.arguments.dropFirst())[...]
while let argument = arguments.popFirst() {
    if argument == "--data" {
        guard let folder = arguments.popFirst() else {
            FileHandle.standardError.write(Data("--data needs a folder\n".utf8))
            exit(2)
        }
        dataFolder = URL(fileURLWithPath: folder)
    } else if argument.hasPrefix("--") {
        guard let value = arguments.popFirst() else {
            FileHandle.standardError.write(Data("\(argument) needs a value\n".utf8))
            exit(2)
        }
        options[String(argument.dropFirst(2))] = value
    } else if let equals = argument.firstIndex(of: "=") {
        options[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
    } else {
        command = argument
    }
}

do {
    // These need no Experiment (the models' split of the ratings).
    if command == "verbs" {
        try TableVerbsBenchmark.run(folder: dataFolder, repeat: options["repeat"].flatMap(Int.init) ?? 3, only: options["only"])
        exit(0)
    }
    if command == "generate" {
        try Generate.run(options)
        exit(0)
    }
    if command == "fuzz" {
        try Fuzz.run(options)
        exit(0)
    }
    if command == "fuzz-worker" {
        try FuzzWorker.run(options)
        exit(0)
    }
    if command == "neural-fit" {
        try NeuralFitTiming.run(options)
        exit(0)
    }
    if command == "products" {
        ProductTimings.run(options)
        exit(0)
    }
    if command == "neural-scores" {
        try NeuralScoring.run(options)
        exit(0)
    }
    if command == "sql" {
        try SQLTimings.run(folder: dataFolder)
        exit(0)
    }
    let experiment = try Experiment(folder: dataFolder)
    let seed = options["seed"].flatMap(UInt64.init) ?? 7
    switch command {
    case "models": try Leaderboard.run(experiment)
    case "tune": try Tuning.run(experiment, only: options["only"])
    case "foldin": try FoldInExperiment.run(experiment, seed: seed, folds: options["folds"].flatMap(Int.init) ?? 12)
    case "coldstart": try ColdStartExperiment.run(experiment, folder: dataFolder, seed: seed)
    case "eval": try SingleRun.run(experiment, options)
    case "svd":
        try SVDTimings.run(experiment, rank: options["k"].flatMap(Int.init) ?? 50,
                           methods: (options["methods"] ?? "auto,arpack,gram").split(separator: ",").map(String.init))
    default:
        FileHandle.standardError.write(Data("unknown command '\(command)': models, tune, foldin, coldstart, eval, svd, verbs, generate, sql, fuzz\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
