/*
** jjj_bundle.c - the bundle builder: a directory of CSVs -> one bundle.
**
**   jjj_bundle DIR OUT.bundle [--c OUT.c] [--format 1]
**
** DIR holds dataset.csv, regions.csv, indicators.csv, sources.csv and
** observations.csv in the layout of data/README.md.  The builder validates
** every row and reports each problem as "FILE:LINE: what" (up to 100), then
** exits 1 without writing anything.  It rejects: a file or column that is
** missing or unknown, malformed CSV or UTF-8, an invalid or duplicate id,
** an observation whose region, indicator or source is unknown, a row
** without a source, a non-numeric value (a 'date' indicator takes
** YYYY-MM or YYYY-MM-DD), a unit that disagrees with its indicator, a
** non-integer year, and a duplicate key (region, indicator, year, period,
** source).
**
** On success it writes the bundle (format: bundle_format.h,
** docs/bundle-format.md) deterministically: same CSVs, same bytes.  With
** --c it also writes a C file defining jjjBuiltinBundle and
** jjjBuiltinBundleLen, which the Makefile compiles into the extension.
** It writes format version 2: observations as columns, each column plain
** or run-length coded (whichever is smaller), values as decimal mantissa
** and scale when that gives back strtod()'s double bit for bit, else as
** the raw double.  --format 1 writes the old fixed-record version 1, which
** the decoder still reads (for compatibility tests and fuzz seeds).
**
** The dataset's checksum (jjj_info 'checksum') is the CRC-32 of the
** version-1 payload of the data, whatever the format written, so that it
** identifies the data and not their encoding: the builder always builds
** the version-1 payload, and in version 2 stores its CRC-32 as the META
** key 'checksum' (8 lower-case hex digits, the last META pair).  A
** dataset.csv that has a 'checksum' row is therefore refused.
**
** This is a build tool, not part of the extension: it uses malloc and
** exits on out-of-memory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <math.h>
#include <zlib.h>
#include "bundle_format.h"

/* Little-endian writers (the decoder only reads: bundle_format.h) */
static void jjjPut32(unsigned char *p, uint32_t v){
  p[0] = (unsigned char)v;       p[1] = (unsigned char)(v>>8);
  p[2] = (unsigned char)(v>>16); p[3] = (unsigned char)(v>>24);
}
static void jjjPut64(unsigned char *p, uint64_t v){
  jjjPut32(p, (uint32_t)v); jjjPut32(p+4, (uint32_t)(v>>32));
}
static void jjjPutDouble(unsigned char *p, double r){
  uint64_t u; memcpy(&u, &r, 8);
  jjjPut64(p, u);
}

#define MAX_ERRORS 100
#define MAX_FIELD  (1<<20)

static int nErr = 0;

