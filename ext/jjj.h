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

typedef struct JjjObs JjjObs;
struct JjjObs {
  int iRegion;          /* index into the dataset's regions */
  int iIndicator;       /* index into the dataset's indicators */
  int iSource;          /* index into the dataset's sources */
  int iYear;            /* JJJ_NO_YEAR for NULL */
  double rValue;        /* the value, when zValue is NULL */
  const char *zValue;   /* text value (unit "date"), else NULL */
  const char *zUnit;
  const char *zQualifier;
  const char *zVintage;
  const char *zBasis;
  const char *zNote;
  const char *zPeriod;
  const char *zExcerpt;
  const char *zFact;
};

typedef struct JjjDataset JjjDataset;
struct JjjDataset {
  const char *zName;          /* META "name" */
  const char *zVersion;       /* META "version" */
  char zChecksum[9];          /* CRC-32 of the payload, 8 hex digits */
  int iFormat;                /* bundle format version */
  sqlite3_int64 nBundle;      /* bytes of the bundle (compressed) */
  sqlite3_int64 nPayload;     /* bytes of the inflated payload */
  unsigned char *aPayload;    /* inflated payload: owns every string */
  int nMeta;  const char **azMeta;            /* nMeta key/value pairs */
  int nRegion; const char **azRegion;         /* nRegion*JJJ_REGION_NCOL */
  int nIndicator; const char **azIndicator;   /* nIndicator*NCOL */
  int nSource; const char **azSource;         /* nSource*NCOL */
  int nObs; JjjObs *aObs;                     /* sorted, see above */
  int *aiByIndicator;  /* obs indexes sorted by (indicator, region, year) */
  int *aiVintageRank;  /* per obs: rank of its vintage (jjj_series) */
  int *aiPublished;    /* per obs: source publication date as YYYYMMDD,
                       ** missing parts as their maximum, -1 unknown */
};

/* Decode a bundle.  On success *ppOut is a new dataset the caller frees
** with jjjDatasetFree().  On failure returns an SQLite error code and, if
** pzErr is not NULL, an error message in *pzErr (sqlite3_malloc'd).
** mxPayload caps the inflated size (0: the compile-time maximum). */
int jjjBundleDecode(const unsigned char *aBundle, sqlite3_int64 nBundle,
                    sqlite3_int64 mxPayload, JjjDataset **ppOut, char **pzErr);
void jjjDatasetFree(JjjDataset*);

/* The built-in dataset, decoded once per process on first use (thread
** safe).  Returns SQLITE_OK and sets *pp, or an error code (and message). */
int jjjBuiltinDataset(const JjjDataset **pp, char **pzErr);
/* Free the built-in dataset; the caller holds SQLITE_JJJ_MUTEX and knows
** that no connection has the extension any more (jingjinji.c) */
void jjjBuiltinFreeLocked(void);
/* Facts about the compiled-in bundle that need no decoding */
sqlite3_int64 jjjBuiltinBundleSize(void);

/* Lookups (binary search); return -1 when absent */
int jjjFindRegion(const JjjDataset*, const char *zId);
int jjjFindIndicator(const JjjDataset*, const char *zId);
int jjjFindSource(const JjjDataset*, const char *zId);
/* Observations of (region, indicator): [*piFirst, *piLast) in aObs order */
void jjjObsRange(const JjjDataset*, int iRegion, int iIndicator,
                 int *piFirst, int *piLast);

/* Parse a date "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the start of z (or,
** with bSearch, the first such date anywhere in z) into YYYYMMDD with
** missing parts at their maximum (2015 -> 20151299, 2015-09 -> 20150999).
** Returns -1 if none. */
int jjjParseDate(const char *z, int bSearch);
/* Rank of a vintage word for "latest vintage" selection (higher wins) */
int jjjVintageRank(const char *zVintage);

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
/* Result a double, or NULL if it is not finite */
void jjjResultFinite(sqlite3_context*, double);

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

/* ---- stats.c, inequality.c, convergence.c ------------------------------ */

/* ---- coupling.c, entropy.c, linkage.c ---------------------------------- */

/* ---- load.c: user bundles, materialisation ----------------------------- */
/* jjj_load(FILE), jjj_unload(NAME), jjj_materialize([SCHEMA]) */
void jjjLoadFunc(sqlite3_context*, int, sqlite3_value**);
void jjjUnloadFunc(sqlite3_context*, int, sqlite3_value**);
void jjjMaterializeFunc(sqlite3_context*, int, sqlite3_value**);
/* Free the datasets jjj_unload()/jjj_load() retired (connection close) */
void jjjConnFreeRetired(JjjConn*);

#endif /* JJJ_H */
