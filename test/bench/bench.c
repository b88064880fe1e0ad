/*
** bench.c - the jingjinji benchmark driver (make bench, make bench-check).
**
**   build/bench [options]
**     --ext PATH        the extension to load (default ./jingjinji.so)
**     --data LABEL=PATH an extension build whose built-in dataset is a
**                       synthetic bundle (make bench builds 100k and 1M);
**                       the table, growth and start-up sections also run on
**                       it.  May be given several times.
**     --quick           smaller sizes, fewer repetitions
**     --only WORD       run the sections whose name contains WORD
**     --check           instruction counts under callgrind (see below)
**     --user LABEL=FILE a user bundle (make bench builds a 1M-row one) that
**                       the table section loads with jjj_load() into a
**                       connection of --ext, and the start-up section
**                       times loading
**     --gen-csv DIR N [PREFIX]  write a synthetic dataset of about N
**                       observations as CSVs in DIR (the layout of
**                       data/README.md), exit; with PREFIX, a user
**                       bundle's: dataset bench_user, every id prefixed
**
** Everything runs on the public SQLite API of the system library: tables
** are generated deterministically by this driver (no generate_series), the
** extension is loaded with sqlite3_load_extension().  Each workload is
** timed against its yardstick from the same process and run (sum(x),
** count(x), sum() OVER the same frame, a native table, a native primary
** key) and, where one exists, the pure-SQL peer; measurements interleave
** ours, yardstick and peer, and the figure is the median of the
** repetitions.  Every result is checked against a value computed here in
** C (or, for JSON results, against the pure-SQL peer), so a fast wrong
** answer fails.  The output prints each ratio next to its goal.
**
** --check runs the smallest sizes once each, with callgrind collecting
** only inside the measured query (valgrind --tool=callgrind
** --collect-atstart=no, BENCH_CG_OUT naming callgrind's output file): the
** driver reads the instruction count of each query from the dump it
** triggers, takes per-row deltas between two sizes (so fixed costs
** cancel), and gates each ratio against a ceiling (exit status 1 on a
** regression or a wrong result).  Instruction counts repeat exactly, unlike
** times on a shared machine.
*/
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dlfcn.h>

#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
#  define HAVE_CALLGRIND 1
# endif
#endif
#ifndef HAVE_CALLGRIND
# define CALLGRIND_TOGGLE_COLLECT
# define CALLGRIND_DUMP_STATS_AT(z) (void)(z)
# define RUNNING_ON_VALGRIND 0
#endif

/*************************************************************************
** Options and small utilities
*/
static const char *gExt = "./jingjinji.so";
static int gCheck = 0;            /* --check: callgrind instruction counts */
static int gQuick = 0;
static const char *gOnly = 0;
static int gReps = 7;
static const char *gCgOut = 0;    /* callgrind's output file */
static int gCgDump = 0;           /* dumps so far */
static int gFail = 0;             /* wrong results or missed gates */
#define MAX_DATA 4
static int gnData = 0;
static const char *gazDataLabel[MAX_DATA];
static const char *gazDataExt[MAX_DATA];
static int gnUser = 0;                  /* --user */
static const char *gazUserLabel[MAX_DATA];
static const char *gazUserFile[MAX_DATA];

static void die(const char *zFmt, const char *z){
  fprintf(stderr, "bench: ");
  fprintf(stderr, zFmt, z);
  fprintf(stderr, "\n");
  exit(2);
}

/* Time is this thread's CPU time: on a shared machine, time the thread
** spends preempted does not count (BENCH_WALL=1 for wall time) */
static clockid_t gClock = CLOCK_THREAD_CPUTIME_ID;
static double nowNs(void){
  struct timespec ts;
  clock_gettime(gClock, &ts);
  return ts.tv_sec*1e9 + ts.tv_nsec;
}

static int cmpD(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return (x>y) - (x<y);
}
static double median(double *a, int n){
  qsort(a, (size_t)n, sizeof(double), cmpD);
  return (n&1) ? a[n/2] : 0.5*(a[n/2-1] + a[n/2]);
}

static void exec(sqlite3 *db, const char *zSql){
  char *zErr = 0;
  if( sqlite3_exec(db, zSql, 0, 0, &zErr)!=SQLITE_OK ){
    fprintf(stderr, "bench: %s\n  in: %s\n", zErr, zSql);
    exit(2);
  }
}

static sqlite3_stmt *prep(sqlite3 *db, const char *zSql){
  sqlite3_stmt *p = 0;
  if( sqlite3_prepare_v2(db, zSql, -1, &p, 0)!=SQLITE_OK ){
    fprintf(stderr, "bench: %s\n  in: %s\n", sqlite3_errmsg(db), zSql);
    exit(2);
  }
  return p;
}

static sqlite3 *openDb(const char *zFile, const char *zExt){
  sqlite3 *db = 0;
  char *zErr = 0;
  if( sqlite3_open(zFile, &db)!=SQLITE_OK ) die("cannot open %s", zFile);
  if( zExt ){
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, (int*)0);
    if( sqlite3_load_extension(db, zExt, "sqlite3_jingjinji_init", &zErr) ){
      fprintf(stderr, "bench: loading %s: %s\n", zExt, zErr);
      exit(2);
    }
  }
  return db;
}

/* One double of a one-row query */
static double qDouble(sqlite3 *db, const char *zSql){
  sqlite3_stmt *p = prep(db, zSql);
  double r = NAN;
  if( sqlite3_step(p)==SQLITE_ROW && sqlite3_column_type(p, 0)!=SQLITE_NULL ){
    r = sqlite3_column_double(p, 0);
  }
  sqlite3_finalize(p);
  return r;
}

static int sectionOn(const char *zName){
  return gOnly==0 || strstr(zName, gOnly)!=0;
}

/*************************************************************************
** Deterministic data: a 64-bit LCG, values log-normal-ish and positive
*/
static unsigned long long gRng;
static void rngSeed(unsigned long long s){ gRng = s*2862933555777941757ULL + 3037000493ULL; }
static double rngU(void){                 /* (0, 1) */
  gRng = gRng*6364136223846793005ULL + 1442695040888963407ULL;
  return ((gRng>>11) + 0.5)/9007199254740992.0;
}
static double rngN(void){                 /* ~N(0,1), Irwin-Hall of 4 */
  return (rngU() + rngU() + rngU() + rngU() - 2.0)*1.7320508075688772;
}

/*************************************************************************
** Measurement
**
** A measurement is a stretch of work between mStart() and mStop(): in time
** mode its wall time in ns, in --check mode its instruction count, read
** from the callgrind dump the driver triggers.
*/
static double gT0;
static void mStart(void){
  if( gCheck ){ CALLGRIND_TOGGLE_COLLECT; }
  else gT0 = nowNs();
}
static double cgRead(void){
  char zPath[1024], zLine[512];
  FILE *f;
  double r = NAN;
  snprintf(zPath, sizeof(zPath), "%s.%d", gCgOut, ++gCgDump);
  f = fopen(zPath, "r");
  if( f==0 ) die("cannot read callgrind dump %s", zPath);
  while( fgets(zLine, sizeof(zLine), f) ){
    if( strncmp(zLine, "totals:", 7)==0 ) r = atof(zLine+7);
  }
  fclose(f);
  remove(zPath);
  return r;
}
static double mStop(void){
  if( gCheck ){
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT("bench");
    return cgRead();
  }
  return nowNs() - gT0;
}

/* The result of a query: the sum of column 0 over its rows, and counts */
typedef struct QRes QRes;
struct QRes { double rSum; long nRow; long nNull; };

static QRes runStmt(sqlite3_stmt *p){
  QRes r = {0.0, 0, 0};
  int rc;
  while( (rc = sqlite3_step(p))==SQLITE_ROW ){
    r.nRow++;
    if( sqlite3_column_type(p, 0)==SQLITE_NULL ) r.nNull++;
    else r.rSum += sqlite3_column_double(p, 0);
  }
  if( rc!=SQLITE_DONE ){
    fprintf(stderr, "bench: %s\n  in: %s\n", sqlite3_errmsg(sqlite3_db_handle(p)),
            sqlite3_sql(p));
    exit(2);
  }
  sqlite3_reset(p);
  return r;
}

/* Time (or count) each of up to 3 queries, interleaved, nRep times.
** aOut[i] is the median; aRes[i] the result of the last run; aMem[i] the
** memory high-water mark above the level before the query (bytes). */
static void measureSql(sqlite3 *db, int nQ, const char **azSql, int nRep,
                       double *aOut, QRes *aRes, double *aMem){
  sqlite3_stmt *ap[3];
  double aT[3][64];
  int i, k;
  if( gCheck ) nRep = 1;
  if( nRep>64 ) nRep = 64;
  for(i=0; i<nQ; i++){
    ap[i] = prep(db, azSql[i]);
    aRes[i] = runStmt(ap[i]);                    /* warm up, untimed */
    if( aMem ){
      sqlite3_int64 m0 = sqlite3_memory_used();
      sqlite3_memory_highwater(1);
      runStmt(ap[i]);
      aMem[i] = (double)(sqlite3_memory_highwater(0) - m0);
    }
  }
  for(k=0; k<nRep; k++){
    for(i=0; i<nQ; i++){
      mStart();
      aRes[i] = runStmt(ap[i]);
      aT[i][k] = mStop();
    }
  }
  for(i=0; i<nQ; i++){
    aOut[i] = median(aT[i], nRep);
    sqlite3_finalize(ap[i]);
  }
}

/*************************************************************************
** The API's floor: a bare aggregate, window and scalar written against the
** public API like ours (sqlite3_aggregate_context, sqlite3_value_*), doing
** almost nothing.  What they cost over the built-ins is what any extension
** pays before its first instruction of real work.
*/
static void bareStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double *p = sqlite3_aggregate_context(ctx, sizeof(double));
  (void)argc;
  if( p && sqlite3_value_type(argv[0])!=SQLITE_NULL ){
    *p += sqlite3_value_double(argv[0]);
  }
}
static void bareInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double *p = sqlite3_aggregate_context(ctx, sizeof(double));
  (void)argc;
  if( p && sqlite3_value_type(argv[0])!=SQLITE_NULL ){
    *p -= sqlite3_value_double(argv[0]);
  }
}
static void bareValue(sqlite3_context *ctx){
  double *p = sqlite3_aggregate_context(ctx, 0);
  sqlite3_result_double(ctx, p ? *p : 0.0);
}
static void bareAdd(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  if( sqlite3_value_type(argv[0])==SQLITE_NULL
   || sqlite3_value_type(argv[1])==SQLITE_NULL ) return;
  sqlite3_result_double(ctx, sqlite3_value_double(argv[0])
                             + sqlite3_value_double(argv[1]));
}
static void registerBare(sqlite3 *db){
  sqlite3_create_window_function(db, "bench_sum", 1,
      SQLITE_UTF8|SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, 0,
      bareStep, bareValue, bareValue, bareInverse, 0);
  sqlite3_create_function(db, "bench_add", 2,
      SQLITE_UTF8|SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS, 0, bareAdd, 0, 0);
}

