/*
** svg.c - charts drawn by SQL: aggregates that return a standalone SVG.
**
**   SELECT jjj_svg_line(year, value, region, '{"title":"PM2.5"}')
**     FROM jjj_observations WHERE indicator = 'pm25';
**   SELECT jjj_svg_bar(region, value) FROM ... ;
**
** jjj_svg_line(x, y [, series [, options]])     aggregate -> text (SVG)
**   One line per distinct series value; x and y numeric.  A row whose y
**   is NULL (or not finite) is a gap: the line breaks there and resumes
**   with a new subpath ("M") at the next value, it never interpolates
**   across.  A row whose x or series is NULL (or x not finite) is skipped.
** jjj_svg_bar(label, value [, series [, options]])  aggregate -> text (SVG)
**   Grouped vertical bars: one group per distinct label (text or number),
**   one bar per series inside each group.  NULL value: the slot stays
**   empty; NULL label or series: the row is skipped; two rows with the
**   same (label, series) are added.
**
** Results: NULL when no row is left after skipping (SQL's empty
** aggregate); an SVG saying "no data" when rows are left but no y value
** is a finite number; NULL when the data range is not representable
** (a span above DBL_MAX).  Text or blobs where numbers are needed, blob
** labels or series, and malformed or unknown options are errors.
**
** Ordering: series (and bar labels) in SQL's ORDER BY order of their text
** (values that read as numbers first, by value; then text by bytes), so
** the output depends only on the set of rows; {"order":"input"} keeps the
** order of first appearance instead.  Points of a series are sorted by x
** (then y).  Same rows, same bytes: no locale, no clock, no randomness.
**
** Options (4th argument, a JSON object; NULL means none; it must be the
** same on every row of a group):
**   title, x_label, y_label, source   strings (null: absent)
**   width, height       integers 100..10000 (640 x 360)
**   y_min, y_max        fix an end of the y axis (else nice 1-2-5 ticks)
**   x_min, x_max        line only: fix an end of the x axis (else data)
**   y_zero              line only: the y axis includes 0 (false)
**   max_gap             line only: points further apart in x are not joined
**   colors              array of colours (or "a,b,c"); cycled by series
**   legend              boolean (true when a series argument names a series)
**   markers             line only: a dot at each point (auto: <= 60 points
**                       per series); isolated points always get a dot
**   labels, decimals    bar only: print values on bars, with N decimals
**   order               "sorted" (default) or "input"
** Unknown keys, wrong types and malformed JSON are errors that name the
** valid keys or what was expected.
**
** Layout (pixels; docs/charts.md has the full contract the tests check):
**   top    = 20 (+26 with a title)
**   bottom = A + 12 (+18 with x_label) (+16 with source), A = 20 (bars
**            with rotated labels: 12 + ceil(0.71 * widest label) + 6)
**   left   = ceil(12 (+18 with y_label) + widest y tick label + 6)
**   right  = 24, or with a legend ceil(12 + 30 + widest legend name),
**            the names capped at width/4 (longer ones end in an ellipsis)
**   text width estimate: 7.2 px a character, 12 px a CJK/full-width one
**   y ticks: the smallest 1-2-5 step giving <= max(2, ph/40) intervals,
**   free ends rounded out to a tick; x ticks: <= max(2, pw/70) intervals
**   inside the data range, never a step below 1 for integer x
**   plot   x0 = left, y0 = top, pw = W - left - right, ph = H - top - bottom
**   px = x0 + (x - xlo) / (xhi - xlo) * pw,  py = y0 + (yhi - y) / (yhi - ylo) * ph
**   coordinates rounded half away from zero to 2 decimals ("%.2f")
**
** Everything is written with SQLite's allocator into an sqlite3_str bound
** to the connection, so SQLITE_LIMIT_LENGTH applies (too long: toobig).
*/
#include "jjj.h"
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define SVG_PAD       12      /* outer padding */
#define SVG_FS        12      /* font size of ticks, legend, labels */
#define SVG_CHAR_W    7.2     /* estimated width of a narrow character */
#define SVG_WIDE_W    12.0    /* estimated width of a CJK character */
#define SVG_MAX_COORD 1e7     /* coordinates are clamped to +-this */
#define SVG_MAX_COLOR 64      /* colours in the "colors" option */
#define SVG_LINE      0
#define SVG_BAR       1

#define SVG_FONT "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, " \
                 "Microsoft YaHei, sans-serif"

/* Tableau 10: distinct, readable on white, widely known */
static const char *const azSvgPalette[] = {
  "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
};
#define SVG_NPALETTE 10

/*************************************************************************
** Data buffered by the aggregate
*/
typedef struct SvgPt SvgPt;
struct SvgPt {
  double x;     /* line: x; bar: the label's index (later its rank) */
  double y;     /* the value, NaN for a gap */
};

typedef struct SvgKey SvgKey;
struct SvgKey {
  char *z;          /* text of the series or label (owned, 0-terminated) */
  int n;            /* bytes in z */
  int bNum;         /* reads as a number */
  double r;         /* that number */
  int nPt, nAlloc;  /* points of this series */
  SvgPt *aPt;
};

typedef struct SvgKeys SvgKeys;
struct SvgKeys {
  int nKey, nAlloc;
  SvgKey *aKey;
  int nHash;        /* slots in aHash, a power of two */
  int *aHash;       /* key index + 1, 0 for an empty slot */
  int iLast;        /* index of the key found last, or -1 */
};

typedef struct SvgOpts SvgOpts;
struct SvgOpts {
  char *zTitle, *zSource, *zXLabel, *zYLabel;
  int w, h;
  double xMin, xMax, yMin, yMax;
  int bXMin, bXMax, bYMin, bYMax;
  double rMaxGap;             /* line: join points at most this far apart */
  int bMaxGap;
  int bYZero;                 /* 0 or 1 */
  int bLegend;                /* -1: default */
  int bMarkers;               /* -1: default */
  int bLabels;                /* 0 or 1 */
  int nDecimals;              /* -1: automatic */
  int bInputOrder;            /* 0: sorted */
  int nColor;
  char *azColor[SVG_MAX_COLOR];
};

typedef struct SvgAgg SvgAgg;
struct SvgAgg {
  int bInit;                  /* options read */
  int bFail;                  /* an error was reported */
  char *zOpt; int nOpt;       /* options text of the first row, or 0 */
  int bOptNull;               /* the first row had NULL options */
  SvgOpts opt;
  SvgKeys series;
  SvgKeys cats;               /* bar labels */
  sqlite3_int64 nRow;         /* rows kept */
  int bSeriesArg;             /* called with a series argument */
};

static const char *svgFnName(int eKind){
  return eKind==SVG_LINE ? "jjj_svg_line" : "jjj_svg_bar";
}

/*************************************************************************
** Keys: text -> index, with a hash table
*/
static unsigned int svgHash(const char *z, int n){
  unsigned int h = 2166136261u;
  int i;
  for(i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 16777619u; }
  return h;
}

static void svgKeysFree(SvgKeys *p){
  int i;
  for(i=0; i<p->nKey; i++){
    sqlite3_free(p->aKey[i].z);
    sqlite3_free(p->aKey[i].aPt);
  }
  sqlite3_free(p->aKey);
  sqlite3_free(p->aHash);
  memset(p, 0, sizeof(*p));
}

static int svgKeysRehash(SvgKeys *p, int nNew){
  int *aNew = sqlite3_malloc64(sizeof(int)*(sqlite3_int64)nNew);
  int i;
  if( aNew==0 ) return SQLITE_NOMEM;
  memset(aNew, 0, sizeof(int)*(size_t)nNew);
  for(i=0; i<p->nKey; i++){
    unsigned int h = svgHash(p->aKey[i].z, p->aKey[i].n) & (unsigned)(nNew-1);
    while( aNew[h] ) h = (h+1) & (unsigned)(nNew-1);
    aNew[h] = i+1;
  }
  sqlite3_free(p->aHash);
  p->aHash = aNew;
  p->nHash = nNew;
  return SQLITE_OK;
}

