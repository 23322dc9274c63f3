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

extension Demo {
    /// Serves the sample once over HTTP to `client`; see `Download.run`.
    public func serve(
        _ sample: SampleFile, buffer: Int, window: MeasurementWindow, clientWindow: MeasurementWindow, workspace: Workspace,
        client: HTTPClientKind, hangUpAfter: Int? = nil
    ) throws -> Download.Report {
        guard case .serve(let handler) = run else { throw NotATransfer(demo: id, sink: nil) }
        return try Download.run(
            handler: handler, sample: sample, buffer: buffer, window: window, clientWindow: clientWindow, workspace: workspace,
            client: client, hangUpAfter: hangUpAfter)
    }

    /// Receives the sample from a sender thread into a file; see `Reception`.
    public func receive(_ reception: Reception) throws -> TransferReport {
        guard case .receive(let technique) = run else { throw NotATransfer(demo: id, sink: nil) }
        return try technique(reception)
    }
}
