import Testing

import Fitting

@Suite("Column-major matrix")
struct MatrixTests {
    @Test func rowListIsStoredColumnMajor() throws {
        let matrix = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(matrix.storage == [1, 4, 2, 5, 3, 6])
        #expect(matrix[1, 2] == 6 && matrix[0, 1] == 2)
        #expect(Array(matrix.column(1)) == [2, 5])
        #expect(matrix == Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6]))
    }

    @Test func raggedRowsAreATypedError() {
        #expect(throws: FittingError.raggedRows(row: 2, expectedColumns: 2, actualColumns: 3)) {
            try Matrix(rows: [[1, 2], [3, 4], [5, 6, 7]])
        }
    }

    @Test func emptyShapes() throws {
        let none = try Matrix(rows: [])
        #expect(none.rows == 0 && none.columns == 0 && none.storage.isEmpty)
        let tall = try Matrix(rows: [[], [], []])
        #expect(tall.rows == 3 && tall.columns == 0)
        #expect(tall.multiplied(by: []) == [0, 0, 0])
        #expect(Matrix(rows: 0, columns: 2).transposeMultiplied(by: []) == [0, 0])
    }

    @Test func subscriptSetterWritesOneEntry() {
        var matrix = Matrix(rows: 2, columns: 2)
        matrix[1, 0] = 7
        #expect(matrix.storage == [0, 7, 0, 0])
    }

    @Test func products() throws {
        let matrix = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(matrix.multiplied(by: [1, -1]) == [-1, -1, -1])
        #expect(matrix.transposeMultiplied(by: [1, 0, 1]) == [6, 8])
    }
}
