import ArgumentParser
import Foundation
import ZeroCopy

/// The JSON documents `--json` prints (their schema is in the README).
enum JSONDocument {
    struct Run: Encodable {
        let schema = JSONSchema.run
        let run: RunRecord
    }

    struct Compare: Encodable {
        let schema = JSONSchema.compare
        let runs: [RunRecord]
        let notes: [String]
        /// memcpy of the same size in the same run: the ceiling the runs are measured against.
        let limit: RunRecord?
    }
}

extension JSONDocument {
    struct Sweep: Encodable {
        let schema = JSONSchema.sweep
        let demo: String
        let runs: [RunRecord]
        let kneeBuffer: Int?
        let limit: RunRecord

        enum CodingKeys: String, CodingKey {
            case schema, demo, runs, limit
            case kneeBuffer = "knee_buffer"
        }
    }
}

extension JSONDocument {
    struct Choose: Encodable {
        let schema = JSONSchema.choose
        let runs: [RunRecord]
        let limit: RunRecord
        let decisions: [DecisionRow]
    }
}
