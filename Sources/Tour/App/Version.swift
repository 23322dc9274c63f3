/// zctour's version, as `zctour --version` prints it and `make dist` names its tarball
/// (the Makefile reads it from this file).
public enum Version {
    public static let current = "0.10.0"
}
