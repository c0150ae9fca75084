/// A register whose fitted code fell outside its range.
///
/// With the `.fail` policy these make up ``FittingError/codesOutOfRange(_:)``;
/// with `.saturate` the code was clamped and the fit records the adjustment.
public struct RegisterAdjustment: Sendable, Hashable, Codable {
    /// The register, as in the register file (`dE.na`, `dg.k`, `dIb.n.beta[0]`).
    public let register: String
    /// The code the fit asked for.
    public let requested: Int
    /// The code emitted when saturating (the nearest end of the range).
    public let emitted: Int
    /// Which bias setting would bring the register back in range, and to what.
    public let remedy: String

    public init(register: String, requested: Int, emitted: Int, remedy: String) {
        self.register = register
        self.requested = requested
        self.emitted = emitted
        self.remedy = remedy
    }
}
