/// Errors reported by the `Fitting` module.
///
/// Every case names the offending value or location so a caller can report it without
/// re-deriving it. Indices are zero-based. ``description`` renders each case as one sentence.
public enum FittingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Matrix entry `(row, column)` is NaN or ±infinity.
    case nonFiniteMatrixEntry(row: Int, column: Int)
    /// Entry `index` of the right-hand-side vector is NaN or ±infinity.
    case nonFiniteRightHandSide(index: Int)
    /// The right-hand side has `actualCount` entries but the matrix has `expectedCount` rows.
    case dimensionMismatch(expectedCount: Int, actualCount: Int)
    /// Row `row` of a row-list matrix literal has `actualColumns` entries, row 0 has `expectedColumns`.
    case raggedRows(row: Int, expectedColumns: Int, actualColumns: Int)
    /// A dimension (`dimension`) exceeds what the linked LAPACK's integer type can address (`limit`).
    case dimensionExceedsLAPACKLimit(dimension: Int, limit: Int)
    /// A least-squares subproblem met an exactly singular triangular factor at matrix column `column`.
    case rankDeficient(column: Int)
    /// An iterative solver needed more than `limit` outer iterations.
    case iterationLimitReached(limit: Int)
    /// A caller-supplied iteration limit is negative.
    case invalidIterationLimit(Int)
    /// A caller-supplied tolerance is negative, NaN or infinite.
    case invalidTolerance(Double)
    /// A fit setting (scl_v, the voltage step, a chip constant) is not finite or not positive.
    case invalidSetting(name: String, value: Double)
    /// The target model cannot be fitted (the reason names the offending value).
    case invalidTarget(String)
    /// Fitted codes that would leave their registers' ranges, each with the
    /// bias that would bring it back. Nothing is emitted.
    case codesOutOfRange([RegisterAdjustment])
    /// A register file does not hold the fit a task needs (the reason names
    /// what is missing or which register differs).
    case fitNotRecorded(String)

    /// One sentence explaining the error, including the offending value or location.
    public var description: String {
        switch self {
        case let .nonFiniteMatrixEntry(row, column):
            return "The matrix entry at row \(row), column \(column) is not a finite number."
        case let .nonFiniteRightHandSide(index):
            return "The right-hand-side entry at index \(index) is not a finite number."
        case let .dimensionMismatch(expectedCount, actualCount):
            return "The right-hand side has \(actualCount) entries but the matrix has \(expectedCount) rows."
        case let .raggedRows(row, expectedColumns, actualColumns):
            return "Row \(row) has \(actualColumns) entries but row 0 has \(expectedColumns), so the rows do not form a matrix."
        case let .dimensionExceedsLAPACKLimit(dimension, limit):
            return "The dimension \(dimension) exceeds the largest size LAPACK can address, \(limit)."
        case let .rankDeficient(column):
            return "The least-squares subproblem is rank deficient: column \(column) is linearly dependent on the other selected columns."
        case let .iterationLimitReached(limit):
            return "The solver did not converge within its limit of \(limit) outer iterations."
        case let .invalidIterationLimit(limit):
            return "The iteration limit \(limit) is invalid because it is negative."
        case let .invalidTolerance(tolerance):
            return "The tolerance \(tolerance) is invalid because it is not a finite non-negative number."
        case let .invalidSetting(name, value):
            return "The fit setting \(name) = \(value) must be finite and positive."
        case let .invalidTarget(reason):
            return "The target model cannot be fitted: \(reason)."
        case let .codesOutOfRange(registers):
            let list = registers.map { "\($0.register) = \($0.requested) (\($0.remedy))" }
            return "The fit needs codes outside their range: " + list.joined(separator: "; ")
                + ". Change the bias as suggested, or pass --saturate to clamp them."
        case let .fitNotRecorded(reason):
            return "The register file does not hold a usable fit: \(reason)."
        }
    }
}
