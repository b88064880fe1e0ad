/*
** growth.c - growth arithmetic on any numbers: scalar functions and the
** year-keyed aggregates (also window functions).  Rates are in percent,
** in and out: 5.2 means 5.2 %.  Manual: docs/growth.md; formulas and edge
** cases: METHODS.md section 1.
**
**   SELECT jjj_cagr(100, 200, 10);                         -- 7.177...
**   SELECT year, jjj_chain_index(year, value) OVER (ORDER BY year)
**     FROM jjj_series('gdp_real_growth', 'beijing');       -- 2013 = 100
**
** Scalars (DETERMINISTIC|INNOCUOUS):
**   jjj_pct_change(v0, v1)        100*(v1/v0 - 1); v0 = 0 -> NULL; a negative
**                                 v0 keeps the arithmetic (FRED's pch)
**   jjj_log_change(v0, v1)        100*ln(v1/v0); a level <= 0 -> NULL
**   jjj_cagr(v0, v1, years)       100*((v1/v0)^(1/years) - 1); v0 <= 0,
**                                 v1 < 0 or years <= 0 -> NULL; v1 = 0 -> -100
**   jjj_doubling_time(rate)       ln 2 / ln(1 + rate/100) years; rate <= 0
**                                 -> NULL (never doubles)
**   jjj_rebase(value, base [, to = 100])   to*value/base; base = 0 -> NULL
**   jjj_real_growth(nominal_rate, inflation_rate)
**                                 100*((1+n/100)/(1+p/100) - 1) computed as
**                                 100*(n-p)/(100+p); p <= -100 or
**                                 n < -100 -> NULL
**   jjj_deflate(nominal, deflator_index)   100*nominal/deflator;
**                                 deflator <= 0 -> NULL
**   jjj_deflator(nominal, real)   implicit deflator 100*nominal/real; NULL
**                                 unless it is > 0
**   jjj_contribution(part0, part1, total0, total1)
**                                 100*(part1-part0)/(total1-total0), percent
**                                 of the total's growth (贡献率); a total
**                                 that did not change -> NULL
**   jjj_pull(part0, part1, total0)   100*(part1-part0)/total0, percentage
**                                 points of total growth (拉动); total0 = 0
**                                 -> NULL
**
** Aggregates, also window functions (year is the first argument; the rows
** may come in any order; rows with a NULL year are skipped):
**   jjj_cagr(year, value)         CAGR from the earliest to the latest year
**                                 of the group; year may be fractional
**                                 (2020.25); rows with a NULL value are
**                                 skipped; fewer than two years -> NULL
**   jjj_chain_index(year, rate)   chain-linked index, earliest year = 100,
**                                 at the latest year of the group: the
**                                 first year's rate is the growth INTO it
**                                 and is not used; each later year t gives
**                                 idx_t = idx_{t-1}*(100+r_t)/100.  A NULL
**                                 rate, a rate below -100 or a missing
**                                 year (after the first) breaks the chain:
**                                 NULL.  OVER (ORDER BY year) gives the
**                                 index of each year, NULL from a break on.
**   jjj_avg_rate(year, rate)      average annual rate, level (geometric)
**                                 method: 100*((prod(1+r/100))^(1/n) - 1)
**                                 over EVERY row (n rows); NULL on a NULL
**                                 rate, a rate below -100 or a missing
**                                 year.  Equals the CAGR of the chained
**                                 index from the year before the first.
** Years of chain_index and avg_rate are integers.  A year given twice with
** the same value counts once; twice with different values is an error
** (pick one row per year, as jjj_series does).
**
** NULL in -> NULL (scalars); any non-finite argument (+-Inf) -> NULL; text
** that does not read as a number, or a blob -> error.  Results that are
** not finite -> NULL; -0.0 is returned as 0.0.
**
** Implementation of the aggregates: every row of the frame is kept in a
** buffer of (year, value) pairs, 16 bytes a row (a window frame may lose
** rows, and the first year's row matters).  A running state is updated in
** O(1) per row while each row extends the years at either end (a window
** ORDER BY year, or ORDER BY year DESC); a year between the first and the
** last, or a row leaving the frame (xInverse), marks the state stale, and
** the next xValue/xFinal recomputes it from the buffer in ascending year
** order (sorting it if it is in neither order).  Rows added at the front
** multiply the chain's factors in the opposite order: the result may then
** differ from the ascending computation in the last digit.
*/
#include "jjj.h"
#include <math.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

