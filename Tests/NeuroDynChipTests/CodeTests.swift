import Foundation
import Testing
import NeuroDynChip

@Suite("Digital codes")
struct CodeTests {
    @Test("Unsigned codes accept 0…1023 only", arguments: [-1, 0, 1, 512, 1023, 1024, Int.max, Int.min])
    func unsigned(value: Int) {
        if (0...1023).contains(value) {
            #expect((try? DigitalCode(value))?.value == value)
        } else {
            #expect(throws: NeuroDynError.codeOutOfRange(register: "dg.na", value: value, range: 0...1023)) {
                _ = try DigitalCode(value, register: "dg.na")
            }
        }
    }

    @Test("Signed codes accept −1023…1023 only", arguments: [-1024, -1023, 0, 1023, 1024, 1106, -1106])
    func signed(value: Int) {
        if (-1023...1023).contains(value) {
            #expect((try? SignedDigitalCode(value))?.value == value)
        } else {
            #expect(throws: NeuroDynError.codeOutOfRange(register: "dE.na", value: value, range: -1023...1023)) {
                _ = try SignedDigitalCode(value, register: "dE.na")
            }
        }
    }

    @Test("Clamping initialisers saturate")
    func clamping() {
        #expect(DigitalCode(clamping: 5000).value == 1023)
        #expect(DigitalCode(clamping: -3).value == 0)
        #expect(SignedDigitalCode(clamping: -1106).value == -1023)
    }

    @Test("Registers from integers name the offending register")
    func registers() {
        let splines = PerGate(
            m: PerRate(alpha: [0, 0, 0, 0, 0, 0, 0], beta: [0, 0, 0, 0, 0, 0, 0]),
            h: PerRate(alpha: [0, 0, 0, 0, 0, 0, 0], beta: [0, 0, 0, 0, 0, 0, 0]),
            n: PerRate(alpha: [0, 0, 0, 0, 0, 0, 0], beta: [0, 0, 0, 0, 0, 0, 2000]))
        #expect(throws: NeuroDynError.codeOutOfRange(register: "dIb.n.beta[6]", value: 2000, range: 0...1023)) {
            _ = try NeuronRegisters(dg: [1, 2, 3], dE: [0, 0, 0], dIb: splines)
        }
        #expect(throws: NeuroDynError.codeOutOfRange(register: "dE.k", value: -1106, range: -1023...1023)) {
            _ = try NeuronRegisters(dg: [1, 2, 3], dE: [0, -1106, 0], dIb: splines)
        }
        #expect(throws: NeuroDynError.wrongCount(name: "dg", expected: 3, actual: 2)) {
            _ = try NeuronRegisters(dg: [1, 2], dE: [0, 0, 0], dIb: splines)
        }
        #expect(throws: NeuroDynError.wrongCount(name: "dIb", expected: 7, actual: 6)) {
            _ = try SplineCodes(values: [1, 2, 3, 4, 5, 6])
        }
    }

    @Test("Decoding refuses an out-of-range code")
    func decoding() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode([DigitalCode].self, from: Data("[0, 1023]".utf8)).map(\.value) == [0, 1023])
        #expect(throws: DecodingError.self) { _ = try decoder.decode([DigitalCode].self, from: Data("[1024]".utf8)) }
        #expect(throws: DecodingError.self) { _ = try decoder.decode([SignedDigitalCode].self, from: Data("[-1024]".utf8)) }
    }
}

@Suite("Biases and conversions")
struct ConversionTests {
    @Test("Bad biases are refused by name", arguments: [
        ("I_master", -1e-9), ("I_master", 0), ("I_voltage", .nan), ("capacitance_scaling", 0), ("V_ref", .infinity),
        // Finite but absurd: the spline centres and rates they give overflow.
        ("I_voltage", 1.5e307), ("I_master", 2e-2), ("capacitance_scaling", 1e-300), ("V_ref", -1e200),
    ])
    func badBias(name: String, value: Double) {
        let error = #expect(throws: NeuroDynError.self) {
            switch name {
            case "I_master": _ = try ChipBiases(masterCurrent: value)
            case "I_voltage": _ = try ChipBiases(voltageCurrent: value)
            case "capacitance_scaling": _ = try ChipBiases(capacitanceScaling: value)
            default: _ = try ChipBiases(referenceVoltage: value)
            }
        }
        guard case let .invalidBias(thrownName, thrownValue)? = error else {
            Issue.record("expected invalidBias, got \(String(describing: error))")
            return
        }
        #expect(thrownName == name)
        #expect(thrownValue == value || (thrownValue.isNaN && value.isNaN))
    }

    /// Values computed by hand from section 1 of the specification.
    @Test("Code conversions follow the specification")
    func conversions() throws {
        let c = ChipConversions()
        let half: DigitalCode = 512, full: DigitalCode = 1023, sodium: SignedDigitalCode = 829
        #expect(abs(c.conductance(half) - 0.2 / 0.026 * 200e-9 / 2) < 1e-20)
        #expect(abs(c.reversalOffset(sodium) - 829 * 150e-9 / 1024 * 1.63e6) < 1e-15)
        #expect(abs(c.splineWeight(full) - 200e-9 * 1023 / 1024) < 1e-22)
        let delta = 2 * 1.85e6 * 150e-9 / 7
        #expect(abs(c.splineSpacing - delta) < 1e-15)
        for (j, centre) in c.splineCentres.enumerated() {
            #expect(abs(centre - (0.9 + Double(j - 3) * delta)) < 1e-15)
        }
        let scaled = ChipConversions(biases: try ChipBiases(capacitanceScaling: 0.25))
        #expect(abs(scaled.membraneCapacitance - 1e-12) < 1e-27)
    }

    @Test("Analog mode with the converted values is the same chip")
    func analogMode() throws {
        let digital = NeuroDynNeuron.defaultChip
        let analog = NeuroDynNeuron(analog: digital.nominalParameters)
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, spikeThreshold: 0.85)
        let a = try digital.simulate(appliedCurrent: 0, duration: 0.01, options: options)
        let b = try analog.simulate(appliedCurrent: 0, duration: 0.01, options: options)
        #expect(a.spikeTimes == b.spikeTimes)
        #expect(analog.registers == nil)
    }

    @Test("Analog parameters are validated")
    func analogValidation() {
        let good = NeuroDynNeuron.defaultChip.nominalParameters
        #expect(throws: NeuroDynError.invalidParameter(name: "g.k", value: -1)) {
            _ = try AnalogNeuronParameters(
                conductances: PerChannel(sodium: 1e-6, potassium: -1, leak: 0),
                reversalOffsets: good.reversalOffsets, splineWeights: good.splineWeights)
        }
        var weights = good.splineWeights
        weights.h.beta[3] = .nan
        #expect(throws: NeuroDynError.self) {
            _ = try AnalogNeuronParameters(
                conductances: good.conductances, reversalOffsets: good.reversalOffsets, splineWeights: weights)
        }
    }
}