/* Find the key with text z[0..n) or add it (pVal is the SQL value it came
** from, to decide whether it reads as a number).  *piKey is its index. */
static int svgKeysFind(SvgKeys *p, const char *z, int n, sqlite3_value *pVal,
                       int eType, int *piKey){
  unsigned int h;
  SvgKey *pKey;
  /* iLast is a valid index once there is a key (it starts at 0) */
  if( p->nKey>0 && ALWAYS(p->iLast>=0) ){
    pKey = &p->aKey[p->iLast];
    if( pKey->n==n && memcmp(pKey->z, z, (size_t)n)==0 ){
      *piKey = p->iLast;
      return SQLITE_OK;
    }
  }
  if( p->nHash==0 || (sqlite3_int64)(p->nKey+1)*2 > p->nHash ){
    int rc = svgKeysRehash(p, p->nHash ? p->nHash*2 : 16);
    if( rc ) return rc;
  }
  h = svgHash(z, n) & (unsigned)(p->nHash-1);
  while( p->aHash[h] ){
    pKey = &p->aKey[p->aHash[h]-1];
    if( pKey->n==n && memcmp(pKey->z, z, (size_t)n)==0 ){
      *piKey = p->iLast = p->aHash[h]-1;
      return SQLITE_OK;
    }
    h = (h+1) & (unsigned)(p->nHash-1);
  }
  if( p->nKey>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 8;
    SvgKey *aNew = sqlite3_realloc64(p->aKey, sizeof(SvgKey)*(sqlite3_int64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aKey = aNew;
    p->nAlloc = nNew;
  }
  pKey = &p->aKey[p->nKey];
  memset(pKey, 0, sizeof(*pKey));
  pKey->z = sqlite3_malloc64((sqlite3_int64)n+1);
  if( pKey->z==0 ) return SQLITE_NOMEM;
  if( n ) memcpy(pKey->z, z, (size_t)n);
  pKey->z[n] = 0;
  pKey->n = n;
  if( eType==SQLITE_INTEGER || eType==SQLITE_FLOAT ){
    pKey->bNum = 1;
    pKey->r = sqlite3_value_double(pVal);
  }else if( pVal ){
    /* The text is copied above, so numeric_type() may convert the
    ** argument in place.  (Not on a sqlite3_value_dup() copy: an
    ** unprotected value, which SQLite 3.53 does not convert safely.) */
    int e = sqlite3_value_numeric_type(pVal);
    if( e==SQLITE_INTEGER || e==SQLITE_FLOAT ){
      pKey->bNum = 1;
      pKey->r = sqlite3_value_double(pVal);
    }
  }
  p->aHash[h] = p->nKey+1;
  *piKey = p->iLast = p->nKey;
  p->nKey++;
  return SQLITE_OK;
}

static int svgKeyAddPoint(SvgKey *pKey, double x, double y){
  if( pKey->nPt>=pKey->nAlloc ){
    int nNew = pKey->nAlloc ? pKey->nAlloc*2 : 16;
    SvgPt *aNew;
    /* int overflow needs 2^30 points (16 GiB) in one series */
    if( NEVER(nNew<=pKey->nAlloc) ) return SQLITE_TOOBIG;
    aNew = sqlite3_realloc64(pKey->aPt, sizeof(SvgPt)*(sqlite3_int64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    pKey->aPt = aNew;
    pKey->nAlloc = nNew;
  }
  pKey->aPt[pKey->nPt].x = x;
  pKey->aPt[pKey->nPt].y = y;
  pKey->nPt++;
  return SQLITE_OK;
}

/* SQL ORDER BY order of the key texts: numbers first by value, then text
** by bytes; ties broken by bytes so the order is total */
static int svgKeyCmp(const void *pA, const void *pB){
  const SvgKey *a = *(const SvgKey*const*)pA;
  const SvgKey *b = *(const SvgKey*const*)pB;
  int c;
  if( a->bNum!=b->bNum ) return a->bNum ? -1 : 1;
  if( a->bNum ){
    if( a->r<b->r ) return -1;
    if( a->r>b->r ) return 1;
  }
  c = memcmp(a->z, b->z, (size_t)(a->n<b->n ? a->n : b->n));
  if( c ) return c;
  return a->n<b->n ? -1 : (a->n>b->n);
}

/* Points by x, then y with gaps (NaN) first */
static int svgPtCmp(const void *pA, const void *pB){
  const SvgPt *a = (const SvgPt*)pA;
  const SvgPt *b = (const SvgPt*)pB;
  int na, nb;
  if( a->x<b->x ) return -1;
  if( a->x>b->x ) return 1;
  na = isnan(a->y); nb = isnan(b->y);
  if( na || nb ) return nb - na;
  if( a->y<b->y ) return -1;
  return a->y>b->y;
}

/* aOrder[i] = index of the i-th key to draw; aRank[k] = position of key k */
static int svgKeysOrder(SvgKeys *p, int bInput, int **paOrder, int **paRank){
  int *aOrder, *aRank, i;
  SvgKey **apKey;
  /* only called with rows, so with at least one key */
  sqlite3_int64 n = ALWAYS(p->nKey>0) ? p->nKey : 1;
  aOrder = sqlite3_malloc64(sizeof(int)*n);
  aRank = sqlite3_malloc64(sizeof(int)*n);
  apKey = sqlite3_malloc64(sizeof(SvgKey*)*n);
  if( aOrder==0 || aRank==0 || apKey==0 ){
    sqlite3_free(aOrder); sqlite3_free(aRank); sqlite3_free(apKey);
    return SQLITE_NOMEM;
  }
  for(i=0; i<p->nKey; i++) apKey[i] = &p->aKey[i];
  if( !bInput ) qsort(apKey, (size_t)p->nKey, sizeof(SvgKey*), svgKeyCmp);
  for(i=0; i<p->nKey; i++){
    aOrder[i] = (int)(apKey[i] - p->aKey);
    aRank[aOrder[i]] = i;
  }
  sqlite3_free(apKey);
  *paOrder = aOrder;
  *paRank = aRank;
  return SQLITE_OK;
}

/*************************************************************************
** Options: a small, strict JSON reader for one flat object
*/
typedef struct SvgJson SvgJson;
struct SvgJson {
  const char *z;    /* the JSON text */
  int n;            /* its length */
  int i;            /* read position */
  int bNoMem;       /* out of memory */
  int bSyntax;      /* zErr is about the JSON text, not an option */
  char *zErr;       /* error message (no function name), sqlite3_malloc'd */
};

#define SVGJ_NULL   0
#define SVGJ_TRUE   1
#define SVGJ_FALSE  2
#define SVGJ_NUM    3
#define SVGJ_STR    4
#define SVGJ_ARR    5
#define SVGJ_OBJ    6

typedef struct SvgJVal SvgJVal;
struct SvgJVal {
  int eType;
  double r;             /* SVGJ_NUM */
  char *z;              /* SVGJ_STR: decoded, owned */
  int nArr;             /* SVGJ_ARR: elements */
  int nArrAlloc;        /* room in azArr */
  int bArrStr;          /* every element is a string */
  char **azArr;         /* the string elements (owned) */
  int iStart, iEnd;     /* the raw JSON text of the value */
};

static void svgJValClear(SvgJVal *p){
  int i;
  sqlite3_free(p->z);
  for(i=0; i<p->nArr; i++) sqlite3_free(p->azArr[i]);
  sqlite3_free(p->azArr);
  memset(p, 0, sizeof(*p));
}

static void svgJsonError(SvgJson *p, const char *zMsg){
  /* every caller stops at the first error */
  if( NEVER(p->zErr || p->bNoMem) ) return;
  p->zErr = sqlite3_mprintf("options are not valid JSON (%s at offset %d)",
                            zMsg, p->i);
  p->bSyntax = 1;
  if( p->zErr==0 ) p->bNoMem = 1;
}

static void svgJsonWs(SvgJson *p){
  while( p->i<p->n ){
    char c = p->z[p->i];
    if( c!=' ' && c!='\t' && c!='\n' && c!='\r' ) break;
    p->i++;
  }
}

static void svgPutUtf8(sqlite3_str *pStr, unsigned int c){
  char a[4];
  if( c<0x80 ){
    a[0] = (char)c; sqlite3_str_append(pStr, a, 1);
  }else if( c<0x800 ){
    a[0] = (char)(0xC0 | (c>>6)); a[1] = (char)(0x80 | (c&0x3F));
    sqlite3_str_append(pStr, a, 2);
  }else if( c<0x10000 ){
    a[0] = (char)(0xE0 | (c>>12)); a[1] = (char)(0x80 | ((c>>6)&0x3F));
    a[2] = (char)(0x80 | (c&0x3F));
    sqlite3_str_append(pStr, a, 3);
  }else{
    a[0] = (char)(0xF0 | (c>>18)); a[1] = (char)(0x80 | ((c>>12)&0x3F));
    a[2] = (char)(0x80 | ((c>>6)&0x3F)); a[3] = (char)(0x80 | (c&0x3F));
    sqlite3_str_append(pStr, a, 4);
  }
}

static int svgHex4(const char *z, unsigned int *pc){
  unsigned int c = 0;
  int i;
  for(i=0; i<4; i++){
    char h = z[i];
    c <<= 4;
    if( h>='0' && h<='9' ) c += (unsigned)(h-'0');
    else if( h>='a' && h<='f' ) c += (unsigned)(h-'a'+10);
    else if( h>='A' && h<='F' ) c += (unsigned)(h-'A'+10);
    else return 0;
  }
  *pc = c;
  return 1;
}

/* A string at p->i (the opening quote); the decoded text in *pz.
** \u0000 and lone surrogates become U+FFFD. */
static int svgJsonString(SvgJson *p, char **pz){
  sqlite3_str *pStr = sqlite3_str_new(0);
  p->i++;
  while( 1 ){
    unsigned char c;
    if( p->i>=p->n ){ svgJsonError(p, "unterminated string"); break; }
    c = (unsigned char)p->z[p->i];
    if( c=='"' ){ p->i++; break; }
    if( c<0x20 ){ svgJsonError(p, "control character in a string"); break; }
    if( c!='\\' ){
      int j = p->i;
      while( j<p->n && p->z[j]!='"' && p->z[j]!='\\'
             && (unsigned char)p->z[j]>=0x20 ) j++;
      sqlite3_str_append(pStr, p->z+p->i, j-p->i);
      p->i = j;
      continue;
    }
    if( p->i+1>=p->n ){ svgJsonError(p, "unterminated string"); break; }
    c = (unsigned char)p->z[p->i+1];
    p->i += 2;
    switch( c ){
      case '"':  sqlite3_str_appendchar(pStr, 1, '"'); break;
      case '\\': sqlite3_str_appendchar(pStr, 1, '\\'); break;
      case '/':  sqlite3_str_appendchar(pStr, 1, '/'); break;
      case 'b':  sqlite3_str_appendchar(pStr, 1, '\b'); break;
      case 'f':  sqlite3_str_appendchar(pStr, 1, '\f'); break;
      case 'n':  sqlite3_str_appendchar(pStr, 1, '\n'); break;
      case 'r':  sqlite3_str_appendchar(pStr, 1, '\r'); break;
      case 't':  sqlite3_str_appendchar(pStr, 1, '\t'); break;
      case 'u': {
        unsigned int u, u2;
        if( p->i+4>p->n || !svgHex4(p->z+p->i, &u) ){
          p->i -= 2;
          svgJsonError(p, "bad \\u escape");
          goto done;
        }
        p->i += 4;
        if( u>=0xD800 && u<0xDC00 && p->i+6<=p->n && p->z[p->i]=='\\'
         && p->z[p->i+1]=='u' && svgHex4(p->z+p->i+2, &u2)
         && u2>=0xDC00 && u2<0xE000 ){
          u = 0x10000 + ((u-0xD800)<<10) + (u2-0xDC00);
          p->i += 6;
        }else if( u>=0xD800 && u<0xE000 ){
          u = 0xFFFD;
        }
        if( u==0 ) u = 0xFFFD;
        svgPutUtf8(pStr, u);
        break;
      }
      default:
        p->i -= 2;
        svgJsonError(p, "bad escape in a string");
        goto done;
    }
  }
done:
  if( sqlite3_str_errcode(pStr) ) p->bNoMem = 1;
  *pz = sqlite3_str_finish(pStr);
  if( *pz==0 && !p->bNoMem && !p->zErr ){
    /* an empty string: sqlite3_str_finish() returns NULL */
    *pz = sqlite3_malloc(1);
    if( *pz ) (*pz)[0] = 0; else p->bNoMem = 1;
  }
  if( p->zErr || p->bNoMem ){ sqlite3_free(*pz); *pz = 0; return 1; }
  return 0;
}

/* A number in JSON's grammar, converted without the C locale: exact for
** up to 15 significant digits and decimal exponents within +-22
** (Clinger's fast path), else within an ulp or two */
static int svgJsonNumber(SvgJson *p, double *pr){
  static const double aPow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  const char *z = p->z;
  int i = p->i, bNeg = 0, nDig = 0, e = 0, ex = 0, bExNeg = 0;
  sqlite3_uint64 m = 0;
  double r;
  if( z[i]=='-' ){ bNeg = 1; i++; }
  if( i>=p->n || z[i]<'0' || z[i]>'9' ){ svgJsonError(p, "bad number"); return 1; }
  if( z[i]=='0' ){
    i++;
  }else{
    /* the first digit is not 0 here, so m is never 0 in this loop */
    while( i<p->n && z[i]>='0' && z[i]<='9' ){
      if( nDig<19 ){ m = m*10 + (sqlite3_uint64)(z[i]-'0'); if( ALWAYS(m) ) nDig++; }
      else e++;
      i++;
    }
  }
  if( i<p->n && z[i]=='.' ){
    i++;
    if( i>=p->n || z[i]<'0' || z[i]>'9' ){
      p->i = i; svgJsonError(p, "bad number"); return 1;
    }
    while( i<p->n && z[i]>='0' && z[i]<='9' ){
      if( nDig<19 ){
        m = m*10 + (sqlite3_uint64)(z[i]-'0'); if( m ) nDig++;
        e--;
      }
      i++;
    }
  }
  if( i<p->n && (z[i]=='e' || z[i]=='E') ){
    i++;
    if( i<p->n && (z[i]=='+' || z[i]=='-') ){ bExNeg = z[i]=='-'; i++; }
    if( i>=p->n || z[i]<'0' || z[i]>'9' ){
      p->i = i; svgJsonError(p, "bad number"); return 1;
    }
    while( i<p->n && z[i]>='0' && z[i]<='9' ){
      if( ex<100000 ) ex = ex*10 + (z[i]-'0');
      i++;
    }
    e += bExNeg ? -ex : ex;
  }
  p->i = i;
  if( m==0 ){
    r = 0.0;
  }else if( m<=((sqlite3_uint64)1<<53) && e>=0 && e<=22 ){
    r = (double)m * aPow10[e];
  }else if( m<=((sqlite3_uint64)1<<53) && e<0 && e>=-22 ){
    r = (double)m / aPow10[-e];
  }else if( e<-400 ){
    r = 0.0;
  }else if( e>400 ){
    r = INFINITY;
  }else{
    r = (double)m * pow(10.0, (double)e);
  }
  *pr = bNeg && r!=0.0 ? -r : r;
  return 0;
}

static int svgJsonValue(SvgJson *p, SvgJVal *pVal, int iDepth){
  char c;
  memset(pVal, 0, sizeof(*pVal));
  svgJsonWs(p);
  pVal->iStart = p->i;
  if( p->i>=p->n ){ svgJsonError(p, "a value is missing"); return 1; }
  c = p->z[p->i];
  if( c=='"' ){
    pVal->eType = SVGJ_STR;
    if( svgJsonString(p, &pVal->z) ) return 1;
  }else if( c=='-' || (c>='0' && c<='9') ){
    pVal->eType = SVGJ_NUM;
    if( svgJsonNumber(p, &pVal->r) ) return 1;
  }else if( p->n-p->i>=4 && memcmp(p->z+p->i, "true", 4)==0 ){
    pVal->eType = SVGJ_TRUE; p->i += 4;
  }else if( p->n-p->i>=5 && memcmp(p->z+p->i, "false", 5)==0 ){
    pVal->eType = SVGJ_FALSE; p->i += 5;
  }else if( p->n-p->i>=4 && memcmp(p->z+p->i, "null", 4)==0 ){
    pVal->eType = SVGJ_NULL; p->i += 4;
  }else if( c=='[' || c=='{' ){
    char cEnd = c=='[' ? ']' : '}';
    if( iDepth>=16 ){ svgJsonError(p, "nested too deeply"); return 1; }
    pVal->eType = c=='[' ? SVGJ_ARR : SVGJ_OBJ;
    pVal->bArrStr = 1;
    p->i++;
    svgJsonWs(p);
    if( p->i<p->n && p->z[p->i]==cEnd ){
      p->i++;
    }else{
      while( 1 ){
        SvgJVal sub;
        if( c=='{' ){
          svgJsonWs(p);
          if( p->i>=p->n || p->z[p->i]!='"' ){
            svgJsonError(p, "a key must be a string"); return 1;
          }
          if( svgJsonString(p, &sub.z) ) return 1;
          sqlite3_free(sub.z);
          svgJsonWs(p);
          if( p->i>=p->n || p->z[p->i]!=':' ){
            svgJsonError(p, "':' expected"); return 1;
          }
          p->i++;
        }
        if( svgJsonValue(p, &sub, iDepth+1) ){ svgJValClear(&sub); return 1; }
        if( c=='[' && sub.eType==SVGJ_STR && pVal->bArrStr ){
          if( pVal->nArr>=pVal->nArrAlloc ){
            int nNew = pVal->nArrAlloc ? 2*pVal->nArrAlloc : 4;
            char **aNew = sqlite3_realloc64(pVal->azArr,
                                            sizeof(char*)*(sqlite3_int64)nNew);
            if( aNew==0 ){ svgJValClear(&sub); p->bNoMem = 1; return 1; }
            pVal->azArr = aNew;
            pVal->nArrAlloc = nNew;
          }
          pVal->azArr[pVal->nArr++] = sub.z;
          sub.z = 0;
        }else{
          pVal->bArrStr = 0;
        }
        svgJValClear(&sub);
        svgJsonWs(p);
        if( p->i<p->n && p->z[p->i]==',' ){ p->i++; continue; }
        if( p->i<p->n && p->z[p->i]==cEnd ){ p->i++; break; }
        svgJsonError(p, c=='[' ? "',' or ']' expected" : "',' or '}' expected");
        return 1;
      }
    }
  }else{
    svgJsonError(p, "unexpected character");
    return 1;
  }
  pVal->iEnd = p->i;
  return 0;
}

/* The option names; mKind: 1 line, 2 bar.  SVGO_I_* index the table. */
#define SVGO_I_TITLE     0
#define SVGO_I_XLABEL    1
#define SVGO_I_YLABEL    2
#define SVGO_I_SOURCE    3
#define SVGO_I_WIDTH     4
#define SVGO_I_HEIGHT    5
#define SVGO_I_XMIN      6
#define SVGO_I_XMAX      7
#define SVGO_I_YMIN      8
#define SVGO_I_YMAX      9
#define SVGO_I_YZERO    10
#define SVGO_I_COLORS   11
#define SVGO_I_LEGEND   12
#define SVGO_I_MARKERS  13
#define SVGO_I_LABELS   14
#define SVGO_I_DECIMALS 15
#define SVGO_I_ORDER    16
#define SVGO_I_MAXGAP   17
#define SVGO_STR    0
#define SVGO_INT    1
#define SVGO_NUM    2
#define SVGO_BOOL   3
#define SVGO_COLORS 4
#define SVGO_ORDER  5
static const struct SvgOptDef {
  const char *zName;
  int eType;
  int mKind;
} aSvgOptDef[] = {          /* in SVGO_I_* order */
  { "title",    SVGO_STR,    3 },
  { "x_label",  SVGO_STR,    3 },
  { "y_label",  SVGO_STR,    3 },
  { "source",   SVGO_STR,    3 },
  { "width",    SVGO_INT,    3 },
  { "height",   SVGO_INT,    3 },
  { "x_min",    SVGO_NUM,    1 },
  { "x_max",    SVGO_NUM,    1 },
  { "y_min",    SVGO_NUM,    3 },
  { "y_max",    SVGO_NUM,    3 },
  { "y_zero",   SVGO_BOOL,   1 },
  { "colors",   SVGO_COLORS, 3 },
  { "legend",   SVGO_BOOL,   3 },
  { "markers",  SVGO_BOOL,   1 },
  { "labels",   SVGO_BOOL,   2 },
  { "decimals", SVGO_INT,    2 },
  { "order",    SVGO_ORDER,  3 },
  { "max_gap",  SVGO_NUM,    1 },
};
#define SVG_NOPT ((int)(sizeof(aSvgOptDef)/sizeof(aSvgOptDef[0])))

static void svgOptsInit(SvgOpts *p){
  memset(p, 0, sizeof(*p));
  p->w = 640;
  p->h = 360;
  p->bLegend = -1;
  p->bMarkers = -1;
  p->nDecimals = -1;
}

static void svgOptsClear(SvgOpts *p){
  int i;
  sqlite3_free(p->zTitle);
  sqlite3_free(p->zSource);
  sqlite3_free(p->zXLabel);
  sqlite3_free(p->zYLabel);
  for(i=0; i<p->nColor; i++) sqlite3_free(p->azColor[i]);
  svgOptsInit(p);
}

/* A colour: #rgb[a] / #rrggbb[aa], a CSS name, or rgb()/rgba()/hsl()/hsla()
** of digits, dots, commas, spaces and percent signs */
static int svgColorOk(const char *z){
  int n = (int)strlen(z), i;
  if( n==0 || n>40 ) return 0;
  if( z[0]=='#' ){
    if( n!=4 && n!=5 && n!=7 && n!=9 ) return 0;
    for(i=1; i<n; i++){
      char c = z[i];
      if( !((c>='0'&&c<='9') || (c>='a'&&c<='f') || (c>='A'&&c<='F')) ) return 0;
    }
    return 1;
  }
  for(i=0; i<n && ((z[i]>='a'&&z[i]<='z') || (z[i]>='A'&&z[i]<='Z')); i++){}
  if( i==n ) return 1;
  if( z[i]!='(' || z[n-1]!=')' ) return 0;
  if( !((i==3 && (sqlite3_strnicmp(z, "rgb", 3)==0 || sqlite3_strnicmp(z, "hsl", 3)==0))
     || (i==4 && (sqlite3_strnicmp(z, "rgba", 4)==0 || sqlite3_strnicmp(z, "hsla", 4)==0))) ){
    return 0;
  }
  for(i=i+1; i<n-1; i++){
    char c = z[i];
    if( !((c>='0'&&c<='9') || c=='.' || c==',' || c==' ' || c=='%') ) return 0;
  }
  return 1;
}

/* The raw JSON of a value for an error message, at most 40 bytes */
static char *svgJRepr(SvgJson *pJ, SvgJVal *pVal){
  int n = pVal->iEnd - pVal->iStart;
  if( n>40 ) return sqlite3_mprintf("%.40s...", pJ->z+pVal->iStart);
  return sqlite3_mprintf("%.*s", n, pJ->z+pVal->iStart);
}

static char *svgValidList(int eKind){
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i, nOut = 0;
  for(i=0; i<SVG_NOPT; i++){
    if( (aSvgOptDef[i].mKind & (eKind==SVG_LINE ? 1 : 2))==0 ) continue;
    sqlite3_str_appendf(pStr, "%s%s", nOut ? ", " : "", aSvgOptDef[i].zName);
    nOut++;
  }
  return sqlite3_str_finish(pStr);
}

/* Apply one option; on a wrong value sets pJ->zErr */
static void svgOptApply(SvgJson *pJ, SvgOpts *pOpt, int eKind, int iOpt,
                        SvgJVal *pVal){
  const struct SvgOptDef *pDef = &aSvgOptDef[iOpt];
  const char *zWant = 0;
  char *zRepr;
  if( pVal->eType==SVGJ_NULL ) return;   /* null: the default */
  switch( pDef->eType ){
    case SVGO_STR: {
      char **pz = iOpt==SVGO_I_TITLE ? &pOpt->zTitle
                : iOpt==SVGO_I_XLABEL ? &pOpt->zXLabel
                : iOpt==SVGO_I_YLABEL ? &pOpt->zYLabel : &pOpt->zSource;
      if( pVal->eType!=SVGJ_STR ){ zWant = "a string"; break; }
      *pz = pVal->z;
      pVal->z = 0;
      return;
    }
    case SVGO_INT: {
      int bDec = iOpt==SVGO_I_DECIMALS;
      int lo = bDec ? 0 : 100, hi = bDec ? 10 : 10000;
      if( pVal->eType!=SVGJ_NUM || pVal->r!=floor(pVal->r)
       || pVal->r<lo || pVal->r>hi ){
        zWant = bDec ? "an integer from 0 to 10"
                         : "an integer from 100 to 10000";
        break;
      }
      if( iOpt==SVGO_I_WIDTH ) pOpt->w = (int)pVal->r;
      else if( iOpt==SVGO_I_HEIGHT ) pOpt->h = (int)pVal->r;
      else pOpt->nDecimals = (int)pVal->r;
      return;
    }
    case SVGO_NUM: {
      if( pVal->eType!=SVGJ_NUM || !isfinite(pVal->r) ){
        zWant = "a finite number"; break;
      }
      if( iOpt==SVGO_I_MAXGAP && !(pVal->r>0.0) ){
        zWant = "a positive number"; break;
      }
      switch( iOpt ){
        case SVGO_I_MAXGAP: pOpt->rMaxGap = pVal->r; pOpt->bMaxGap = 1; break;
        case SVGO_I_XMIN: pOpt->xMin = pVal->r; pOpt->bXMin = 1; break;
        case SVGO_I_XMAX: pOpt->xMax = pVal->r; pOpt->bXMax = 1; break;
        case SVGO_I_YMIN: pOpt->yMin = pVal->r; pOpt->bYMin = 1; break;
        default: pOpt->yMax = pVal->r; pOpt->bYMax = 1; break;
      }
      return;
    }
    case SVGO_BOOL: {
      int b;
      if( pVal->eType==SVGJ_TRUE ) b = 1;
      else if( pVal->eType==SVGJ_FALSE ) b = 0;
      else if( pVal->eType==SVGJ_NUM && (pVal->r==0.0 || pVal->r==1.0) ){
        b = pVal->r!=0.0;
      }else{
        zWant = "true or false"; break;
      }
      switch( iOpt ){
        case SVGO_I_YZERO: pOpt->bYZero = b; break;
        case SVGO_I_LEGEND: pOpt->bLegend = b; break;
        case SVGO_I_MARKERS: pOpt->bMarkers = b; break;
        default: pOpt->bLabels = b; break;
      }
      return;
    }
    case SVGO_COLORS: {
      int i;
      if( pVal->eType==SVGJ_STR ){
        /* "a,b,c": split in place at commas outside parentheses */
        char *z = pVal->z;
        int n = 0;
        char *az[SVG_MAX_COLOR+1];
        while( 1 ){
          char *zEnd = z;
          int nParen = 0;
          while( *zEnd && (*zEnd!=',' || nParen>0) ){
            if( *zEnd=='(' ) nParen++;
            else if( *zEnd==')' ) nParen--;
            zEnd++;
          }
          if( *zEnd==0 ) zEnd = 0;
          if( n>SVG_MAX_COLOR ) break;
          if( zEnd ) *zEnd = 0;
          while( *z==' ' ) z++;
          {
            int k = (int)strlen(z);
            while( k>0 && z[k-1]==' ' ) z[--k] = 0;
          }
          az[n++] = z;
          if( zEnd==0 ) break;
          z = zEnd+1;
        }
        if( n>SVG_MAX_COLOR ){ zWant = "at most 64 colours"; break; }
        for(i=0; i<n; i++){
          if( !svgColorOk(az[i]) ){
            zRepr = sqlite3_mprintf("%.40s", az[i]);
            if( zRepr==0 ){ pJ->bNoMem = 1; return; }
            pJ->zErr = sqlite3_mprintf("option 'colors' must list colours "
                "(#rgb, #rrggbb, a name, rgb(...)), got \"%s\"", zRepr);
            sqlite3_free(zRepr);
            if( pJ->zErr==0 ) pJ->bNoMem = 1;
            return;
          }
        }
        for(i=0; i<n; i++){
          pOpt->azColor[i] = sqlite3_mprintf("%s", az[i]);
          if( pOpt->azColor[i]==0 ){ pJ->bNoMem = 1; return; }
          pOpt->nColor = i+1;
        }
        return;
      }
      if( pVal->eType!=SVGJ_ARR || !pVal->bArrStr || pVal->nArr==0
       || pVal->nArr>SVG_MAX_COLOR ){
        zWant = "an array of 1 to 64 colour strings"; break;
      }
      for(i=0; i<pVal->nArr; i++){
        if( !svgColorOk(pVal->azArr[i]) ){
          zRepr = sqlite3_mprintf("%.40s", pVal->azArr[i]);
          if( zRepr==0 ){ pJ->bNoMem = 1; return; }
          pJ->zErr = sqlite3_mprintf("option 'colors' must list colours "
              "(#rgb, #rrggbb, a name, rgb(...)), got \"%s\"", zRepr);
          sqlite3_free(zRepr);
          if( pJ->zErr==0 ) pJ->bNoMem = 1;
          return;
        }
      }
      for(i=0; i<pVal->nArr; i++){
        pOpt->azColor[i] = pVal->azArr[i];
        pVal->azArr[i] = 0;
      }
      pOpt->nColor = pVal->nArr;
      return;
    }
    default: { /* SVGO_ORDER */
      if( pVal->eType==SVGJ_STR && strcmp(pVal->z, "sorted")==0 ){
        pOpt->bInputOrder = 0; return;
      }
      if( pVal->eType==SVGJ_STR && strcmp(pVal->z, "input")==0 ){
        pOpt->bInputOrder = 1; return;
      }
      zWant = "\"sorted\" or \"input\"";
      break;
    }
  }
  (void)eKind;
  zRepr = svgJRepr(pJ, pVal);
  if( zRepr==0 ){ pJ->bNoMem = 1; return; }
  pJ->zErr = sqlite3_mprintf("option '%s' must be %s, got %s",
                             pDef->zName, zWant, zRepr);
  sqlite3_free(zRepr);
  if( pJ->zErr==0 ) pJ->bNoMem = 1;
}

/* Parse the options object z[0..n) into pOpt.  Returns SQLITE_OK, or
** SQLITE_NOMEM, or with *pzErr (no function name) SQLITE_FORMAT when the
** text is not a JSON object (the caller adds the text) or SQLITE_ERROR
** when an option is wrong (the message names its value). */
static int svgOptsParse(const char *z, int n, int eKind, SvgOpts *pOpt,
                        char **pzErr){
  SvgJson j;
  unsigned int mSeen = 0;
  memset(&j, 0, sizeof(j));
  j.z = z;
  j.n = n;
  svgJsonWs(&j);
  if( j.i>=j.n || j.z[j.i]!='{' ){
    j.zErr = sqlite3_mprintf("options must be a JSON object");
    j.bSyntax = 1;
    if( j.zErr==0 ) j.bNoMem = 1;
    goto done;
  }
  j.i++;
  svgJsonWs(&j);
  if( j.i<j.n && j.z[j.i]=='}' ){
    j.i++;
  }else{
    while( 1 ){
      char *zKey = 0;
      SvgJVal val;
      int iOpt;
      svgJsonWs(&j);
      if( j.i>=j.n || j.z[j.i]!='"' ){ svgJsonError(&j, "a key must be a string"); break; }
      if( svgJsonString(&j, &zKey) ) break;
      svgJsonWs(&j);
      if( j.i>=j.n || j.z[j.i]!=':' ){
        sqlite3_free(zKey);
        svgJsonError(&j, "':' expected");
        break;
      }
      j.i++;
      if( svgJsonValue(&j, &val, 1) ){
        sqlite3_free(zKey);
        svgJValClear(&val);
        break;
      }
      svgJsonWs(&j);
      if( j.i>=j.n || (j.z[j.i]!=',' && j.z[j.i]!='}') ){
        /* a syntax error before any complaint about the value */
        sqlite3_free(zKey);
        svgJValClear(&val);
        svgJsonError(&j, "',' or '}' expected");
        break;
      }
      for(iOpt=0; iOpt<SVG_NOPT; iOpt++){
        if( strcmp(aSvgOptDef[iOpt].zName, zKey)==0
         && (aSvgOptDef[iOpt].mKind & (eKind==SVG_LINE ? 1 : 2)) ) break;
      }
      if( iOpt>=SVG_NOPT ){
        char *zList = svgValidList(eKind);
        if( zList==0 ){
          j.bNoMem = 1;
        }else{
          j.zErr = sqlite3_mprintf("unknown option (valid: %s), got \"%.40s\"",
                                   zList, zKey);
          if( j.zErr==0 ) j.bNoMem = 1;
        }
        sqlite3_free(zList);
      }else if( mSeen & (1u<<iOpt) ){
        j.zErr = sqlite3_mprintf("an option is given twice, got \"%s\"",
                                 aSvgOptDef[iOpt].zName);
        if( j.zErr==0 ) j.bNoMem = 1;
      }else{
        mSeen |= 1u<<iOpt;
        svgOptApply(&j, pOpt, eKind, iOpt, &val);
      }
      sqlite3_free(zKey);
      svgJValClear(&val);
      if( j.zErr || j.bNoMem ) break;
      /* the check after the value left j.i at ',' or '}' */
      svgJsonWs(&j);
      if( ALWAYS(j.i<j.n) && j.z[j.i]==',' ){ j.i++; continue; }
      if( ALWAYS(j.i<j.n && j.z[j.i]=='}') ){ j.i++; break; }
      svgJsonError(&j, "',' or '}' expected");
      break;
    }
  }
  if( !j.zErr && !j.bNoMem ){
    svgJsonWs(&j);
    if( j.i<j.n ) svgJsonError(&j, "text after the object");
  }
  if( !j.zErr && !j.bNoMem ){
    if( pOpt->bXMin && pOpt->bXMax && !(pOpt->xMin<pOpt->xMax) ){
      j.zErr = sqlite3_mprintf("option 'x_min' must be less than 'x_max', "
                               "got %!.15g and %!.15g", pOpt->xMin, pOpt->xMax);
      if( j.zErr==0 ) j.bNoMem = 1;
    }else if( pOpt->bYMin && pOpt->bYMax && !(pOpt->yMin<pOpt->yMax) ){
      j.zErr = sqlite3_mprintf("option 'y_min' must be less than 'y_max', "
                               "got %!.15g and %!.15g", pOpt->yMin, pOpt->yMax);
      if( j.zErr==0 ) j.bNoMem = 1;
    }
  }
done:
  if( j.bNoMem ){
    sqlite3_free(j.zErr);
    return SQLITE_NOMEM;
  }
  if( j.zErr ){
    *pzErr = j.zErr;
    return j.bSyntax ? SQLITE_FORMAT : SQLITE_ERROR;
  }
  return SQLITE_OK;
}

/*************************************************************************
** Aggregate steps
*/
static void svgFail(sqlite3_context *ctx, SvgAgg *p, int rc){
  p->bFail = 1;
  if( rc==SQLITE_NOMEM ) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error_toobig(ctx);
}

/* Read the options argument; 0 if fine, 1 after reporting an error */
static int svgStepOptions(sqlite3_context *ctx, SvgAgg *p, int eKind,
                          sqlite3_value *pArg){
  const char *zFn = svgFnName(eKind);
  int e = pArg ? sqlite3_value_type(pArg) : SQLITE_NULL;
  if( e!=SQLITE_NULL && e!=SQLITE_TEXT ){
    jjjResultErrorGot(ctx, zFn, "argument 4 must be a JSON object of options",
                      pArg);
    p->bFail = 1;
    return 1;
  }
  if( !p->bInit ){
    p->bInit = 1;
    svgOptsInit(&p->opt);
    if( e==SQLITE_NULL ){
      p->bOptNull = 1;
    }else{
      const char *z = (const char*)sqlite3_value_text(pArg);
      int n = sqlite3_value_bytes(pArg);
      char *zErr = 0;
      int rc;
      if( z==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 1; }
      p->zOpt = sqlite3_malloc64((sqlite3_int64)n+1);
      if( p->zOpt==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 1; }
      memcpy(p->zOpt, z, (size_t)n+1);
      p->nOpt = n;
      rc = svgOptsParse(z, n, eKind, &p->opt, &zErr);
      if( rc==SQLITE_FORMAT ){
        jjjResultErrorGot(ctx, zFn, zErr, pArg);
        p->bFail = 1;
        sqlite3_free(zErr);
        return 1;
      }
      if( rc==SQLITE_ERROR ){
        jjjResultError(ctx, zFn, "%s", zErr);
        p->bFail = 1;
        sqlite3_free(zErr);
        return 1;
      }
      if( rc ){ svgFail(ctx, p, rc); return 1; }
    }
    return 0;
  }
  /* later rows: the same options */
  if( e==SQLITE_NULL ){
    if( p->bOptNull ) return 0;
  }else if( !p->bOptNull ){
    const char *z = (const char*)sqlite3_value_text(pArg);
    int n = sqlite3_value_bytes(pArg);
    if( z==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 1; }
    if( n==p->nOpt && memcmp(z, p->zOpt, (size_t)n)==0 ) return 0;
  }
  {
    char *zRepr = jjjValueRepr(pArg);
    if( zRepr==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 1; }
    jjjResultError(ctx, zFn, "options must be the same on every row of a "
                   "group, got %s after %s", zRepr,
                   p->bOptNull ? "NULL" : "other options");
    sqlite3_free(zRepr);
  }
  p->bFail = 1;
  return 1;
}

/* A series or label argument: NULL -> 1 (skip), error -> 2, else 0 with
** the text in *pz, *pn */
static int svgStepKeyArg(sqlite3_context *ctx, SvgAgg *p, int eKind,
                         sqlite3_value **argv, int iArg,
                         const char **pz, int *pn){
  sqlite3_value *v = argv[iArg];
  int e = sqlite3_value_type(v);
  if( e==SQLITE_NULL ) return 1;
  if( e==SQLITE_BLOB ){
    char *zRepr = jjjValueRepr(v);
    if( zRepr==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 2; }
    jjjResultError(ctx, svgFnName(eKind),
                   "argument %d must be text or a number, got %s",
                   iArg+1, zRepr);
    sqlite3_free(zRepr);
    p->bFail = 1;
    return 2;
  }
  *pz = (const char*)sqlite3_value_text(v);
  *pn = sqlite3_value_bytes(v);
  if( *pz==0 ){ svgFail(ctx, p, SQLITE_NOMEM); return 2; }
  return 0;
}

static void svgStep(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                    int eKind){
  SvgAgg *p = (SvgAgg*)sqlite3_aggregate_context(ctx, sizeof(SvgAgg));
  const char *zFn = svgFnName(eKind);
  double x = 0.0, y = 0.0;
  int ex = JJJ_ARG_OK, ey, eSeries = 0, eLabel = 0;
  const char *zSeries = "", *zLabel = 0;
  int nSeries = 0, nLabel = 0;
  int iSeries, iCat = 0, rc;

  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  /* an error in xStep ends the statement: no later row comes */
  if( NEVER(p->bFail) ) return;
  p->bSeriesArg = argc>=3;
  if( svgStepOptions(ctx, p, eKind, argc>=4 ? argv[3] : 0) ) return;

  /* check every argument's type before skipping anything */
  if( eKind==SVG_LINE ){
    ex = jjjArgDouble(ctx, zFn, argv, 0, &x);
    if( ex==JJJ_ARG_ERROR ){ p->bFail = 1; return; }
  }else{
    eLabel = svgStepKeyArg(ctx, p, eKind, argv, 0, &zLabel, &nLabel);
    if( eLabel==2 ) return;
  }
  ey = jjjArgDouble(ctx, zFn, argv, 1, &y);
  if( ey==JJJ_ARG_ERROR ){ p->bFail = 1; return; }
  if( argc>=3 ){
    eSeries = svgStepKeyArg(ctx, p, eKind, argv, 2, &zSeries, &nSeries);
    if( eSeries==2 ) return;
  }
  if( ex==JJJ_ARG_NULL || eLabel || eSeries ) return;
  if( eKind==SVG_LINE && !isfinite(x) ) return;
  if( ey==JJJ_ARG_NULL || !isfinite(y) ) y = NAN;

  if( eKind==SVG_BAR ){
    /* fetch the texts again: cheap, and safe whatever was read since */
    zLabel = (const char*)sqlite3_value_text(argv[0]);
    nLabel = sqlite3_value_bytes(argv[0]);
    /* already text: svgStepKeyArg() converted it */
    if( NEVER(zLabel==0) ){ svgFail(ctx, p, SQLITE_NOMEM); return; }
    rc = svgKeysFind(&p->cats, zLabel, nLabel, argv[0],
                     sqlite3_value_type(argv[0]), &iCat);
    if( rc ){ svgFail(ctx, p, rc); return; }
    x = (double)iCat;
  }
  if( argc>=3 ){
    zSeries = (const char*)sqlite3_value_text(argv[2]);
    nSeries = sqlite3_value_bytes(argv[2]);
    /* already text: svgStepKeyArg() converted it */
    if( NEVER(zSeries==0) ){ svgFail(ctx, p, SQLITE_NOMEM); return; }
    rc = svgKeysFind(&p->series, zSeries, nSeries, argv[2],
                     sqlite3_value_type(argv[2]), &iSeries);
  }else{
    rc = svgKeysFind(&p->series, "", 0, 0, SQLITE_TEXT, &iSeries);
  }
  if( rc ){ svgFail(ctx, p, rc); return; }
  rc = svgKeyAddPoint(&p->series.aKey[iSeries], x, y);
  if( rc ){ svgFail(ctx, p, rc); return; }
  p->nRow++;
}

void jjjSvgLineStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  svgStep(ctx, argc, argv, SVG_LINE);
}
void jjjSvgBarStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  svgStep(ctx, argc, argv, SVG_BAR);
}

/*************************************************************************
** Writing SVG
*/

/* A coordinate: rounded half away from zero to 2 decimals, "%.2f" */
static void svgNum(sqlite3_str *p, double r){
  long long n;
  if( !(r<SVG_MAX_COORD) ) r = r!=r ? 0.0 : SVG_MAX_COORD;
  if( r<-SVG_MAX_COORD ) r = -SVG_MAX_COORD;
  n = llround(r*100.0);
  if( n<0 ){ sqlite3_str_appendchar(p, 1, '-'); n = -n; }
  sqlite3_str_appendf(p, "%lld.%02lld", n/100, n%100);
}

/* Decode one UTF-8 character at z[0..n); *pc gets the code point, or
** U+FFFD for an invalid or overlong sequence; returns the bytes used */
static int svgUtf8(const unsigned char *z, int n, unsigned int *pc){
  unsigned int c = z[0];
  int k, i;
  if( c<0x80 ){ *pc = c; return 1; }
  if( c>=0xC2 && c<=0xDF ){ k = 1; c &= 0x1F; }
  else if( c>=0xE0 && c<=0xEF ){ k = 2; c &= 0x0F; }
  else if( c>=0xF0 && c<=0xF4 ){ k = 3; c &= 0x07; }
  else { *pc = 0xFFFD; return 1; }
  if( k>=n ){ *pc = 0xFFFD; return 1; }
  for(i=1; i<=k; i++){
    if( (z[i]&0xC0)!=0x80 ){ *pc = 0xFFFD; return 1; }
    c = (c<<6) | (z[i]&0x3F);
  }
  if( (k==2 && c<0x800) || (k==3 && (c<0x10000 || c>0x10FFFF))
   || (c>=0xD800 && c<0xE000) ){
    *pc = 0xFFFD; return 1;
  }
  *pc = c;
  return k+1;
}

/* Text for an XML text node or attribute: & < > " ' as entities, invalid
** UTF-8 and characters XML forbids as U+FFFD, tab/CR/LF as spaces */
static void svgEsc(sqlite3_str *p, const char *z, int n){
  const unsigned char *u = (const unsigned char*)z;
  int i = 0, j;
  if( NEVER(z==0) ) return;   /* callers pass no NULL text */
  if( n<0 ) n = (int)strlen(z);
  while( i<n ){
    for(j=i; j<n && u[j]>=0x20 && u[j]<0x7F && u[j]!='&' && u[j]!='<'
             && u[j]!='>' && u[j]!='"' && u[j]!='\''; j++){}
    if( j>i ){ sqlite3_str_append(p, z+i, j-i); i = j; continue; }
    switch( u[i] ){
      case '&':  sqlite3_str_append(p, "&amp;", 5); i++; continue;
      case '<':  sqlite3_str_append(p, "&lt;", 4); i++; continue;
      case '>':  sqlite3_str_append(p, "&gt;", 4); i++; continue;
      case '"':  sqlite3_str_append(p, "&quot;", 6); i++; continue;
      case '\'': sqlite3_str_append(p, "&#39;", 5); i++; continue;
      case '\t': case '\n': case '\r':
        sqlite3_str_appendchar(p, 1, ' '); i++; continue;
    }
    if( u[i]<0x20 ){
      svgPutUtf8(p, 0xFFFD); i++;
    }else if( u[i]==0x7F ){
      sqlite3_str_append(p, z+i, 1); i++;
    }else{
      unsigned int c;
      int k = svgUtf8(u+i, n-i, &c);
      if( c==0xFFFE || c==0xFFFF ) c = 0xFFFD;
      if( c==0xFFFD ) svgPutUtf8(p, c);
      else sqlite3_str_append(p, z+i, k);
      i += k;
    }
  }
}

static int svgIsWide(unsigned int c){
  return (c>=0x1100 && c<=0x115F) || (c>=0x2E80 && c<=0xA4CF)
      || (c>=0xAC00 && c<=0xD7A3) || (c>=0xF900 && c<=0xFAFF)
      || (c>=0xFE30 && c<=0xFE4F) || (c>=0xFF00 && c<=0xFF60)
      || (c>=0xFFE0 && c<=0xFFE6) || (c>=0x20000 && c<=0x3FFFD);
}

/* Estimated width of a text in px at the 12 px font */
static double svgTextWidth(const char *z, int n){
  const unsigned char *u = (const unsigned char*)z;
  double w = 0.0;
  int i = 0;
  if( NEVER(z==0) ) return 0.0;   /* callers pass no NULL text */
  if( n<0 ) n = (int)strlen(z);
  while( i<n ){
    unsigned int c;
    i += svgUtf8(u+i, n-i, &c);
    w += svgIsWide(c) ? SVG_WIDE_W : SVG_CHAR_W;
  }
  return w;
}

/* Bytes of z[0..n) that fit in wMax px with a trailing ellipsis */
static int svgFitBytes(const char *z, int n, double wMax, int *pbCut){
  const unsigned char *u = (const unsigned char*)z;
  double w = 0.0;
  int i = 0, iFit = 0;
  *pbCut = 0;
  if( svgTextWidth(z, n)<=wMax ) return n;
  *pbCut = 1;
  while( ALWAYS(i<n) ){   /* the text is wider than wMax: the loop breaks */
    unsigned int c;
    int k = svgUtf8(u+i, n-i, &c);
    w += svgIsWide(c) ? SVG_WIDE_W : SVG_CHAR_W;
    if( w + SVG_WIDE_W > wMax ) break;
    i += k;
    iFit = i;
  }
  return iFit;
}

/* A value for a tooltip: integers without a decimal point, else %.15g */
static void svgValueText(sqlite3_str *p, double r){
  if( r==floor(r) && fabs(r)<1e15 ){
    sqlite3_str_appendf(p, "%lld", (long long)r);
  }else{
    sqlite3_str_appendf(p, "%!.15g", r);
  }
}

/* An axis: its ends and ticks at k*step, k = k0 .. k0+nTick-1 */
typedef struct SvgAxis SvgAxis;
struct SvgAxis {
  double lo, hi;      /* the ends of the axis */
  double step;        /* distance between ticks */
  double k0;          /* the first tick is k0*step */
  int nTick;          /* ticks */
  int bExp;           /* labels in exponent notation */
  int nDec;           /* decimals (or digits after the point in %e) */
};

/* Widen a zero-width range: the free ends move by d */
static void svgWiden(double *pLo, double *pHi, int bFixLo, int bFixHi,
                     int bX){
  double lo = *pLo, hi = *pHi, c, d;
  if( !bFixLo && !bFixHi ){
    if( hi>lo && (hi-lo) > 1e-12*fmax(fabs(lo), fabs(hi)) ) return;
  }else if( hi>lo ){
    return;
  }
  c = bFixLo ? lo : bFixHi ? hi : lo/2 + hi/2;
  if( bX ) d = fabs(c)<5e11 ? 0.5 : fabs(c)/10;
  else d = c==0.0 ? 1.0 : fabs(c)/10;
  if( !bFixLo ) lo = c - d;
  if( !bFixHi ) hi = c + d;
  *pLo = lo;
  *pHi = hi;
}

/* Choose the tick step: the smallest of 1, 2, 5 x 10^k that gives at most
** nMax intervals over [lo, hi]; when bRound, the free ends move out to the
** nearest ticks.  Returns 1 if the range cannot be represented. */
static int svgAxisMake(SvgAxis *a, double lo, double hi, int bRoundLo,
                       int bRoundHi, int nMax, int bInteger){
  double span = hi - lo, raw, mag, step, k1, maxAbs;
  if( !isfinite(span) || !(span>0) ) return 1;
  if( NEVER(nMax<1) ) nMax = 1;   /* callers pass at least 2 */
  raw = span / nMax;
  mag = pow(10.0, floor(log10(raw)));
  if( !(mag>0) || !isfinite(mag) ) return 1;
  if( mag*(1+1e-9)>=raw ) step = mag;
  else if( 2*mag*(1+1e-9)>=raw ) step = 2*mag;
  else if( 5*mag*(1+1e-9)>=raw ) step = 5*mag;
  else step = 10*mag;
  if( bInteger && step<1.0 ) step = 1.0;
  /* an end whose next tick lies beyond the largest double stays put */
  if( bRoundLo ){ double r = floor(lo/step + 1e-9)*step; if( isfinite(r) ) lo = r; }
  if( bRoundHi ){ double r = ceil(hi/step - 1e-9)*step; if( isfinite(r) ) hi = r; }
  /* lo, hi are finite and the rounding moves each by under a step */
  if( NEVER(!isfinite(lo) || !isfinite(hi) || !(hi>lo)) ) return 1;
  a->lo = lo;
  a->hi = hi;
  a->step = step;
  a->k0 = ceil(lo/step - 1e-9);
  k1 = floor(hi/step + 1e-9);
  a->nTick = (int)(k1 - a->k0 + 1);
  /* at most nMax+1 ticks, and nMax <= 10000/40 */
  if( NEVER(a->nTick<0 || a->nTick>1000) ) a->nTick = 0;
  maxAbs = fmax(fabs(lo), fabs(hi));
  a->nDec = step>=1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
  a->bExp = a->nDec>6 || maxAbs>=1e15;
  if( a->bExp ){
    int d = (int)(floor(log10(maxAbs)) - floor(log10(step) + 1e-9));
    a->nDec = d<0 ? 0 : d>15 ? 15 : d;
  }
  return 0;
}

static double svgTick(const SvgAxis *a, int i){
  return (a->k0 + i)*a->step + 0.0;
}

/* A number with nDec decimals, "," between thousands when bSep (callers
** set it for a whole axis or chart whose largest magnitude reaches 10000,
** so 8,000 and 10,000 never meet 8000), or in exponent notation */
static void svgFmtNumber(sqlite3_str *p, double r, int nDec, int bExp,
                         int bSep){
  char zBuf[400];
  int n, i, nInt, iStart;
  r += 0.0;
  if( bExp ){
    sqlite3_str_appendf(p, "%.*e", nDec, r);
    return;
  }
  if( !(fabs(r)<1e300) ){ sqlite3_str_appendf(p, "%.*e", 3, r); return; }
  sqlite3_snprintf(sizeof(zBuf), zBuf, "%.*f", nDec, r);
  n = (int)strlen(zBuf);
  /* no "-0" */
  for(i=0; i<n && (zBuf[i]=='-' || zBuf[i]=='0' || zBuf[i]=='.'); i++){}
  if( i==n && zBuf[0]=='-' ){ sqlite3_str_append(p, zBuf+1, n-1); return; }
  if( !bSep || fabs(r)<1000 ){ sqlite3_str_append(p, zBuf, n); return; }
  iStart = zBuf[0]=='-' ? 1 : 0;
  for(nInt=iStart; nInt<n && zBuf[nInt]!='.'; nInt++){}
  sqlite3_str_append(p, zBuf, iStart);
  for(i=iStart; i<nInt; i++){
    sqlite3_str_appendchar(p, 1, zBuf[i]);
    if( i<nInt-1 && (nInt-1-i)%3==0 ) sqlite3_str_appendchar(p, 1, ',');
  }
  sqlite3_str_append(p, zBuf+nInt, n-nInt);
}

/* The label of tick i, formatted into a fresh string */
static char *svgTickLabel(const SvgAxis *a, int i, int bSep){
  sqlite3_str *p = sqlite3_str_new(0);
  if( bSep ) bSep = fmax(fabs(a->lo), fabs(a->hi))>=10000.0;
  svgFmtNumber(p, svgTick(a, i), a->nDec, a->bExp, bSep);
  return sqlite3_str_finish(p);
}

/* Common frame of every chart */
typedef struct SvgFrame SvgFrame;
struct SvgFrame {
  int w, h;
  double x0, y0, pw, ph;
};

static void svgOpen(sqlite3_str *p, const SvgOpts *pOpt){
  sqlite3_str_appendf(p, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
      "font-family=\"%s\" font-size=\"%d\">\n",
      pOpt->w, pOpt->h, pOpt->w, pOpt->h, SVG_FONT, SVG_FS);
  if( pOpt->zTitle ){
    sqlite3_str_appendall(p, "<title>");
    svgEsc(p, pOpt->zTitle, -1);
    sqlite3_str_appendall(p, "</title>\n");
  }
  sqlite3_str_appendf(p, "<rect class=\"jjj-bg\" x=\"0\" y=\"0\" width=\"%d\" "
      "height=\"%d\" fill=\"#ffffff\"/>\n", pOpt->w, pOpt->h);
  if( pOpt->zTitle ){
    sqlite3_str_appendf(p, "<text class=\"jjj-title\" x=\"%d\" y=\"%d\" "
        "font-size=\"16\" font-weight=\"bold\" fill=\"#222222\">",
        SVG_PAD, SVG_PAD+16);
    svgEsc(p, pOpt->zTitle, -1);
    sqlite3_str_appendall(p, "</text>\n");
  }
}

/* Axis labels and the source line */
static void svgCaptions(sqlite3_str *p, const SvgOpts *pOpt,
                        const SvgFrame *f, double axisBand){
  if( pOpt->zXLabel ){
    sqlite3_str_appendall(p, "<text class=\"jjj-x-label\" x=\"");
    svgNum(p, f->x0 + f->pw/2);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, f->y0 + f->ph + axisBand + 14);
    sqlite3_str_appendall(p, "\" text-anchor=\"middle\" fill=\"#444444\">");
    svgEsc(p, pOpt->zXLabel, -1);
    sqlite3_str_appendall(p, "</text>\n");
  }
  if( pOpt->zYLabel ){
    double x = SVG_PAD + 12, y = f->y0 + f->ph/2;
    sqlite3_str_appendall(p, "<text class=\"jjj-y-label\" x=\"");
    svgNum(p, x);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, y);
    sqlite3_str_appendall(p, "\" transform=\"rotate(-90 ");
    svgNum(p, x);
    sqlite3_str_appendall(p, " ");
    svgNum(p, y);
    sqlite3_str_appendall(p, ")\" text-anchor=\"middle\" fill=\"#444444\">");
    svgEsc(p, pOpt->zYLabel, -1);
    sqlite3_str_appendall(p, "</text>\n");
  }
  if( pOpt->zSource ){
    sqlite3_str_appendf(p, "<text class=\"jjj-source\" x=\"%d\" y=\"%d\" "
        "font-size=\"10\" fill=\"#666666\">", SVG_PAD, f->h - 6);
    svgEsc(p, pOpt->zSource, -1);
    sqlite3_str_appendall(p, "</text>\n");
  }
}

