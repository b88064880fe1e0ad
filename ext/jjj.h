/*
** jjj.h - internal interfaces of the jingjinji extension.
**
** Every ext/ C file except the bundle builder includes this header.  It
** pulls in sqlite3ext.h (or sqlite3.h under -DSQLITE_CORE) and declares:
**
**   - the registration table (registry.c): one row per SQL function with
**     its arity, flags and callbacks, and one row per virtual-table module;
**   - the per-connection object JjjConn (jingjinji.c);
**   - the dataset model and decoder (bundle.c);
**   - argument helpers shared by all analytic functions (util.c);
**   - each file's entry points, grouped by file.
**
** Analytic functions are pure: they know nothing of the dataset.
*/
#ifndef JJJ_H
#define JJJ_H

#include "sqlite3ext.h"
#ifndef SQLITE_CORE
SQLITE_EXTENSION_INIT3
#endif

#include <stddef.h>
#include <stdint.h>

/* Coverage-testing macros in SQLite's style: a condition that is always
** (or never) true in a correct program, kept as a defensive check. */
#if defined(SQLITE_COVERAGE_TEST) || defined(JJJ_COVERAGE_TEST)
# define ALWAYS(X)  (1)
# define NEVER(X)   (0)
#elif !defined(NDEBUG) && defined(JJJ_DEBUG)
# include <assert.h>
# define ALWAYS(X)  ((X)?1:(assert(0),0))
# define NEVER(X)   ((X)?(assert(0),1):0)
#else
# define ALWAYS(X)  (X)
# define NEVER(X)   (X)
#endif

#define JJJ_UNUSED(x) (void)(x)

/* Flags every pure function carries. */
#define JJJ_PURE (SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS)

/*************************************************************************
** Registration table (registry.c)
*/
typedef void (*JjjXFunc)(sqlite3_context*, int, sqlite3_value**);
typedef void (*JjjXFinal)(sqlite3_context*);

/* What a function receives from sqlite3_user_data() */
#define JJJ_USER_INT   0   /* (void*)(intptr_t)iArg: a variant selector */
#define JJJ_USER_CONN  1   /* the connection's JjjConn* */

typedef struct JjjFunc JjjFunc;
struct JjjFunc {
  const char *zName;    /* SQL name, always "jjj_..." */
  signed char nArg;     /* number of arguments, -1 for variadic */
  unsigned char eUser;  /* JJJ_USER_INT or JJJ_USER_CONN */
  int iArg;             /* variant selector passed as user data */
  int flags;            /* SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS|... */
  JjjXFunc xFunc;       /* scalar implementation, or NULL */
  JjjXFunc xStep;       /* aggregate step, or NULL */
  JjjXFinal xFinal;     /* aggregate final */
  JjjXFinal xValue;     /* window value (NULL: plain aggregate) */
  JjjXFunc xInverse;    /* window inverse */
};

typedef struct JjjModule JjjModule;
struct JjjModule {
  const char *zName;              /* eponymous table name */
  const sqlite3_module *pModule;  /* the module; pAux is the JjjConn */
};

extern const JjjFunc jjjFuncs[];
extern const int jjjnFunc;
extern const JjjModule jjjModules[];
extern const int jjjnModule;

/* Convenience initialisers for the table */
#define JJJ_SCALAR(name, n, flags, fn, iarg) \
  { name, n, JJJ_USER_INT, iarg, flags, fn, 0, 0, 0, 0 }
#define JJJ_AGG(name, n, flags, step, final, iarg) \
  { name, n, JJJ_USER_INT, iarg, flags, 0, step, final, 0, 0 }
#define JJJ_WINDOW(name, n, flags, step, final, value, inverse, iarg) \
  { name, n, JJJ_USER_INT, iarg, flags, 0, step, final, value, inverse }
#define JJJ_CONNFN(name, n, flags, fn) \
  { name, n, JJJ_USER_CONN, 0, flags, fn, 0, 0, 0, 0 }