/*************************************************************************
** Records: every measurement, for the summary and the --check gates
*/
#define GOAL_LE     0   /* ratio ours/base <= goal */
#define GOAL_NS     1   /* absolute ns per unit <= goal (time mode only) */
#define GOAL_INFO   2   /* no goal: shown for orientation */
typedef struct Rec Rec;
struct Rec {
  char zName[72];       /* workload */
  char zBase[40];       /* what the ratio is against */
  int iSize;            /* 0, 1, 2 */
  double n;             /* units (rows, lookups) */
  double rOurs, rBase;  /* ns (or instructions) for all n units */
  int eGoal;
  double rGoal;         /* the goal (time ratio, or ns) */
  double rCeil;         /* --check: ceiling of the instruction ratio */
  int bWrong;           /* the result did not match the expected value */
  double rMem;          /* bytes per unit (buffering aggregates), or -1 */
};
#define MAX_REC 600
static Rec gaRec[MAX_REC];
static int gnRec = 0;

static Rec *recAdd(const char *zName, const char *zBase, int iSize, double n,
                   double rOurs, double rBase, int eGoal, double rGoal,
                   double rCeil){
  Rec *p;
  if( gnRec>=MAX_REC ) die("too many records%s", "");
  p = &gaRec[gnRec++];
  memset(p, 0, sizeof(*p));
  snprintf(p->zName, sizeof(p->zName), "%s", zName);
  snprintf(p->zBase, sizeof(p->zBase), "%s", zBase);
  p->iSize = iSize; p->n = n; p->rOurs = rOurs; p->rBase = rBase;
  p->eGoal = eGoal; p->rGoal = rGoal; p->rCeil = rCeil;
  p->rMem = -1.0;
  return p;
}

/* Compare a result with its expected value: relative tolerance */
static int near(double got, double want, double tol){
  if( isnan(want) ) return isnan(got);
  if( isnan(got) ) return 0;
  return fabs(got - want) <= tol*fmax(1.0, fabs(want)) || got==want;
}

static void checkResult(Rec *p, double got, double want, double tol){
  if( !near(got, want, tol) ){
    p->bWrong = 1;
    gFail = 1;
    printf("  WRONG RESULT %s (size %d): got %.17g, expected %.17g\n",
           p->zName, p->iSize, got, want);
  }
}

static const char *goalText(const Rec *p, char *z, int n){
  switch( p->eGoal ){
    case GOAL_LE: snprintf(z, n, "<= %.2fx", p->rGoal); break;
    case GOAL_NS: snprintf(z, n, "<= %.0f ns", p->rGoal); break;
    default:      snprintf(z, n, "-"); break;
  }
  return z;
}

static void printHeader(const char *zSection){
  printf("\n== %s\n", zSection);
  if( gCheck ){
    printf("%-44s %9s %14s %14s  %s\n", "workload", "n", "Ir ours",
           "Ir base", "base");
  }else{
    printf("%-44s %9s %9s %9s %8s %10s  %s\n", "workload", "n", "ours ns",
           "base ns", "ratio", "goal", "base");
  }
}

static void printRec(const Rec *p){
  char zGoal[32];
  if( gCheck ){
    printf("%-44s %9.0f %14.0f %14.0f  %s%s\n", p->zName, p->n, p->rOurs,
           p->rBase, p->zBase, p->bWrong ? "  WRONG" : "");
    return;
  }
  goalText(p, zGoal, sizeof(zGoal));
  if( p->eGoal==GOAL_INFO && p->rBase==0 ){
    printf("%-44s %9.0f %9.1f %9s %8s %10s  %s\n", p->zName, p->n,
           p->rOurs/p->n, "", "", "-", p->bWrong ? "  WRONG" : "");
    return;
  }
  if( p->eGoal==GOAL_NS ){
    printf("%-44s %9.0f %9.1f %9s %8s %10s  %s%s%s\n", p->zName, p->n,
           p->rOurs/p->n, "", "", zGoal,
           (p->rOurs/p->n<=p->rGoal) ? "met" : "MISS",
           p->bWrong ? "  WRONG" : "", "");
    return;
  }
  printf("%-44s %9.0f %9.1f %9.1f %7.3fx %10s  %s%s", p->zName, p->n,
         p->rOurs/p->n, p->rBase/p->n, p->rOurs/p->rBase, zGoal, p->zBase,
         p->bWrong ? "  WRONG" : "");
  if( p->rMem>=0 ) printf("  (%.1f B/value)", p->rMem);
  printf("\n");
}

/*************************************************************************
** Reference computations in C (long double, two passes)
*/
typedef long double LD;

static LD refMean(const double *a, long n){
  LD s = 0; long i;
  for(i=0; i<n; i++) s += a[i];
  return s/n;
}
static LD refSs(const double *a, long n){         /* sum of squared devs */
  LD m = refMean(a, n), s = 0; long i;
  for(i=0; i<n; i++){ LD d = a[i] - m; s += d*d; }
  return s;
}
static double refSdSamp(const double *a, long n){
  return n<2 ? NAN : (double)sqrtl(refSs(a, n)/(n-1));
}
static double refVarPop(const double *a, long n){
  return (double)(refSs(a, n)/n);
}
static double refCvPop(const double *a, long n){
  return (double)(sqrtl(refSs(a, n)/n)/refMean(a, n));
}
static double refHerf(const double *a, long n){
  LD s = 0, s2 = 0; long i;
  for(i=0; i<n; i++){ s += a[i]; s2 += (LD)a[i]*a[i]; }
  return (double)(s2/(s*s));
}
static double refSigma(const double *a, long n){
  LD m = 0, s = 0; long i;
  for(i=0; i<n; i++) m += logl(a[i]);
  m /= n;
  for(i=0; i<n; i++){ LD d = logl(a[i]) - m; s += d*d; }
  return (double)sqrtl(s/n);
}
static double refTheilT(const double *a, long n){
  LD mu = refMean(a, n), s = 0; long i;
  for(i=0; i<n; i++){ LD r = a[i]/mu; s += r*logl(r); }
  return (double)(s/n);
}
static double refGini(const double *a, long n){
  double *b = malloc(sizeof(double)*(size_t)n);
  LD num = 0, tot = 0; long i;
  memcpy(b, a, sizeof(double)*(size_t)n);
  qsort(b, (size_t)n, sizeof(double), cmpD);
  for(i=0; i<n; i++){ num += (LD)(2*i + 1 - n)*b[i]; tot += b[i]; }
  free(b);
  return (double)(num/(n*tot));
}
static double refSlope(const double *y, const double *x, long n){
  LD mx = refMean(x, n), my = refMean(y, n), sxy = 0, sxx = 0; long i;
  for(i=0; i<n; i++){ sxy += (x[i]-mx)*(y[i]-my); sxx += (x[i]-mx)*(x[i]-mx); }
  return (double)(sxy/sxx);
}
static double refCorr(const double *y, const double *x, long n){
  LD mx = refMean(x, n), my = refMean(y, n), sxy = 0, sxx = 0, syy = 0;
  long i;
  for(i=0; i<n; i++){
    sxy += (x[i]-mx)*(y[i]-my);
    sxx += (x[i]-mx)*(x[i]-mx);
    syy += (y[i]-my)*(y[i]-my);
  }
  return (double)(sxy/sqrtl(sxx*syy));
}
/* CAGR in percent from (year0, v0) to (year1, v1) */
static double refCagr(double y0, double v0, double y1, double v1){
  return (double)(100.0L*expm1l(logl((LD)v1/v0)/(y1 - y0)));
}

/* Entropy weights (minmax, benefit) of a long table: item i, criterion j,
** value a[i*m + j]; returns sum_j (j+1) w_j */
static double refEntropyCheck(const double *a, long nItem, int m){
  LD aw[64], dsum = 0, r = 0;
  int j; long i;
  for(j=0; j<m; j++){
    LD mn = a[j], mx = a[j], zs = 0, e = 0;
    for(i=0; i<nItem; i++){
      LD v = a[i*m+j];
      if( v<mn ) mn = v;
      if( v>mx ) mx = v;
    }
    for(i=0; i<nItem; i++) zs += (a[i*m+j] - mn)/(mx - mn);
    for(i=0; i<nItem; i++){
      LD p = ((a[i*m+j] - mn)/(mx - mn))/zs;
      if( p>0 ) e -= p*logl(p);
    }
    aw[j] = 1.0L - e/logl((LD)nItem);
    dsum += aw[j];
  }
  for(j=0; j<m; j++) r += (j+1)*aw[j]/dsum;
  return (double)r;
}
/* TOPSIS (vector norm, benefit, equal weights): sum of closeness */
static double refTopsisCheck(const double *a, long nItem, int m){
  LD anorm[64], vp[64], vm[64], r = 0;
  int j; long i;
  for(j=0; j<m; j++){
    LD s = 0;
    for(i=0; i<nItem; i++) s += (LD)a[i*m+j]*a[i*m+j];
    anorm[j] = sqrtl(s);
    vp[j] = -1; vm[j] = 1e300;
    for(i=0; i<nItem; i++){
      LD v = a[i*m+j]/anorm[j]/m;
      if( v>vp[j] ) vp[j] = v;
      if( v<vm[j] ) vm[j] = v;
    }
  }
  for(i=0; i<nItem; i++){
    LD dp = 0, dm = 0;
    for(j=0; j<m; j++){
      LD v = a[i*m+j]/anorm[j]/m;
      dp += (v - vp[j])*(v - vp[j]);
      dm += (v - vm[j])*(v - vm[j]);
    }
    dp = sqrtl(dp); dm = sqrtl(dm);
    r += dm/(dp + dm);
  }
  return (double)r;
}

/*************************************************************************
** Section: aggregates, scalars and windows on a table t(id, x, y)
*/
static double *gX, *gY;       /* the generated columns */

static void makeT(sqlite3 *db, long n){
  sqlite3_stmt *p;
  long i;
  gX = realloc(gX, sizeof(double)*(size_t)n);
  gY = realloc(gY, sizeof(double)*(size_t)n);
  if( gX==0 || gY==0 ) die("out of memory%s", "");
  exec(db, "DROP TABLE IF EXISTS t;"
           "CREATE TABLE t(id INTEGER PRIMARY KEY, x REAL, y REAL);"
           "BEGIN");
  p = prep(db, "INSERT INTO t VALUES(?1, ?2, ?3)");
  rngSeed(42);
  for(i=0; i<n; i++){
    double x = 1000.0*exp(0.8*rngN());
    double y = 0.5*x + 200.0*exp(0.5*rngN());
    gX[i] = x; gY[i] = y;
    sqlite3_bind_int64(p, 1, i+1);
    sqlite3_bind_double(p, 2, x);
    sqlite3_bind_double(p, 3, y);
    sqlite3_step(p);
    sqlite3_reset(p);
  }
  sqlite3_finalize(p);
  exec(db, "COMMIT");
}

typedef struct AggWl AggWl;
struct AggWl {
  const char *zName;     /* label */
  const char *zSql;      /* the measured query (one row, one column) */
  const char *zBase;     /* yardstick label; its SQL is in the table below */
  double rGoal;          /* time-ratio goal */
  double rCeil;          /* --check ceiling on the instruction ratio */
  int eRef;              /* which reference (below) */
  int bMem;              /* report bytes of memory per value */
};
enum { REF_VARPOP, REF_SDSAMP, REF_CVPOP, REF_HERF, REF_SIGMA, REF_THEIL,
       REF_GINI, REF_SLOPE, REF_CORR, REF_CAGR, REF_ENTROPY, REF_TOPSIS,
       REF_ENTROPY_CM, REF_TOPSIS_CM,
       REF_SUM, REF_NONE };

