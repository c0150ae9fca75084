extension PiecewiseLinearWaveform {
    /// A waveform read from CSV text of `t,I` rows.
    ///
    /// Rows are separated by newlines (LF or CRLF); blank lines and lines
    /// starting with `#` are skipped; the first remaining line is a header
    /// when its first field is not a number (`t,I`, `time_s,current_A`).
    /// Each data row has exactly two fields, finite numbers, times strictly
    /// increasing. Units are the simulated model's (see ``Stimulus``).
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` naming the line and
    ///   what is wrong with it; for a file with no data rows.
    public init(csv text: String) throws(NeuroDynError) {
        var times: [Double] = [], values: [Double] = []
        var seenRow = false
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingWhitespace
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingWhitespace)
            defer { seenRow = true }
            if !seenRow, Double(fields[0]) == nil { continue }  // a header
            guard fields.count == 2 else {
                throw .invalidStimulus("line \(index + 1) has \(fields.count) fields; expected 2 (t,I)")
            }
            guard let time = Double(fields[0]), time.isFinite else {
                throw .invalidStimulus("line \(index + 1): time \"\(fields[0])\" is not a finite number")
            }
            guard let value = Double(fields[1]), value.isFinite else {
                throw .invalidStimulus("line \(index + 1): current \"\(fields[1])\" is not a finite number")
            }
            if let previous = times.last, !(time > previous) {
                throw .invalidStimulus("line \(index + 1): time \(time) does not come after \(previous)")
            }
            times.append(time)
            values.append(value)
        }
        guard !times.isEmpty else { throw .invalidStimulus("the waveform has no t,I rows") }
        try self.init(times: times, values: values)
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
