/*
** accum.c - exact running moments (see accum.h for the manual).
**
** Double-double arithmetic follows Dekker (1971) and the QD library's
** "accurate" variants (Hida, Li & Bailey 2001); TwoProd uses fma() when
** the compiler says it is fast (FP_FAST_FMA), else Dekker's splitting.
** All of it relies on IEEE double arithmetic without extended precision
** or value-changing optimisations (no -ffast-math, no x87).
*/
#include "accum.h"
#include <math.h>
#include <float.h>
#include <string.h>
#include <stddef.h>

/* Smallest scale exponent: keeps 2^-e finite */
#define JJJ_ACCUM_EMIN (-1000)

/*************************************************************************
** Double-double arithmetic
*/
static inline JjjDd ddTwoSum(double a, double b){
  JjjDd r;
  double bb;
  r.hi = a + b;
  bb = r.hi - a;
  r.lo = (a - (r.hi - bb)) + (b - bb);
  return r;
}
/* a+b exactly, given |a| >= |b| or a == 0 */
static inline JjjDd ddFastTwoSum(double a, double b){
  JjjDd r;
  r.hi = a + b;
  r.lo = b - (r.hi - a);
  return r;
}

static inline JjjDd ddTwoProd(double a, double b){
  JjjDd r;
#ifdef FP_FAST_FMA
  r.hi = a*b;
  r.lo = fma(a, b, -r.hi);
#else
  /* Dekker: split each factor into two 26-bit halves */
  double t, ahi, alo, bhi, blo;
  t = 134217729.0*a; ahi = t - (t - a); alo = a - ahi;
  t = 134217729.0*b; bhi = t - (t - b); blo = b - bhi;
  r.hi = a*b;
  r.lo = ((ahi*bhi - r.hi) + ahi*blo + alo*bhi) + alo*blo;
#endif
  return r;
}
JjjDd jjjDdTwoProd(double a, double b){ return ddTwoProd(a, b); }

/* a+b with an error below 2^-104 (|a| + |b|): enough wherever the error
** is measured against the operands, as in the running sums (QD's
** "sloppy" addition) */
static inline JjjDd ddAddFast(JjjDd a, JjjDd b){
  JjjDd s = ddTwoSum(a.hi, b.hi);
  s.lo += a.lo + b.lo;
  return ddFastTwoSum(s.hi, s.lo);
}

/* a*b for a, b double-double (error below 2^-104 |ab|) */
static inline JjjDd ddMulFast(JjjDd a, JjjDd b){
  JjjDd p = ddTwoProd(a.hi, b.hi);
  p.lo += a.hi*b.lo + a.lo*b.hi;
  return ddFastTwoSum(p.hi, p.lo);
}

/* a/d for a double d */
static inline JjjDd ddDivFast(JjjDd a, double d){
  double q1 = a.hi/d;
  JjjDd p = ddTwoProd(q1, d);
  return ddFastTwoSum(q1, (((a.hi - p.hi) - p.lo) + a.lo)/d);
}

JjjDd jjjDdAdd(JjjDd a, JjjDd b){
  JjjDd s = ddTwoSum(a.hi, b.hi);
  JjjDd t = ddTwoSum(a.lo, b.lo);
  s.lo += t.hi;
  s = ddFastTwoSum(s.hi, s.lo);
  s.lo += t.lo;
  return ddFastTwoSum(s.hi, s.lo);
}

JjjDd jjjDdAddD(JjjDd a, double b){
  JjjDd s = ddTwoSum(a.hi, b);
  s.lo += a.lo;
  return ddFastTwoSum(s.hi, s.lo);
}

JjjDd jjjDdSub(JjjDd a, JjjDd b){
  b.hi = -b.hi;
  b.lo = -b.lo;
  return jjjDdAdd(a, b);
}

JjjDd jjjDdMul(JjjDd a, JjjDd b){ return ddMulFast(a, b); }

