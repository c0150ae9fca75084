import Foundation

/// Loads the reference numbers of the published model kept in `Tests/Reference`.
enum ReferenceData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference")

    struct SpikeCase: Decodable {
        let spike_times_s: [Double]
        let x0: [Double]
        let duration_s: Double
        let threshold_V: Double
        let I_app_A: Double?
        let I0_A: Double?
        let nfev_rtol1e_8: Int

        enum CodingKeys: String, CodingKey {
            case spike_times_s, x0, duration_s, threshold_V, I_app_A, I0_A
            case nfev_rtol1e_8 = "nfev_rtol1e-8"
        }
    }

    static func spikeCases() throws -> [String: SpikeCase] {
        let data = try Data(contentsOf: directory.appendingPathComponent("spikes.json"))
        return try JSONDecoder().decode([String: SpikeCase].self, from: data)
    }
}
