/*
** accum.h - exact running moments and window-frame row buffers for the
** statistical aggregates.
**
** The moment accumulator serves the PostgreSQL family (stats.c), the
** coefficient of variation and Herfindahl index (inequality.c), sigma and
** beta convergence (convergence.c).  It is PostgreSQL's Youngs-Cramer
** state (N, Sx, Sxx [, Sy, Syy, Sxy]), updated with PostgreSQL's formula
**
**     N += 1;  Sx += x;  t = x*N - Sx;  Sxx += t*t / (N*(N-1))
**
** but carried in double-double arithmetic (about 106 bits), so that:
**   - each variable is scaled by a power of two (exact) chosen from the
**     largest |x| seen, so 1e300-scale inputs neither overflow nor
**     underflow in the squares; results are unscaled only at the end;
**   - constant input gives exactly Sxx = 0 and the exact mean: each
**     variable tracks how many of the newest rows equal the newest value,
**     and since SQLite removes the oldest row first, the frame is constant
**     exactly when that run covers all N rows (PostgreSQL 15 leaves
**     Sxx = 1.2e-33 for ten rows of 0.1, METHODS §4.2);
**   - removing a row (a window frame that shrinks) applies the formula
**     backwards with an error near 2^-106 of the largest sums seen.
** A plain aggregate takes a faster road to the same moments: it sums
** d = x - K, d^2 (and dx*dy) in double-double, K being the first value,
** and derives Sxx = sum d^2 - (sum d)^2/n on the first result.  That is
** as exact while n times the cancellation factor sum d^2 / Sxx stays
** below 2^44 (checked on every row) and d is neither huge nor tiny (no
** overflow or underflow in d^2); the row that would break either guard,
** and every row after it, goes to the careful update above instead.
** Window frames stay exact: from the first xValue or xInverse on, the
** accumulator keeps the frame's rows in a FIFO, and when the sums have
** shrunk by more than 2^40 since they were last exact (an outlier left)
** it recomputes them from the frame, as a fresh aggregate would.  The
** first JJJ_ACCUM_NFIRST rows are kept inline until then, so every frame
** whose first value is produced by then (n PRECEDING .. CURRENT ROW, up
** to 7 FOLLOWING) is buffered whole; frames that step more rows before
** their first value (UNBOUNDED FOLLOWING) rely on the double-double
** inverse until those rows have left.  A plain aggregate never allocates:
** O(1) memory, about 400 bytes.
**
** Infinite values are counted apart (nInf); every moment of a state that
** holds one is NULL.  NaN cannot reach SQL functions (SQLite stores NULL).
** Limits: N up to 2^53.
**
** JjjAccDom is the state of the one-argument aggregates built on it
** (jjj_sigma, jjj_cv_*, jjj_herfindahl*).
** JjjRows, the FIFO of rows (util.c), is also the frame buffer of the
** aggregates that must see all values (Gini, Theil, ...; inequality.c).
*/
#ifndef JJJ_ACCUM_H
#define JJJ_ACCUM_H

#include "jjj.h"
#include <math.h>

/* A double-double number: hi + lo with |lo| <= ulp(hi)/2 */
typedef struct JjjDd JjjDd;
struct JjjDd { double hi, lo; };

/* Error-free and double-double operations */
JjjDd jjjDdTwoProd(double a, double b);        /* a*b exactly */
JjjDd jjjDdAdd(JjjDd a, JjjDd b);
JjjDd jjjDdAddD(JjjDd a, double b);
JjjDd jjjDdSub(JjjDd a, JjjDd b);
JjjDd jjjDdMul(JjjDd a, JjjDd b);
JjjDd jjjDdMulD(JjjDd a, double b);
JjjDd jjjDdDiv(JjjDd a, JjjDd b);
JjjDd jjjDdDivD(JjjDd a, double b);
JjjDd jjjDdSqrt(JjjDd a);