JjjDd jjjDdMulD(JjjDd a, double b){
  JjjDd p = ddTwoProd(a.hi, b);
  p.lo += a.lo*b;
  return ddFastTwoSum(p.hi, p.lo);
}

JjjDd jjjDdDiv(JjjDd a, JjjDd b){
  double q1, q2, q3;
  JjjDd r, q;
  q1 = a.hi/b.hi;
  r = jjjDdSub(a, jjjDdMulD(b, q1));
  q2 = r.hi/b.hi;
  r = jjjDdSub(r, jjjDdMulD(b, q2));
  q3 = r.hi/b.hi;
  q = ddFastTwoSum(q1, q2);
  return jjjDdAddD(q, q3);
}

JjjDd jjjDdSqrt(JjjDd a){
  double r;
  JjjDd s2;
  if( a.hi<=0.0 ){ a.hi = a.lo = 0.0; return a; }
  r = sqrt(a.hi);
  s2 = ddTwoProd(r, r);
  return ddFastTwoSum(r, (((a.hi - s2.hi) - s2.lo) + a.lo)/(2.0*r));
}

JjjDd jjjDdDivD(JjjDd a, double b){
  JjjDd d;
  d.hi = b; d.lo = 0.0;
  return jjjDdDiv(a, d);
}

static JjjDd ddScale(JjjDd a, double f){  /* f a power of two */
  a.hi *= f;
  a.lo *= f;
  return a;
}

/*************************************************************************
** The accumulator: the moments
*/

/* Recompute when a sum has shrunk by more than this since it was exact */
#define JJJ_ACCUM_LOSS 1099511627776.0      /* 2^40 */

/* |x| (finite, nonzero) reached 2^e: raise e so that |x| < 2^e, and
** rescale the sums (multiplication by a power of two is exact). */
static void accRescale(JjjAccVar *v, double ax, JjjDd *pSxy){
  int k;
  (void)frexp(ax, &k);               /* ax < 2^k */
  if( k<JJJ_ACCUM_EMIN ) k = JJJ_ACCUM_EMIN;
  if( v->rLim>0.0 ){
    double f = ldexp(1.0, v->e - k);  /* < 1 */
    double f2 = ldexp(1.0, 2*(v->e - k));
    v->s = ddScale(v->s, f);
    v->ss = ddScale(v->ss, f2);
    v->rMaxS *= f;
    v->rMaxSs *= f2;
    if( pSxy ) *pSxy = ddScale(*pSxy, f);
  }
  v->e = k;
  v->rInv = ldexp(1.0, -k);
  v->rLim = ldexp(1.0, k);
}

/* x scaled for v, raising v's scale first if |x| needs it.  In a fresh
** state rInv is 0, which is right for the zeros that may come before the
** first nonzero value. */
static double accScaled(JjjAccVar *v, double x, JjjDd *pSxy){
  double ax = fabs(x);
  if( ax>=v->rLim && ax>0.0 ) accRescale(v, ax, pSxy);
  return x*v->rInv;
}

static JjjDd ddNeg(JjjDd a){
  a.hi = -a.hi;
  a.lo = -a.lo;
  return a;
}

/* t = xs*n - s: the Youngs-Cramer deviation term */
static JjjDd accDev(const JjjAccVar *v, double xs, sqlite3_int64 n){
  return ddAddFast(ddTwoProd(xs, (double)n), ddNeg(v->s));
}

/* n(n-1) is exact in a double up to here */
#define JJJ_ACCUM_NEXACT 67108864       /* 2^26 */

/* q/(n(n-1)) */
static JjjDd accOverNn1(JjjDd q, sqlite3_int64 n){
  if( n<=JJJ_ACCUM_NEXACT ) return ddDivFast(q, (double)n*(double)(n-1));
  return ddDivFast(ddDivFast(q, (double)n), (double)(n-1));
}