/* The criterion-major workloads read row id as item (id-1)%(n/10),
** criterion (id-1)/(n/10): the item-major matrix of those values */
static double *transposeX(long n){
  long nI = n/10, i;
  int j;
  double *a = malloc(sizeof(double)*(size_t)n);
  if( a==0 ) die("out of memory%s", "");
  for(i=0; i<nI; i++){
    for(j=0; j<10; j++) a[i*10 + j] = gX[j*nI + i];
  }
  return a;
}

static double aggExpected(int eRef, long n){
  double *aT, r;
  switch( eRef ){
    case REF_ENTROPY_CM:
    case REF_TOPSIS_CM:
      aT = transposeX(n);
      r = eRef==REF_ENTROPY_CM ? refEntropyCheck(aT, n/10, 10)
                               : refTopsisCheck(aT, n/10, 10);
      free(aT);
      return r;
    case REF_VARPOP:  return refVarPop(gX, n);
    case REF_SDSAMP:  return refSdSamp(gX, n);
    case REF_CVPOP:   return refCvPop(gX, n);
    case REF_HERF:    return refHerf(gX, n);
    case REF_SIGMA:   return refSigma(gX, n);
    case REF_THEIL:   return refTheilT(gX, n);
    case REF_GINI:    return refGini(gX, n);
    case REF_SLOPE:   return refSlope(gY, gX, n);
    case REF_CORR:    return refCorr(gY, gX, n);
    case REF_CAGR:    return refCagr(1.0, gX[0], (double)n, gX[n-1]);
    case REF_ENTROPY: return refEntropyCheck(gX, n/10, 10);
    case REF_TOPSIS:  return refTopsisCheck(gX, n/10, 10);
    case REF_SUM:     return (double)(refMean(gX, n)*n);
  }
  return NAN;
}

static const char *baseSql(const char *zBase){
  if( strcmp(zBase, "sum(x)")==0 ) return "SELECT sum(x) FROM t";
  if( strcmp(zBase, "sum(x),sum(y)")==0 ) return "SELECT sum(x), sum(y) FROM t";
  if( strcmp(zBase, "count(x)")==0 ) return "SELECT count(x) FROM t";
  die("unknown yardstick %s", zBase);
  return 0;
}

static const AggWl aAgg[] = {
  /* the floor: a bare custom aggregate (no goal) */
  { "floor: bare custom aggregate",  "SELECT bench_sum(x) FROM t",
    "sum(x)", 0, 0, REF_SUM, 0 },
  /* one pass, one argument */
  { "jjj_var_pop(x)",        "SELECT jjj_var_pop(x) FROM t",
    "sum(x)", 1.10, 1.35, REF_VARPOP, 0 },
  { "jjj_stddev_samp(x)",    "SELECT jjj_stddev_samp(x) FROM t",
    "sum(x)", 1.10, 1.35, REF_SDSAMP, 0 },
  { "jjj_cv_pop(x)",         "SELECT jjj_cv_pop(x) FROM t",
    "sum(x)", 1.10, 1.35, REF_CVPOP, 0 },
  { "jjj_herfindahl(x)",     "SELECT jjj_herfindahl(x) FROM t",
    "sum(x)", 1.10, 1.35, REF_HERF, 0 },
  { "jjj_sigma(x)",          "SELECT jjj_sigma(x) FROM t",
    "sum(x)", 1.10, 1.48, REF_SIGMA, 0 },
  /* a log per row */
  { "jjj_theil_t(x)",        "SELECT jjj_theil_t(x) FROM t",
    "sum(x)", 1.30, 1.87, REF_THEIL, 1 },
  /* two arguments */
  { "jjj_regr_slope(y, x)",  "SELECT jjj_regr_slope(y, x) FROM t",
    "sum(x)", 1.35, 2.19, REF_SLOPE, 0 },
  { "jjj_corr(y, x)",        "SELECT jjj_corr(y, x) FROM t",
    "sum(x)", 1.35, 2.19, REF_CORR, 0 },
  { "jjj_cagr(id, x)",       "SELECT jjj_cagr(id, x) FROM t",
    "sum(x)", 1.35, 1.47, REF_CAGR, 1 },
  /* buffering */
  { "jjj_gini(x)",           "SELECT jjj_gini(x) FROM t",
    "sum(x)", 3.00, 1.78, REF_GINI, 1 },
  { "jjj_entropy_weights(i, c, x)",
    "SELECT length(jjj_entropy_weights((id-1)/10, (id-1)%10, x)) FROM t",
    "sum(x)", 3.00, 2.99, REF_ENTROPY, 1 },
  { "jjj_topsis(i, c, x)",
    "SELECT length(jjj_topsis((id-1)/10, (id-1)%10, x)) FROM t",
    "sum(x)", 3.00, 3.06, REF_TOPSIS, 1 },
  /* the same, rows in criterion-major order (%ld: the number of items) */
  { "jjj_entropy_weights(i, c, x) crit-major",
    "SELECT length(jjj_entropy_weights((id-1)%%%ld, (id-1)/%ld, x)) FROM t",
    "sum(x)", 3.00, 3.10, REF_ENTROPY_CM, 1 },
  { "jjj_topsis(i, c, x) crit-major",
    "SELECT length(jjj_topsis((id-1)%%%ld, (id-1)/%ld, x)) FROM t",
    "sum(x)", 3.00, 3.14, REF_TOPSIS_CM, 1 },
};

/* For the JSON results: the checked value, computed by a second query */
static const char *aggCheckSql(int eRef, long n){
  static char zSql[200];
  switch( eRef ){
    case REF_ENTROPY_CM:
      snprintf(zSql, sizeof(zSql), "SELECT sum((key+1)*value) FROM json_each("
               "(SELECT jjj_entropy_weights((id-1)%%%ld, (id-1)/%ld, x) FROM t))",
               n/10, n/10);
      return zSql;
    case REF_TOPSIS_CM:
      snprintf(zSql, sizeof(zSql), "SELECT sum(value) FROM json_each((SELECT "
               "jjj_topsis((id-1)%%%ld, (id-1)/%ld, x) FROM t))", n/10, n/10);
      return zSql;
    case REF_ENTROPY:
      return "SELECT sum((key+1)*value) FROM json_each((SELECT "
             "jjj_entropy_weights((id-1)/10, (id-1)%10, x) FROM t))";
    case REF_TOPSIS:
      return "SELECT sum(value) FROM json_each((SELECT "
             "jjj_topsis((id-1)/10, (id-1)%10, x) FROM t))";
  }
  return 0;
}

typedef struct ScalarWl ScalarWl;
struct ScalarWl {
  const char *zName, *zSql, *zBase;
  double rCeilNs;        /* --check: ceiling of instructions per call over */
  int eRef;              /* 0..: which C expression */
};
static const ScalarWl aScalar[] = {
  { "floor: bare scalar x + y", "SELECT sum(bench_add(x, y)) FROM t",
    "SELECT sum(x + y) FROM t", 0, 5 },
  { "jjj_pct_change(x, y)", "SELECT sum(jjj_pct_change(x, y)) FROM t",
    "SELECT sum(x + y) FROM t", 86, 0 },
  { "jjj_log_change(x, y)", "SELECT sum(jjj_log_change(x, y)) FROM t",
    "SELECT sum(x + y) FROM t", 153, 1 },
  { "jjj_cagr(x, y, 10)",   "SELECT sum(jjj_cagr(x, y, 10)) FROM t",
    "SELECT sum(x + y + 10) FROM t", 146, 2 },
  { "jjj_rebase(x, y)",     "SELECT sum(jjj_rebase(x, y)) FROM t",
    "SELECT sum(x + y) FROM t", 107, 3 },
  { "jjj_real_growth(x, y)", "SELECT sum(jjj_real_growth(x/100, y/100)) FROM t",
    "SELECT sum(x/100 + y/100) FROM t", 89, 4 },
};
static double scalarExpected(int e, long n){
  LD s = 0; long i;
  for(i=0; i<n; i++){
    LD x = gX[i], y = gY[i];
    switch( e ){
      case 0: s += 100.0L*(y/x - 1); break;
      case 1: s += 100.0L*logl(y/x); break;
      case 2: s += 100.0L*(powl(y/x, 0.1L) - 1); break;
      case 3: s += 100.0L*x/y; break;
      case 4: { LD a = x/100, b = y/100; s += 100.0L*(a - b)/(100 + b); break; }
      case 5: s += x + y; break;
    }
  }
  return (double)s;
}

typedef struct WinWl WinWl;
struct WinWl {
  const char *zName, *zFn;   /* zFn: the call, with OVER appended */
  double rCeil;
  int eRef;
};
static const WinWl aWin[] = {
  { "floor: bare custom window OVER 2 rows", "bench_sum(x)", 0, REF_SUM },
  { "jjj_stddev_samp(x) OVER 2 rows", "jjj_stddev_samp(x)", 1.23, REF_SDSAMP },
  { "jjj_regr_slope(y, x) OVER 2 rows", "jjj_regr_slope(y, x)", 1.48, REF_SLOPE },
  { "jjj_cagr(id, x) OVER 2 rows", "jjj_cagr(id, x)", 1.26, REF_CAGR },
  { "jjj_gini(x) OVER 2 rows", "jjj_gini(x)", 1.19, REF_GINI },
  { "jjj_theil_t(x) OVER 2 rows", "jjj_theil_t(x)", 1.28, REF_THEIL },
};
#define WIN_FRAME " OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"

static double winExpected(int eRef, long n){
  LD s = 0; long i;
  for(i=0; i<n; i++){
    long k = i>0 ? 2 : 1, j = i+1-k;
    double r = NAN;
    switch( eRef ){
      case REF_SDSAMP: r = refSdSamp(gX+j, k); break;
      case REF_SLOPE:  r = k<2 ? NAN : refSlope(gY+j, gX+j, k); break;
      case REF_CAGR:   r = k<2 ? NAN : refCagr((double)j+1, gX[j], (double)i+1, gX[i]); break;
      case REF_GINI:   r = refGini(gX+j, k); break;
      case REF_THEIL:  r = refTheilT(gX+j, k); break;
      case REF_SUM:    r = gX[j] + (k>1 ? gX[i] : 0.0); break;
    }
    if( !isnan(r) ) s += r;
  }
  return (double)s;
}

