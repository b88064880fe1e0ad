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
** JjjRows, the FIFO of rows, is also the frame buffer of the aggregates
** that must see all values (Gini, Theil, ...; inequality.c).
*/
#ifndef JJJ_ACCUM_H
#define JJJ_ACCUM_H

#include "jjj.h"

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

/* A FIFO of rows of nCol doubles; the live rows are a[iHead..iHead+nRow)
** (times nCol).  A zeroed JjjRows is empty; jjjRowsFree releases it. */
typedef struct JjjRows JjjRows;
struct JjjRows {
  double *a;
  sqlite3_int64 iHead;
  sqlite3_int64 nRow;
  sqlite3_int64 nAlloc;       /* rows allocated */
};
int jjjRowsPush(JjjRows*, int nCol, const double *aRow);  /* SQLITE_NOMEM */
void jjjRowsPop(JjjRows*);                                /* the oldest */
double *jjjRowsLive(const JjjRows*, int nCol);            /* first live */
/* jjjRowsPush with the common case (room at the end) inline */
static inline int jjjRowsPushFast(JjjRows *p, int nCol, const double *aRow){
  if( p->iHead + p->nRow<p->nAlloc ){
    double *d = p->a + (p->iHead + p->nRow)*nCol;
    d[0] = aRow[0];
    if( nCol>1 ) d[1] = aRow[1];
    p->nRow++;
    return SQLITE_OK;
  }
  return jjjRowsPush(p, nCol, aRow);
}
void jjjRowsFree(JjjRows*);

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

/* Add or remove one row (x, or the pair (y, x) in PostgreSQL's order).
** A zeroed JjjAccum is an empty state.  Remove must be given the oldest
** row added (SQLite's xInverse does that).  Return SQLITE_OK or
** SQLITE_NOMEM (window use only). */
int jjjAccumAdd(JjjAccum*, double x);
int jjjAccumRemove(JjjAccum*, double x);
int jjjAccumAdd2(JjjAccum*, double y, double x);
int jjjAccumRemove2(JjjAccum*, double y, double x);

/* Call first in xValue (bFinal 0) and xFinal (bFinal 1): in window use
** this makes the state exact for the current frame (a plain aggregate's
** xFinal needs nothing).  On OOM the error is set on ctx and 1 returned.
** p may be 0. */
int jjjAccumReady(sqlite3_context *ctx, JjjAccum *p, int bFinal);
/* Call from xFinal: frees the frame buffer.  p may be 0. */
void jjjAccumFree(JjjAccum *p);

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
