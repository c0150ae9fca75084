/// Checks shared by the `simulate` conveniences of the models.
enum RunArguments {
    /// - Throws: ``NeuroDynError/invalidParameter(name:value:)`` for a
    ///   non-finite current, ``NeuroDynError/invalidSolverOption(name:value:)``
    ///   for a duration that is not finite and positive.
    static func validate(appliedCurrent: Double, duration: Double) throws(NeuroDynError) {
        guard appliedCurrent.isFinite else {
            throw .invalidParameter(name: "I_app", value: appliedCurrent)
        }
        guard duration.isFinite && duration > 0 else {
            throw .invalidSolverOption(name: "duration", value: duration)
        }
    }
}
