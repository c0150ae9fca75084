import ArgumentParser
import NeuroDynChip

/// The chip's bias settings and conductance slope, shared by the commands.
struct ChipOptions: ParsableArguments {
    @Option(name: .customLong("i-master"), help: ArgumentHelp("I_master in amperes (default 2e-7).", valueName: "A"))
    var masterCurrent: Double?

    @Option(name: .customLong("i-voltage"), help: ArgumentHelp("I_voltage in amperes (default 1.5e-7).", valueName: "A"))
    var voltageCurrent: Double?

    @Option(name: .customLong("capacitance-scaling"), help: ArgumentHelp("Membrane capacitance scaling (default 1).", valueName: "c"))
    var capacitanceScaling: Double?

    @Option(name: .customLong("v-ref"), help: ArgumentHelp("V_ref in volts (default 0.9).", valueName: "V"))
    var referenceVoltage: Double?

    @Option(name: .customLong("kappa-lin"), help: ArgumentHelp(
        "Conductance slope κ_lin (default 0.2, the chip's; 0.7 reproduces the published fit).", valueName: "k"))
    var kappaLinear: Double?

    func validate() throws {
        let positive: [(String, Double?)] = [
            ("--i-master", masterCurrent), ("--i-voltage", voltageCurrent),
            ("--capacitance-scaling", capacitanceScaling), ("--kappa-lin", kappaLinear),
        ]
        for case let (name, value?) in positive where !(value.isFinite && value > 0) {
            throw ValidationError("\(name) must be a finite positive number (got \(value))")
        }
        if let referenceVoltage, !referenceVoltage.isFinite {
            throw ValidationError("--v-ref must be a finite number (got \(referenceVoltage))")
        }
    }

    /// The biases, starting from `base` and replacing what was given.
    func biases(base: ChipBiases = .standard) throws -> ChipBiases {
        do {
            return try base.with(
                referenceVoltage: referenceVoltage, voltageCurrent: voltageCurrent,
                masterCurrent: masterCurrent, capacitanceScaling: capacitanceScaling)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The chip constants with the given conductance slope.
    var constants: ChipConstants {
        var constants = ChipConstants.neuroDyn
        if let kappaLinear { constants.kappaLinear = kappaLinear }
        return constants
    }
}