/* Horizontal grid lines, the y tick labels, the plot frame, a zero line */
static int svgYAxis(sqlite3_str *p, const SvgFrame *f, const SvgAxis *a){
  int i;
  sqlite3_str_appendall(p, "<g class=\"jjj-grid\" stroke=\"#e5e5e5\" "
      "stroke-width=\"1\" shape-rendering=\"crispEdges\">\n");
  for(i=0; i<a->nTick; i++){
    double y = f->y0 + (a->hi - svgTick(a, i))/(a->hi - a->lo)*f->ph;
    sqlite3_str_appendall(p, "<line x1=\"");
    svgNum(p, f->x0);
    sqlite3_str_appendall(p, "\" y1=\"");
    svgNum(p, y);
    sqlite3_str_appendall(p, "\" x2=\"");
    svgNum(p, f->x0 + f->pw);
    sqlite3_str_appendall(p, "\" y2=\"");
    svgNum(p, y);
    sqlite3_str_appendall(p, "\"/>\n");
  }
  sqlite3_str_appendall(p, "</g>\n<g class=\"jjj-y-ticks\" "
      "text-anchor=\"end\" fill=\"#444444\">\n");
  for(i=0; i<a->nTick; i++){
    double y = f->y0 + (a->hi - svgTick(a, i))/(a->hi - a->lo)*f->ph;
    char *z = svgTickLabel(a, i, 1);
    if( z==0 ) return SQLITE_NOMEM;
    sqlite3_str_appendall(p, "<text x=\"");
    svgNum(p, f->x0 - 6);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, y + 4);
    sqlite3_str_appendall(p, "\">");
    svgEsc(p, z, -1);
    sqlite3_str_appendall(p, "</text>\n");
    sqlite3_free(z);
  }
  sqlite3_str_appendall(p, "</g>\n<rect class=\"jjj-plot\" x=\"");
  svgNum(p, f->x0);
  sqlite3_str_appendall(p, "\" y=\"");
  svgNum(p, f->y0);
  sqlite3_str_appendall(p, "\" width=\"");
  svgNum(p, f->pw);
  sqlite3_str_appendall(p, "\" height=\"");
  svgNum(p, f->ph);
  sqlite3_str_appendall(p, "\" fill=\"none\" stroke=\"#999999\" "
      "stroke-width=\"1\" shape-rendering=\"crispEdges\"/>\n");
  if( a->lo<0.0 && a->hi>0.0 ){
    double y = f->y0 + a->hi/(a->hi - a->lo)*f->ph;
    sqlite3_str_appendall(p, "<line class=\"jjj-zero\" x1=\"");
    svgNum(p, f->x0);
    sqlite3_str_appendall(p, "\" y1=\"");
    svgNum(p, y);
    sqlite3_str_appendall(p, "\" x2=\"");
    svgNum(p, f->x0 + f->pw);
    sqlite3_str_appendall(p, "\" y2=\"");
    svgNum(p, y);
    sqlite3_str_appendall(p, "\" stroke=\"#666666\" stroke-width=\"1\" "
        "shape-rendering=\"crispEdges\"/>\n");
  }
  return SQLITE_OK;
}