/* Remember the largest sums since they were last exact */
static void accNote(JjjAccVar *v){
  double a = fabs(v->s.hi);
  if( a>v->rMaxS ) v->rMaxS = a;
  if( v->ss.hi>v->rMaxSs ) v->rMaxSs = v->ss.hi;
}

static void accRunAdd(JjjAccVar *v, double x){
  if( v->nRun>0 && x==v->rLast ){
    v->nRun++;
  }else{
    v->rLast = x;
    v->nRun = 1;
  }
}

/* If the newest run of equal values covers the whole state, the state is
** constant: set its sums to their exact values.  Returns 1 if so. */
static int accConstant(JjjAccVar *v, sqlite3_int64 n){
  if( v->nRun<n ) return 0;
  v->ss.hi = v->ss.lo = 0.0;
  v->s = jjjDdTwoProd(v->rLast*v->rInv, (double)n);
  v->rMaxS = fabs(v->s.hi);
  v->rMaxSs = 0.0;
  return 1;
}

/* Back to no rows: the moments only, the bookkeeping stays */
static void accResetMoments(JjjAccum *p){
  memset(p, 0, offsetof(JjjAccum, nInf));
}

/* The moments of one more or one fewer finite x */
static void accAdd1(JjjAccum *p, double x){
  double xs = accScaled(&p->x, x, 0);
  p->n++;
  p->x.s = jjjDdAddD(p->x.s, xs);
  if( p->n>1 ){
    JjjDd t = accDev(&p->x, xs, p->n);
    p->x.ss = ddAddFast(p->x.ss, accOverNn1(ddMulFast(t, t), p->n));
  }
  accRunAdd(&p->x, x);
  if( !accConstant(&p->x, p->n) ) accNote(&p->x);
}

static void accRemove1(JjjAccum *p, double x){
  double xs;
  JjjDd t, inc;
  if( p->n<=1 ){ accResetMoments(p); return; }
  xs = x*p->x.rInv;
  t = accDev(&p->x, xs, p->n);
  inc = accOverNn1(ddMulFast(t, t), p->n);
  p->x.ss = ddAddFast(p->x.ss, ddNeg(inc));
  if( p->x.ss.hi<0.0 ) p->x.ss.hi = p->x.ss.lo = 0.0;
  p->x.s = jjjDdAddD(p->x.s, -xs);
  p->n--;
  accConstant(&p->x, p->n);
}

/* The three increments of a pair; sign +1 to add, -1 to remove */
static void accPairUpdate(JjjAccum *p, double xs, double ys, int sign){
  JjjDd one = { 1.0, 0.0 };
  JjjDd r = accOverNn1(one, p->n);
  JjjDd tx = accDev(&p->x, xs, p->n);
  JjjDd ty = accDev(&p->y, ys, p->n);
  JjjDd ix = ddMulFast(ddMulFast(tx, tx), r);
  JjjDd iy = ddMulFast(ddMulFast(ty, ty), r);
  JjjDd ixy = ddMulFast(ddMulFast(tx, ty), r);
  if( sign>0 ){
    p->x.ss = ddAddFast(p->x.ss, ix);
    p->y.ss = ddAddFast(p->y.ss, iy);
    p->sxy = ddAddFast(p->sxy, ixy);
  }else{
    p->x.ss = ddAddFast(p->x.ss, ddNeg(ix));
    p->y.ss = ddAddFast(p->y.ss, ddNeg(iy));
    p->sxy = ddAddFast(p->sxy, ddNeg(ixy));
    if( p->x.ss.hi<0.0 ) p->x.ss.hi = p->x.ss.lo = 0.0;
    if( p->y.ss.hi<0.0 ) p->y.ss.hi = p->y.ss.lo = 0.0;
  }
}

static void accPairConstant(JjjAccum *p){
  int bX = accConstant(&p->x, p->n);
  int bY = accConstant(&p->y, p->n);
  if( bX || bY ) p->sxy.hi = p->sxy.lo = 0.0;
}

