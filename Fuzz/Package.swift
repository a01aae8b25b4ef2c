// swift-tools-version:6.1
// libFuzzer targets for Kader's parsers. Build and run with `make fuzz` (see the Makefile):
//   swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "KaderFuzz",
    dependencies: [.package(name: "Kader", path: "..")],
    targets: [
        .executableTarget(
            name: "KaderFuzz",
            dependencies: [.product(name: "KaderCore", package: "Kader"), .product(name: "KaderTUI", package: "Kader")])
    ]
)
