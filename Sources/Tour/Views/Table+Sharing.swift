/// How a table's wrapping columns share the room the other columns leave them.
extension Table {
    /// A wrapping column as the sharing sees it: its whole width and its widest unbreakable word.
    struct Wrapping {
        let index: Int
        let natural: Int
        let longestWord: Int
        /// The least it takes while it reads well: its longest word, and `narrowestWrap` where
        /// its text is that wide.
        var floor: Int { min(natural, max(Table.narrowestWrap, longestWord)) }
    }

    /// The widest word (what `TextWrapper` never breaks) of a column, its title included.
    func longestWord(_ index: Int) -> Int {
        ([columns[index].title] + rows.map { index < $0.count ? $0[index] : "" })
            .flatMap { TextWrapper.Piece.split($0).map(\.width) }.max() ?? 0
    }

    /// The least room the wrapping columns need to read well: each its longest word, and at
    /// least `narrowestWrap` where its text is that wide.
    static func roomToWrap(_ wrapping: [Wrapping]) -> Int { wrapping.reduce(0) { $0 + $1.floor } }

    /// Widths within `room`. Where every column can read well (`roomToWrap`): an even level, each
    /// between its floor and its whole width; then a column a few columns short of whole is
    /// completed from the others, none taken below its floor, so "the file / the file" is not
    /// broken to make a long cell one column wider. Where they cannot (a word wider than the
    /// room): the columns whose words fit take their floor, the others share the rest, and
    /// `render` cuts what still overflows (a lesson's table then shows as a list instead).
    static func share(_ room: Int, among wrapping: [Wrapping]) -> [Int: Int] {
        var widths: [Int]
        if roomToWrap(wrapping) <= room {
            func sum(atLevel level: Int) -> Int { wrapping.reduce(0) { $0 + min($1.natural, max($1.floor, level)) } }
            var level = 0
            let highest = wrapping.map(\.natural).max() ?? 0
            while level < highest && sum(atLevel: level + 1) <= room { level += 1 }
            widths = wrapping.map { min($0.natural, max($0.floor, level)) }
            var spare = room - widths.reduce(0, +)
            for position in widths.indices where spare > 0 && widths[position] < wrapping[position].natural {
                widths[position] += 1
                spare -= 1
            }
            func short(_ position: Int) -> Int { wrapping[position].natural - widths[position] }
            for position in widths.indices.filter({ short($0) > 0 }).sorted(by: { short($0) < short($1) }) {
                let donors = widths.indices.filter { $0 != position && short($0) > 0 }
                let given = donors.reduce(0) { $0 + widths[$1] - wrapping[$1].floor }
                guard short(position) > 0, given >= short(position) else { continue }
                while short(position) > 0 {
                    guard let donor = donors.max(by: { widths[$0] - wrapping[$0].floor < widths[$1] - wrapping[$1].floor })
                    else { break }
                    widths[donor] -= 1
                    widths[position] += 1
                }
            }
        } else {
            var left = room
            widths = Array(repeating: 0, count: wrapping.count)
            // Narrowest floor first: those that fit their share take their floor, and what is
            // left goes to the ones with a word too wide, which are cut anyway.
            var waiting = wrapping.indices.sorted { (wrapping[$0].floor, $0) < (wrapping[$1].floor, $1) }
            while !waiting.isEmpty {
                let position = waiting.removeFirst()
                let share = max(narrowestWrap, left / (waiting.count + 1))
                widths[position] = waiting.isEmpty ? max(narrowestWrap, left) : min(wrapping[position].floor, share)
                widths[position] = min(widths[position], wrapping[position].natural)
                left -= widths[position]
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(wrapping.map(\.index), widths))
    }
}
