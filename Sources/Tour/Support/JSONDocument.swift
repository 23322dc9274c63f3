import ArgumentParser
import Foundation
import ZeroCopy

/// The JSON documents `--json` prints (their schema is in the README).
enum JSONDocument {
    static let runSchema = "zctour.run/1"
    static let compareSchema = "zctour.compare/1"
    static let lessonSchema = "zctour.lesson/1"

    struct Run: Encodable {
        let schema = JSONDocument.runSchema
        let run: RunRecord
    }

    struct Compare: Encodable {
        let schema = JSONDocument.compareSchema
        let runs: [RunRecord]
        let notes: [String]
        /// memcpy of the same size in the same run: the ceiling the runs are measured against.
        let limit: RunRecord?
    }
}

extension JSONDocument {
    struct Sweep: Encodable {
        let schema = "zctour.sweep/1"
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
        let schema = "zctour.choose/1"
        let runs: [RunRecord]
        let limit: RunRecord
        let decisions: [DecisionRow]
    }
}
