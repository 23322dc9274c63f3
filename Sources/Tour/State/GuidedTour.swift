import Glibc
import Syscalls

/// The guided tour: which lesson and page the learner is on, moving with `next`, `prev` and
/// `lesson`, saved after every move so a later start resumes there. Every change to the saved
/// progress is made with `update`, on the file as it is at that moment, so two zctour processes
/// (two terminals, a prompt and a `zctour run`) never lose each other's runs or challenges.
public final class GuidedTour {
    public let library: LessonLibrary
    let state: StateDirectory
    public internal(set) var progress: Progress
    /// Why progress cannot be saved, when it cannot: the tour goes on without saving.
    public private(set) var saveProblem: String?
    public var canSave: Bool { saveProblem == nil }
    /// The progress file could be neither read nor moved aside: nothing is saved over it.
    private var blocked = false

    init(library: LessonLibrary, state: StateDirectory) throws {
        self.library = library
        self.state = state
        let path = state.file(Progress.fileName)
        var exists = stat()
        let loaded: (progress: Progress, notice: String?, blocked: Bool) =
            lstat(path, &exists) == 0
            ? ((try? state.withLock { Progress.read(from: state) }) ?? Progress.read(from: state)) : (Progress(), nil, false)
        progress = loaded.progress
        blocked = loaded.blocked
        if let notice = loaded.notice { StandardError.line("zctour: \(notice)") }
        if blocked { saveProblem = loaded.notice }
        normalize()
        if let note = SessionDefaults.checked(loaded.progress.defaults).note { StandardError.line("zctour: \(note)") }
        if saveProblem == nil {
            do { try state.create() } catch { saveProblem = String(describing: error) }
        }
    }

    /// A position the lessons have, and only the defaults `set` would take.
    private func normalize() {
        if progress.lesson.flatMap({ id in library.lessons.firstIndex { $0.id == id } }) == nil {
            progress.lesson = nil
            progress.page = 0
        }
        progress.page = max(0, progress.page)
        progress.defaults = SessionDefaults.checked(progress.defaults).0
    }

    /// Whether this is the first start (nothing saved yet).
    public var isFirstStart: Bool { progress.lesson == nil }

    public var lessonIndex: Int {
        progress.lesson.flatMap { id in library.lessons.firstIndex { $0.id == id } } ?? 0
    }

    public var lesson: Lesson { library.lessons[lessonIndex] }

    public var page: Int { max(0, min(progress.page, lesson.pages.count - 1)) }

    /// `zctour 3/5 slices` for the prompt.
    public var promptLabel: String { "zctour \(lesson.number)/\(library.lastNumber) \(lesson.promptName)" }

    /// `lesson 3 of 5: slices and views`.
    public var position: String {
        Strings.position(
            lesson: lesson.number, of: library.lastNumber, title: lesson.title.lowercasedFirst, section: page + 1,
            of: lesson.pages.count)
    }

    /// Shows the current page, running its demos.
    public func show(in context: TourContext) throws {
        if progress.lesson == nil { progress.lesson = lesson.id }
        savePosition(context)
        let player = LessonPlayer(lesson: lesson, total: library.lastNumber)
        let results = try player.play(page: page, in: context)
        let shown = Progress.ShownChecks(lesson: lesson.id, page: page, results: results)
        update(context) { $0.checks = shown }
        keepPredictions(from: context)
        startChallenge(on: lesson.pages[page], in: context)
        if page == lesson.pages.count - 1 {
            let id = lesson.id
            update(context) { if !$0.finished.contains(id) { $0.finished.append(id) } }
            let following = lessonIndex + 1 < library.lessons.count ? library.lessons[lessonIndex + 1].number : nil
            context.say("\n" + context.style.dim(Strings.endOfLesson(lesson.number, nextLesson: following)))
        } else {
            context.say("\n" + context.style.dim(Strings.nextSection(page + 2, of: lesson.pages.count)))
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

    /// Opens a lesson at its first page, or at the page that shows section `from` (the first
    /// page holds the introduction and the first section).
    public func open(_ name: String, from: String? = nil, in context: TourContext) throws {
        let chosen = try library.lesson(name)
        let page = try from.map { try library.section($0, of: chosen) - 1 } ?? 0
        progress.lesson = chosen.id
        progress.page = page
        try show(in: context)
    }

    public func reset(in context: TourContext) throws {
        context.defaults = SessionDefaults()
        if !Language.fromCommandLine { Language.choose(nil) }
        update(context, keepingPosition: false) { $0 = Progress() }
    }

    /// Where this tour is now, for the next start.
    func savePosition(_ context: TourContext) {
        let (lesson, page) = (progress.lesson, progress.page)
        update(context, keepingPosition: false) {
            $0.lesson = lesson
            $0.page = page
        }
    }

    /// A default chosen with `set` (nil clears it); the others stay as they are saved.
    func saveDefault(_ key: SessionDefaults.Key, _ value: String?, in context: TourContext) {
        update(context) { $0.defaults[key] = value }
    }

    /// Changes the saved progress as `change` says: under the state directory's lock, on the file
    /// as it is now (another zctour may have saved since this one read it), then written back.
    /// This process then sees the result, but keeps its own place in the tour unless
    /// `keepingPosition` is false (its own moves). A save that fails is said once (the tour goes
    /// on) and makes a command that is not at the interactive prompt end with status 1.
    func update(_ context: TourContext, keepingPosition: Bool = true, _ change: (inout Progress) -> Void) {
        let position = (progress.lesson, progress.page)
        let before = progress
        guard !blocked else {
            change(&progress)
            if progress != before { context.stateNotSaved(saveProblem ?? "the progress file can be neither read nor replaced") }
            return
        }
        do {
            let saved: Progress = try state.withLock {
                let (current, notice, _) = Progress.read(from: state)
                if let notice { StandardError.line("zctour: \(notice)") }
                var fresh = current
                change(&fresh)
                if fresh != current { try fresh.save(to: state) }
                return fresh
            }
            progress = saved
            normalize()
        } catch {
            // Nothing saved: this process goes on with the change; it fails only if there was one.
            change(&progress)
            if progress != before {
                if saveProblem == nil { saveProblem = String(describing: error) }
                context.stateNotSaved(error is Interrupted ? "\(error) while saving" : String(describing: error))
            }
        }
        if keepingPosition { (progress.lesson, progress.page) = position }
    }
}
