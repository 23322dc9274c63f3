extension PeerCase {
    /// Every built-in peer case, in the order `inspect --peer` lists them. A new case is a file
    /// of its own (see `CpPeer.swift`) and a row here.
    public static let all: [PeerCase] = [.cp, .cat, .catPipe, .dd, .pythonCopyfile, .pythonSendfile, .rustCopy, .rustSend]
}
