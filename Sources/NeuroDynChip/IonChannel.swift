/// The three membrane currents of a NeuroDyn (or Hodgkin–Huxley) neuron.
public enum IonChannel: String, CaseIterable, Sendable, Hashable, Codable {
    case sodium = "na"
    case potassium = "k"
    case leak = "l"
}

/// A value for each ion channel: sodium, potassium and leak.
public struct PerChannel<Value> {
    public var sodium: Value
    public var potassium: Value
    public var leak: Value

    public init(sodium: Value, potassium: Value, leak: Value) {
        self.sodium = sodium
        self.potassium = potassium
        self.leak = leak
    }

    /// Creates the values by calling `make` for each channel in order.
    public init<E: Error>(_ make: (IonChannel) throws(E) -> Value) throws(E) {
        sodium = try make(.sodium)
        potassium = try make(.potassium)
        leak = try make(.leak)
    }

    public subscript(channel: IonChannel) -> Value {
        get {
            switch channel {
            case .sodium: sodium
            case .potassium: potassium
            case .leak: leak
            }
        }
        set {
            switch channel {
            case .sodium: sodium = newValue
            case .potassium: potassium = newValue
            case .leak: leak = newValue
            }
        }
    }

    /// The values in channel order (sodium, potassium, leak).
    public var values: [Value] { [sodium, potassium, leak] }

    /// Applies `transform` to each value.
    public func map<T, E: Error>(_ transform: (IonChannel, Value) throws(E) -> T) throws(E) -> PerChannel<T> {
        try PerChannel<T> { (channel) throws(E) in try transform(channel, self[channel]) }
    }
}

extension PerChannel: Sendable where Value: Sendable {}
extension PerChannel: Equatable where Value: Equatable {}
extension PerChannel: Hashable where Value: Hashable {}
