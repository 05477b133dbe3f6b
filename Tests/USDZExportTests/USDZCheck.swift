import Foundation
import TestSupport
import XCTest

/// Runs ../shared/tools/usdz-check (Pixar's ComplianceChecker with the ARKit rules) on a file.
/// Exit 0: compliant, 1: not compliant, 2: could not run (no Python, no network for PyPI …).
enum USDZCheck {
    struct Outcome {
        var status: Int32
        var output: String
        var passed: Bool { status == 0 }
    }

    static var tool: URL {
        PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/tools/usdz-check")
    }

    /// Throws XCTSkip when the tool is absent or reports that it cannot run.
    static func run(_ file: URL) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw XCTSkip("../shared/tools/usdz-check is absent here; the USDZ compliance tests need the shared folder")
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let outcome = Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
        if outcome.status == 2 || outcome.output.contains("could not install") {
            throw XCTSkip("usdz-check could not run (it installs usd-core from PyPI on first use): \(outcome.output)")
        }
        return outcome
    }
}
