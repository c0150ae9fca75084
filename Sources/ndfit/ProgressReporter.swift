import Foundation

/// A one-line progress display on standard error, shown only when standard
/// error is a terminal and only for runs that last long enough to need it.
final class ProgressReporter {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastShown = -1
    private var shownAnything = false

    init(label: String, enabled: Bool = Terminal.standardErrorIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    /// Reports `fraction` (0…1) done; draws after half a second has passed.
    func report(_ fraction: Double) {
        guard enabled, Date().timeIntervalSince(start) > 0.5 else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != lastShown else { return }
        lastShown = percent
        shownAnything = true
        Terminal.writeError("\r\(label): \(percent)%")
    }

    /// Clears the line if anything was drawn.
    func finish() {
        if shownAnything { Terminal.writeError("\r\u{1B}[2K") }
    }
}