static void fail(const char *zFile, int iLine, const char *zFmt, ...){
  va_list ap;
  nErr++;
  if( nErr>MAX_ERRORS ) return;
  if( iLine>0 ) fprintf(stderr, "%s:%d: ", zFile, iLine);
  else fprintf(stderr, "%s: ", zFile);
  va_start(ap, zFmt);
  vfprintf(stderr, zFmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( p==0 ){ fprintf(stderr, "jjj_bundle: out of memory\n"); exit(2); }
  return p;
}
static void *xrealloc(void *p, size_t n){
  p = realloc(p, n ? n : 1);
  if( p==0 ){ fprintf(stderr, "jjj_bundle: out of memory\n"); exit(2); }
  return p;
}
static char *xstrdup(const char *z){
  size_t n = strlen(z);
  char *p = xmalloc(n+1);
  memcpy(p, z, n+1);
  return p;
}

/*************************************************************************
** CSV reading (RFC 4180: quoted fields may hold commas, quotes as "" and
** line breaks; CRLF or LF; an optional UTF-8 BOM)
*/
typedef struct Csv Csv;
struct Csv {
  char *zPath;        /* file path for messages */
  int nCol;           /* columns in the header */
  char **azCol;       /* header names */
  int nRow;
  char ***aaRow;      /* nRow rows of nCol fields (NULL = empty) */
  int *aiLine;        /* line where each row starts */
};

static char *readFile(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  char *a = 0;
  size_t n = 0, nAlloc = 0, got;
  if( f==0 ) return 0;
  for(;;){
    if( n+65536>nAlloc ){ nAlloc = (nAlloc+65536)*2; a = xrealloc(a, nAlloc); }
    got = fread(a+n, 1, nAlloc-n-1, f);
    n += got;
    if( got==0 ) break;
  }
  fclose(f);
  a[n] = 0;
  *pn = n;
  return a;
}

/* Parse a CSV file; returns 0 on success.  Errors are reported. */
static int csvRead(Csv *p, const char *zPath){
  size_t n, i = 0;
  char *a = readFile(zPath, &n);
  int iLine = 1, nRowAlloc = 0, bHeader = 1, rc = 0;
  char *zField = xmalloc(MAX_FIELD+1);
  memset(p, 0, sizeof(*p));
  p->zPath = xstrdup(zPath);
  if( a==0 ){ fail(zPath, 0, "cannot read the file"); free(zField); return 1; }
  if( memchr(a, 0, n) ){ fail(zPath, 0, "contains a NUL byte"); rc = 1; goto csv_out; }
  if( n>=3 && memcmp(a, "\xEF\xBB\xBF", 3)==0 ) i = 3;
  if( !jjjUtf8Valid((unsigned char*)a+i, n-i) ){
    fail(zPath, 0, "is not valid UTF-8"); rc = 1; goto csv_out;
  }
  while( i<n ){
    char **azF = 0;
    int nF = 0, nFAlloc = 0, iStart = iLine;
    /* skip a blank line */
    if( a[i]=='\n' || (a[i]=='\r' && i+1<n && a[i+1]=='\n') ){
      i += a[i]=='\r' ? 2 : 1;
      iLine++;
      continue;
    }
    for(;;){
      size_t nz = 0;
      int bQuoted = 0;
      if( i<n && a[i]=='"' ){
        bQuoted = 1;
        i++;
        for(;;){
          if( i>=n ){ fail(zPath, iStart, "unterminated quoted field"); rc = 1; goto csv_out; }
          if( a[i]=='"' ){
            if( i+1<n && a[i+1]=='"' ){ zField[nz++] = '"'; i += 2; }
            else { i++; break; }
          }else{
            if( a[i]=='\n' ) iLine++;
            zField[nz++] = a[i++];
          }
          if( nz>=MAX_FIELD ){ fail(zPath, iStart, "field longer than %d bytes", MAX_FIELD); rc = 1; goto csv_out; }
        }
        if( i<n && a[i]!=',' && a[i]!='\n' && a[i]!='\r' ){
          fail(zPath, iStart, "text after a closing quote"); rc = 1; goto csv_out;
        }
      }else{
        while( i<n && a[i]!=',' && a[i]!='\n' && a[i]!='\r' ){
          if( a[i]=='"' ){ fail(zPath, iStart, "quote inside an unquoted field"); rc = 1; goto csv_out; }
          zField[nz++] = a[i++];
          if( nz>=MAX_FIELD ){ fail(zPath, iStart, "field longer than %d bytes", MAX_FIELD); rc = 1; goto csv_out; }
        }
      }
      zField[nz] = 0;
      if( nF>=nFAlloc ){ nFAlloc = nFAlloc ? 2*nFAlloc : 16; azF = xrealloc(azF, sizeof(char*)*nFAlloc); }
      azF[nF++] = (nz==0 && !bQuoted) ? 0 : (nz==0 ? 0 : xstrdup(zField));
      if( i<n && a[i]==',' ){ i++; continue; }
      if( i<n && a[i]=='\r' ){
        if( i+1<n && a[i+1]=='\n' ) i++;
        else { fail(zPath, iStart, "bare carriage return"); rc = 1; goto csv_out; }
      }
      if( i<n && a[i]=='\n' ){ i++; iLine++; }
      break;
    }
    if( bHeader ){
      int j;
      p->nCol = nF;
      p->azCol = azF;
      for(j=0; j<nF; j++){
        if( azF[j]==0 ){ fail(zPath, iStart, "empty column name"); rc = 1; }
      }
      bHeader = 0;
    }else{
      if( nF!=p->nCol ){
        fail(zPath, iStart, "%d fields, the header has %d", nF, p->nCol);
        rc = 1;
        while( nF>0 ) free(azF[--nF]);
        free(azF);
        continue;
      }
      if( p->nRow>=nRowAlloc ){
        nRowAlloc = nRowAlloc ? 2*nRowAlloc : 256;
        p->aaRow = xrealloc(p->aaRow, sizeof(char**)*nRowAlloc);
        p->aiLine = xrealloc(p->aiLine, sizeof(int)*nRowAlloc);
      }
      p->aaRow[p->nRow] = azF;
      p->aiLine[p->nRow] = iStart;
      p->nRow++;
    }
  }
  if( bHeader ){ fail(zPath, 0, "no header row"); rc = 1; }
csv_out:
  free(a);
  free(zField);
  return rc;
}

/* Map the header onto the expected columns: aiMap[k] = header index of
** expected column k.  Every expected column must be present; no others. */
static int csvColumns(Csv *p, const char *const *azWant, int nWant, int *aiMap){
  int k, j, rc = 0;
  for(k=0; k<nWant; k++){
    aiMap[k] = -1;
    for(j=0; j<p->nCol; j++){
      if( p->azCol[j] && strcmp(p->azCol[j], azWant[k])==0 ){
        if( aiMap[k]>=0 ){ fail(p->zPath, 1, "column '%s' appears twice", azWant[k]); rc = 1; }
        aiMap[k] = j;
      }
    }
    if( aiMap[k]<0 ){ fail(p->zPath, 1, "missing column '%s'", azWant[k]); rc = 1; }
  }
  for(j=0; j<p->nCol; j++){
    int bKnown = 0;
    for(k=0; k<nWant; k++) if( p->azCol[j] && strcmp(p->azCol[j], azWant[k])==0 ) bKnown = 1;
    if( !bKnown && p->azCol[j] ){ fail(p->zPath, 1, "unknown column '%s'", p->azCol[j]); rc = 1; }
  }
  return rc;
}

static const char *csvGet(Csv *p, int iRow, const int *aiMap, int k){
  return p->aaRow[iRow][aiMap[k]];
}

/*************************************************************************
** The model
*/
static int idValid(const char *z){
  if( z==0 || z[0]==0 ) return 0;
  for(; *z; z++){
    char c = *z;
    if( !((c>='a' && c<='z') || (c>='0' && c<='9') || c=='_' || c=='.' || c=='-') ) return 0;
  }
  return 1;
}

typedef struct Table Table;
struct Table {
  const char *zName;     /* "regions" */
  int nField;
  int nRow;
  const char **az;       /* nRow*nField, field 0 is the id */
  int *aiLine;
};

static int cmpRowById(const void *a, const void *b){
  const char *const *pa = *(const char *const *const*)a;
  const char *const *pb = *(const char *const *const*)b;
  return strcmp(pa[0], pb[0]);
}

/* Load a table file, check ids, sort by id */
static void loadTable(Table *t, const char *zDir, const char *zFile,
                      const char *const *azWant, int nWant){
  Csv csv;
  char zPath[4096];
  int aiMap[16], i, k;
  const char ***aRow;
  snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zFile);
  memset(t, 0, sizeof(*t));
  t->zName = zFile;
  t->nField = nWant;
  if( csvRead(&csv, zPath) ) return;
  if( csvColumns(&csv, azWant, nWant, aiMap) ) return;
  aRow = xmalloc(sizeof(char**)*(csv.nRow+1));
  for(i=0; i<csv.nRow; i++){
    const char **az = xmalloc(sizeof(char*)*(nWant+1));
    for(k=0; k<nWant; k++) az[k] = csvGet(&csv, i, aiMap, k);
    az[nWant] = (const char*)(intptr_t)csv.aiLine[i];
    aRow[i] = az;
    if( !idValid(az[0]) ){
      fail(zPath, csv.aiLine[i], "invalid id '%s' (use a-z, 0-9, _ . -)",
           az[0] ? az[0] : "");
    }
  }
  qsort(aRow, csv.nRow, sizeof(aRow[0]), cmpRowById);
  t->nRow = csv.nRow;
  t->az = xmalloc(sizeof(char*)*nWant*(csv.nRow+1));
  t->aiLine = xmalloc(sizeof(int)*(csv.nRow+1));
  for(i=0; i<csv.nRow; i++){
    for(k=0; k<nWant; k++) t->az[i*nWant+k] = aRow[i][k];
    t->aiLine[i] = (int)(intptr_t)aRow[i][nWant];
    if( i>0 && aRow[i][0] && aRow[i-1][0] && strcmp(aRow[i][0], aRow[i-1][0])==0 ){
      fail(zPath, t->aiLine[i], "duplicate id '%s' (also line %d)",
           aRow[i][0], t->aiLine[i-1]);
    }
  }
}

