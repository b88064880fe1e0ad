/*
** convergence.c - sigma and absolute beta convergence across regions.
**
**   SELECT year, jjj_sigma(gdp_pc) FROM t GROUP BY year;   -- falls: converging
**   SELECT jjj_beta_convergence(y2000, y2020, 20) FROM regions;
**     -- {"n":13,"alpha":…,"beta":-0.021,"r2":…,"lambda":…,"half_life":…}
**
** jjj_sigma(x): the population standard deviation of ln x (REAT sigmaconv's
**   default; Barro & Sala-i-Martin 1992).  NULL if any x <= 0 is in the
**   frame, or no rows.  Sample SD: jjj_stddev_samp(ln(x)); the ratio
**   sigma_t0 / sigma_t1 (> 1: convergence) is two calls.
**
** jjj_beta_convergence(y0, y1, years): OLS of the annualised log growth
**   on the log initial level,
**       ln(y1/y0)/T = alpha + beta ln y0,
**   with the speed lambda = -ln(1 + beta T)/T and half-life ln 2/lambda
**   (the theoretical beta = -(1 - e^(-lambda T))/T).  Returns JSON
**   {"n","alpha","beta","r2","lambda","half_life"}: alpha and beta are the
**   regression coefficients as fractions (jjj_regr_intercept and
**   jjj_regr_slope of the same variables), lambda is a rate and so in
**   percent a year (0.95 means 0.95 % a year), half_life in years; r2
**   follows jjj_regr_r2 (1 if all regions grew alike).  lambda and
**   half_life are null if beta >= 0 (divergence) or 1 + beta T <= 0.  The whole result
**   is NULL with fewer than two regions, equal initial levels, or a level
**   <= 0 in the frame.  years must be positive and the same on every row
**   (an error otherwise: the speed needs one T).
**
** Rows with a NULL are skipped.  Both are window functions with O(1)
** memory: the moments come from the exact accumulator in accum.c, the
** regression is exactly jjj_regr_slope / jjj_regr_intercept on
** Y = ln(y1/y0)/T and X = ln y0 (METHODS §3.2).  ln(y1/y0) is computed
** as log1p((y1-y0)/y0) when the ratio is near 1, so small growth keeps
** its precision.
*/
#include "jjj.h"
#include "accum.h"
#include <math.h>
#include <float.h>

typedef struct ConvCtx ConvCtx;
struct ConvCtx {
  JjjAccum acc;
  sqlite3_int64 nBad;       /* rows of the frame with a level <= 0 */
  double rYears;            /* T of the first row; 0 before it */
};

/*************************************************************************
** jjj_sigma(x)
*/
/* The state is a JjjAccDom of ln x, the rows with x <= 0 counted apart;
** xStep (bRemove 0) and xInverse (1) on the general road */
static JJJ_NOINLINE void sigmaPut(sqlite3_context *ctx, sqlite3_value **argv,
                                  int bRemove){
  double x;
  JjjAccDom *p = jjjAccDomRow(ctx, "jjj_sigma", argv, !bRemove, &x);
  if( p ) jjjAccDomPut(ctx, p, !(x>0.0), x>0.0 ? log(x) : 0.0, bRemove);
}

/* The common road inline: a positive number, the fast sums running */
void jjjSigmaStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double x;
  JjjAccDom *p;
  JJJ_UNUSED(argc);
  if( jjjAccArg1(argv[0], &x) && x>0.0
   && (p = sqlite3_aggregate_context(ctx, (int)sizeof(*p)))!=0
   && p->acc.eHot==1 && jjjAccumHot1(&p->acc, log(x)) ){
    return;
  }
  sigmaPut(ctx, argv, 0);
}

void jjjSigmaInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JJJ_UNUSED(argc);
  sigmaPut(ctx, argv, 1);
}

static void sigmaResult(sqlite3_context *ctx, int bFinal){
  JjjAccDom *p = sqlite3_aggregate_context(ctx, 0);
  double r;
  if( jjjAccumReady(ctx, p ? &p->acc : 0, bFinal) ){
    /* error set */
  }else if( p && p->nBad==0 && jjjAccumSd(&p->acc, 0, &r) ){
    jjjResultFinite(ctx, r);
  }else{
    sqlite3_result_null(ctx);
  }
  if( bFinal && p ) jjjAccumFree(&p->acc);
}

void jjjSigmaValue(sqlite3_context *ctx){ sigmaResult(ctx, 0); }
void jjjSigmaFinal(sqlite3_context *ctx){ sigmaResult(ctx, 1); }

/*************************************************************************
** jjj_beta_convergence(y0, y1, years)
*/
#define BETA_NAME "jjj_beta_convergence"

