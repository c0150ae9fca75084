/// A small dense matrix of `Double`, stored in column-major order.
///
/// Element `(i, j)` (zero-based row `i`, column `j`) lives at `storage[i + j * rows]`, which is
/// the layout LAPACK expects, so the storage can be handed to LAPACK without transposition.
///
/// Either dimension may be zero (e.g. a `432 × 0` matrix is a valid, empty design matrix).
/// The type has value semantics; mutation through the subscript copies the storage on write.
public struct Matrix: Equatable, Sendable {
    /// Number of rows, `≥ 0`.
    public let rows: Int
    /// Number of columns, `≥ 0`.
    public let columns: Int
    /// The entries in column-major order; `storage.count == rows * columns`.
    public private(set) var storage: [Double]

    /// Creates a `rows × columns` matrix with every entry equal to `value`.
    ///
    /// - Precondition: `rows ≥ 0` and `columns ≥ 0` (negative sizes are a programming error).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative, got \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// Creates a `rows × columns` matrix from entries already in column-major order.
    ///
    /// - Parameter columnMajor: the entries, `columnMajor[i + j * rows]` being element `(i, j)`.
    /// - Precondition: `rows ≥ 0`, `columns ≥ 0` and `columnMajor.count == rows * columns`.
    ///   A wrong count means the caller computed the shape inconsistently, which is a
    ///   programming error; use ``init(rows:)`` for data of untrusted shape.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative, got \(rows) × \(columns)")
        precondition(
            columnMajor.count == rows * columns,
            "Column-major storage has \(columnMajor.count) entries, expected \(rows) × \(columns) = \(rows * columns)"
        )
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// Creates a matrix from a list of rows, the convenient way to write small matrices in code.
    ///
    /// `Matrix(rows: [[1, 2], [3, 4]])` is the 2 × 2 matrix with first row `(1, 2)`.
    /// An empty list gives a `0 × 0` matrix; a list of empty rows gives an `r × 0` matrix.
    ///
    /// - Throws: ``FittingError/raggedRows(row:expectedColumns:actualColumns:)`` naming the first
    ///   row whose length differs from the length of row 0.
    public init(rows rowList: [[Double]]) throws(FittingError) {
        let columnCount = rowList.first?.count ?? 0
        for (rowIndex, row) in rowList.enumerated() where row.count != columnCount {
            throw .raggedRows(row: rowIndex, expectedColumns: columnCount, actualColumns: row.count)
        }
        var entries = [Double](repeating: 0, count: rowList.count * columnCount)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() {
                entries[i + j * rowList.count] = value
            }
        }
        self.init(rows: rowList.count, columns: columnCount, columnMajor: entries)
    }

    /// Element at zero-based row `i` and column `j`.
    ///
    /// - Precondition: `0 ≤ i < rows` and `0 ≤ j < columns`.
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Index (\(i), \(j)) out of range for \(rows) × \(columns) matrix")
            return storage[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Index (\(i), \(j)) out of range for \(rows) × \(columns) matrix")
            storage[i + j * rows] = newValue
        }
    }

    /// The entries of column `j` (contiguous in storage), `rows` values long.
    ///
    /// - Precondition: `0 ≤ j < columns`.
    public func column(_ j: Int) -> ArraySlice<Double> {
        precondition(j >= 0 && j < columns, "Column \(j) out of range for \(rows) × \(columns) matrix")
        return storage[(j * rows)..<((j + 1) * rows)]
    }

    /// The matrix–vector product `A x`, a vector of `rows` entries.
    ///
    /// For a `rows × 0` matrix the result is the zero vector of length `rows`.
    ///
    /// - Precondition: `x.count == columns`.
    public func multiplied(by x: [Double]) -> [Double] {
        precondition(x.count == columns, "Vector has \(x.count) entries, matrix has \(columns) columns")
        var product = [Double](repeating: 0, count: rows)
        for j in 0..<columns where x[j] != 0 {
            let offset = j * rows
            for i in 0..<rows {
                product[i] += storage[offset + i] * x[j]
            }
        }
        return product
    }

    /// The transposed product `Aᵀ y`, a vector of `columns` entries.
    ///
    /// For a `0 × columns` matrix the result is the zero vector of length `columns`.
    ///
    /// - Precondition: `y.count == rows`.
    public func transposeMultiplied(by y: [Double]) -> [Double] {
        precondition(y.count == rows, "Vector has \(y.count) entries, matrix has \(rows) rows")
        var product = [Double](repeating: 0, count: columns)
        for j in 0..<columns {
            let offset = j * rows
            var sum = 0.0
            for i in 0..<rows {
                sum += storage[offset + i] * y[i]
            }
            product[j] = sum
        }
        return product
    }
}

extension Matrix {
    /// The matrix with column j multiplied by `factors[j]` (itself when every factor is 1).
    ///
    /// - Precondition: one factor per column.
    /// The matrix with row i multiplied by `factors[i]`.
    func scalingRows(by factors: [Double]) -> Matrix {
        precondition(factors.count == rows, "one factor per row")
        var storage = self.storage
        for j in 0..<columns {
            for i in 0..<rows { storage[i + j * rows] *= factors[i] }
        }
        return Matrix(rows: rows, columns: columns, columnMajor: storage)
    }

    func scalingColumns(by factors: [Double]) -> Matrix {
        precondition(factors.count == columns, "one factor per column")
        guard factors.contains(where: { $0 != 1 }) else { return self }
        var scaled = storage
        for j in 0..<columns {
            for i in 0..<rows { scaled[i + j * rows] *= factors[j] }
        }
        return Matrix(rows: rows, columns: columns, columnMajor: scaled)
    }
}

extension Matrix {
    /// The product with a vector of one entry per column.
    ///
    /// - Precondition: `vector.count == columns`.
    func times(_ vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "one entry per column")
        var product = [Double](repeating: 0, count: rows)
        for j in 0..<columns where vector[j] != 0 {
            for i in 0..<rows { product[i] += storage[i + j * rows] * vector[j] }
        }
        return product
    }
}
