import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the file an export is asked to write (`-o PATH`) before anything is written: exports
/// replace ordinary files only, never a folder, a device, a pipe or a socket (an atomic rename
/// would put a regular file in their place). A symbolic link to an ordinary file is followed, so
/// the link stays and its target gets the new content.
public enum OutputPath {
    /// The URL to write for `path`.
    /// - Throws: ``ExportError/io(path:detail:)`` when `path` names a folder (or ends with `/`),
    ///   or an existing file that is not an ordinary file.
    public static func resolve(_ path: String) throws -> URL {
        if path.hasSuffix("/") {
            throw ExportError.io(path: path, detail: "this names a folder; give a file name inside it")
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return URL(fileURLWithPath: path) }  // a new file
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw ExportError.io(path: path, detail: "this is a folder; give a file name inside it")
        case S_IFREG:
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
                defer { free(real) }
                return URL(fileURLWithPath: String(cString: real))
            }
            return URL(fileURLWithPath: path)
        default:
            throw ExportError.io(
                path: path,
                detail:
                    "this is not an ordinary file (a device, pipe or socket); Kader writes exports only to ordinary files"
            )
        }
    }
}