/* ln(y1/y0) for y0, y1 > 0, accurate also when y1/y0 is near 1 */
static double convLogGrowth(double y0, double y1){
  double q = y1/y0;
  if( q>=0.5 && q<=2.0 ) return log1p((y1 - y0)/y0);
  return log(y1) - log(y0);
}

/* Read a row.  Returns 1 with Y and X set for a row in the domain, 2 for
** a row outside it (a level <= 0), 0 to skip (NULL, or an error set). */
static int betaRow(sqlite3_context *ctx, sqlite3_value **argv, ConvCtx *p,
                   double *pY, double *pX){
  double a[3];
  int i, bNull = 0;
  for(i=0; i<3; i++){
    int rc = jjjArgDouble(ctx, BETA_NAME, argv, i, &a[i]);
    if( rc==JJJ_ARG_ERROR ) return 0;
    if( rc==JJJ_ARG_NULL ) bNull = 1;
  }
  if( bNull ) return 0;
  if( !(a[2]>0.0) || !isfinite(a[2]) ){
    jjjResultErrorGot(ctx, BETA_NAME, "years must be positive", argv[2]);
    return 0;
  }
  if( p->rYears==0.0 ){
    p->rYears = a[2];
  }else if( p->rYears!=a[2] ){
    char *z = jjjValueRepr(argv[2]);
    if( z==0 ){ sqlite3_result_error_nomem(ctx); return 0; }
    jjjResultError(ctx, BETA_NAME,
                   "years must be the same on every row, got %.15g and %s",
                   p->rYears, z);
    sqlite3_free(z);
    return 0;
  }
  if( !(a[0]>0.0 && a[1]>0.0 && a[0]<=DBL_MAX && a[1]<=DBL_MAX) ) return 2;
  *pY = convLogGrowth(a[0], a[1])/a[2];
  *pX = log(a[0]);
  return 1;
}

void jjjBetaStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double y = 0.0, x = 0.0;
  int e;
  ConvCtx *p = sqlite3_aggregate_context(ctx, (int)sizeof(*p));
  JJJ_UNUSED(argc);
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  e = betaRow(ctx, argv, p, &y, &x);
  if( e==1 && jjjAccumPut2(&p->acc, y, x) ) sqlite3_result_error_nomem(ctx);
  else if( e==2 ) p->nBad++;
}

void jjjBetaInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double y = 0.0, x = 0.0;
  int e;
  ConvCtx *p = sqlite3_aggregate_context(ctx, 0);
  JJJ_UNUSED(argc);
  if( p==0 ) return;
  e = betaRow(ctx, argv, p, &y, &x);
  if( e==1 && jjjAccumRemove2(&p->acc, y, x) ) sqlite3_result_error_nomem(ctx);
  else if( e==2 ) p->nBad--;
}

static void betaJson(sqlite3_context*, const ConvCtx*);

static void betaResult(sqlite3_context *ctx, int bFinal){
  ConvCtx *p = sqlite3_aggregate_context(ctx, 0);
  if( !jjjAccumReady(ctx, p ? &p->acc : 0, bFinal) ) betaJson(ctx, p);
  if( bFinal && p ) jjjAccumFree(&p->acc);
}

void jjjBetaValue(sqlite3_context *ctx){ betaResult(ctx, 0); }
void jjjBetaFinal(sqlite3_context *ctx){ betaResult(ctx, 1); }

static void betaJson(sqlite3_context *ctx, const ConvCtx *p){
  double alpha, beta, r2, lambda = NAN, T;
  sqlite3_str *pStr;
  if( p==0 || p->nBad>0 || p->acc.n<2
   || !jjjAccumSlope(&p->acc, &beta)
   || !jjjAccumIntercept(&p->acc, &alpha)
   || !jjjAccumR2(&p->acc, &r2) ){
    sqlite3_result_null(ctx);
    return;
  }
  T = p->rYears;
  if( beta<0.0 && 1.0 + beta*T>0.0 ) lambda = -log1p(beta*T)/T;  /* a fraction */
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "{\"n\":%lld,\"alpha\":", p->acc.n);
  jjjJsonReal(pStr, alpha);
  sqlite3_str_appendall(pStr, ",\"beta\":");
  jjjJsonReal(pStr, beta);
  sqlite3_str_appendall(pStr, ",\"r2\":");
  jjjJsonReal(pStr, r2);
  sqlite3_str_appendall(pStr, ",\"lambda\":");
  jjjJsonReal(pStr, 100.0*lambda);                 /* percent a year */
  sqlite3_str_appendall(pStr, ",\"half_life\":");
  jjjJsonReal(pStr, log(2.0)/lambda);
  sqlite3_str_appendchar(pStr, 1, '}');
  jjjResultStr(ctx, pStr);
}
