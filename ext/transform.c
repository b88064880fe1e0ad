/*
** transform.c - jjj_transform(value, units [, obs_per_year = 1]): FRED's
** units transformations as a window function.  Manual: docs/growth.md;
** formulas: METHODS.md 1.1 (fredhelp.stlouisfed.org, "What formulas are
** used to calculate growth rates?").
**
**   SELECT year, jjj_transform(value, 'pch') OVER (ORDER BY year)
**     FROM jjj_series('gdp', 'beijing');
**   SELECT q, jjj_transform(v, 'pc1', 4) OVER (ORDER BY q) FROM quarterly;
**
** units (case-insensitive), x(t) the current row, n = obs_per_year:
**   lin  x(t)                          chg  x(t) - x(t-1)
**   ch1  x(t) - x(t-n)                 pch  100*(x(t)/x(t-1) - 1)
**   pc1  100*(x(t)/x(t-n) - 1)         pca  100*((x(t)/x(t-1))^n - 1)
**   cch  100*(ln x(t) - ln x(t-1))     cca  n*100*(ln x(t) - ln x(t-1))
**   log  ln x(t)
** FRED's n: annual 1, semiannual 2, quarterly 4, monthly 12, biweekly 26,
** weekly 52, daily 260.  Lags count rows, not dates.
**
** The result is the transform at the LAST row of the frame, using the
** rows just before it in the frame.  The default frame of OVER (ORDER BY
** year) (RANGE UNBOUNDED PRECEDING .. CURRENT ROW) therefore gives each
** row its transform; so does ROWS BETWEEN n PRECEDING AND CURRENT ROW.  A
** frame that holds fewer than lag+1 rows (the first row, the first n rows
** for ch1/pc1) gives NULL.  Only the last lag+1 values are kept: O(1)
** memory for lags up to 15, one allocation above.  ORDER BY a unique key:
** with the RANGE frame, rows of equal keys are peers and all get the
** transform at the last of them.  As a plain aggregate the result is the
** transform at the last row fed (the order SQLite feeds rows, e.g. from
** an ordered subquery, is not guaranteed: prefer the window form).
**
** A NULL or non-finite value makes NULL every result that uses it, and
** keeps its place (it is not skipped, so lags stay aligned).  pch/pc1 with a zero base -> NULL;
** a negative base keeps FRED's arithmetic (-5 -> 10 is -300).  pca needs
** x(t)/x(t-1) > 0, cch/cca/log strictly positive levels, else NULL.
** Errors: a value that is text or a blob; an unknown units code (the
** message lists the valid ones); obs_per_year not an integer from 1 to
** 1000; units or obs_per_year changing between rows.  A NULL units or
** obs_per_year makes every result of the group NULL.
*/
#include "jjj.h"
#include <math.h>
#include <string.h>

#define TR_LIN 0
#define TR_CHG 1
#define TR_CH1 2
#define TR_PCH 3
#define TR_PC1 4
#define TR_PCA 5
#define TR_CCH 6
#define TR_CCA 7
#define TR_LOG 8
static const char *const azTrUnits[] = {
  "lin", "chg", "ch1", "pch", "pc1", "pca", "cch", "cca", "log"
};
#define TR_NUNITS ((int)(sizeof(azTrUnits)/sizeof(azTrUnits[0])))
#define TR_VALID  "lin chg ch1 pch pc1 pca cch cca log"

#ifndef SQLITE_JJJ_MAX_OBS_PER_YEAR
# define SQLITE_JJJ_MAX_OBS_PER_YEAR 1000
#endif
#define TR_NINLINE 16

typedef struct TrAgg TrAgg;
struct TrAgg {
  int eUnits;               /* TR_xxx, once nCap is set */
  int bNullOpt;             /* a NULL units or obs_per_year was seen */
  sqlite3_int64 nPer;       /* obs_per_year */
  int nCap;                 /* lag + 1: values kept; 0 before the first row */
  int iNext;                /* ring position of the next value */
  sqlite3_int64 nFrame;     /* rows in the frame */
  double *aHeap;            /* the ring when nCap > TR_NINLINE */
  double aInline[TR_NINLINE];
};

static double *trRing(TrAgg *p){
  return p->aHeap ? p->aHeap : p->aInline;
}

/* Parse the units argument; eHint (the previous row's units, or -1) is
** tried first.  Returns TR_xxx, -1 for NULL, -2 on error. */
static int trUnits(sqlite3_context *ctx, sqlite3_value *v, int eHint){
  int i;
  const char *z;
  char *zRepr;
  if( sqlite3_value_type(v)==SQLITE_NULL ) return -1;
  if( sqlite3_value_type(v)==SQLITE_TEXT ){
    z = (const char*)sqlite3_value_text(v);
    if( z==0 ){ sqlite3_result_error_nomem(ctx); return -2; }
    if( eHint>=0 && sqlite3_stricmp(z, azTrUnits[eHint])==0 ) return eHint;
    for(i=0; i<TR_NUNITS; i++){
      if( sqlite3_stricmp(z, azTrUnits[i])==0 ) return i;
    }
  }
  zRepr = jjjValueRepr(v);
  if( zRepr==0 ){ sqlite3_result_error_nomem(ctx); return -2; }
  jjjResultError(ctx, "jjj_transform", "unknown units %s, expected one of "
                 TR_VALID, zRepr);
  sqlite3_free(zRepr);
  return -2;
}