/*************************************************************************
** Helpers shared with transform.c and sparkline.c
*/

/* ln(v1/v0) for v0, v1 > 0, accurate when the ratio is near 1 and
** defined when the ratio over- or underflows. */
double jjjLnRatio(double v0, double v1){
  double r = v1/v0;
  if( isfinite(r) && r>=DBL_MIN ) return log(r);
  return log(v1) - log(v0);
}

int jjjBufReserve(JjjBuf *b, size_t sz){
  if( b->nEnd==b->nAlloc ){
    sqlite3_int64 nLive = b->nEnd - b->iHead;
    char *a = (char*)b->a;
    if( b->iHead==0 || b->iHead<nLive ){
      /* less than half is free: grow (amortised doubling) */
      sqlite3_int64 nNew = b->nAlloc ? 2*b->nAlloc : 16;
      a = sqlite3_realloc64(a, (sqlite3_uint64)(sz*nNew));
      if( a==0 ) return SQLITE_NOMEM;
      b->a = a;
      b->nAlloc = nNew;
    }
    if( b->iHead>0 ) memmove(a, a + sz*b->iHead, (size_t)(sz*nLive));
    b->iHead = 0;
    b->nEnd = nLive;
  }
  return SQLITE_OK;
}

void jjjBufFree(JjjBuf *b){
  sqlite3_free(b->a);
  memset(b, 0, sizeof(*b));
}

#define GR_LN2 0.693147180559945309417232121458

/* Result a double: NULL if not finite, -0.0 as 0.0 */
void jjjGrowthResult(sqlite3_context *ctx, double r){
  if( !isfinite(r) ){
    sqlite3_result_null(ctx);
  }else{
    sqlite3_result_double(ctx, r==0.0 ? 0.0 : r);
  }
}

/* Read the n numeric arguments of a scalar into a[].  Returns JJJ_ARG_OK,
** JJJ_ARG_NULL if any is NULL or not finite (the caller returns NULL), or
** JJJ_ARG_ERROR (error set: text or blob, whatever the other arguments). */
static inline int grArgs(sqlite3_context *ctx, const char *zFn, int n,
                  sqlite3_value **argv, double *a){
  int i, eRet = JJJ_ARG_OK;
  /* the common case inline: reals and integers, finite */
  for(i=0; i<n; i++){
    int e = sqlite3_value_type(argv[i]);
    if( e==SQLITE_FLOAT ){
      a[i] = sqlite3_value_double(argv[i]);
      if( !isfinite(a[i]) ) break;
    }else if( e==SQLITE_INTEGER ){
      a[i] = (double)sqlite3_value_int64(argv[i]);
    }else{
      break;
    }
  }
  if( i==n ) return JJJ_ARG_OK;
  for(i=0; i<n; i++){
    int e = jjjArgDouble(ctx, zFn, argv, i, &a[i]);
    if( e==JJJ_ARG_ERROR ) return e;
    if( e==JJJ_ARG_NULL || !isfinite(a[i]) ) eRet = JJJ_ARG_NULL;
  }
  return eRet;
}

/* a*b/c (c != 0), in whichever order avoids an intermediate overflow */
static double grMulDiv(double a, double b, double c){
  double r = a*(b/c);
  if( isfinite(r) ) return r;
  r = (a*b)/c;
  if( isfinite(r) ) return r;
  return (a/c)*b;
}

/* CAGR in percent, NULL (returned as NaN) where undefined */
static double grCagr(double v0, double v1, double years){
  if( !(v0>0.0) || !(v1>=0.0) || !(years>0.0) ) return NAN;
  if( v1==0.0 ) return -100.0;
  return 100.0*expm1(jjjLnRatio(v0, v1)/years);
}

