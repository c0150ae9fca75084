/// The JSON shapes of the per-channel, per-gate and per-rate containers, as in
/// the register file: `{"na", "k", "l"}`, `{"m", "h", "n"}`, `{"alpha", "beta"}`.
extension PerChannel: Codable where Value: Codable {
    enum CodingKeys: String, CodingKey { case na, k, l }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sodium: try container.decode(Value.self, forKey: .na),
            potassium: try container.decode(Value.self, forKey: .k),
            leak: try container.decode(Value.self, forKey: .l))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sodium, forKey: .na)
        try container.encode(potassium, forKey: .k)
        try container.encode(leak, forKey: .l)
    }
}

extension PerGate: Codable where Value: Codable {
    enum CodingKeys: String, CodingKey { case m, h, n }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            m: try container.decode(Value.self, forKey: .m), h: try container.decode(Value.self, forKey: .h),
            n: try container.decode(Value.self, forKey: .n))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(m, forKey: .m)
        try container.encode(h, forKey: .h)
        try container.encode(n, forKey: .n)
    }
}

extension PerRate: Codable where Value: Codable {
    enum CodingKeys: String, CodingKey { case alpha, beta }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            alpha: try container.decode(Value.self, forKey: .alpha), beta: try container.decode(Value.self, forKey: .beta))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(beta, forKey: .beta)
    }
}
