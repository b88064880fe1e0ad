/*
** inequality.c - disparity among regions: Gini, Theil T and L with
** decomposition, coefficient of variation, Williamson, Hoover, Herfindahl.
**
**   SELECT year, jjj_gini(gdp_pc), jjj_gini(gdp_pc, pop) FROM t GROUP BY year;
**   SELECT jjj_theil_t_decomp(gdp_pc, pop, province) FROM cities;
**     -- {"total":…,"between":…,"within":…,
**     --  "groups":{"BJ":{"share":…,"index":…},…}}
**
** Aggregates (all are also window functions):
**   jjj_gini(x), jjj_gini(x, w), jjj_gini_corrected(x)
**   jjj_theil_t(x [, w]), jjj_theil_l(x [, w])
**   jjj_theil_t_decomp(x [, w], group), jjj_theil_l_decomp(x [, w], group)
**   jjj_cv_pop(x), jjj_cv_samp(x), jjj_williamson(x, w), jjj_hoover(x, ref)
**   jjj_herfindahl(x), jjj_herfindahl_norm(x)
** Formulas and variants: METHODS §2 and docs/disparity.md.  Results are
** plain ratios (0.25, not 25): these are not rates.
**
** Semantics (docs/conventions.md): a row with a NULL in any argument is
** skipped; no rows give NULL; a value outside the method's domain makes
** the result NULL while it is in the frame: a negative x (Gini, Theil,
** Herfindahl, Hoover, also a negative ref), x = 0 in Theil L, a negative
** weight, an infinite value.  A row of weight 0 is ignored (after those
** checks).  Zero total (mean 0, weights summing to 0) gives NULL.  Text
** that is not a number, or a blob, is an error.  Groups are compared as
** text ('1' and 1 are one group); a blob group is an error.
**
** Memory and numerics:
**   - Gini, Theil, Williamson and Hoover buffer the frame (8 bytes a row,
**     16 with a second argument; the decompositions one buffer a group)
**     and compute in two passes; Gini sorts once (O(n log n)).  Values
**     are scaled by powers of two (exact), so 1e300-scale data work.
**   - Gini: the sorted form with the median subtracted,
**       G = sum_i (2i-n-1)(x_(i) - x_med) / (n sum x),
**     whose terms are all >= 0 (no cancellation when G is tiny); weighted
**     the same with W_<i - W_>i and the weighted median.
**   - Theil: means in double-double, then sum_i p_i h(x_i/mu - 1) with
**     h(t) = (1+t)ln(1+t) - t >= 0 (T) or t - ln(1+t) >= 0 (L), evaluated
**     through atanh series near t = 0, so near-equal data keep full
**     relative precision (the one-pass forms A/B - ln(B/W) do not).
**   - CV and Herfindahl stream in O(1) memory with the exact moment
**     accumulator (accum.c): H = 1/n + Sxx/(sum x)^2, H* = n Sxx /
**     ((n-1)(sum x)^2), exact also for near-equal shares.
**   - Window frames that shrink: the buffered aggregates drop the oldest
**     row (SQLite removes rows oldest first) and recompute on each value;
**     CV and Herfindahl use the accumulator's stable inverse.
*/
#include "jjj.h"
#include "accum.h"
#include <math.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <locale.h>

static const char *const azIneqName[] = {
  "jjj_gini", "jjj_gini", "jjj_gini_corrected",
  "jjj_theil_t", "jjj_theil_t", "jjj_theil_l", "jjj_theil_l",
  "jjj_williamson", "jjj_hoover",
  "jjj_theil_t_decomp", "jjj_theil_l_decomp",
  "jjj_cv_pop", "jjj_cv_samp", "jjj_herfindahl", "jjj_herfindahl_norm"
};

static int ineqVariant(sqlite3_context *ctx){
  return (int)(intptr_t)sqlite3_user_data(ctx);
}

/*************************************************************************
** JSON output helpers (also used by convergence.c)
*/

/* Append r as the shortest JSON number that reads back as r; null if r
** is not finite.  Independent of the C locale. */
void jjjJsonReal(sqlite3_str *pStr, double r){
  char zBuf[40];
  int prec;
  const char *zPoint;
  char *z;
  if( !isfinite(r) ){
    sqlite3_str_appendall(pStr, "null");
    return;
  }
  for(prec=15; prec<17; prec++){
    snprintf(zBuf, sizeof(zBuf), "%.*g", prec, r);
    if( strtod(zBuf, 0)==r ) break;
  }
  if( prec==17 ) snprintf(zBuf, sizeof(zBuf), "%.17g", r);
  zPoint = localeconv()->decimal_point;
  if( zPoint && zPoint[0] && (zPoint[0]!='.' || zPoint[1]) ){
    size_t nPoint = strlen(zPoint);
    z = strstr(zBuf, zPoint);
    if( z ){
      z[0] = '.';
      memmove(z+1, z+nPoint, strlen(z+nPoint)+1);
    }
  }
  sqlite3_str_appendall(pStr, zBuf);
}