/* One variable of an accumulator */
typedef struct JjjAccVar JjjAccVar;
struct JjjAccVar {
  JjjDd s;              /* sum of x * 2^-e */
  JjjDd ss;             /* sum of squared deviations, units 2^-2e */
  double rInv;          /* 2^-e (0 in a fresh state) */
  double rLim;          /* 2^e; 0 until the first nonzero value */
  int e;                /* scale exponent */
  double rLast;         /* newest value added (unscaled) */
  sqlite3_int64 nRun;   /* how many of the newest rows equal rLast */
  double rMaxS;         /* largest |s| and |ss| since the sums were */
  double rMaxSs;        /*   last exact (window use) */
};

#define JJJ_ACCUM_NFIRST 8

typedef struct JjjAccum JjjAccum;
struct JjjAccum {
  /* The moments (zeroed by a reset) */
  sqlite3_int64 n;      /* finite rows in the state */
  JjjAccVar x;          /* the variable (the regressor X for pairs) */
  JjjAccVar y;          /* pairs only: the dependent variable Y */
  JjjDd sxy;            /* pairs only: cross products, units 2^-(ex+ey) */
  /* Bookkeeping */
  sqlite3_int64 nInf;   /* rows with an infinite value */
  int nCol;             /* 1, or 2 for pairs (0 before the first row) */
  int bWindow;          /* an xValue or xInverse was seen */
  int nFirst;           /* before that: finite rows added, at most NFIRST+1 */
  double aFirst[2*JJJ_ACCUM_NFIRST];  /* ... and the first of them */
  sqlite3_int64 nPrefix;              /* rows of the state not in aRows */
  JjjRows rows;         /* window use: the frame's finite rows */
  /* The fast path (accum.c): until a guard trips or a window starts, the
  ** rows go into sums of d = x - K, d^2 (and dx dy) in double-double,
  ** with the shift K the first row's value; converted to the moments
  ** above on the first result */
  int eFast;            /* 0 no rows yet, 1 fast sums, 2 the moments */
  int eHot;             /* nCol while eFast is 1 and no row needs keeping
                        ** (jjjAccumPut's inline road), else 0 */
  double rKx, rKy;      /* the shifts */
  double rMaxX, rMaxY;  /* largest |x|, |y| added */
  JjjDd fx, fxx;        /* sum dx, sum dx^2 */
  JjjDd fy, fyy, fxy;   /* pairs: sum dy, sum dy^2, sum dx dy */
};

/* Arguments argv[0..n) as doubles into a[]: 1 if they all are reals or
** integers (the common case, inline), 0 if the caller must take the
** general road (jjjArgDouble: NULL, text, blob) */
static inline int jjjAccArgsFast(int n, sqlite3_value **argv, double *a){
  int i;
  for(i=0; i<n; i++){
    sqlite3_value *v = argv[i];
    int e = sqlite3_value_type(v);
    if( e==SQLITE_FLOAT ) a[i] = sqlite3_value_double(v);
    else if( e==SQLITE_INTEGER ) a[i] = (double)sqlite3_value_int64(v);
    else return 0;
  }
  return 1;
}

/* The fast path's per-row work, inline (accum.c has the reasoning):
** d = x - K exactly as d + dl (TwoSum), d^2 exactly (Dekker's split, or
** fma), sums of d and d^2 (and dx dy) in double-double with the sloppy
** addition, and the two guards (|d| within 2^+-480, n times the
** cancellation factor below 2^44).  Each returns 1 when the row went in,
** 0 when the caller must take jjjAccumAdd (guard, first rows, window). */
#define JJJ_ACC_FAST_NF  17592186044416.0         /* 2^44 */
#define JJJ_ACC_FAST_MAX 3.1217485503159922e+144  /* 2^480 */
#define JJJ_ACC_FAST_MIN 3.2033329522929615e-145  /* 2^-480 */

