// The setjmp guard that libjpeg's error handling needs (see CImageShims.h for why this is C).
//
// Each call keeps all of its libjpeg state in one heap-allocated "job". The only local that
// is read after longjmp is the job pointer itself, which never changes after setjmp, so
// nothing depends on the value of a non-volatile local modified between setjmp and longjmp.
#include "CImageShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#ifndef JCS_EXTENSIONS
#error "CImageShims needs libjpeg-turbo (JCS_EXT_RGBA input/output colour spaces)"
#endif

// MARK: - Error handling

struct sv_error_mgr {
    struct jpeg_error_mgr pub;  // must be first: libjpeg only knows about this part
    jmp_buf jump;
    int eof_is_fatal;           // truncation matters while reading pixels, not after
    char message[JMSG_LENGTH_MAX];
};

static void sv_error_exit(j_common_ptr cinfo) {
    struct sv_error_mgr *err = (struct sv_error_mgr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->jump, 1);
}

// Replaces the default, which prints warnings to stderr: a library must stay quiet.
// Warnings are tolerated (browsers show such files too), except running out of data while
// pixels are still missing: libjpeg would pad the image with grey and report success.
static void sv_emit_message(j_common_ptr cinfo, int msg_level) {
    struct sv_error_mgr *err = (struct sv_error_mgr *)cinfo->err;
    if (msg_level >= 0) return;  // trace messages
    if (err->eof_is_fatal && cinfo->err->msg_code == JWRN_JPEG_EOF) sv_error_exit(cinfo);
    cinfo->err->num_warnings++;
}

static void sv_install_errors(struct sv_error_mgr *err) {
    jpeg_std_error(&err->pub);
    err->pub.error_exit = sv_error_exit;
    err->pub.emit_message = sv_emit_message;
    err->eof_is_fatal = 0;
    err->message[0] = '\0';
}

static void sv_copy_error(char *errbuf, size_t errlen, const char *prefix, const char *message) {
    if (errbuf != NULL && errlen > 0) snprintf(errbuf, errlen, "%s%s", prefix, message);
}

// MARK: - Decode

struct sv_decode_job {
    struct jpeg_decompress_struct cinfo;
    struct sv_error_mgr err;
    int created;
    unsigned char *pixels;
};

int svjpeg_decode(const unsigned char *data, size_t size, size_t max_pixels,
                  unsigned char **pixels_out, int *width, int *height, int *layout,
                  char *errbuf, size_t errlen) {
    *pixels_out = NULL;
    *width = 0;
    *height = 0;
    *layout = SVJPEG_RGBA;
    if (data == NULL || size == 0) {
        sv_copy_error(errbuf, errlen, "", "empty input");
        return -1;
    }
    if ((unsigned long)size != size) {  // jpeg_mem_src takes unsigned long (32-bit on Windows)
        sv_copy_error(errbuf, errlen, "", "input too large");
        return -1;
    }
    struct sv_decode_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        sv_copy_error(errbuf, errlen, "", "out of memory");
        return -1;
    }
    job->cinfo.err = &job->err.pub;
    sv_install_errors(&job->err);

    if (setjmp(job->err.jump)) {
        sv_copy_error(errbuf, errlen, "", job->err.message);
        if (job->created) jpeg_destroy_decompress(&job->cinfo);
        free(job->pixels);
        free(job);
        return -1;
    }

    jpeg_create_decompress(&job->cinfo);
    job->created = 1;
    jpeg_mem_src(&job->cinfo, data, (unsigned long)size);
    job->err.eof_is_fatal = 1;
    jpeg_read_header(&job->cinfo, TRUE);

    // Ask libjpeg-turbo for RGBA directly; it handles YCbCr, RGB and grayscale that way.
    // CMYK/YCCK cannot be converted by libjpeg, so hand back CMYK and let Swift convert it.
    switch (job->cinfo.jpeg_color_space) {
    case JCS_CMYK:
    case JCS_YCCK:
        job->cinfo.out_color_space = JCS_CMYK;
        // Photoshop writes Adobe-marked CMYK with inverted values (0 = full ink).
        *layout = job->cinfo.saw_Adobe_marker ? SVJPEG_CMYK_INVERTED : SVJPEG_CMYK;
        break;
    default:
        job->cinfo.out_color_space = JCS_EXT_RGBA;
        break;
    }

    jpeg_calc_output_dimensions(&job->cinfo);
    size_t w = job->cinfo.output_width, h = job->cinfo.output_height;
    if (w == 0 || h == 0 || w > max_pixels / h) {
        snprintf(job->err.message, sizeof job->err.message,
                 "image is %zux%zu, more than the limit of %zu pixels", w, h, max_pixels);
        longjmp(job->err.jump, 1);
    }
    job->pixels = malloc(w * h * 4);
    if (job->pixels == NULL) ERREXIT1(&job->cinfo, JERR_OUT_OF_MEMORY, 0);

    jpeg_start_decompress(&job->cinfo);
    if (job->cinfo.output_components != 4) ERREXIT(&job->cinfo, JERR_BAD_STATE);
    while (job->cinfo.output_scanline < job->cinfo.output_height) {
        JSAMPROW row = job->pixels + (size_t)job->cinfo.output_scanline * w * 4;
        // A memory source never suspends, so 0 rows means something is badly wrong.
        if (jpeg_read_scanlines(&job->cinfo, &row, 1) != 1) ERREXIT(&job->cinfo, JERR_BAD_STATE);
    }
    // All rows are out, so running out of data while looking for the EOI marker is harmless.
    job->err.eof_is_fatal = 0;
    jpeg_finish_decompress(&job->cinfo);
    jpeg_destroy_decompress(&job->cinfo);

    *pixels_out = job->pixels;
    *width = (int)w;
    *height = (int)h;
    free(job);
    return 0;
}