static int tableFind(const Table *t, const char *z){
  int lo = 0, hi = t->nRow-1;
  if( z==0 ) return -1;
  while( lo<=hi ){
    int mid = (lo+hi)/2;
    int c = t->az[mid*t->nField] ? strcmp(t->az[mid*t->nField], z) : -1;
    if( c==0 ) return mid;
    if( c<0 ) lo = mid+1; else hi = mid-1;
  }
  return -1;
}

typedef struct Obs Obs;
struct Obs {
  int iRegion, iIndicator, iSource;
  int iYear;           /* JJJ_YEAR_NULL for none */
  double rValue;
  const char *zText;   /* text value or NULL */
  const char *zValue;  /* the value as written in the CSV */
  const char *az[JJJ_OBS_STRINGS];   /* unit qualifier vintage basis note period excerpt fact */
  int iLine;
};

static int cmpObs(const void *a, const void *b){
  const Obs *x = (const Obs*)a, *y = (const Obs*)b;
  int c;
  if( x->iRegion!=y->iRegion ) return x->iRegion<y->iRegion ? -1 : 1;
  if( x->iIndicator!=y->iIndicator ) return x->iIndicator<y->iIndicator ? -1 : 1;
  if( x->iYear!=y->iYear ) return x->iYear<y->iYear ? -1 : 1;
  c = strcmp(x->az[5] ? x->az[5] : "", y->az[5] ? y->az[5] : "");
  if( c ) return c;
  if( x->iSource!=y->iSource ) return x->iSource<y->iSource ? -1 : 1;
  return x->iLine<y->iLine ? -1 : (x->iLine>y->iLine);
}

static int isNumber(const char *z, double *pr){
  const char *s = z;
  char *zEnd;
  if( *s=='-' ) s++;
  if( !(*s>='0' && *s<='9') ) return 0;
  while( *s>='0' && *s<='9' ) s++;
  if( *s=='.' ){
    s++;
    if( !(*s>='0' && *s<='9') ) return 0;
    while( *s>='0' && *s<='9' ) s++;
  }
  if( *s=='e' || *s=='E' ){
    s++;
    if( *s=='+' || *s=='-' ) s++;
    if( !(*s>='0' && *s<='9') ) return 0;
    while( *s>='0' && *s<='9' ) s++;
  }
  if( *s ) return 0;
  *pr = strtod(z, &zEnd);
  return isfinite(*pr) && *zEnd==0;
}

