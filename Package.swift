// swift-tools-version:6.1
import PackageDescription

// Linux only for now: the store and the loader read Glibc's `stat` fields (`st_mtim`) and
// call Glibc directly, and the terminal needs ncursesw through pkg-config. No Apple platform
// is declared because none is built or tested.
let package = Package(
    name: "Kader",
    products: [
        // The one product users get. kader-dev and kader-bench are executable targets for the
        // tests and `make bench`; they are built from the package but never shipped.
        .executable(name: "kader", targets: ["kader"]),
        .library(name: "KaderCore", targets: ["KaderCore"]),
        // KaderTUI for the fuzz package (Fuzz/), which renders hostile codings files.
        .library(name: "KaderTUI", targets: ["KaderTUI"]),
    ],
    dependencies: [
        // Exact versions: Package.resolved stays out of git, so these pins are the lock.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "KaderCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
                "CLibXML2",
            ]
        ),
        .target(name: "KaderTUI", dependencies: ["KaderCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "CursesTerminal", dependencies: ["KaderTUI", "CNcursesW"]),
        .executableTarget(
            name: "kader",
            dependencies: [
                "KaderCore", "KaderTUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Test and demo drivers (`kader-dev code-loop`, `save-bench`, `demo-codings`): not a product.
        .executableTarget(
            name: "kader-dev",
            dependencies: [
                "KaderCore", "KaderTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/KaderDev"
        ),
        // Shared by every test target and kader-dev: temporary projects, the process runner,
        // tool lookup, snapshots, synthetic codings, fixtures. No Testing import (kader-dev links it).
        .target(name: "KaderTestSupport", dependencies: ["KaderCore"], path: "Tests/KaderTestSupport"),
        .testTarget(
            name: "KaderCoreTests",
            dependencies: [
                "KaderCore", "KaderTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "KaderTUITests", dependencies: ["KaderTUI", "KaderCore", "KaderTestSupport"], exclude: ["Snapshots"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "KaderCore", "KaderTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `make bench` (binary kader-bench): not a product.
        .executableTarget(name: "kader-bench", dependencies: ["KaderCore", "KaderTUI"], path: "Sources/KaderBench"),
    ]
)