static void runAggSection(sqlite3 *db, const long *aN, int nSize){
  int iSize, i;
  for(iSize=0; iSize<nSize; iSize++){
    long n = aN[iSize];
    char zHead[80];
    makeT(db, n);
    snprintf(zHead, sizeof(zHead), "aggregates, scalars, windows on t(id, x, y): %ld rows", n);
    if( sectionOn("aggregates") ){
      printHeader(zHead);
      for(i=0; i<(int)(sizeof(aAgg)/sizeof(aAgg[0])); i++){
        const AggWl *w = &aAgg[i];
        const char *az[2];
        char zSql[200];
        double aT[2], aM[2];
        QRes aR[2];
        Rec *p;
        if( w->eRef==REF_ENTROPY_CM || w->eRef==REF_TOPSIS_CM ){
          snprintf(zSql, sizeof(zSql), w->zSql, n/10, n/10);
        }else{
          snprintf(zSql, sizeof(zSql), "%s", w->zSql);
        }
        az[0] = zSql; az[1] = baseSql(w->zBase);
        measureSql(db, 2, az, gReps, aT, aR, w->bMem ? aM : 0);
        p = recAdd(w->zName, w->zBase, iSize, (double)n, aT[0], aT[1],
                   w->rGoal>0 ? GOAL_LE : GOAL_INFO, w->rGoal, w->rCeil);
        if( w->bMem ) p->rMem = aM[0]/n;
        if( aggCheckSql(w->eRef, n) ){
          checkResult(p, qDouble(db, aggCheckSql(w->eRef, n)),
                      aggExpected(w->eRef, n), 1e-9);
        }else{
          checkResult(p, aR[0].rSum, aggExpected(w->eRef, n), 1e-10);
        }
        printRec(p);
      }
    }
    if( sectionOn("scalars") ){
      for(i=0; i<(int)(sizeof(aScalar)/sizeof(aScalar[0])); i++){
        const ScalarWl *w = &aScalar[i];
        const char *az[2];
        double aT[2];
        QRes aR[2];
        Rec *p;
        char zName[80];
        az[0] = w->zSql; az[1] = w->zBase;
        measureSql(db, 2, az, gReps, aT, aR, 0);
        snprintf(zName, sizeof(zName), "scalar %s", w->zName);
        /* the goal is on the difference: ns per call over the base */
        p = recAdd(zName, "same query, call replaced by +", iSize, (double)n,
                   aT[0] - aT[1], 0, w->rCeilNs>0 ? GOAL_NS : GOAL_INFO, 8.0,
                   w->rCeilNs);
        checkResult(p, aR[0].rSum, scalarExpected(w->eRef, n), 1e-10);
        printRec(p);
      }
    }
    if( sectionOn("windows") ){
      for(i=0; i<(int)(sizeof(aWin)/sizeof(aWin[0])); i++){
        const WinWl *w = &aWin[i];
        char zOurs[300], zBase[300];
        const char *az[2];
        double aT[2];
        QRes aR[2];
        Rec *p;
        snprintf(zOurs, sizeof(zOurs), "SELECT sum(w) FROM (SELECT %s"
                 WIN_FRAME " AS w FROM t)", w->zFn);
        snprintf(zBase, sizeof(zBase), "SELECT sum(w) FROM (SELECT sum(x)"
                 WIN_FRAME " AS w FROM t)");
        az[0] = zOurs; az[1] = zBase;
        measureSql(db, 2, az, gReps, aT, aR, 0);
        p = recAdd(w->zName, "sum(x) OVER 2 rows", iSize, (double)n,
                   aT[0], aT[1], w->rCeil>0 ? GOAL_LE : GOAL_INFO, 1.05,
                   w->rCeil);
        checkResult(p, aR[0].rSum, winExpected(w->eRef, n), 1e-10);
        printRec(p);
      }
    }
  }
  exec(db, "DROP TABLE IF EXISTS t");
}

/*************************************************************************
** Section: per group on a panel p(region, indicator, year, value, v9)
** 30 regions x 30 years x K indicators; v9 = value + 1e9 (offset data).
*/
#define P_REG 30
#define P_YEAR 30
static double *gP;            /* value of (indicator, year, region) */

static double pVal(long ind, int year, int reg){
  return gP[(ind*P_YEAR + year)*P_REG + reg];
}

static void makePanel(sqlite3 *db, long nInd){
  sqlite3_stmt *p;
  long ind;
  int yr, rg;
  gP = realloc(gP, sizeof(double)*(size_t)(nInd*P_YEAR*P_REG));
  if( gP==0 ) die("out of memory%s", "");
  exec(db, "DROP TABLE IF EXISTS p;"
           "CREATE TABLE p(region INT, indicator INT, year INT, value REAL,"
           " v9 REAL);"
           "BEGIN");
  p = prep(db, "INSERT INTO p VALUES(?1, ?2, ?3, ?4, ?5)");
  rngSeed(7);
  for(ind=0; ind<nInd; ind++){
    double lvl = 100.0*exp(rngN());
    for(yr=0; yr<P_YEAR; yr++){
      for(rg=0; rg<P_REG; rg++){
        /* a region effect, growth over the years, noise */
        double v = lvl*(1.0 + 0.1*rg)*pow(1.05, yr)*exp(0.1*rngN());
        v = floor(v*100.0 + 0.5)/100.0;       /* two decimals, like data */
        gP[(ind*P_YEAR + yr)*P_REG + rg] = v;
        sqlite3_bind_int(p, 1, rg);
        sqlite3_bind_int64(p, 2, ind);
        sqlite3_bind_int(p, 3, 2000 + yr);
        sqlite3_bind_double(p, 4, v);
        sqlite3_bind_double(p, 5, v + 1e9);
        sqlite3_step(p);
        sqlite3_reset(p);
      }
    }
  }
  sqlite3_finalize(p);
  exec(db, "COMMIT;"
           "CREATE INDEX p_ri ON p(region, indicator, year, value, v9);"
           "CREATE INDEX p_iy ON p(indicator, year, region, value);"
           "ANALYZE");
}

/* Expected sums over groups */
static double panelExpected(int e, long nInd){
  LD s = 0;
  double a[P_YEAR > P_REG ? P_YEAR : P_REG];
  long ind;
  int yr, rg;
  for(ind=0; ind<nInd; ind++){
    if( e==0 || e==2 ){                 /* across regions: gini, theil */
      for(yr=0; yr<P_YEAR; yr++){
        for(rg=0; rg<P_REG; rg++) a[rg] = pVal(ind, yr, rg);
        s += e==0 ? refGini(a, P_REG) : refTheilT(a, P_REG);
      }
    }else{                              /* across years: sd, cagr */
      for(rg=0; rg<P_REG; rg++){
        for(yr=0; yr<P_YEAR; yr++){
          a[yr] = pVal(ind, yr, rg);
          if( e==4 ) a[yr] += 1e9;      /* the v9 column, as stored */
        }
        s += (e==1 || e==4) ? refSdSamp(a, P_YEAR)
                  : refCagr(2000, a[0], 2000 + P_YEAR - 1, a[P_YEAR-1]);
      }
    }
  }
  return (double)s;
}

typedef struct PanelWl PanelWl;
struct PanelWl {
  const char *zName, *zOurs, *zBaseName, *zBase;
  double rGoal, rCeil;
  int eRef;             /* panelExpected kind; -1 none */
  double rTol;
};
#define GINI_SQL \
  "SELECT sum(g) FROM (SELECT sum((2*rk - n - 1)*value)/(n*sum(value)) g" \
  " FROM (SELECT indicator, year, value," \
  " row_number() OVER (PARTITION BY indicator, year ORDER BY value) rk," \
  " count(*) OVER (PARTITION BY indicator, year) n FROM p)" \
  " GROUP BY indicator, year)"
#define SD_SQL(col) \
  "SELECT sum(s) FROM (SELECT sqrt((sum(" col "*" col ") - sum(" col ")*sum(" \
  col ")/count(" col "))/(count(" col ")-1)) s FROM p GROUP BY region, indicator)"
static const PanelWl aPanel[] = {
  { "gini per (indicator, year) vs SQL ranks",
    "SELECT sum(g) FROM (SELECT jjj_gini(value) g FROM p"
    " GROUP BY indicator, year)",
    "pure-SQL Gini by ranks", GINI_SQL, 0.30, 0.08, 0, 1e-10 },
  { "stddev per (region, indicator) vs SQL sums",
    "SELECT sum(s) FROM (SELECT jjj_stddev_samp(value) s FROM p"
    " GROUP BY region, indicator)",
    "pure-SQL sum of squares", SD_SQL("value"), 0.55, 0.77, 1, 1e-10 },
  { "stddev on value+1e9 vs SQL sums",
    "SELECT sum(s) FROM (SELECT jjj_stddev_samp(v9) s FROM p"
    " GROUP BY region, indicator)",
    "pure-SQL sum of squares", SD_SQL("v9"), 0.55, 0.77, 4, 1e-12 },
  { "stddev per (region, indicator) vs sum()",
    "SELECT sum(s) FROM (SELECT jjj_stddev_samp(value) s FROM p"
    " GROUP BY region, indicator)",
    "grouped sum()", "SELECT sum(s) FROM (SELECT sum(value) s FROM p"
    " GROUP BY region, indicator)", 1.10, 1.28, 1, 1e-10 },
  { "theil_t per (indicator, year) vs sum()",
    "SELECT sum(s) FROM (SELECT jjj_theil_t(value) s FROM p"
    " GROUP BY indicator, year)",
    "grouped sum()", "SELECT sum(s) FROM (SELECT sum(value) s FROM p"
    " GROUP BY indicator, year)", 1.10, 1.52, 2, 1e-10 },
  { "cagr per (region, indicator) vs sum()",
    "SELECT sum(s) FROM (SELECT jjj_cagr(year, value) s FROM p"
    " GROUP BY region, indicator)",
    "grouped sum()", "SELECT sum(s) FROM (SELECT sum(value) s FROM p"
    " GROUP BY region, indicator)", 1.10, 1.38, 3, 1e-10 },
};

static void runPanelSection(sqlite3 *db, const long *aInd, int nSize){
  int iSize, i;
  if( !sectionOn("panel") ) return;
  for(iSize=0; iSize<nSize; iSize++){
    long nInd = aInd[iSize];
    double n = (double)nInd*P_YEAR*P_REG;
    char zHead[120];
    makePanel(db, nInd);
    snprintf(zHead, sizeof(zHead), "per group on a panel: 30 regions x 30 "
             "years x %ld indicators = %.0f rows", nInd, n);
    printHeader(zHead);
    for(i=0; i<(int)(sizeof(aPanel)/sizeof(aPanel[0])); i++){
      const PanelWl *w = &aPanel[i];
      const char *az[2];
      double aT[2];
      QRes aR[2];
      Rec *p;
      int nRep = nInd>=1000 ? 3 : gReps;
      az[0] = w->zOurs; az[1] = w->zBase;
      measureSql(db, 2, az, nRep, aT, aR, 0);
      p = recAdd(w->zName, w->zBaseName, iSize, n, aT[0], aT[1], GOAL_LE,
                 w->rGoal, w->rCeil);
      checkResult(p, aR[0].rSum, panelExpected(w->eRef, nInd), w->rTol);
      printRec(p);
      if( i==2 && !gCheck ){
        double want = panelExpected(4, nInd);
        printf("  (the SQL sum-of-squares stddev on value+1e9 is off by "
               "%.2g relative; ours by %.2g)\n",
               fabs(aR[1].rSum - want)/want, fabs(aR[0].rSum - want)/want);
      }
    }
  }
  exec(db, "DROP TABLE IF EXISTS p");
  free(gP); gP = 0;
}

/*************************************************************************
** Section: the dataset tables (built-in data of an extension build)
*/