static int isIsoDate(const char *z){
  int n = (int)strlen(z), i;
  if( n!=7 && n!=10 ) return 0;
  for(i=0; i<n; i++){
    if( i==4 || i==7 ){ if( z[i]!='-' ) return 0; }
    else if( z[i]<'0' || z[i]>'9' ) return 0;
  }
  if( (z[5]-'0')*10+(z[6]-'0')<1 || (z[5]-'0')*10+(z[6]-'0')>12 ) return 0;
  if( n==10 && ((z[8]-'0')*10+(z[9]-'0')<1 || (z[8]-'0')*10+(z[9]-'0')>31) ) return 0;
  return 1;
}

/*************************************************************************
** String pool with de-duplication
*/
typedef struct Pool Pool;
struct Pool {
  unsigned char *a; size_t n, nAlloc;
  uint32_t *aHash; size_t nHash;   /* offsets, 0 = empty */
};
static uint32_t strHash(const char *z){
  uint32_t h = 2166136261u;
  while( *z ){ h ^= (unsigned char)*z++; h *= 16777619u; }
  return h;
}
static void poolInit(Pool *p){
  memset(p, 0, sizeof(*p));
  p->nAlloc = 4096; p->a = xmalloc(p->nAlloc); p->a[0] = 0; p->n = 1;
  p->nHash = 1<<16; p->aHash = xmalloc(sizeof(uint32_t)*p->nHash);
  memset(p->aHash, 0, sizeof(uint32_t)*p->nHash);
}
static uint32_t poolAdd(Pool *p, const char *z){
  size_t len, h;
  if( z==0 || z[0]==0 ) return 0;
  len = strlen(z);
  if( p->n*2 > p->nHash ){
    /* grow and rehash */
    size_t nNew = p->nHash*4, i;
    uint32_t *aNew = xmalloc(sizeof(uint32_t)*nNew);
    memset(aNew, 0, sizeof(uint32_t)*nNew);
    for(i=0; i<p->nHash; i++){
      if( p->aHash[i] ){
        size_t j = strHash((char*)p->a+p->aHash[i]) & (nNew-1);
        while( aNew[j] ) j = (j+1) & (nNew-1);
        aNew[j] = p->aHash[i];
      }
    }
    free(p->aHash); p->aHash = aNew; p->nHash = nNew;
  }
  h = strHash(z) & (p->nHash-1);
  while( p->aHash[h] ){
    if( strcmp((char*)p->a+p->aHash[h], z)==0 ) return p->aHash[h];
    h = (h+1) & (p->nHash-1);
  }
  if( p->n+len+1 > 0xffffffffu ){ fprintf(stderr, "jjj_bundle: string pool over 4 GiB\n"); exit(1); }
  while( p->n+len+1>p->nAlloc ){ p->nAlloc *= 2; p->a = xrealloc(p->a, p->nAlloc); }
  memcpy(p->a+p->n, z, len+1);
  p->aHash[h] = (uint32_t)p->n;
  p->n += len+1;
  return p->aHash[h];
}

/* Growable byte buffer */
typedef struct Buf Buf;
struct Buf { unsigned char *a; size_t n, nAlloc; };
static unsigned char *bufGrow(Buf *b, size_t n){
  unsigned char *p;
  while( b->n+n>b->nAlloc ){ b->nAlloc = b->nAlloc ? b->nAlloc*2 : 4096; b->a = xrealloc(b->a, b->nAlloc); }
  p = b->a + b->n;
  b->n += n;
  return p;
}
static void buf32(Buf *b, uint32_t v){ jjjPut32(bufGrow(b, 4), v); }

/* LEB128 varint */
static void bufVarint(Buf *b, uint64_t v){
  while( v>=0x80 ){ *bufGrow(b, 1) = (unsigned char)(v | 0x80); v >>= 7; }
  *bufGrow(b, 1) = (unsigned char)v;
}
static uint64_t zigzag(int64_t v){
  return v<0 ? ((uint64_t)(-(v+1))<<1) | 1 : (uint64_t)v<<1;
}

/* A column of version 2: the values, then written plain or as runs,
** whichever is smaller (plain on a tie), or as raw 8-byte values */
typedef struct Col Col;
struct Col { uint64_t *a; size_t n, nAlloc; };
static void colAdd(Col *c, uint64_t v){
  if( c->n>=c->nAlloc ){
    c->nAlloc = c->nAlloc ? c->nAlloc*2 : 1024;
    c->a = xrealloc(c->a, sizeof(uint64_t)*c->nAlloc);
  }
  c->a[c->n++] = v;
}
static void colWrite(Buf *b, const Col *c, int eForce){
  Buf plain, runs;
  const Buf *pBest;
  size_t i, j;
  int eEnc;
  memset(&plain, 0, sizeof(plain));
  memset(&runs, 0, sizeof(runs));
  if( eForce==JJJ_ENC_U64 ){
    for(i=0; i<c->n; i++) jjjPut64(bufGrow(&plain, 8), c->a[i]);
    pBest = &plain;
    eEnc = JJJ_ENC_U64;
  }else{
    for(i=0; i<c->n; i++) bufVarint(&plain, c->a[i]);
    for(i=0; i<c->n; i=j){
      for(j=i+1; j<c->n && c->a[j]==c->a[i]; j++){}
      bufVarint(&runs, c->a[i]);
      bufVarint(&runs, j-i);
    }
    if( eForce==JJJ_ENC_PLAIN || plain.n<=runs.n ){
      pBest = &plain; eEnc = JJJ_ENC_PLAIN;
    }else{
      pBest = &runs; eEnc = JJJ_ENC_RUNS;
    }
  }
  bufVarint(b, pBest->n + 1);
  *bufGrow(b, 1) = (unsigned char)eEnc;
  if( pBest->n ) memcpy(bufGrow(b, pBest->n), pBest->a, pBest->n);
  free(plain.a);
  free(runs.a);
}

