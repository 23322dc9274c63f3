import Foundation
import Syscalls

/// The room's progress reports merged: learners × challenges (done or not), each prediction
/// with every learner's guess against what their machine measured, and the machines whose
/// `doctor` warned. Built from the reports alone, so it needs neither the lessons nor the
/// learners' machines.
struct Roster: Encodable {
    let schema = JSONSchema.roster
    let learners: [Learner]
    let challenges: [ChallengeRow]
    let predictions: [PredictionRow]
    /// Files that were not read, one reason each.
    let skipped: [Skipped]

    struct Learner: Encodable {
        /// 1, 2, 3…: the column headers of the text table.
        let number: Int
        /// The name given with `--name`, else `#N`; unique in the roster.
        let label: String
        let name: String?
        /// The file as the instructor named it on the command line.
        let file: String
        let machine: ProgressReport.MachineHeader?
        /// Null when the report predates doctor's notes.
        let doctor: [ProgressReport.DoctorNote]?
        let challengesDone: Int
        let lessonsFinished: Int

        enum CodingKeys: String, CodingKey {
            case number, label, name, file, machine, doctor
            case challengesDone = "challenges_done"
            case lessonsFinished = "lessons_finished"
        }

        /// Every key is written, a missing value as null.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(label, forKey: .label)
            try container.encode(name, forKey: .name)
            try container.encode(file, forKey: .file)
            try container.encode(machine, forKey: .machine)
            try container.encode(doctor, forKey: .doctor)
            try container.encode(challengesDone, forKey: .challengesDone)
            try container.encode(lessonsFinished, forKey: .lessonsFinished)
        }

        var warned: Bool { !(doctor ?? []).isEmpty }
    }

    struct ChallengeRow: Encodable {
        let lesson: Int
        let lessonID: String
        let id: String
        /// One per learner, in the learners' order: null when that learner's lessons have no
        /// such challenge (another version of zctour).
        let done: [Bool?]

        enum CodingKeys: String, CodingKey {
            case lesson, id, done
            case lessonID = "lesson_id"
        }

        var doneCount: Int { done.filter { $0 == true }.count }
    }

    struct PredictionRow: Encodable {
        let lesson: Int
        let lessonID: String
        let expression: String
        let question: String
        let answers: [Answer]

        enum CodingKeys: String, CodingKey {
            case lesson, expression, question, answers
            case lessonID = "lesson_id"
        }
    }

    struct Answer: Encodable {
        let learner: Int
        let guess: Int?
        let measured: Int?

        enum CodingKeys: String, CodingKey { case learner, guess, measured }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(learner, forKey: .learner)
            try container.encode(guess, forKey: .guess)
            try container.encode(measured, forKey: .measured)
        }
    }

    struct Skipped: Encodable, Error {
        let file: String
        let reason: String
    }

    /// Merges the reports read, in the order given.
    init(reports: [(file: String, report: ProgressReport)], skipped: [Skipped]) {
        var labels: Set<String> = []
        var learners: [Learner] = []
        for (index, (file, report)) in reports.enumerated() {
            var label = report.name ?? "#\(index + 1)"
            if labels.contains(label) { label += " (\(index + 1))" }
            labels.insert(label)
            learners.append(
                Learner(
                    number: index + 1, label: label, name: report.name, file: Roster.shown(file), machine: report.machine,
                    doctor: report.doctor,
                    challengesDone: report.lessons.flatMap(\.challenges).filter(\.done).count,
                    lessonsFinished: report.lessons.filter(\.finished).count))
        }
        self.learners = learners

        // Challenges in lesson order, then in the order a lesson lists them.
        var keys: [(lesson: Int, lessonID: String, id: String)] = []
        for (_, report) in reports {
            for lesson in report.lessons {
                for challenge in lesson.challenges where !keys.contains(where: { $0.lessonID == lesson.id && $0.id == challenge.id }) {
                    keys.append((lesson.number, lesson.id, challenge.id))
                }
            }
        }
        let ordered = keys.enumerated().sorted { ($0.element.lesson, $0.offset) < ($1.element.lesson, $1.offset) }.map(\.element)
        challenges = ordered.map { key in
            ChallengeRow(
                lesson: key.lesson, lessonID: key.lessonID, id: key.id,
                done: reports.map { entry in
                    entry.report.lessons.first { $0.id == key.lessonID }?.challenges.first { $0.id == key.id }?.done
                })
        }

        // Predictions by lesson, expression and question (line numbers move when a lesson is
        // edited; one lesson can ask twice about one expression, as uring-read.calls is).
        var rows: [(lesson: Int, lessonID: String, expression: String, question: String, answers: [Answer])] = []
        for (index, (_, report)) in reports.enumerated() {
            for record in report.predictions {
                let answer = Answer(learner: index + 1, guess: record.guess, measured: record.measured)
                if let at = rows.firstIndex(where: {
                    $0.lessonID == record.lesson && $0.expression == record.expression && $0.question == record.question
                }) {
                    rows[at].answers.append(answer)
                } else {
                    let number = report.lessons.first { $0.id == record.lesson }?.number ?? 0
                    rows.append((number, record.lesson, record.expression, record.question, [answer]))
                }
            }
        }
        predictions = rows.enumerated().sorted { ($0.element.lesson, $0.offset) < ($1.element.lesson, $1.offset) }.map {
            PredictionRow(
                lesson: $0.element.lesson, lessonID: $0.element.lessonID, expression: $0.element.expression,
                question: $0.element.question, answers: $0.element.answers)
        }
        self.skipped = skipped
    }

    func learner(_ number: Int) -> Learner? { learners.first { $0.number == number } }

    // MARK: Reading the reports

    /// Far more than any report (a few KiB): a larger file is not one.
    static let largestReport = 4 << 20

    /// Reads one report, or says in a few words why it is not one.
    static func read(_ path: String) -> Result<ProgressReport, Skipped> {
        func skip(_ reason: String) -> Result<ProgressReport, Skipped> { .failure(Skipped(file: path, reason: reason)) }
        let bytes: [UInt8]
        do {
            bytes = try Syscall.readAll(path: path, limit: largestReport)
        } catch let error as SystemError {
            return skip("cannot read it: \(error.reason)")
        } catch {
            return skip("larger than \(ByteSize.format(largestReport)), so not a progress report")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return skip("it is empty") }
        let data = Data(bytes)
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return skip("not JSON; a progress report is what zctour report -o FILE writes")
        }
        guard let schema = (object as? [String: Any])?["schema"] as? String else {
            return skip("JSON without a zctour schema; a progress report is what zctour report -o FILE writes")
        }
        let family = "zctour.progress/"
        guard schema.hasPrefix(family) else {
            return skip("a \(schema) document, not a progress report (\(ProgressReport.currentSchema))")
        }
        if schema != ProgressReport.currentSchema {
            let version = Int(schema.dropFirst(family.count))
            let current = Int(ProgressReport.currentSchema.dropFirst(family.count)) ?? 1
            if let version, version > current {
                return skip("written by a newer zctour (\(schema)); this one reads \(ProgressReport.currentSchema)")
            }
            return skip("an unknown schema \(schema); this zctour reads \(ProgressReport.currentSchema)")
        }
        guard let report = try? JSONDecoder().decode(ProgressReport.self, from: data) else {
            return skip("a \(schema) document with missing or wrong fields")
        }
        if let problem = impossibleValue(in: report) { return skip(problem) }
        return .success(cleaned(report))
    }
}