/* Append z (n bytes) as a JSON string */
void jjjJsonString(sqlite3_str *pStr, const char *z, int n){
  int i;
  sqlite3_str_appendchar(pStr, 1, '"');
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c=='"' || c=='\\' ){
      sqlite3_str_appendchar(pStr, 1, '\\');
      sqlite3_str_appendchar(pStr, 1, (char)c);
    }else if( c<0x20 ){
      sqlite3_str_appendf(pStr, "\\u%04x", c);
    }else{
      sqlite3_str_appendchar(pStr, 1, (char)c);
    }
  }
  sqlite3_str_appendchar(pStr, 1, '"');
}

/*************************************************************************
** Small numeric helpers
*/

/* The power of two 2^-k with m < 2^k (m >= 0 finite), to scale values
** whose maximum is m into [0, 1).  1 for m = 0. */
static double ineqScale(double m){
  int k;
  if( m<=0.0 ) return 1.0;
  (void)frexp(m, &k);
  if( k<-1000 ) k = -1000;
  return ldexp(1.0, -k);
}

/* Theil's terms in t = x/mu - 1 (t >= -1), both >= 0 and ~t^2/2 near 0:
**   f(t) = (1+t) ln(1+t) - t     (T; f(-1) = 1: 0 ln 0 = 0)
**   g(t) = t - ln(1+t)           (L; t > -1)
** For -1/2 <= t <= 1 the direct forms cancel; there, with u = t/(2+t),
** ln(1+t) = 2 atanh(u) and A = atanh(u) - u = u^3/3 + u^5/5 + ...:
**   f = 2 (u^2 + (1+u) A) / (1-u),   g = 2 (u^2 - (1-u) A) / (1-u). */
static double theilAtanhRest(double u){     /* |u| <= 1/3 */
  /* u^3 P(u^2), P(w) = sum_k w^k/(2k+3), Horner; the degree is the
  ** smallest whose first omitted term is below 2^-56 of the sum */
  static const double c[17] = {
    1.0/3, 1.0/5, 1.0/7, 1.0/9, 1.0/11, 1.0/13, 1.0/15, 1.0/17, 1.0/19,
    1.0/21, 1.0/23, 1.0/25, 1.0/27, 1.0/29, 1.0/31, 1.0/33, 1.0/35
  };
  double w = u*u, p;
  int k = w<0.0009765625 ? 5 : (w<0.015625 ? 9 : 16);   /* 2^-10, 2^-6 */
  p = c[k];
  while( k>0 ) p = p*w + c[--k];
  return u*w*p;
}
static double theilF(double t){
  if( t<=-1.0 ) return 1.0;
  if( t>=-0.5 && t<=1.0 ){
    double u = t/(2.0+t);
    double a = theilAtanhRest(u);
    return 2.0*(u*u + (1.0+u)*a)/(1.0-u);
  }
  return (1.0+t)*log1p(t) - t;
}
static double theilG(double t){
  if( t>=-0.5 && t<=1.0 ){
    double u = t/(2.0+t);
    double a = theilAtanhRest(u);
    return 2.0*(u*u - (1.0-u)*a)/(1.0-u);
  }
  return t - log1p(t);
}

/* (x - mu)/mu with mu in double-double: x - mu.hi is exact when they are
** within a factor 2, which is where it matters */
static double theilT(double x, JjjDd mu){
  return ((x - mu.hi) - mu.lo)/mu.hi;
}

/* Largest column iCol of n rows (values are >= 0 or callers take |x|) */
static double rowsMaxAbs(const double *a, sqlite3_int64 n, int nCol, int iCol){
  double m = 0.0;
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    double v = fabs(a[i*nCol + iCol]);
    if( v>m ) m = v;
  }
  return m;
}

/*************************************************************************
** Reading a row.  Returns ROW_OK with the values in a[], ROW_SKIP (a
** NULL, or a weight of 0), ROW_BAD (outside the domain) or ROW_ERROR
** (an error is set on ctx).
*/
#define ROW_OK    0
#define ROW_SKIP  1
#define ROW_BAD   2
#define ROW_ERROR 3

static int ineqRow(sqlite3_context *ctx, int eFn, int nNum,
                   sqlite3_value **argv, double *a){
  int i, bNull = 0;
  if( !jjjAccArgsFast(nNum, argv, a) ){
    const char *zFn = azIneqName[eFn];
    for(i=0; i<nNum; i++){
      int rc = jjjArgDouble(ctx, zFn, argv, i, &a[i]);
      if( rc==JJJ_ARG_ERROR ) return ROW_ERROR;
      if( rc==JJJ_ARG_NULL ) bNull = 1;
    }
    if( bNull ) return ROW_SKIP;
  }
  for(i=0; i<nNum; i++){
    if( !isfinite(a[i]) ) return ROW_BAD;
  }
  switch( eFn ){
    case JJJ_INEQ_WILLIAMSON:                 /* x of any sign */
      break;
    case JJJ_INEQ_HOOVER:
      if( a[1]<0.0 ) return ROW_BAD;
      /* fall through */
    default:
      if( a[0]<0.0 ) return ROW_BAD;
      break;
  }
  if( nNum>1 && eFn!=JJJ_INEQ_HOOVER ){
    if( a[1]<0.0 ) return ROW_BAD;
    if( a[1]==0.0 ) return ROW_SKIP;
  }
  if( (eFn==JJJ_INEQ_THEIL_L || eFn==JJJ_INEQ_THEIL_L_W
       || eFn==JJJ_INEQ_THEIL_L_DECOMP) && a[0]==0.0 ){
    return ROW_BAD;
  }
  return ROW_OK;
}

