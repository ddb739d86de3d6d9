import Support
import WakesmithCLI

#if canImport(Glibc)
import Glibc
#endif

Interrupt.install()
exit(Wakesmith.main(Array(CommandLine.arguments.dropFirst())))
