import ArgumentParser
import Foundation

/// `--plot DIR`, shared by the commands that draw figures.
struct PlotOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write SVG figures into this folder (created if missing); each file is written whole or not at all, and its path is reported on standard error.",
        valueName: "dir"))
    var plot: String?

    func validate() throws {
        if let plot, plot.isEmpty { throw ValidationError("--plot needs a folder name") }
    }

    /// Makes sure the `--plot` folder exists and can be written to, before any
    /// work is done; returns it (nil without `--plot`).
    ///
    /// - Throws: ``CommandFailure`` when the path is not a folder, cannot be
    ///   created, or is not writable.
    @discardableResult
    func prepareFolder() throws -> URL? {
        guard let plot else { return nil }
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: plot, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CommandFailure("cannot write figures to \(plot): it is not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: plot, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create the figure folder \(plot): \(Self.reason(error))")
            }
        }
        guard access(plot, W_OK | X_OK) == 0 else {
            throw CommandFailure("cannot write figures to \(plot): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: plot, isDirectory: true)
    }

    /// Writes each figure as `name` in the `--plot` folder, atomically
    /// (through ``OutputSink``), reporting each path on standard error.
    func write(_ figures: [(name: String, svg: String)]) throws {
        guard let folder = try prepareFolder() else { return }
        for figure in figures {
            let path = folder.appendingPathComponent(figure.name).path
            let sink = try OutputSink(path: path)
            sink.write(figure.svg)
            try sink.commit()
            Terminal.writeError("wrote \(path)\n")
        }
    }

    /// The reason an error gives, without Foundation's framing.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
