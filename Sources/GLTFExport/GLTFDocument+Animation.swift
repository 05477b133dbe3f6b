/// The glTF JSON for skins and animations (written by WriterState+Animation.swift).
extension GLTFDocument {
    struct Skin: Encodable {
        var name: String?
        var inverseBindMatrices: Int
        var skeleton: Int?
        var joints: [Int]
    }

    struct Animation: Encodable {
        struct Sampler: Encodable {
            var input: Int
            var output: Int
            var interpolation: String? // default LINEAR
        }
        struct Target: Encodable { var node: Int; var path: String }
        struct Channel: Encodable { var sampler: Int; var target: Target }

        var name: String?
        var samplers: [Sampler]
        var channels: [Channel]
    }
}
