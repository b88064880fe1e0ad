/*
** bundle_format.h - the jingjinji bundle format, shared by the decoder
** (bundle.c) and the builder (jjj_bundle.c).  docs/bundle-format.md is the
** normative description; keep the two in step.
**
** A bundle is a 40-byte header followed by one zlib stream (RFC 1950):
**
**   offset size field
**        0    8 magic "JJJBUNDL"
**        8    4 format version: 2 (written now) or 1 (still read)
**       12    4 flags, must be 0
**       16    8 payload size: bytes after inflating
**       24    8 body size: bytes of the zlib stream (= file size - 40)
**       32    4 CRC-32 of the body
**       36    4 CRC-32 of the payload
**
** All integers are little-endian.  The payload is:
**
**        0    4 magic "JJJP"
**        4    4 nSection (6)
**        8   12*nSection section directory: tag, offset, size (u32 each;
**             offsets from the start of the payload)
**
** Sections (each exactly once):
**   STRS  string pool: UTF-8 strings, each NUL-terminated; byte 0 is NUL,
**         so string offset 0 is SQL NULL (CSV's empty field)
**   META  u32 n, then n pairs of string offsets (key, value).  Key
**         "checksum" (JJJ_META_CHECKSUM): in version 2 required, once, its
**         value exactly 8 lower-case hex digits; not allowed in version 1
**   REGN  u32 n, then n records of 7 string offsets
**         (id code name_en name_zh level parent note)
**   INDC  u32 n, then n records of 6 string offsets
**         (id name_en name_zh unit category description)
**   SRCE  u32 n, then n records of 6 string offsets
**         (id title publisher published url note)
** and, in version 2, the observations as columns:
**   OBSC  varint n (at most one observation per payload byte), then
**         JJJ_OBS_NCOLUMN columns in the order of JJJ_COL_*; each column is
**         varint byte size, one encoding byte, data:
**           JJJ_ENC_PLAIN  one varint per value
**           JJJ_ENC_RUNS   (varint value, varint count >= 1) pairs
**           JJJ_ENC_U64    8 bytes per value
**         REGION, INDICATOR, SOURCE: table indexes; YEAR: 0 is NULL, else
**         zigzag(year - previous non-NULL year, starting at 0) + 1; KIND:
**         0..22 the value is MANTISSA (zigzag) / 10^KIND, 23 it is the
**         next DOUBLE (IEEE 754 bits), 24 it is the string TEXT; then the
**         eight string columns unit .. fact (string offsets).  MANTISSA,
**         DOUBLE and TEXT hold one value per observation of their kind,
**         every other column one per observation.
** or, in version 1, as records:
**   OBSV  u32 n, then n records of JJJ_OBS_RECORD bytes:
**         u32 region index, u32 indicator index, u32 source index,
**         i32 year (INT32_MIN = NULL), f64 value (IEEE 754),
**         u32 text value (0 = the value is the f64),
**         u32 unit, qualifier, vintage, basis, note, period, excerpt, fact
**
** A varint is LEB128: 7 bits a byte, least significant first, the high bit
** set on every byte but the last; at most 10 bytes, no bits above 2^64.
** Tables are sorted by id, strictly increasing in byte order; ids match
** [a-z0-9_.-]+.  Observations are sorted by (region index, indicator
** index, year) with NULL years first.
**
** The dataset's checksum (jjj_info 'checksum') identifies the data, not
** their encoding: the CRC-32 of the data's version-1 payload, printed as
** 8 lower-case hex digits.  In version 1 it is the payload CRC-32 of the
** header (offset 36); in version 2 the writer builds the version-1 payload
** to compute it and stores it as META "checksum" (the reference writer:
** the last pair), which the reader reports without recomputing it.  The
** header's two CRCs guarantee integrity in both versions.
**
** Only what the decoder needs lives here; the writer's helpers are in
** jjj_bundle.c.
*/
#ifndef JJJ_BUNDLE_FORMAT_H
#define JJJ_BUNDLE_FORMAT_H

#include <stdint.h>
#include <string.h>

#define JJJ_BUNDLE_MAGIC        "JJJBUNDL"
#define JJJ_BUNDLE_MAGIC_SIZE   8
#define JJJ_BUNDLE_VERSION      2   /* what the builder writes */
#define JJJ_BUNDLE_VERSION_MIN  1   /* oldest version still read */
#define JJJ_BUNDLE_HEADER       40
#define JJJ_PAYLOAD_MAGIC       "JJJP"