/*************************************************************************
** The buffered aggregates: Gini, Theil, Williamson, Hoover
*/
typedef struct IneqBuf IneqBuf;
struct IneqBuf {
  JjjRows rows;              /* the frame's rows in the domain */
  sqlite3_int64 nBad;         /* rows of the frame outside the domain */
  double *aSort;              /* window use: a sorted copy of the frame */
  sqlite3_int64 nSort;        /* rows allocated in aSort */
};

static int ineqCols(int eFn){
  switch( eFn ){
    case JJJ_INEQ_GINI_W: case JJJ_INEQ_THEIL_T_W: case JJJ_INEQ_THEIL_L_W:
    case JJJ_INEQ_WILLIAMSON: case JJJ_INEQ_HOOVER:
      return 2;
  }
  return 1;
}

void jjjIneqBufStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eFn = ineqVariant(ctx);
  double a[2];
  IneqBuf *p;
  int e = ineqRow(ctx, eFn, argc, argv, a);
  if( e==ROW_ERROR || e==ROW_SKIP ) return;
  p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  if( e==ROW_BAD ){
    p->nBad++;
  }else if( jjjRowsPushFast(&p->rows, argc, a) ){
    sqlite3_result_error_nomem(ctx);
  }
}

void jjjIneqBufInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eFn = ineqVariant(ctx);
  double a[2];
  IneqBuf *p;
  int e = ineqRow(ctx, eFn, argc, argv, a);
  if( e==ROW_ERROR || e==ROW_SKIP ) return;
  p = sqlite3_aggregate_context(ctx, 0);
  if( p==0 ) return;
  if( e==ROW_BAD ) p->nBad--;
  else jjjRowsPop(&p->rows);
}

/* Sorting the frame (Gini): an introsort with the comparison inline,
** about 3 times faster than qsort() with a callback.  Quicksort with a
** median-of-three pivot, insertion sort below 16 elements, heapsort
** when the depth passes 2 log2 n (so O(n log n) always).  SORT_NAME
** sorts rows of SORT_N doubles by their first; no NaN reach it. */
#define SORT_SWAP(a, i, j, N) do{ int k_; for(k_=0; k_<N; k_++){ \
  double t_ = a[(i)*N+k_]; a[(i)*N+k_] = a[(j)*N+k_]; a[(j)*N+k_] = t_; } \
}while(0)
#define SORT_DEFINE(NAME, N) \
static void NAME##Sift(double *a, sqlite3_int64 i, sqlite3_int64 n){ \
  for(;;){ \
    sqlite3_int64 c = 2*i + 1; \
    if( c>=n ) return; \
    if( c+1<n && a[(c+1)*N]>a[c*N] ) c++; \
    if( !(a[c*N]>a[i*N]) ) return; \
    SORT_SWAP(a, i, c, N); \
    i = c; \
  } \
} \
static void NAME(double *a, sqlite3_int64 n, int nDepth){ \
  while( n>16 ){ \
    sqlite3_int64 i, j, m = n/2; \
    double v; \
    if( nDepth--<=0 ){ \
      for(i=n/2; i>0; i--) NAME##Sift(a, i-1, n); \
      for(i=n-1; i>0; i--){ SORT_SWAP(a, 0, i, N); NAME##Sift(a, 0, i); } \
      return; \
    } \
    /* median of three to a[0], sentinels a[1] <= it <= a[n-1] */ \
    if( a[m*N]<a[0] ) SORT_SWAP(a, m, 0, N); \
    if( a[(n-1)*N]<a[0] ) SORT_SWAP(a, n-1, 0, N); \
    if( a[(n-1)*N]<a[m*N] ) SORT_SWAP(a, n-1, m, N); \
    SORT_SWAP(a, m, 1, N); \
    SORT_SWAP(a, 0, 1, N); \
    v = a[0]; \
    i = 1; j = n-1; \
    for(;;){ \
      do{ i++; }while( a[i*N]<v ); \
      do{ j--; }while( a[j*N]>v ); \
      if( i>=j ) break; \
      SORT_SWAP(a, i, j, N); \
    } \
    SORT_SWAP(a, 0, j, N); \
    /* recurse into the smaller side, loop on the larger */ \
    if( j<n-j-1 ){ \
      NAME(a, j, nDepth); \
      a += (j+1)*N; n -= j+1; \
    }else{ \
      NAME(a + (j+1)*N, n-j-1, nDepth); \
      n = j; \
    } \
  } \
  { \
    sqlite3_int64 i, j; \
    for(i=1; i<n; i++){ \
      for(j=i; j>0 && a[j*N]<a[(j-1)*N]; j--) SORT_SWAP(a, j, j-1, N); \
    } \
  } \
}
/* Frames of at least this many values are radix-sorted at the end */
#define JJJ_INEQ_RADIX 4096

SORT_DEFINE(ineqSort1, 1)
SORT_DEFINE(ineqSort2, 2)

/* LSD radix sort of n doubles >= 0 (-0.0 sorts as 0.0) by their bits,
** a byte a pass, passes where every value has the same byte skipped;
** aTmp has room for n.  O(n): the final sort of a large frame. */
static void ineqRadixSort(double *a, double *aTmp, sqlite3_int64 n){
  sqlite3_int64 aCount[8][256];
  sqlite3_int64 i;
  int k;
  double *pSrc = a, *pDst = aTmp;
  memset(aCount, 0, sizeof(aCount));
  for(i=0; i<n; i++){
    sqlite3_uint64 u;
    memcpy(&u, &a[i], 8);
    if( u>>63 ){ u = 0; a[i] = 0.0; }       /* -0.0 */
    for(k=0; k<8; k++) aCount[k][(u>>(8*k)) & 0xff]++;
  }
  for(k=0; k<8; k++){
    sqlite3_int64 *c = aCount[k], sum = 0;
    double *pT;
    int b;
    for(b=0; b<256 && c[b]!=n; b++){}
    if( b<256 ) continue;                   /* one bucket: nothing to do */
    for(b=0; b<256; b++){ sqlite3_int64 t = c[b]; c[b] = sum; sum += t; }
    for(i=0; i<n; i++){
      sqlite3_uint64 u;
      memcpy(&u, &pSrc[i], 8);
      pDst[c[(u>>(8*k)) & 0xff]++] = pSrc[i];
    }
    pT = pSrc; pSrc = pDst; pDst = pT;
  }
  if( pSrc!=a ) memcpy(a, pSrc, (size_t)n*sizeof(double));
}

/* Sort n rows of nCol (1 or 2) doubles by the first */
static void ineqSort(double *a, sqlite3_int64 n, int nCol){
  int nDepth = 0;
  sqlite3_int64 m;
  for(m=n; m>1; m>>=1) nDepth += 2;
  if( nCol==1 ) ineqSort1(a, n, nDepth);
  else ineqSort2(a, n, nDepth);
}

/* Gini of n sorted values (ascending, >= 0), or with bCorrected the
** small-sample form n/(n-1) G.  0 if undefined. */
static int giniSorted(const double *x, sqlite3_int64 n, int bCorrected,
                      double *pr){
  double sc = ineqScale(x[n-1]);
  double c = x[(n+1)/2 - 1]*sc;      /* the (upper) median */
  JjjSum num = {0,0}, tot = {0,0};
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    double xi = x[i]*sc;
    jjjSumAdd(&tot, xi);
    jjjSumAdd(&num, (double)(2*i + 1 - n)*(xi - c));
  }
  if( jjjSumValue(&tot)<=0.0 || (bCorrected && n<2) ) return 0;
  *pr = jjjSumValue(&num)/((double)(n - (bCorrected!=0))*jjjSumValue(&tot));
  return 1;
}