/* Powers of ten that are exact doubles */
static const double aPow10[JJJ_KIND_MAXSCALE+1] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Can value text z (which strtod read as r) be stored as mantissa and
** decimal scale?  Only a plain decimal whose mantissa is below 2^53 and
** whose division gives back r bit for bit (so never -0). */
static int decimalOf(const char *z, double r, int64_t *pm, int *piScale){
  uint64_t m = 0;
  int iScale = -1, bNeg = 0, nDigit = 0;
  double d;
  if( *z=='-' ){ bNeg = 1; z++; }
  for(; *z; z++){
    if( *z=='.' ){
      if( iScale>=0 ) return 0;
      iScale = 0;
      continue;
    }
    if( *z<'0' || *z>'9' ) return 0;
    m = m*10 + (uint64_t)(*z-'0');
    if( ++nDigit>16 || m>=((uint64_t)1<<53) ) return 0;
    if( iScale>=0 ) iScale++;
  }
  if( iScale<0 ) iScale = 0;
  if( nDigit==0 || iScale>JJJ_KIND_MAXSCALE ) return 0;
  d = (double)m / aPow10[iScale];
  if( bNeg ) d = -d;
  if( memcmp(&d, &r, sizeof(d))!=0 ) return 0;
  *pm = bNeg ? -(int64_t)m : (int64_t)m;
  *piScale = iScale;
  return 1;
}

/* The OBSC section of version 2 */
static void obsColumns(Buf *b, Pool *pool, const Obs *aObs, int nObs){
  Col aCol[JJJ_OBS_NCOLUMN];
  int i, k;
  int iPrevYear = 0;
  memset(aCol, 0, sizeof(aCol));
  bufVarint(b, (uint64_t)nObs);
  for(i=0; i<nObs; i++){
    const Obs *o = &aObs[i];
    int64_t m;
    int iScale;
    colAdd(&aCol[JJJ_COL_REGION], (uint64_t)o->iRegion);
    colAdd(&aCol[JJJ_COL_INDICATOR], (uint64_t)o->iIndicator);
    if( o->iYear==JJJ_YEAR_NULL ){
      colAdd(&aCol[JJJ_COL_YEAR], 0);
    }else{
      colAdd(&aCol[JJJ_COL_YEAR], zigzag((int64_t)o->iYear - iPrevYear) + 1);
      iPrevYear = o->iYear;
    }
    colAdd(&aCol[JJJ_COL_SOURCE], (uint64_t)o->iSource);
    if( o->zText ){
      colAdd(&aCol[JJJ_COL_KIND], JJJ_KIND_TEXT);
      colAdd(&aCol[JJJ_COL_TEXT], poolAdd(pool, o->zText));
    }else if( decimalOf(o->zValue, o->rValue, &m, &iScale) ){
      colAdd(&aCol[JJJ_COL_KIND], (uint64_t)iScale);
      colAdd(&aCol[JJJ_COL_MANTISSA], zigzag(m));
    }else{
      uint64_t u;
      memcpy(&u, &o->rValue, 8);
      colAdd(&aCol[JJJ_COL_KIND], JJJ_KIND_DOUBLE);
      colAdd(&aCol[JJJ_COL_DOUBLE], u);
    }
    for(k=0; k<JJJ_OBS_STRINGS; k++){
      colAdd(&aCol[JJJ_COL_UNIT+k], poolAdd(pool, o->az[k]));
    }
  }
  for(k=0; k<JJJ_OBS_NCOLUMN; k++){
    /* the kind column is always plain: one byte an observation, which
    ** bounds the observation count by the payload size */
    colWrite(b, &aCol[k], k==JJJ_COL_KIND ? JJJ_ENC_PLAIN
                        : k==JJJ_COL_DOUBLE ? JJJ_ENC_U64 : -1);
    free(aCol[k].a);
  }
}

static void tableSection(Buf *b, Pool *pool, const Table *t){
  int i, k;
  buf32(b, (uint32_t)t->nRow);
  for(i=0; i<t->nRow; i++){
    for(k=0; k<t->nField; k++) buf32(b, poolAdd(pool, t->az[i*t->nField+k]));
  }
}

