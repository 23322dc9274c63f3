extension SystemError.Operation {
    /// Transitional, for the technique files only, until they move onto `Syscall` once the demo
    /// table has landed: the call as the text they still build. Nothing may decide on it, and it
    /// goes when they are converted.
    @_spi(Unconverted)
    public static func unconverted(_ call: String) -> Self { Self(.unconverted(call)) }
}