static void accAdd2(JjjAccum *p, double y, double x){
  double xs = accScaled(&p->x, x, &p->sxy);
  double ys = accScaled(&p->y, y, &p->sxy);
  p->n++;
  p->x.s = jjjDdAddD(p->x.s, xs);
  p->y.s = jjjDdAddD(p->y.s, ys);
  if( p->n>1 ) accPairUpdate(p, xs, ys, +1);
  accRunAdd(&p->x, x);
  accRunAdd(&p->y, y);
  accPairConstant(p);
  accNote(&p->x);
  accNote(&p->y);
}

static void accRemove2(JjjAccum *p, double y, double x){
  double xs, ys;
  if( p->n<=1 ){ accResetMoments(p); return; }
  xs = x*p->x.rInv;
  ys = y*p->y.rInv;
  accPairUpdate(p, xs, ys, -1);
  p->x.s = jjjDdAddD(p->x.s, -xs);
  p->y.s = jjjDdAddD(p->y.s, -ys);
  p->n--;
  accPairConstant(p);
}

/*************************************************************************
** The accumulator: the fast path of a plain aggregate
**
** Sums of the shifted values d = x - K (K the first row's value): d is
** exact in double-double (TwoSum), d^2 and dx*dy exact (Dekker's product,
** the lo parts of d folded in), the sums carried in double-double with
** the sloppy addition, whose errors add up to about n 2^-104 S2.  Then
** Sxx = S2 - S1^2/n has an error near n 2^-104 S2 = n F 2^-104 Sxx, with
** F = S2/Sxx = 1 + n (mean - K)^2 / Sxx the cancellation factor.  A row
** is refused (the caller converts the state and goes the careful way from
** there on) when it would make n F exceed 2^44, or when |d| is beyond
** 2^480 or below 2^-480 (d^2 would overflow or lose bits).  One row
** multiplies F by at most about 4, so the moments keep about 60 bits:
** the double results are those of the careful path.
*/
/* The first row sets the shifts; the per-row work is inline (accum.h) */
static int accFastAdd1(JjjAccum *p, double x){
  if( p->eFast==0 ){
    p->eFast = 1;
    p->rKx = x;
  }
  return jjjAccumHot1(p, x);
}

static int accFastAdd2(JjjAccum *p, double y, double x){
  if( p->eFast==0 ){
    p->eFast = 1;
    p->rKx = x;
    p->rKy = y;
  }
  return jjjAccumHot2(p, y, x);
}

/* After a fast row: may the next rows take jjjAccumPut's inline road? */
static void accHot(JjjAccum *p){
  if( p->eFast==1 && !p->bWindow && p->nFirst>JJJ_ACCUM_NFIRST ){
    p->eHot = p->nCol;
  }
}

/* One variable's moments from its fast sums: scale from the largest |x|,
** s = n K + S1 and ss = S2 - S1^2/n, scaled.  *pS1 gets S1 scaled. */
static void accFastVar(JjjAccVar *v, sqlite3_int64 n, double K, double rMax,
                       JjjDd s1, JjjDd s2, JjjDd *pS1){
  double r;
  if( rMax>0.0 ) accRescale(v, rMax, 0);
  r = v->rInv;
  *pS1 = ddScale(s1, r);
  v->s = jjjDdAdd(ddTwoProd(K*r, (double)n), *pS1);
  v->ss = jjjDdSub(ddScale(ddScale(s2, r), r),
                   jjjDdDivD(jjjDdMul(*pS1, *pS1), (double)n));
  if( v->ss.hi<0.0 ) v->ss.hi = v->ss.lo = 0.0;
  v->rMaxS = fabs(v->s.hi);
  v->rMaxSs = v->ss.hi;
  accConstant(v, n);      /* the run of newest equal values was kept */
}

