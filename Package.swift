// swift-tools-version: 6.0
// SmartVillage: content + 3D models in, a bilingual AR-ready static site out.
// The target split follows ../shared/design/ARCHITECTURE.md: one system-library target per
// C library, one Swift wrapper per C library, and one job per target.
import PackageDescription

// The model pipeline, the poster rasterizer, the image codecs and the writers do per-vertex and
// per-pixel work, which an unoptimized build runs several times slower. Staff run the debug
// build that `swift run` makes, so these targets are optimized in every configuration (debug
// keeps its checks, symbols and testability; only the code generation changes).
let optimizedAlways: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "SmartVillage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "build-site", targets: ["build-site"]),
        .executable(name: "make-example-models", targets: ["make-example-models"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `build-site serve`: a small HTTP server on plain sockets (no SwiftNIO, so it adds seconds,
        // not minutes, to a first build on 2 cores; Hummingbird 2 would bring SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian, as module maps.
        .systemLibrary(name: "CAssimp", pkgConfig: "assimp", providers: [.apt(["libassimp-dev"])]),
        .systemLibrary(name: "CMeshOptimizer", providers: [.apt(["libmeshoptimizer-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // pngquant's library: palette PNGs for posters and thumbnails (GPL-3; see README).
        .systemLibrary(name: "CImageQuant", pkgConfig: "imagequant", providers: [.apt(["libimagequant-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // WebP textures for the web .glb (EXT_texture_webp).
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        // AVIF posters, thumbnails and photos for <picture> (libaom encodes, dav1d decodes).
        // (No pkgConfig: libavif.pc adds -DAVIF_DLL, a flag SwiftPM refuses with a warning on every build.)
        .systemLibrary(name: "CAVIF", providers: [.apt(["libavif-dev"])]),
        // libjpeg reports errors by longjmp; Swift cannot call setjmp, so this tiny C target does.
        .target(name: "CImageShims", dependencies: ["CJPEG"]),

        // The 3D side: one Scene type, an importer, writers.
        .target(name: "SceneModel", swiftSettings: optimizedAlways),
        .target(name: "Imaging", dependencies: ["CPNG", "CJPEG", "CImageShims", "CImageQuant", "CWebP", "CAVIF"], swiftSettings: optimizedAlways),
        // QR codes as SVG (libqrencode), and the VietQR payment payload they carry.
        .target(name: "QRCode", dependencies: ["CQREncode"]),
        .target(name: "VietQR"),
        // Text drawn into images (the title on sharing cards), through FreeType.
        .target(name: "Typesetting", dependencies: ["Imaging", "CFreeType"], swiftSettings: optimizedAlways),
        .target(name: "SceneImport", dependencies: ["SceneModel", "Imaging", "CAssimp"], swiftSettings: optimizedAlways),
        // The one Swift wrapper over meshoptimizer: optimization for the passes, encoding for the writer.
        .target(name: "MeshOptimizer", dependencies: ["CMeshOptimizer"], swiftSettings: optimizedAlways),
        .target(name: "ScenePasses", dependencies: ["SceneModel", "MeshOptimizer", "Imaging"], swiftSettings: optimizedAlways),
        .target(name: "GLTFExport", dependencies: ["SceneModel", "MeshOptimizer"], swiftSettings: optimizedAlways),
        // Scene → USDZ for AR Quick Look (no Linux library writes USD, so this one is ours).
        .target(name: "USDZExport", dependencies: ["SceneModel", "CZlib"], swiftSettings: optimizedAlways),
        // Scene + camera → image on the CPU, for posters and sharing cards (no GPU, no browser).
        .target(name: "PosterRender", dependencies: ["SceneModel", "Imaging"], swiftSettings: optimizedAlways),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The site side: content in, pages out, and the build that ties both together.
        // Optimized in debug too: every page goes through them (parsing, contexts, templates, writes).
        .target(name: "SiteContent", dependencies: ["Yams", "CCmark", "SceneModel"], swiftSettings: optimizedAlways),
        .target(name: "SiteRender", dependencies: ["SiteContent", "SceneModel", "QRCode", "VietQR", .product(name: "Mustache", package: "swift-mustache"),
                                            .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: optimizedAlways),
        .target(name: "SiteBuild", dependencies: [
            "SceneModel", "SceneImport", "ScenePasses", "GLTFExport", "USDZExport", "PosterRender", "Imaging", "Typesetting",
            "SiteContent", "SiteRender",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: optimizedAlways),
        // `build-site serve`: the authoring loop (build, serve a private copy, watch, rebuild, reload).
        .target(name: "SiteServe", dependencies: ["SiteBuild", "SiteContent", "QRCode", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "build-site", dependencies: [
            "SiteBuild", "SiteContent", "SiteServe", "SceneModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Writes the example commune's models (models/) from code, so they are ours and reproducible.
        .executableTarget(name: "make-example-models", dependencies: ["Imaging"]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["SceneModel", "MeshOptimizer", "GLTFExport"], path: "Sources/TestSupport"),
        .testTarget(name: "SceneImportTests", dependencies: ["SceneImport", "TestSupport"]),
        .testTarget(name: "GLTFExportTests", dependencies: ["GLTFExport", "SceneImport", "ScenePasses", "Imaging", "MeshOptimizer", "TestSupport"]),
        .testTarget(name: "USDZExportTests", dependencies: ["USDZExport", "GLTFExport", "SceneImport", "ScenePasses", "TestSupport"]),
        .testTarget(name: "PosterRenderTests", dependencies: ["PosterRender", "SceneImport", "ScenePasses", "Imaging", "TestSupport"]),
        .testTarget(name: "ScenePassesTests", dependencies: ["ScenePasses", "MeshOptimizer", "SceneImport", "Imaging", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "TypesettingTests", dependencies: ["Typesetting", "Imaging"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "Imaging", "TestSupport"]),
        .testTarget(name: "VietQRTests", dependencies: ["VietQR"]),
        .testTarget(name: "SiteContentTests", dependencies: ["SiteContent"]),
        .testTarget(name: "SiteRenderTests", dependencies: ["SiteRender", "SiteContent", "SceneModel", "QRCode", "TestSupport"]),
        .testTarget(name: "SiteServeTests", dependencies: ["SiteServe", "SiteBuild", "TestSupport"]),
        .testTarget(name: "SiteBuildTests", dependencies: [
            "SiteBuild", "SiteContent", "SceneImport", "ScenePasses", "GLTFExport", "PosterRender", "SceneModel", "Imaging", "Typesetting",
            "TestSupport",
        ]),
    ]
)
