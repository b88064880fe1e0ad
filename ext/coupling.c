/*
** coupling.c - the coupling coordination degree model (耦合协调度模型).
**
**   SELECT jjj_ccd(0.187, 0.427);                      -- 0.5316...
**   SELECT jjj_ccd_label(jjj_ccd(0.187, 0.427), 'zh'); -- '勉强协调'
**
** Scalars, all pure (docs/coordination.md has the formulas and examples):
**   jjj_coupling(u1, u2, ..., un)       canonical coupling degree
**        C = n * (prod U)^(1/n) / sum U      (geometric / arithmetic mean)
**   jjj_coupling_wang(u1, ..., un)      Wang Shujia et al. (2021) modified
**        C = sqrt( [1 - sum_{i<j} |Ui-Uj| / (n(n-1)/2)]
**                  * [prod (Ui / max U)]^(1/(n-1)) )
**   jjj_ccd(u1, ..., un)                D = sqrt(C * T), T = mean U
**   jjj_ccd_wang(u1, ..., un)           D = sqrt(C_wang * T)
**   jjj_ccd_level(d [, convention])     1..10; convention '[lo,hi)' (default,
**                                       D = 1 in level 10) or '(lo,hi]'
**                                       (D = 0 in level 1)
**   jjj_ccd_label(d [, lang [, convention]])  the level's name, lang 'en'
**                                       (default) or 'zh' (METHODS 5.3)
**
** Domain (NULL, never an error): any NULL argument; a negative or
** non-finite score; all scores 0; for the Wang form a score above 1; for
** the level and label a d outside [0, 1].  A zero score with others
** positive gives C = 0 and D = 0.  The canonical C accepts scores above 1
** (it is scale-invariant); D is then above the 0..1 scale and has no
** level.  Errors: fewer than 2 scores, a non-numeric argument, an unknown
** convention or language.
**
** Numerics: C is computed on U / max U, so no product or sum overflows
** or underflows (1e300 and 1e-300 are fine; where U / max underflows its
** logarithm is taken as log U - log max, so 1e-308 beside 1e308 still
** counts); the 2-score C uses the
** closed form 2 sqrt(r) / (1 + r) with r = min/max; for n > 2 the
** geometric mean goes through logarithms.  C is capped at 1 (the AM-GM
** bound), so equal scores give exactly C = 1 and D never exceeds 1 for
** scores in [0, 1].  The mean absolute pairwise difference of the Wang
** form uses sorted scores, O(n log n).
*/
#include "jjj.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CPL_NSTACK 16

static const char *const azCplName[] = {
  "jjj_coupling", "jjj_coupling_wang", "jjj_ccd", "jjj_ccd_wang"
};

static int cplCmpDouble(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return (x>y) - (x<y);
}

/* log(u/max), also when u/max underflows: log u - log max */
static double cplLogRatio(double u, double rMax, double rLogMax){
  double r = u/rMax;
  return r>=DBL_MIN ? log(r) : log(u) - rLogMax;
}

/* Canonical C of n >= 2 scores, all finite and >= 0, max > 0 */
static double cplCanonical(const double *aU, int n, double rMax){
  int i;
  double rSumLog = 0.0, rLogMax = log(rMax), c;
  JjjSum sR = {0, 0};
  if( n==2 ){
    double r = (aU[0]<aU[1] ? aU[0] : aU[1]) / rMax;
    c = 2.0*sqrt(r)/(1.0 + r);
  }else{
    for(i=0; i<n; i++){
      if( aU[i]==0.0 ) return 0.0;
      rSumLog += cplLogRatio(aU[i], rMax, rLogMax);
      jjjSumAdd(&sR, aU[i]/rMax);
    }
    c = exp(rSumLog/n) / (jjjSumValue(&sR)/n);
  }
  return c>1.0 ? 1.0 : c;
}