/* Leave the fast path: the moments from the sums (no allocation) */
static void accFastEnd(JjjAccum *p){
  if( p->eFast==1 && p->n>0 ){
    JjjDd s1x, s1y;
    accFastVar(&p->x, p->n, p->rKx, p->rMaxX, p->fx, p->fxx, &s1x);
    if( p->nCol==2 ){
      accFastVar(&p->y, p->n, p->rKy, p->rMaxY, p->fy, p->fyy, &s1y);
      p->sxy = jjjDdSub(ddScale(ddScale(p->fxy, p->x.rInv), p->y.rInv),
                        jjjDdDivD(jjjDdMul(s1x, s1y), (double)p->n));
      if( p->x.nRun>=p->n || p->y.nRun>=p->n ) p->sxy.hi = p->sxy.lo = 0.0;
    }
  }
  p->eFast = 2;
  p->eHot = 0;
}

/*************************************************************************
** The accumulator: rows, windows
*/

/* Keep a finite row: in the frame buffer in window use, else among the
** first rows while there are few */
static int accKeep(JjjAccum *p, const double *aRow){
  if( p->nFirst>JJJ_ACCUM_NFIRST && !p->bWindow ) return SQLITE_OK;
  if( p->bWindow ) return jjjRowsPushFast(&p->rows, p->nCol, aRow);
  if( p->nFirst<JJJ_ACCUM_NFIRST ){
    memcpy(&p->aFirst[p->nFirst*p->nCol], aRow, (size_t)p->nCol*sizeof(double));
  }
  if( p->nFirst<=JJJ_ACCUM_NFIRST ) p->nFirst++;
  return SQLITE_OK;
}

/* The first xValue or xInverse: start keeping the frame */
static int accWindowStart(JjjAccum *p){
  int i;
  if( p->bWindow ) return SQLITE_OK;
  accFastEnd(p);
  p->bWindow = 1;
  if( p->nFirst>JJJ_ACCUM_NFIRST ){
    p->nPrefix = p->n;              /* those rows are not known */
    return SQLITE_OK;
  }
  for(i=0; i<p->nFirst; i++){
    int rc = jjjRowsPush(&p->rows, p->nCol, &p->aFirst[i*p->nCol]);
    if( rc ) return rc;
  }
  return SQLITE_OK;
}

/* A finite row left the frame */
static void accForget(JjjAccum *p){
  if( p->nPrefix>0 ) p->nPrefix--;
  else jjjRowsPop(&p->rows);
}

static int accLossy(const JjjAccVar *v){
  return v->rMaxS>JJJ_ACCUM_LOSS*fabs(v->s.hi)
      || v->rMaxSs>JJJ_ACCUM_LOSS*v->ss.hi;
}

/* The moments afresh from the frame's rows, in their order */
static void accRecompute(JjjAccum *p){
  const double *a = jjjRowsLive(&p->rows, p->nCol);
  sqlite3_int64 i, n = p->rows.nRow;
  accResetMoments(p);
  for(i=0; i<n; i++){
    if( p->nCol==1 ) accAdd1(p, a[i]);
    else accAdd2(p, a[2*i], a[2*i+1]);
  }
  p->x.rMaxS = fabs(p->x.s.hi);
  p->x.rMaxSs = p->x.ss.hi;
  p->y.rMaxS = fabs(p->y.s.hi);
  p->y.rMaxSs = p->y.ss.hi;
}

int jjjAccumAdd(JjjAccum *p, double x){
  p->nCol = 1;
  if( !(fabs(x)<=DBL_MAX) ){ p->nInf++; return SQLITE_OK; }
  if( p->eFast<2 ){
    if( !p->bWindow && accFastAdd1(p, x) ){
      int rc = accKeep(p, &x);
      accHot(p);
      return rc;
    }
    accFastEnd(p);
  }
  accAdd1(p, x);
  return accKeep(p, &x);
}

int jjjAccumRemove(JjjAccum *p, double x){
  int rc = p->bWindow ? SQLITE_OK : accWindowStart(p);
  if( !(fabs(x)<=DBL_MAX) ){ p->nInf--; return rc; }
  accRemove1(p, x);
  accForget(p);
  return rc;
}

