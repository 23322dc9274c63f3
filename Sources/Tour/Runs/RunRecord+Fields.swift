extension RunRecord {
    public enum FieldValue: Equatable {
        case value(Int)
        case unavailable(String)
        case unknown
    }

    /// A field by the name a lesson's check uses (`CheckField.all` lists them). An io counter
    /// that cannot see the technique (`counters_blind`: splice, MSG_ZEROCOPY's send) is
    /// unavailable, not 0, so a goal such as "fewer than 10 write-type syscalls" cannot be met by
    /// a count that sees nothing; `raw.syscr` (and syscw, rchar, wchar) is what /proc said all
    /// the same, for the lessons that show the blind spot itself.
    public func field(_ name: String) -> FieldValue {
        guard let (field, word) = CheckField.named(name) else { return .unknown }
        if field.honoursBlindSpots, let blind = countersBlind, blind.counters.contains(name) {
            return .unavailable("unseen: \(blind.reason)")
        }
        return field.read(self, word)
    }
}
