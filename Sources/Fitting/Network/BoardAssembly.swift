import NeuroDynChip

/// Puts a board's register file together from its parts: neurons (codes, or
/// fitters when synapse kinetics are to be fitted), synapses given as codes or
/// as kinetics with g and E, gap junctions, and the synaptic current form.
///
/// With fitted synapses every neuron must come with its fitter: the board's
/// time scale is the largest any neuron or fitted synapse needs
/// (``BoardFitter``), and the file's mapping is the board's. Synapses given as
/// codes are taken as they are. With ``fillsBoards``, each board of four
/// neurons lists all 12 of its synapses (unlisted ones at the published
/// default, dg = 0): the full 384-code image of a board.
public struct BoardAssembly: Sendable {
    /// Where a neuron's codes come from.
    public enum Neuron: Sendable {
        /// Codes as they are.
        case registers(NeuronRegisters)
        /// A fit, done (again, at the board's time scale) by the assembly.
        case fitted(HodgkinHuxleyFitter)
    }

    public var biases: ChipBiases
    public var neurons: [Neuron]
    /// The mapping to record when no synapse is fitted (e.g. the fit the
    /// neurons' codes came from); with fitted synapses the board's own is used.
    public var mapping: RegisterFile.Mapping?
    public var synapses: [SynapseRegisters]
    public var fittedSynapses: [SynapseFitter]
    public var gapJunctions: [GapJunction]
    public var synapseCurrent: SynapseCurrentForm
    public var fillsBoards: Bool

    public init(
        biases: ChipBiases, neurons: [Neuron], mapping: RegisterFile.Mapping? = nil, synapses: [SynapseRegisters] = [],
        fittedSynapses: [SynapseFitter] = [], gapJunctions: [GapJunction] = [], synapseCurrent: SynapseCurrentForm = .chip,
        fillsBoards: Bool = false
    ) {
        self.biases = biases
        self.neurons = neurons
        self.mapping = mapping
        self.synapses = synapses
        self.fittedSynapses = fittedSynapses
        self.gapJunctions = gapJunctions
        self.synapseCurrent = synapseCurrent
        self.fillsBoards = fillsBoards
    }

    /// What the assembly made.
    public struct Result: Sendable {
        /// The board's register file.
        public let file: RegisterFile
        /// The board fit, when synapses were fitted: σ_t, who set it, the
        /// synapses' fits.
        public let fit: BoardFit?
    }

    /// Assembles the register file.
    ///
    /// - Throws: ``BoardAssemblyError`` naming what is wrong: a fitted synapse
    ///   with neurons given as codes, a fit that fails, or a network that
    ///   breaks a rule of the register format (naming the key).
    public func assemble() throws(BoardAssemblyError) -> Result {
        var registers: [NeuronRegisters] = []
        var fit: BoardFit?
        var mapping = self.mapping
        var all = synapses
        if fittedSynapses.isEmpty {
            for neuron in neurons {
                switch neuron {
                case let .registers(codes): registers.append(codes)
                case let .fitted(fitter):
                    do { registers.append(try fitter.fit().registers) } catch { throw .fit(error) }
                }
            }
        } else {
            var fitters: [HodgkinHuxleyFitter] = []
            for (i, neuron) in neurons.enumerated() {
                guard case let .fitted(fitter) = neuron else { throw .needsFitter(neuron: i) }
                fitters.append(fitter)
            }
            do {
                let board = try BoardFitter(neurons: fitters, synapses: fittedSynapses).fit()
                registers = board.neurons.map(\.registers)
                mapping = board.mapping
                all += board.synapses.map(\.registers)
                fit = board
            } catch {
                throw .fit(error)
            }
        }
        if fillsBoards {
            guard registers.count % 4 == 0 else { throw .partialBoard(neurons: registers.count) }
            var filled: [SynapseRegisters] = []
            for board in 0..<registers.count / 4 {
                let inside = all.filter { $0.post / 4 == board }
                do { filled += try SynapseRegisters.fullBoard(board, replacing: inside) } catch { throw .network(.invalid(key: "synapses", reason: error.description)) }
            }
            // Synapses across boards stay listed, so the format refuses them by name.
            all = filled + all.filter { $0.pre / 4 != $0.post / 4 }
        }
        do {
            let file = try RegisterFile(
                biases: biases, neurons: registers, mapping: mapping, synapses: all, gapJunctions: gapJunctions,
                synapseCurrent: synapseCurrent)
            return Result(file: file, fit: fit)
        } catch {
            throw .network(error)
        }
    }
}

/// Why a board could not be assembled.
public enum BoardAssemblyError: Error, Sendable, CustomStringConvertible {
    /// Fitting synapses needs every neuron's fitter (its record), and neuron `neuron` has none.
    case needsFitter(neuron: Int)
    /// Filling boards needs a multiple of 4 neurons.
    case partialBoard(neurons: Int)
    /// A neuron or synapse fit failed.
    case fit(FittingError)
    /// The network breaks a rule of the register format.
    case network(RegisterFileError)

    public var description: String {
        switch self {
        case let .needsFitter(neuron):
            "fitting a synapse needs every neuron's fit record, and neuron \(neuron) has none (write neurons with `ndfit fit --format json`)"
        case let .partialBoard(neurons):
            "a full board image needs 4 neurons per board; there are \(neurons)"
        case let .fit(error): error.description
        case let .network(error): error.description
        }
    }
}
