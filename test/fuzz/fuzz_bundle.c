/*
** fuzz_bundle.c - libFuzzer harness for the bundle decoder (ext/bundle.c).
**
**   make fuzz [FUZZ_TIME=60]    clang -fsanitize=fuzzer,address,undefined
**   make fuzz-replay            replay.c: the corpus through the same code
**                               under gcc (what CI runs)
**
** The first byte of an input says how the rest is used, so that mutations
** reach every layer despite the checksums:
**   0  (byte % 3 == 0) the bytes are a bundle file, as they are: header
**      checks, checksums;
**   1  a bundle file whose header is repaired first (body size and CRC;
**      payload size and CRC when the body inflates): the inflater;
**   2  a payload, compressed and wrapped in a correct header: the section
**      parser and every bound after it.  The header says format version
**      2 when (byte / 3) is even (2, 8, ...), version 1 when it is odd (5,
**      11, ...).
** The payload limit is JJJ_FUZZ_MAX_PAYLOAD (1 MiB) to keep runs fast.
** A decoded dataset is walked completely: every string is read, every id
** is found again by the lookup functions, every index is in range, and the
** orders the tables rely on hold.  A broken invariant aborts.
**
** jjjFuzzPrepare() is also what replay.c uses to feed jjj_load().
** Built with -DSQLITE_CORE against the system libsqlite3 and zlib.
*/
#include "jjj.h"
#include "bundle_format.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define JJJ_FUZZ_MAX_PAYLOAD (1<<20)

int LLVMFuzzerTestOneInput(const unsigned char *aData, size_t nData);
int jjjFuzzPrepare(const unsigned char *aData, size_t nData,
                   unsigned char **paOut, size_t *pnOut);

/* Little-endian writers (the decoder's header has only readers) */
static void fuzzPut32(unsigned char *p, uint32_t v){
  p[0] = (unsigned char)v;       p[1] = (unsigned char)(v>>8);
  p[2] = (unsigned char)(v>>16); p[3] = (unsigned char)(v>>24);
}
static void fuzzPut64(unsigned char *p, uint64_t v){
  fuzzPut32(p, (uint32_t)v); fuzzPut32(p+4, (uint32_t)(v>>32));
}

static void fuzzHeader(unsigned char *a, uint64_t nPayload, uint32_t crcPayload,
                       const unsigned char *aBody, size_t nBody){
  fuzzPut64(a+16, nPayload);
  fuzzPut64(a+24, nBody);
  fuzzPut32(a+32, (uint32_t)crc32(0L, aBody, (uInt)nBody));
  fuzzPut32(a+36, crcPayload);
}

/* The bundle bytes an input stands for (malloc'd, caller frees) */
int jjjFuzzPrepare(const unsigned char *aData, size_t nData,
                   unsigned char **paOut, size_t *pnOut){
  unsigned char *a;
  int eMode;
  uint32_t iVersion;
  *paOut = 0;
  *pnOut = 0;
  if( nData==0 ) return 0;
  eMode = aData[0] % 3;
  iVersion = (aData[0]/3) % 2 ? 1 : JJJ_BUNDLE_VERSION;
  aData++;
  nData--;
  if( eMode==2 ){
    /* a payload: wrap it */
    uLongf nBody = compressBound((uLong)nData);
    a = malloc(JJJ_BUNDLE_HEADER + nBody);
    if( a==0 ) return 1;
    if( compress2(a+JJJ_BUNDLE_HEADER, &nBody, aData, (uLong)nData, 1)!=Z_OK ){
      free(a);
      return 1;
    }
    memcpy(a, JJJ_BUNDLE_MAGIC, 8);
    fuzzPut32(a+8, iVersion);
    fuzzPut32(a+12, 0);
    fuzzHeader(a, nData, (uint32_t)crc32(0L, aData, (uInt)nData),
               a+JJJ_BUNDLE_HEADER, nBody);
    *paOut = a;
    *pnOut = JJJ_BUNDLE_HEADER + nBody;
    return 0;
  }
  a = malloc(nData ? nData : 1);
  if( a==0 ) return 1;
  memcpy(a, aData, nData);
  if( eMode==1 && nData>=JJJ_BUNDLE_HEADER ){
    /* repair the header so that mutations reach the inflater */
    unsigned char *aOut = malloc(JJJ_FUZZ_MAX_PAYLOAD);
    uLongf nOut = JJJ_FUZZ_MAX_PAYLOAD;
    uLong nIn = (uLong)(nData - JJJ_BUNDLE_HEADER);
    uint64_t nPayload = jjjGet64(a+16);
    uint32_t crcPayload = jjjGet32(a+36);
    if( aOut && uncompress2(aOut, &nOut, a+JJJ_BUNDLE_HEADER, &nIn)==Z_OK ){
      nPayload = nOut;
      crcPayload = (uint32_t)crc32(0L, aOut, (uInt)nOut);
    }
    free(aOut);
    fuzzHeader(a, nPayload, crcPayload, a+JJJ_BUNDLE_HEADER,
               nData-JJJ_BUNDLE_HEADER);
  }
  *paOut = a;
  *pnOut = nData;
  return 0;
}

