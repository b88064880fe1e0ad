/*
** inflate.h - a small zlib-stream decoder and CRC-32 for builds without
** zlib (-DJJJ_NO_ZLIB), such as the wasm32-wasi build.  See inflate.c.
**
** Everywhere else bundle.c uses the system zlib and this code is not
** compiled in.
*/
#ifndef JJJ_INFLATE_H
#define JJJ_INFLATE_H

#include <stddef.h>
#include <stdint.h>

/* Return codes of jjjZlibInflate() */
#define JJJ_INFLATE_OK     0  /* the stream ended (adler-32 checked) */
#define JJJ_INFLATE_SHORT  1  /* the input ended before the stream did */
#define JJJ_INFLATE_FULL   2  /* the output would exceed nOut bytes */
#define JJJ_INFLATE_DATA   3  /* invalid stream; *pzMsg says why */

/* Decode the zlib stream (RFC 1950 around RFC 1951 deflate data) at
** aIn[0..nIn) into aOut[0..nOut).  On JJJ_INFLATE_OK, *pnIn is the number
** of input bytes the stream used (trailing bytes are left to the caller)
** and *pnOut the number of bytes written.  On JJJ_INFLATE_DATA, *pzMsg
** is a static message in zlib's words ("invalid block type", ...), or
** NULL where zlib has none (a stream that needs a preset dictionary).
** Needs no heap and holds no state between calls. */
int jjjZlibInflate(const unsigned char *aIn, size_t nIn, size_t *pnIn,
                   unsigned char *aOut, size_t nOut, size_t *pnOut,
                   const char **pzMsg);

/* CRC-32 (ISO-HDLC, as zlib's crc32()) of a[0..n), continuing from crc
** (start with 0). */
uint32_t jjjCrc32(uint32_t crc, const unsigned char *a, size_t n);

#endif /* JJJ_INFLATE_H */
