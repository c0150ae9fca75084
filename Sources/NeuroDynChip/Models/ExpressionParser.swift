/// Reads the expressions of model files: arithmetic (`+ - * / ^`, unary
/// minus), parentheses, numbers (`1.5e-3`), names, the functions of
/// ``ExpressionFunction`` and `pow(a, b)`; and, for conditions, comparisons
/// written as in LEMS (`.lt.`, `.le.`, `.gt.`, `.ge.`, `.eq.`, `.neq.`) or
/// as `<`, `<=`, `>`, `>=`, `==`, `!=`, joined by `.and.`/`&&`, `.or.`/`||`
/// and negated by `.not.`/`!`.
///
/// Names are resolved as they are read by the caller's `resolve`, which
/// returns the node a name stands for (a number for a constant, the voltage,
/// or another expression), or nil for an unknown name. `^` binds tighter
/// than unary minus (`-x^2` is −(x²)) and is right-associative.
public struct ExpressionParser {
    private let text: [Character]
    private var position = 0
    private let resolve: (String) -> ExpressionNode?
    private var depth = 0

    /// How deeply parentheses, signs and negations may nest: far beyond any
    /// rate written by hand, well within the stack.
    public static let nestingLimit = 100

    /// How many operators one expression may chain (`a + b + …`): with the
    /// names it refers to, a tree is evaluated by recursion, one level per
    /// operator.
    public static let operatorLimit = 1000

    /// How deep a tree may be once the names it refers to are put in:
    /// evaluation recurses this deep, well within a thread's stack.
    public static let depthLimit = 2000

    private var operators = 0

    /// Counts one operator of a chain.
    private mutating func chain() throws(ExpressionError) {
        operators += 1
        guard operators <= Self.operatorLimit else { throw ExpressionError.tooLong(position: position) }
    }

    /// Enters one level of nesting.
    private mutating func nest() throws(ExpressionError) {
        depth += 1
        guard depth <= Self.nestingLimit else { throw ExpressionError.tooDeep(position: position) }
    }

    private init(_ source: String, resolve: @escaping (String) -> ExpressionNode?) {
        text = Array(source)
        self.resolve = resolve
    }

    /// Parses an arithmetic expression.
    /// - Throws: ``ExpressionError`` naming the position and what was expected.
    public static func expression(
        _ source: String, resolve: @escaping (String) -> ExpressionNode?
    ) throws(ExpressionError) -> ExpressionNode {
        var parser = ExpressionParser(source, resolve: resolve)
        let node = try parser.sum()
        try parser.expectEnd()
        guard node.depth <= depthLimit else { throw ExpressionError.tooLong(position: 0) }
        return node
    }

    /// Parses a condition.
    /// - Throws: ``ExpressionError`` naming the position and what was expected.
    public static func condition(
        _ source: String, resolve: @escaping (String) -> ExpressionNode?
    ) throws(ExpressionError) -> ExpressionCondition {
        var parser = ExpressionParser(source, resolve: resolve)
        let condition = try parser.disjunction()
        try parser.expectEnd()
        guard condition.depth <= depthLimit else { throw ExpressionError.tooLong(position: 0) }
        return condition
    }

    // MARK: Conditions

    private mutating func disjunction() throws(ExpressionError) -> ExpressionCondition {
        var result = try conjunction()
        while take(".or.") || take("||") {
            try chain()
            result = .or(result, try conjunction())
        }
        return result
    }

    private mutating func conjunction() throws(ExpressionError) -> ExpressionCondition {
        var result = try negation()
        while take(".and.") || take("&&") {
            try chain()
            result = .and(result, try negation())
        }
        return result
    }

    private mutating func negation() throws(ExpressionError) -> ExpressionCondition {
        try nest()
        defer { depth -= 1 }
        if take(".not.") { return .not(try negation()) }
        skipSpaces()
        if position < text.count, text[position] == "!", peek(offset: 1) != "=" {
            position += 1
            return .not(try negation())
        }
        if peekSymbol("(") {
            // A parenthesised condition, or a comparison that starts with a parenthesised sum.
            let start = position
            position += 1
            if let inner = try? disjunction(), take(")") { return inner }
            position = start
        }
        let left = try sum()
        guard let comparison = takeComparison() else { throw error("a comparison (.lt., .gt., <, >, …)") }
        return .compare(comparison, left, try sum())
    }

    private mutating func takeComparison() -> ExpressionCondition.Comparison? {
        for comparison in ExpressionCondition.Comparison.allCases where take(".\(comparison.rawValue).") {
            return comparison
        }
        let symbols: [(String, ExpressionCondition.Comparison)] = [
            ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("==", .equal), ("!=", .notEqual), ("<", .less), (">", .greater),
        ]
        for (symbol, comparison) in symbols where take(symbol) { return comparison }
        return nil
    }

    // MARK: Arithmetic

    private mutating func sum() throws(ExpressionError) -> ExpressionNode {
        var result = try product()
        while true {
            if takeOperator("+") {
                try chain()
                result = .binary(.add, result, try product())
            } else if takeOperator("-") {
                try chain()
                result = .binary(.subtract, result, try product())
            } else {
                return result
            }
        }
    }