/* Copy jjj_observations into native tables obs (rowid) and obs_pk (an
** index on the key), and the distinct (indicator, region) pairs */
static void copyObs(sqlite3 *db){
  exec(db,
    "DROP TABLE IF EXISTS obs; DROP TABLE IF EXISTS keys;"
    "DROP TABLE IF EXISTS ser; DROP TABLE IF EXISTS lk;"
    "CREATE TABLE obs AS SELECT region, indicator, year, value, unit,"
    " qualifier, vintage, basis, source, note, dataset FROM jjj_observations;"
    "CREATE INDEX obs_key ON obs(region, indicator, year);"
    "CREATE TABLE keys AS SELECT DISTINCT indicator, region"
    " FROM jjj_observations ORDER BY 1, 2;"
    "CREATE TABLE ser(indicator, region, year, value, basis, pch,"
    " PRIMARY KEY(indicator, region, year)) WITHOUT ROWID;"
    "INSERT INTO ser SELECT k.indicator, k.region, s.year, s.value, s.basis,"
    " s.pch FROM keys k, jjj_series(k.indicator, k.region) s;"
    /* lookup keys in a shuffled, deterministic order */
    "CREATE TABLE lk AS SELECT DISTINCT region, indicator, year FROM obs"
    " WHERE year IS NOT NULL ORDER BY (rowid*2654435761) % 4294967291;"
    "ANALYZE");
}

