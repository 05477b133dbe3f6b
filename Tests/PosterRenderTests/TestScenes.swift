import Imaging
import SceneModel
@testable import PosterRender

/// Small scenes and an independent pinhole projection for checking the rasterizer's numbers.
enum TestScenes {
    static let noShadow = PosterStyle(supersampling: 3, shadowOpacity: 0)

    /// A single-node scene holding `primitive` with `material`, plus optional images.
    static func scene(_ primitive: Primitive, material: Material, images: [Image] = []) -> Scene {
        var p = primitive
        p.material = 0
        return Scene(nodes: [Node(mesh: 0)], roots: [0], meshes: [Mesh(primitives: [p])], materials: [material], images: images)
    }

    /// A UV sphere of `radius` at the origin, counter-clockwise from outside.
    static func sphere(radius: Float, segments: Int, rings: Int) -> Primitive {
        var positions: [SIMD3<Float>] = [], normals: [SIMD3<Float>] = [], indices: [UInt32] = []
        for r in 0...rings {
            let phi = Float.pi * Float(r) / Float(rings)
            for s in 0...segments {
                let theta = 2 * Float.pi * Float(s) / Float(segments)
                let n = SIMD3<Float>(sin(phi) * sin(theta), cos(phi), sin(phi) * cos(theta))
                positions.append(n * radius)
                normals.append(n)
            }
        }
        let stride = UInt32(segments + 1)
        for r in 0..<UInt32(rings) {
            for s in 0..<UInt32(segments) {
                let a = r * stride + s, b = a + stride
                indices += [a, b, b + 1, a, b + 1, a + 1]
            }
        }
        return Primitive(positions: positions, normals: normals, indices: indices)
    }

    /// The square −1...1 in x and y at z = 0 facing +Z, UV (0,0) at its top-left corner.
    static func quad() -> Primitive {
        Primitive(positions: [SIMD3(-1, -1, 0), SIMD3(1, -1, 0), SIMD3(1, 1, 0), SIMD3(-1, 1, 0)],
                  normals: Array(repeating: SIMD3(0, 0, 1), count: 4),
                  texCoords: [[SIMD2(0, 1), SIMD2(1, 1), SIMD2(1, 0), SIMD2(0, 0)]],
                  indices: [0, 1, 2, 0, 2, 3])
    }

    /// A camera on +Z whose 45° view exactly spans the quad (−1...1) in a square image.
    static func quadCamera() -> PosterCamera {
        let fov: Float = 45 * .pi / 180
        return PosterCamera(eye: SIMD3(0, 0, 1 / tan(fov / 2)), target: .zero, verticalFieldOfView: fov)
    }

    /// Projects world points to pixel coordinates with a separately written pinhole model.
    static func project(_ p: SIMD3<Float>, camera: PosterCamera, width: Int, height: Int) -> SIMD2<Double> {
        func d(_ v: SIMD3<Float>) -> SIMD3<Double> { SIMD3(Double(v.x), Double(v.y), Double(v.z)) }
        func norm(_ v: SIMD3<Double>) -> SIMD3<Double> { v / (v * v).sum().squareRoot() }
        func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
            SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
        }
        let forward = norm(d(camera.target) - d(camera.eye))
        let right = norm(cross(forward, d(camera.up)))
        let up = cross(right, forward)
        let rel = d(p) - d(camera.eye)
        let depth = (rel * forward).sum()
        let focal = Double(height) / 2 / Foundation.tan(Double(camera.verticalFieldOfView) / 2)
        return SIMD2(Double(width) / 2 + focal * (rel * right).sum() / depth,
                     Double(height) / 2 - focal * (rel * up).sum() / depth)
    }

    /// Area of the convex hull of `points` (monotone chain + shoelace).
    static func hullArea(_ points: [SIMD2<Double>]) -> Double {
        let sorted = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        func turn(_ o: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [SIMD2<Double>] = [], upper: [SIMD2<Double>] = []
        for p in sorted {
            while lower.count >= 2 && turn(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2 && turn(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        let hull = lower.dropLast() + upper.dropLast()
        var area = 0.0
        for i in hull.indices {
            let a = hull[i], b = hull[(i + 1) % hull.count]
            area += a.x * b.y - a.y * b.x
        }
        return abs(area) / 2
    }

    /// Sum of alpha over the image, in pixels.
    static func coverage(_ image: RGBAImage) -> Double {
        var sum = 0.0
        var i = 3
        while i < image.pixels.count { sum += Double(image.pixels[i]); i += 4 }
        return sum / 255
    }

    /// An sRGB PNG of the given size filled by `texel(x, y)`.
    static func png(width: Int, height: Int, _ texel: (Int, Int) -> SIMD4<UInt8>) throws -> Image {
        var image = RGBAImage(width: width, height: height, fill: SIMD4(0, 0, 0, 0))
        for y in 0..<height { for x in 0..<width { image[x, y] = texel(x, y) } }
        return Image(format: .png, data: try PNGCodec.encode(image))
    }
}

import Foundation
