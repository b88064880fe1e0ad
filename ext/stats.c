/*
** stats.c - PostgreSQL's statistical aggregates, prefixed jjj_.
**
**   SELECT jjj_stddev_samp(gdp) FROM t;
**   SELECT jjj_regr_slope(y, x), jjj_corr(y, x) FROM t;      -- (Y, X) order
**   SELECT year, jjj_stddev_pop(v) OVER (ORDER BY year
**                  ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) FROM t;
**
** One argument:  jjj_stddev_pop, jjj_stddev_samp, jjj_var_pop, jjj_var_samp
** Two, (Y, X):   jjj_covar_pop, jjj_covar_samp, jjj_corr, jjj_regr_slope,
**                jjj_regr_intercept, jjj_regr_r2, jjj_regr_count,
**                jjj_regr_sxx, jjj_regr_syy, jjj_regr_sxy, jjj_regr_avgx,
**                jjj_regr_avgy
**
** Semantics are PostgreSQL's (METHODS §4.1): strict, so a row with a NULL
** in any argument is skipped; no rows give NULL, except jjj_regr_count
** which gives 0; var_samp, stddev_samp and covar_samp need two rows;
** corr is NULL when Sxx or Syy is 0; regr_slope, regr_intercept and
** regr_r2 are NULL when Sxx is 0; regr_r2 is 1 when Syy is 0 ("per spec,
** horizontal line").  Where PostgreSQL returns NaN or infinity (an
** infinite input) or raises an overflow error, we return NULL; only
** results that are themselves beyond the double range overflow (var_pop
** of 1e200-scale data), stddev of 1e300-scale data does not.
**
** Computation: the Youngs-Cramer state of PostgreSQL 12 and later, in
** double-double with exact power-of-two scaling (accum.c).  Constant input
** gives exactly 0 (PostgreSQL 15 does not, METHODS §4.2).  All are window
** functions; a shrinking frame removes rows with the inverse update, whose
** error stays near 2^-106 of the largest sums seen.  O(1) memory.
**
** Arguments: integers, reals, or text that reads as a number; other text
** or a blob is an error ("jjj_corr(): argument 2 must be numeric, got
** 'abc'").  jjj_corr and jjj_regr_r2 are clamped to [-1, 1] and [0, 1].
*/
#include "jjj.h"
#include "accum.h"

static const char *const azStatsName[] = {
  "jjj_stddev_pop", "jjj_stddev_samp", "jjj_var_pop", "jjj_var_samp",
  "jjj_covar_pop", "jjj_covar_samp", "jjj_corr", "jjj_regr_slope",
  "jjj_regr_intercept", "jjj_regr_r2", "jjj_regr_count", "jjj_regr_sxx",
  "jjj_regr_syy", "jjj_regr_sxy", "jjj_regr_avgx", "jjj_regr_avgy"
};

static int statsVariant(sqlite3_context *ctx){
  return (int)(intptr_t)sqlite3_user_data(ctx);
}

/* Read the row's arguments into a[]: returns 1 if the row counts, 0 if it
** is skipped (a NULL) or an error was set. */
static int statsRow(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                    double *a){
  const char *zFn = azStatsName[statsVariant(ctx)];
  int i, bNull = 0;
  for(i=0; i<argc; i++){
    int rc = jjjArgDouble(ctx, zFn, argv, i, &a[i]);
    if( rc==JJJ_ARG_ERROR ) return 0;
    if( rc==JJJ_ARG_NULL ) bNull = 1;
  }
  return !bNull;
}

static JjjAccum *statsAccum(sqlite3_context *ctx){
  JjjAccum *p = sqlite3_aggregate_context(ctx, (int)sizeof(JjjAccum));
  if( p==0 ) sqlite3_result_error_nomem(ctx);
  return p;
}

/* The step's general road (the first rows, guards, windows), with the
** row read into a[] when bRead, else from argv (NULL, text) */
static JJJ_NOINLINE void statsStepSlow(sqlite3_context *ctx, int argc,
                                       sqlite3_value **argv, double *a,
                                       int bRead){
  JjjAccum *p;
  int rc;
  if( !bRead && !statsRow(ctx, argc, argv, a) ) return;
  if( (p = statsAccum(ctx))==0 ) return;
  rc = argc==1 ? jjjAccumAdd(p, a[0]) : jjjAccumAdd2(p, a[0], a[1]);
  if( rc ) sqlite3_result_error_nomem(ctx);
}

