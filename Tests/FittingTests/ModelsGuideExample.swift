// The example of docs/models.md, compiled and run with the tests
// (DocumentationExampleTests checks that the text between the markers is the
// page's first code block).
// BEGIN EXAMPLE models-guide
import Fitting
import Foundation
import NeuroDynChip

/// The register file of the model in `path` (a neurodyn-model/1 or NeuroML
/// file), fitted as `ndfit fit --model PATH --format json` fits it.
func fitModelFile(_ path: String, recipe: FitRecipe = .fidelity) throws -> Data {
    let target = try FitTarget(model: try NeuronModel.load(path), file: path)
    let fit = try target.fitter(recipe: recipe, settings: FitSettings(voltageScale: 3)).fit()
    return try fit.registerFileJSON(model: target.record)
}
// END EXAMPLE