/* Wang et al. (2021) C; aU is sorted in place.  Scores in [0, 1], max > 0 */
static double cplWang(double *aU, int n, double rMax){
  int i;
  double rSumLog = 0.0, f1, f2;
  JjjSum sDiff = {0, 0};
  qsort(aU, n, sizeof(double), cplCmpDouble);
  /* sum_{i<j} |Ui - Uj| = sum_k (2k - n + 1) U(k) over sorted U, 0-based */
  for(i=0; i<n; i++) jjjSumAdd(&sDiff, (2.0*i - n + 1.0)*aU[i]);
  f1 = 1.0 - jjjSumValue(&sDiff) / (0.5*n*(n-1.0));
  if( f1<0.0 ) f1 = 0.0;
  if( f1>1.0 ) f1 = 1.0;
  if( aU[0]==0.0 ) return 0.0;
  if( n==2 ){
    f2 = aU[0]/rMax;
  }else{
    double rLogMax = log(rMax);
    for(i=0; i<n; i++) rSumLog += cplLogRatio(aU[i], rMax, rLogMax);
    f2 = exp(rSumLog/(n-1.0));
  }
  return sqrt(f1*(f2>1.0 ? 1.0 : f2));
}

/* jjj_coupling, jjj_coupling_wang, jjj_ccd, jjj_ccd_wang (iArg bits
** JJJ_CPL_WANG, JJJ_CPL_D) */
void jjjCouplingFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eVar = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azCplName[eVar & 3];
  double aStack[CPL_NSTACK];
  double *aU = aStack;
  double rMax = 0.0, c;
  JjjSum sT = {0, 0};
  int i, bNull = 0, bOut = 0;

  if( argc<2 ){
    jjjResultError(ctx, zFn, "needs at least 2 scores, got %d", argc);
    return;
  }
  if( argc>CPL_NSTACK ){
    aU = (double*)sqlite3_malloc64(sizeof(double)*(sqlite3_uint64)argc);
    if( aU==0 ){ sqlite3_result_error_nomem(ctx); return; }
  }
  /* Every argument is type-checked before NULL or domain decides */
  for(i=0; i<argc; i++){
    int rc = jjjArgDouble(ctx, zFn, argv, i, &aU[i]);
    if( rc==JJJ_ARG_ERROR ) goto done;
    if( rc==JJJ_ARG_NULL ){ bNull = 1; continue; }
    if( !isfinite(aU[i]) || aU[i]<0.0 ) bOut = 1;
    else if( aU[i]>rMax ) rMax = aU[i];
  }
  if( bNull || bOut || rMax==0.0 ){
    sqlite3_result_null(ctx);
    goto done;
  }
  if( eVar & JJJ_CPL_D ){
    /* T = mean U, accumulated on U/max so that it cannot overflow */
    for(i=0; i<argc; i++) jjjSumAdd(&sT, aU[i]/rMax);
  }
  if( eVar & JJJ_CPL_WANG ){
    if( rMax>1.0 ){ sqlite3_result_null(ctx); goto done; }
    c = cplWang(aU, argc, rMax);
  }else{
    c = cplCanonical(aU, argc, rMax);
  }
  if( eVar & JJJ_CPL_D ){
    double t = jjjSumValue(&sT)/argc;
    /* sqrt(c * t * rMax) without overflow: t*rMax <= rMax */
    c = c==0.0 ? 0.0 : sqrt(c*t)*sqrt(rMax);
    if( c>1.0 && rMax<=1.0 ) c = 1.0;   /* rounding at U = 1 */
  }
  jjjResultFinite(ctx, c);
done:
  if( aU!=aStack ) sqlite3_free(aU);
}

/*------------------------------------------------------------------------
** Levels and labels (METHODS 5.3, Tian Shenzhen et al. 2021, Tab. 1)
*/
static const double aCcdThreshold[9] = {
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9
};
static const char *const azCcdEn[10] = {
  "extreme imbalance", "severe imbalance", "moderate imbalance",
  "mild imbalance", "on the verge of imbalance", "barely coordinated",
  "primary coordination", "intermediate coordination", "good coordination",
  "high-quality coordination"
};
static const char *const azCcdZh[10] = {
  "极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
  "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"
};