/*************************************************************************
** Scalars
*/
void jjjPctChangeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_pct_change", 2, argv, a)!=JJJ_ARG_OK ) return;
  if( a[0]==0.0 ) return;
  jjjGrowthResult(ctx, 100.0*(a[1]/a[0] - 1.0));
}

void jjjLogChangeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_log_change", 2, argv, a)!=JJJ_ARG_OK ) return;
  if( !(a[0]>0.0) || !(a[1]>0.0) ) return;
  jjjGrowthResult(ctx, 100.0*jjjLnRatio(a[0], a[1]));
}

void jjjCagrFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[3];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_cagr", 3, argv, a)!=JJJ_ARG_OK ) return;
  jjjGrowthResult(ctx, grCagr(a[0], a[1], a[2]));
}

void jjjDoublingTimeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double r;
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_doubling_time", 1, argv, &r)!=JJJ_ARG_OK ) return;
  if( !(r>0.0) ) return;
  jjjGrowthResult(ctx, GR_LN2/log1p(r/100.0));
}

void jjjRebaseFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[3];
  a[2] = 100.0;
  if( grArgs(ctx, "jjj_rebase", argc, argv, a)!=JJJ_ARG_OK ) return;
  if( a[1]==0.0 ) return;
  jjjGrowthResult(ctx, grMulDiv(a[2], a[0], a[1]));
}

void jjjRealGrowthFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_real_growth", 2, argv, a)!=JJJ_ARG_OK ) return;
  if( !(a[1]>-100.0) || a[0]<-100.0 ) return;
  jjjGrowthResult(ctx, 100.0*((a[0]-a[1])/(100.0+a[1])));
}

void jjjDeflateFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_deflate", 2, argv, a)!=JJJ_ARG_OK ) return;
  if( !(a[1]>0.0) ) return;
  jjjGrowthResult(ctx, 100.0*(a[0]/a[1]));
}

void jjjDeflatorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2], r;
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_deflator", 2, argv, a)!=JJJ_ARG_OK ) return;
  if( a[1]==0.0 ) return;
  r = 100.0*(a[0]/a[1]);
  if( !(r>0.0) ) return;
  jjjGrowthResult(ctx, r);
}

void jjjContributionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[4], d;
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_contribution", 4, argv, a)!=JJJ_ARG_OK ) return;
  d = a[3] - a[2];
  if( d==0.0 ) return;
  jjjGrowthResult(ctx, 100.0*((a[1]-a[0])/d));
}

void jjjPullFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[3];
  JJJ_UNUSED(argc);
  if( grArgs(ctx, "jjj_pull", 3, argv, a)!=JJJ_ARG_OK ) return;
  if( a[2]==0.0 ) return;
  jjjGrowthResult(ctx, 100.0*((a[1]-a[0])/a[2]));
}

/*************************************************************************
** Year-keyed aggregates: jjj_cagr(year, value), jjj_chain_index(year,
** rate), jjj_avg_rate(year, rate).  The kind is the user data.
*/
#define GR_MAX_YEAR (((sqlite3_int64)1)<<53)   /* years stay exact */

typedef struct GrRow GrRow;
struct GrRow {
  double x;                 /* year */
  double y;                 /* value or rate; NaN for NULL or not finite */
};

typedef struct GrAgg GrAgg;
struct GrAgg {
  JjjBuf buf;               /* the rows of the frame (GrRow) */
  int bSorted;              /* a[iHead..nEnd) is in non-decreasing x */
  int bDesc;                /* a[iHead..nEnd) is in non-increasing x */
  int bStale;               /* running state must be recomputed */
  /* Running state over the rows in year order */
  sqlite3_int64 nYear;      /* distinct years */
  double x0, y0;            /* earliest year and its value */
  double xN, yN;            /* latest year and its value */
  double rIdx;              /* chain index at xN (chain_index) */
  JjjSum sLog;              /* sum of ln(1+r/100) (avg_rate) */
  int bBreak;               /* NULL rate, bad rate or missing year */
  int bZero;                /* a rate of -100 (avg_rate) */
  double xDup, yDup1, yDup2;  /* conflict: one year, two values */
};

static const char *const azGrName[] = {
  "jjj_cagr", "jjj_chain_index", "jjj_avg_rate"
};

