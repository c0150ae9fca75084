import Foundation
import Testing
import Fitting
import NeuroDynChip

/// Rebuilding a fitter from the register file it wrote, and the records a
/// calibrated file carries.
@Suite("Recorded fits")
struct RecordedFitTests {
    static func searched() throws -> HodgkinHuxleyFitter {
        let firing = FiringProtocol(
            currents: [0, 10, 40], targetDuration: 0.15, relativeTolerance: 1e-4, absoluteTolerance: 1e-7)
        return try FidelitySearch(fitter: .forFidelity(voltageScale: 3), firing: firing, budget: 12).run().fitter
    }

    @Test("A fit's register file gives back its fitter", arguments: [false, true])
    func roundTrip(searched: Bool) throws {
        let fitter = searched ? try Self.searched() : HodgkinHuxleyFitter(voltageScale: 4, outOfRangePolicy: .saturate)
        let fit = try fitter.fit()
        let rebuilt = try HodgkinHuxleyFitter.recorded(in: try fit.registerFileJSON())
        let refit = try rebuilt.fit()
        #expect(refit.registers == fit.registers)
        #expect(refit.registerFile.mapping == fit.registerFile.mapping)
        #expect(rebuilt.conductanceFactors == fitter.conductanceFactors)
        #expect(rebuilt.reversalShifts == fitter.reversalShifts)
        #expect(rebuilt.weightPenalty == fitter.weightPenalty)
    }

    @Test("An edited file is refused, naming the register")
    func edited() throws {
        let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        var text = String(decoding: try fit.registerFileJSON(), as: UTF8.self)
        let original = "\"k\" : \(fit.registers.conductances.potassium.value)"
        #expect(text.contains(original))
        text = text.replacingOccurrences(of: original, with: "\"k\" : \(fit.registers.conductances.potassium.value + 1)")
        #expect(throws: FittingError.self) { _ = try HodgkinHuxleyFitter.recorded(in: Data(text.utf8)) }
        do {
            _ = try HodgkinHuxleyFitter.recorded(in: Data(text.utf8))
        } catch {
            #expect(error.description.contains("dg.k"))
        }
    }

    @Test("A file without a fit record is refused")
    func unrecorded() throws {
        let data = try RegisterFile.defaultChip.encoded()
        #expect(throws: FittingError.self) { _ = try HodgkinHuxleyFitter.recorded(in: data) }
        #expect(throws: FittingError.self) { _ = try HodgkinHuxleyFitter.recorded(in: Data("{".utf8)) }
    }

    @Test("A die's file records its factors and its calibration")
    func dieRecords() throws {
        var fitter = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3)
        fitter.outOfRangePolicy = .saturate
        let factors = try MismatchModel(sigma: 0.15).draw(seed: 2, instance: 9)
        fitter.die = factors
        let fit = try fitter.fit()
        let report = FidelityReport(
            currents: [0, 10], targetRates: [0, 900], chipRates: [0, 850], targetRheobase: nil, chipRheobase: nil)
        let data = try fit.registerFileJSON(
            calibration: CalibrationRecord(source: "test", before: report, after: report))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let record = try #require(object["calibration"] as? [String: Any])
        #expect(record["source"] as? String == "test")
        #expect(record["fidelity_before"] != nil && record["fidelity_after"] != nil)
        let fitObject = try #require(object["fit"] as? [String: Any])
        let die = try JSONSerialization.data(withJSONObject: try #require(fitObject["die"]))
        #expect(try MismatchFactors.decode(die) == factors)
        // The file stays a valid register file with the die's codes, and
        // gives back the die's fitter.
        #expect(try RegisterFile.decode(data).neurons == [fit.registers])
        let rebuilt = try HodgkinHuxleyFitter.recorded(in: data)
        #expect(rebuilt.die == factors)
        #expect(try rebuilt.fit().registers == fit.registers)
    }
}