/* Widest y tick label */
static int svgYTickWidth(const SvgAxis *a, double *pw){
  int i;
  double w = 0.0;
  for(i=0; i<a->nTick; i++){
    char *z = svgTickLabel(a, i, 1);
    if( z==0 ) return SQLITE_NOMEM;
    w = fmax(w, svgTextWidth(z, -1));
    sqlite3_free(z);
  }
  *pw = w;
  return SQLITE_OK;
}

/* The y range of the data with the options applied; 1 if none */
static int svgYAxisFor(SvgAxis *a, const SvgOpts *pOpt, double lo, double hi,
                       double ph, int bZero){
  int bFixLo = pOpt->bYMin, bFixHi = pOpt->bYMax;
  if( bZero && !bFixLo && lo>0.0 ) lo = 0.0;
  if( bZero && !bFixHi && hi<0.0 ) hi = 0.0;
  if( bFixLo ) lo = pOpt->yMin;
  if( bFixHi ) hi = pOpt->yMax;
  if( bFixLo && !bFixHi && hi<lo ) hi = lo;
  if( bFixHi && !bFixLo && lo>hi ) lo = hi;
  svgWiden(&lo, &hi, bFixLo, bFixHi, 0);
  {
    int nMax = (int)(ph/40);
    if( nMax<2 ) nMax = 2;
    return svgAxisMake(a, lo, hi, !bFixLo, !bFixHi, nMax, 0);
  }
}