/* The payload of format iFormat (1 or 2) into *pOut.  zChecksum, in
** version 2 only, is written as the last META pair ("checksum", value). */
static void buildPayload(Buf *pOut, int iFormat, const Table *pDs,
                         const Table *pReg, const Table *pInd,
                         const Table *pSrc, const Obs *aObs, int nObs,
                         const char *zChecksum){
  Pool pool;
  Buf sec[JJJ_NSECTION];
  uint32_t aTag[JJJ_NSECTION] = {
    JJJ_TAG_STRS, JJJ_TAG_META, JJJ_TAG_REGN, JJJ_TAG_INDC, JJJ_TAG_SRCE, JJJ_TAG_OBSV };
  uint32_t off;
  int i, k;
  poolInit(&pool);
  memset(sec, 0, sizeof(sec));
  tableSection(&sec[1], &pool, pDs);
  if( zChecksum ){
    jjjPut32(sec[1].a, (uint32_t)pDs->nRow + 1);
    buf32(&sec[1], poolAdd(&pool, JJJ_META_CHECKSUM));
    buf32(&sec[1], poolAdd(&pool, zChecksum));
  }
  tableSection(&sec[2], &pool, pReg);
  tableSection(&sec[3], &pool, pInd);
  tableSection(&sec[4], &pool, pSrc);
  if( iFormat==2 ){
    aTag[5] = JJJ_TAG_OBSC;
    obsColumns(&sec[5], &pool, aObs, nObs);
  }else{
    buf32(&sec[5], (uint32_t)nObs);
    for(i=0; i<nObs; i++){
      const Obs *o = &aObs[i];
      unsigned char *r = bufGrow(&sec[5], JJJ_OBS_RECORD);
      jjjPut32(r, (uint32_t)o->iRegion);
      jjjPut32(r+4, (uint32_t)o->iIndicator);
      jjjPut32(r+8, (uint32_t)o->iSource);
      jjjPut32(r+12, (uint32_t)o->iYear);
      jjjPutDouble(r+16, o->zText ? 0.0 : o->rValue);
      jjjPut32(r+24, poolAdd(&pool, o->zText));
      for(k=0; k<JJJ_OBS_STRINGS; k++) jjjPut32(r+28+4*k, poolAdd(&pool, o->az[k]));
    }
  }
  sec[0].a = pool.a; sec[0].n = pool.n;
  memset(pOut, 0, sizeof(*pOut));
  memcpy(bufGrow(pOut, 4), JJJ_PAYLOAD_MAGIC, 4);
  buf32(pOut, JJJ_NSECTION);
  off = 8 + 12*JJJ_NSECTION;
  for(k=0; k<JJJ_NSECTION; k++){
    buf32(pOut, aTag[k]);
    buf32(pOut, off);
    buf32(pOut, (uint32_t)sec[k].n);
    off += (uint32_t)sec[k].n;
  }
  for(k=0; k<JJJ_NSECTION; k++){
    if( sec[k].n ) memcpy(bufGrow(pOut, sec[k].n), sec[k].a, sec[k].n);
    free(sec[k].a);
  }
  free(pool.aHash);
}

/*************************************************************************
** main
*/
static const char *const azDatasetCols[] = { "key", "value" };
static const char *const azRegionCols[] = {
  "id", "code", "name_en", "name_zh", "level", "parent", "note" };
static const char *const azIndicatorCols[] = {
  "id", "name_en", "name_zh", "unit", "category", "description" };
static const char *const azSourceCols[] = {
  "id", "title", "publisher", "published", "url", "note" };
static const char *const azObsCols[] = {
  "region", "indicator", "year", "period", "value", "unit", "qualifier",
  "vintage", "basis", "source", "note", "excerpt", "fact" };

static void writeCArray(const char *zPath, const unsigned char *a, size_t n){
  FILE *f = fopen(zPath, "wb");
  size_t i;
  if( f==0 ){ fprintf(stderr, "jjj_bundle: cannot write %s\n", zPath); exit(1); }
  fprintf(f, "/* Generated by jjj_bundle from data/: do not edit. */\n");
  fprintf(f, "const unsigned int jjjBuiltinBundleLen = %lu;\n", (unsigned long)n);
  fprintf(f, "const unsigned char jjjBuiltinBundle[] = {");
  for(i=0; i<n; i++){
    if( i%16==0 ) fprintf(f, "\n ");
    fprintf(f, " %u,", a[i]);
  }
  fprintf(f, "\n};\n");
  if( fclose(f) ){ fprintf(stderr, "jjj_bundle: cannot write %s\n", zPath); exit(1); }
}