/* SQLite's floor for a point lookup in a virtual table: bench_floor(region,
** indicator, year, value) takes the three equalities (omitted, so SQLite
** checks nothing) and returns one row whatever they are, without
** allocating (one cursor kept in the table).  A lookup in
** jjj_observations costs at least this; the difference is ours. */
typedef struct FloorCur { sqlite3_vtab_cursor base; int bEof; } FloorCur;
typedef struct FloorTab { sqlite3_vtab base; FloorCur cur; int bUsed; } FloorTab;
static int floorConnect(sqlite3 *db, void *pAux, int argc,
                        const char *const*argv, sqlite3_vtab **pp, char **pzErr){
  FloorTab *t;
  int rc;
  (void)pAux; (void)argc; (void)argv; (void)pzErr;
  rc = sqlite3_declare_vtab(db, "CREATE TABLE x(region TEXT, indicator TEXT,"
                            " year INTEGER, value)");
  if( rc ) return rc;
  t = sqlite3_malloc(sizeof(*t));
  if( t==0 ) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  *pp = &t->base;
  return SQLITE_OK;
}
static int floorDisconnect(sqlite3_vtab *p){ sqlite3_free(p); return SQLITE_OK; }
static int floorBestIndex(sqlite3_vtab *p, sqlite3_index_info *pInfo){
  int i, n = 0;
  (void)p;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if( c->usable && c->op==SQLITE_INDEX_CONSTRAINT_EQ && c->iColumn<3 ){
      pInfo->aConstraintUsage[i].argvIndex = ++n;
      pInfo->aConstraintUsage[i].omit = 1;
    }
  }
  pInfo->estimatedCost = n==3 ? 1.0 : 1e6;
  pInfo->estimatedRows = 1;
  return SQLITE_OK;
}
static int floorOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **ppCur){
  FloorTab *t = (FloorTab*)p;
  FloorCur *c;
  if( t->bUsed ){
    c = sqlite3_malloc(sizeof(*c));
    if( c==0 ) return SQLITE_NOMEM;
  }else{
    c = &t->cur;
    t->bUsed = 1;
  }
  memset(c, 0, sizeof(*c));
  *ppCur = &c->base;
  return SQLITE_OK;
}
static int floorClose(sqlite3_vtab_cursor *cur){
  FloorTab *t = (FloorTab*)cur->pVtab;
  if( cur==&t->cur.base ) t->bUsed = 0; else sqlite3_free(cur);
  return SQLITE_OK;
}
static int floorFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                       int argc, sqlite3_value **argv){
  (void)idxNum; (void)idxStr; (void)argc; (void)argv;
  ((FloorCur*)cur)->bEof = 0;
  return SQLITE_OK;
}
static int floorNext(sqlite3_vtab_cursor *cur){
  ((FloorCur*)cur)->bEof = 1;
  return SQLITE_OK;
}
static int floorEof(sqlite3_vtab_cursor *cur){ return ((FloorCur*)cur)->bEof; }
static int floorColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  (void)cur;
  if( i==3 ) sqlite3_result_double(ctx, 1.0);
  return SQLITE_OK;
}
static int floorRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid){
  (void)cur;
  *pRowid = 1;
  return SQLITE_OK;
}
static const sqlite3_module floorModule = {
  0, 0, floorConnect, floorBestIndex, floorDisconnect, 0, floorOpen,
  floorClose, floorFilter, floorNext, floorEof, floorColumn, floorRowid,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

/* Look up nLook keys (cycling through lk) with a prepared statement inside
** one transaction; returns ns (or Ir) for all, *pSum the sum of values */
static int gAutocommit = 0;   /* lookupRun without BEGIN ... COMMIT */
static const char *gzUserBundle = 0;   /* runTableSection: jjj_load() it */
static double lookupRun(sqlite3 *db, const char *zSql, long nLook,
                        char **azR, char **azI, int *aiY, long nKey,
                        double *pSum, long *pHits){
  sqlite3_stmt *p = prep(db, zSql);
  double t;
  long i;
  *pSum = 0; *pHits = 0;
  if( !gAutocommit ) exec(db, "BEGIN");
  /* touch the tables once so the transaction holds its locks */
  runStmt(p);
  mStart();
  for(i=0; i<nLook; i++){
    long k = i % nKey;
    sqlite3_bind_text(p, 1, azR[k], -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 2, azI[k], -1, SQLITE_STATIC);
    sqlite3_bind_int(p, 3, aiY[k]);
    while( sqlite3_step(p)==SQLITE_ROW ){
      (*pHits)++;
      if( sqlite3_column_type(p, 0)==SQLITE_FLOAT ){
        *pSum += sqlite3_column_double(p, 0);
      }
    }
    sqlite3_reset(p);
  }
  t = mStop();
  if( !gAutocommit ) exec(db, "COMMIT");
  sqlite3_finalize(p);
  return t;
}

static int hasSorter(sqlite3 *db, const char *zSql){
  char z[1200];
  sqlite3_stmt *p;
  int bSort = 0;
  snprintf(z, sizeof(z), "EXPLAIN QUERY PLAN %s", zSql);
  p = prep(db, z);
  while( sqlite3_step(p)==SQLITE_ROW ){
    const char *zDetail = (const char*)sqlite3_column_text(p, 3);
    if( zDetail && strstr(zDetail, "TEMP B-TREE") ) bSort = 1;
  }
  sqlite3_finalize(p);
  return bSort;
}

static void runTableSection(const char *zLabel, const char *zExt, int iSize,
                            int bFile){
  char zFile[256], zHead[160];
  sqlite3 *db;
  double nObs;
  int j;
  snprintf(zFile, sizeof(zFile), "build/bench/tables-%d.db", (int)getpid());
  remove(zFile);
  db = openDb(bFile ? zFile : ":memory:", zExt);
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL");
  if( sqlite3_create_module(db, "bench_floor", &floorModule, 0) ){
    die("cannot register bench_floor%s", "");
  }
  if( gzUserBundle ){
    /* a user bundle: its rows join the built-in ones in every table */
    char *zSql = sqlite3_mprintf("SELECT jjj_load(%Q)", gzUserBundle);
    exec(db, zSql);
    sqlite3_free(zSql);
  }
  copyObs(db);
  nObs = qDouble(db, "SELECT count(*) FROM obs");
  snprintf(zHead, sizeof(zHead), "tables on %s data (%.0f observations), "
           "%s database", zLabel, nObs, bFile ? "file" : "in-memory");
  printHeader(zHead);

  /* full scan */
  {
    const char *az[2] = {
      "SELECT sum(value), count(*) FROM jjj_observations",
      "SELECT sum(value), count(*) FROM obs" };
    double aT[2];
    QRes aR[2];
    Rec *p;
    char zName[80];
    int nRep = nObs<10000 ? 41 : gReps;
    measureSql(db, 2, az, nRep, aT, aR, 0);
    snprintf(zName, sizeof(zName), "scan jjj_observations (%s)", zLabel);
    p = recAdd(zName, "native table, same rows", iSize, nObs, aT[0], aT[1],
               GOAL_LE, 0.80, 0.84);
    checkResult(p, aR[0].rSum, aR[1].rSum, 1e-12);
    printRec(p);
  }

  /* point lookups in a transaction */
  {
    sqlite3_stmt *q = prep(db, "SELECT region, indicator, year FROM lk");
    long nKey = 0, nAlloc = 1024, nLook, nHitO, nHitN;
    char **azR = malloc(sizeof(char*)*nAlloc), **azI = malloc(sizeof(char*)*nAlloc);
    int *aiY = malloc(sizeof(int)*nAlloc);
    double aO[64], aN[64], aF[64], sO, sN, sF, tO, tN, tF;
    long nHitF;
    Rec *p;
    char zName[100];
    int k, nRep = gCheck ? 1 : gReps;
    while( sqlite3_step(q)==SQLITE_ROW ){
      if( nKey==nAlloc ){
        nAlloc *= 2;
        azR = realloc(azR, sizeof(char*)*nAlloc);
        azI = realloc(azI, sizeof(char*)*nAlloc);
        aiY = realloc(aiY, sizeof(int)*nAlloc);
      }
      azR[nKey] = strdup((const char*)sqlite3_column_text(q, 0));
      azI[nKey] = strdup((const char*)sqlite3_column_text(q, 1));
      aiY[nKey] = sqlite3_column_int(q, 2);
      nKey++;
    }
    sqlite3_finalize(q);
    nLook = nKey<100000 ? 100000 : nKey;
    if( gCheck ){
      /* two lookup counts, so that fixed costs cancel in the delta */
      int s;
      for(s=0; s<2; s++){
        nLook = s==0 ? 500 : 1000;
        tO = lookupRun(db, "SELECT value FROM jjj_observations WHERE "
                       "region=?1 AND indicator=?2 AND year=?3",
                       nLook, azR, azI, aiY, nKey, &sO, &nHitO);
        tN = lookupRun(db, "SELECT value FROM obs WHERE "
                       "region=?1 AND indicator=?2 AND year=?3",
                       nLook, azR, azI, aiY, nKey, &sN, &nHitN);
        snprintf(zName, sizeof(zName), "lookup (region, indicator, year) %s",
                 zLabel);
        /* ceiling: 1.08x the 0.486 measured with the lookup index */
        p = recAdd(zName, "native index on the key", s, (double)nLook, tO, tN,
                   GOAL_LE, 0.20, 0.525);
        checkResult(p, sO, sN, 1e-12);
        checkResult(p, (double)nHitO, (double)nHitN, 0);
        printRec(p);
        tF = lookupRun(db, "SELECT value FROM bench_floor WHERE "
                       "region=?1 AND indicator=?2 AND year=?3",
                       nLook, azR, azI, aiY, nKey, &sF, &nHitF);
        snprintf(zName, sizeof(zName), "  vtab floor: one-row vtab (%s)", zLabel);
        p = recAdd(zName, "native index on the key", s, (double)nLook, tF, tN,
                   GOAL_INFO, 0, 0);
        checkResult(p, (double)nHitF, (double)nLook, 0);
        printRec(p);
      }
      nRep = 0;
    }
    for(k=0; k<nRep; k++){
      aO[k] = lookupRun(db, "SELECT value FROM jjj_observations WHERE "
                        "region=?1 AND indicator=?2 AND year=?3",
                        nLook, azR, azI, aiY, nKey, &sO, &nHitO);
      aN[k] = lookupRun(db, "SELECT value FROM obs WHERE "
                        "region=?1 AND indicator=?2 AND year=?3",
                        nLook, azR, azI, aiY, nKey, &sN, &nHitN);
      aF[k] = lookupRun(db, "SELECT value FROM bench_floor WHERE "
                        "region=?1 AND indicator=?2 AND year=?3",
                        nLook, azR, azI, aiY, nKey, &sF, &nHitF);
    }
    if( !gCheck ){
    tO = median(aO, nRep); tN = median(aN, nRep);
    snprintf(zName, sizeof(zName), "lookup (region, indicator, year) %s",
             zLabel);
    p = recAdd(zName, "native index on the key", iSize,
               (double)nLook, tO, tN, GOAL_LE, 0.20, 0.525);
    checkResult(p, sO, sN, 1e-12);
    checkResult(p, (double)nHitO, (double)nHitN, 0);
    printRec(p);
    {
      snprintf(zName, sizeof(zName), "  lookup absolute (%s, %s)", zLabel,
               bFile ? "file" : "memory");
      p = recAdd(zName, "", iSize, (double)nLook, tO, 0, GOAL_NS, 500.0, 0);
      printRec(p);
      /* SQLite's floor: ratio to the native index, what is ours above it */
      tF = median(aF, nRep);
      snprintf(zName, sizeof(zName), "  vtab floor: one-row vtab (%s, %s)",
               zLabel, bFile ? "file" : "memory");
      p = recAdd(zName, "native index on the key", iSize, (double)nLook, tF, tN,
                 GOAL_INFO, 0, 0);
      checkResult(p, (double)nHitF, (double)nLook, 0);
      printRec(p);
      printf("  %-42s %9.1f ns a lookup above the floor\n", "ours", (tO-tF)/nLook);
      if( bFile ){
        /* the same lookups in autocommit: each statement takes and drops
        ** SQLite's file locks (wall time: the cost is in system calls) */
        clockid_t c = gClock;
        long n2 = nLook<20000 ? nLook : 20000;
        double tA, tN2;
        gClock = CLOCK_MONOTONIC;
        gAutocommit = 1;
        tA = lookupRun(db, "SELECT value FROM jjj_observations WHERE "
                       "region=?1 AND indicator=?2 AND year=?3",
                       n2, azR, azI, aiY, nKey, &sO, &nHitO);
        tN2 = lookupRun(db, "SELECT value FROM obs WHERE "
                        "region=?1 AND indicator=?2 AND year=?3",
                        n2, azR, azI, aiY, nKey, &sN, &nHitN);
        gAutocommit = 0;
        gClock = c;
        printf("  %-42s %9.1f ns a lookup (native index: %.1f ns; wall "
               "time)\n", "autocommit on a file, no transaction", tA/n2,
               tN2/n2);
      }
    }
    }
    for(k=0; k<nKey; k++){ free(azR[k]); free(azI[k]); }
    free(azR); free(azI); free(aiY);
  }

  /* ORDER BY and GROUP BY on the key need no sorter */
  if( !gCheck ){
    static const char *az[] = {
      "SELECT region, indicator, year, value FROM jjj_observations"
      " ORDER BY region, indicator, year",
      "SELECT region, indicator, count(*) FROM jjj_observations"
      " GROUP BY region, indicator",
      "SELECT region, count(*) FROM jjj_observations GROUP BY region",
      "SELECT year, value FROM jjj_observations WHERE region='beijing'"
      " AND indicator='gdp' ORDER BY year",
    };
    for(j=0; j<(int)(sizeof(az)/sizeof(az[0])); j++){
      int b = hasSorter(db, az[j]);
      printf("  %s: %s\n", b ? "SORTER (MISS)" : "no sorter (met)", az[j]);
      if( b ) gFail = 1;
    }
  }

  /* growth: year-over-year from jjj_series vs the LAG form */
  if( !bFile ){
    const char *az[2] = {
      "SELECT sum(s.pch), count(s.pch) FROM keys k,"
      " jjj_series(k.indicator, k.region) s",
      "SELECT sum(100.0*(value/pv - 1)), count(*) FROM (SELECT value, year,"
      " basis, lag(value) OVER w pv, lag(year) OVER w py, lag(basis) OVER w pb"
      " FROM ser WINDOW w AS (PARTITION BY indicator, region ORDER BY year))"
      " WHERE py = year - 1 AND pb IS basis AND typeof(value)='real'"
      " AND typeof(pv)='real' AND pv<>0" };
    double aT[2], nSer = qDouble(db, "SELECT count(*) FROM ser");
    QRes aR[2];
    Rec *p;
    char zName[100];
    int nRep = nSer<10000 ? 41 : gReps;
    measureSql(db, 2, az, nRep, aT, aR, 0);
    snprintf(zName, sizeof(zName), "year-over-year via jjj_series (%s)", zLabel);
    p = recAdd(zName, "pure-SQL LAG, native table", iSize, nSer, aT[0], aT[1],
               GOAL_LE, 0.10, 0.09);
    checkResult(p, aR[0].rSum, aR[1].rSum, 1e-9);
    printRec(p);
    if( !gCheck ){
      snprintf(zName, sizeof(zName), "  year-over-year absolute (%s)", zLabel);
      p = recAdd(zName, "", iSize, nSer, aT[0], 0, GOAL_NS, 60.0, 0);
      printRec(p);
    }
  }
  sqlite3_close(db);
  remove(zFile);
  {
    char z[300];
    snprintf(z, sizeof(z), "%s-wal", zFile); remove(z);
    snprintf(z, sizeof(z), "%s-shm", zFile); remove(z);
  }
}

/*************************************************************************
** Section: start-up (time mode only): children in fresh processes give
** first-in-process figures.  Two yardsticks split the load: dlopen() of the library alone
** (the flags SQLite uses), and SQLite's floor, a bare registration of the
** same functions (name, arity, kind, flags) and modules with no-op
** callbacks, no user data and no destructors, cold (the first in the
** process) and on a further connection.  The rows are read from
** pragma_function_list / pragma_module_list of a loaded connection.
*/
typedef struct Startup Startup;
struct Startup { double tLoad, tFirst, tSecondConn, tSecondFirst, tReopen; };

#define MAX_STARTUP_FN 400
#define STARTUP_ROWS "build/bench/startup_rows.txt"
typedef struct StartupFn StartupFn;
struct StartupFn { char zName[64]; int nArg, flags; char cType; };
static StartupFn gaStartupFn[MAX_STARTUP_FN];
static int gnStartupFn = 0;
static char gazStartupMod[32][64];
static int gnStartupMod = 0;
static sqlite3_module gStartupBareModule;   /* all zero: never used */

static void startupNoop(sqlite3_context *c, int n, sqlite3_value **a){
  (void)c; (void)n; (void)a;
}
static void startupNoopFinal(sqlite3_context *c){ (void)c; }

/* Read the rows to register from a connection with the extension */
static void startupRows(const char *zExt){
  sqlite3 *db = openDb(":memory:", zExt);
  sqlite3_stmt *p = prep(db, "SELECT name, narg, type, flags FROM "
                         "pragma_function_list WHERE name LIKE 'jjj%'");
  gnStartupFn = gnStartupMod = 0;
  while( sqlite3_step(p)==SQLITE_ROW && gnStartupFn<MAX_STARTUP_FN ){
    StartupFn *f = &gaStartupFn[gnStartupFn++];
    snprintf(f->zName, sizeof(f->zName), "%s", sqlite3_column_text(p, 0));
    f->nArg = sqlite3_column_int(p, 1);
    f->cType = (char)sqlite3_column_text(p, 2)[0];
    f->flags = sqlite3_column_int(p, 3)
             & (SQLITE_DETERMINISTIC|SQLITE_DIRECTONLY|SQLITE_INNOCUOUS);
  }
  sqlite3_finalize(p);
  p = prep(db, "SELECT name FROM pragma_module_list WHERE name LIKE 'jjj%'");
  while( sqlite3_step(p)==SQLITE_ROW && gnStartupMod<32 ){
    snprintf(gazStartupMod[gnStartupMod++], 64, "%s",
             sqlite3_column_text(p, 0));
  }
  sqlite3_finalize(p);
  sqlite3_close(db);                   /* unloads the library again */
  {
    FILE *f = fopen(STARTUP_ROWS, "w");
    int i;
    if( f==0 ) die("cannot write %s", STARTUP_ROWS);
    for(i=0; i<gnStartupFn; i++){
      fprintf(f, "F %s %d %c %d\n", gaStartupFn[i].zName,
              gaStartupFn[i].nArg, gaStartupFn[i].cType, gaStartupFn[i].flags);
    }
    for(i=0; i<gnStartupMod; i++) fprintf(f, "M %s\n", gazStartupMod[i]);
    fclose(f);
  }
}

/* The child's copy of the rows (it must not load the extension first) */
static void startupReadRows(void){
  FILE *f = fopen(STARTUP_ROWS, "r");
  char zLine[200];
  gnStartupFn = gnStartupMod = 0;
  if( f==0 ) _exit(1);
  while( fgets(zLine, sizeof(zLine), f) ){
    if( zLine[0]=='F' && gnStartupFn<MAX_STARTUP_FN ){
      StartupFn *r = &gaStartupFn[gnStartupFn];
      if( sscanf(zLine+2, "%63s %d %c %d", r->zName, &r->nArg, &r->cType,
                 &r->flags)==4 ) gnStartupFn++;
    }else if( zLine[0]=='M' && gnStartupMod<32 ){
      if( sscanf(zLine+2, "%63s", gazStartupMod[gnStartupMod])==1 ){
        gnStartupMod++;
      }
    }
  }
  fclose(f);
}

/* SQLite's floor: the same registrations, bare */
static void startupBareRegister(sqlite3 *db){
  int i;
  for(i=0; i<gnStartupFn; i++){
    const StartupFn *f = &gaStartupFn[i];
    int fl = SQLITE_UTF8 | f->flags, rc;
    if( f->cType=='w' ){
      rc = sqlite3_create_window_function(db, f->zName, f->nArg, fl, 0,
             startupNoop, startupNoopFinal, startupNoopFinal, startupNoop, 0);
    }else if( f->cType=='a' ){
      rc = sqlite3_create_function_v2(db, f->zName, f->nArg, fl, 0, 0,
             startupNoop, startupNoopFinal, 0);
    }else{
      rc = sqlite3_create_function_v2(db, f->zName, f->nArg, fl, 0,
             startupNoop, 0, 0, 0);
    }
    if( rc ) _exit(1);
  }
  for(i=0; i<gnStartupMod; i++){
    if( sqlite3_create_module_v2(db, gazStartupMod[i], &gStartupBareModule,
                                 0, 0) ) _exit(1);
  }
}

/* eKind 1: the floor (tLoad, tSecondConn: bare registration, cold and on
** a further connection after the first query, as in startupChild());
** eKind 2: dlopen() alone (tLoad) */
static void startupYardChild(const char *zExt, int fd, int eKind){
  Startup s;
  sqlite3 *db1, *db2;
  double t;
  memset(&s, 0, sizeof(s));
  sqlite3_initialize();
  sqlite3_open(":memory:", &db1);
  sqlite3_open(":memory:", &db2);
  if( eKind==1 ){
    sqlite3 *db3;
    t = nowNs(); startupBareRegister(db1); s.tLoad = nowNs() - t;
    /* then as startupChild() does before its further connection: load the
    ** extension and run the first query (the decoding evicts caches) */
    db3 = openDb(":memory:", zExt);
    qDouble(db3, "SELECT count(*) FROM jjj_observations");
    t = nowNs(); startupBareRegister(db2); s.tSecondConn = nowNs() - t;
    sqlite3_close(db3);
  }else{
    void *h;
    t = nowNs();
    h = dlopen(zExt, RTLD_NOW|RTLD_GLOBAL);   /* as SQLite's unixDlOpen */
    s.tLoad = nowNs() - t;
    if( h==0 ) _exit(1);
  }
  if( write(fd, &s, sizeof(s))!=(ssize_t)sizeof(s) ) _exit(1);
  _exit(0);
}

static void startupChild(const char *zExt, int fd){
  Startup s;
  sqlite3 *db1, *db2, *db3;
  double t;
  sqlite3_initialize();
  {
    char *zErr = 0;
    sqlite3_open(":memory:", &db1);
    sqlite3_db_config(db1, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, (int*)0);
    t = nowNs();
    if( sqlite3_load_extension(db1, zExt, "sqlite3_jingjinji_init", &zErr) ){
      _exit(1);
    }
    s.tLoad = nowNs() - t;             /* dlopen and registration */
  }
  t = nowNs(); qDouble(db1, "SELECT count(*) FROM jjj_observations");
  s.tFirst = nowNs() - t;
  {
    sqlite3 *db = 0;
    char *zErr = 0;
    sqlite3_open(":memory:", &db);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, (int*)0);
    t = nowNs();
    sqlite3_load_extension(db, zExt, "sqlite3_jingjinji_init", &zErr);
    s.tSecondConn = nowNs() - t;
    db2 = db;
  }
  t = nowNs(); qDouble(db2, "SELECT count(*) FROM jjj_observations");
  s.tSecondFirst = nowNs() - t;
  /* close all, reopen: the data are decoded again */
  sqlite3_close(db1);
  sqlite3_close(db2);
  t = nowNs();
  db3 = openDb(":memory:", zExt);
  qDouble(db3, "SELECT count(*) FROM jjj_observations");
  s.tReopen = nowNs() - t;
  sqlite3_close(db3);
  if( write(fd, &s, sizeof(s))!=(ssize_t)sizeof(s) ) _exit(1);
  _exit(0);
}