/* Weighted Gini of n (x, w) rows sorted by x; weights > 0 */
static int giniWSorted(const double *a, sqlite3_int64 n, double *pr){
  double sx = ineqScale(a[2*(n-1)]);
  double sw = ineqScale(rowsMaxAbs(a, n, 2, 1));
  JjjSum sumW = {0,0}, sumB = {0,0}, lt = {0,0}, num = {0,0};
  double W, c = 0.0;
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    jjjSumAdd(&sumW, a[2*i+1]*sw);
    jjjSumAdd(&sumB, (a[2*i+1]*sw)*(a[2*i]*sx));
  }
  W = jjjSumValue(&sumW);
  if( W<=0.0 || jjjSumValue(&sumB)<=0.0 ) return 0;
  /* c: x at the first row whose coefficient W_<i - W_>i is >= 0 */
  for(i=0; i<n; i++){
    double w = a[2*i+1]*sw;
    if( 2.0*jjjSumValue(&lt) + w - W>=0.0 ){ c = a[2*i]*sx; break; }
    jjjSumAdd(&lt, w);
  }
  lt.s = lt.c = 0.0;
  for(i=0; i<n; i++){
    double w = a[2*i+1]*sw;
    double coef = 2.0*jjjSumValue(&lt) + w - W;
    jjjSumAdd(&num, w*(a[2*i]*sx - c)*coef);
    jjjSumAdd(&lt, w);
  }
  *pr = jjjSumValue(&num)/(W*jjjSumValue(&sumB));
  if( *pr<0.0 ) *pr = 0.0;
  return 1;
}

/* Weighted sums W = sum w and B = sum w x in double-double, with x and w
** multiplied by sx and sw; nCol 1 means unit weights */
static void theilSums(const double *a, sqlite3_int64 n, int nCol,
                      double sx, double sw, JjjDd *pW, JjjDd *pB){
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    double x = a[i*nCol]*sx;
    if( nCol>1 ){
      double w = a[i*nCol+1]*sw;
      *pW = jjjDdAddD(*pW, w);
      *pB = jjjDdAdd(*pB, jjjDdTwoProd(w, x));
    }else{
      *pW = jjjDdAddD(*pW, 1.0);
      *pB = jjjDdAddD(*pB, x);
    }
  }
}