/* Legend: names in drawing order; returns the right margin it needs */
static double svgLegendRight(const SvgKeys *pK, int bLegend, int w){
  double lw = 0.0;
  int i;
  if( !bLegend ) return 24;
  for(i=0; i<pK->nKey; i++){
    lw = fmax(lw, svgTextWidth(pK->aKey[i].z, pK->aKey[i].n));
  }
  lw = fmin(lw, w/4.0);
  return fmax(24.0, ceil(SVG_PAD + 30 + lw));
}

static const char *svgColor(const SvgOpts *pOpt, int i){
  if( pOpt->nColor ) return pOpt->azColor[i % pOpt->nColor];
  return azSvgPalette[i % SVG_NPALETTE];
}

static int svgKeyHasData(const SvgKey *pKey){
  int i;
  for(i=0; i<pKey->nPt; i++){ if( !isnan(pKey->aPt[i].y) ) return 1; }
  return 0;
}

/* The legend is shown by default when a series argument names a series */
static int svgLegendDefault(const SvgAgg *p){
  int i;
  if( !p->bSeriesArg ) return 0;
  for(i=0; i<p->series.nKey; i++){ if( p->series.aKey[i].n>0 ) return 1; }
  return 0;
}

static void svgLegend(sqlite3_str *p, const SvgOpts *pOpt, const SvgFrame *f,
                      const SvgKeys *pK, const int *aOrder, int eKind){
  int nFit = (int)(f->ph/18), i, nShow = pK->nKey;
  double lx = f->x0 + f->pw + SVG_PAD;
  double wMax = f->w - 6 - (lx + 24);   /* what svgLegendRight() left */
  if( NEVER(nFit<1) ) nFit = 1;   /* ph >= 20 was checked */
  if( nShow>nFit ) nShow = nFit-1;
  sqlite3_str_appendall(p, "<g class=\"jjj-legend\" fill=\"#222222\">\n");
  for(i=0; i<nShow; i++){
    const SvgKey *pKey = &pK->aKey[aOrder[i]];
    double y = f->y0 + 6 + 18*i;
    int bCut, n = svgFitBytes(pKey->z, pKey->n, wMax, &bCut);
    if( eKind==SVG_LINE ){
      sqlite3_str_appendall(p, "<line x1=\"");
      svgNum(p, lx);
      sqlite3_str_appendall(p, "\" y1=\"");
      svgNum(p, y);
      sqlite3_str_appendall(p, "\" x2=\"");
      svgNum(p, lx + 18);
      sqlite3_str_appendall(p, "\" y2=\"");
      svgNum(p, y);
      sqlite3_str_appendall(p, "\" stroke=\"");
      svgEsc(p, svgColor(pOpt, i), -1);
      sqlite3_str_appendall(p, "\" stroke-width=\"2\"/>\n");
    }else{
      sqlite3_str_appendall(p, "<rect x=\"");
      svgNum(p, lx + 4);
      sqlite3_str_appendall(p, "\" y=\"");
      svgNum(p, y - 5);
      sqlite3_str_appendall(p, "\" width=\"10\" height=\"10\" fill=\"");
      svgEsc(p, svgColor(pOpt, i), -1);
      sqlite3_str_appendall(p, "\"/>\n");
    }
    sqlite3_str_appendall(p, "<text x=\"");
    svgNum(p, lx + 24);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, y + 4);
    sqlite3_str_appendall(p, "\">");
    svgEsc(p, pKey->z, n);
    if( bCut ) sqlite3_str_appendall(p, "\xe2\x80\xa6");
    if( !svgKeyHasData(pKey) ) sqlite3_str_appendall(p, " (no data)");
    sqlite3_str_appendall(p, "</text>\n");
  }
  if( nShow<pK->nKey ){
    sqlite3_str_appendall(p, "<text x=\"");
    svgNum(p, lx + 24);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, f->y0 + 6 + 18*nShow + 4);
    sqlite3_str_appendf(p, "\">+ %d more</text>\n", pK->nKey - nShow);
  }
  sqlite3_str_appendall(p, "</g>\n");
}

