import Glibc
import Syscalls
import Testing

/// One way to show an errno, and the error messages made with it.
@Suite struct ErrnoTests {
    @Test func anErrnoIsShownByNameAndMeaning() {
        #expect(Errno(EINVAL).description == "EINVAL (Invalid argument)")
        #expect(Errno(ENOSPC).description == "ENOSPC (No space left on device)")
        #expect(Errno(4000).description == "errno 4000 (Unknown error 4000)")
    }

    @Test func aFailedSyscallNamesTheCallTheErrnoAndTheFile() {
        #expect(
            SystemError(.sendfile, errno: EINVAL, descriptor: 5).description == "sendfile failed on descriptor 5: EINVAL (Invalid argument)"
        )
        #expect(SystemError(.open, errno: ENOENT, path: "/x").description == "open failed on /x: ENOENT (No such file or directory)")
        #expect(
            SystemError(.read, errno: EIO, path: "/x", descriptor: 3).description
                == "read failed on /x (descriptor 3): EIO (Input/output error)")
        #expect(SystemError(.openDirect, errno: EINVAL, path: "/x").description == "open(O_DIRECT) failed on /x: EINVAL (Invalid argument)")
        #expect(SystemError(.write, errno: nil, descriptor: 1).description == "write failed on descriptor 1: no errno was set")
    }
}