static int grSame(double a, double b){
  return a==b || (isnan(a) && isnan(b));
}

static void grReset(GrAgg *p){
  p->nYear = 0;
  p->bBreak = p->bZero = 0;
  p->rIdx = 100.0;
  p->sLog.s = p->sLog.c = 0.0;
}

/* Is r a rate that can be a link of a chain? */
static int grRateOk(double r){ return r>=-100.0; }   /* false for NaN */

/* Record a conflict if year x has two different values yOld and y */
static int grConflict(GrAgg *p, double x, double yOld, double y){
  if( grSame(y, yOld) ) return 0;
  p->xDup = x;
  p->yDup1 = yOld;
  p->yDup2 = y;
  return 1;
}

/* Add one link to the chain (chain_index) or the average (avg_rate): the
** rate r of a year that follows the previous one if bNext */
static void grLink(GrAgg *p, int eKind, int bNext, double r){
  if( p->bBreak ) return;
  if( !bNext || !grRateOk(r) ){
    p->bBreak = 1;
  }else if( eKind==JJJ_GROWTH_CHAIN ){
    p->rIdx = p->rIdx*(100.0+r)/100.0;
  }else if( r==-100.0 ){
    p->bZero = 1;
  }else{
    jjjSumAdd(&p->sLog, log1p(r/100.0));
  }
}

/* Add row (x, y) with x >= xN to the running state (rows in ascending
** year order).  Returns 1 on a conflicting duplicate year. */
static int grAccum(GrAgg *p, int eKind, double x, double y){
  if( p->nYear==0 ){
    p->x0 = p->xN = x;
    p->y0 = p->yN = y;
    p->nYear = 1;
    /* the first year's rate is growth INTO it: not a link of the chain */
    if( eKind==JJJ_GROWTH_AVG ) grLink(p, eKind, 1, y);
    return 0;
  }
  if( x==p->xN ) return grConflict(p, x, p->yN, y);
  if( eKind!=JJJ_GROWTH_CAGR ) grLink(p, eKind, x==p->xN+1.0, y);
  p->xN = x;
  p->yN = y;
  p->nYear++;
  return 0;
}

/* Add row (x, y) with x <= x0 at the front of a non-empty running state
** (a window in descending year order).  Returns 1 on a conflicting
** duplicate year.  The chain index then multiplies its factors in the
** opposite order, which can change the last digit. */
static int grAccumFront(GrAgg *p, int eKind, double x, double y){
  if( x==p->x0 ) return grConflict(p, x, p->y0, y);
  if( eKind==JJJ_GROWTH_CHAIN ){
    /* the old first year's rate becomes a link of the chain */
    grLink(p, eKind, p->x0==x+1.0, p->y0);
  }else if( eKind==JJJ_GROWTH_AVG ){
    grLink(p, eKind, p->x0==x+1.0, y);
  }
  p->x0 = x;
  p->y0 = y;
  p->nYear++;
  return 0;
}

static int grRowCmp(const void *pA, const void *pB){
  const GrRow *a = (const GrRow*)pA, *b = (const GrRow*)pB;
  if( a->x<b->x ) return -1;
  if( a->x>b->x ) return 1;
  if( isnan(a->y) ) return isnan(b->y) ? 0 : 1;
  if( isnan(b->y) ) return -1;
  return a->y<b->y ? -1 : a->y>b->y;
}

/* Set the duplicate-year error on ctx */
static void grDupError(sqlite3_context *ctx, int eKind, const GrAgg *p){
  char z1[40], z2[40];
  if( isnan(p->yDup1) ) sqlite3_snprintf(sizeof(z1), z1, "NULL");
  else sqlite3_snprintf(sizeof(z1), z1, "%!.15g", p->yDup1);
  if( isnan(p->yDup2) ) sqlite3_snprintf(sizeof(z2), z2, "NULL");
  else sqlite3_snprintf(sizeof(z2), z2, "%!.15g", p->yDup2);
  char zY[40];
  if( p->xDup==floor(p->xDup) && fabs(p->xDup)<=(double)GR_MAX_YEAR ){
    sqlite3_snprintf(sizeof(zY), zY, "%lld", (sqlite3_int64)p->xDup);
  }else{
    sqlite3_snprintf(sizeof(zY), zY, "%!.15g", p->xDup);
  }
  jjjResultError(ctx, azGrName[eKind], "year %s has two different "
                 "values, %s and %s: use one row per year (jjj_series "
                 "gives one)", zY, z1, z2);
}