/* Is the text z (n bytes), without spaces, equal to zWant? */
static int ccdTextIs(const unsigned char *z, int n, const char *zWant){
  int i;
  for(i=0; i<n; i++){
    if( z[i]==' ' ) continue;
    if( *zWant==0 || z[i]!=(unsigned char)*zWant ) return 0;
    zWant++;
  }
  return *zWant==0;
}

/* Read the interval convention from argv[iArg]: 0 for [lo,hi), 1 for
** (lo,hi], -1 after setting an error, -2 for NULL */
static int ccdConvention(sqlite3_context *ctx, const char *zFn,
                         sqlite3_value **argv, int iArg){
  sqlite3_value *v = argv[iArg];
  int e = sqlite3_value_type(v);
  if( e==SQLITE_NULL ) return -2;
  if( e==SQLITE_TEXT ){
    const unsigned char *z = sqlite3_value_text(v);
    int n = sqlite3_value_bytes(v);
    if( z==0 ){ sqlite3_result_error_nomem(ctx); return -1; }
    if( ccdTextIs(z, n, "[lo,hi)") ) return 0;
    if( ccdTextIs(z, n, "(lo,hi]") ) return 1;
  }
  jjjResultErrorGot(ctx, zFn, "convention must be '[lo,hi)' or '(lo,hi]'", v);
  return -1;
}

/* Level 1..10 of d in [0,1], or 0 if d is outside */
static int ccdLevel(double d, int bUpperClosed){
  int i, iLevel = 1;
  if( !(d>=0.0 && d<=1.0) ) return 0;
  for(i=0; i<9; i++){
    if( bUpperClosed ? d>aCcdThreshold[i] : d>=aCcdThreshold[i] ) iLevel++;
  }
  return iLevel;
}

/* jjj_ccd_level(d [, convention]) */
void jjjCcdLevelFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const char *zFn = "jjj_ccd_level";
  double d = 0.0;
  int rc, eConv = 0, iLevel;
  rc = jjjArgDouble(ctx, zFn, argv, 0, &d);
  if( rc==JJJ_ARG_ERROR ) return;
  if( argc>1 ){
    eConv = ccdConvention(ctx, zFn, argv, 1);
    if( eConv==-1 ) return;
  }
  if( rc==JJJ_ARG_NULL || eConv==-2 ) return;
  iLevel = ccdLevel(d, eConv);
  if( iLevel ) sqlite3_result_int(ctx, iLevel);
}

/* jjj_ccd_label(d [, lang [, convention]]) */
void jjjCcdLabelFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const char *zFn = "jjj_ccd_label";
  const char *const *azName = azCcdEn;
  double d = 0.0;
  int rc, eConv = 0, iLevel, bNull = 0;
  rc = jjjArgDouble(ctx, zFn, argv, 0, &d);
  if( rc==JJJ_ARG_ERROR ) return;
  if( rc==JJJ_ARG_NULL ) bNull = 1;
  if( argc>1 ){
    sqlite3_value *v = argv[1];
    int e = sqlite3_value_type(v);
    if( e==SQLITE_NULL ){
      bNull = 1;
    }else{
      const unsigned char *z = e==SQLITE_TEXT ? sqlite3_value_text(v) : 0;
      int n = sqlite3_value_bytes(v);
      if( e==SQLITE_TEXT && z==0 ){ sqlite3_result_error_nomem(ctx); return; }
      if( z && n==2 && memcmp(z, "en", 2)==0 ){
        azName = azCcdEn;
      }else if( z && n==2 && memcmp(z, "zh", 2)==0 ){
        azName = azCcdZh;
      }else{
        jjjResultErrorGot(ctx, zFn, "lang must be 'en' or 'zh'", v);
        return;
      }
    }
  }
  if( argc>2 ){
    eConv = ccdConvention(ctx, zFn, argv, 2);
    if( eConv==-1 ) return;
    if( eConv==-2 ) bNull = 1;
  }
  if( bNull ) return;
  iLevel = ccdLevel(d, eConv);
  if( iLevel ){
    sqlite3_result_text(ctx, azName[iLevel-1], -1, SQLITE_STATIC);
  }
}
