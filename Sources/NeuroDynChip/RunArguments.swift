/// Checks shared by the `simulate` conveniences of the models.
enum RunArguments {
    /// - Throws: ``NeuroDynError/invalidParameter(name:value:)`` for a
    ///   non-finite current, ``NeuroDynError/invalidSolverOption(name:value:)``
    ///   for a duration that is not finite and positive.
    static func validate(appliedCurrent: Double, duration: Double) throws(NeuroDynError) {
        guard appliedCurrent.isFinite else {
            throw .invalidParameter(name: "I_app", value: appliedCurrent)
        }
        try validate(duration: duration)
    }

    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` for a stimulus that
    ///   fails ``Stimulus/validate()``, ``NeuroDynError/invalidSolverOption(name:value:)``
    ///   for a duration that is not finite and positive.
    static func validate(stimulus: Stimulus, duration: Double) throws(NeuroDynError) {
        try stimulus.validate()
        try validate(duration: duration)
    }

    static func validate(duration: Double) throws(NeuroDynError) {
        guard duration.isFinite && duration > 0 else {
            throw .invalidSolverOption(name: "duration", value: duration)
        }
    }
}
