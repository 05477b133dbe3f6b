import MeshOptimizer

/// Why a pass refused a scene. Passes throw instead of trapping, so one malformed model fails
/// its own build step with a reason rather than taking the whole site build down.
public enum ScenePassError: Error, Equatable, CustomStringConvertible {
    /// The scene breaks an invariant of `Scene` (see `validationIssues(in:)`); the first few are listed.
    case invalidScene([String])
    /// meshoptimizer rejected a primitive's data.
    case meshOptimizer(mesh: Int, primitive: Int, MeshOptimization.Error)
    /// A requested size cannot be reached because the model has no extent along that axis.
    case cannotScale(axis: String, extent: Float)

    public var description: String {
        switch self {
        case .invalidScene(let issues): "invalid scene: " + issues.joined(separator: "; ")
        case .meshOptimizer(let mesh, let primitive, let error): "mesh \(mesh) primitive \(primitive): \(error)"
        case .cannotScale(let axis, let extent): "cannot scale the model to a size along \(axis): its extent there is \(extent)"
        }
    }
}

/// Runs a meshoptimizer call for one primitive, labelling its error with where it happened.
func meshopt<T>(_ mesh: Int, _ primitive: Int, _ body: () throws(MeshOptimization.Error) -> T) throws(ScenePassError) -> T {
    do {
        return try body()
    } catch {
        throw .meshOptimizer(mesh: mesh, primitive: primitive, error)
    }
}