/* d = x - K exactly as the return value + *pLo */
static inline double jjjAccDiff(double x, double K, double *pLo){
  double d = x - K;
  double bb = d - x;
  *pLo = (x - (d - bb)) + (-K - bb);
  return d;
}
/* |d| usable: neither d^2 overflows nor its low part underflows */
static inline int jjjAccFastOk(double d){
  double ad = fabs(d);
  return ad<JJJ_ACC_FAST_MAX && (ad>JJJ_ACC_FAST_MIN || ad==0.0);
}
/* The error of a*b (returned) with *pHi = a*b: exact */
static inline double jjjAccProdErr(double a, double b, double *pHi){
  double p = a*b;
  *pHi = p;
#ifdef FP_FAST_FMA
  return fma(a, b, -p);
#else
  {
    double t, ah, al, bh, bl;
    t = 134217729.0*a; ah = t - (t - a); al = a - ah;
    t = 134217729.0*b; bh = t - (t - b); bl = b - bh;
    return ((ah*bh - p) + ah*bl + al*bh) + al*bl;
  }
#endif
}
/* *pS += a + aLo (|aLo| <= ulp(a)), sloppy double-double addition */
static inline void jjjAccSumDd(JjjDd *pS, double a, double aLo){
  double hi = pS->hi + a;
  double bb = hi - pS->hi;
  double lo = ((pS->hi - (hi - bb)) + (a - bb)) + (pS->lo + aLo);
  pS->hi = hi + lo;
  pS->lo = lo - (pS->hi - hi);
}
/* Would sums s1, s2 of n rows have n F above 2^44? */
static inline int jjjAccFastLossy(double s1, double s2, double n){
  double a = n*s2;
  return a*n > JJJ_ACC_FAST_NF*(a - s1*s1);
}
static inline void jjjAccRun(JjjAccVar *v, double x){
  if( x==v->rLast ){
    v->nRun++;
  }else{
    v->rLast = x;
    v->nRun = 1;
  }
}
JJJ_INLINE int jjjAccumHot1(JjjAccum *p, double x){
  double d, dl, q, ql, n, ax;
  JjjDd s2;
  d = jjjAccDiff(x, p->rKx, &dl);
  if( !jjjAccFastOk(d) ) return 0;
  ql = jjjAccProdErr(d, d, &q) + 2.0*d*dl;
  s2 = p->fxx;
  jjjAccSumDd(&s2, q, ql);
  n = (double)(p->n + 1);
  if( jjjAccFastLossy(p->fx.hi + d, s2.hi, n) ) return 0;
  jjjAccSumDd(&p->fx, d, dl);
  p->fxx = s2;
  p->n++;
  ax = fabs(x);
  if( ax>p->rMaxX ) p->rMaxX = ax;
  jjjAccRun(&p->x, x);
  return 1;
}
JJJ_INLINE int jjjAccumHot2(JjjAccum *p, double y, double x){
  double dx, dxl, dy, dyl, qx, qxl, qy, qyl, qxy, qxyl, n, a;
  JjjDd sxx, syy;
  dx = jjjAccDiff(x, p->rKx, &dxl);
  dy = jjjAccDiff(y, p->rKy, &dyl);
  if( !jjjAccFastOk(dx) || !jjjAccFastOk(dy) ) return 0;
  qxl = jjjAccProdErr(dx, dx, &qx) + 2.0*dx*dxl;
  qyl = jjjAccProdErr(dy, dy, &qy) + 2.0*dy*dyl;
  qxyl = jjjAccProdErr(dx, dy, &qxy) + (dx*dyl + dxl*dy);
  sxx = p->fxx;
  syy = p->fyy;
  jjjAccSumDd(&sxx, qx, qxl);
  jjjAccSumDd(&syy, qy, qyl);
  n = (double)(p->n + 1);
  if( jjjAccFastLossy(p->fx.hi + dx, sxx.hi, n)
   || jjjAccFastLossy(p->fy.hi + dy, syy.hi, n) ){
    return 0;
  }
  jjjAccSumDd(&p->fx, dx, dxl);
  jjjAccSumDd(&p->fy, dy, dyl);
  jjjAccSumDd(&p->fxy, qxy, qxyl);
  p->fxx = sxx;
  p->fyy = syy;
  p->n++;
  a = fabs(x);
  if( a>p->rMaxX ) p->rMaxX = a;
  a = fabs(y);
  if( a>p->rMaxY ) p->rMaxY = a;
  jjjAccRun(&p->x, x);
  jjjAccRun(&p->y, y);
  return 1;
}

