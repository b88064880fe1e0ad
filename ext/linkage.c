/*
** linkage.c - spatial linkage and industrial structure.
**
**   SELECT jjj_gravity(2189, 40269.6, 1387, 15695,
**                      jjj_haversine_km(39.9033, 116.3917, 39.1336, 117.2053));
**   SELECT jjj_krugman(a, b), jjj_similarity(a, b) FROM industries;
**
** Scalars, all pure (docs/coordination.md has formulas and examples):
**   jjj_gravity(p_i, g_i, p_j, g_j, d [, b = 2 [, k = 1]])
**        R = k * sqrt(p_i g_i) * sqrt(p_j g_j) / d^b
**        NULL: a negative mass, d <= 0, b < 0, k < 0, a non-finite input
**   jjj_haversine_km(lat1, lon1, lat2, lon2)
**        great-circle distance on a sphere of radius 6371.0088 km (the
**        IUGG mean Earth radius R1), degrees in; NULL for |lat| > 90 or a
**        non-finite input.  The haversine is evaluated in a form with no
**        cancellation (h and 1 - h both as sums of squares, then
**        2 atan2(sqrt h, sqrt(1 - h))), so it is accurate from 0 km to
**        antipodal points
**   jjj_location_quotient(e_ij, e_j, e_i, e)
**        LQ = (e_ij / e_j) / (e_i / e); NULL for e_j, e_i or e <= 0 or a
**        negative e_ij; 0 for an absent industry
**
** Aggregates over (a, b) rows, one row per industry, usable as window
** functions (the rows are buffered, 16 bytes each, and the result is
** recomputed from the buffer, so a moving frame is exact):
**   jjj_krugman(a, b)     K = sum |a_k / sum a - b_k / sum b|, in [0, 2]
**                         (levels become shares; 0 identical, 2 disjoint)
**   jjj_similarity(a, b)  UNIDO structure similarity (cosine)
**                         S = sum a_k b_k / sqrt(sum a_k^2 * sum b_k^2)
** A row with a NULL is skipped; no rows, a negative or non-finite value,
** or a column that sums to 0 give NULL.  Both scale each column by its
** maximum first, so levels up to 1e308 neither overflow nor underflow.
*/
#include "jjj.h"
#include <math.h>

#define JJJ_EARTH_RADIUS_KM 6371.0088   /* IUGG mean radius R1 */
#define JJJ_DEG2RAD 0.017453292519943295 /* pi / 180 */

/* Read nArg numeric arguments into a[]; returns JJJ_ARG_OK, JJJ_ARG_NULL
** (some argument NULL) or JJJ_ARG_ERROR (error set; every argument is
** type-checked before NULL decides) */
static int lnkArgs(sqlite3_context *ctx, const char *zFn, int argc,
                   sqlite3_value **argv, double *a){
  int i, rc = JJJ_ARG_OK;
  for(i=0; i<argc; i++){
    int e = jjjArgDouble(ctx, zFn, argv, i, &a[i]);
    if( e==JJJ_ARG_ERROR ) return e;
    if( e==JJJ_ARG_NULL ) rc = e;
  }
  return rc;
}

/* jjj_gravity(p_i, g_i, p_j, g_j, d [, b [, k]]) */
void jjjGravityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[7] = {0, 0, 0, 0, 0, 2.0, 1.0};
  double rMassI, rMassJ, rDen, r;
  int i;
  if( lnkArgs(ctx, "jjj_gravity", argc, argv, a)!=JJJ_ARG_OK ) return;
  for(i=0; i<7; i++){
    if( !isfinite(a[i]) || a[i]<0.0 ) return;
  }
  if( a[4]<=0.0 ) return;
  /* sqrt(p*g), split when the product overflows */
  rMassI = a[0]*a[1];
  rMassI = isfinite(rMassI) ? sqrt(rMassI) : sqrt(a[0])*sqrt(a[1]);
  rMassJ = a[2]*a[3];
  rMassJ = isfinite(rMassJ) ? sqrt(rMassJ) : sqrt(a[2])*sqrt(a[3]);
  rDen = pow(a[4], a[5]);
  r = a[6]*rMassI*rMassJ;
  if( r==0.0 ){
    /* a zero mass or k = 0: no linkage at any distance */
  }else if( !isfinite(r) || rDen==0.0 || !isfinite(rDen) ){
    /* an extreme range: go through logarithms */
    r = exp(log(a[6]) + log(rMassI) + log(rMassJ) - a[5]*log(a[4]));
  }else{
    r = r/rDen;
  }
  jjjResultFinite(ctx, r);
}

