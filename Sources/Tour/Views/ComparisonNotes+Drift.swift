extension ComparisonNotes {
    /// A row, the row it is held against, the per-round ratio the table prints for them, and
    /// whether that ratio is printed as a share (a percentage) or a speed (×).
    struct DriftPair {
        let row: MeasuredRow
        let reference: MeasuredRow
        let ratio: RoundRatio?
        let share: Bool
    }

    /// When the table's own figures disagree with its ratios: a row's median round against the
    /// reference row's median round (`1.68 / 6.93 GiB/s` is 24%) falls outside the range of the
    /// per-round ratios (8.1–14%), or a quarter or more away from their median printed beside it
    /// (`12%`). That happens when the machine's speed moved while the rounds ran, so two medians
    /// are two moments; each round's ratio compares both rows at one moment, which is why the
    /// columns hold those. Said, with the numbers, so a reader who divides the two throughputs
    /// is not left with a contradiction.
    static func drift(_ pairs: [DriftPair], style: Style) -> String? {
        let items = pairs.compactMap(item)
        guard !items.isEmpty else { return nil }
        return style.yellow(
            "the rounds drifted: " + items.joined(separator: "; ")
                + ". The machine's speed changed while the rounds ran, so two rows' median rounds came at different "
                + "moments; the ratios in the table compare the rows within each round, at one moment, and are the ones to read")
    }

    /// Every row's share of the limit's throughput, round by round, where there is a limit.
    static func limitPairs(_ comparison: Comparison) -> [DriftPair] {
        guard let limit = comparison.limit else { return [] }
        return comparison.rows.map { DriftPair(row: $0, reference: limit, ratio: comparison.ofLimit($0), share: true) }
    }

    /// One pair's disagreement in words, or nil when the shown ratio agrees with the rounds'.
    static func item(_ pair: DriftPair) -> String? {
        let (row, reference, share) = (pair.row, pair.reference, pair.share)
        guard let ratio = pair.ratio, let shown = shownRatio(row, over: reference), ratio.median > 0 else { return nil }
        // Outside the rounds' range, or a quarter away from the median the table prints (the
        // range itself is not in every table: a sweep shows only the median).
        let slack = 1 + RoundRatio.band
        let outside = shown < ratio.range.low / slack || shown > ratio.range.high * slack
        let apart = max(shown / ratio.median, ratio.median / shown) > 1.25
        guard outside || apart else { return nil }
        func format(_ value: Double) -> String { share ? NumberFormat.percent(value) : RoundRatio.plain(value) + "×" }
        return "\(row.label)'s median round is \(format(shown)) of \(reference.label)'s, "
            + "round by round \(format(ratio.median)) (\(format(ratio.range.low))–\(format(ratio.range.high)))"
    }

    /// `row`'s shown throughput over `reference`'s: what a reader gets by dividing the table's figures.
    static func shownRatio(_ row: MeasuredRow, over reference: MeasuredRow) -> Double? {
        let rate = { (r: MeasuredRow) in Double(r.shown.bytes) / Double(max(r.shown.wallNanoseconds, 1)) }
        let below = rate(reference)
        guard below > 0, row.shown.bytes > 0 else { return nil }
        return rate(row) / below
    }

    /// The compare table's pairs: each row against the first (the speed column, where shown) and
    /// against the limit (its share, in the of-limit column or in choose's lines).
    var drift: String? {
        guard let first else { return nil }
        var pairs: [DriftPair] = []
        if shown.contains("speed") {
            pairs += others.map { DriftPair(row: $0, reference: first, ratio: Comparison.speed($0, against: first), share: false) }
        }
        // Whether or not the table has room for "of limit", choose's lines quote the shares.
        pairs += ComparisonNotes.limitPairs(comparison)
        return ComparisonNotes.drift(pairs, style: style)
    }
}