/*************************************************************************
** Dataset model (bundle.c)
**
** A dataset is an immutable, decoded bundle.  All strings point into the
** inflated payload the dataset owns; a NULL pointer is SQL NULL.  Tables
** are sorted by id (strictly increasing, byte order); observations are
** sorted by (region, indicator, year) with NULL years first, which is
** SQLite's ascending order, so index order is SQL order.
*/
#define JJJ_REGION_NCOL     7  /* id code name_en name_zh level parent note */
#define JJJ_INDICATOR_NCOL  6  /* id name_en name_zh unit category description */
#define JJJ_SOURCE_NCOL     6  /* id title publisher published url note */
#define JJJ_NO_YEAR    INT32_MIN

/* The strings of an observation.  Consecutive observations whose strings
** all agree share one JjjObsText (most of a large dataset's rows repeat
** their unit, vintage and empty notes), which keeps JjjObs at 32 bytes.
** It also carries what jjj_series derives from the strings alone. */
typedef struct JjjObsText JjjObsText;
struct JjjObsText {
  const char *zValue;   /* text value (unit "date"), else NULL */
  const char *zUnit;
  const char *zQualifier;
  const char *zVintage;
  const char *zBasis;
  const char *zNote;
  const char *zPeriod;
  const char *zExcerpt;
  const char *zFact;
  int iPreference;      /* jjjPreference() of these strings (jjj_series) */
};

typedef struct JjjObs JjjObs;
struct JjjObs {
  int iRegion;          /* index into the dataset's regions */
  int iIndicator;       /* index into the dataset's indicators */
  int iSource;          /* index into the dataset's sources */
  int iYear;            /* JJJ_NO_YEAR for NULL */
  double rValue;        /* the value, when pText->zValue is NULL */
  const JjjObsText *pText;   /* its strings (owned by the dataset) */
};
typedef struct JjjTextBlock JjjTextBlock;   /* bundle.c: JjjObsText storage */

/* The lookup index (bundle.c), built by the decoder with the dataset and
** immutable like it.  An id table: open addressing with linear probing,
** aSlot[h & mask] holds a record index + 1 (0: an empty slot); at most
** half the slots are used. */
typedef struct JjjIdHash JjjIdHash;
struct JjjIdHash { unsigned int mask; int *aSlot; };
/* One (region, indicator) pair: its rows are aObs[iStart, iEnd), those
** with a NULL year first, the rest from iYear on (years yMin..yMax).
** bDense: every year of yMin..yMax appears exactly once, so year y is
** row iYear + (y - yMin).  In the pair table a slot with iRegion<0 is
** empty (open addressing, linear probing, at most 3/4 of slots used). */
typedef struct JjjPair JjjPair;
struct JjjPair {
  int iRegion, iIndicator;
  int iStart, iYear, iEnd;
  int yMin, yMax;
  int bDense;
};

typedef struct JjjDataset JjjDataset;
struct JjjDataset {
  const char *zName;          /* META "name" */
  const char *zVersion;       /* META "version" */
  char zChecksum[9];          /* the data's checksum (CRC-32 of its v1 payload) */
  int iFormat;                /* bundle format version */
  sqlite3_int64 nBundle;      /* bytes of the bundle (compressed) */
  sqlite3_int64 nPayload;     /* bytes of the inflated payload */
  unsigned char *aPayload;    /* inflated payload: owns every string */
  int nMeta;  const char **azMeta;            /* nMeta key/value pairs */
  int nRegion; const char **azRegion;         /* nRegion*JJJ_REGION_NCOL */
  int nIndicator; const char **azIndicator;   /* nIndicator*NCOL */
  int nSource; const char **azSource;         /* nSource*NCOL */
  int nObs; JjjObs *aObs;                     /* sorted, see above */
  JjjTextBlock *pTextBlock;                   /* owns every JjjObsText */
  int *aiByIndicator;  /* obs indexes sorted by (indicator, region, year) */
  int *aiSourcePublished;  /* per source: its publication date as YYYYMMDD,
                       ** missing parts as their maximum, -1 unknown */
  /* Lookup index (see JjjIdHash, JjjPair) */
  JjjIdHash hRegion, hIndicator, hSource;   /* id -> index */
  unsigned int mskPair; JjjPair *aPair;     /* (region, indicator) -> rows */
  int *aiRegionObs;    /* nRegion+1: first observation of each region */
};

