import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 UTC timestamps for codings: `2026-11-29T10:00:00Z` (whole seconds).
public enum Timestamp {
    public static func now() -> String { string(from: Date()) }

    /// Formats `date` without a `DateFormatter` (which is slow to create on Linux).
    public static func string(from date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