    private mutating func product() throws(ExpressionError) -> ExpressionNode {
        var result = try unary()
        while true {
            if takeOperator("*") {
                try chain()
                result = .binary(.multiply, result, try unary())
            } else if takeOperator("/") {
                try chain()
                result = .binary(.divide, result, try unary())
            } else {
                return result
            }
        }
    }

    private mutating func unary() throws(ExpressionError) -> ExpressionNode {
        try nest()
        defer { depth -= 1 }
        if takeOperator("-") { return .negate(try unary()) }
        if takeOperator("+") { return try unary() }
        return try power()
    }

    private mutating func power() throws(ExpressionError) -> ExpressionNode {
        let base = try primary()
        if takeOperator("^") { return .binary(.power, base, try unary()) }
        return base
    }

    private mutating func primary() throws(ExpressionError) -> ExpressionNode {
        skipSpaces()
        guard position < text.count else { throw error("a number, a name or (") }
        let c = text[position]
        if c == "(" {
            position += 1
            let inner = try sum()
            guard take(")") else { throw error(")") }
            return inner
        }
        if c.isNumber || (c == "." && peek(offset: 1)?.isNumber == true) { return .number(try number()) }
        guard c.isLetter || c == "_" else { throw error("a number, a name or (") }
        let start = position
        let name = identifier()
        if peekSymbol("(") {
            position += 1
            if name == "pow" {
                let base = try sum()
                guard take(",") else { throw error(", between the arguments of pow") }
                let exponent = try sum()
                guard take(")") else { throw error(")") }
                return .binary(.power, base, exponent)
            }
            guard let function = ExpressionFunction(rawValue: name) else {
                throw ExpressionError.unknownFunction(name, position: start)
            }
            let argument = try sum()
            guard take(")") else { throw error(")") }
            return .function(function, argument)
        }
        guard let node = resolve(name) else { throw ExpressionError.unknownName(name, position: start) }
        return node
    }

    // MARK: Lexing

    private mutating func number() throws(ExpressionError) -> Double {
        let start = position
        while position < text.count, text[position].isNumber { position += 1 }
        if position < text.count, text[position] == ".", peek(offset: 1)?.isLetter != true {
            position += 1
            while position < text.count, text[position].isNumber { position += 1 }
        }
        if position < text.count, text[position] == "e" || text[position] == "E" {
            var look = position + 1
            if look < text.count, text[look] == "+" || text[look] == "-" { look += 1 }
            if look < text.count, text[look].isNumber {
                position = look
                while position < text.count, text[position].isNumber { position += 1 }
            }
        }
        guard let value = Double(String(text[start..<position])) else { throw error("a number") }
        return value
    }

    private mutating func identifier() -> String {
        let start = position
        while position < text.count, text[position].isLetter || text[position].isNumber || text[position] == "_" {
            position += 1
        }
        return String(text[start..<position])
    }

    private mutating func skipSpaces() {
        while position < text.count, text[position].isWhitespace { position += 1 }
    }

    private func peek(offset: Int) -> Character? {
        position + offset < text.count ? text[position + offset] : nil
    }

    private mutating func peekSymbol(_ symbol: Character) -> Bool {
        skipSpaces()
        return position < text.count && text[position] == symbol
    }

    /// Consumes `token` (after spaces) if it comes next.
    private mutating func take(_ token: String) -> Bool {
        skipSpaces()
        let characters = Array(token)
        guard position + characters.count <= text.count,
            Array(text[position..<position + characters.count]) == characters
        else { return false }
        position += characters.count
        return true
    }

    /// Consumes an arithmetic operator, but not the first character of a
    /// comparison or of a LEMS keyword.
    private mutating func takeOperator(_ symbol: Character) -> Bool {
        skipSpaces()
        guard position < text.count, text[position] == symbol else { return false }
        position += 1
        return true
    }

    private mutating func expectEnd() throws(ExpressionError) {
        skipSpaces()
        if position < text.count { throw error("the end of the expression") }
    }

    private func error(_ expected: String) -> ExpressionError {
        let found = position < text.count ? "'" + String(text[position]).escapingLineBreaks + "'" : "the end"
        return .unexpected(found: found, expected: expected, position: position)
    }
}

/// Why an expression was refused; positions count characters from 0.
public enum ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    case unexpected(found: String, expected: String, position: Int)
    case unknownName(String, position: Int)
    case unknownFunction(String, position: Int)
    /// Parentheses, signs or `.not.` nested deeper than ``ExpressionParser/nestingLimit``.
    case tooDeep(position: Int)
    /// More operators in a chain than ``ExpressionParser/operatorLimit``, or
    /// a tree deeper than ``ExpressionParser/depthLimit`` with its names put in.
    case tooLong(position: Int)

    public var description: String {
        switch self {
        case let .unexpected(found, expected, position):
            "at character \(position + 1): found \(found), expected \(expected)"
        case let .unknownName(name, position):
            "at character \(position + 1): unknown name \(name)"
        case let .unknownFunction(name, position):
            "at character \(position + 1): unknown function \(name) (known: "
                + ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ") + ", pow)"
        case let .tooDeep(position):
            "at character \(position + 1): nested deeper than \(ExpressionParser.nestingLimit) levels"
        case let .tooLong(position):
            "at character \(position + 1): longer than \(ExpressionParser.operatorLimit) operators in a row, or deeper than \(ExpressionParser.depthLimit) levels with the names it uses"
        }
    }
}
