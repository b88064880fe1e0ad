/*
** bundle.c - decode a jingjinji bundle into an immutable dataset.
**
** A bundle (format in bundle_format.h and docs/bundle-format.md) is
** untrusted input: the built-in one is compiled in, but user bundles
** (jjj_load) come from files.  The decoder therefore:
**
**   1. checks magic, version, flags and sizes in the header (including
**      that the body can inflate to the declared payload size at all);
**   2. checks the CRC-32 of the compressed body before inflating it;
**   3. inflates into a buffer of exactly the declared payload size, capped
**      by SQLITE_JJJ_MAX_PAYLOAD and by the caller's limit, with zlib's
**      memory coming from sqlite3_malloc64 (so OOM tests and leak
**      accounting cover it) and every zlib return code mapped;
**   4. checks the CRC-32 of the payload;
**   5. bounds every section, record, index and string offset, requires
**      every string to be NUL-terminated valid UTF-8, tables sorted by id
**      and observations sorted by key, and rejects non-finite values; in
**      format version 2 also bounds every column, varint (length and
**      overflow), run, kind, mantissa and year, and requires each column
**      to end exactly after its last value.
**
** The dataset's checksum (pDs->zChecksum, jjj_info 'checksum') identifies
** the data, not their encoding: it is the CRC-32 of the data's version-1
** payload.  A version-1 bundle's is its payload CRC-32 (header offset 36);
** a version-2 bundle stores it as META key 'checksum', which is required
** there (exactly 8 lower-case hex digits, once) and refused in version 1.
** Integrity is the header's two CRCs' business, not the checksum's.
**
** It reads format version 2 (observations as columns, written by the
** builder now) and version 1 (fixed records, written by earlier releases).
** Both decode into the same dataset: 32 bytes an observation, its strings
** in a JjjObsText shared by consecutive observations that agree on all of
** them, and the indicator order (a counting sort, 4 bytes an observation).
** What jjj_series derives is not stored per observation: the preference
** sits in the JjjObsText (computed once per qualifier and vintage), the
** publication date in one array per source.
**
** Any failure returns SQLITE_CORRUPT (or SQLITE_NOMEM, SQLITE_TOOBIG) and a
** message naming what is wrong; nothing is left allocated.
**
** The built-in dataset is decoded once per process on first use, under a
** static mutex, and never changes afterwards.
**
** Compile-time options:
**   SQLITE_JJJ_MAX_PAYLOAD  largest inflated payload accepted (bytes)
**   SQLITE_JJJ_MUTEX        static mutex guarding the built-in decode
**                           (default SQLITE_MUTEX_STATIC_APP3)
**   JJJ_NO_ZLIB             use the small decoder and CRC-32 of inflate.c
**                           instead of zlib (the wasm32-wasi build, which
**                           has no zlib): same checks, same messages
*/
#include "jjj.h"
#include "bundle_format.h"
#ifdef JJJ_NO_ZLIB
# include "inflate.h"
#else
# include <zlib.h>
#endif
#include <string.h>
#include <stdarg.h>
#include <math.h>

#ifndef SQLITE_JJJ_MUTEX
# define SQLITE_JJJ_MUTEX SQLITE_MUTEX_STATIC_APP3
#endif

/* Largest ratio of payload to zlib body that deflate can produce */
#define JJJ_MAX_RATIO 1032

/* The compiled-in bundle (build/builtin_bundle.c, made by jjj_bundle) */
extern const unsigned char jjjBuiltinBundle[];
extern const unsigned int jjjBuiltinBundleLen;

sqlite3_int64 jjjBuiltinBundleSize(void){ return jjjBuiltinBundleLen; }

/* CRC-32 of a[0..n), n < 2^32 */
static uint32_t bundleCrc32(const unsigned char *a, uint64_t n){
#ifdef JJJ_NO_ZLIB
  return jjjCrc32(0, a, (size_t)n);
#else
  return (uint32_t)crc32(0L, a, (uInt)n);
#endif
}

#ifndef JJJ_NO_ZLIB
/* zlib allocator routed through SQLite's */
static voidpf jjjZalloc(voidpf opaque, uInt items, uInt size){
  JJJ_UNUSED(opaque);
  return sqlite3_malloc64((sqlite3_uint64)items * size);
}
static void jjjZfree(voidpf opaque, voidpf p){
  JJJ_UNUSED(opaque);
  sqlite3_free(p);
}
#endif

/* Storage of the JjjObsText records: blocks of doubling size (16 up to
** 4096 records), so that the records never move */
struct JjjTextBlock {
  JjjTextBlock *pNext;        /* the block before this one */
  int nUsed, nAlloc;
  JjjObsText a[];
};

void jjjDatasetFree(JjjDataset *p){
  if( p==0 ) return;
  while( p->pTextBlock ){
    JjjTextBlock *b = p->pTextBlock;
    p->pTextBlock = b->pNext;
    sqlite3_free(b);
  }
  sqlite3_free(p->aPayload);
  sqlite3_free(p->azMeta);
  sqlite3_free(p->azRegion);
  sqlite3_free(p->azIndicator);
  sqlite3_free(p->azSource);
  sqlite3_free(p->aObs);
  sqlite3_free(p->aiByIndicator);
  sqlite3_free(p->aiSourcePublished);
  sqlite3_free(p->hRegion.aSlot);
  sqlite3_free(p->hIndicator.aSlot);
  sqlite3_free(p->hSource.aSlot);
  sqlite3_free(p->aPair);
  sqlite3_free(p->aiRegionObs);
  sqlite3_free(p);
}

/* Decoder state */
typedef struct JjjDecoder JjjDecoder;
struct JjjDecoder {
  const unsigned char *a;   /* payload */
  uint64_t n;               /* payload size */
  const unsigned char *aStr;/* string pool */
  uint32_t nStr;
  sqlite3_int64 mxPayload;  /* the caller's limit on the payload */
  const JjjObsText *pLastText;  /* the JjjObsText added last, or NULL */
  int *aiIndCount;          /* observations per indicator, at [i+1] */
  char *zErr;               /* error message */
  int rc;
};

static int decodeError(JjjDecoder *p, int rc, const char *zFmt, ...){
  va_list ap;
  if( p->rc==SQLITE_OK ){
    p->rc = rc;
    if( rc!=SQLITE_NOMEM ){
      va_start(ap, zFmt);
      p->zErr = sqlite3_vmprintf(zFmt, ap);
      va_end(ap);
      if( p->zErr==0 ) p->rc = SQLITE_NOMEM;   /* no message: out of memory */
    }
  }
  return p->rc;
}

/* A new JjjObsText holding az[0..8] (zValue .. zFact) and its preference,
** or NULL (NOMEM).  The preference depends on the qualifier and vintage
** only: when they are the last text's (the same pool offsets, so the same
** pointers) it is copied, not recomputed. */
static const JjjObsText *textAdd(JjjDecoder *p, JjjDataset *pDs,
                                 const char *const *az){
  JjjTextBlock *b = pDs->pTextBlock;
  JjjObsText *t;
  if( b==0 || b->nUsed==b->nAlloc ){
    int nNew = b==0 ? 16 : b->nAlloc<4096 ? 2*b->nAlloc : 4096;
    JjjTextBlock *bNew = sqlite3_malloc64(sizeof(JjjTextBlock)
                                   + sizeof(JjjObsText)*(sqlite3_uint64)nNew);
    if( bNew==0 ){
      decodeError(p, SQLITE_NOMEM, "");
      return 0;
    }
    bNew->pNext = b;
    bNew->nUsed = 0;
    bNew->nAlloc = nNew;
    pDs->pTextBlock = b = bNew;
  }
  t = &b->a[b->nUsed++];
  t->zValue = az[0];
  t->zUnit = az[1];
  t->zQualifier = az[2];
  t->zVintage = az[3];
  t->zBasis = az[4];
  t->zNote = az[5];
  t->zPeriod = az[6];
  t->zExcerpt = az[7];
  t->zFact = az[8];
  if( p->pLastText && p->pLastText->zQualifier==t->zQualifier
   && p->pLastText->zVintage==t->zVintage ){
    t->iPreference = p->pLastText->iPreference;
  }else{
    t->iPreference = jjjPreference(t);
  }
  p->pLastText = t;
  return t;
}

