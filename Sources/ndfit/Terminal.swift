import Foundation

/// Messages to the terminal: help, errors and progress. (Results go through
/// ``OutputSink``.)
///
/// Writes go straight to file descriptors 1 and 2 with `write(2)`: the first
/// use of `FileHandle` costs milliseconds of start-up, a third of a short run.
enum Terminal {
    static func writeOut(_ text: String) { write(Data(text.utf8), to: STDOUT_FILENO) }

    static func writeError(_ text: String) { write(Data(text.utf8), to: STDERR_FILENO) }

    /// Whether standard error is a terminal (progress is shown only then).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes all of `data`, retrying partial writes and interruptions. A
    /// closed pipe ends the output silently (as `head` expects).
    private static func write(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                remaining -= written
            }
        }
    }
}
