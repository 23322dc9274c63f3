import Syscalls

extension Ring {
    /// The ring demos' loop: `size` bytes in waves of up to `queue` chunks of `chunk` bytes,
    /// `submit` called once per chunk (its file offset, its bytes, its index in the wave, and
    /// whether it ends the wave, where a linked chain must stop), then one `complete()` for the
    /// whole wave, so each wave is one io_uring_enter and their count is exact. A Ctrl-C is seen
    /// between waves. `failure` may turn a failed operation into the error the demo means (a
    /// receiver that hung up, a locked-memory limit), given the wave's chunks; `completed` is
    /// told each wave's first offset and chunks once its completions are in.
    func waves(
        size: Int, chunk: Int, queue: Int,
        submit: (_ offset: Int, _ count: Int, _ index: Int, _ last: Bool) throws -> Void,
        failure: (OperationFailed, _ chunks: Int) -> Error? = { _, _ in nil },
        completed: (_ start: Int, _ chunks: Int) -> Void = { _, _ in }
    ) throws {
        var offset = 0
        while offset < size {
            try Interruption.check()
            let start = offset
            var chunks = 0
            while chunks < queue && offset < size {
                let count = min(chunk, size - offset)
                try submit(offset, count, chunks, chunks + 1 == queue || offset + count == size)
                offset += count
                chunks += 1
            }
            do {
                try complete()
            } catch let error as OperationFailed {
                throw failure(error, chunks) ?? error
            }
            completed(start, chunks)
        }
    }
}
