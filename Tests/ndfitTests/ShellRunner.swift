import Foundation

/// Runs a command line through `/bin/sh -c` with the built `ndfit` first on `PATH`.
///
/// The line sees the test's environment, with `PATH` prefixed by the folder of
/// `BinaryRunner.executable` and `extraEnvironment` added; standard input is
/// empty. Standard output and standard error are read concurrently, so neither
/// can fill its pipe and block the child.
enum ShellRunner {
    /// The folder of the `ndfit` binary the tests run.
    static var binaryFolder: String { BinaryRunner.executable.deletingLastPathComponent().path }

    static func run(
        _ line: String, in directory: URL, extraEnvironment: [String: String] = [:]
    ) throws -> BinaryRunner.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binaryFolder + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment.merge(extraEnvironment) { _, new in new }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = DrainedPipe(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.wait()
        process.waitUntilExit()
        return BinaryRunner.Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// A pipe read to its end on a background queue.
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything written to the pipe; returns once the writer has closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
