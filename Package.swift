// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Kader",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kader", targets: ["kader"]),
        .library(name: "KaderCore", targets: ["KaderCore"]),
        .library(name: "KaderTUI", targets: ["KaderTUI"]),
        .executable(name: "kader-bench", targets: ["KaderBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "KaderCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
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
        .testTarget(name: "KaderCoreTests", dependencies: ["KaderCore"]),
        .testTarget(name: "KaderTUITests", dependencies: ["KaderTUI", "KaderCore"], exclude: ["Snapshots"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "KaderCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "KaderBench", dependencies: ["KaderCore", "KaderTUI"], path: "Sources/KaderBench"),
    ]
)