/* Decode a bundle.  On success *ppOut is a new dataset the caller frees
** with jjjDatasetFree().  On failure returns an SQLite error code and, if
** pzErr is not NULL, an error message in *pzErr (sqlite3_malloc'd).
** mxPayload caps the inflated size (0: the compile-time maximum). */
int jjjBundleDecode(const unsigned char *aBundle, sqlite3_int64 nBundle,
                    sqlite3_int64 mxPayload, JjjDataset **ppOut, char **pzErr);
void jjjDatasetFree(JjjDataset*);

/* The built-in dataset, decoded on first use and shared by all connections
** (thread safe).  Acquire returns SQLITE_OK and sets *pp (one reference),
** or an error code (and message); every successful acquire is matched by a
** release.  The dataset is freed when the last reference goes. */
int jjjBuiltinAcquire(const JjjDataset **pp, char **pzErr);
void jjjBuiltinRelease(void);
/* Facts about the compiled-in bundle that need no decoding */
sqlite3_int64 jjjBuiltinBundleSize(void);

/* Lookups (hash tables); return -1 when absent.  The ...Hashed forms take
** h = jjjIdHash(zId), computed once for several datasets. */
unsigned int jjjIdHash(const char *zId);
int jjjFindRegion(const JjjDataset*, const char *zId);
int jjjFindIndicator(const JjjDataset*, const char *zId);
int jjjFindSource(const JjjDataset*, const char *zId);
int jjjFindRegionHashed(const JjjDataset*, const char *zId, unsigned int h);
int jjjFindIndicatorHashed(const JjjDataset*, const char *zId, unsigned int h);
/* The pair (iRegion, iIndicator), or NULL if it has no observations */
const JjjPair *jjjFindPair(const JjjDataset*, int iRegion, int iIndicator);
/* Observations of (region, indicator): [*piFirst, *piLast) in aObs order
** (0, 0 when there are none) */
void jjjObsRange(const JjjDataset*, int iRegion, int iIndicator,
                 int *piFirst, int *piLast);
/* Compare the keys (region id, indicator id, year) of observations a of
** pA and b of pB, two different datasets (the order of the tables when
** several datasets are merged) */
int jjjObsKeyCmp(const JjjDataset *pA, const JjjObs *a,
                 const JjjDataset *pB, const JjjObs *b);

/* Parse a date "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the start of z (or,
** with bSearch, the first such date anywhere in z) into YYYYMMDD with
** missing parts at their maximum (2015 -> 20151299, 2015-09 -> 20150999).
** Returns -1 if none. */
int jjjParseDate(const char *z, int bSearch);
/* Rank of a vintage word for "latest vintage" selection (higher wins) */
int jjjVintageRank(const char *zVintage);
/* Preference of an observation in jjj_series (higher wins): its vintage
** rank first, then the fewer imprecision flags in its qualifier.  It
** depends on the strings only: decoding stores it in each JjjObsText. */
int jjjPreference(const JjjObsText*);

/*************************************************************************
** Per-connection object (jingjinji.c)
**
** One per connection that loaded the extension; the pAux of every module
** and the user data of connection functions.  Reference counted: freed
** when the last module or function holding it is destroyed (at close).
*/
#define JJJ_MAX_DATASETS 16
typedef struct JjjConn JjjConn;
typedef struct JjjRetired JjjRetired;
struct JjjConn {
  int nRef;                       /* references held by registrations */
  sqlite3 *db;                    /* the connection */
  JjjConn *pNext;                 /* next live connection (jingjinji.c) */
  const JjjDataset *pBuiltin;     /* built-in dataset, once acquired */
  int nUser;                      /* datasets loaded with jjj_load() */
  JjjDataset *apUser[JJJ_MAX_DATASETS];
  unsigned int iGeneration;       /* bumped whenever apUser changes */
  JjjRetired *pRetired;           /* unloaded datasets not yet freed (load.c) */
};

