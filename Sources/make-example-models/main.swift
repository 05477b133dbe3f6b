import Foundation

// make-example-models [output-dir]
//
// Writes the example commune's 3D models (default: ./models) from code, so that the example
// site's models are ours, small, and byte-for-byte reproducible: no dates, no unseeded
// randomness, no locale-dependent number formatting. One generator per model, in its own file.

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("-h") || arguments.contains("--help") || arguments.count > 1 {
    print("usage: make-example-models [output-dir]   (default: models)")
    exit(arguments.count > 1 ? 2 : 0)
}
let output = URL(fileURLWithPath: arguments.first ?? "models", isDirectory: true)

let generators: [(String, () throws -> GeneratedModel)] = [
    ("dua-luoi", DuaLuoi.make),
    ("non-la", NonLa.make),
    ("den-long", DenLong.make),
    ("thuyen-nan", ThuyenNan.make),
    ("dinh-lang", DinhLang.make),
    ("ca-kho", CaKho.make),
    ("mam-ruoc", MamRuoc.make),
    ("gio-tre", GioTre.make),
]

do {
    for (name, make) in generators {
        let model = try make()
        try write(model.files, under: output)
        print(model.summary)
        for file in model.files { print("    \(output.lastPathComponent)/\(file.path)  \(file.bytes.count) bytes") }
        _ = name
    }
} catch {
    FileHandle.standardError.write(Data("make-example-models: \(error)\n".utf8))
    exit(1)
}
