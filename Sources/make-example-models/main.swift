import Foundation

// make-example-models [output-dir]
//
// Writes the example commune's 3D models (default: ./models) from code, so that the example
// site's models are ours, small, and byte-for-byte reproducible: no dates, no unseeded
// randomness, no locale-dependent number formatting. One generator per model, in its own file.

let usage = "usage: make-example-models [output-dir]   (default: models)\n"
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("-h") || arguments.contains("--help") {
    print(usage, terminator: "")
    exit(0)
}
if arguments.count > 1 {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments.first ?? "models", isDirectory: true)

let generators: [() throws -> GeneratedModel] = [
    DuaLuoi.make, NonLa.make, DenLong.make, ThuyenNan.make, DinhLang.make, CaKho.make, MamRuoc.make, GioTre.make,
]

do {
    for make in generators {
        let model = try make()
        try write(model.files, under: output)
        print(model.summary)
        for file in model.files { print("    \(output.lastPathComponent)/\(file.path)  \(file.bytes.count) bytes") }
    }
} catch {
    FileHandle.standardError.write(Data("make-example-models: \(error)\n".utf8))
    exit(1)
}