int jjjAccumAdd2(JjjAccum *p, double y, double x){
  double a[2];
  p->nCol = 2;
  if( !(fabs(x)<=DBL_MAX) || !(fabs(y)<=DBL_MAX) ){
    p->nInf++;
    return SQLITE_OK;
  }
  if( p->eFast<2 ){
    if( !p->bWindow && accFastAdd2(p, y, x) ){
      int rc;
      a[0] = y;
      a[1] = x;
      rc = accKeep(p, a);
      accHot(p);
      return rc;
    }
    accFastEnd(p);
  }
  accAdd2(p, y, x);
  a[0] = y;
  a[1] = x;
  return accKeep(p, a);
}

int jjjAccumRemove2(JjjAccum *p, double y, double x){
  int rc = p->bWindow ? SQLITE_OK : accWindowStart(p);
  if( !(fabs(x)<=DBL_MAX) || !(fabs(y)<=DBL_MAX) ){ p->nInf--; return rc; }
  accRemove2(p, y, x);
  accForget(p);
  return rc;
}

/* Window use: keep the frame, and recompute it if the sums lost digits */
static int accWindow(JjjAccum *p){
  int rc;
  if( p==0 ) return SQLITE_OK;
  rc = p->bWindow ? SQLITE_OK : accWindowStart(p);
  if( rc==SQLITE_OK && p->nPrefix==0 && p->n>0
   && (accLossy(&p->x) || (p->nCol==2 && accLossy(&p->y))) ){
    accRecompute(p);
  }
  return rc;
}

int jjjAccumReady(sqlite3_context *ctx, JjjAccum *p, int bFinal){
  if( p && p->eFast<2 && bFinal ) accFastEnd(p);
  if( p && (!bFinal || p->bWindow) && accWindow(p) ){
    sqlite3_result_error_nomem(ctx);
    return 1;
  }
  return 0;
}

void jjjAccumFree(JjjAccum *p){
  if( p ) jjjRowsFree(&p->rows);
}

/*************************************************************************
** Results
*/

/* ldexp(r, e), inline where 2^e is a normal double (then r*2^e rounds as
** ldexp does, overflow and subnormals included) */
static inline double accLdexp(double r, int e){
  if( e>=-1022 && e<=1023 ){
    union { sqlite3_uint64 u; double d; } f;
    f.u = (sqlite3_uint64)(e + 1023)<<52;
    return r*f.d;
  }
  return ldexp(r, e);
}
static int accUsable(const JjjAccum *p, sqlite3_int64 nMin){
  return p!=0 && p->nInf==0 && p->n>=nMin;
}

int jjjAccumMean(const JjjAccum *p, int bY, double *pr){
  const JjjAccVar *v;
  if( !accUsable(p, 1) ) return 0;
  v = bY ? &p->y : &p->x;
  *pr = accLdexp(ddDivFast(v->s, (double)p->n).hi, v->e);
  return 1;
}

int jjjAccumSs(const JjjAccum *p, int bY, double *pr){
  const JjjAccVar *v;
  if( !accUsable(p, 1) ) return 0;
  v = bY ? &p->y : &p->x;
  *pr = accLdexp(v->ss.hi, 2*v->e);
  return 1;
}

int jjjAccumSxy(const JjjAccum *p, double *pr){
  if( !accUsable(p, 1) ) return 0;
  *pr = accLdexp(p->sxy.hi, p->x.e + p->y.e);
  return 1;
}

/* Sxx/(n-1) or Sxx/n, scaled */
static JjjDd accVarScaled(const JjjAccum *p, int bSample){
  return ddDivFast(p->x.ss, (double)(p->n - (bSample!=0)));
}

int jjjAccumVar(const JjjAccum *p, int bSample, double *pr){
  if( !accUsable(p, bSample ? 2 : 1) ) return 0;
  *pr = accLdexp(accVarScaled(p, bSample).hi, 2*p->x.e);
  return 1;
}