/* sum w h((x - mu)/mu), h = f (T) or g (L) */
static double theilDev(const double *a, sqlite3_int64 n, int nCol,
                       double sx, double sw, JjjDd mu, int bL){
  JjjSum s = {0,0};
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    double t = theilT(a[i*nCol]*sx, mu);
    double w = nCol>1 ? a[i*nCol+1]*sw : 1.0;
    jjjSumAdd(&s, w*(bL ? theilG(t) : theilF(t)));
  }
  return jjjSumValue(&s);
}

static int theilIndex(const double *a, sqlite3_int64 n, int nCol, int bL,
                      double *pr){
  double sx = ineqScale(rowsMaxAbs(a, n, nCol, 0));
  double sw = nCol>1 ? ineqScale(rowsMaxAbs(a, n, nCol, 1)) : 1.0;
  JjjDd W = {0,0}, B = {0,0}, mu;
  theilSums(a, n, nCol, sx, sw, &W, &B);
  if( B.hi<=0.0 || W.hi<=0.0 ) return 0;
  mu = jjjDdDiv(B, W);
  *pr = theilDev(a, n, nCol, sx, sw, mu, bL)/W.hi;
  return 1;
}

/* Williamson: sqrt(sum p (x - mu_w)^2) / |mu_w| */
static int williamson(const double *a, sqlite3_int64 n, double *pr){
  double sx = ineqScale(rowsMaxAbs(a, n, 2, 0));
  double sw = ineqScale(rowsMaxAbs(a, n, 2, 1));
  JjjDd W = {0,0}, B = {0,0}, mu;
  JjjSum ss = {0,0};
  sqlite3_int64 i;
  theilSums(a, n, 2, sx, sw, &W, &B);
  if( W.hi<=0.0 || B.hi==0.0 ) return 0;
  mu = jjjDdDiv(B, W);
  for(i=0; i<n; i++){
    double d = (a[2*i]*sx - mu.hi) - mu.lo;
    jjjSumAdd(&ss, a[2*i+1]*sw*d*d);
  }
  *pr = sqrt(jjjSumValue(&ss)/W.hi)/fabs(mu.hi);
  return 1;
}

/* Hoover: 1/2 sum |x_i/X - r_i/R| = 1/2 sum |x_i R - r_i X| / (X R) */
static int hoover(const double *a, sqlite3_int64 n, double *pr){
  double sx = ineqScale(rowsMaxAbs(a, n, 2, 0));
  double sr = ineqScale(rowsMaxAbs(a, n, 2, 1));
  JjjDd X = {0,0}, R = {0,0};
  JjjSum s = {0,0};
  sqlite3_int64 i;
  for(i=0; i<n; i++){
    X = jjjDdAddD(X, a[2*i]*sx);
    R = jjjDdAddD(R, a[2*i+1]*sr);
  }
  if( X.hi<=0.0 || R.hi<=0.0 ) return 0;
  for(i=0; i<n; i++){
    JjjDd d = jjjDdSub(jjjDdMulD(R, a[2*i]*sx), jjjDdMulD(X, a[2*i+1]*sr));
    jjjSumAdd(&s, fabs(d.hi));
  }
  *pr = 0.5*jjjSumValue(&s)/(X.hi*R.hi);
  return 1;
}

static void ineqBufResult(sqlite3_context *ctx, int bFinal){
  int eFn = ineqVariant(ctx);
  IneqBuf *p = sqlite3_aggregate_context(ctx, 0);
  int nCol = ineqCols(eFn);
  sqlite3_int64 n = p ? p->rows.nRow : 0;
  double *a = p ? jjjRowsLive(&p->rows, nCol) : 0;
  double r = 0.0;
  int bOk = 0, bOom = 0;
  if( p==0 || p->nBad>0 || n==0 ) goto done;
  if( eFn==JJJ_INEQ_GINI || eFn==JJJ_INEQ_GINI_CORRECTED
   || eFn==JJJ_INEQ_GINI_W ){
    if( !bFinal ){
      /* window use: sort a copy, the frame keeps its order */
      if( p->nSort<n ){
        double *aNew = sqlite3_realloc64(p->aSort,
                                (sqlite3_uint64)(n*nCol)*sizeof(double));
        if( aNew==0 ){ sqlite3_result_error_nomem(ctx); return; }
        p->aSort = aNew;
        p->nSort = n;
      }
      memcpy(p->aSort, a, (size_t)(n*nCol)*sizeof(double));
      a = p->aSort;
    }
    if( bFinal && nCol==1 && n>=JJJ_INEQ_RADIX ){
      /* a large frame: radix sort, the buffer's free tail as work space
      ** (grown to 2n if need be: 16 bytes a value) */
      JjjRows *pR = &p->rows;
      if( pR->iHead + 2*n > pR->nAlloc ){
        double *aNew = sqlite3_realloc64(pR->a,
                          (sqlite3_uint64)(pR->iHead + 2*n)*sizeof(double));
        if( aNew==0 ){ bOom = 1; goto done; }
        pR->a = aNew;
        pR->nAlloc = pR->iHead + 2*n;
        a = jjjRowsLive(pR, 1);
      }
      ineqRadixSort(a, a + n, n);
    }else{
      ineqSort(a, n, nCol);
    }
    if( eFn==JJJ_INEQ_GINI_W ){
      bOk = giniWSorted(a, n, &r);
    }else{
      bOk = giniSorted(a, n, eFn==JJJ_INEQ_GINI_CORRECTED, &r);
    }
  }else if( eFn==JJJ_INEQ_WILLIAMSON ){
    bOk = williamson(a, n, &r);
  }else if( eFn==JJJ_INEQ_HOOVER ){
    bOk = hoover(a, n, &r);
  }else{
    bOk = theilIndex(a, n, nCol,
                     eFn==JJJ_INEQ_THEIL_L || eFn==JJJ_INEQ_THEIL_L_W, &r);
  }
done:
  if( bOom ) sqlite3_result_error_nomem(ctx);
  else if( bOk ) jjjResultFinite(ctx, r);
  else sqlite3_result_null(ctx);
  if( bFinal && p ){
    jjjRowsFree(&p->rows);
    sqlite3_free(p->aSort);
    memset(p, 0, sizeof(*p));
  }
}

