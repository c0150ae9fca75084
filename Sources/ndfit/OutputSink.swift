import Foundation

/// Where a streamed result goes: standard output, or a temporary file next to
/// the destination that replaces it only when everything was written.
final class OutputSink {
    private let descriptor: Int32
    private let temporaryPath: String?
    private let destination: String?
    private var buffer: [UInt8] = []
    private var failed: String?

    /// A sink to standard output, or to `path` through a temporary file.
    init(path: String?) throws {
        guard let path else {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            destination = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        destination = path
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(_ data: Data) {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard failed == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the output: for a file, syncs it and renames it into place.
    func commit() throws {
        flush()
        guard let temporaryPath, let destination else {
            if let failed, destination == nil, failed != String(cString: strerror(EPIPE)) {
                throw CommandFailure("cannot write the output: \(failed)")
            }
            return
        }
        defer { close(descriptor) }
        if let failed {
            unlink(temporaryPath)
            throw CommandFailure("cannot write \(destination): \(failed)")
        }
        guard fsync(descriptor) == 0, fchmod(descriptor, 0o644) == 0, rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw CommandFailure("cannot write \(destination): \(reason)")
        }
    }

    /// Abandons the output: a temporary file is removed, the destination untouched.
    func abandon() {
        guard let temporaryPath else { return }
        close(descriptor)
        unlink(temporaryPath)
    }
}

extension OutputOptions {
    /// Streams a result through `body`; with `--output`, the file appears
    /// whole when `body` succeeds and is left untouched when it throws.
    func stream(_ body: (OutputSink) throws -> Void) throws {
        let sink = try OutputSink(path: output)
        do {
            try body(sink)
        } catch {
            sink.abandon()
            throw error
        }
        try sink.commit()
    }
}
