import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The libFuzzer entry points. `KADER_FUZZ_TARGET` picks the target; `KADER_FUZZ_TARGET=list`
/// prints the target names and exits.
nonisolated(unsafe) var selectedTarget: (@Sendable (Data) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutableRawPointer?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["KADER_FUZZ_TARGET"] ?? ""
    let targets = FuzzTargets.all
    if name == "list" {
        print(targets.keys.sorted().joined(separator: "\n"))
        exit(0)
    }
    guard let t = targets[name] else {
        FileHandle.standardError.write(
            Data("kader-fuzz: set KADER_FUZZ_TARGET to one of: \(targets.keys.sorted().joined(separator: ", "))\n".utf8)
        )
        exit(2)
    }
    selectedTarget = t
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    selectedTarget?(data)
    return 0
}

/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links).
// The Swift name is the C symbol libFuzzer exports, so it keeps the C spelling.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable target's entry point as `<Module>_main`; libFuzzer's own `main`
/// is therefore not used, and this hands control to its driver instead.
@_cdecl("KaderFuzz_main")
public func kaderFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var args: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &args) { data, size in fuzzerTestOneInput(data, size) }
}