/* Resolve string offset iOff into the pool; 0 is NULL.  Strings were
** checked for termination and UTF-8 when the pool was validated. */
static const char *decodeStr(JjjDecoder *p, uint32_t iOff, const char *zWhat){
  if( iOff==0 ) return 0;
  if( iOff>=p->nStr ){
    decodeError(p, SQLITE_CORRUPT, "string offset %u of %s outside the pool",
                iOff, zWhat);
    return 0;
  }
  if( p->aStr[iOff-1]!=0 ){
    decodeError(p, SQLITE_CORRUPT, "string offset %u of %s is not the start "
                "of a string", iOff, zWhat);
    return 0;
  }
  return (const char*)&p->aStr[iOff];
}

/* Find section iTag; set *pa and *pn.  Sections were bounded already. */
typedef struct JjjSection { uint32_t tag, off, size; } JjjSection;

static int jjjIdValid(const char *z){
  if( z==0 || z[0]==0 ) return 0;
  for(; *z; z++){
    char c = *z;
    if( !((c>='a' && c<='z') || (c>='0' && c<='9') || c=='_' || c=='.'
          || c=='-') ) return 0;
  }
  return 1;
}

/* Decode a table of nField string offsets per record into az[] and check
** ids (field 0) are valid and strictly increasing. */
static const char **decodeTable(
  JjjDecoder *p, const JjjSection *pSec, int nField, const char *zName,
  int *pnRow
){
  const unsigned char *a = p->a + pSec->off;
  uint32_t n, i;
  int j;
  const char **az;
  *pnRow = 0;
  if( pSec->size<4 ){
    decodeError(p, SQLITE_CORRUPT, "section %s too short", zName);
    return 0;
  }
  n = jjjGet32(a);
  if( (uint64_t)n*nField*4 + 4 != pSec->size ){
    decodeError(p, SQLITE_CORRUPT, "section %s: %u records do not fill %u "
                "bytes", zName, n, pSec->size);
    return 0;
  }
  /* NEVER: a section's size is a u32, so n*nField*4 < 2^32 keeps n far
  ** below this; kept should the size field ever grow */
  if( NEVER(n>0x7fffffff/(uint32_t)nField) ){
    decodeError(p, SQLITE_TOOBIG, "section %s has too many records", zName);
    return 0;
  }
  az = sqlite3_malloc64(sizeof(char*)*(sqlite3_uint64)(n?n:1)*nField);
  if( az==0 ){ decodeError(p, SQLITE_NOMEM, ""); return 0; }
  for(i=0; i<n; i++){
    for(j=0; j<nField; j++){
      az[i*nField+j] = decodeStr(p, jjjGet32(a+4+((uint64_t)i*nField+j)*4),
                                 zName);
    }
    if( p->rc ) break;
    if( !jjjIdValid(az[i*nField]) ){
      decodeError(p, SQLITE_CORRUPT, "section %s record %u: invalid id",
                  zName, i);
      break;
    }
    if( i>0 && strcmp(az[(i-1)*nField], az[i*nField])>=0 ){
      decodeError(p, SQLITE_CORRUPT, "section %s: ids not strictly "
                  "increasing at record %u ('%s')", zName, i, az[i*nField]);
      break;
    }
  }
  if( p->rc ){ sqlite3_free(az); return 0; }
  *pnRow = (int)n;
  return az;
}

/* The indicator-order permutation.  Observations are sorted by (region,
** indicator, year), so a stable counting sort by indicator index gives the
** order (indicator, region, year) in O(n).  aiCount[i+1] holds the number
** of observations of indicator i (counted while decoding them, which saves
** a pass over the observations); it is used up. */
static void sortByIndicator(JjjDataset *pDs, int *aiCount){
  int n = pDs->nObs, i;
  for(i=1; i<=pDs->nIndicator; i++) aiCount[i] += aiCount[i-1];
  for(i=0; i<n; i++) pDs->aiByIndicator[aiCount[pDs->aObs[i].iIndicator]++] = i;
}

int jjjParseDate(const char *z, int bSearch){
  if( z==0 ) return -1;
  for(;;){
    const char *s = z;
    int y = 0, m = 99, d = 99, i;
    int ok = 1;
    for(i=0; i<4; i++){
      if( s[i]<'0' || s[i]>'9' ){ ok = 0; break; }
      y = y*10 + (s[i]-'0');
    }
    /* a year must not be part of a longer number */
    if( ok && ((s>z && s[-1]>='0' && s[-1]<='9') || (s[4]>='0' && s[4]<='9')) ){
      ok = 0;
    }
    if( ok ){
      s += 4;
      if( s[0]=='-' && s[1]>='0' && s[1]<='1' && s[2]>='0' && s[2]<='9'
       && !(s[3]>='0' && s[3]<='9') ){
        int mm = (s[1]-'0')*10 + (s[2]-'0');
        if( mm>=1 && mm<=12 ){
          m = mm;
          s += 3;
          if( s[0]=='-' && s[1]>='0' && s[1]<='3' && s[2]>='0' && s[2]<='9'
           && !(s[3]>='0' && s[3]<='9') ){
            int dd = (s[1]-'0')*10 + (s[2]-'0');
            if( dd>=1 && dd<=31 ) d = dd;
          }
        }
      }
      if( y>=1000 ) return y*10000 + m*100 + d;
    }
    if( !bSearch || *z==0 ) return -1;
    z++;
  }
}

int jjjVintageRank(const char *z){
  if( z==0 ) return 0;
  if( strcmp(z, "census-revised")==0 ) return 5;
  if( strcmp(z, "revised")==0 ) return 4;
  if( strcmp(z, "final verification")==0 ) return 3;
  if( strcmp(z, "preliminary verification")==0 ) return 2;
  if( strcmp(z, "preliminary")==0 ) return 1;
  return 0;
}

/* Qualifier words that make a figure less precise than another figure of
** the same vintage: a rounded or bounded value, a secondary source. */
static const char *const azImprecise[] = {
  "rounded", "secondary", "low confidence", "lower bound", "more than",
  "about", "around", "approx", "exceed", "surpass", "inferred"
};

int jjjPreference(const JjjObsText *t){
  int nFlag = 0;
  size_t i;
  if( t->zQualifier ){
    for(i=0; i<sizeof(azImprecise)/sizeof(azImprecise[0]); i++){
      if( strstr(t->zQualifier, azImprecise[i]) ) nFlag++;
    }
  }
  return jjjVintageRank(t->zVintage)*16 + (nFlag>15 ? 0 : 15-nFlag);
}