int main(int argc, char **argv){
  const char *zDir, *zOut, *zC = 0;
  Table tDs, tReg, tInd, tSrc;
  Csv obsCsv;
  Obs *aObs = 0;
  int nObs = 0, i, aiMap[16];
  char zPath[4096];
  const char *zName = 0, *zVersion = 0;
  Buf payload, body;
  char zChecksum[9];
  unsigned char aHdr[JJJ_BUNDLE_HEADER];
  int iFormat = JJJ_BUNDLE_VERSION;

  for(i=3; i+1<argc; i+=2){
    if( strcmp(argv[i], "--c")==0 ) zC = argv[i+1];
    else if( strcmp(argv[i], "--format")==0
          && (strcmp(argv[i+1], "1")==0 || strcmp(argv[i+1], "2")==0) ){
      iFormat = atoi(argv[i+1]);
    }else break;
  }
  if( argc<3 || i!=argc ){
    fprintf(stderr, "usage: %s DIR OUT.bundle [--c OUT.c] [--format 1]\n",
            argv[0]);
    return 2;
  }
  zDir = argv[1];
  zOut = argv[2];

  loadTable(&tDs, zDir, "dataset.csv", azDatasetCols, 2);
  loadTable(&tReg, zDir, "regions.csv", azRegionCols, 7);
  loadTable(&tInd, zDir, "indicators.csv", azIndicatorCols, 6);
  loadTable(&tSrc, zDir, "sources.csv", azSourceCols, 6);

  /* dataset.csv: keys are ids; name and version required */
  zName = tableFind(&tDs, "name")>=0 ? tDs.az[tableFind(&tDs, "name")*2+1] : 0;
  zVersion = tableFind(&tDs, "version")>=0 ? tDs.az[tableFind(&tDs, "version")*2+1] : 0;
  snprintf(zPath, sizeof(zPath), "%s/dataset.csv", zDir);
  if( nErr==0 && !idValid(zName) ) fail(zPath, 0, "needs a 'name' row whose value is an id (a-z, 0-9, _ . -)");
  if( nErr==0 && (zVersion==0 || zVersion[0]==0) ) fail(zPath, 0, "needs a 'version' row");
  if( tableFind(&tDs, JJJ_META_CHECKSUM)>=0 ){
    fail(zPath, tDs.aiLine[tableFind(&tDs, JJJ_META_CHECKSUM)],
         "key '" JJJ_META_CHECKSUM "' is reserved: the builder computes "
         "the dataset's checksum itself");
  }

  /* regions: parents must exist */
  snprintf(zPath, sizeof(zPath), "%s/regions.csv", zDir);
  for(i=0; i<tReg.nRow; i++){
    const char *zParent = tReg.az[i*7+5];
    if( zParent && tableFind(&tReg, zParent)<0 ){
      fail(zPath, tReg.aiLine[i], "unknown parent region '%s'", zParent);
    }
  }
  /* indicators: a unit is required */
  snprintf(zPath, sizeof(zPath), "%s/indicators.csv", zDir);
  for(i=0; i<tInd.nRow; i++){
    if( tInd.az[i*6+3]==0 ) fail(zPath, tInd.aiLine[i], "indicator '%s' has no unit", tInd.az[i*6] ? tInd.az[i*6] : "");
  }

  /* observations: only checked against tables that loaded cleanly, so one
  ** table-level mistake does not cascade into a message per row */
  snprintf(zPath, sizeof(zPath), "%s/observations.csv", zDir);
  if( nErr==0 && csvRead(&obsCsv, zPath)==0 && csvColumns(&obsCsv, azObsCols, 13, aiMap)==0 ){
    aObs = xmalloc(sizeof(Obs)*(obsCsv.nRow+1));
    for(i=0; i<obsCsv.nRow; i++){
      Obs *o = &aObs[nObs];
      int iLine = obsCsv.aiLine[i];
      const char *zReg = csvGet(&obsCsv, i, aiMap, 0);
      const char *zInd = csvGet(&obsCsv, i, aiMap, 1);
      const char *zYear = csvGet(&obsCsv, i, aiMap, 2);
      const char *zPeriod = csvGet(&obsCsv, i, aiMap, 3);
      const char *zValue = csvGet(&obsCsv, i, aiMap, 4);
      const char *zUnit = csvGet(&obsCsv, i, aiMap, 5);
      const char *zSrc = csvGet(&obsCsv, i, aiMap, 9);
      int bOk = 1;
      memset(o, 0, sizeof(*o));
      o->iLine = iLine;
      o->iRegion = tableFind(&tReg, zReg);
      o->iIndicator = tableFind(&tInd, zInd);
      o->iSource = tableFind(&tSrc, zSrc);
      if( zReg==0 ){ fail(zPath, iLine, "row without a region"); bOk = 0; }
      else if( o->iRegion<0 ){ fail(zPath, iLine, "unknown region '%s'", zReg); bOk = 0; }
      if( zInd==0 ){ fail(zPath, iLine, "row without an indicator"); bOk = 0; }
      else if( o->iIndicator<0 ){ fail(zPath, iLine, "unknown indicator '%s'", zInd); bOk = 0; }
      if( zSrc==0 ){ fail(zPath, iLine, "row without a source"); bOk = 0; }
      else if( o->iSource<0 ){ fail(zPath, iLine, "unknown source '%s'", zSrc); bOk = 0; }
      if( zYear==0 ){
        o->iYear = JJJ_YEAR_NULL;
        if( zPeriod==0 ){ fail(zPath, iLine, "row without a year or a period"); bOk = 0; }
      }else{
        double r;
        if( !isNumber(zYear, &r) || r!=floor(r) || r<-9999 || r>9999 ){
          fail(zPath, iLine, "year '%s' is not an integer between -9999 and 9999", zYear);
          bOk = 0;
        }else{
          o->iYear = (int)r;
        }
      }
      if( zValue==0 ){
        fail(zPath, iLine, "row without a value"); bOk = 0;
      }else if( o->iIndicator>=0 && tInd.az[o->iIndicator*6+3]
             && strcmp(tInd.az[o->iIndicator*6+3], "date")==0 ){
        if( !isIsoDate(zValue) ){
          fail(zPath, iLine, "value '%s' of date indicator '%s' is not YYYY-MM or YYYY-MM-DD", zValue, zInd);
          bOk = 0;
        }
        o->zText = zValue;
      }else if( (o->zValue = zValue)!=0 && !isNumber(zValue, &o->rValue) ){
        fail(zPath, iLine, "non-numeric value '%s'", zValue); bOk = 0;
      }
      if( zUnit==0 ){
        fail(zPath, iLine, "row without a unit"); bOk = 0;
      }else if( o->iIndicator>=0 && tInd.az[o->iIndicator*6+3]
             && strcmp(zUnit, tInd.az[o->iIndicator*6+3])!=0 ){
        fail(zPath, iLine, "unit '%s' disagrees with indicator '%s' (unit '%s')",
             zUnit, zInd, tInd.az[o->iIndicator*6+3]);
        bOk = 0;
      }
      o->az[0] = zUnit;
      o->az[1] = csvGet(&obsCsv, i, aiMap, 6);   /* qualifier */
      o->az[2] = csvGet(&obsCsv, i, aiMap, 7);   /* vintage */
      o->az[3] = csvGet(&obsCsv, i, aiMap, 8);   /* basis */
      o->az[4] = csvGet(&obsCsv, i, aiMap, 10);  /* note */
      o->az[5] = zPeriod;                        /* period */
      o->az[6] = csvGet(&obsCsv, i, aiMap, 11);  /* excerpt */
      o->az[7] = csvGet(&obsCsv, i, aiMap, 12);  /* fact */
      if( bOk ) nObs++;
    }
    qsort(aObs, nObs, sizeof(Obs), cmpObs);
    for(i=1; i<nObs; i++){
      const Obs *x = &aObs[i-1], *y = &aObs[i];
      if( x->iRegion==y->iRegion && x->iIndicator==y->iIndicator
       && x->iYear==y->iYear && x->iSource==y->iSource
       && strcmp(x->az[5] ? x->az[5] : "", y->az[5] ? y->az[5] : "")==0 ){
        fail(zPath, y->iLine, "duplicate key (region, indicator, year, period, "
             "source) of line %d", x->iLine);
      }
    }
  }
  if( nErr ){
    if( nErr>MAX_ERRORS ) fprintf(stderr, "... and %d more\n", nErr-MAX_ERRORS);
    fprintf(stderr, "jjj_bundle: %d error%s; nothing written\n", nErr, nErr==1?"":"s");
    return 1;
  }

  /* Payload.  The dataset's checksum is the CRC-32 of its version-1
  ** payload whatever the format written, so the version-1 payload is built
  ** first; version 2 stores the checksum as the META key "checksum". */
  {
    uint32_t crc;
    buildPayload(&payload, 1, &tDs, &tReg, &tInd, &tSrc, aObs, nObs, 0);
    crc = (uint32_t)crc32(0L, payload.a, (uInt)payload.n);
    snprintf(zChecksum, sizeof(zChecksum), "%08x", (unsigned)crc);
    if( iFormat==2 ){
      free(payload.a);
      buildPayload(&payload, 2, &tDs, &tReg, &tInd, &tSrc, aObs, nObs,
                   zChecksum);
    }
  }

  /* Compress */
  {
    uLongf nBound = compressBound((uLong)payload.n);
    memset(&body, 0, sizeof(body));
    body.a = xmalloc(nBound);
    body.nAlloc = nBound;
    if( compress2(body.a, &nBound, payload.a, (uLong)payload.n, 9)!=Z_OK ){
      fprintf(stderr, "jjj_bundle: compression failed\n");
      return 1;
    }
    body.n = nBound;
  }
  memcpy(aHdr, JJJ_BUNDLE_MAGIC, 8);
  jjjPut32(aHdr+8, (uint32_t)iFormat);
  jjjPut32(aHdr+12, 0);
  jjjPut64(aHdr+16, payload.n);
  jjjPut64(aHdr+24, body.n);
  jjjPut32(aHdr+32, (uint32_t)crc32(0L, body.a, (uInt)body.n));
  jjjPut32(aHdr+36, (uint32_t)crc32(0L, payload.a, (uInt)payload.n));

  {
    Buf all;
    FILE *f;
    memset(&all, 0, sizeof(all));
    memcpy(bufGrow(&all, JJJ_BUNDLE_HEADER), aHdr, JJJ_BUNDLE_HEADER);
    memcpy(bufGrow(&all, body.n), body.a, body.n);
    f = fopen(zOut, "wb");
    if( f==0 || fwrite(all.a, 1, all.n, f)!=all.n || fclose(f)!=0 ){
      fprintf(stderr, "jjj_bundle: cannot write %s\n", zOut);
      return 1;
    }
    if( zC ) writeCArray(zC, all.a, all.n);
    printf("%s %s: %d regions, %d indicators, %d sources, %d observations; "
           "%lu bytes (payload %lu, checksum %s)\n",
           zName, zVersion, tReg.nRow, tInd.nRow, tSrc.nRow, nObs,
           (unsigned long)all.n, (unsigned long)payload.n, zChecksum);
  }
  return 0;
}
