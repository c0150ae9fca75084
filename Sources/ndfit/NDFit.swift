import ArgumentParser

/// The `ndfit` command: fits, simulates and perturbs NeuroDyn neurons.
struct NDFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ndfit",
        abstract: "Emulate and program the NeuroDyn neuromorphic chip.",
        discussion: """
            Fits a (scaled) Hodgkin–Huxley model onto the chip's seven-sigmoid splines and \
            emits digital register settings; simulates what a register file does; draws \
            mismatched instances of a chip. Units are SI throughout (A, V, s).
            """,
        version: "0.1.0",
        subcommands: [
            FitCommand.self, SimulateCommand.self, PerturbCommand.self, VerifyCommand.self, CalibrateCommand.self,
            CharacterizeCommand.self, MergeCommand.self,
            BoardCommand.self, ModelsCommand.self,
        ])
}