void jjjIneqBufValue(sqlite3_context *ctx){ ineqBufResult(ctx, 0); }
void jjjIneqBufFinal(sqlite3_context *ctx){ ineqBufResult(ctx, 1); }

/*************************************************************************
** Theil decomposition: one row buffer per group, groups sorted by key
*/
typedef struct IneqGroup IneqGroup;
struct IneqGroup {
  char *zKey;                 /* the group as text (not terminated) */
  int nKey;
  JjjRows rows;
  JjjDd W, B;                 /* scratch for the computation: sums, */
  double rShare, rIndex;      /* the group's share and index */
};
typedef struct IneqDecomp IneqDecomp;
struct IneqDecomp {
  IneqGroup *aGroup;          /* sorted by key (memcmp, then length) */
  int nGroup;
  int nAlloc;
  int iLast;                  /* the group of the previous row */
  int nCol;                   /* 1, or 2 with weights */
  sqlite3_int64 nBad;         /* rows of the frame outside the domain */
};

static int groupCmp(const IneqGroup *g, const char *z, int n){
  int c = memcmp(g->zKey, z, (size_t)(g->nKey<n ? g->nKey : n));
  return c ? c : g->nKey - n;
}

/* Find group z/n; with bCreate, insert it if absent.  Returns its index,
** -1 if absent, -2 on OOM. */
static int decompGroup(IneqDecomp *p, const char *z, int n, int bCreate){
  int lo = 0, hi = p->nGroup;
  IneqGroup *g;
  if( p->iLast<p->nGroup && groupCmp(&p->aGroup[p->iLast], z, n)==0 ){
    return p->iLast;
  }
  while( lo<hi ){
    int mid = (lo+hi)/2;
    int c = groupCmp(&p->aGroup[mid], z, n);
    if( c==0 ){ p->iLast = mid; return mid; }
    if( c<0 ) lo = mid+1; else hi = mid;
  }
  if( !bCreate ) return -1;
  if( p->nGroup>=p->nAlloc ){
    int nNew = p->nAlloc ? 2*p->nAlloc : 8;
    IneqGroup *aNew = sqlite3_realloc64(p->aGroup,
                                       (sqlite3_uint64)nNew*sizeof(IneqGroup));
    if( aNew==0 ) return -2;
    p->aGroup = aNew;
    p->nAlloc = nNew;
  }
  g = &p->aGroup[lo];
  memmove(g+1, g, (size_t)(p->nGroup - lo)*sizeof(IneqGroup));
  memset(g, 0, sizeof(*g));
  g->zKey = sqlite3_malloc64(n>0 ? (sqlite3_uint64)n : 1);
  if( g->zKey==0 ){
    memmove(g, g+1, (size_t)(p->nGroup - lo)*sizeof(IneqGroup));
    return -2;
  }
  memcpy(g->zKey, z, (size_t)n);
  g->nKey = n;
  p->nGroup++;
  p->iLast = lo;
  return lo;
}

/* Read a decomposition row: the numbers, and the group's text */
static int decompRow(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                     double *a, const char **pz, int *pn){
  int eFn = ineqVariant(ctx);
  sqlite3_value *pGroup = argv[argc-1];
  int e = ineqRow(ctx, eFn, argc-1, argv, a);
  if( e==ROW_ERROR ) return e;
  switch( sqlite3_value_type(pGroup) ){
    case SQLITE_NULL:
      return ROW_SKIP;
    case SQLITE_BLOB: {
      char *zRepr = jjjValueRepr(pGroup);
      if( zRepr==0 ){ sqlite3_result_error_nomem(ctx); return ROW_ERROR; }
      jjjResultError(ctx, azIneqName[eFn],
                     "argument %d (the group) must be text or a number, got %s",
                     argc, zRepr);
      sqlite3_free(zRepr);
      return ROW_ERROR;
    }
  }
  if( e!=ROW_OK ) return e;
  *pz = (const char*)sqlite3_value_text(pGroup);
  *pn = sqlite3_value_bytes(pGroup);
  if( *pz==0 ){ sqlite3_result_error_nomem(ctx); return ROW_ERROR; }
  return ROW_OK;
}