/* A real or integer argument as a double: 1, or 0 for the general road */
static inline int jjjAccArg1(sqlite3_value *v, double *px){
  int e = sqlite3_value_type(v);
  if( e!=SQLITE_FLOAT && e!=SQLITE_INTEGER ) return 0;
  *px = sqlite3_value_double(v);
  return 1;
}

/* Add or remove one row (x, or the pair (y, x) in PostgreSQL's order).
** A zeroed JjjAccum is an empty state.  Remove must be given the oldest
** row added (SQLite's xInverse does that).  Return SQLITE_OK or
** SQLITE_NOMEM (window use only). */
int jjjAccumAdd(JjjAccum*, double x);
int jjjAccumRemove(JjjAccum*, double x);
int jjjAccumAdd2(JjjAccum*, double y, double x);
int jjjAccumRemove2(JjjAccum*, double y, double x);
/* jjjAccumAdd and jjjAccumAdd2 with the fast path inline */
static inline int jjjAccumPut(JjjAccum *p, double x){
  if( p->eHot==1 && jjjAccumHot1(p, x) ) return SQLITE_OK;
  return jjjAccumAdd(p, x);
}
static inline int jjjAccumPut2(JjjAccum *p, double y, double x){
  if( p->eHot==2 && jjjAccumHot2(p, y, x) ) return SQLITE_OK;
  return jjjAccumAdd2(p, y, x);
}

/* Call first in xValue (bFinal 0) and xFinal (bFinal 1): in window use
** this makes the state exact for the current frame (a plain aggregate's
** xFinal needs nothing).  On OOM the error is set on ctx and 1 returned.
** p may be 0. */
int jjjAccumReady(sqlite3_context *ctx, JjjAccum *p, int bFinal);
/* Call from xFinal: frees the frame buffer.  p may be 0. */
void jjjAccumFree(JjjAccum *p);

/* The state of a one-argument aggregate whose rows outside a domain make
** the result NULL while they are in the frame (jjj_sigma: x <= 0;
** jjj_herfindahl: x < 0; jjj_cv_*: none): the accumulator and a count of
** such rows.  A zeroed JjjAccDom is empty. */
typedef struct JjjAccDom JjjAccDom;
struct JjjAccDom {
  JjjAccum acc;
  sqlite3_int64 nBad;   /* rows of the frame outside the domain */
};
/* Read argument 0 of function zFn into *px (jjjArgDouble's rules) and
** return the aggregate context, created with bCreate (xStep; on OOM the
** error is set).  NULL when the row does not count (NULL, an error set)
** or there is no context. */
JjjAccDom *jjjAccDomRow(sqlite3_context*, const char *zFn,
                        sqlite3_value **argv, int bCreate, double *px);
/* Add a row (bRemove 0) or remove it (1): counted apart if bBad, else v
** goes into the accumulator; on OOM the error is set on ctx */
void jjjAccDomPut(sqlite3_context*, JjjAccDom*, int bBad, double v,
                  int bRemove);

/* The moments, unscaled.  p may be NULL (no rows).  Each returns 1 and
** sets *pr when defined, or 0 (SQL NULL) when the state is empty, holds
** an infinity, or the moment is undefined.  A result may still overflow
** (var_pop of 1e200-scale data): jjjResultFinite() turns that into NULL. */
int jjjAccumMean(const JjjAccum*, int bY, double *pr);
int jjjAccumSs(const JjjAccum*, int bY, double *pr);      /* Sxx or Syy */
int jjjAccumSxy(const JjjAccum*, double *pr);
int jjjAccumVar(const JjjAccum*, int bSample, double *pr);
int jjjAccumSd(const JjjAccum*, int bSample, double *pr);
int jjjAccumCv(const JjjAccum*, int bSample, double *pr); /* sd/|mean| */
int jjjAccumCorr(const JjjAccum*, double *pr);
int jjjAccumSlope(const JjjAccum*, double *pr);
int jjjAccumIntercept(const JjjAccum*, double *pr);
int jjjAccumR2(const JjjAccum*, double *pr);

#endif /* JJJ_ACCUM_H */
