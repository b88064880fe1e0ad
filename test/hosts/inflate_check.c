/*
** inflate_check.c - compare ext/inflate.c (the decoder of -DJJJ_NO_ZLIB
** builds) with zlib.  A test tool: it links zlib to make and to judge the
** streams; the extension built with -DJJJ_NO_ZLIB links no zlib.
**
**   inflate_check [N] [FILE...]
**
** 1. Well-formed streams: generated data (empty, one byte, zeros, random,
**    text-like, runs, mixed; up to 300 KB) compressed by zlib at every
**    level, with every strategy (default, filtered, Huffman only, RLE,
**    fixed), several window sizes and memory levels; plus each FILE's
**    bytes (e.g. the dataset CSVs).  Each must decode to the exact input,
**    using exactly the whole stream, and the CRC-32 must equal zlib's.
**    The same stream with the output buffer one byte short must fail
**    (JJJ_INFLATE_FULL), and every truncation must fail.
** 2. Damaged streams: N (default 30000) random mutations (bit flips,
**    byte overwrites, truncations, appended bytes) of those streams.
**    Decoded by both: each must accept exactly when zlib does, with the
**    same output and the same number of input bytes used, and fail in the
**    same class (invalid data / input or output exhausted) when zlib does.
**
** Prints "inflate_check: N streams, M mutations, K failures" and exits
** non-zero on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "inflate.h"

static unsigned long long gSeed = 0x9e3779b97f4a7c15ull;
static unsigned rnd(void){
  gSeed ^= gSeed << 13;
  gSeed ^= gSeed >> 7;
  gSeed ^= gSeed << 17;
  return (unsigned)(gSeed >> 11);
}

static int nFail = 0;
static long nEarly = 0;   /* invalid data seen before zlib saw it */
static void fail(const char *zWhat, size_t i){
  if( nFail<20 ) fprintf(stderr, "inflate_check: FAIL %s (case %zu)\n", zWhat, i);
  nFail++;
}

typedef struct Buf { unsigned char *a; size_t n; } Buf;
static Buf *aStream = 0;   /* compressed streams */
static Buf *aPlain = 0;    /* their inputs */
static size_t nStream = 0, nAlloc = 0;

static void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( p==0 ){ fprintf(stderr, "inflate_check: out of memory\n"); exit(2); }
  return p;
}

/* Compress p with zlib's deflateInit2 parameters; keep it */
static void addStream(const Buf *p, int level, int wbits, int memlevel,
                      int strategy){
  z_stream zs;
  uLong nMax;
  Buf out;
  memset(&zs, 0, sizeof(zs));
  if( deflateInit2(&zs, level, Z_DEFLATED, wbits, memlevel, strategy)!=Z_OK ){
    fprintf(stderr, "inflate_check: deflateInit2 failed\n");
    exit(2);
  }
  nMax = deflateBound(&zs, (uLong)p->n) + 64;
  out.a = xmalloc(nMax);
  zs.next_in = p->a;
  zs.avail_in = (uInt)p->n;
  zs.next_out = out.a;
  zs.avail_out = (uInt)nMax;
  if( deflate(&zs, Z_FINISH)!=Z_STREAM_END ){
    fprintf(stderr, "inflate_check: deflate failed\n");
    exit(2);
  }
  out.n = zs.total_out;
  deflateEnd(&zs);
  if( nStream==nAlloc ){
    nAlloc = nAlloc ? 2*nAlloc : 256;
    aStream = realloc(aStream, nAlloc*sizeof(Buf));
    aPlain = realloc(aPlain, nAlloc*sizeof(Buf));
    if( aStream==0 || aPlain==0 ){ fprintf(stderr, "out of memory\n"); exit(2); }
  }
  aStream[nStream] = out;
  aPlain[nStream] = *p;
  nStream++;
}

/* Test data of kind k and size n */
static Buf makeData(int k, size_t n){
  static const char *azWord[] = { "beijing", "tianjin", "hebei", "gdp",
    "2024", ",", "\n", "100 million yuan", "preliminary", " ", "0.", "src0" };
  Buf b;
  size_t i;
  b.a = xmalloc(n);
  b.n = n;
  for(i=0; i<n; ){
    switch( k ){
      case 0: b.a[i++] = 0; break;
      case 1: b.a[i++] = (unsigned char)rnd(); break;
      case 2: {
        const char *z = azWord[rnd() % (sizeof(azWord)/sizeof(azWord[0]))];
        while( *z && i<n ) b.a[i++] = (unsigned char)*z++;
        break;
      }
      case 3: {
        size_t r = 1 + rnd() % 300;
        unsigned char c = (unsigned char)rnd();
        while( r-- && i<n ) b.a[i++] = c;
        break;
      }
      default: {
        /* mixed: copies from far back (long distances) and noise */
        if( i>40000 && rnd()%3==0 ){
          size_t d = 1 + rnd() % 32768, r = 3 + rnd() % 300;
          while( r-- && i<n ){ b.a[i] = b.a[i-d]; i++; }
        }else{
          b.a[i++] = (unsigned char)(rnd() % 16 + 'a');
        }
        break;
      }
    }
  }
  return b;
}