/* The "no data" picture */
static void svgNoData(sqlite3_str *p, const SvgOpts *pOpt){
  svgOpen(p, pOpt);
  sqlite3_str_appendf(p, "<text class=\"jjj-nodata\" x=\"%d\" y=\"%d\" "
      "text-anchor=\"middle\" fill=\"#666666\">no data</text>\n",
      pOpt->w/2, pOpt->h/2);
  if( pOpt->zSource ){
    sqlite3_str_appendf(p, "<text class=\"jjj-source\" x=\"%d\" y=\"%d\" "
        "font-size=\"10\" fill=\"#666666\">", SVG_PAD, pOpt->h - 6);
    svgEsc(p, pOpt->zSource, -1);
    sqlite3_str_appendall(p, "</text>\n");
  }
  sqlite3_str_appendall(p, "</svg>");
}

/* Finish: the result, or the right error */
static void svgResult(sqlite3_context *ctx, sqlite3_str *p, int rc){
  int e = sqlite3_str_errcode(p);
  char *z;
  if( rc==SQLITE_OK && e==SQLITE_OK ){
    int n = sqlite3_str_length(p);
    z = sqlite3_str_finish(p);
    if( z==0 ){ sqlite3_result_error_nomem(ctx); return; }
    sqlite3_result_text(ctx, z, n, sqlite3_free);
    return;
  }
  sqlite3_free(sqlite3_str_finish(p));
  if( rc==SQLITE_NOMEM || e==SQLITE_NOMEM ) sqlite3_result_error_nomem(ctx);
  else if( rc==SQLITE_DONE ) sqlite3_result_null(ctx);
  else if( rc==SQLITE_RANGE ) return;  /* error already set */
  else sqlite3_result_error_toobig(ctx);
}

