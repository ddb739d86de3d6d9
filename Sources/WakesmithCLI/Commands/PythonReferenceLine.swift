/// The line `bench train` and `bench features` print when the Python reference package could not be measured
/// beside them: it left the repository with issue 16, and REFERENCE.md says how to install it from history.
enum PythonReferenceLine {
    static func notMeasured(_ reason: String) -> String {
        "Python wakesmith package: not measured (\(reason); it left the repository, "
            + "scripts/fixtures/REFERENCE.md says how to install it from history)"
    }
}
