import NeuroDynChip

extension NeuronRegisters {
    /// The leak used as an offset current, as one signed code: g_L's code,
    /// positive with E_L at −1023 (outward, where the leak's tanh saturates
    /// over the slow wave), negative with E_L at +1023 (inward). Setting it
    /// writes both registers; 0 leaves E_L at −1023.
    var leakOffset: Int {
        get { conductances.leak.value * (reversals.leak.value < 0 ? 1 : -1) }
        set {
            conductances.leak = DigitalCode(clamping: abs(newValue))
            reversals.leak = SignedDigitalCode(clamping: newValue >= 0 ? -1023 : 1023)
        }
    }
}

extension DigitalCode {
    /// The code times `factor`, rounded and clamped to 0…1023.
    func scaled(by factor: Double) -> DigitalCode {
        DigitalCode(clamping: Int((Double(value) * factor).rounded()))
    }
}