/* Collect the datasets visible on this connection (built-in first, then
** loaded ones) into ap[] (room for JJJ_MAX_DATASETS+1).  Returns the
** count, or -1 on error with *pzErr set. */
int jjjConnDatasets(JjjConn*, const JjjDataset **ap, char **pzErr);

/*************************************************************************
** Argument and result helpers (util.c)
*/
/* Read argument iArg (0-based) of function zFn as a double.
** Returns JJJ_ARG_OK (value in *pr), JJJ_ARG_NULL (SQL NULL), or
** JJJ_ARG_ERROR after setting an error on ctx ("jjj_fn(): argument N must
** be numeric, got 'text'").  Text that looks like a number is accepted. */
#define JJJ_ARG_OK    0
#define JJJ_ARG_NULL  1
#define JJJ_ARG_ERROR 2
int jjjArgDouble(sqlite3_context*, const char *zFn, sqlite3_value**,
                 int iArg, double *pr);
/* Same for integers (a real with an integral value is accepted) */
int jjjArgInt(sqlite3_context*, const char *zFn, sqlite3_value**,
              int iArg, sqlite3_int64 *pi);
/* Set an error "zFn(): <formatted message>" on ctx */
void jjjResultError(sqlite3_context*, const char *zFn, const char *zFmt, ...);
/* Render a value for an error message: 'text', 42, 1.5, NULL, a blob */
char *jjjValueRepr(sqlite3_value*);
/* Set the error "zFn(): <zMsg>, got <v as jjjValueRepr shows it>" on ctx
** (SQLITE_NOMEM if that fails) */
void jjjResultErrorGot(sqlite3_context*, const char *zFn, const char *zMsg,
                       sqlite3_value*);
/* The read-only tables' shared plumbing: declare zSchema, allocate a
** zeroed vtab object of nByte bytes (a struct starting with sqlite3_vtab)
** and tag it SQLITE_VTAB_INNOCUOUS; refuse a write with "<table> is
** read-only"; result a string that lives as long as its dataset (NULL for
** NULL). */
int jjjVtabConnect(sqlite3 *db, const char *zSchema, size_t nByte,
                   sqlite3_vtab **ppVtab);
int jjjVtabReadOnly(sqlite3_vtab *pVtab, const char *zTable);
void jjjResultStatic(sqlite3_context*, const char *z);
/* Result the text of pStr and free it, or the error it ran into
** (SQLITE_NOMEM, too big) */
void jjjResultStr(sqlite3_context*, sqlite3_str *pStr);
/* Result a double, or NULL if it is not finite */
void jjjResultFinite(sqlite3_context*, double);

/* The row buffer of window aggregates (SQLite removes window rows oldest
** first): a FIFO of rows of nCol doubles (accum.c, inequality.c,
** linkage.c).  The live rows are a[iHead..iHead+nRow) (times nCol).  A
** zeroed JjjRows is empty; jjjRowsFree releases it. */
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

/* Keep a function out of line (the rare road of a per-row callback, so
** that the common road needs few registers) */
/* ... and JJJ_INLINE one into every caller (the common road itself) */
#if defined(__GNUC__) || defined(__clang__)
# define JJJ_NOINLINE __attribute__((noinline))
# define JJJ_INLINE static inline __attribute__((always_inline))
#else
# define JJJ_NOINLINE
# define JJJ_INLINE static inline
#endif