/* The child, a fresh process (bench --startup-child KIND FD EXT): a
** forked copy of this driver would pay copy-on-write faults for every page
** of the parent's heap that loading writes to, which a program starting up
** does not (measured: +40-120 us on the first load) */
static void startupChildMain(char **azArg){
  int eKind = atoi(azArg[0]), fd = atoi(azArg[1]);
  if( getenv("BENCH_WALL") && atoi(getenv("BENCH_WALL")) ) gClock = CLOCK_MONOTONIC;
  if( eKind==0 ) startupChild(azArg[2], fd);
  if( eKind==1 ) startupReadRows();
  startupYardChild(azArg[2], fd, eKind);
}

/* Run a child of kind eKind (0: the extension, 1: the floor, 2: dlopen
** alone) in a fresh process and read its figures */
static void startupFork(const char *zExt, int eKind, Startup *pS){
  int fd[2];
  pid_t pid;
  if( pipe(fd) ) die("pipe%s", "");
  fflush(stdout);
  pid = fork();
  if( pid==0 ){
    char zKind[16], zFd[16];
    close(fd[0]);
    snprintf(zKind, sizeof(zKind), "%d", eKind);
    snprintf(zFd, sizeof(zFd), "%d", fd[1]);
    execl("/proc/self/exe", "bench", "--startup-child", zKind, zFd, zExt,
          (char*)0);
    _exit(1);
  }
  close(fd[1]);
  if( read(fd[0], pS, sizeof(*pS))!=(ssize_t)sizeof(*pS) ){
    die("child failed%s", "");
  }
  close(fd[0]);
  waitpid(pid, 0, 0);
}

static void runStartup(const char *zLabel, const char *zExt){
  enum { NRUN = 15 };
  double aLoad[NRUN], aFirst[NRUN], aConn[NRUN], aSecond[NRUN], aReopen[NRUN];
  double aCount[NRUN], aFloor[NRUN], aFloorConn[NRUN], aDlopen[NRUN];
  int k;
  double nObs, nBytes, tCount;
  sqlite3 *db;
  char zName[100];
  Rec *p;
  int nRun = gQuick ? 7 : NRUN;
  startupRows(zExt);
  for(k=0; k<nRun; k++){         /* ours and the yardsticks interleaved */
    Startup s;
    startupFork(zExt, 0, &s);
    aLoad[k] = s.tLoad; aFirst[k] = s.tFirst; aConn[k] = s.tSecondConn;
    aSecond[k] = s.tSecondFirst; aReopen[k] = s.tReopen;
    startupFork(zExt, 1, &s);
    aFloor[k] = s.tLoad; aFloorConn[k] = s.tSecondConn;
    startupFork(zExt, 2, &s);
    aDlopen[k] = s.tLoad;
  }
  db = openDb(":memory:", zExt);
  nObs = qDouble(db, "SELECT value FROM jjj_info WHERE key='rows.observations'");
  nBytes = qDouble(db, "SELECT value FROM jjj_info WHERE key='bundle_bytes'");
  for(k=0; k<nRun; k++){         /* the same query once decoded */
    double t = nowNs();
    qDouble(db, "SELECT count(*) FROM jjj_observations");
    aCount[k] = nowNs() - t;
  }
  tCount = median(aCount, nRun);
  sqlite3_close(db);
  printf("  %s data: %.0f observations, bundle %.0f bytes = %.0f KB per "
         "100k rows (goal <= 450)%s\n", zLabel, nObs, nBytes,
         nBytes/1024.0*100000.0/nObs, nBytes/1024.0*100000.0/nObs<=450 ?
         "  met" : "  MISS");
  snprintf(zName, sizeof(zName), "load, first in process (%s)", zLabel);
  p = recAdd(zName, "", 0, 1, median(aLoad, nRun), 0, GOAL_NS, 150000.0, 0);
  printRec(p);
  printf("  %-42s %9.1f us (dlopen alone: %.1f us; SQLite's floor, a "
         "bare registration of the same %d functions and %d modules, first "
         "in the process: %.1f us)\n", "load, first in process, split",
         median(aLoad, nRun)/1e3, median(aDlopen, nRun)/1e3, gnStartupFn,
         gnStartupMod, median(aFloor, nRun)/1e3);
  snprintf(zName, sizeof(zName), "load, further connection (%s)", zLabel);
  p = recAdd(zName, "", 0, 1, median(aConn, nRun), 0, GOAL_NS, 10000.0, 0);
  printRec(p);
  snprintf(zName, sizeof(zName), "  floor: bare registration (%s)", zLabel);
  p = recAdd(zName, "", 0, 1, median(aFloorConn, nRun), 0, GOAL_INFO, 0, 0);
  printRec(p);
  snprintf(zName, sizeof(zName), "first query, per 100k rows (%s)", zLabel);
  p = recAdd(zName, "", 0, nObs/100000.0, median(aFirst, nRun), 0, GOAL_NS,
             3e6, 0);
  printRec(p);
  printf("  %-42s %9.1f us (the scan itself: %.1f us; decoding: %.1f us)\n",
         "first query, absolute", median(aFirst, nRun)/1e3, tCount/1e3,
         (median(aFirst, nRun) - tCount)/1e3);
  printf("  %-42s %9.1f us (no decoding: shared)\n",
         "first query on a second connection", median(aSecond, nRun)/1e3);
  printf("  %-42s %9.1f us (decoded again: the last close freed it)\n",
         "close all, reopen, load, first query", median(aReopen, nRun)/1e3);
}

/* A user bundle: jjj_load() in freshly forked processes (the decoding of
** the file, the same decoder as the built-in data), and the first query */
static void runUserLoad(const char *zLabel, const char *zFile){
  enum { NRUN = 15 };
  double aLoad[NRUN], aFirst[NRUN];
  int k, nRun = gQuick ? 7 : NRUN;
  double nObs = 0, nBytes = 0;
  Rec *p;
  char zName[100];
  char *zSql = sqlite3_mprintf("SELECT jjj_load(%Q)", zFile);
  for(k=0; k<nRun; k++){
    int fd[2];
    pid_t pid;
    double a[4];
    if( pipe(fd) ) die("pipe%s", "");
    fflush(stdout);
    pid = fork();
    if( pid==0 ){
      sqlite3 *db;
      double t;
      close(fd[0]);
      db = openDb(":memory:", gExt);
      qDouble(db, "SELECT count(*) FROM jjj_regions");  /* built-in decoded */
      t = nowNs();
      exec(db, zSql);
      a[0] = nowNs() - t;
      t = nowNs();
      a[2] = qDouble(db, "SELECT count(*) FROM jjj_observations "
                         "WHERE dataset='bench_user'");
      a[1] = nowNs() - t;
      a[3] = qDouble(db, "SELECT value FROM jjj_info "
                         "WHERE key='bench_user.bundle_bytes'");
      if( write(fd[1], a, sizeof(a))!=(ssize_t)sizeof(a) ) _exit(1);
      _exit(0);
    }
    close(fd[1]);
    if( read(fd[0], a, sizeof(a))!=(ssize_t)sizeof(a) ) die("child failed%s", "");
    close(fd[0]);
    waitpid(pid, 0, 0);
    aLoad[k] = a[0]; aFirst[k] = a[1]; nObs = a[2]; nBytes = a[3];
  }
  sqlite3_free(zSql);
  printf("  %s user bundle: %.0f observations, %.0f bytes = %.0f KB per "
         "100k rows\n", zLabel, nObs, nBytes, nBytes/1024.0*100000.0/nObs);
  snprintf(zName, sizeof(zName), "jjj_load, per 100k rows (%s)", zLabel);
  p = recAdd(zName, "", 0, nObs/100000.0, median(aLoad, nRun), 0, GOAL_NS,
             3e6, 0);
  printRec(p);
  printf("  %-42s %9.1f us (jjj_load: read, verify, decode)\n",
         "jjj_load, absolute", median(aLoad, nRun)/1e3);
  printf("  %-42s %9.1f us (the scan of its rows)\n",
         "first query after jjj_load", median(aFirst, nRun)/1e3);
}

/*************************************************************************
** --gen-csv DIR N: a synthetic dataset in the layout of data/README.md
*/
static FILE *openOut(const char *zDir, const char *zName){
  char z[512];
  FILE *f;
  snprintf(z, sizeof(z), "%s/%s", zDir, zName);
  f = fopen(z, "w");
  if( f==0 ) die("cannot write %s", z);
  return f;
}

