import ArgumentParser
import Foundation
import ZeroCopy

/// The JSON documents `--json` prints (their schema is in docs/json.md).
enum JSONDocument {
    struct Run: Encodable {
        let schema = JSONSchema.run
        let run: RunRecord
    }

    struct Compare: Encodable {
        let schema = JSONSchema.compare
        let runs: [RunRecord]
        let notes: [String]
        /// memcpy of the same size in the same rounds: the ceiling the runs are measured against.
        let limit: RunRecord?
        let rounds: Int
        let ratios: [Ratios]
        /// The demos this machine refused before a byte moved, each with why (also in `notes`).
        let refused: [DemoRefusal]

        init(_ comparison: Comparison, runs: [RunRecord], notes: [String], refused: [DemoRefusal]) {
            self.runs = runs
            self.notes = notes
            self.refused = refused
            limit = comparison.limit?.shown
            rounds = comparison.rounds
            ratios = Ratios.all(comparison)
        }
    }

    /// A row against the first row and the limit, round by round: the median ratio, its range, the verdict.
    struct Ratios: Encodable {
        let label: String
        let against: String
        /// Throughput over the first row's (above 1: faster).
        let speed: RoundRatio?
        /// The working thread's CPU time over the first row's (below 1: less CPU).
        let cpu: RoundRatio?
        /// Throughput as a share of the limit's: a measurement, not a comparison, so no verdict.
        let ofLimit: MedianRange?

        enum CodingKeys: String, CodingKey {
            case label, against, speed, cpu
            case ofLimit = "of_limit"
        }

        static func all(_ comparison: Comparison) -> [Ratios] {
            guard let first = comparison.rows.first else { return [] }
            return (comparison.rows + (comparison.limit.map { [$0] } ?? [])).map { row in
                Ratios(
                    label: row.label, against: first.label, speed: Comparison.speed(row, against: first),
                    cpu: Comparison.cpu(row, against: first), ofLimit: row.label == "limit" ? nil : comparison.ofLimit(row)?.range)
            }
        }
    }
}

extension JSONDocument {
    struct Sweep: Encodable {
        let schema = JSONSchema.sweep
        let demo: String
        let runs: [RunRecord]
        let kneeBuffer: Int?
        let limit: RunRecord?
        let rounds: Int
        let ratios: [Ratios]

        enum CodingKeys: String, CodingKey {
            case schema, demo, runs, limit, rounds, ratios
            case kneeBuffer = "knee_buffer"
        }
    }
}

extension JSONDocument {
    struct Choose: Encodable {
        let schema = JSONSchema.choose
        let runs: [RunRecord]
        let limit: RunRecord?
        let rounds: Int
        let ratios: [Ratios]
        let decisions: [DecisionRow]
        /// The demos this machine refused before a byte moved, each with why (their lines say it too).
        let refused: [DemoRefusal]
    }
}