/* Neumaier compensated sum */
typedef struct JjjSum { double s, c; } JjjSum;
static inline void jjjSumAdd(JjjSum *p, double x){
  double t = p->s + x;
  if( (p->s<0?-p->s:p->s) >= (x<0?-x:x) ) p->c += (p->s - t) + x;
  else p->c += (x - t) + p->s;
  p->s = t;
}
static inline double jjjSumValue(const JjjSum *p){ return p->s + p->c; }

/*************************************************************************
** Entry points per file
*/
/* meta.c */
void jjjVersionFunc(sqlite3_context*, int, sqlite3_value**);
void jjjDebugFunc(sqlite3_context*, int, sqlite3_value**);
const char *jjjVersionString(void);

/* tables.c: jjj_regions, jjj_indicators, jjj_sources, jjj_info */
extern const sqlite3_module jjjRegionsModule;
extern const sqlite3_module jjjIndicatorsModule;
extern const sqlite3_module jjjSourcesModule;
extern const sqlite3_module jjjInfoModule;

/* observations.c: jjj_observations */
extern const sqlite3_module jjjObservationsModule;

/* series.c: jjj_series(indicator, region [, as_of]) */
extern const sqlite3_module jjjSeriesModule;

/* ---- growth.c ---------------------------------------------------------- */
/* growth.c: scalars */
void jjjPctChangeFunc(sqlite3_context*, int, sqlite3_value**);
void jjjLogChangeFunc(sqlite3_context*, int, sqlite3_value**);
void jjjCagrFunc(sqlite3_context*, int, sqlite3_value**);
void jjjDoublingTimeFunc(sqlite3_context*, int, sqlite3_value**);
void jjjRebaseFunc(sqlite3_context*, int, sqlite3_value**);
void jjjRealGrowthFunc(sqlite3_context*, int, sqlite3_value**);
void jjjDeflateFunc(sqlite3_context*, int, sqlite3_value**);
void jjjDeflatorFunc(sqlite3_context*, int, sqlite3_value**);
void jjjContributionFunc(sqlite3_context*, int, sqlite3_value**);
void jjjPullFunc(sqlite3_context*, int, sqlite3_value**);
/* growth.c: year-keyed aggregates; the user data selects the kind */
#define JJJ_GROWTH_CAGR   0   /* jjj_cagr(year, value) */
#define JJJ_GROWTH_CHAIN  1   /* jjj_chain_index(year, rate) */
#define JJJ_GROWTH_AVG    2   /* jjj_avg_rate(year, rate) */
void jjjGrowthStep(sqlite3_context*, int, sqlite3_value**);
void jjjGrowthInverse(sqlite3_context*, int, sqlite3_value**);
void jjjGrowthValue(sqlite3_context*);
void jjjGrowthFinal(sqlite3_context*);
/* ln(v1/v0) for positive v0, v1, accurate near 1 and without overflow */
double jjjLnRatio(double v0, double v1);
/* Result a double: NULL if not finite, -0.0 as 0.0 */
void jjjGrowthResult(sqlite3_context*, double);
/* A growable queue of fixed-size elements for window frames: elements
** a[iHead..nEnd) are in the frame; rows leave at the head.  Reserve makes
** room for one more at a[nEnd] (compacting or doubling): SQLITE_OK or
** SQLITE_NOMEM.  The struct starts zeroed (sqlite3_aggregate_context). */
typedef struct JjjBuf JjjBuf;
struct JjjBuf {
  void *a;
  sqlite3_int64 nAlloc, iHead, nEnd;
};
int jjjBufReserve(JjjBuf*, size_t sz);
void jjjBufFree(JjjBuf*);
/* transform.c: jjj_transform(value, units [, obs_per_year]) */
void jjjTransformStep(sqlite3_context*, int, sqlite3_value**);
void jjjTransformInverse(sqlite3_context*, int, sqlite3_value**);
void jjjTransformValue(sqlite3_context*);
void jjjTransformFinal(sqlite3_context*);
/* sparkline.c: jjj_sparkline(value), jjj_bar(value, max [, width]) */
void jjjSparklineStep(sqlite3_context*, int, sqlite3_value**);
void jjjSparklineInverse(sqlite3_context*, int, sqlite3_value**);
void jjjSparklineValue(sqlite3_context*);
void jjjSparklineFinal(sqlite3_context*);
void jjjBarFunc(sqlite3_context*, int, sqlite3_value**);

