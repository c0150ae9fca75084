// libFuzzer entry point for RegisterFile.decode(_:).
//
// Property checked: no accepted file later fails. Whenever decode accepts the
// input, the file must
//   (a) encode,
//   (b) decode again from those bytes to an equal file that re-encodes to
//       identical bytes,
//   (c) build its network, whose dynamics under zero stimuli must build and
//       give finite derivatives at the network's initial state.
// Any violation calls fatalError, which libFuzzer reports as a crash.
// Errors thrown by decode are typed RegisterFileError and are expected.

import Foundation
import NeuroDynChip

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let file: RegisterFile
    do {
        file = try RegisterFile.decode(data)
    } catch {
        // A refused file: `error` is a RegisterFileError by the signature.
        let reason = error.description
        if verbose { print("refused: \(reason)") }
        return 0
    }
    if verbose { print("accepted: \(file.format), \(file.neurons.count) neurons, \(file.synapses.count) synapses") }
    check(file)
    return 0
}

/// Set FUZZ_VERBOSE=1 to print, for each input run, whether decode accepted it
/// (for replaying seeds or a crashing input; slows fuzzing).
private let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

private func check(_ file: RegisterFile) {
    // (a) An accepted file encodes.
    let bytes: Data
    do {
        bytes = try file.encoded()
    } catch {
        fatalError("accepted file does not encode: \(error)")
    }

    // (b) The encoding decodes to the same file and re-encodes to the same bytes.
    let again: RegisterFile
    do {
        again = try RegisterFile.decode(bytes)
    } catch {
        fatalError("encoding of an accepted file is refused: \(error)\n\(text(bytes))")
    }
    guard again == file else {
        fatalError("decode(encoded()) differs from the file\nfirst: \(file)\nagain: \(again)\n\(text(bytes))")
    }
    let bytesAgain: Data
    do {
        bytesAgain = try again.encoded()
    } catch {
        fatalError("re-decoded file does not encode: \(error)")
    }
    guard bytesAgain == bytes else {
        fatalError("re-encoding gives different bytes\nfirst:\n\(text(bytes))\nagain:\n\(text(bytesAgain))")
    }

    // (c) The network builds (network() traps itself if it cannot) and its
    // dynamics give finite derivatives at the initial state.
    let network = file.network()
    let dynamics: NetworkDynamics<ChipMembrane, ChipSynapse>
    do {
        dynamics = try network.dynamics(stimuli: Array(repeating: .constant(0), count: file.neurons.count))
    } catch {
        fatalError("dynamics of an accepted file's network fail: \(error)")
    }
    let state = network.initialState()
    guard state.count == dynamics.dimension else {
        fatalError("initial state has \(state.count) entries, dynamics dimension is \(dynamics.dimension)")
    }
    var derivative = [Double](repeating: .nan, count: dynamics.dimension)
    state.withUnsafeBufferPointer { y in
        derivative.withUnsafeMutableBufferPointer { dy in
            dynamics.evaluate(at: 0, state: y, derivative: dy)
        }
    }
    if let bad = derivative.firstIndex(where: { !$0.isFinite }) {
        fatalError("non-finite derivative at the initial state: dy[\(bad)] = \(derivative[bad])\nderivative: \(derivative)\nstate: \(state)\n\(text(bytes))")
    }
}

private func text(_ data: Data) -> String {
    String(decoding: data, as: UTF8.self)
}