/* Does zlib reject d[0..n) followed by 64 KiB of zero bytes, and followed by
** 64 KiB of random bytes? */
static int zlibInflate(const unsigned char*, size_t, unsigned char*, size_t,
                       size_t*, size_t*);
static int zlibRejectsContinuations(const unsigned char *d, size_t n,
                                    unsigned char *aOut, size_t nOut){
  size_t nPad = 65536, i, a, b;
  unsigned char *x = xmalloc(n + nPad);
  int r0, r1;
  memcpy(x, d, n);
  memset(x+n, 0, nPad);
  r0 = zlibInflate(x, n+nPad, aOut, nOut, &a, &b);
  for(i=0; i<nPad; i++) x[n+i] = (unsigned char)rnd();
  r1 = zlibInflate(x, n+nPad, aOut, nOut, &a, &b);
  free(x);
  return r0!=0 && r1!=0;
}

/* Classes of outcome: 0 ok, 1 invalid data, 2 input or output exhausted */
static int zlibInflate(const unsigned char *aIn, size_t nIn, unsigned char *aOut,
                       size_t nOut, size_t *pnIn, size_t *pnOut){
  z_stream zs;
  int rc;
  memset(&zs, 0, sizeof(zs));
  if( inflateInit(&zs)!=Z_OK ){ fprintf(stderr, "inflateInit\n"); exit(2); }
  zs.next_in = (Bytef*)aIn;
  zs.avail_in = (uInt)nIn;
  zs.next_out = aOut;
  zs.avail_out = (uInt)nOut;
  rc = inflate(&zs, Z_FINISH);
  *pnIn = nIn - zs.avail_in;
  *pnOut = zs.total_out;
  inflateEnd(&zs);
  if( rc==Z_STREAM_END ) return 0;
  if( rc==Z_BUF_ERROR || rc==Z_OK ) return 2;
  return 1;
}
static int ourInflate(const unsigned char *aIn, size_t nIn, unsigned char *aOut,
                      size_t nOut, size_t *pnIn, size_t *pnOut){
  const char *zMsg = 0;
  int rc = jjjZlibInflate(aIn, nIn, pnIn, aOut, nOut, pnOut, &zMsg);
  /* every invalid stream has a message, except one that needs a preset
  ** dictionary (as with zlib) */
  if( rc==JJJ_INFLATE_DATA && (zMsg==0 || zMsg[0]==0) && !(nIn>=2 && (aIn[1] & 0x20)) ){
    return 9;
  }
  if( rc==JJJ_INFLATE_OK ) return 0;
  if( rc==JJJ_INFLATE_DATA ) return 1;
  return 2;
}

static Buf readFile(const char *zFile){
  Buf b;
  FILE *f = fopen(zFile, "rb");
  long n;
  if( f==0 || fseek(f, 0, SEEK_END) || (n = ftell(f))<0 || fseek(f, 0, SEEK_SET) ){
    fprintf(stderr, "inflate_check: cannot read %s\n", zFile);
    exit(2);
  }
  b.n = (size_t)n;
  b.a = xmalloc(b.n);
  if( fread(b.a, 1, b.n, f)!=b.n ){
    fprintf(stderr, "inflate_check: cannot read %s\n", zFile);
    exit(2);
  }
  fclose(f);
  return b;
}