/* ---- stats.c, inequality.c, convergence.c ------------------------------ */
/* stats.c: PostgreSQL's statistical aggregates; iArg is the variant */
enum {
  JJJ_STATS_STDDEV_POP, JJJ_STATS_STDDEV_SAMP, JJJ_STATS_VAR_POP,
  JJJ_STATS_VAR_SAMP, JJJ_STATS_COVAR_POP, JJJ_STATS_COVAR_SAMP,
  JJJ_STATS_CORR, JJJ_STATS_REGR_SLOPE, JJJ_STATS_REGR_INTERCEPT,
  JJJ_STATS_REGR_R2, JJJ_STATS_REGR_COUNT, JJJ_STATS_REGR_SXX,
  JJJ_STATS_REGR_SYY, JJJ_STATS_REGR_SXY, JJJ_STATS_REGR_AVGX,
  JJJ_STATS_REGR_AVGY
};
void jjjStatsStep(sqlite3_context*, int, sqlite3_value**);
void jjjStatsInverse(sqlite3_context*, int, sqlite3_value**);
void jjjStatsValue(sqlite3_context*);
void jjjStatsFinal(sqlite3_context*);

/* inequality.c: variants (iArg); the decompositions take their weights
** from the arity */
enum {
  JJJ_INEQ_GINI, JJJ_INEQ_GINI_W, JJJ_INEQ_GINI_CORRECTED,
  JJJ_INEQ_THEIL_T, JJJ_INEQ_THEIL_T_W, JJJ_INEQ_THEIL_L, JJJ_INEQ_THEIL_L_W,
  JJJ_INEQ_WILLIAMSON, JJJ_INEQ_HOOVER,
  JJJ_INEQ_THEIL_T_DECOMP, JJJ_INEQ_THEIL_L_DECOMP,
  JJJ_INEQ_CV_POP, JJJ_INEQ_CV_SAMP, JJJ_INEQ_HERFINDAHL,
  JJJ_INEQ_HERFINDAHL_NORM
};
void jjjIneqBufStep(sqlite3_context*, int, sqlite3_value**);
void jjjIneqBufInverse(sqlite3_context*, int, sqlite3_value**);
void jjjIneqBufValue(sqlite3_context*);
void jjjIneqBufFinal(sqlite3_context*);
void jjjIneqDecompStep(sqlite3_context*, int, sqlite3_value**);
void jjjIneqDecompInverse(sqlite3_context*, int, sqlite3_value**);
void jjjIneqDecompValue(sqlite3_context*);
void jjjIneqDecompFinal(sqlite3_context*);
void jjjIneqAccStep(sqlite3_context*, int, sqlite3_value**);
void jjjIneqAccInverse(sqlite3_context*, int, sqlite3_value**);
void jjjIneqAccValue(sqlite3_context*);
void jjjIneqAccFinal(sqlite3_context*);
/* JSON output: a real as the shortest round-trip number (null if not
** finite), a string with escapes */
void jjjJsonReal(sqlite3_str*, double);
void jjjJsonString(sqlite3_str*, const char*, int);

/* convergence.c */
void jjjSigmaStep(sqlite3_context*, int, sqlite3_value**);
void jjjSigmaInverse(sqlite3_context*, int, sqlite3_value**);
void jjjSigmaValue(sqlite3_context*);
void jjjSigmaFinal(sqlite3_context*);
void jjjBetaStep(sqlite3_context*, int, sqlite3_value**);
void jjjBetaInverse(sqlite3_context*, int, sqlite3_value**);
void jjjBetaValue(sqlite3_context*);
void jjjBetaFinal(sqlite3_context*);

