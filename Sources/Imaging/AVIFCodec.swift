import CAVIF

/// AVIF through libavif (Debian's build encodes with libaom and decodes with dav1d): posters,
/// thumbnails and photos for `<picture>`, where browsers that read AVIF get the smallest file.
/// Encoding runs on one thread, so the same pixels and settings always give the same bytes.
public enum AVIFCodec {
    public struct Settings: Sendable, Equatable {
        /// AV1 quantizer for the colour planes, 0 (lossless) … 63 (worst).
        public var quantizer: Int32
        /// Quantizer for the alpha plane; edges of a cut-out model show through it, so it is
        /// kept finer than the colour's.
        public var alphaQuantizer: Int32
        /// libavif's speed, 0 (slowest, smallest) … 10. At 6, the example's 24 posters and
        /// thumbnails come to 159 KB in 14.8 s of publishing; at 7, 180 KB in 12.1 s; at 8 the
        /// files grow again (the quality guard then needs finer quantizers). The image cache
        /// pays the time once, the visitors pay the bytes every time.
        public var speed: Int32

        public init(quantizer: Int32, alphaQuantizer: Int32? = nil, speed: Int32 = 6) {
            self.quantizer = quantizer
            self.alphaQuantizer = alphaQuantizer ?? max(0, quantizer - 10)
            self.speed = speed
        }
    }

    /// 8-bit 4:2:0 with full-range BT.601 colour (libavif's defaults, which every browser that
    /// reads AVIF decodes); an alpha plane only when the image has transparency; `iccProfile`,
    /// when given, says what colour space the pixels are in (sRGB without one).
    public static func encode(_ image: RGBAImage, _ settings: Settings, iccProfile: [UInt8] = []) throws -> [UInt8] {
        try ImageLimits.check(width: image.width, height: image.height, format: "AVIF")
        guard let yuv = avifImageCreate(UInt32(image.width), UInt32(image.height), 8, AVIF_PIXEL_FORMAT_YUV420) else {
            throw ImagingError("AVIF: could not allocate a \(image.width)x\(image.height) image")
        }
        defer { avifImageDestroy(yuv) }
        if !iccProfile.isEmpty { iccProfile.withUnsafeBufferPointer { avifImageSetProfileICC(yuv, $0.baseAddress, $0.count) } }
        var rgb = avifRGBImage()
        avifRGBImageSetDefaults(&rgb, yuv)
        rgb.format = AVIF_RGB_FORMAT_RGBA
        rgb.ignoreAlpha = image.isOpaque ? AVIF_TRUE : AVIF_FALSE
        rgb.rowBytes = UInt32(image.width * 4)
        var pixels = image.pixels
        let converted = pixels.withUnsafeMutableBufferPointer { buffer -> avifResult in
            rgb.pixels = buffer.baseAddress
            return avifImageRGBToYUV(yuv, &rgb)
        }
        guard converted == AVIF_RESULT_OK else { throw ImagingError("AVIF: colour conversion failed (\(message(converted)))") }

        guard let encoder = avifEncoderCreate() else { throw ImagingError("AVIF: could not create the encoder") }
        defer { avifEncoderDestroy(encoder) }
        encoder.pointee.maxThreads = 1
        encoder.pointee.speed = settings.speed
        encoder.pointee.minQuantizer = settings.quantizer
        encoder.pointee.maxQuantizer = settings.quantizer
        encoder.pointee.minQuantizerAlpha = settings.alphaQuantizer
        encoder.pointee.maxQuantizerAlpha = settings.alphaQuantizer
        var output = avifRWData()
        defer { avifRWDataFree(&output) }
        let written = avifEncoderWrite(encoder, yuv, &output)
        guard written == AVIF_RESULT_OK, let data = output.data, output.size > 0 else {
            throw ImagingError("AVIF: the encoder failed (\(message(written)))")
        }
        return Array(UnsafeBufferPointer(start: data, count: output.size))
    }

    /// RGBA pixels (alpha 255 where the file has none); for the quality check of what was encoded.
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        guard let decoder = avifDecoderCreate() else { throw ImagingError("AVIF: could not create the decoder") }
        defer { avifDecoderDestroy(decoder) }
        decoder.pointee.maxThreads = 1
        guard let image = avifImageCreateEmpty() else { throw ImagingError("AVIF: could not allocate an image") }
        defer { avifImageDestroy(image) }
        let read = bytes.withUnsafeBufferPointer { avifDecoderReadMemory(decoder, image, $0.baseAddress, $0.count) }
        guard read == AVIF_RESULT_OK else { throw ImagingError("AVIF: not a readable AVIF image (\(message(read)))") }
        let width = Int(image.pointee.width), height = Int(image.pointee.height)
        try ImageLimits.check(width: width, height: height, format: "AVIF")
        var rgb = avifRGBImage()
        avifRGBImageSetDefaults(&rgb, image)
        rgb.format = AVIF_RGB_FORMAT_RGBA
        rgb.depth = 8
        rgb.rowBytes = UInt32(width * 4)
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        let converted = pixels.withUnsafeMutableBufferPointer { buffer -> avifResult in
            rgb.pixels = buffer.baseAddress
            return avifImageYUVToRGB(image, &rgb)
        }
        guard converted == AVIF_RESULT_OK else { throw ImagingError("AVIF: colour conversion failed (\(message(converted)))") }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// An ISO-BMFF `ftyp` box naming the `avif` brand.
    public static func isAVIF(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && bytes[4 ..< 8].elementsEqual(Array("ftyp".utf8)) && bytes[8 ..< 12].elementsEqual(Array("avif".utf8))
    }

    private static func message(_ result: avifResult) -> String {
        String(cString: avifResultToString(result))
    }
}
