extension MsgZerocopy {
    /// Sends the error queue never reported complete, though each wait gave it a second: their
    /// pages may still be the kernel's, so the demo cannot say it finished. Not a syscall's
    /// failure (every recvmsg and poll succeeded), so no errno.
    public struct UnfinishedSends: Error, Equatable, Sendable, CustomStringConvertible {
        public let outstanding: Int

        public var description: String {
            "\(outstanding) MSG_ZEROCOPY send\(outstanding == 1 ? " was" : "s were") never reported complete on the error queue "
                + "(a second's wait brought no notification)"
        }
    }
}