/* Set observation i's region, indicator and source indexes, checked
** against the tables, and count it for its indicator (both formats) */
static inline int obsSetKey(JjjDecoder *p, const JjjDataset *pDs, JjjObs *o,
                            uint32_t i, uint64_t iReg, uint64_t iInd,
                            uint64_t iSrc){
  if( iReg>=(uint64_t)pDs->nRegion || iInd>=(uint64_t)pDs->nIndicator
   || iSrc>=(uint64_t)pDs->nSource ){
    return decodeError(p, SQLITE_CORRUPT, "observation %u: region, "
                       "indicator or source index out of range", i);
  }
  o->iRegion = (int)iReg;
  o->iIndicator = (int)iInd;
  o->iSource = (int)iSrc;
  p->aiIndCount[iInd+1]++;
  return SQLITE_OK;
}

/* Observation i (o) must not sort before its predecessor q on (region,
** indicator, year) (both formats) */
static inline int obsOrderCheck(JjjDecoder *p, const JjjObs *q,
                                const JjjObs *o, uint32_t i){
  if( q->iRegion>o->iRegion
   || (q->iRegion==o->iRegion && (q->iIndicator>o->iIndicator
     || (q->iIndicator==o->iIndicator && q->iYear>o->iYear))) ){
    return decodeError(p, SQLITE_CORRUPT, "observations not sorted at "
                       "record %u", i);
  }
  return SQLITE_OK;
}

static int decodeObservations(JjjDecoder *p, const JjjSection *pSec,
                              JjjDataset *pDs){
  const unsigned char *a = p->a + pSec->off;
  uint32_t n, i;
  JjjObs *aObs;
  uint32_t aiLast[9];
  const char *azLast[9];
  const JjjObsText *pText = 0;
  int k;
  static const char *const azObsCol[9] = {
    "an observation value", "an observation unit", "an observation qualifier",
    "an observation vintage", "an observation basis", "an observation note",
    "an observation period", "an observation excerpt", "an observation fact"
  };
  if( pSec->size<4 ) return decodeError(p, SQLITE_CORRUPT, "section OBSV too short");
  n = jjjGet32(a);
  if( (uint64_t)n*JJJ_OBS_RECORD + 4 != pSec->size ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSV: %u records do not "
                       "fill %u bytes", n, pSec->size);
  }
  /* NEVER: 60n bytes fit the payload, which SQLITE_JJJ_MAX_PAYLOAD caps at
  ** 256 MiB by default; only a build allowing 4 GiB payloads reaches it */
  if( NEVER(n>0x7fffffff/sizeof(JjjObs)) ){
    return decodeError(p, SQLITE_TOOBIG, "section OBSV has too many records");
  }
  aObs = sqlite3_malloc64(sizeof(JjjObs)*(sqlite3_uint64)(n?n:1));
  if( aObs==0 ) return decodeError(p, SQLITE_NOMEM, "");
  pDs->aObs = aObs;
  for(i=0; i<n; i++){
    const unsigned char *r = a + 4 + (uint64_t)i*JJJ_OBS_RECORD;
    JjjObs *o = &aObs[i];
    uint32_t iReg = jjjGet32(r), iInd = jjjGet32(r+4), iSrc = jjjGet32(r+8);
    int32_t iYear = (int32_t)jjjGet32(r+12);
    if( obsSetKey(p, pDs, o, i, iReg, iInd, iSrc) ) return p->rc;
    o->iYear = iYear;
    o->rValue = jjjGetDouble(r+16);
    /* the string columns: a reference equal to the previous record's is
    ** resolved already (the common case: repeated units, vintages) */
    for(k=0; k<9; k++){
      uint32_t iOff = jjjGet32(r+24+4*k);
      if( i==0 || iOff!=aiLast[k] ){
        aiLast[k] = iOff;
        azLast[k] = decodeStr(p, iOff, azObsCol[k]);
        pText = 0;                       /* a string changed: a new text */
      }
    }
    if( p->rc ) return p->rc;
    if( pText==0 && (pText = textAdd(p, pDs, azLast))==0 ) return p->rc;
    o->pText = pText;
    if( azLast[0]==0 && !isfinite(o->rValue) ){
      return decodeError(p, SQLITE_CORRUPT, "observation %u: value is not "
                         "a finite number", i);
    }
    if( i>0 && obsOrderCheck(p, &aObs[i-1], o, i) ) return p->rc;
  }
  pDs->nObs = (int)n;
  return SQLITE_OK;
}

/*
** Version 2: observations as columns (OBSC).  Each column is read through
** a cursor bounded by its own size; every varint, run and value is checked
** before use, and at the end every column must be used up exactly.
*/
typedef struct JjjCol JjjCol;
struct JjjCol {
  const unsigned char *z;     /* next byte */
  const unsigned char *zEnd;  /* end of the column */
  int eEnc;                   /* JJJ_ENC_* */
  uint64_t v;                 /* value of the current run */
  uint64_t nLeft;             /* repeats of v still to come */
};

static const char *const azColName[JJJ_OBS_NCOLUMN] = {
  "region", "indicator", "year", "source", "kind", "mantissa", "double",
  "text", "unit", "qualifier", "vintage", "basis", "note", "period",
  "excerpt", "fact"
};

/* Read a varint at *pz (before zEnd): 0 and *pv set, or 1 when it is
** truncated, longer than 10 bytes or above 2^64 - 1. */
static int getVarint(const unsigned char **pz, const unsigned char *zEnd,
                     uint64_t *pv){
  const unsigned char *z = *pz;
  uint64_t v = 0;
  int iShift = 0;
  while( z<zEnd ){
    unsigned c = *z++;
    if( iShift==63 && c>1 ) return 1;
    v |= (uint64_t)(c & 0x7f) << iShift;
    if( c<0x80 ){ *pz = z; *pv = v; return 0; }
    iShift += 7;
  }
  return 1;
}

/* Next value of column k for observation i, when the current run (if
** any) is used up: the callers take a run's repeats themselves */
static int colNext(JjjDecoder *p, JjjCol *c, int k, uint32_t i, uint64_t *pv){
  uint64_t nRun;
  if( c->z>=c->zEnd ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s ends "
                       "before observation %u", azColName[k], i);
  }
  if( c->eEnc==JJJ_ENC_U64 ){
    if( c->zEnd - c->z < 8 ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: "
                         "truncated value at observation %u", azColName[k], i);
    }
    *pv = jjjGet64(c->z);
    c->z += 8;
    return SQLITE_OK;
  }
  if( c->z[0]<0x80 ){
    *pv = c->z[0];                       /* the common one-byte varint */
    c->z++;
  }else if( getVarint(&c->z, c->zEnd, pv) ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: bad "
                       "varint at observation %u", azColName[k], i);
  }
  if( c->eEnc==JJJ_ENC_RUNS ){
    if( getVarint(&c->z, c->zEnd, &nRun) ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: bad "
                         "run length at observation %u", azColName[k], i);
    }
    if( nRun==0 ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: run "
                         "of length 0 at observation %u", azColName[k], i);
    }
    c->v = *pv;
    c->nLeft = nRun - 1;
  }
  return SQLITE_OK;
}