int jjjAccumSd(const JjjAccum *p, int bSample, double *pr){
  if( !accUsable(p, bSample ? 2 : 1) ) return 0;
  *pr = accLdexp(jjjDdSqrt(accVarScaled(p, bSample)).hi, p->x.e);
  return 1;
}

int jjjAccumCv(const JjjAccum *p, int bSample, double *pr){
  JjjDd mean;
  if( !accUsable(p, bSample ? 2 : 1) ) return 0;
  mean = ddDivFast(p->x.s, (double)p->n);       /* scaled, like sd */
  if( mean.hi==0.0 ) return 0;
  if( mean.hi<0.0 ){ mean.hi = -mean.hi; mean.lo = -mean.lo; }
  *pr = jjjDdDiv(jjjDdSqrt(accVarScaled(p, bSample)), mean).hi;
  return 1;
}

int jjjAccumCorr(const JjjAccum *p, double *pr){
  double r;
  if( !accUsable(p, 1) || p->x.ss.hi<=0.0 || p->y.ss.hi<=0.0 ) return 0;
  r = jjjDdDiv(p->sxy, jjjDdSqrt(jjjDdMul(p->x.ss, p->y.ss))).hi;
  *pr = r>1.0 ? 1.0 : (r<-1.0 ? -1.0 : r);
  return 1;
}

int jjjAccumSlope(const JjjAccum *p, double *pr){
  if( !accUsable(p, 1) || p->x.ss.hi<=0.0 ) return 0;
  *pr = accLdexp(jjjDdDiv(p->sxy, p->x.ss).hi, p->y.e - p->x.e);
  return 1;
}

int jjjAccumIntercept(const JjjAccum *p, double *pr){
  JjjDd b, a;
  if( !accUsable(p, 1) || p->x.ss.hi<=0.0 ) return 0;
  b = jjjDdDiv(p->sxy, p->x.ss);
  a = jjjDdSub(p->y.s, jjjDdMul(p->x.s, b));
  *pr = accLdexp(ddDivFast(a, (double)p->n).hi, p->y.e);
  return 1;
}

int jjjAccumR2(const JjjAccum *p, double *pr){
  double r;
  if( !accUsable(p, 1) || p->x.ss.hi<=0.0 ) return 0;
  if( p->y.ss.hi<=0.0 ){ *pr = 1.0; return 1; }  /* PostgreSQL: per spec */
  r = jjjDdDiv(jjjDdMul(p->sxy, p->sxy), jjjDdMul(p->x.ss, p->y.ss)).hi;
  *pr = r>1.0 ? 1.0 : r;
  return 1;
}

/*************************************************************************
** One-argument aggregates with a domain (JjjAccDom)
*/
JjjAccDom *jjjAccDomRow(sqlite3_context *ctx, const char *zFn,
                        sqlite3_value **argv, int bCreate, double *px){
  JjjAccDom *p;
  if( !jjjAccArgsFast(1, argv, px)
   && jjjArgDouble(ctx, zFn, argv, 0, px)!=JJJ_ARG_OK ){
    return 0;
  }
  p = sqlite3_aggregate_context(ctx, bCreate ? (int)sizeof(*p) : 0);
  /* xInverse (bCreate 0) follows the xStep that created the state: SQLite
  ** stops the statement when that allocation fails */
  if( p==0 && ALWAYS(bCreate) ) sqlite3_result_error_nomem(ctx);
  return p;
}

void jjjAccDomPut(sqlite3_context *ctx, JjjAccDom *p, int bBad, double v,
                  int bRemove){
  int rc;
  if( bBad ){
    p->nBad += bRemove ? -1 : 1;
    return;
  }
  rc = bRemove ? jjjAccumRemove(&p->acc, v) : jjjAccumAdd(&p->acc, v);
  if( rc ) sqlite3_result_error_nomem(ctx);
}