// MARK: - Encode

// Our own growable memory destination. jpeg_mem_dest is not used because after it grows its
// buffer the caller's pointer is stale until jpeg_finish_compress, so an error mid-way would
// leave no safe way to free the buffer.
struct sv_dest {
    struct jpeg_destination_mgr pub;  // must be first
    unsigned char *buffer;
    size_t capacity;
    size_t length;
};

static void sv_dest_init(j_compress_ptr cinfo) {
    struct sv_dest *dest = (struct sv_dest *)cinfo->dest;
    dest->pub.next_output_byte = dest->buffer;
    dest->pub.free_in_buffer = dest->capacity;
}

// Called when the buffer is completely full.
static boolean sv_dest_grow(j_compress_ptr cinfo) {
    struct sv_dest *dest = (struct sv_dest *)cinfo->dest;
    if (dest->capacity > ((size_t)-1) / 2) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
    size_t capacity = dest->capacity * 2;
    unsigned char *buffer = realloc(dest->buffer, capacity);
    if (buffer == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
    dest->pub.next_output_byte = buffer + dest->capacity;
    dest->pub.free_in_buffer = capacity - dest->capacity;
    dest->buffer = buffer;
    dest->capacity = capacity;
    return TRUE;
}

static void sv_dest_term(j_compress_ptr cinfo) {
    struct sv_dest *dest = (struct sv_dest *)cinfo->dest;
    dest->length = dest->capacity - dest->pub.free_in_buffer;
}

struct sv_encode_job {
    struct jpeg_compress_struct cinfo;
    struct sv_error_mgr err;
    struct sv_dest dest;
    int created;
};

int svjpeg_encode_rgba(const unsigned char *rgba, int width, int height, int quality,
                       unsigned char **jpeg_out, unsigned long *jpeg_size,
                       char *errbuf, size_t errlen) {
    *jpeg_out = NULL;
    *jpeg_size = 0;
    if (rgba == NULL || width <= 0 || height <= 0 ||
        width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION) {
        sv_copy_error(errbuf, errlen, "", "image size is outside 1...65500 pixels per side");
        return -1;
    }
    if (quality < 1) quality = 1;
    if (quality > 100) quality = 100;

    struct sv_encode_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        sv_copy_error(errbuf, errlen, "", "out of memory");
        return -1;
    }
    job->dest.capacity = 16384;
    job->dest.buffer = malloc(job->dest.capacity);
    if (job->dest.buffer == NULL) {
        free(job);
        sv_copy_error(errbuf, errlen, "", "out of memory");
        return -1;
    }
    job->dest.pub.init_destination = sv_dest_init;
    job->dest.pub.empty_output_buffer = sv_dest_grow;
    job->dest.pub.term_destination = sv_dest_term;
    job->cinfo.err = &job->err.pub;
    sv_install_errors(&job->err);

    if (setjmp(job->err.jump)) {
        sv_copy_error(errbuf, errlen, "", job->err.message);
        if (job->created) jpeg_destroy_compress(&job->cinfo);
        free(job->dest.buffer);
        free(job);
        return -1;
    }

    jpeg_create_compress(&job->cinfo);
    job->created = 1;
    job->cinfo.dest = &job->dest.pub;
    job->cinfo.image_width = (JDIMENSION)width;
    job->cinfo.image_height = (JDIMENSION)height;
    // libjpeg-turbo reads RGBA rows directly and skips the alpha byte: no copy in Swift.
    job->cinfo.input_components = 4;
    job->cinfo.in_color_space = JCS_EXT_RGBA;
    jpeg_set_defaults(&job->cinfo);  // baseline, JFIF header, YCbCr 4:2:0, ISLOW DCT
    jpeg_set_quality(&job->cinfo, quality, TRUE);
    job->cinfo.optimize_coding = TRUE;  // smaller files, same pixels
    jpeg_start_compress(&job->cinfo, TRUE);

    size_t stride = (size_t)width * 4;
    while (job->cinfo.next_scanline < job->cinfo.image_height) {
        // libjpeg never writes through input rows; the cast only satisfies its prototype.
        JSAMPROW row = (JSAMPROW)(rgba + (size_t)job->cinfo.next_scanline * stride);
        jpeg_write_scanlines(&job->cinfo, &row, 1);
    }
    jpeg_finish_compress(&job->cinfo);
    jpeg_destroy_compress(&job->cinfo);

    *jpeg_out = job->dest.buffer;
    *jpeg_size = (unsigned long)job->dest.length;
    free(job);
    return 0;
}

void svjpeg_free(void *buffer) {
    free(buffer);
}
