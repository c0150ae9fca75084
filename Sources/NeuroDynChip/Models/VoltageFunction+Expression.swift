extension VoltageFunction {
    /// The function as an expression node in SI: the voltage in volts, the
    /// value multiplied by `toSI` (1e3 for a rate in 1/ms, 1e-3 for τ in ms).
    func node(toSI: Double) -> ExpressionNode {
        // x = (V_mV − V½)/s with V_mV = 1000 V.
        func reduced(_ midpoint: Double, _ scale: Double) -> ExpressionNode {
            .binary(.divide, .binary(.subtract, .binary(.multiply, .number(1e3), .voltage), .number(midpoint)), .number(scale))
        }
        switch self {
        case let .exponential(r, mid, s):
            return .binary(.multiply, .number(r * toSI), .function(.exp, reduced(mid, s)))
        case let .sigmoid(r, mid, s):
            return .binary(
                .divide, .number(r * toSI),
                .binary(.add, .number(1), .function(.exp, .negate(reduced(mid, s)))))
        case let .expLinear(r, mid, s):
            return .binary(.multiply, .number(r * toSI), .function(.expLinear, .negate(reduced(mid, s))))
        case let .constant(r):
            return .number(r * toSI)
        case let .expression(expression, factor):
            return .binary(.multiply, .number(factor * toSI), expression.root)
        }
    }
}

extension GateKinetics {
    /// α and β in 1/ms of the voltage relative to `origin` (mV), times
    /// `factor`: the given rates when the gate is given by α and β alone,
    /// otherwise α = x∞/τ and β = (1 − x∞)/τ with x∞ = α/(α + β) and
    /// τ = 1/(α + β) where not given.
    func rates(relativeTo origin: Double, factor: Double) -> PerRate<HodgkinHuxleyRate> {
        if let alpha, let beta, steadyState == nil, timeConstant == nil {
            return PerRate(
                alpha: alpha.rate(relativeTo: origin).scaled(voltageFactor: 1, timeFactor: factor),
                beta: beta.rate(relativeTo: origin).scaled(voltageFactor: 1, timeFactor: factor))
        }
        // In SI: rates in 1/s, τ in s.
        let total = alpha.flatMap { a in beta.map { b in ExpressionNode.binary(.add, a.node(toSI: 1e3), b.node(toSI: 1e3)) } }
        let inf: ExpressionNode
        if let steadyState {
            inf = steadyState.node(toSI: 1)
        } else if let alpha, let total {
            inf = .binary(.divide, alpha.node(toSI: 1e3), total)
        } else {
            preconditionFailure("incomplete kinetics are refused when a model is read")
        }
        let inverseTau: ExpressionNode
        if let timeConstant {
            inverseTau = .binary(.divide, .number(1), timeConstant.node(toSI: 1e-3))
        } else if let total {
            inverseTau = total
        } else {
            preconditionFailure("incomplete kinetics are refused when a model is read")
        }
        let open = ExpressionNode.binary(.multiply, inf, inverseTau)
        let close = ExpressionNode.binary(.multiply, .binary(.subtract, .number(1), inf), inverseTau)
        // f in 1/s of volts; the model's rate is 1e-3 · f(1e-3 (V' + origin)) in 1/ms.
        let transform = RateTransform(inputScale: 1e-3, inputShift: origin * 1e-3, outputScale: 1e-3 * factor)
        return PerRate(
            alpha: .expression(RateExpression(root: open, source: "x_inf / tau"), transform),
            beta: .expression(RateExpression(root: close, source: "(1 - x_inf) / tau"), transform))
    }

    /// x∞ at `voltage` (mV).
    func steadyStateValue(at voltage: Double) -> Double {
        if let steadyState { return steadyState.value(at: voltage) }
        let a = alpha?.value(at: voltage) ?? 0, b = beta?.value(at: voltage) ?? 0
        return a / (a + b)
    }
}
