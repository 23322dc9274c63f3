/// The guided tour: which lesson and page the learner is on, moving with `next`, `prev` and
/// `lesson`, saved after every move so a later start resumes there.
public final class GuidedTour {
    public let library: LessonLibrary
    let state: StateDirectory
    public internal(set) var progress: Progress
    /// Said once, at start, when the saved progress could not be read.
    public let warning: String?
    /// Why progress cannot be saved, when it cannot: the tour goes on without saving.
    public private(set) var saveProblem: String?
    public var canSave: Bool { saveProblem == nil }

    init(library: LessonLibrary, state: StateDirectory) throws {
        self.library = library
        self.state = state
        var (loaded, warning) = Progress.load(from: state)
        let lessons = library.lessons
        if loaded.lesson.flatMap({ id in lessons.firstIndex { $0.id == id } }) == nil {
            loaded.lesson = nil
            loaded.page = 0
        }
        loaded.page = max(0, loaded.page)
        // Defaults from the file are checked like `set` checks them; a bad one is dropped.
        let (defaults, dropped) = SessionDefaults.checked(loaded.defaults)
        loaded.defaults = defaults
        if !dropped.isEmpty {
            let note = "ignored the saved defaults \(dropped.joined(separator: ", ")), which are not valid"
            warning = warning.map { $0 + "; " + note } ?? note
        }
        progress = loaded
        self.warning = warning
        do { try state.create() } catch { saveProblem = String(describing: error) }
    }

    /// Whether this is the first start (nothing saved yet).
    public var isFirstStart: Bool { progress.lesson == nil }

    public var lessonIndex: Int {
        progress.lesson.flatMap { id in library.lessons.firstIndex { $0.id == id } } ?? 0
    }

    public var lesson: Lesson { library.lessons[lessonIndex] }

    public var page: Int { max(0, min(progress.page, lesson.pages.count - 1)) }

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
        save(context)
        let player = LessonPlayer(lesson: lesson, total: library.lessons.count)
        let results = try player.play(page: page, in: context)
        progress.checks = Progress.ShownChecks(lesson: lesson.id, page: page, results: results)
        save(context)
        keepPredictions(from: context)
        startChallenge(on: lesson.pages[page], in: context)
        if page == lesson.pages.count - 1 {
            if !progress.finished.contains(lesson.id) { progress.finished.append(lesson.id) }
            save(context)
            let following =
                lessonIndex + 1 < library.lessons.count
                ? "next starts lesson \(lessonIndex + 2)" : "that was the last lesson; lessons lists them all"
            context.say("\n" + context.style.dim("End of lesson \(lesson.number): \(following)."))
        } else {
            context.say(
                "\n"
                    + context.style.dim(
                        "next continues with section \(page + 2) of \(lesson.pages.count); try your own variations first (run, compare, set)."
                    ))
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
        save(context)
    }

    /// Saves the progress if it can; the first failure is said once, and the tour goes on.
    func save(_ context: TourContext) {
        progress.defaults = context.defaults
        do {
            try progress.save(to: state)
        } catch {
            if saveProblem == nil {
                saveProblem = String(describing: error)
                StandardError.line(context.style.yellow("zctour: \(error) (progress will not be kept)"))
            }
        }
    }

    func saveDefaults(_ context: TourContext) { save(context) }
}
