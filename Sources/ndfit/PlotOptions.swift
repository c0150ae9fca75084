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
            try Self.makeFolder(plot)
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

    /// Creates `path` and any missing parents with mkdir(2), so a failure
    /// names the system's reason.
    private static func makeFolder(_ path: String) throws {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var prefix = ""
        for component in absolute.split(separator: "/") {
            prefix += "/" + component
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw CommandFailure("cannot create the figure folder \(path): \(prefix) is not a folder")
                }
                continue
            }
            guard mkdir(prefix, 0o755) == 0 || errno == EEXIST else {
                throw CommandFailure("cannot create the figure folder \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
