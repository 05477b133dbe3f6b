/// The value kinds our layers use. The attribute's `typeName` gives the role (`point3f[]`,
/// `color3f`, `normal3f[]` …); the value only carries the storage type, as in Sdf.
public enum USDValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int32)
    case float(Float)
    case double(Double)
    case token(String)
    case string(String)
    /// An asset path, relative to the layer (inside the package: `textures/…`).
    case asset(String)
    case float2(SIMD2<Float>)
    case float3(SIMD3<Float>)
    case float4(SIMD4<Float>)
    /// Sixteen numbers in USD's row-major order (row-vector convention: translation in the last row),
    /// which is the column-major order of our `Transform` read out column by column.
    case matrix4d([Double])
    case intArray([Int32])
    case floatArray([Float])
    case float2Array([SIMD2<Float>])
    case float3Array([SIMD3<Float>])
    case float4Array([SIMD4<Float>])
    case tokenArray([String])
}
