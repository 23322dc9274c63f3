extension Demo {
    /// Every demo, in the order `list` shows them. A demo is described in its technique's file
    /// (a `static let` on `Demo`); adding one is that file and its line here.
    public static let all: [Demo] = [
        .readWrite, .readWriteAlloc, .copy, .slice, .cow, .pread, .mmap, .mmapCopy, .sendfile, .splice, .tee, .copyFileRange,
        .msgZerocopy, .uringRead, .uringFixed, .uringSplice, .uringSendZc, .httpLoop, .httpSendfile, .httpMmap, .recvLoop,
        .recvSplice, .mmapWindow, .mmapLeak, .mmapDefer, .mmapUnlinked, .foundationCopy, .foundationData, .foundationMapped,
        .foundationIfSafe,
        .fileHandle,
    ]
}
