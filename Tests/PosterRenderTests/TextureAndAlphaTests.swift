import Imaging
import SceneModel
import XCTest
@testable import PosterRender

final class TextureAndAlphaTests: XCTestCase {
    /// An 8×8 checker (red/blue, one green marker texel at the top-left) on a quad that exactly
    /// fills the view: each texel centre must show its own colour, with UV (0,0) at the top-left.
    func testCheckerboardTexelsLandOnTheirPixels() throws {
        let n = 8
        func expected(_ x: Int, _ y: Int) -> Character { x == 0 && y == 0 ? "g" : ((x + y) % 2 == 0 ? "r" : "b") }
        let png = try TestScenes.png(width: n, height: n) { x, y in
            switch expected(x, y) {
            case "g": return SIMD4(30, 200, 30, 255)
            case "r": return SIMD4(200, 30, 30, 255)
            default: return SIMD4(30, 30, 200, 255)
            }
        }
        let material = Material(baseColorTexture: TextureRef(image: 0, wrapS: .clampToEdge, wrapT: .clampToEdge), unlit: true)
        let scene = TestScenes.scene(TestScenes.quad(), material: material, images: [png])
        let size = 256
        let image = try PosterRenderer.render(scene, size: (size, size), camera: TestScenes.quadCamera(), style: TestScenes.noShadow)
        for ty in 0..<n {
            for tx in 0..<n {
                let cell = size / n
                let p = image[tx * cell + cell / 2, ty * cell + cell / 2]
                let channels = [p.x, p.y, p.z]
                let strongest = channels.firstIndex(of: channels.max()!)!
                let want = expected(tx, ty)
                XCTAssertEqual(["r", "g", "b"][strongest], String(want), "texel (\(tx), \(ty)) shows \(p)")
                XCTAssertEqual(p.w, 255)
                // Unlit, no filtering across texels at the centre: the texel's colour goes through
                // sRGB → linear, model-viewer's exposure (1.3) and PBR Neutral, which lift 200 to
                // 220 as model-viewer shows it.
                XCTAssertEqual(Int(channels.max()!), 220, accuracy: 6, "texel (\(tx), \(ty)) shows \(p)")
            }
        }
    }

    /// A MASK material whose texture is transparent on the left half: those pixels stay fully
    /// transparent, the right half fully opaque.
    func testAlphaMaskedPixelsStayTransparent() throws {
        let png = try TestScenes.png(width: 16, height: 16) { x, _ in x < 8 ? SIMD4(255, 255, 255, 20) : SIMD4(255, 255, 255, 255) }
        let material = Material(baseColorTexture: TextureRef(image: 0, wrapS: .clampToEdge, wrapT: .clampToEdge),
                                alphaMode: .mask, alphaCutoff: 0.5, unlit: true)
        let scene = TestScenes.scene(TestScenes.quad(), material: material, images: [png])
        let image = try PosterRenderer.render(scene, size: (128, 128), camera: TestScenes.quadCamera(), style: TestScenes.noShadow)
        for y in stride(from: 2, to: 126, by: 7) {
            for x in 2..<60 { XCTAssertEqual(image[x, y].w, 0, "masked pixel (\(x), \(y))") }
            for x in 68..<126 { XCTAssertEqual(image[x, y].w, 255, "kept pixel (\(x), \(y))") }
        }
    }

    /// OPAQUE ignores the texture's alpha (glTF): texels with alpha 0 still show their colour,
    /// where premultiplied filtering would have made them black.
    func testOpaqueMaterialShowsColourUnderZeroAlpha() throws {
        func render(alpha: UInt8) throws -> RGBAImage {
            let png = try TestScenes.png(width: 8, height: 8) { _, _ in SIMD4(220, 40, 40, alpha) }
            let material = Material(baseColorTexture: TextureRef(image: 0, wrapS: .clampToEdge, wrapT: .clampToEdge), unlit: true)
            let scene = TestScenes.scene(TestScenes.quad(), material: material, images: [png])
            return try PosterRenderer.render(scene, size: (64, 64), camera: TestScenes.quadCamera(), style: TestScenes.noShadow)
        }
        let clear = try render(alpha: 0), solid = try render(alpha: 255)
        XCTAssertEqual(clear, solid, "the texture's alpha makes no difference")
        let centre = clear[32, 32]
        XCTAssertEqual(centre.w, 255)
        XCTAssertGreaterThan(centre.x, 180, "red, not black")
    }

    /// BLEND: a half-transparent quad leaves half-transparent pixels, and in front of an opaque
    /// one it mixes both colours.
    func testAlphaBlendComposites() throws {
        let material = Material(baseColorFactor: SIMD4(1, 1, 1, 0.5), alphaMode: .blend, unlit: true)
        let scene = TestScenes.scene(TestScenes.quad(), material: material)
        let image = try PosterRenderer.render(scene, size: (64, 64), camera: TestScenes.quadCamera(), style: TestScenes.noShadow)
        XCTAssertEqual(Int(image[32, 32].w), 128, accuracy: 1)
    }
}
