import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a crash or a hang inside the C importer into a one-line error naming the model, for
/// the single-model command that converts in its own process (the site build isolates each
/// model in a child process instead, so that the other models go on).
///
/// A signal handler may only do async-signal-safe work, so the message is prepared beforehand
/// and the handler just writes it and exits.
enum CrashGuard {
    nonisolated(unsafe) private static var crashMessage: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var crashLength = 0
    nonisolated(unsafe) private static var timeoutMessage: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var timeoutLength = 0

    static func install(model: String, timeLimit: Double) {
        (crashMessage, crashLength) = cString("error: \(model): the 3D importer crashed reading this file; it is probably damaged — re-export it from the modelling program\n")
        (timeoutMessage, timeoutLength) = cString("error: \(model): reading the model took longer than \(Int(timeLimit)) s and was stopped; the file may be damaged or far too large\n")
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                if let message = CrashGuard.crashMessage { _ = write(2, message, CrashGuard.crashLength) }
                _exit(1)
            }
            sigaction(signal, &action, nil)
        }
        var alarmAction = sigaction()
        alarmAction.__sigaction_handler.sa_handler = { _ in
            if let message = CrashGuard.timeoutMessage { _ = write(2, message, CrashGuard.timeoutLength) }
            _exit(1)
        }
        sigaction(SIGALRM, &alarmAction, nil)
        alarm(UInt32(max(1, min(Double(UInt32.max), timeLimit.rounded(.up)))))
    }

    private static func cString(_ text: String) -> (UnsafeMutablePointer<CChar>, Int) {
        let bytes = Array(text.utf8)
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        for (i, byte) in bytes.enumerated() { pointer[i] = CChar(bitPattern: byte) }
        return (pointer, bytes.count)
    }
}