/* Largest payload a decoder accepts, in bytes (also capped at run time by
** SQLITE_LIMIT_LENGTH for user bundles). */
#ifndef SQLITE_JJJ_MAX_PAYLOAD
# define SQLITE_JJJ_MAX_PAYLOAD (256*1024*1024)
#endif

#define JJJ_TAG(a,b,c,d) \
  ((uint32_t)(a) | ((uint32_t)(b)<<8) | ((uint32_t)(c)<<16) | ((uint32_t)(d)<<24))
#define JJJ_TAG_STRS JJJ_TAG('S','T','R','S')
#define JJJ_TAG_META JJJ_TAG('M','E','T','A')
#define JJJ_TAG_REGN JJJ_TAG('R','E','G','N')
#define JJJ_TAG_INDC JJJ_TAG('I','N','D','C')
#define JJJ_TAG_SRCE JJJ_TAG('S','R','C','E')
#define JJJ_TAG_OBSV JJJ_TAG('O','B','S','V')   /* version 1 */
#define JJJ_TAG_OBSC JJJ_TAG('O','B','S','C')   /* version 2 */
#define JJJ_NSECTION 6

/* The META key of the dataset's checksum (version 2: required, exactly 8
** lower-case hex digits; version 1: not allowed) */
#define JJJ_META_CHECKSUM    "checksum"
#define JJJ_CHECKSUM_DIGITS  8

#define JJJ_REGION_FIELDS    7
#define JJJ_INDICATOR_FIELDS 6
#define JJJ_SOURCE_FIELDS    6
#define JJJ_OBS_STRINGS      8   /* unit .. fact */
#define JJJ_OBS_RECORD       (4*4 + 8 + 4 + 4*JJJ_OBS_STRINGS)   /* 60 */
#define JJJ_YEAR_NULL        INT32_MIN

/* Version 2: the columns of OBSC, in order */
#define JJJ_COL_REGION     0
#define JJJ_COL_INDICATOR  1
#define JJJ_COL_YEAR       2
#define JJJ_COL_SOURCE     3
#define JJJ_COL_KIND       4
#define JJJ_COL_MANTISSA   5
#define JJJ_COL_DOUBLE     6
#define JJJ_COL_TEXT       7
#define JJJ_COL_UNIT       8   /* then the other JJJ_OBS_STRINGS columns */
#define JJJ_OBS_NCOLUMN    (JJJ_COL_UNIT + JJJ_OBS_STRINGS)   /* 16 */
#define JJJ_ENC_PLAIN      0
#define JJJ_ENC_RUNS       1
#define JJJ_ENC_U64        2
#define JJJ_KIND_MAXSCALE  22  /* 10^22 is the largest exact power of 10 */
#define JJJ_KIND_DOUBLE    23
#define JJJ_KIND_TEXT      24

static inline uint32_t jjjGet32(const unsigned char *p){
  return (uint32_t)p[0] | ((uint32_t)p[1]<<8)
       | ((uint32_t)p[2]<<16) | ((uint32_t)p[3]<<24);
}
static inline uint64_t jjjGet64(const unsigned char *p){
  return (uint64_t)jjjGet32(p) | ((uint64_t)jjjGet32(p+4)<<32);
}
static inline double jjjGetDouble(const unsigned char *p){
  uint64_t u = jjjGet64(p); double r;
  memcpy(&r, &u, 8);
  return r;
}
/* Is z[0..n) valid UTF-8 (no overlong forms, no surrogates, nothing above
** U+10FFFF)?  The builder checks its CSVs and the decoder its string pool
** with the same rule. */
static inline int jjjUtf8Valid(const unsigned char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned c = z[i];
    size_t k, j;
    uint32_t cp;
    if( c<0x80 ){ i++; continue; }
    if( c>=0xC2 && c<=0xDF ){ k = 1; cp = c & 0x1F; }
    else if( c>=0xE0 && c<=0xEF ){ k = 2; cp = c & 0x0F; }
    else if( c>=0xF0 && c<=0xF4 ){ k = 3; cp = c & 0x07; }
    else return 0;
    if( n-i<=k ) return 0;
    for(j=1; j<=k; j++){
      if( (z[i+j] & 0xC0)!=0x80 ) return 0;
      cp = (cp<<6) | (z[i+j] & 0x3F);
    }
    if( (k==2 && (cp<0x800 || (cp>=0xD800 && cp<=0xDFFF)))
     || (k==3 && (cp<0x10000 || cp>0x10FFFF)) ) return 0;
    i += k+1;
  }
  return 1;
}

#endif /* JJJ_BUNDLE_FORMAT_H */
