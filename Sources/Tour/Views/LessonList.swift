import ZeroCopy

/// The lessons and the demos as `list` shows them, and the welcome that opens a first tour.
/// Both fit any width: a title or a demo's summary wraps within its column, never drops.
public enum LessonList {
    /// The lessons' table; `mark` adds a note after a title (where the learner is, done).
    public static func lessons(_ lessons: [Lesson], style: Style, header: Bool = true, mark: (Lesson) -> String = { _ in "" })
        -> String
    {
        var table = Table(columns: [
            Table.Column("#"), Table.Column("id", right: false), Table.Column(Strings.listTitle.text, right: false, wraps: true),
        ])
        for lesson in lessons { table.add([String(lesson.number), style.cyan(lesson.id), lesson.title + mark(lesson)]) }
        return table.render(style: style, header: header)
    }

    /// The demos' table, each with what it does.
    public static func demos(_ demos: [Demo], style: Style) -> String {
        var table = Table(columns: [
            Table.Column(Strings.listDemo.text, right: false), Table.Column(Strings.listWhat.text, right: false, wraps: true),
        ])
        for demo in demos { table.add([style.cyan(demo.id), demo.summary]) }
        return table.render(style: style)
    }

    /// `list`: both tables and what to type next.
    public static func render(lessons: [Lesson], demos: [Demo], style: Style, guided: Bool, mark: (Lesson) -> String = { _ in "" })
        -> String
    {
        let next = Strings.listNext(guided: guided)
        return style.bold(Strings.lessonsTitle.text) + "\n" + LessonList.lessons(lessons, style: style, mark: mark) + "\n\n"
            + style.bold(Strings.listDemos.text) + "\n"
            + LessonList.demos(demos, style: style) + "\n\n"
            + TextWrapper.wrap(next, width: style.width).map(style.dim).joined(separator: "\n")
    }

    /// `Lesson 3 of 5 · Slices and views`, underlined as wide as it is on screen.
    public static func heading(_ lesson: Lesson, of total: Int, style: Style) -> String {
        let lines = TextWrapper.wrap(
            Strings.lessonHeader(lesson.number, of: total, dot: style.dot, title: lesson.title), width: style.width)
        let rule = min(lines.map(\.visibleWidth).max() ?? 0, style.width)
        return lines.map { style.bold($0) }.joined(separator: "\n") + "\n" + style.dim(String(repeating: style.rule, count: rule))
    }

    /// The rows a first start may fill before lesson 1's heading, so that on a 24-row terminal
    /// the welcome, the lessons and that heading are all on the first screen: 24, less the
    /// blank line and the two lines (title, rule) of the heading that follows.
    public static let welcomeRows = 21

    /// The first start's welcome: what zctour is, the lessons (with their titles where they
    /// fit the rows, else numbers and ids in columns), and the keys that go on.
    public static func welcome(lessons: [Lesson], style: Style) -> String {
        let intro = TextWrapper.wrap(Strings.welcome(style.bold), width: style.proseWidth)
        let keys = TextWrapper.wrap(Strings.startHint.text, width: style.proseWidth).map(style.dim)
        let titled = LessonList.lessons(lessons, style: style, header: false).split(separator: "\n").map(String.init)
        let fixed = intro.count + 3 + keys.count  // two blank lines, and "Lessons"
        let list = fixed + titled.count <= welcomeRows ? titled : grid(lessons, style: style)
        return (intro + ["", style.bold(Strings.lessonsTitle.text)] + list + [""] + keys).joined(separator: "\n")
    }

    /// `1 kernel-user-copies` entries in as many columns as fit, down each column first.
    static func grid(_ lessons: [Lesson], style: Style) -> [String] {
        let entries = lessons.map { (String($0.number).padded(to: 3, right: true) + " " + style.cyan($0.id)) }
        let cell = (entries.map(\.visibleWidth).max() ?? 0) + 2
        let perLine = max(1, (style.width - 2) / cell)
        let rows = (entries.count + perLine - 1) / perLine
        return (0..<rows).map { row in
            let line = stride(from: row, to: entries.count, by: rows).map { entries[$0].padded(to: cell) }.joined()
            return ("  " + line).trimmingTrailingSpaces()
        }
    }
}
