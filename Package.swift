// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "recbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "recbook", targets: ["recbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // System libraries, found through pkg-config; `scripts/bootstrap` installs them with apt-get.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // ARPACK (arpack-ng), the Lanczos eigensolver behind scipy.sparse.linalg.svds.
        .systemLibrary(name: "CArpack", pkgConfig: "arpack", providers: [.apt(["libarpack2-dev"])]),

        // The training's innermost loops in C, compiled for AVX2 and for baseline x86-64 and
        // chosen when the program loads; Swift alone targets baseline x86-64.
        .target(name: "CKernels"),
        // The CSV reader's number arithmetic and its loop over rows of plain numbers, in C.
        .target(name: "CParsing"),

        // Shared plumbing: binary serialisation, digests, source locations, formatting.
        .target(
            name: "RecbookSupport",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The only module that imports cmark-gfm.
        .target(name: "NotebookMarkdown", dependencies: ["CCmarkGFM", "RecbookSupport"]),
        // What a step shows: tables, text and figures, as data.
        .target(name: "Outputs", dependencies: ["RecbookSupport"]),
        // Columnar tables, CSV, MovieLens layouts, SQL through SQLite.
        .target(name: "Frames", dependencies: ["CParsing", "CSQLite", "RecbookSupport"]),
        // Dense/sparse matrices on BLAS/LAPACK, truncated SVD through ARPACK.
        .target(name: "LinearAlgebra", dependencies: ["CArpack", "CLapack", "RecbookSupport"]),
        // Encoders, TF-IDF, splits, metrics, neural network, recommender models.
        .target(name: "Learning", dependencies: ["CKernels", "LinearAlgebra", "RecbookSupport"]),
        // Downloading MovieLens releases from GroupLens, checked against their published MD5.
        .target(name: "Datasets", dependencies: ["RecbookSupport", "ZIPFoundation"]),
        // What a run produced, cell by cell: what the executor writes and the renderers read.
        .target(name: "RunModel", dependencies: ["NotebookMarkdown", "Outputs", "RecbookSupport"]),
        // Steps, registry, parameters, checker, executor, cache.
        .target(
            name: "NotebookCore",
            dependencies: ["NotebookMarkdown", "Outputs", "RunModel", "RecbookSupport", "Yams"]
        ),
        // The bounded loopback HTTP server behind `recbook watch`.
        .target(name: "PreviewServer"),
        // HTML, terminal, Markdown, ipynb and JSON renderers; SVG and ASCII figures.
        .target(name: "Report", dependencies: ["RunModel", "NotebookMarkdown", "Outputs", "RecbookSupport"]),
        // The general steps: loading and saving tables, table verbs, charts, SQL.
        .target(name: "TableSteps", dependencies: ["NotebookCore", "Outputs", "Frames", "RecbookSupport"]),
        // The recommender steps: glue between NotebookCore and the numeric modules.
        .target(
            name: "RecommenderSteps",
            dependencies: ["NotebookCore", "Outputs", "Frames", "TableSteps", "LinearAlgebra", "Learning", "RecbookSupport"]
        ),
        .executableTarget(
            name: "recbook",
            dependencies: [
                "NotebookCore", "RunModel", "Report", "RecommenderSteps", "RecbookSupport", "Datasets", "LinearAlgebra", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks and tuning of the recommender models on MovieLens (not shipped).
        .executableTarget(
            name: "recbook-bench",
            dependencies: ["CKernels", "Datasets", "Frames", "Learning", "LinearAlgebra", "NotebookCore", "RecommenderSteps", "RecbookSupport"]
        ),

        .testTarget(name: "RecbookSupportTests", dependencies: ["RecbookSupport"]),
        .testTarget(name: "NotebookMarkdownTests", dependencies: ["NotebookMarkdown"]),
        .testTarget(name: "OutputsTests", dependencies: ["Outputs"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer"]),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "RecbookSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "LearningTests", dependencies: ["CKernels", "Learning", "LinearAlgebra", "RecbookSupport"]),
        .testTarget(name: "NotebookCoreTests", dependencies: ["NotebookCore", "RunModel", "Outputs", "RecbookSupport"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "RunModel", "NotebookCore", "NotebookMarkdown", "Outputs", "RecbookSupport"],
            // The nbformat JSON Schema the ipynb tests validate against.
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TableStepsTests", dependencies: ["TableSteps", "NotebookCore", "RunModel", "Frames", "Outputs", "RecbookSupport"]),
        .testTarget(name: "RecommenderStepsTests", dependencies: ["RecommenderSteps", "TableSteps", "NotebookCore", "Frames"]),
        .testTarget(
            name: "DatasetsTests",
            dependencies: ["Datasets", "Frames", "RecbookSupport", "ZIPFoundation", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["RecbookSupport"]),
    ]
)
