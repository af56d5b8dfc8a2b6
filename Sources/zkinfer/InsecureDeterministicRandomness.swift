import Foundation
import ZKProof

/// `ZKINFER_INSECURE_DETERMINISTIC_RANDOMNESS=LABEL` makes `import` derive the weights blinding
/// seed, and `prove` its blinding randomness, from LABEL instead of the system CSPRNG. It exists
/// only to regenerate the golden files byte for byte; anyone who knows LABEL can un-hide the
/// weights, so every command that honours it says so on standard error.
enum InsecureDeterministicRandomness {
    static let variable = "ZKINFER_INSECURE_DETERMINISTIC_RANDOMNESS"

    static var label: String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        FileHandle.standardError.write(Data("warning: \(variable) is set: randomness is deterministic and NOT secret (golden files only)\n".utf8))
        return value
    }

    /// The weights blinding seed for `import`.
    static func blindingSeed() -> BlindingSeed {
        guard let label else { return .fresh() }
        return BlindingSeed(derivedFrom: label)
    }

    /// The prover's randomness for `prove`.
    static func proverRandomness() -> ProverRandomness {
        guard let label else { return .system }
        return ProverRandomness(derivedFrom: "prover:" + label)
    }
}