int main(int argc, char **argv){
  static const size_t aSize[] = { 0, 1, 2, 3, 100, 1000, 32768, 65535,
                                  65536, 70000, 300000 };
  static const int aStrategy[] = { Z_DEFAULT_STRATEGY, Z_FILTERED,
                                   Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED };
  long nMut = 30000;
  size_t i, nBytes = 0;
  int k, a;
  unsigned char *aOut, *aOut2;
  size_t mxOut = 0;

  if( argc>1 ) nMut = atol(argv[1]);
  /* 1. Well-formed streams */
  for(k=0; k<5; k++){
    for(i=0; i<sizeof(aSize)/sizeof(aSize[0]); i++){
      Buf b = makeData(k, aSize[i]);
      int level, s;
      for(level=0; level<=9; level++) addStream(&b, level, 15, 8, Z_DEFAULT_STRATEGY);
      for(s=1; s<5; s++) addStream(&b, 6, 15, 8, aStrategy[s]);
      addStream(&b, 9, 9, 1, Z_DEFAULT_STRATEGY);
      addStream(&b, 9, 12, 9, Z_DEFAULT_STRATEGY);
      addStream(&b, 1, 10, 2, Z_RLE);
    }
  }
  for(a=2; a<argc; a++){
    Buf b = readFile(argv[a]);
    addStream(&b, 9, 15, 9, Z_DEFAULT_STRATEGY);
    addStream(&b, 1, 15, 8, Z_DEFAULT_STRATEGY);
    addStream(&b, 0, 15, 8, Z_DEFAULT_STRATEGY);
  }
  for(i=0; i<nStream; i++) if( aPlain[i].n>mxOut ) mxOut = aPlain[i].n;
  mxOut += 4096;
  aOut = xmalloc(mxOut);
  aOut2 = xmalloc(mxOut);

  for(i=0; i<nStream; i++){
    const Buf *s = &aStream[i], *p = &aPlain[i];
    size_t nIn, nOut, t;
    int rc = ourInflate(s->a, s->n, aOut, p->n, &nIn, &nOut);
    nBytes += p->n;
    if( rc!=0 || nIn!=s->n || nOut!=p->n || memcmp(aOut, p->a, p->n)!=0 ){
      fail("well-formed stream", i);
      continue;
    }
    if( jjjCrc32(0, p->a, p->n)!=(uint32_t)crc32(0L, p->a, (uInt)p->n) ){
      fail("crc32", i);
    }
    if( p->n>1 && jjjCrc32(jjjCrc32(0, p->a, 1), p->a+1, p->n-1)
                  !=(uint32_t)crc32(0L, p->a, (uInt)p->n) ){
      fail("crc32 continued", i);
    }
    if( p->n>0 && ourInflate(s->a, s->n, aOut, p->n-1, &nIn, &nOut)!=2 ){
      fail("output one byte short", i);
    }
    for(t=0; t<s->n; t += 1 + s->n/17){
      if( ourInflate(s->a, t, aOut, p->n, &nIn, &nOut)==0 ) fail("truncated", i);
    }
  }

  /* 2. Damaged streams, judged by zlib */
  for(i=0; i<(size_t)nMut; i++){
    size_t j = rnd() % nStream, n = aStream[j].n, m = n, nIn1, nOut1, nIn2, nOut2;
    unsigned char *d = xmalloc(n + 16);
    int r1, r2, nFlip, f;
    memcpy(d, aStream[j].a, n);
    switch( rnd() % 8 ){
      case 0: m = rnd() % (n + 1); break;                       /* truncate */
      case 1: { int e = 1 + rnd()%8; while( e-- ) d[m++] = (unsigned char)rnd(); break; }
      case 2: d[rnd() % n] = (unsigned char)rnd(); break;       /* a byte */
      default:
        nFlip = 1 + rnd() % 3;
        for(f=0; f<nFlip; f++){
          /* favour the first bytes: headers and code tables live there */
          size_t at = (rnd()%2) ? rnd() % (n<64 ? n : 64) : rnd() % n;
          d[at] ^= (unsigned char)(1u << (rnd() % 8));
        }
        break;
    }
    r1 = zlibInflate(d, m, aOut, aPlain[j].n + 1024, &nIn1, &nOut1);
    r2 = ourInflate(d, m, aOut2, aPlain[j].n + 1024, &nIn2, &nOut2);
    if( r1==2 && r2==1 && zlibRejectsContinuations(d, m, aOut, aPlain[j].n + 1024) ){
      /* we saw invalid data before zlib ran out of input: zlib rejects the
      ** stream too once it gets more input */
      nEarly++;
    }else if( r1!=r2 ){
      if( nFail<20 ) fprintf(stderr, "  zlib %d, ours %d\n", r1, r2);
      fail("damaged stream: outcome differs from zlib", i);
    }else if( r1==0 && (nIn1!=nIn2 || nOut1!=nOut2
                        || memcmp(aOut, aOut2, nOut1)!=0) ){
      fail("damaged stream: accepted with a different result", i);
    }
    free(d);
  }

  for(i=0; i<nStream; i++){
    free(aStream[i].a);
    if( i+1==nStream || aPlain[i+1].a!=aPlain[i].a ) free(aPlain[i].a);
  }
  free(aStream);
  free(aPlain);
  free(aOut);
  free(aOut2);
  printf("inflate_check: %zu streams (%zu bytes), %ld mutations (%ld rejected "
         "as invalid before zlib ran out of input), %d failures\n",
         nStream, nBytes, nMut, nEarly, nFail);
  return nFail ? 1 : 0;
}