/* Check the plot area is large enough; SQLITE_RANGE after an error */
static int svgCheckFrame(sqlite3_context *ctx, const SvgFrame *f, int eKind){
  if( f->pw<20 || f->ph<20 ){
    jjjResultError(ctx, svgFnName(eKind), "the chart is too small for its "
        "titles and labels, got width %d and height %d", f->w, f->h);
    return SQLITE_RANGE;
  }
  return SQLITE_OK;
}

/* Append the series drawn into pBody to p.  With bClip, a clip path to
** the plot area comes first, named by a hash of the body and the frame,
** and the placeholder byte 0x01 in pBody (escaped text never holds it)
** becomes its id. */
static int svgEmitBody(sqlite3_str *p, sqlite3_str *pBody, const SvgFrame *f,
                       int bClip){
  char zClip[20];
  const char *z, *zEnd, *zHit;
  int n, rc = sqlite3_str_errcode(pBody);
  if( rc ) return rc;
  n = sqlite3_str_length(pBody);
  if( NEVER(n==0) ) return SQLITE_OK;   /* every series writes its <g> */
  if( bClip ){
    unsigned int h;
    sqlite3_str_appendf(pBody, " %d %d %d %d", (int)f->x0, (int)f->y0,
                        (int)f->pw, (int)f->ph);
    rc = sqlite3_str_errcode(pBody);
    if( rc ) return rc;
    h = svgHash(sqlite3_str_value(pBody), sqlite3_str_length(pBody));
    sqlite3_snprintf(sizeof(zClip), zClip, "jjj-clip-%08x", h);
    sqlite3_str_appendf(p, "<defs><clipPath id=\"%s\"><rect x=\"", zClip);
    svgNum(p, f->x0);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, f->y0);
    sqlite3_str_appendall(p, "\" width=\"");
    svgNum(p, f->pw);
    sqlite3_str_appendall(p, "\" height=\"");
    svgNum(p, f->ph);
    sqlite3_str_appendall(p, "\"/></clipPath></defs>\n");
  }
  z = sqlite3_str_value(pBody);
  zEnd = z + n;
  while( bClip && (zHit = memchr(z, 1, (size_t)(zEnd - z)))!=0 ){
    sqlite3_str_append(p, z, (int)(zHit - z));
    sqlite3_str_appendall(p, zClip);
    z = zHit + 1;
  }
  /* the body ends with "</g>\n", never with the placeholder */
  if( ALWAYS(zEnd>z) ) sqlite3_str_append(p, z, (int)(zEnd - z));
  return SQLITE_OK;
}

/* The frame of a chart (f->w, f->h set): the vertical layout with an
** axis band of height band under the plot, then the y axis over [ylo,
** yhi] into *pAy (bZero: it includes 0), then the horizontal layout with
** the right margin given.  SQLITE_OK, SQLITE_DONE (no usable y range),
** SQLITE_RANGE (the chart is too small: error set) or SQLITE_NOMEM. */
static int svgLayout(sqlite3_context *ctx, const SvgOpts *pOpt, SvgFrame *f,
                     SvgAxis *pAy, double ylo, double yhi, int bZero,
                     double band, double right, int eKind){
  double top, bottom, tw;
  int rc;
  top = 20 + (pOpt->zTitle ? 26 : 0);
  bottom = band + SVG_PAD + (pOpt->zXLabel ? 18 : 0) + (pOpt->zSource ? 16 : 0);
  f->y0 = top;
  f->ph = f->h - top - bottom;
  if( f->ph<20 ){
    f->pw = 20;
    return svgCheckFrame(ctx, f, eKind);
  }
  if( svgYAxisFor(pAy, pOpt, ylo, yhi, f->ph, bZero) ) return SQLITE_DONE;
  rc = svgYTickWidth(pAy, &tw);
  if( rc ) return rc;
  f->x0 = ceil(SVG_PAD + (pOpt->zYLabel ? 18 : 0) + tw + 6);
  f->pw = f->w - f->x0 - right;
  return svgCheckFrame(ctx, f, eKind);
}

/* Open the <g> of a series in pBody: its name, a fill colour (bars; NULL
** for none), the clip path placeholder with bClip */
static void svgSeriesOpen(sqlite3_str *pBody, const SvgKey *pKey,
                          const char *zFill, int bClip){
  sqlite3_str_appendall(pBody, "<g class=\"jjj-series\" data-series=\"");
  svgEsc(pBody, pKey->z, pKey->n);
  if( zFill ){
    sqlite3_str_appendall(pBody, "\" fill=\"");
    svgEsc(pBody, zFill, -1);
  }
  sqlite3_str_appendall(pBody, "\"");
  if( bClip ) sqlite3_str_appendall(pBody, " clip-path=\"url(#\x01)\"");
  sqlite3_str_appendall(pBody, ">\n");
}

/* The end of a chart: the series drawn into pBody, the legend, the
** captions under an axis band of height band */
static int svgFinish(sqlite3_str *p, sqlite3_str *pBody, const SvgFrame *f,
                     int bClip, const SvgOpts *pOpt, int bLegend,
                     const SvgKeys *pK, const int *aOrder, int eKind,
                     double band){
  int rc = svgEmitBody(p, pBody, f, bClip);
  if( rc ) return rc;
  if( bLegend ) svgLegend(p, pOpt, f, pK, aOrder, eKind);
  svgCaptions(p, pOpt, f, band);
  sqlite3_str_appendall(p, "</svg>");
  return SQLITE_OK;
}

/* Free the series body (if any); the first error of rc and the body's */
static int svgBodyFree(sqlite3_str *pBody, int rc){
  if( pBody ){
    int e = sqlite3_str_errcode(pBody);
    sqlite3_free(sqlite3_str_finish(pBody));
    if( rc==SQLITE_OK && e ) rc = e;
  }
  return rc;
}

/*************************************************************************
** Line chart
*/
/* Are points i and j (= i+1) of a series joined by a segment? */
static int svgJoined(const SvgOpts *pOpt, const SvgKey *pKey, int i, int j){
  if( i<0 || j>=pKey->nPt ) return 0;
  if( isnan(pKey->aPt[i].y) || isnan(pKey->aPt[j].y) ) return 0;
  if( pOpt->bMaxGap && pKey->aPt[j].x - pKey->aPt[i].x > pOpt->rMaxGap ) return 0;
  return 1;
}