#define FUZZ_ASSERT(X) \
  if( !(X) ){ fprintf(stderr, "fuzz_bundle.c:%d: %s\n", __LINE__, #X); abort(); }

/* Read everything a dataset offers and check the invariants */
static size_t fuzzWalk(const JjjDataset *p){
  size_t n = 0;
  int i, j, a, b;
  FUZZ_ASSERT( p->zName && p->zName[0] );
  for(i=0; i<2*p->nMeta; i++) if( p->azMeta[i] ) n += strlen(p->azMeta[i]);
  for(i=0; i<p->nRegion; i++){
    for(j=0; j<JJJ_REGION_NCOL; j++){
      const char *z = p->azRegion[i*JJJ_REGION_NCOL+j];
      if( z ) n += strlen(z);
    }
    FUZZ_ASSERT( jjjFindRegion(p, p->azRegion[i*JJJ_REGION_NCOL])==i );
  }
  for(i=0; i<p->nIndicator; i++){
    for(j=0; j<JJJ_INDICATOR_NCOL; j++){
      const char *z = p->azIndicator[i*JJJ_INDICATOR_NCOL+j];
      if( z ) n += strlen(z);
    }
    FUZZ_ASSERT( jjjFindIndicator(p, p->azIndicator[i*JJJ_INDICATOR_NCOL])==i );
  }
  for(i=0; i<p->nSource; i++){
    for(j=0; j<JJJ_SOURCE_NCOL; j++){
      const char *z = p->azSource[i*JJJ_SOURCE_NCOL+j];
      if( z ) n += strlen(z);
    }
    FUZZ_ASSERT( jjjFindSource(p, p->azSource[i*JJJ_SOURCE_NCOL])==i );
  }
  for(i=0; i<p->nObs; i++){
    const JjjObs *o = &p->aObs[i];
    const char *az[9];
    const JjjObsText *t = o->pText;
    FUZZ_ASSERT( t!=0 );
    az[0] = t->zValue; az[1] = t->zUnit; az[2] = t->zQualifier;
    az[3] = t->zVintage; az[4] = t->zBasis; az[5] = t->zNote;
    az[6] = t->zPeriod; az[7] = t->zExcerpt; az[8] = t->zFact;
    for(j=0; j<9; j++) if( az[j] ) n += strlen(az[j]);
    FUZZ_ASSERT( o->iRegion>=0 && o->iRegion<p->nRegion );
    FUZZ_ASSERT( o->iIndicator>=0 && o->iIndicator<p->nIndicator );
    FUZZ_ASSERT( o->iSource>=0 && o->iSource<p->nSource );
    jjjObsRange(p, o->iRegion, o->iIndicator, &a, &b);
    FUZZ_ASSERT( a<=i && i<b );
    FUZZ_ASSERT( p->aiByIndicator[i]>=0 && p->aiByIndicator[i]<p->nObs );
    if( i>0 ){
      const JjjObs *q = &p->aObs[p->aiByIndicator[i-1]];
      const JjjObs *r = &p->aObs[p->aiByIndicator[i]];
      FUZZ_ASSERT( q->iIndicator<=r->iIndicator );
    }
  }
  return n;
}

int LLVMFuzzerTestOneInput(const unsigned char *aData, size_t nData){
  unsigned char *a = 0;
  size_t n = 0;
  JjjDataset *pDs = 0;
  char *zErr = 0;
  int rc;
  if( jjjFuzzPrepare(aData, nData, &a, &n) ) return 0;
  rc = jjjBundleDecode(a, (sqlite3_int64)n, JJJ_FUZZ_MAX_PAYLOAD, &pDs, &zErr);
  if( rc==SQLITE_OK ){
    FUZZ_ASSERT( pDs!=0 && zErr==0 );
    fuzzWalk(pDs);
    jjjDatasetFree(pDs);
  }else{
    FUZZ_ASSERT( pDs==0 );
    FUZZ_ASSERT( rc==SQLITE_CORRUPT || rc==SQLITE_TOOBIG || rc==SQLITE_NOMEM );
    FUZZ_ASSERT( rc==SQLITE_NOMEM || (zErr!=0 && zErr[0]!=0
                                      && strchr(zErr, '\n')==0) );
    sqlite3_free(zErr);
  }
  free(a);
  return 0;
}