/* V = the next value of column K for observation I: the repeat of a run
** and the one-byte plain varint inline, the rest through colNext() */
#define COL_NEXT(K, I, V) {                                          \
  JjjCol *c_ = &aCol[K];                                             \
  if( c_->nLeft ){ c_->nLeft--; V = c_->v; }                         \
  else if( c_->eEnc==JJJ_ENC_PLAIN && c_->z<c_->zEnd && c_->z[0]<0x80 ){ \
    V = *c_->z++;                                                    \
  }else if( colNext(p, c_, K, I, &V) ) return p->rc;                 \
}
/* The same for a plain column of multi-byte varints (the mantissas): a
** varint of up to 4 bytes inline when the column has 4 more bytes */
#define COL_NEXT_WIDE(K, I, V) {                                     \
  JjjCol *c_ = &aCol[K];                                             \
  const unsigned char *z_ = c_->z;                                   \
  if( c_->nLeft==0 && c_->eEnc==JJJ_ENC_PLAIN && c_->zEnd-z_>=4 ){   \
    if( z_[0]<0x80 ){ V = z_[0]; c_->z = z_+1; }                     \
    else if( z_[1]<0x80 ){                                           \
      V = (z_[0]&0x7f) | (uint64_t)z_[1]<<7;                         \
      c_->z = z_+2;                                                  \
    }                                                                \
    else if( z_[2]<0x80 ){                                           \
      V = (z_[0]&0x7f) | (uint64_t)(z_[1]&0x7f)<<7 | (uint64_t)z_[2]<<14; \
      c_->z = z_+3;                                                  \
    }else if( colNext(p, c_, K, I, &V) ) return p->rc;               \
  }else COL_NEXT(K, I, V)                                            \
}

/* Exact powers of ten for the decimal kinds */
static const double aPow10[JJJ_KIND_MAXSCALE+1] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int decodeColumns(JjjDecoder *p, const JjjSection *pSec,
                         JjjDataset *pDs){
  const unsigned char *z = p->a + pSec->off;
  const unsigned char *zEnd = z + pSec->size;
  JjjCol aCol[JJJ_OBS_NCOLUMN];
  uint64_t n64, aiLast[1+JJJ_OBS_STRINGS];
  const char *azLast[1+JJJ_OBS_STRINGS];   /* the strings of the last text */
  const char *zText = 0;                   /* text value of this row */
  const JjjObsText *pText = 0;
  uint32_t n, i;
  int k;
  int64_t iPrevYear = 0;
  uint64_t nSame = 0;     /* observations still repeating every string */
  JjjObs *aObs;
  static const char *const azObsCol[1+JJJ_OBS_STRINGS] = {
    "an observation value", "an observation unit", "an observation qualifier",
    "an observation vintage", "an observation basis", "an observation note",
    "an observation period", "an observation excerpt", "an observation fact"
  };

  if( getVarint(&z, zEnd, &n64) ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSC too short");
  }
  /* At most one observation per payload byte (the kind column is one byte
  ** an observation), and the array must fit the caller's limit: a small
  ** file cannot make the decoder allocate much more than its limit. */
  if( n64>p->n ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSC: %llu observations "
                       "in a %llu-byte payload", (unsigned long long)n64,
                       (unsigned long long)p->n);
  }
  if( n64>(uint64_t)(p->mxPayload<0x7fffffff ? p->mxPayload : 0x7fffffff)
            / sizeof(JjjObs) ){
    return decodeError(p, SQLITE_TOOBIG, "section OBSC has too many records");
  }
  n = (uint32_t)n64;
  for(k=0; k<JJJ_OBS_NCOLUMN; k++){
    uint64_t nByte;
    if( getVarint(&z, zEnd, &nByte) || nByte==0
     || nByte>(uint64_t)(zEnd-z) ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC: column %s out of "
                         "bounds", azColName[k]);
    }
    aCol[k].eEnc = z[0];
    if( aCol[k].eEnc>JJJ_ENC_U64 ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: unknown "
                         "encoding %d", azColName[k], aCol[k].eEnc);
    }
    aCol[k].z = z+1;
    aCol[k].zEnd = z+nByte;
    aCol[k].v = 0;
    aCol[k].nLeft = 0;
    z += nByte;
  }
  if( z!=zEnd ){
    return decodeError(p, SQLITE_CORRUPT, "section OBSC: %u bytes after the "
                       "last column", (unsigned)(zEnd-z));
  }

  aObs = sqlite3_malloc64(sizeof(JjjObs)*(sqlite3_uint64)(n?n:1));
  if( aObs==0 ) return decodeError(p, SQLITE_NOMEM, "");
  pDs->aObs = aObs;
  memset(aiLast, 0, sizeof(aiLast));
  memset(azLast, 0, sizeof(azLast));
  for(i=0; i<n; i++){
    JjjObs *o = &aObs[i];
    uint64_t iReg, iInd, iYear, iSrc, eKind, v;
    COL_NEXT(JJJ_COL_REGION, i, iReg);
    COL_NEXT(JJJ_COL_INDICATOR, i, iInd);
    COL_NEXT(JJJ_COL_YEAR, i, iYear);
    COL_NEXT(JJJ_COL_SOURCE, i, iSrc);
    COL_NEXT(JJJ_COL_KIND, i, eKind);
    if( obsSetKey(p, pDs, o, i, iReg, iInd, iSrc) ) return p->rc;
    if( iYear==0 ){
      o->iYear = JJJ_YEAR_NULL;
    }else{
      /* zigzag(year - previous) + 1; |delta| < 2^33 keeps int64 exact */
      uint64_t u = iYear - 1;
      int64_t y;
      if( u>=((uint64_t)1<<34) ){
        return decodeError(p, SQLITE_CORRUPT, "observation %u: year out of "
                           "range", i);
      }
      y = iPrevYear + ((u & 1) ? -(int64_t)(u>>1) - 1 : (int64_t)(u>>1));
      if( y<=(int64_t)INT32_MIN || y>(int64_t)INT32_MAX ){
        return decodeError(p, SQLITE_CORRUPT, "observation %u: year out of "
                           "range", i);
      }
      o->iYear = (int)y;
      iPrevYear = y;
    }
    zText = 0;
    if( eKind<=JJJ_KIND_MAXSCALE ){
      int64_t m;
      COL_NEXT_WIDE(JJJ_COL_MANTISSA, i, v);
      /* |mantissa| <= 2^53: an exact double, so the division is the one
      ** correctly rounded step strtod() also takes */
      if( v>=((uint64_t)1<<54) ){
        return decodeError(p, SQLITE_CORRUPT, "observation %u: decimal "
                           "mantissa too large", i);
      }
      m = (v & 1) ? -(int64_t)(v>>1) - 1 : (int64_t)(v>>1);
      o->rValue = (double)m / aPow10[eKind];
    }else if( eKind==JJJ_KIND_DOUBLE ){
      if( colNext(p, &aCol[JJJ_COL_DOUBLE], JJJ_COL_DOUBLE, i, &v) ){
        return p->rc;
      }
      memcpy(&o->rValue, &v, 8);
      if( !isfinite(o->rValue) ){
        return decodeError(p, SQLITE_CORRUPT, "observation %u: value is not "
                           "a finite number", i);
      }
    }else if( eKind==JJJ_KIND_TEXT ){
      if( colNext(p, &aCol[JJJ_COL_TEXT], JJJ_COL_TEXT, i, &v) ) return p->rc;
      if( v==0 || v>0xffffffffu ){
        return decodeError(p, SQLITE_CORRUPT, "observation %u: text value "
                           "is not a string", i);
      }
      if( v!=aiLast[0] ){           /* v is never 0; aiLast[0] is at first */
        aiLast[0] = v;
        azLast[0] = decodeStr(p, (uint32_t)v, azObsCol[0]);
        if( p->rc ) return p->rc;
      }
      zText = azLast[0];
      o->rValue = 0.0;
    }else{
      return decodeError(p, SQLITE_CORRUPT, "observation %u: unknown value "
                         "kind %u", i, (unsigned)eKind);
    }
    /* the string columns: nSame more observations repeat every one of
    ** them (runs), so they are not looked at again until then */
    if( nSame ){
      nSame--;
    }else{
      uint64_t nMin;
      for(k=1; k<=JJJ_OBS_STRINGS; k++){
        JjjCol *c = &aCol[JJJ_COL_UNIT+k-1];
        if( c->nLeft ){ c->nLeft--; continue; }     /* same string again */
        if( colNext(p, c, JJJ_COL_UNIT+k-1, i, &v) ) return p->rc;
        if( i==0 || v!=aiLast[k] ){
          if( v>0xffffffffu ){
            return decodeError(p, SQLITE_CORRUPT, "string offset %llu of %s "
                               "outside the pool", (unsigned long long)v,
                               azObsCol[k]);
          }
          aiLast[k] = v;
          azLast[k] = decodeStr(p, (uint32_t)v, azObsCol[k]);
          if( p->rc ) return p->rc;
          pText = 0;                       /* a string changed: a new text */
        }
      }
      nMin = n - i - 1;
      for(k=0; k<JJJ_OBS_STRINGS; k++){
        uint64_t nLeft = aCol[JJJ_COL_UNIT+k].nLeft;
        if( nLeft<nMin ) nMin = nLeft;
      }
      if( nMin ){
        for(k=0; k<JJJ_OBS_STRINGS; k++) aCol[JJJ_COL_UNIT+k].nLeft -= nMin;
        nSame = nMin;
      }
    }
    if( pText==0 || pText->zValue!=zText ){
      const char *az[1+JJJ_OBS_STRINGS];
      memcpy(az, azLast, sizeof(az));
      az[0] = zText;
      if( (pText = textAdd(p, pDs, az))==0 ) return p->rc;
    }
    o->pText = pText;
    if( i>0 && obsOrderCheck(p, &aObs[i-1], o, i) ) return p->rc;
  }
  for(k=0; k<JJJ_OBS_NCOLUMN; k++){
    if( aCol[k].nLeft || aCol[k].z!=aCol[k].zEnd ){
      return decodeError(p, SQLITE_CORRUPT, "section OBSC column %s: more "
                         "values than observations", azColName[k]);
    }
  }
  pDs->nObs = (int)n;
  return SQLITE_OK;
}