/* xStep (bRemove 0) and xInverse (1): the row joins or leaves its
** group's buffer (a row outside the domain is counted apart) */
static void decompPut(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                      int bRemove){
  double a[2];
  const char *z = 0;
  int n = 0, e, iGroup;
  IneqDecomp *p;
  e = decompRow(ctx, argc, argv, a, &z, &n);
  if( e==ROW_ERROR || e==ROW_SKIP ) return;
  p = sqlite3_aggregate_context(ctx, bRemove ? 0 : (int)sizeof(*p));
  if( p==0 ){
    if( !bRemove ) sqlite3_result_error_nomem(ctx);
    return;
  }
  p->nCol = argc-1;          /* the same on every row: the arity */
  if( e==ROW_BAD ){ p->nBad += bRemove ? -1 : 1; return; }
  if( bRemove ){
    iGroup = decompGroup(p, z, n, 0);
    if( iGroup>=0 ) jjjRowsPop(&p->aGroup[iGroup].rows);
    return;
  }
  iGroup = decompGroup(p, z, n, 1);
  if( iGroup<0 || jjjRowsPush(&p->aGroup[iGroup].rows, argc-1, a) ){
    sqlite3_result_error_nomem(ctx);
  }
}

void jjjIneqDecompStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  decompPut(ctx, argc, argv, 0);
}

void jjjIneqDecompInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  decompPut(ctx, argc, argv, 1);
}

/* The decomposition as JSON into pStr; returns 0 if undefined (NULL) */
static int decompJson(IneqDecomp *p, int bL, sqlite3_str *pStr){
  int nCol = p ? p->nCol : 0;
  double mx = 0.0, mw = 0.0, sx, sw;
  JjjDd W = {0,0}, B = {0,0}, mu;
  JjjSum sTot = {0,0}, sBetween = {0,0}, sWithin = {0,0};
  sqlite3_int64 nAll = 0;
  int i, bFirst = 1;
  if( p==0 || p->nBad>0 ) return 0;
  for(i=0; i<p->nGroup; i++){
    JjjRows *r = &p->aGroup[i].rows;
    double *a = jjjRowsLive(r, nCol);
    double m;
    nAll += r->nRow;
    m = rowsMaxAbs(a, r->nRow, nCol, 0);
    if( m>mx ) mx = m;
    if( nCol>1 ){
      m = rowsMaxAbs(a, r->nRow, nCol, 1);
      if( m>mw ) mw = m;
    }
  }
  if( nAll==0 ) return 0;
  sx = ineqScale(mx);
  sw = ineqScale(mw);
  for(i=0; i<p->nGroup; i++){
    IneqGroup *g = &p->aGroup[i];
    g->W.hi = g->W.lo = g->B.hi = g->B.lo = 0.0;
    theilSums(jjjRowsLive(&g->rows, nCol), g->rows.nRow, nCol, sx, sw,
              &g->W, &g->B);
    W = jjjDdAdd(W, g->W);
    B = jjjDdAdd(B, g->B);
  }
  if( W.hi<=0.0 || B.hi<=0.0 ) return 0;
  mu = jjjDdDiv(B, W);
  for(i=0; i<p->nGroup; i++){
    IneqGroup *g = &p->aGroup[i];
    const double *a = jjjRowsLive(&g->rows, nCol);
    double P;
    if( g->rows.nRow==0 ) continue;
    jjjSumAdd(&sTot, theilDev(a, g->rows.nRow, nCol, sx, sw, mu, bL));
    P = g->W.hi/W.hi;
    g->rShare = bL ? P : g->B.hi/B.hi;
    if( g->B.hi>0.0 ){
      /* between: sum_g P_g h(mu_g/mu - 1), within: sum_g share_g index_g */
      JjjDd muG = jjjDdDiv(g->B, g->W);
      double tG = jjjDdSub(muG, mu).hi/mu.hi;
      jjjSumAdd(&sBetween, P*(bL ? theilG(tG) : theilF(tG)));
      g->rIndex = theilDev(a, g->rows.nRow, nCol, sx, sw, muG, bL)/g->W.hi;
      jjjSumAdd(&sWithin, g->rShare*g->rIndex);
    }else{
      /* T with a group of zeros: index undefined, no within part */
      jjjSumAdd(&sBetween, P*theilF(-1.0));
      g->rIndex = NAN;
    }
  }
  sqlite3_str_appendall(pStr, "{\"total\":");
  jjjJsonReal(pStr, jjjSumValue(&sTot)/W.hi);
  sqlite3_str_appendall(pStr, ",\"between\":");
  jjjJsonReal(pStr, jjjSumValue(&sBetween));
  sqlite3_str_appendall(pStr, ",\"within\":");
  jjjJsonReal(pStr, jjjSumValue(&sWithin));
  sqlite3_str_appendall(pStr, ",\"groups\":{");
  for(i=0; i<p->nGroup; i++){
    IneqGroup *g = &p->aGroup[i];
    if( g->rows.nRow==0 ) continue;
    if( !bFirst ) sqlite3_str_appendchar(pStr, 1, ',');
    bFirst = 0;
    jjjJsonString(pStr, g->zKey, g->nKey);
    sqlite3_str_appendall(pStr, ":{\"share\":");
    jjjJsonReal(pStr, g->rShare);
    sqlite3_str_appendall(pStr, ",\"index\":");
    jjjJsonReal(pStr, g->rIndex);
    sqlite3_str_appendchar(pStr, 1, '}');
  }
  sqlite3_str_appendall(pStr, "}}");
  return 1;
}

