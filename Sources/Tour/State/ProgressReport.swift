import Foundation

/// What a learner has done, predicted and measured, to hand to an instructor (`progress --json`,
/// `report -o FILE`) and to merge with the room's (`roster`): the lessons finished, the
/// challenges done, the predictions with what was measured, the machine (as a handout's header
/// names it) and the titles of what its `doctor` warned about. Nothing else: no paths, no user
/// or host name, only the name the learner gives with `--name`.
public struct ProgressReport: Codable, Sendable, Equatable {
    public var schema: String
    /// The name the learner chose to give, or null.
    public var name: String?
    /// The zctour that wrote it.
    public var zctour: String?
    /// The machine, as a handout's header names it; absent in files from before reports had one.
    public var machine: MachineHeader?
    /// What `doctor` found short of ok on that machine, by title only (its text can hold paths).
    public var doctor: [DoctorNote]?
    /// The current lesson's number.
    public var lesson: Int
    public var lessons: [LessonEntry]
    public var predictions: [PredictionRecord]

    public struct MachineHeader: Codable, Sendable, Equatable {
        public var kernel: String
        public var architecture: String
        public var cpus: Int
        public var date: String

        init(_ machine: Machine) {
            kernel = machine.kernel
            architecture = machine.architecture
            cpus = machine.cpus
            date = machine.date
        }

        /// `Linux 6.18.0 x86_64 · 2 CPUs`, as `doctor` says it.
        func summary(dot: String) -> String {
            Machine(kernel: kernel, architecture: architecture, cpus: cpus, date: date).summary(dot: dot)
        }
    }

    public struct DoctorNote: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// `warning` or `blocker`.
        public var status: String
    }

    public struct LessonEntry: Codable, Sendable, Equatable {
        public var number: Int
        public var id: String
        public var finished: Bool
        public var challenges: [ChallengeEntry]
    }

    public struct ChallengeEntry: Codable, Sendable, Equatable {
        public var id: String
        public var done: Bool
    }

    /// The one schema this zctour writes and reads.
    static let currentSchema = JSONSchema.progress.rawValue

    /// The report of the tour's state on this machine; `doctor` is what doctor found, less
    /// the terminal check, which describes where the report was written, not the machine.
    init(guide: GuidedTour, name: String?, machine: Machine, doctor: [Doctor.Finding]) {
        schema = ProgressReport.currentSchema
        self.name = name
        zctour = Version.current
        self.machine = MachineHeader(machine)
        self.doctor = doctor.filter { $0.status != .ok && $0.id != "terminal" }.map {
            DoctorNote(id: $0.id, title: $0.title, status: $0.status.rawValue)
        }
        lesson = guide.lesson.number
        lessons = guide.library.lessons.map { lesson in
            LessonEntry(
                number: lesson.number, id: lesson.id, finished: guide.progress.finished.contains(lesson.id),
                challenges: lesson.challenges.map { ChallengeEntry(id: $0.id, done: guide.isDone($0, of: lesson)) })
        }
        predictions = guide.progress.predictions
    }

    enum CodingKeys: String, CodingKey { case schema, name, zctour, machine, doctor, lesson, lessons, predictions }

    /// Every key is written, a missing value as null, so the shape never depends on the data.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(name, forKey: .name)
        try container.encode(zctour, forKey: .zctour)
        try container.encode(machine, forKey: .machine)
        try container.encode(doctor, forKey: .doctor)
        try container.encode(lesson, forKey: .lesson)
        try container.encode(lessons, forKey: .lessons)
        try container.encode(predictions, forKey: .predictions)
    }

    /// The document as a learner hands it in: sorted keys, so two reports diff cleanly.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A name as a learner may give it: one line of printable text, at most 40 characters.
    static func checkedName(_ name: String?) throws(UsageError) -> String? {
        guard let name else { return nil }
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw UsageError("--name is empty; give the name the instructor should see, e.g. --name Ada") }
        guard trimmed.count <= 40, trimmed.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl }) else {
            throw UsageError("--name must be one line of at most 40 printable characters, e.g. --name Ada")
        }
        return trimmed
    }
}

extension Unicode.GeneralCategory {
    /// Control, format and unassigned characters: nothing a name is made of.
    var isControl: Bool { self == .control || self == .format || self == .unassigned }
}