/* Is z exactly JJJ_CHECKSUM_DIGITS lower-case hex digits?  (NULL: no) */
static int checksumValid(const char *z){
  int i;
  if( z==0 ) return 0;
  for(i=0; i<JJJ_CHECKSUM_DIGITS; i++){
    if( !((z[i]>='0' && z[i]<='9') || (z[i]>='a' && z[i]<='f')) ) return 0;
  }
  return z[i]==0;
}

/* The derived arrays: the indicator order (4 bytes an observation) and the
** publication date of each source.  The preference is in each JjjObsText
** already (textAdd). */
static int decodeDerived(JjjDecoder *p, JjjDataset *pDs){
  int j;
  pDs->aiByIndicator = sqlite3_malloc64(
      sizeof(int)*(sqlite3_uint64)(pDs->nObs ? pDs->nObs : 1));
  pDs->aiSourcePublished = sqlite3_malloc64(
      sizeof(int)*(sqlite3_uint64)(pDs->nSource ? pDs->nSource : 1));
  if( pDs->aiByIndicator==0 || pDs->aiSourcePublished==0 ){
    return decodeError(p, SQLITE_NOMEM, "");
  }
  for(j=0; j<pDs->nSource; j++){
    pDs->aiSourcePublished[j] =
        jjjParseDate(pDs->azSource[j*JJJ_SOURCE_NCOL+3], 1);
  }
  sortByIndicator(pDs, p->aiIndCount);
  return SQLITE_OK;
}

static int decodePayload(JjjDecoder *p, JjjDataset *pDs, uint32_t iVersion){
  JjjSection aSec[JJJ_NSECTION];
  uint32_t aTag[JJJ_NSECTION] = {
    JJJ_TAG_STRS, JJJ_TAG_META, JJJ_TAG_REGN, JJJ_TAG_INDC, JJJ_TAG_SRCE,
    JJJ_TAG_OBSC
  };
  const char *azTag[JJJ_NSECTION] = {
    "STRS", "META", "REGN", "INDC", "SRCE", "OBSC"
  };
  uint32_t nSec, i;
  int k;
  if( iVersion==1 ){
    aTag[5] = JJJ_TAG_OBSV;
    azTag[5] = "OBSV";
  }
  if( p->n<8 || memcmp(p->a, JJJ_PAYLOAD_MAGIC, 4)!=0 ){
    return decodeError(p, SQLITE_CORRUPT, "payload magic missing");
  }
  nSec = jjjGet32(p->a+4);
  if( nSec!=JJJ_NSECTION || 8+(uint64_t)nSec*12 > p->n ){
    return decodeError(p, SQLITE_CORRUPT, "payload has %u sections, "
                       "expected %d", nSec, JJJ_NSECTION);
  }
  memset(aSec, 0, sizeof(aSec));
  for(k=0; k<JJJ_NSECTION; k++) aSec[k].tag = 0;
  for(i=0; i<nSec; i++){
    const unsigned char *d = p->a + 8 + i*12;
    uint32_t tag = jjjGet32(d), off = jjjGet32(d+4), size = jjjGet32(d+8);
    for(k=0; k<JJJ_NSECTION && aTag[k]!=tag; k++){}
    if( k==JJJ_NSECTION ){
      return decodeError(p, SQLITE_CORRUPT, "unknown section tag 0x%08x", tag);
    }
    if( aSec[k].tag ){
      return decodeError(p, SQLITE_CORRUPT, "section %s appears twice",
                         azTag[k]);
    }
    if( off<8+nSec*12 || (uint64_t)off+size > p->n ){
      return decodeError(p, SQLITE_CORRUPT, "section %s out of bounds",
                         azTag[k]);
    }
    aSec[k].tag = tag; aSec[k].off = off; aSec[k].size = size;
  }

  /* String pool: starts with NUL, ends with NUL, valid UTF-8 */
  p->aStr = p->a + aSec[0].off;
  p->nStr = aSec[0].size;
  if( p->nStr==0 || p->aStr[0]!=0 || p->aStr[p->nStr-1]!=0 ){
    return decodeError(p, SQLITE_CORRUPT, "string pool not NUL-delimited");
  }
  if( !jjjUtf8Valid(p->aStr, p->nStr) ){
    return decodeError(p, SQLITE_CORRUPT, "string pool is not valid UTF-8");
  }

  /* META: n pairs */
  {
    const unsigned char *a = p->a + aSec[1].off;
    const char *zSum = 0;     /* the value of META key "checksum" */
    uint32_t n;
    if( aSec[1].size<4 ) return decodeError(p, SQLITE_CORRUPT, "section META too short");
    n = jjjGet32(a);
    if( (uint64_t)n*8+4 != aSec[1].size ){
      return decodeError(p, SQLITE_CORRUPT, "section META: %u pairs do not "
                         "fill %u bytes", n, aSec[1].size);
    }
    pDs->azMeta = sqlite3_malloc64(sizeof(char*)*2*(sqlite3_uint64)(n?n:1));
    if( pDs->azMeta==0 ) return decodeError(p, SQLITE_NOMEM, "");
    for(i=0; i<n; i++){
      pDs->azMeta[2*i] = decodeStr(p, jjjGet32(a+4+i*8), "META");
      pDs->azMeta[2*i+1] = decodeStr(p, jjjGet32(a+8+i*8), "META");
      if( p->rc ) return p->rc;
      if( pDs->azMeta[2*i]==0 ){
        return decodeError(p, SQLITE_CORRUPT, "META key %u is empty", i);
      }
      if( strcmp(pDs->azMeta[2*i], "name")==0 ) pDs->zName = pDs->azMeta[2*i+1];
      if( strcmp(pDs->azMeta[2*i], "version")==0 ) pDs->zVersion = pDs->azMeta[2*i+1];
      if( strcmp(pDs->azMeta[2*i], JJJ_META_CHECKSUM)==0 ){
        if( iVersion==1 ){
          return decodeError(p, SQLITE_CORRUPT, "META key '%s' is not "
                             "allowed in format version 1", JJJ_META_CHECKSUM);
        }
        if( zSum ){
          return decodeError(p, SQLITE_CORRUPT, "META key '%s' appears "
                             "twice", JJJ_META_CHECKSUM);
        }
        zSum = pDs->azMeta[2*i+1];
        if( !checksumValid(zSum) ){
          return decodeError(p, SQLITE_CORRUPT, "META %s is not %d lower-case "
                             "hex digits", JJJ_META_CHECKSUM,
                             JJJ_CHECKSUM_DIGITS);
        }
      }
    }
    pDs->nMeta = (int)n;
    if( !jjjIdValid(pDs->zName) ){
      return decodeError(p, SQLITE_CORRUPT, "META has no valid dataset name");
    }
    /* Version 2 carries the dataset's checksum (the CRC-32 of the data's
    ** version-1 payload); in version 1 it is the payload's CRC-32, which
    ** jjjBundleDecode() has already put there. */
    if( iVersion!=1 ){
      if( zSum==0 ){
        return decodeError(p, SQLITE_CORRUPT, "META has no %s",
                           JJJ_META_CHECKSUM);
      }
      sqlite3_snprintf(sizeof(pDs->zChecksum), pDs->zChecksum, "%s", zSum);
    }
  }

  pDs->azRegion = decodeTable(p, &aSec[2], JJJ_REGION_FIELDS, "REGN", &pDs->nRegion);
  if( p->rc ) return p->rc;
  pDs->azIndicator = decodeTable(p, &aSec[3], JJJ_INDICATOR_FIELDS, "INDC", &pDs->nIndicator);
  if( p->rc ) return p->rc;
  pDs->azSource = decodeTable(p, &aSec[4], JJJ_SOURCE_FIELDS, "SRCE", &pDs->nSource);
  if( p->rc ) return p->rc;
  p->aiIndCount = sqlite3_malloc64(
      sizeof(int)*((sqlite3_uint64)pDs->nIndicator+1));
  if( p->aiIndCount==0 ) return decodeError(p, SQLITE_NOMEM, "");
  memset(p->aiIndCount, 0, sizeof(int)*((size_t)pDs->nIndicator+1));
  if( iVersion==1 ){
    decodeObservations(p, &aSec[5], pDs);
  }else{
    decodeColumns(p, &aSec[5], pDs);
  }
  if( p->rc==SQLITE_OK ) decodeDerived(p, pDs);
  sqlite3_free(p->aiIndCount);
  p->aiIndCount = 0;
  return p->rc;
}