/* The common road inline: numbers, the fast sums running */
void jjjStatsStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JjjAccum *p;
  int bRead;
  if( argc==1 ){
    bRead = jjjAccArg1(argv[0], &a[0]);
    if( bRead
     && (p = sqlite3_aggregate_context(ctx, (int)sizeof(JjjAccum)))!=0
     && p->eHot==1 && jjjAccumHot1(p, a[0]) ){
      return;
    }
  }else{
    bRead = jjjAccArg1(argv[0], &a[0]) && jjjAccArg1(argv[1], &a[1]);
    if( bRead
     && (p = sqlite3_aggregate_context(ctx, (int)sizeof(JjjAccum)))!=0
     && p->eHot==2 && jjjAccumHot2(p, a[0], a[1]) ){
      return;
    }
  }
  statsStepSlow(ctx, argc, argv, a, bRead);
}

void jjjStatsInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[2];
  JjjAccum *p;
  if( !jjjAccArgsFast(argc, argv, a) && !statsRow(ctx, argc, argv, a) ) return;
  if( (p = statsAccum(ctx))==0 ) return;
  if( (argc==1 ? jjjAccumRemove(p, a[0]) : jjjAccumRemove2(p, a[0], a[1])) ){
    sqlite3_result_error_nomem(ctx);
  }
}

static void statsResult(sqlite3_context *ctx, int bFinal){
  JjjAccum *p = sqlite3_aggregate_context(ctx, 0);
  double r = 0.0;
  int bOk = 0;
  if( jjjAccumReady(ctx, p, bFinal) ) goto done;
  switch( statsVariant(ctx) ){
    case JJJ_STATS_STDDEV_POP:     bOk = jjjAccumSd(p, 0, &r);         break;
    case JJJ_STATS_STDDEV_SAMP:    bOk = jjjAccumSd(p, 1, &r);         break;
    case JJJ_STATS_VAR_POP:        bOk = jjjAccumVar(p, 0, &r);        break;
    case JJJ_STATS_VAR_SAMP:       bOk = jjjAccumVar(p, 1, &r);        break;
    case JJJ_STATS_COVAR_POP:
    case JJJ_STATS_COVAR_SAMP: {
      int bSamp = statsVariant(ctx)==JJJ_STATS_COVAR_SAMP;
      bOk = p && p->n>bSamp && jjjAccumSxy(p, &r);
      if( bOk ) r /= (double)(p->n - bSamp);
      break;
    }
    case JJJ_STATS_CORR:           bOk = jjjAccumCorr(p, &r);          break;
    case JJJ_STATS_REGR_SLOPE:     bOk = jjjAccumSlope(p, &r);         break;
    case JJJ_STATS_REGR_INTERCEPT: bOk = jjjAccumIntercept(p, &r);     break;
    case JJJ_STATS_REGR_R2:        bOk = jjjAccumR2(p, &r);            break;
    case JJJ_STATS_REGR_COUNT:
      sqlite3_result_int64(ctx, p ? p->n + p->nInf : 0);
      goto done;
    case JJJ_STATS_REGR_SXX:       bOk = jjjAccumSs(p, 0, &r);         break;
    case JJJ_STATS_REGR_SYY:       bOk = jjjAccumSs(p, 1, &r);         break;
    case JJJ_STATS_REGR_SXY:       bOk = jjjAccumSxy(p, &r);           break;
    case JJJ_STATS_REGR_AVGX:      bOk = jjjAccumMean(p, 0, &r);       break;
    case JJJ_STATS_REGR_AVGY:      bOk = jjjAccumMean(p, 1, &r);       break;
  }
  if( bOk ) jjjResultFinite(ctx, r);
  else sqlite3_result_null(ctx);
done:
  if( bFinal ) jjjAccumFree(p);
}

void jjjStatsValue(sqlite3_context *ctx){ statsResult(ctx, 0); }
void jjjStatsFinal(sqlite3_context *ctx){ statsResult(ctx, 1); }
