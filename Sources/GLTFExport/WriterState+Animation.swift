import SceneModel

/// Skins, morph targets and animations (written by the animation work; see issue 3).
extension WriterState {
    /// Adds a primitive's JOINTS_0/WEIGHTS_0 to `attributes` and returns its morph targets.
    mutating func writeSkinningAndMorphs(_ p: Primitive, attributes: inout [String: Int]) -> [[String: Int]] {
        []
    }
}