/*
** The lookup index: what a point lookup needs in O(1).  Id tables map an
** id to its record (a hash instead of a binary search with strcmp); the
** pair table maps (region, indicator) to its rows and year span, so a
** year of a pair whose years run without gaps or repeats is one probe.
** Built once here, read-only afterwards (datasets are shared between
** threads).  Memory: at most 4 ints a region, indicator and source, one
** more int a region, and a 32-byte JjjPair slot for every 3/8 to 3/4 of a
** pair (the built-in data: 11.6 KB, 20 B a row; the synthetic 1M rows,
** 29 a pair: 2.1 B a row, against the 32 B of a JjjObs).
*/

/* The number of hash slots: the least power of two >= nUsed (callers ask
** for twice their ids, 4/3 of their pairs) */
static sqlite3_uint64 hashSlots(sqlite3_uint64 nUsed){
  sqlite3_uint64 n = 1;
  while( n<nUsed ) n *= 2;
  return n;
}

/* Mix the key of a pair into a slot hash */
static unsigned int pairHash(int iR, int iI){
  unsigned int h = (unsigned int)iR*0x9e3779b1u ^ (unsigned int)iI*0x85ebca77u;
  h ^= h>>15;
  h *= 0x2c1b3c6du;
  h ^= h>>12;
  return h;
}

/* Fill an id table for n records of nCol fields (id first) */
static int idHashBuild(JjjIdHash *pH, const char *const *az, int n, int nCol){
  sqlite3_uint64 nSlot = hashSlots(2*(sqlite3_uint64)n);
  int i;
  pH->aSlot = sqlite3_malloc64(sizeof(int)*nSlot);
  if( pH->aSlot==0 ) return SQLITE_NOMEM;
  memset(pH->aSlot, 0, sizeof(int)*nSlot);
  pH->mask = (unsigned int)(nSlot-1);
  for(i=0; i<n; i++){
    unsigned int h = jjjIdHash(az[i*nCol]) & pH->mask;
    while( pH->aSlot[h] ) h = (h+1) & pH->mask;
    pH->aSlot[h] = i+1;
  }
  return SQLITE_OK;
}

static int buildIndex(JjjDecoder *p, JjjDataset *pDs){
  const JjjObs *aObs = pDs->aObs;
  int n = pDs->nObs, i, iStart, nPair = 0;
  sqlite3_uint64 nSlot, k;

  if( idHashBuild(&pDs->hRegion, pDs->azRegion, pDs->nRegion, JJJ_REGION_NCOL)
   || idHashBuild(&pDs->hIndicator, pDs->azIndicator, pDs->nIndicator,
                  JJJ_INDICATOR_NCOL)
   || idHashBuild(&pDs->hSource, pDs->azSource, pDs->nSource, JJJ_SOURCE_NCOL)
  ){
    return decodeError(p, SQLITE_NOMEM, "");
  }

  /* First observation of each region */
  pDs->aiRegionObs = sqlite3_malloc64(sizeof(int)*((sqlite3_uint64)pDs->nRegion+1));
  if( pDs->aiRegionObs==0 ) return decodeError(p, SQLITE_NOMEM, "");
  for(i=0, iStart=0; i<=pDs->nRegion; i++){
    while( iStart<n && aObs[iStart].iRegion<i ) iStart++;
    pDs->aiRegionObs[i] = iStart;
  }

  /* Pairs: count, then fill one slot per run of equal (region, indicator) */
  for(i=0; i<n; i++){
    if( i==0 || aObs[i].iRegion!=aObs[i-1].iRegion
     || aObs[i].iIndicator!=aObs[i-1].iIndicator ) nPair++;
  }
  nSlot = hashSlots((4*(sqlite3_uint64)nPair+2)/3);
  pDs->aPair = sqlite3_malloc64(sizeof(JjjPair)*nSlot);
  if( pDs->aPair==0 ) return decodeError(p, SQLITE_NOMEM, "");
  pDs->mskPair = (unsigned int)(nSlot-1);
  for(k=0; k<nSlot; k++) pDs->aPair[k].iRegion = -1;
  for(iStart=0; iStart<n; ){
    const JjjObs *o = &aObs[iStart];
    JjjPair *pPair;
    int iEnd = iStart+1, iYear, bDense = 1;
    unsigned int h = pairHash(o->iRegion, o->iIndicator) & pDs->mskPair;
    while( iEnd<n && aObs[iEnd].iRegion==o->iRegion
        && aObs[iEnd].iIndicator==o->iIndicator ) iEnd++;
    for(iYear=iStart; iYear<iEnd && aObs[iYear].iYear==JJJ_NO_YEAR; iYear++){}
    for(i=iYear+1; i<iEnd; i++){
      if( aObs[i].iYear!=aObs[i-1].iYear+1 ){ bDense = 0; break; }
    }
    while( pDs->aPair[h].iRegion>=0 ) h = (h+1) & pDs->mskPair;
    pPair = &pDs->aPair[h];
    pPair->iRegion = o->iRegion;
    pPair->iIndicator = o->iIndicator;
    pPair->iStart = iStart;
    pPair->iYear = iYear;
    pPair->iEnd = iEnd;
    if( iYear<iEnd ){
      pPair->yMin = aObs[iYear].iYear;
      pPair->yMax = aObs[iEnd-1].iYear;
    }else{
      pPair->yMin = 1;          /* no years: an empty span */
      pPair->yMax = 0;
    }
    pPair->bDense = bDense;
    iStart = iEnd;
  }
  return SQLITE_OK;
}

