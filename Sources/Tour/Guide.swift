/// The guided tour: which lesson and page the learner is on, moving with `next`, `prev` and
/// `lesson`, saved after every move so a later start resumes there.
public final class Guide {
    public let library: LessonLibrary
    let state: StateDirectory
    public private(set) var progress: Progress
    /// Said once, at start, when the saved progress could not be read.
    public let warning: String?

    init(state: StateDirectory) throws {
        library = try LessonLibrary.load()
        self.state = state
        (progress, warning) = Progress.load(from: state)
        if progress.lesson.flatMap({ id in library.lessons.firstIndex { $0.id == id } }) == nil {
            progress.lesson = nil
            progress.page = 0
        }
    }

    /// Whether this is the first start (nothing saved yet).
    public var isFirstStart: Bool { progress.lesson == nil }

    public var lessonIndex: Int {
        progress.lesson.flatMap { id in library.lessons.firstIndex { $0.id == id } } ?? 0
    }

    public var lesson: Lesson { library.lessons[lessonIndex] }

    public var page: Int { min(progress.page, lesson.pages.count - 1) }

    /// `zctour 3/5 slices` for the prompt.
    public var promptLabel: String { "zctour \(lesson.number)/\(library.lessons.count) \(lesson.promptName)" }

    /// `lesson 3 of 5: slices and views`.
    public var position: String {
        "lesson \(lesson.number) of \(library.lessons.count): \(lesson.title.lowercasedFirst), "
            + "section \(page + 1) of \(lesson.pages.count)"
    }

    /// Shows the current page, running its demos.
    public func show(in context: TourContext) throws {
        if progress.lesson == nil { progress.lesson = lesson.id }
        try save(context)
        let player = LessonPlayer(lesson: lesson, total: library.lessons.count)
        let results = try player.play(page: page, in: context)
        if page == lesson.pages.count - 1 {
            if !progress.finished.contains(lesson.id) { progress.finished.append(lesson.id) }
            try save(context)
            let following = lessonIndex + 1 < library.lessons.count ? "next starts lesson \(lessonIndex + 2)" : "that was the last lesson; lessons lists them all"
            context.say("\n" + context.style.dim("End of lesson \(lesson.number): \(following)."))
        } else {
            context.say("\n" + context.style.dim("next continues with section \(page + 2) of \(lesson.pages.count); try your own variations first (run, compare, set)."))
        }
        if !results.isEmpty && results.contains(where: { $0.outcome == "failed" || $0.outcome == "invalid" }) {
            throw RuntimeFailure("a check of this section did not hold on this machine")
        }
    }

    public func next(in context: TourContext) throws {
        if isFirstStart {
            progress.lesson = lesson.id
        } else if page + 1 < lesson.pages.count {
            progress.page = page + 1
        } else if lessonIndex + 1 < library.lessons.count {
            progress.lesson = library.lessons[lessonIndex + 1].id
            progress.page = 0
        } else {
            context.say("That was the last section of the last lesson: lessons lists them all, reset starts over.")
            return
        }
        try show(in: context)
    }

    public func previous(in context: TourContext) throws {
        if page > 0 {
            progress.page = page - 1
        } else if lessonIndex > 0 {
            let earlier = library.lessons[lessonIndex - 1]
            progress.lesson = earlier.id
            progress.page = earlier.pages.count - 1
        } else {
            context.say("This is the first section of the first lesson.")
            return
        }
        try show(in: context)
    }

    public func open(_ name: String, in context: TourContext) throws {
        let chosen = try library.lesson(name)
        progress.lesson = chosen.id
        progress.page = 0
        try show(in: context)
    }

    public func reset(in context: TourContext) throws {
        progress = Progress()
        context.defaults = SessionDefaults()
        try progress.save(to: state)
    }

    func save(_ context: TourContext) throws {
        progress.defaults = context.defaults
        try progress.save(to: state)
    }

    func saveDefaults(_ context: TourContext) throws { try save(context) }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