/* jjj_haversine_km(lat1, lon1, lat2, lon2) */
void jjjHaversineFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double a[4], sDphi, cDphi, sDlam, cDlam, sMid, cMid, h, h1;
  int i;
  if( lnkArgs(ctx, "jjj_haversine_km", argc, argv, a)!=JJJ_ARG_OK ) return;
  for(i=0; i<4; i++){
    if( !isfinite(a[i]) ) return;
  }
  if( a[0]<-90.0 || a[0]>90.0 || a[2]<-90.0 || a[2]>90.0 ) return;
  sDphi = sin((a[2]-a[0])*JJJ_DEG2RAD*0.5);
  cDphi = cos((a[2]-a[0])*JJJ_DEG2RAD*0.5);
  sDlam = sin((a[3]-a[1])*JJJ_DEG2RAD*0.5);
  cDlam = cos((a[3]-a[1])*JJJ_DEG2RAD*0.5);
  sMid = sin((a[2]+a[0])*JJJ_DEG2RAD*0.5);
  cMid = cos((a[2]+a[0])*JJJ_DEG2RAD*0.5);
  /* hav(theta) = sin^2(dphi/2) + cos(phi1) cos(phi2) sin^2(dlam/2)
  **            = sin^2(dphi/2) cos^2(dlam/2) + cos^2(mid) sin^2(dlam/2)
  ** and 1 - hav(theta) is the same with sin and cos exchanged. */
  h  = sDphi*sDphi*cDlam*cDlam + cMid*cMid*sDlam*sDlam;
  h1 = cDphi*cDphi*cDlam*cDlam + sMid*sMid*sDlam*sDlam;
  sqlite3_result_double(ctx,
      2.0*JJJ_EARTH_RADIUS_KM*atan2(sqrt(h), sqrt(h1)));
}

/* jjj_location_quotient(e_ij, e_j, e_i, e) */
void jjjLocationQuotientFunc(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv){
  double a[4];
  int i;
  if( lnkArgs(ctx, "jjj_location_quotient", argc, argv, a)!=JJJ_ARG_OK ){
    return;
  }
  for(i=0; i<4; i++){
    if( !isfinite(a[i]) || a[i]<0.0 || (i>0 && a[i]==0.0) ) return;
  }
  jjjResultFinite(ctx, (a[0]/a[1])/(a[2]/a[3]));
}

/*------------------------------------------------------------------------
** jjj_krugman(a, b), jjj_similarity(a, b): the aggregate context is a
** JjjRows of (a, b) pairs (jjj.h).
*/

static const char *pairName(sqlite3_context *ctx){
  return (int)(intptr_t)sqlite3_user_data(ctx)==JJJ_PAIR_KRUGMAN
           ? "jjj_krugman" : "jjj_similarity";
}

void jjjPairStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double x[2];
  JjjRows *p;
  if( lnkArgs(ctx, pairName(ctx), argc, argv, x)!=JJJ_ARG_OK ) return;
  p = (JjjRows*)sqlite3_aggregate_context(ctx, sizeof(JjjRows));
  if( p==0 || jjjRowsPush(p, 2, x) ) sqlite3_result_error_nomem(ctx);
}

void jjjPairInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JjjRows *p;
  int i;
  JJJ_UNUSED(argc);
  /* the row was skipped by xStep if it had a NULL */
  for(i=0; i<2; i++){
    if( sqlite3_value_type(argv[i])==SQLITE_NULL ) return;
  }
  p = (JjjRows*)sqlite3_aggregate_context(ctx, 0);
  if( ALWAYS(p) ) jjjRowsPop(p);
}

static void pairResult(sqlite3_context *ctx, JjjRows *pRows){
  sqlite3_int64 i, n;
  double rMaxA = 0.0, rMaxB = 0.0, r;
  const double *a;
  /* the live rows are (a[2*i], a[2*i+1]), i < n */
  if( pRows==0 || pRows->nRow==0 ) return;   /* no rows: NULL */
  a = jjjRowsLive(pRows, 2);
  n = pRows->nRow;
  for(i=0; i<n; i++){
    double x = a[2*i], y = a[2*i+1];
    if( !isfinite(x) || !isfinite(y) || x<0.0 || y<0.0 ) return;
    if( x>rMaxA ) rMaxA = x;
    if( y>rMaxB ) rMaxB = y;
  }
  if( rMaxA==0.0 || rMaxB==0.0 ) return;
  if( (int)(intptr_t)sqlite3_user_data(ctx)==JJJ_PAIR_KRUGMAN ){
    JjjSum sA = {0, 0}, sB = {0, 0}, sK = {0, 0};
    double rA, rB;
    for(i=0; i<n; i++){
      jjjSumAdd(&sA, a[2*i]/rMaxA);
      jjjSumAdd(&sB, a[2*i+1]/rMaxB);
    }
    rA = jjjSumValue(&sA);
    rB = jjjSumValue(&sB);
    for(i=0; i<n; i++){
      jjjSumAdd(&sK, fabs(a[2*i]/rMaxA/rA - a[2*i+1]/rMaxB/rB));
    }
    r = jjjSumValue(&sK);
    if( r>2.0 ) r = 2.0;
  }else{
    JjjSum sAB = {0, 0}, sAA = {0, 0}, sBB = {0, 0};
    for(i=0; i<n; i++){
      double x = a[2*i]/rMaxA, y = a[2*i+1]/rMaxB;
      jjjSumAdd(&sAB, x*y);
      jjjSumAdd(&sAA, x*x);
      jjjSumAdd(&sBB, y*y);
    }
    r = jjjSumValue(&sAB) / sqrt(jjjSumValue(&sAA)*jjjSumValue(&sBB));
    if( r>1.0 ) r = 1.0;
  }
  jjjResultFinite(ctx, r);
}

void jjjPairValue(sqlite3_context *ctx){
  pairResult(ctx, (JjjRows*)sqlite3_aggregate_context(ctx, 0));
}

void jjjPairFinal(sqlite3_context *ctx){
  JjjRows *p = (JjjRows*)sqlite3_aggregate_context(ctx, 0);
  pairResult(ctx, p);
  if( p ) jjjRowsFree(p);
}