/* Read the options of a row into *peUnits, *pnPer.  Returns 0 (ok), 1
** (an option is NULL) or 2 (error set). */
static int trOptions(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                     int eHint, int *peUnits, sqlite3_int64 *pnPer){
  int e = trUnits(ctx, argv[1], eHint);
  if( e==-2 ) return 2;
  *peUnits = e;
  *pnPer = 1;
  if( argc>=3 ){
    int rc = jjjArgInt(ctx, "jjj_transform", argv, 2, pnPer);
    if( rc==JJJ_ARG_ERROR ) return 2;
    if( rc==JJJ_ARG_NULL ) return 1;
    if( *pnPer<1 || *pnPer>SQLITE_JJJ_MAX_OBS_PER_YEAR ){
      jjjResultError(ctx, "jjj_transform", "obs_per_year must be an integer "
                     "from 1 to %d, got %lld", SQLITE_JJJ_MAX_OBS_PER_YEAR,
                     *pnPer);
      return 2;
    }
  }
  return e<0 ? 1 : 0;
}

static int trLag(int eUnits, sqlite3_int64 nPer){
  switch( eUnits ){
    case TR_LIN: case TR_LOG: return 0;
    case TR_CH1: case TR_PC1: return (int)nPer;
    default:                  return 1;
  }
}

void jjjTransformStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  TrAgg *p;
  int eUnits, rc;
  sqlite3_int64 nPer;
  double r;
  int eArg;
  p = (TrAgg*)sqlite3_aggregate_context(ctx, sizeof(*p));
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  rc = trOptions(ctx, argc, argv, p->nCap ? p->eUnits : -1, &eUnits, &nPer);
  if( rc==2 ) return;
  eArg = jjjArgDouble(ctx, "jjj_transform", argv, 0, &r);
  if( eArg==JJJ_ARG_ERROR ) return;
  if( eArg==JJJ_ARG_NULL || !isfinite(r) ) r = NAN;
  if( p->bNullOpt ) return;
  if( rc==1 ){
    p->bNullOpt = 1;
    return;
  }
  if( p->nCap==0 ){
    p->eUnits = eUnits;
    p->nPer = nPer;
    p->nCap = trLag(eUnits, nPer) + 1;
    if( p->nCap>TR_NINLINE ){
      p->aHeap = sqlite3_malloc64(sizeof(double)*(sqlite3_uint64)p->nCap);
      if( p->aHeap==0 ){
        p->nCap = 0;
        sqlite3_result_error_nomem(ctx);
        return;
      }
    }
  }else if( eUnits!=p->eUnits || nPer!=p->nPer ){
    jjjResultError(ctx, "jjj_transform", "units and obs_per_year must be the "
                   "same on every row, got '%s', %lld after '%s', %lld",
                   azTrUnits[eUnits], nPer, azTrUnits[p->eUnits], p->nPer);
    return;
  }
  trRing(p)[p->iNext] = r;
  p->iNext = (p->iNext + 1) % p->nCap;
  p->nFrame++;
}

void jjjTransformInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  TrAgg *p = (TrAgg*)sqlite3_aggregate_context(ctx, 0);
  JJJ_UNUSED(argc); JJJ_UNUSED(argv);
  /* SQLite removes the oldest row of the frame: the ring keeps the newest
  ** lag+1, so only the count changes */
  if( p && p->nFrame>0 ) p->nFrame--;
}

static void trCompute(sqlite3_context *ctx, TrAgg *p){
  const double *a;
  double x, xl = NAN, r;
  int lag;
  if( p==0 || p->bNullOpt || p->nCap==0 ) return;
  lag = p->nCap - 1;
  if( p->nFrame<=lag ) return;
  a = trRing(p);
  x = a[(p->iNext + p->nCap - 1) % p->nCap];
  if( lag>0 ) xl = a[p->iNext % p->nCap];   /* the oldest kept value */
  switch( p->eUnits ){
    case TR_LIN: r = x; break;
    case TR_CHG: case TR_CH1: r = x - xl; break;
    case TR_PCH: case TR_PC1:
      if( xl==0.0 ) return;
      r = 100.0*(x/xl - 1.0);
      break;
    case TR_PCA: {
      double q = x/xl;
      if( !(q>0.0) ) return;
      r = 100.0*expm1((double)p->nPer*log(q));
      break;
    }
    case TR_CCH: case TR_CCA:
      if( !(x>0.0) || !(xl>0.0) ) return;
      r = 100.0*jjjLnRatio(xl, x);
      if( p->eUnits==TR_CCA ) r *= (double)p->nPer;
      break;
    default: /* TR_LOG */
      if( !(x>0.0) ) return;
      r = log(x);
      break;
  }
  jjjGrowthResult(ctx, r);
}

void jjjTransformValue(sqlite3_context *ctx){
  trCompute(ctx, (TrAgg*)sqlite3_aggregate_context(ctx, 0));
}

void jjjTransformFinal(sqlite3_context *ctx){
  TrAgg *p = (TrAgg*)sqlite3_aggregate_context(ctx, 0);
  trCompute(ctx, p);
  if( p ){
    sqlite3_free(p->aHeap);
    p->aHeap = 0;
    p->nCap = 0;
  }
}