static void genCsv(const char *zDir, long nObs, const char *zP){
  int nReg = 30, nSrc = 20, yr, r;
  long nInd = (nObs + 30*30 - 1)/(30*30), i;
  FILE *f;
  mkdir(zDir, 0777);
  f = openOut(zDir, "dataset.csv");
  fprintf(f, "key,value\nname,%s\nversion,bench\n", zP[0] ? "bench_user"
                                                        : "jingjinji");
  fprintf(f, ""
             "title,Synthetic benchmark data\n"
             "licence,Generated by test/bench/bench.c\n"
             "description,%ld synthetic observations\n", nInd*900);
  fclose(f);
  f = openOut(zDir, "regions.csv");
  fprintf(f, "id,code,name_en,name_zh,level,parent,note\n"
             "%schina,,China,,country,,synthetic\n", zP);
  for(r=0; r<nReg; r++){
    fprintf(f, "%sr%02d,,Region %d,,province,%schina,synthetic\n", zP, r, r,
            zP);
  }
  fclose(f);
  f = openOut(zDir, "indicators.csv");
  fprintf(f, "id,name_en,name_zh,unit,category,description\n");
  for(i=0; i<nInd; i++){
    fprintf(f, "%si%05ld,Indicator %ld,,yuan,economy,synthetic\n", zP, i, i);
  }
  fclose(f);
  f = openOut(zDir, "sources.csv");
  fprintf(f, "id,title,publisher,published,url,note\n");
  for(r=0; r<nSrc; r++){
    fprintf(f, "%ss%02d,Yearbook %d,Bureau,%d-06-30,,synthetic\n", zP, r,
            2001 + r, 2001 + r);
  }
  fclose(f);
  f = openOut(zDir, "observations.csv");
  fprintf(f, "region,indicator,year,period,value,unit,qualifier,vintage,"
             "basis,source,note,excerpt,fact\n");
  rngSeed(11);
  for(r=0; r<nReg; r++){
    for(i=0; i<nInd; i++){
      double lvl = 100.0*exp(rngN());
      for(yr=0; yr<30; yr++){
        double v = lvl*pow(1.05, yr)*exp(0.1*rngN());
        fprintf(f, "%sr%02d,%si%05ld,%d,,%.2f,yuan,,final,,%ss%02d,,,\n",
                zP, r, zP, i, 1990 + yr, v, zP, (int)((r + i + yr) % nSrc));
      }
    }
  }
  fclose(f);
}

/*************************************************************************
** Summary and --check gates
*/
static void summary(void){
  int i, j;
  int nMiss = 0, nMet = 0;
  printf("\n== summary: every goal, largest size measured "
         "(scaling: cost per unit at the largest size / at the smallest)\n");
  for(i=0; i<gnRec; i++){
    Rec *p = &gaRec[i], *pLast = p, *pFirst = p;
    char zGoal[32];
    double r;
    int bSeen = 0;
    for(j=0; j<i; j++) if( strcmp(gaRec[j].zName, p->zName)==0 ) bSeen = 1;
    if( bSeen || p->eGoal==GOAL_INFO ) continue;
    for(j=i; j<gnRec; j++){
      if( strcmp(gaRec[j].zName, p->zName)==0 ) pLast = &gaRec[j];
    }
    r = p->eGoal==GOAL_NS ? pLast->rOurs/pLast->n : pLast->rOurs/pLast->rBase;
    goalText(pLast, zGoal, sizeof(zGoal));
    if( p->eGoal==GOAL_NS ){
      printf("%-46s %10.1f ns %10s  %s", p->zName, r, zGoal,
             r<=pLast->rGoal ? "met" : "MISS");
      if( r<=pLast->rGoal ) nMet++; else nMiss++;
    }else{
      printf("%-46s %10.3fx    %10s  %s", p->zName, r, zGoal,
             r<=pLast->rGoal ? "met" : "MISS");
      if( r<=pLast->rGoal ) nMet++; else nMiss++;
    }
    if( pLast!=pFirst && pFirst->n>0 && pLast->n>0 ){
      printf("  scaling %.2f", (pLast->rOurs/pLast->n)/(pFirst->rOurs/pFirst->n));
    }
    printf("\n");
  }
  printf("%d goals met, %d missed (docs/performance.md explains each miss)\n",
         nMet, nMiss);
}

static void checkGates(void){
  int i, j, nOk = 0, nBad = 0;
  printf("\n== bench-check: per-unit instruction deltas between the two "
         "sizes, ratio to the base\n");
  printf("%-46s %12s %12s %9s %9s  %s\n", "workload", "Ir/unit", "base/unit",
         "ratio", "ceiling", "");
  for(i=0; i<gnRec; i++){
    Rec *a = &gaRec[i], *b = 0;
    double dO, dB, r;
    int bOk, bWrong;
    for(j=0; j<i; j++) if( strcmp(gaRec[j].zName, a->zName)==0 ) break;
    if( j<i ) continue;
    for(j=i+1; j<gnRec; j++){
      if( strcmp(gaRec[j].zName, a->zName)==0 ){ b = &gaRec[j]; break; }
    }
    if( b==0 ){
      /* one size only (scans of the built-in data): whole-query counts */
      dO = a->rOurs/a->n;
      dB = a->rBase/a->n;
    }else{
      dO = (b->rOurs - a->rOurs)/(b->n - a->n);
      dB = (b->rBase - a->rBase)/(b->n - a->n);
    }
    if( a->eGoal==GOAL_NS || (a->eGoal==GOAL_INFO && a->rBase==0) ){
      r = dO;                       /* instructions per call over the base */
    }else{
      r = dO/dB;
    }
    if( a->rCeil<=0 ){              /* the floors: shown, not gated */
      printf("%-46s %12.1f %12.1f %9.3f %9s  %s\n", a->zName, dO, dB, r,
             "-", (a->bWrong || (b && b->bWrong)) ? "WRONG RESULT" : "info");
      if( a->bWrong || (b && b->bWrong) ){ nBad++; gFail = 1; }
      continue;
    }
    bWrong = a->bWrong || (b && b->bWrong);
    bOk = r<=a->rCeil && !bWrong;
    printf("%-46s %12.1f %12.1f %9.3f %9.3f  %s\n", a->zName, dO, dB, r,
           a->rCeil, bOk ? "ok" : bWrong ? "WRONG RESULT" : "REGRESSION");
    if( bOk ) nOk++; else nBad++;
  }
  printf("bench-check: %d passed, %d failed\n", nOk, nBad);
  if( nBad ) gFail = 1;
}

static void printEnv(void){
  int i;
  const char *z;
  printf("SQLite %s (%s)\ncompile options:", sqlite3_libversion(),
         sqlite3_sourceid());
  for(i=0; (z = sqlite3_compileoption_get(i))!=0; i++) printf(" %s", z);
  printf("\nextension: %s; mode: %s\n", gExt,
         gCheck ? "instruction counts (callgrind)" :
         gClock==CLOCK_MONOTONIC ? "wall time, median of interleaved "
         "repetitions" : "thread CPU time, median of interleaved repetitions");
  {
    FILE *f = fopen("/proc/cpuinfo", "r");
    char zLine[256];
    int nCpu = 0;
    char zModel[256] = "?";
    if( f ){
      while( fgets(zLine, sizeof(zLine), f) ){
        if( strncmp(zLine, "model name", 10)==0 ){
          nCpu++;
          snprintf(zModel, sizeof(zModel), "%s", strchr(zLine, ':') + 2);
        }
      }
      fclose(f);
    }
    printf("machine: %d x %s", nCpu, zModel);
  }
}

int main(int argc, char **argv){
  int i;
  long aN[3] = { 100000, 300000, 1000000 };
  long aInd[3] = { 100, 1000, 10000 };
  int nSize = 3;
  if( argc==5 && strcmp(argv[1], "--startup-child")==0 ){
    startupChildMain(argv+2);          /* does not return */
  }
  for(i=1; i<argc; i++){
    if( strcmp(argv[i], "--ext")==0 && i+1<argc ) gExt = argv[++i];
    else if( strcmp(argv[i], "--quick")==0 ) gQuick = 1;
    else if( strcmp(argv[i], "--check")==0 ) gCheck = 1;
    else if( strcmp(argv[i], "--only")==0 && i+1<argc ) gOnly = argv[++i];
    else if( strcmp(argv[i], "--data")==0 && i+1<argc ){
      char *z = argv[++i], *zEq = strchr(z, '=');
      if( zEq==0 || gnData>=MAX_DATA ) die("bad --data %s", z);
      *zEq = 0;
      gazDataLabel[gnData] = z;
      gazDataExt[gnData++] = zEq+1;
    }else if( strcmp(argv[i], "--user")==0 && i+1<argc ){
      char *z = argv[++i], *zEq = strchr(z, '=');
      if( zEq==0 || gnUser>=MAX_DATA ) die("bad --user %s", z);
      *zEq = 0;
      gazUserLabel[gnUser] = z;
      gazUserFile[gnUser++] = zEq+1;
    }else if( strcmp(argv[i], "--gen-csv")==0 && i+2<argc ){
      genCsv(argv[i+1], atol(argv[i+2]), i+3<argc ? argv[i+3] : "");
      return 0;
    }else{
      die("unknown option %s (see test/bench/bench.c)", argv[i]);
    }
  }
  setvbuf(stdout, 0, _IOLBF, 0);        /* progress shows in a log file */
  if( getenv("BENCH_WALL") && atoi(getenv("BENCH_WALL")) ) gClock = CLOCK_MONOTONIC;
  mkdir("build", 0777);
  mkdir("build/bench", 0777);
  if( gCheck ){
    gCgOut = getenv("BENCH_CG_OUT");
    if( !RUNNING_ON_VALGRIND || gCgOut==0 ){
      die("--check runs under valgrind --tool=callgrind --collect-atstart=no"
          " --callgrind-out-file=$BENCH_CG_OUT (make bench-check)%s", "");
    }
    aN[0] = 2000; aN[1] = 4000; aInd[0] = 4; aInd[1] = 8;
    nSize = 2;
    gReps = 1;
  }else if( gQuick ){
    aN[0] = 50000; aN[1] = 100000; aN[2] = 300000;
    aInd[0] = 10; aInd[1] = 100; aInd[2] = 1000;
    gReps = 3;
  }
  printEnv();
  {
    sqlite3 *db = openDb(":memory:", gExt);
    registerBare(db);
    runAggSection(db, aN, nSize);
    runPanelSection(db, aInd, nSize);
    sqlite3_close(db);
  }
  if( sectionOn("tables") ){
    if( gCheck ){
      /* two lookup counts on the built-in data: sizes 0 and 2 (memory) */
      runTableSection("built-in", gExt, 0, 0);
    }else{
      runTableSection("built-in", gExt, 0, 0);
      runTableSection("built-in", gExt, 0, 1);
      for(i=0; i<gnData; i++){
        runTableSection(gazDataLabel[i], gazDataExt[i], i+1, 0);
        runTableSection(gazDataLabel[i], gazDataExt[i], i+1, 1);
      }
      for(i=0; i<gnUser; i++){
        gzUserBundle = gazUserFile[i];
        runTableSection(gazUserLabel[i], gExt, gnData+1+i, 0);
        gzUserBundle = 0;
      }
    }
  }
  if( !gCheck && sectionOn("startup") ){
    printHeader("start-up (fresh processes, medians)");
    runStartup("built-in", gExt);
    for(i=0; i<gnData; i++) runStartup(gazDataLabel[i], gazDataExt[i]);
    for(i=0; i<gnUser; i++) runUserLoad(gazUserLabel[i], gazUserFile[i]);
  }
  if( gCheck ) checkGates();
  else summary();
  return gFail;
}
