extension Demo {
    /// Runs a file demo on `transfer`. Its sink must be one the demo takes (`sinks`): the
    /// command line and the benchmarks choose it from there, so another is a caller's mistake.
    public func transfer(_ transfer: Transfer) throws -> TransferReport {
        guard case .transfer(let technique) = run else { throw NotATransfer(demo: id, sink: nil) }
        guard sinks.contains(transfer.sink.kind) else { throw NotATransfer(demo: id, sink: transfer.sink.kind) }
        return try technique(transfer)
    }
}

extension Demo {
    /// Runs an in-memory demo on `region`, in pieces of `piece` bytes.
    public func walk(_ region: [UInt8], piece: Int, expected: UInt64, window: MeasurementWindow) throws -> PieceWalk.Walk {
        guard case .pieces(let walk) = run else { throw NotATransfer(demo: id, sink: nil) }
        return try walk(region, piece, expected, window)
    }
}
