extension PeerCase {
    /// coreutils' dd with a 4 KiB block: it reads and writes up to bs bytes at a time (dd(1)).
    public static let dd = PeerCase(
        id: "dd", summary: "dd if=SAMPLE of=COPY bs=4k: a read and a write per 4 KiB block", program: "dd", destination: .file,
        arguments: { ["if=\($0.sample)", "of=\($0.output)", "bs=4k", "status=none"] })
}