static void ineqDecompResult(sqlite3_context *ctx, int bFinal){
  int eFn = ineqVariant(ctx);
  IneqDecomp *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_str *pStr = sqlite3_str_new(0);
  if( decompJson(p, eFn==JJJ_INEQ_THEIL_L_DECOMP, pStr) ){
    jjjResultStr(ctx, pStr);
  }else{
    sqlite3_free(sqlite3_str_finish(pStr));
    sqlite3_result_null(ctx);
  }
  if( bFinal && p ){
    int i;
    for(i=0; i<p->nGroup; i++){
      sqlite3_free(p->aGroup[i].zKey);
      jjjRowsFree(&p->aGroup[i].rows);
    }
    sqlite3_free(p->aGroup);
    memset(p, 0, sizeof(*p));
  }
}

void jjjIneqDecompValue(sqlite3_context *ctx){ ineqDecompResult(ctx, 0); }
void jjjIneqDecompFinal(sqlite3_context *ctx){ ineqDecompResult(ctx, 1); }

/*************************************************************************
** Streaming: coefficient of variation and Herfindahl (accum.c)
*/
/* The state is a JjjAccDom; Herfindahl counts negative values apart */
typedef JjjAccDom IneqAcc;

static int ineqAccBad(sqlite3_context *ctx, double x){
  int eFn;
  if( !(x<0.0) ) return 0;
  eFn = ineqVariant(ctx);
  return eFn==JJJ_INEQ_HERFINDAHL || eFn==JJJ_INEQ_HERFINDAHL_NORM;
}

/* xStep (bRemove 0) and xInverse (1) on the general road */
static JJJ_NOINLINE void ineqAccPut(sqlite3_context *ctx,
                                    sqlite3_value **argv, int bRemove){
  double x;
  IneqAcc *p = jjjAccDomRow(ctx, azIneqName[ineqVariant(ctx)], argv,
                            !bRemove, &x);
  if( p ) jjjAccDomPut(ctx, p, ineqAccBad(ctx, x), x, bRemove);
}

/* The common road inline: a number that is not negative, the fast sums
** running */
void jjjIneqAccStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double x;
  IneqAcc *p;
  JJJ_UNUSED(argc);
  if( jjjAccArg1(argv[0], &x) && x>=0.0
   && (p = sqlite3_aggregate_context(ctx, (int)sizeof(*p)))!=0
   && p->acc.eHot==1 && jjjAccumHot1(&p->acc, x) ){
    return;
  }
  ineqAccPut(ctx, argv, 0);
}

void jjjIneqAccInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JJJ_UNUSED(argc);
  ineqAccPut(ctx, argv, 1);
}

static void ineqAccResult(sqlite3_context *ctx, int bFinal){
  IneqAcc *p = sqlite3_aggregate_context(ctx, 0);
  JjjAccum *q = p ? &p->acc : 0;
  int eFn = ineqVariant(ctx);
  double r = 0.0;
  int bOk = 0;
  if( jjjAccumReady(ctx, q, bFinal) ) goto done;
  if( p==0 || p->nBad>0 ){
    bOk = 0;
  }else if( eFn==JJJ_INEQ_CV_POP || eFn==JJJ_INEQ_CV_SAMP ){
    bOk = jjjAccumCv(q, eFn==JJJ_INEQ_CV_SAMP, &r);
  }else if( q->nInf==0 && q->n>0 && q->x.s.hi>0.0 ){
    /* Herfindahl: sum s^2 = (n Sxx + (sum x)^2) / (n (sum x)^2), and
    ** normalised n Sxx / ((n-1) (sum x)^2), in double-double (the scale
    ** cancels) */
    JjjDd s2 = jjjDdMul(q->x.s, q->x.s);
    double n = (double)q->n;
    if( eFn==JJJ_INEQ_HERFINDAHL ){
      r = jjjDdDiv(jjjDdAdd(jjjDdMulD(q->x.ss, n), s2), jjjDdMulD(s2, n)).hi;
      bOk = 1;
    }else if( q->n>1 ){
      r = jjjDdDiv(jjjDdMulD(q->x.ss, n), jjjDdMulD(s2, n - 1.0)).hi;
      bOk = 1;
    }
  }
  if( bOk ) jjjResultFinite(ctx, r);
  else sqlite3_result_null(ctx);
done:
  if( bFinal && p ) jjjAccumFree(&p->acc);
}

void jjjIneqAccValue(sqlite3_context *ctx){ ineqAccResult(ctx, 0); }
void jjjIneqAccFinal(sqlite3_context *ctx){ ineqAccResult(ctx, 1); }