static int svgLineDraw(sqlite3_context *ctx, SvgAgg *pAgg, sqlite3_str *p){
  SvgOpts *pOpt = &pAgg->opt;
  SvgKeys *pK = &pAgg->series;
  int *aOrder = 0, *aRank = 0;
  int i, j, rc, nFinite = 0, bInt = 1, nMaxPt = 0, bLegend, bMarkers;
  int bClip;
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  SvgAxis ax, ay;
  SvgFrame f;
  sqlite3_str *pBody = 0;

  rc = svgKeysOrder(pK, pOpt->bInputOrder, &aOrder, &aRank);
  if( rc ) return rc;
  for(i=0; i<pK->nKey; i++){
    SvgKey *pKey = &pK->aKey[i];
    qsort(pKey->aPt, (size_t)pKey->nPt, sizeof(SvgPt), svgPtCmp);
    if( pKey->nPt>nMaxPt ) nMaxPt = pKey->nPt;
    for(j=0; j<pKey->nPt; j++){
      double x = pKey->aPt[j].x, y = pKey->aPt[j].y;
      if( x<xlo ) xlo = x;
      if( x>xhi ) xhi = x;
      if( x!=floor(x) ) bInt = 0;
      if( !isnan(y) ){
        nFinite++;
        if( y<ylo ) ylo = y;
        if( y>yhi ) yhi = y;
      }
    }
  }
  if( nFinite==0 ){
    svgNoData(p, pOpt);
    goto done;
  }
  bLegend = pOpt->bLegend>=0 ? pOpt->bLegend : svgLegendDefault(pAgg);
  bMarkers = pOpt->bMarkers>=0 ? pOpt->bMarkers : nMaxPt<=60;

  /* vertical layout, then the y axis, then the horizontal layout */
  f.w = pOpt->w;
  f.h = pOpt->h;
  rc = svgLayout(ctx, pOpt, &f, &ay, ylo, yhi, pOpt->bYZero, 20,
                 svgLegendRight(pK, bLegend, f.w), SVG_LINE);
  if( rc ) goto done;

  /* the x axis: the data range (or x_min, x_max), ticks inside */
  {
    int bFixLo = pOpt->bXMin, bFixHi = pOpt->bXMax, nMax;
    if( bFixLo ) xlo = pOpt->xMin;
    if( bFixHi ) xhi = pOpt->xMax;
    if( bFixLo && !bFixHi && xhi<xlo ) xhi = xlo;
    if( bFixHi && !bFixLo && xlo>xhi ) xlo = xhi;
    svgWiden(&xlo, &xhi, bFixLo, bFixHi, 1);
    nMax = (int)(f.pw/70);
    if( nMax<2 ) nMax = 2;
    if( svgAxisMake(&ax, xlo, xhi, 0, 0, nMax, bInt) ){
      rc = SQLITE_DONE;
      goto done;
    }
  }
  bClip = pOpt->bXMin || pOpt->bXMax || pOpt->bYMin || pOpt->bYMax;

  svgOpen(p, pOpt);
  rc = svgYAxis(p, &f, &ay);
  if( rc ) goto done;
  sqlite3_str_appendall(p, "<g class=\"jjj-x-ticks\" text-anchor=\"middle\" "
      "fill=\"#444444\">\n");
  for(i=0; i<ax.nTick; i++){
    double x = f.x0 + (svgTick(&ax, i) - ax.lo)/(ax.hi - ax.lo)*f.pw;
    char *z = svgTickLabel(&ax, i, 0);
    if( z==0 ){ rc = SQLITE_NOMEM; goto done; }
    sqlite3_str_appendall(p, "<line x1=\"");
    svgNum(p, x);
    sqlite3_str_appendall(p, "\" y1=\"");
    svgNum(p, f.y0 + f.ph);
    sqlite3_str_appendall(p, "\" x2=\"");
    svgNum(p, x);
    sqlite3_str_appendall(p, "\" y2=\"");
    svgNum(p, f.y0 + f.ph + 5);
    sqlite3_str_appendall(p, "\" stroke=\"#999999\" "
        "shape-rendering=\"crispEdges\"/>\n<text x=\"");
    svgNum(p, x);
    sqlite3_str_appendall(p, "\" y=\"");
    svgNum(p, f.y0 + f.ph + 18);
    sqlite3_str_appendall(p, "\">");
    svgEsc(p, z, -1);
    sqlite3_str_appendall(p, "</text>\n");
    sqlite3_free(z);
  }
  sqlite3_str_appendall(p, "</g>\n");

  /* the series, into a body of their own (its hash names the clip path) */
  pBody = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  for(i=0; i<pK->nKey; i++){
    SvgKey *pKey = &pK->aKey[aOrder[i]];
    const char *zColor = svgColor(pOpt, i);
    int bPen = 0, bFirst = 1;
    double xPrev = 0.0;
    svgSeriesOpen(pBody, pKey, 0, bClip);
    sqlite3_str_appendall(pBody, "<path class=\"jjj-line\" d=\"");
    for(j=0; j<pKey->nPt; j++){
      SvgPt *pt = &pKey->aPt[j];
      if( isnan(pt->y) ){ bPen = 0; continue; }
      if( bPen && pOpt->bMaxGap && pt->x - xPrev > pOpt->rMaxGap ) bPen = 0;
      if( !bFirst ) sqlite3_str_appendchar(pBody, 1, ' ');
      sqlite3_str_appendchar(pBody, 1, bPen ? 'L' : 'M');
      svgNum(pBody, f.x0 + (pt->x - ax.lo)/(ax.hi - ax.lo)*f.pw);
      sqlite3_str_appendchar(pBody, 1, ',');
      svgNum(pBody, f.y0 + (ay.hi - pt->y)/(ay.hi - ay.lo)*f.ph);
      bPen = 1;
      bFirst = 0;
      xPrev = pt->x;
    }
    sqlite3_str_appendall(pBody, "\" fill=\"none\" stroke=\"");
    svgEsc(pBody, zColor, -1);
    sqlite3_str_appendall(pBody, "\" stroke-width=\"2\" "
        "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
    for(j=0; j<pKey->nPt; j++){
      SvgPt *pt = &pKey->aPt[j];
      int bAlone;
      if( isnan(pt->y) ) continue;
      bAlone = !svgJoined(pOpt, pKey, j-1, j) && !svgJoined(pOpt, pKey, j, j+1);
      if( !bMarkers && !bAlone ) continue;
      sqlite3_str_appendall(pBody, "<circle class=\"jjj-point\" cx=\"");
      svgNum(pBody, f.x0 + (pt->x - ax.lo)/(ax.hi - ax.lo)*f.pw);
      sqlite3_str_appendall(pBody, "\" cy=\"");
      svgNum(pBody, f.y0 + (ay.hi - pt->y)/(ay.hi - ay.lo)*f.ph);
      sqlite3_str_appendall(pBody, "\" r=\"3\" fill=\"");
      svgEsc(pBody, zColor, -1);
      sqlite3_str_appendall(pBody, "\"><title>");
      if( pKey->n ){
        svgEsc(pBody, pKey->z, pKey->n);
        sqlite3_str_appendall(pBody, ", ");
      }
      svgValueText(pBody, pt->x);
      sqlite3_str_appendall(pBody, ": ");
      svgValueText(pBody, pt->y);
      sqlite3_str_appendall(pBody, "</title></circle>\n");
    }
    sqlite3_str_appendall(pBody, "</g>\n");
  }
  rc = svgFinish(p, pBody, &f, bClip, pOpt, bLegend, pK, aOrder, SVG_LINE, 20);

done:
  rc = svgBodyFree(pBody, rc);
  sqlite3_free(aOrder);
  sqlite3_free(aRank);
  return rc;
}

/*************************************************************************
** Bar chart
*/

/* Decimals for bar values: the fewest (0..3) that show every value */
static int svgAutoDecimals(const SvgKeys *pK){
  int d, i, j;
  for(d=0; d<3; d++){
    double m = pow(10.0, d);
    int bOk = 1;
    for(i=0; i<pK->nKey && bOk; i++){
      for(j=0; j<pK->aKey[i].nPt; j++){
        double v = pK->aKey[i].aPt[j].y*m;
        if( isnan(v) ) continue;
        if( fabs(v - floor(v+0.5)) > 1e-9*fmax(1.0, fabs(v)) ){ bOk = 0; break; }
      }
    }
    if( bOk ) return d;
  }
  return 3;
}

static int svgBarDraw(sqlite3_context *ctx, SvgAgg *pAgg, sqlite3_str *p){
  SvgOpts *pOpt = &pAgg->opt;
  SvgKeys *pK = &pAgg->series;
  SvgKeys *pC = &pAgg->cats;
  int *aOrder = 0, *aRank = 0, *aCOrder = 0, *aCRank = 0;
  int i, j, rc, nFinite = 0, bLegend, bRotate = 0, nEvery = 1, nDec, bSep;
  int nCat = pC->nKey, nSer = pK->nKey;
  double ylo = INFINITY, yhi = -INFINITY, maxLw = 0.0;
  double right, band, slot, barW, pwGuess;
  SvgAxis ay;
  SvgFrame f;
  sqlite3_str *pBody = 0;
  int bClip = pOpt->bYMin || pOpt->bYMax;

  rc = svgKeysOrder(pK, pOpt->bInputOrder, &aOrder, &aRank);
  if( rc ) goto done;
  rc = svgKeysOrder(pC, pOpt->bInputOrder, &aCOrder, &aCRank);
  if( rc ) goto done;

  /* per series: by label rank, duplicates added, gaps dropped if a value
  ** exists for the same label */
  for(i=0; i<nSer; i++){
    SvgKey *pKey = &pK->aKey[i];
    int nOut = 0;
    for(j=0; j<pKey->nPt; j++){
      pKey->aPt[j].x = (double)aCRank[(int)pKey->aPt[j].x];
    }
    qsort(pKey->aPt, (size_t)pKey->nPt, sizeof(SvgPt), svgPtCmp);
    for(j=0; j<pKey->nPt; ){
      JjjSum s = {0.0, 0.0};
      int k, bAny = 0;
      for(k=j; k<pKey->nPt && pKey->aPt[k].x==pKey->aPt[j].x; k++){
        if( !isnan(pKey->aPt[k].y) ){ jjjSumAdd(&s, pKey->aPt[k].y); bAny = 1; }
      }
      pKey->aPt[nOut].x = pKey->aPt[j].x;
      pKey->aPt[nOut].y = bAny ? jjjSumValue(&s) : NAN;
      if( !isfinite(pKey->aPt[nOut].y) ) pKey->aPt[nOut].y = NAN;
      if( !isnan(pKey->aPt[nOut].y) ){
        nFinite++;
        if( pKey->aPt[nOut].y<ylo ) ylo = pKey->aPt[nOut].y;
        if( pKey->aPt[nOut].y>yhi ) yhi = pKey->aPt[nOut].y;
      }
      nOut++;
      j = k;
    }
    pKey->nPt = nOut;
  }
  if( nFinite==0 ){
    svgNoData(p, pOpt);
    goto done;
  }
  bLegend = pOpt->bLegend>=0 ? pOpt->bLegend : svgLegendDefault(pAgg);
  for(i=0; i<nCat; i++){
    maxLw = fmax(maxLw, svgTextWidth(pC->aKey[i].z, pC->aKey[i].n));
  }

  f.w = pOpt->w;
  f.h = pOpt->h;
  right = svgLegendRight(pK, bLegend, f.w);
  /* rotate the labels when they do not fit their slots; the decision uses
  ** a provisional plot width (a y-tick column of 60 px) */
  pwGuess = f.w - right - (SVG_PAD + (pOpt->zYLabel ? 18 : 0) + 60);
  if( pwGuess<20 ) pwGuess = 20;
  if( maxLw > 0.95*pwGuess/nCat ){
    bRotate = 1;
    band = 12 + ceil(0.71*fmin(maxLw, f.h/3.0)) + 6;
  }else{
    band = 20;
  }
  rc = svgLayout(ctx, pOpt, &f, &ay, ylo, yhi, 1, band, right, SVG_BAR);
  if( rc ) goto done;
  slot = f.pw / nCat;
  barW = slot*0.8 / nSer;
  if( bRotate && slot<14 ) nEvery = (int)ceil(14/slot);
  nDec = pOpt->nDecimals>=0 ? pOpt->nDecimals : svgAutoDecimals(pK);
  bSep = fmax(fabs(ay.lo), fabs(ay.hi))>=10000.0;   /* as the axis */

  svgOpen(p, pOpt);
  rc = svgYAxis(p, &f, &ay);
  if( rc ) goto done;
  sqlite3_str_appendf(p, "<g class=\"jjj-x-ticks\" text-anchor=\"%s\" "
      "fill=\"#444444\">\n", bRotate ? "end" : "middle");
  for(i=0; i<nCat; i+=nEvery){
    const SvgKey *pCat = &pC->aKey[aCOrder[i]];
    double cx = f.x0 + (i + 0.5)*slot;
    sqlite3_str_appendall(p, "<text x=\"");
    if( bRotate ){
      int bCut, n = svgFitBytes(pCat->z, pCat->n, f.h/3.0, &bCut);
      double ty = f.y0 + f.ph + 12;
      svgNum(p, cx + 4);
      sqlite3_str_appendall(p, "\" y=\"");
      svgNum(p, ty);
      sqlite3_str_appendall(p, "\" transform=\"rotate(-45 ");
      svgNum(p, cx + 4);
      sqlite3_str_appendall(p, " ");
      svgNum(p, ty);
      sqlite3_str_appendall(p, ")\">");
      svgEsc(p, pCat->z, n);
      if( bCut ) sqlite3_str_appendall(p, "\xe2\x80\xa6");
    }else{
      svgNum(p, cx);
      sqlite3_str_appendall(p, "\" y=\"");
      svgNum(p, f.y0 + f.ph + 18);
      sqlite3_str_appendall(p, "\">");
      svgEsc(p, pCat->z, pCat->n);
    }
    sqlite3_str_appendall(p, "</text>\n");
  }
  sqlite3_str_appendall(p, "</g>\n");

  pBody = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  {
    /* bars grow from 0, or from the axis end nearest to 0 */
    double base = ay.lo>0.0 ? ay.lo : ay.hi<0.0 ? ay.hi : 0.0;
    double yBase = f.y0 + (ay.hi - base)/(ay.hi - ay.lo)*f.ph;
    for(i=0; i<nSer; i++){
      SvgKey *pKey = &pK->aKey[aOrder[i]];
      const char *zColor = svgColor(pOpt, i);
      svgSeriesOpen(pBody, pKey, zColor, bClip);
      for(j=0; j<pKey->nPt; j++){
        SvgPt *pt = &pKey->aPt[j];
        int c = (int)pt->x;
        double bx, yv, y1, y2;
        const SvgKey *pCat = &pC->aKey[aCOrder[c]];
        if( isnan(pt->y) ) continue;
        bx = f.x0 + c*slot + 0.1*slot + i*barW;
        yv = f.y0 + (ay.hi - pt->y)/(ay.hi - ay.lo)*f.ph;
        y1 = fmin(yv, yBase);
        y2 = fmax(yv, yBase);
        sqlite3_str_appendall(pBody, "<rect class=\"jjj-bar\" x=\"");
        svgNum(pBody, bx);
        sqlite3_str_appendall(pBody, "\" y=\"");
        svgNum(pBody, y1);
        sqlite3_str_appendall(pBody, "\" width=\"");
        svgNum(pBody, barW);
        sqlite3_str_appendall(pBody, "\" height=\"");
        svgNum(pBody, y2 - y1);
        sqlite3_str_appendall(pBody, "\"><title>");
        svgEsc(pBody, pCat->z, pCat->n);
        if( pKey->n ){
          sqlite3_str_appendall(pBody, ", ");
          svgEsc(pBody, pKey->z, pKey->n);
        }
        sqlite3_str_appendall(pBody, ": ");
        svgValueText(pBody, pt->y);
        sqlite3_str_appendall(pBody, "</title></rect>\n");
        if( pOpt->bLabels ){
          sqlite3_str_appendall(pBody, "<text class=\"jjj-value\" x=\"");
          svgNum(pBody, bx + barW/2);
          sqlite3_str_appendall(pBody, "\" y=\"");
          svgNum(pBody, pt->y>=base ? y1 - 3 : y2 + 11);
          sqlite3_str_appendall(pBody, "\" font-size=\"10\" "
              "text-anchor=\"middle\" fill=\"#222222\">");
          svgFmtNumber(pBody, pt->y, nDec, 0, bSep);
          sqlite3_str_appendall(pBody, "</text>\n");
        }
      }
      sqlite3_str_appendall(pBody, "</g>\n");
    }
  }
  rc = svgFinish(p, pBody, &f, bClip, pOpt, bLegend, pK, aOrder, SVG_BAR, band);

done:
  rc = svgBodyFree(pBody, rc);
  sqlite3_free(aOrder);
  sqlite3_free(aRank);
  sqlite3_free(aCOrder);
  sqlite3_free(aCRank);
  return rc;
}

/*************************************************************************
** Final
*/
static void svgAggFree(SvgAgg *p){
  sqlite3_free(p->zOpt);
  if( p->bInit ) svgOptsClear(&p->opt);
  svgKeysFree(&p->series);
  svgKeysFree(&p->cats);
}

static void svgFinal(sqlite3_context *ctx, int eKind){
  SvgAgg *p = (SvgAgg*)sqlite3_aggregate_context(ctx, 0);
  sqlite3_str *pStr;
  int rc;
  if( p==0 ){ sqlite3_result_null(ctx); return; }
  if( p->bFail || p->nRow==0 ){
    if( !p->bFail ) sqlite3_result_null(ctx);
    svgAggFree(p);
    return;
  }
  pStr = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  if( eKind==SVG_LINE ) rc = svgLineDraw(ctx, p, pStr);
  else rc = svgBarDraw(ctx, p, pStr);
  svgResult(ctx, pStr, rc);
  svgAggFree(p);
}

void jjjSvgLineFinal(sqlite3_context *ctx){ svgFinal(ctx, SVG_LINE); }
void jjjSvgBarFinal(sqlite3_context *ctx){ svgFinal(ctx, SVG_BAR); }