int jjjBundleDecode(
  const unsigned char *aBundle, sqlite3_int64 nBundle,
  sqlite3_int64 mxPayload, JjjDataset **ppOut, char **pzErr
){
  JjjDecoder d;
  JjjDataset *pDs = 0;
  uint64_t nPayload, nBody;
  uint32_t iVersion, flags;
  *ppOut = 0;
  if( pzErr ) *pzErr = 0;
  memset(&d, 0, sizeof(d));
  if( mxPayload<=0 || mxPayload>SQLITE_JJJ_MAX_PAYLOAD ){
    mxPayload = SQLITE_JJJ_MAX_PAYLOAD;
  }

  if( aBundle==0 || nBundle<JJJ_BUNDLE_HEADER
   || memcmp(aBundle, JJJ_BUNDLE_MAGIC, JJJ_BUNDLE_MAGIC_SIZE)!=0 ){
    decodeError(&d, SQLITE_CORRUPT, "not a jingjinji bundle (bad magic)");
    goto decode_out;
  }
  iVersion = jjjGet32(aBundle+8);
  flags = jjjGet32(aBundle+12);
  nPayload = jjjGet64(aBundle+16);
  nBody = jjjGet64(aBundle+24);
  if( iVersion<JJJ_BUNDLE_VERSION_MIN || iVersion>JJJ_BUNDLE_VERSION ){
    decodeError(&d, SQLITE_CORRUPT, "bundle format version %u not supported "
                "(this build reads versions %d to %d)", iVersion,
                JJJ_BUNDLE_VERSION_MIN, JJJ_BUNDLE_VERSION);
    goto decode_out;
  }
  if( flags!=0 ){
    decodeError(&d, SQLITE_CORRUPT, "bundle flags 0x%x not supported", flags);
    goto decode_out;
  }
  if( nBody != (uint64_t)(nBundle - JJJ_BUNDLE_HEADER) ){
    decodeError(&d, SQLITE_CORRUPT, "bundle body is %lld bytes, header says "
                "%llu (truncated or padded)",
                (long long)(nBundle - JJJ_BUNDLE_HEADER),
                (unsigned long long)nBody);
    goto decode_out;
  }
  if( nPayload>(uint64_t)mxPayload ){
    decodeError(&d, SQLITE_TOOBIG, "bundle payload of %llu bytes exceeds "
                "the limit of %lld", (unsigned long long)nPayload,
                (long long)mxPayload);
    goto decode_out;
  }
  /* Deflate expands at most about 1032:1, so a header that declares more
  ** is refused before the payload buffer is allocated: a few bytes of file
  ** cannot make the decoder allocate SQLITE_JJJ_MAX_PAYLOAD. */
  if( nPayload > nBody*JJJ_MAX_RATIO + 1024 ){
    decodeError(&d, SQLITE_CORRUPT, "bundle header declares a payload of "
                "%llu bytes, more than its %llu-byte body can inflate to",
                (unsigned long long)nPayload, (unsigned long long)nBody);
    goto decode_out;
  }
  if( nBody>0xffffffffu
   || bundleCrc32(aBundle+JJJ_BUNDLE_HEADER, nBody)!=jjjGet32(aBundle+32) ){
    decodeError(&d, SQLITE_CORRUPT, "bundle body checksum mismatch");
    goto decode_out;
  }

  pDs = sqlite3_malloc64(sizeof(*pDs));
  if( pDs==0 ){ decodeError(&d, SQLITE_NOMEM, ""); goto decode_out; }
  memset(pDs, 0, sizeof(*pDs));
  pDs->iFormat = (int)iVersion;
  pDs->nBundle = nBundle;
  pDs->nPayload = (sqlite3_int64)nPayload;
  pDs->aPayload = sqlite3_malloc64(nPayload ? nPayload : 1);
  if( pDs->aPayload==0 ){ decodeError(&d, SQLITE_NOMEM, ""); goto decode_out; }

#ifdef JJJ_NO_ZLIB
  {
    size_t nUsed = 0, nMade = 0;
    const char *zMsg = 0;
    int irc = jjjZlibInflate(aBundle + JJJ_BUNDLE_HEADER, (size_t)nBody,
                             &nUsed, pDs->aPayload, (size_t)nPayload, &nMade,
                             &zMsg);
    /* the same outcomes and messages as zlib's below */
    if( irc==JJJ_INFLATE_OK ){
      if( nUsed!=nBody ){
        decodeError(&d, SQLITE_CORRUPT, "bundle body has %u bytes after the "
                    "end of its zlib stream", (unsigned)(nBody - nUsed));
      }else if( nMade!=nPayload ){
        decodeError(&d, SQLITE_CORRUPT, "bundle body inflates to %llu bytes, "
                    "its header declares %llu",
                    (unsigned long long)nMade, (unsigned long long)nPayload);
      }
    }else if( irc==JJJ_INFLATE_DATA ){
      decodeError(&d, SQLITE_CORRUPT, "bundle body is not a valid zlib "
                  "stream (%s)", zMsg ? zMsg : "zlib error");
    }else{
      decodeError(&d, SQLITE_CORRUPT, "bundle body inflates to more or less "
                  "than the %llu bytes its header declares",
                  (unsigned long long)nPayload);
    }
    if( d.rc ) goto decode_out;
  }
#else
  {
    z_stream zs;
    int zrc;
    memset(&zs, 0, sizeof(zs));
    zs.zalloc = jjjZalloc;
    zs.zfree = jjjZfree;
    zrc = inflateInit(&zs);
    if( zrc!=Z_OK ){
      if( zrc==Z_MEM_ERROR ) decodeError(&d, SQLITE_NOMEM, "");
      else decodeError(&d, SQLITE_ERROR, "zlib inflateInit failed (%d)", zrc);
      goto decode_out;
    }
    zs.next_in = (Bytef*)(aBundle + JJJ_BUNDLE_HEADER);
    zs.avail_in = (uInt)nBody;
    zs.next_out = pDs->aPayload;
    zs.avail_out = (uInt)nPayload;
    zrc = inflate(&zs, Z_FINISH);
    if( zrc==Z_STREAM_END ){
      if( zs.avail_in!=0 ){
        decodeError(&d, SQLITE_CORRUPT, "bundle body has %u bytes after the "
                    "end of its zlib stream", (unsigned)zs.avail_in);
      }else if( zs.total_out!=nPayload ){
        decodeError(&d, SQLITE_CORRUPT, "bundle body inflates to %llu bytes, "
                    "its header declares %llu",
                    (unsigned long long)zs.total_out,
                    (unsigned long long)nPayload);
      }
    }else if( zrc==Z_MEM_ERROR ){
      decodeError(&d, SQLITE_NOMEM, "");
    }else if( zrc==Z_BUF_ERROR || zrc==Z_OK ){
      decodeError(&d, SQLITE_CORRUPT, "bundle body inflates to more or less "
                  "than the %llu bytes its header declares",
                  (unsigned long long)nPayload);
    }else{
      /* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR */
      decodeError(&d, SQLITE_CORRUPT, "bundle body is not a valid zlib "
                  "stream (%s)", zs.msg ? zs.msg : "zlib error");
    }
    inflateEnd(&zs);
    if( d.rc ) goto decode_out;
  }
#endif
  if( bundleCrc32(pDs->aPayload, nPayload)!=jjjGet32(aBundle+36) ){
    decodeError(&d, SQLITE_CORRUPT, "bundle payload checksum mismatch");
    goto decode_out;
  }
  /* The dataset's checksum in version 1; version 2 replaces it with its
  ** META checksum (decodePayload) */
  sqlite3_snprintf(sizeof(pDs->zChecksum), pDs->zChecksum, "%08x",
                   jjjGet32(aBundle+36));

  d.a = pDs->aPayload;
  d.n = nPayload;
  d.mxPayload = mxPayload;
  if( decodePayload(&d, pDs, iVersion)==SQLITE_OK ) buildIndex(&d, pDs);

decode_out:
  if( d.rc ){
    jjjDatasetFree(pDs);
    if( pzErr ){
      if( d.rc==SQLITE_NOMEM ){
        sqlite3_free(d.zErr);
        d.zErr = 0;
      }
      *pzErr = d.zErr;
    }else{
      sqlite3_free(d.zErr);
    }
    return d.rc;
  }
  *ppOut = pDs;
  return SQLITE_OK;
}