/* Read (year, value) of a row.  Returns 0 with *px, *py set, 1 if the row
** is skipped (NULL year; NULL value for jjj_cagr), 2 on error (set). */
static int grReadRow(sqlite3_context *ctx, int eKind, sqlite3_value **argv,
                     double *px, double *py){
  const char *zFn = azGrName[eKind];
  int e;
  if( eKind==JJJ_GROWTH_CAGR ){
    e = jjjArgDouble(ctx, zFn, argv, 0, px);
    if( e==JJJ_ARG_OK && !isfinite(*px) ){
      jjjResultError(ctx, zFn, "argument 1 (year) must be finite, got %s",
                     *px>0 ? "Inf" : "-Inf");
      return 2;
    }
  }else{
    sqlite3_int64 iYear = 0;
    e = jjjArgInt(ctx, zFn, argv, 0, &iYear);
    if( e==JJJ_ARG_OK && (iYear>GR_MAX_YEAR || iYear<-GR_MAX_YEAR) ){
      jjjResultError(ctx, zFn, "argument 1 (year) must be within +-2^53, "
                     "got %lld", iYear);
      return 2;
    }
    *px = (double)iYear;
  }
  if( e==JJJ_ARG_ERROR ) return 2;
  if( e==JJJ_ARG_NULL ){
    /* still reject a value of the wrong type */
    double r;
    return jjjArgDouble(ctx, zFn, argv, 1, &r)==JJJ_ARG_ERROR ? 2 : 1;
  }
  e = jjjArgDouble(ctx, zFn, argv, 1, py);
  if( e==JJJ_ARG_ERROR ) return 2;
  if( e==JJJ_ARG_NULL ){
    if( eKind==JJJ_GROWTH_CAGR ) return 1;
    *py = NAN;
  }else if( !isfinite(*py) ){
    *py = NAN;
  }
  return 0;
}

/* grReadRow's common case inline: an integer year (a real one for
** jjj_cagr) and a numeric value.  Returns 1 with *px, *py set, or 0 when
** grReadRow must decide. */
static int grReadRowFast(int eKind, sqlite3_value **argv,
                         double *px, double *py){
  int ex = sqlite3_value_type(argv[0]);
  int ey = sqlite3_value_type(argv[1]);
  if( ey==SQLITE_FLOAT ) *py = sqlite3_value_double(argv[1]);
  else if( ey==SQLITE_INTEGER ) *py = (double)sqlite3_value_int64(argv[1]);
  else return 0;
  if( ex==SQLITE_INTEGER ){
    sqlite3_int64 i = sqlite3_value_int64(argv[0]);
    if( i>GR_MAX_YEAR || i<-GR_MAX_YEAR ) return 0;
    *px = (double)i;
  }else if( ex==SQLITE_FLOAT && eKind==JJJ_GROWTH_CAGR ){
    *px = sqlite3_value_double(argv[0]);
    if( !isfinite(*px) ) return 0;
  }else{
    return 0;
  }
  if( !isfinite(*py) ) *py = NAN;
  return 1;
}

void jjjGrowthStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eKind = (int)(intptr_t)sqlite3_user_data(ctx);
  GrAgg *p;
  GrRow *a;
  double x, y;
  JJJ_UNUSED(argc);
  if( !grReadRowFast(eKind, argv, &x, &y)
   && grReadRow(ctx, eKind, argv, &x, &y) ){
    return;
  }
  p = (GrAgg*)sqlite3_aggregate_context(ctx, sizeof(*p));
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  if( p->buf.nEnd==p->buf.nAlloc && jjjBufReserve(&p->buf, sizeof(GrRow)) ){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  a = (GrRow*)p->buf.a;
  if( p->buf.nEnd==p->buf.iHead ){
    p->bSorted = p->bDesc = 1;
    p->bStale = 0;
    grReset(p);
  }else if( x<a[p->buf.nEnd-1].x ){
    p->bSorted = 0;
  }else if( x>a[p->buf.nEnd-1].x ){
    p->bDesc = 0;
  }
  a[p->buf.nEnd].x = x;
  a[p->buf.nEnd].y = y;
  p->buf.nEnd++;
  if( p->bStale ) return;
  if( p->nYear==0 || x>=p->xN ){
    if( grAccum(p, eKind, x, y) ) grDupError(ctx, eKind, p);
  }else if( x<=p->x0 ){
    if( grAccumFront(p, eKind, x, y) ) grDupError(ctx, eKind, p);
  }else{
    p->bStale = 1;          /* a year between the first and the last */
  }
}

void jjjGrowthInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eKind = (int)(intptr_t)sqlite3_user_data(ctx);
  GrAgg *p;
  double x, y;
  sqlite3_int64 i;
  GrRow *a;
  JjjBuf *b;
  JJJ_UNUSED(argc);
  if( grReadRow(ctx, eKind, argv, &x, &y) ) return;
  p = (GrAgg*)sqlite3_aggregate_context(ctx, 0);
  if( NEVER(p==0) ) return;
  b = &p->buf;
  a = (GrRow*)b->a;
  /* SQLite removes rows in the order it added them: usually the head (not
  ** after a sort); any row equal to the departing one will do */
  for(i=b->iHead; i<b->nEnd; i++){
    if( a[i].x==x && grSame(a[i].y, y) ) break;
  }
  if( NEVER(i==b->nEnd) ) return;
  if( i==b->iHead ){
    b->iHead++;
  }else{
    memmove(&a[i], &a[i+1], sizeof(GrRow)*(size_t)(b->nEnd-i-1));
    b->nEnd--;
  }
  if( b->iHead==b->nEnd ) b->iHead = b->nEnd = 0;
  p->bStale = 1;
}

/* Compute the result for the rows in the frame */
static void grCompute(sqlite3_context *ctx, GrAgg *p){
  int eKind = (int)(intptr_t)sqlite3_user_data(ctx);
  if( p==0 || p->buf.nEnd==p->buf.iHead ) return;       /* no rows: NULL */
  if( p->bStale ){
    GrRow *a = (GrRow*)p->buf.a;
    sqlite3_int64 i, n = p->buf.nEnd - p->buf.iHead;
    int bBack = 0;
    if( !p->bSorted ){
      if( p->bDesc ){
        bBack = 1;         /* e.g. a window ORDER BY year DESC: walk back */
      }else{
        qsort(&a[p->buf.iHead], (size_t)n, sizeof(GrRow), grRowCmp);
        p->bSorted = 1;
      }
    }
    grReset(p);
    for(i=0; i<n; i++){
      const GrRow *pRow = &a[bBack ? p->buf.nEnd-1-i : p->buf.iHead+i];
      if( grAccum(p, eKind, pRow->x, pRow->y) ){
        grDupError(ctx, eKind, p);
        return;
      }
    }
    p->bStale = 0;
  }
  switch( eKind ){
    case JJJ_GROWTH_CAGR:
      if( p->nYear<2 ) return;
      jjjGrowthResult(ctx, grCagr(p->y0, p->yN, p->xN - p->x0));
      break;
    case JJJ_GROWTH_CHAIN:
      if( p->bBreak ) return;
      jjjGrowthResult(ctx, p->rIdx);
      break;
    default:
      if( p->bBreak ) return;
      if( p->bZero ){ jjjGrowthResult(ctx, -100.0); return; }
      jjjGrowthResult(ctx, 100.0*expm1(jjjSumValue(&p->sLog)/(double)p->nYear));
      break;
  }
}

void jjjGrowthValue(sqlite3_context *ctx){
  grCompute(ctx, (GrAgg*)sqlite3_aggregate_context(ctx, 0));
}

void jjjGrowthFinal(sqlite3_context *ctx){
  GrAgg *p = (GrAgg*)sqlite3_aggregate_context(ctx, 0);
  grCompute(ctx, p);
  if( p ) jjjBufFree(&p->buf);
}
