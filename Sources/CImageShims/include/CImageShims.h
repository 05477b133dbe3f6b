// CImageShims: the few C functions Swift cannot write itself.
//
// libjpeg reports fatal errors by calling error_exit, which must not return; the only
// safe way back is longjmp to a setjmp taken by the caller. Swift cannot call setjmp,
// so each function below runs one whole libjpeg operation under its own setjmp guard
// and turns any failure into a return code plus a copied-out message.
// Everything else (pixel conversion, policy) lives in Swift (Sources/Imaging/JPEGCodec.swift).
#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Pixel layout of a decoded buffer (always 4 bytes per pixel).
enum svjpeg_layout {
    SVJPEG_RGBA = 0,          ///< R, G, B, A=255 (YCbCr, RGB and grayscale sources)
    SVJPEG_CMYK = 1,          ///< C, M, Y, K with 255 = full ink (plain CMYK)
    SVJPEG_CMYK_INVERTED = 2  ///< C, M, Y, K with 0 = full ink (Adobe/Photoshop CMYK and YCCK)
};

/// Decodes a whole JPEG held in memory.
/// On success returns 0 and sets *pixels_out (free with svjpeg_free), *width, *height and
/// *layout (an svjpeg_layout). On failure returns -1, leaves *pixels_out NULL and writes a
/// NUL-terminated message into errbuf. Data that ends before the last pixel row is decoded
/// is a failure, not a grey-padded image (libjpeg's default is a warning and grey padding).
/// Images with more than max_pixels pixels are refused before any pixel buffer is allocated.
int svjpeg_decode(const unsigned char *data, size_t size, size_t max_pixels,
                  unsigned char **pixels_out, int *width, int *height, int *layout,
                  char *errbuf, size_t errlen);

/// Encodes RGBA8 pixels (row-major, top row first; the alpha byte is ignored) as a
/// baseline JFIF JPEG with optimized Huffman tables. quality is clamped to 1...100.
/// On success returns 0 and sets *jpeg_out (free with svjpeg_free) and *jpeg_size.
/// On failure returns -1, leaves *jpeg_out NULL and writes a message into errbuf.
int svjpeg_encode_rgba(const unsigned char *rgba, int width, int height, int quality,
                       unsigned char **jpeg_out, unsigned long *jpeg_size,
                       char *errbuf, size_t errlen);

/// Frees a buffer returned by svjpeg_decode or svjpeg_encode_rgba.
void svjpeg_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