/* ---- coupling.c, entropy.c, linkage.c ---------------------------------- */
/* json.c: JSON writer (sqlite3_str) and flat-object reader, for anyone */
void jjjJsonAppendString(sqlite3_str*, const char *z, int n);
void jjjJsonAppendNumber(sqlite3_str*, double);  /* non-finite -> null */
#define JJJ_JSON_NULL    0
#define JJJ_JSON_TRUE    1
#define JJJ_JSON_FALSE   2
#define JJJ_JSON_NUMBER  3
#define JJJ_JSON_STRING  4
typedef struct JjjJsonPair JjjJsonPair;
struct JjjJsonPair {
  const char *zKey; int nKey;   /* unescaped key, NUL-terminated */
  int eType;                    /* JJJ_JSON_* */
  double rNum;                  /* JJJ_JSON_NUMBER */
  const char *zStr; int nStr;   /* JJJ_JSON_STRING, NUL-terminated */
};
typedef struct JjjJsonObject JjjJsonObject;
struct JjjJsonObject { int nPair; JjjJsonPair *aPair; };
int jjjJsonParseObject(const char *z, int n, JjjJsonObject*, char **pzErr);
void jjjJsonObjectFree(JjjJsonObject*);

/* coupling.c */
void jjjCouplingFunc(sqlite3_context*, int, sqlite3_value**);
void jjjCcdLevelFunc(sqlite3_context*, int, sqlite3_value**);
void jjjCcdLabelFunc(sqlite3_context*, int, sqlite3_value**);
#define JJJ_CPL_WANG  1     /* iArg bits of jjjCouplingFunc */
#define JJJ_CPL_D     2

/* entropy.c */
void jjjEntStep(sqlite3_context*, int, sqlite3_value**);
void jjjEntInverse(sqlite3_context*, int, sqlite3_value**);
void jjjEntValue(sqlite3_context*);
void jjjEntFinal(sqlite3_context*);
#define JJJ_ENT_WEIGHTS 0   /* iArg of the jjjEnt* callbacks */
#define JJJ_ENT_SCORES  1
#define JJJ_ENT_TOPSIS  2

/* linkage.c */
void jjjGravityFunc(sqlite3_context*, int, sqlite3_value**);
void jjjHaversineFunc(sqlite3_context*, int, sqlite3_value**);
void jjjLocationQuotientFunc(sqlite3_context*, int, sqlite3_value**);
void jjjPairStep(sqlite3_context*, int, sqlite3_value**);
void jjjPairInverse(sqlite3_context*, int, sqlite3_value**);
void jjjPairValue(sqlite3_context*);
void jjjPairFinal(sqlite3_context*);
#define JJJ_PAIR_KRUGMAN     0  /* iArg of the jjjPair* callbacks */
#define JJJ_PAIR_SIMILARITY  1

/* ---- svg.c: charts ----------------------------------------------------- */
/* jjj_svg_line(x, y [, series [, options]]), jjj_svg_bar(label, value
** [, series [, options]]): aggregates returning a standalone SVG */
void jjjSvgLineStep(sqlite3_context*, int, sqlite3_value**);
void jjjSvgLineFinal(sqlite3_context*);
void jjjSvgBarStep(sqlite3_context*, int, sqlite3_value**);
void jjjSvgBarFinal(sqlite3_context*);

/* ---- load.c: user bundles, materialisation ----------------------------- */
/* jjj_load(FILE), jjj_unload(NAME), jjj_materialize([SCHEMA]) */
void jjjLoadFunc(sqlite3_context*, int, sqlite3_value**);
void jjjUnloadFunc(sqlite3_context*, int, sqlite3_value**);
void jjjMaterializeFunc(sqlite3_context*, int, sqlite3_value**);
/* Free the datasets jjj_unload()/jjj_load() retired (connection close) */
void jjjConnFreeRetired(JjjConn*);

#endif /* JJJ_H */
