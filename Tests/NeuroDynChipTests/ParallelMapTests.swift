import Testing
import NeuroDynChip

@Suite("Parallel map")
struct ParallelMapTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test("Results come back in task order")
    func order() {
        #expect(ParallelMap.map(count: 1000) { $0 * $0 } == (0..<1000).map { $0 * $0 })
        #expect(ParallelMap.map(count: 0) { $0 }.isEmpty)
    }

    @Test("The lowest-numbered failure is thrown")
    func failure() {
        #expect(throws: Failure(index: 3)) {
            _ = try ParallelMap.map(count: 50) { (k) throws(Failure) in
                if k % 10 == 3 { throw Failure(index: k) }
                return k
            }
        }
    }
}