/*
** The built-in dataset: decoded on first use and shared by every connection
** of the process.  Each user (a connection's JjjConn, or a function for the
** length of a call) holds a reference; when the last one is released the
** dataset is freed, so closing every connection returns all memory (a
** loadable extension may be unloaded right after) and OOM tests see
** sqlite3_memory_used() back at its baseline.  A failed decode (only
** possible through OOM: the bundle was verified when it was built) is
** retried on the next call.
*/
static JjjDataset *gBuiltin = 0;
static int gBuiltinRef = 0;

int jjjBuiltinAcquire(const JjjDataset **pp, char **pzErr){
  int rc = SQLITE_OK;
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_JJJ_MUTEX);
  if( pzErr ) *pzErr = 0;
  *pp = 0;
  sqlite3_mutex_enter(pMutex);
  if( gBuiltin==0 ){
    rc = jjjBundleDecode(jjjBuiltinBundle, jjjBuiltinBundleLen, 0,
                         &gBuiltin, pzErr);
  }
  if( rc==SQLITE_OK ){
    gBuiltinRef++;
    *pp = gBuiltin;
  }
  sqlite3_mutex_leave(pMutex);
  return rc;
}

void jjjBuiltinRelease(void){
  JjjDataset *pFree = 0;
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_JJJ_MUTEX);
  sqlite3_mutex_enter(pMutex);
  if( ALWAYS(gBuiltinRef>0) && --gBuiltinRef==0 ){
    pFree = gBuiltin;
    gBuiltin = 0;
  }
  sqlite3_mutex_leave(pMutex);
  jjjDatasetFree(pFree);
}

/* FNV-1a over the bytes of an id */
unsigned int jjjIdHash(const char *z){
  unsigned int h = 2166136261u;
  for(; *z; z++) h = (h ^ (unsigned char)*z)*16777619u;
  return h;
}

/* Id z (hash h) in a table of records of nCol fields (id first); -1 when
** absent */
static int findId(const JjjIdHash *pH, const char *const *az, int nCol,
                  const char *z, unsigned int h){
  int k;
  for(h &= pH->mask; (k = pH->aSlot[h])!=0; h = (h+1) & pH->mask){
    if( strcmp(az[(k-1)*nCol], z)==0 ) return k-1;
  }
  return -1;
}
int jjjFindRegionHashed(const JjjDataset *p, const char *z, unsigned int h){
  return findId(&p->hRegion, p->azRegion, JJJ_REGION_NCOL, z, h);
}
int jjjFindIndicatorHashed(const JjjDataset *p, const char *z, unsigned int h){
  return findId(&p->hIndicator, p->azIndicator, JJJ_INDICATOR_NCOL, z, h);
}
/* The same for an id that may be NULL (never found).  NEVER: every caller
** handles a NULL id itself (jjj_series, the tables' xFilter); kept because
** the interface allows it. */
static int findIdOrNull(const JjjIdHash *pH, const char *const *az, int nCol,
                        const char *z){
  if( NEVER(z==0) ) return -1;
  return findId(pH, az, nCol, z, jjjIdHash(z));
}
int jjjFindRegion(const JjjDataset *p, const char *z){
  return findIdOrNull(&p->hRegion, p->azRegion, JJJ_REGION_NCOL, z);
}
int jjjFindIndicator(const JjjDataset *p, const char *z){
  return findIdOrNull(&p->hIndicator, p->azIndicator, JJJ_INDICATOR_NCOL, z);
}
int jjjFindSource(const JjjDataset *p, const char *z){
  return findIdOrNull(&p->hSource, p->azSource, JJJ_SOURCE_NCOL, z);
}

const JjjPair *jjjFindPair(const JjjDataset *p, int iR, int iI){
  unsigned int h = pairHash(iR, iI) & p->mskPair;
  const JjjPair *pPair;
  for(; (pPair = &p->aPair[h])->iRegion>=0; h = (h+1) & p->mskPair){
    if( pPair->iRegion==iR && pPair->iIndicator==iI ) return pPair;
  }
  return 0;
}

void jjjObsRange(const JjjDataset *p, int iR, int iI, int *piFirst, int *piLast){
  const JjjPair *pPair = jjjFindPair(p, iR, iI);
  if( pPair ){
    *piFirst = pPair->iStart;
    *piLast = pPair->iEnd;
  }else{
    *piFirst = *piLast = 0;
  }
}

int jjjObsKeyCmp(const JjjDataset *pA, const JjjObs *a,
                 const JjjDataset *pB, const JjjObs *b){
  int c = strcmp(pA->azRegion[a->iRegion*JJJ_REGION_NCOL],
                 pB->azRegion[b->iRegion*JJJ_REGION_NCOL]);
  /* a and b are of different datasets, whose region ids never collide
  ** (jjj_load refuses that), so the regions differ */
  if( ALWAYS(c) ) return c;
  c = strcmp(pA->azIndicator[a->iIndicator*JJJ_INDICATOR_NCOL],
             pB->azIndicator[b->iIndicator*JJJ_INDICATOR_NCOL]);
  if( c ) return c;
  if( a->iYear!=b->iYear ) return a->iYear<b->iYear ? -1 : 1;
  return 0;
}
