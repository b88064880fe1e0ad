/*
** replay.c - replay the fuzz corpus without libFuzzer, and check jjj_load()
** under limits and out-of-memory faults.  This is what CI runs:
**
**   make fuzz-replay
**   build/fuzz_replay [-v] test/fuzz/corpus ... [--example FILE.bundle]
**
** Built with gcc (with -fsanitize=address,undefined when the compiler has
** them) and -DSQLITE_CORE, linked with every extension source, the built-in
** bundle, the system libsqlite3 and zlib.  It
**
**   1. runs every file of each directory (or each file) given through
**      LLVMFuzzerTestOneInput() (fuzz_bundle.c): the decoder alone;
**   2. writes the bundle each input stands for to a temporary file and
**      loads it with SELECT jjj_load() on a connection that already holds
**      the example bundle: each must give a result or an error starting
**      "jjj_load(): ", and after an error the connection's tables must be
**      exactly as before;
**   3. with --example: checks that SQLITE_LIMIT_LENGTH caps the file and
**      the inflated payload (jjj_load() fails with SQLITE_TOOBIG);
**   4. with --example: fails the 1st, 2nd, 3rd ... memory allocation of
**      jjj_load(), jjj_unload() and jjj_materialize(), once ("transient")
**      and from then on ("persistent"), until a run meets no fault; each
**      run must succeed or fail with SQLITE_NOMEM, leave the connection's
**      data as it was when it fails, and sqlite3_memory_used() must come
**      back to where it was once the connection is closed.
**
** Prints "N passed, M failed" last; exits non-zero on any failure.
*/
#include "jjj.h"
#include "bundle_format.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *aData, size_t nData);
int jjjFuzzPrepare(const unsigned char *aData, size_t nData,
                   unsigned char **paOut, size_t *pnOut);
int sqlite3_jingjinji_init(sqlite3*, char**, const sqlite3_api_routines*);

static int nPass = 0, nFail = 0, bVerbose = 0;
static char zTmp[512];
static const char *gzExample = "data/examples/hebei_cities.bundle";
static char *gzLoadExample = 0;    /* SELECT jjj_load('<example>') */

static void check(int bOk, const char *zWhat, const char *zDetail){
  if( bOk ){
    nPass++;
  }else{
    nFail++;
    fprintf(stderr, "! %s%s%s\n", zWhat, zDetail ? ": " : "",
            zDetail ? zDetail : "");
  }
}

static unsigned char *readAll(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  unsigned char *a = 0;
  size_t n = 0, nAlloc = 0, got;
  if( f==0 ) return 0;
  for(;;){
    if( n==nAlloc ){
      unsigned char *aNew;
      nAlloc = nAlloc ? nAlloc*2 : 65536;
      aNew = realloc(a, nAlloc);
      if( aNew==0 ){ free(a); fclose(f); return 0; }
      a = aNew;
    }
    got = fread(a+n, 1, nAlloc-n, f);
    if( got==0 ) break;
    n += got;
  }
  fclose(f);
  *pn = n;
  return a;
}

static int writeAll(const char *zPath, const unsigned char *a, size_t n){
  FILE *f = fopen(zPath, "wb");
  if( f==0 ) return 1;
  if( n && fwrite(a, 1, n, f)!=n ){ fclose(f); return 1; }
  return fclose(f)!=0;
}

/*************************************************************************
** A failing allocator around SQLite's own
*/
static sqlite3_mem_methods gOrig;
static int gFailAt = 0;      /* fail the gFailAt-th allocation; 0: none */
static int gPersist = 0;     /* keep failing after the first failure */
static int gFailed = 0;      /* faults injected */

static int oomNow(void){
  if( gFailAt>0 && --gFailAt==0 ){
    gFailed++;
    if( gPersist ) gFailAt = 1;
    return 1;
  }
  return 0;
}
static void *oomMalloc(int n){ return oomNow() ? 0 : gOrig.xMalloc(n); }
static void *oomRealloc(void *p, int n){
  return oomNow() ? 0 : gOrig.xRealloc(p, n);
}
static void oomInstall(void){
  sqlite3_mem_methods m;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &gOrig);
  m = gOrig;
  m.xMalloc = oomMalloc;
  m.xRealloc = oomRealloc;
  sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

/*************************************************************************
** SQL helpers
*/
static sqlite3 *openDb(void){
  sqlite3 *db = 0;
  char *zErr = 0;
  if( sqlite3_open(":memory:", &db) ){
    fprintf(stderr, "cannot open a database\n");
    exit(2);
  }
  if( sqlite3_jingjinji_init(db, &zErr, 0) ){
    fprintf(stderr, "cannot register the extension: %s\n", zErr);
    exit(2);
  }
  return db;
}

/* Run one statement that returns one value; *pzOut gets the text result
** or the error message (malloc'd).  Returns the result code. */
static int runSql(sqlite3 *db, const char *zSql, const char *zArg,
                  char **pzOut){
  sqlite3_stmt *pStmt = 0;
  int rc;
  const char *z = 0;
  *pzOut = 0;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if( rc==SQLITE_OK ){
    if( zArg ) rc = sqlite3_bind_text(pStmt, 1, zArg, -1, SQLITE_TRANSIENT);
    if( rc==SQLITE_OK ){
      rc = sqlite3_step(pStmt);
      if( rc==SQLITE_ROW ){
        z = (const char*)sqlite3_column_text(pStmt, 0);
        rc = SQLITE_OK;
      }else if( rc==SQLITE_DONE ){
        rc = SQLITE_OK;
      }
    }
  }
  if( rc ) z = sqlite3_errmsg(db);
  if( z ){
    *pzOut = malloc(strlen(z)+1);
    if( *pzOut ) memcpy(*pzOut, z, strlen(z)+1);
  }
  if( rc ) rc = sqlite3_extended_errcode(db) & 0xff;
  sqlite3_finalize(pStmt);
  return rc;
}

/* The connection's data as one string: row counts and jjj_info */
static char *dbState(sqlite3 *db){
  char *z = 0;
  runSql(db, "SELECT (SELECT count(*) FROM jjj_regions) || ',' || "
             "(SELECT count(*) FROM jjj_indicators) || ',' || "
             "(SELECT count(*) FROM jjj_sources) || ',' || "
             "(SELECT count(*) FROM jjj_observations) || ',' || "
             "(SELECT group_concat(key || '=' || value, ';') FROM jjj_info) || "
             "',' || (SELECT count(*) FROM sqlite_schema)", 0, &z);
  return z;
}

/*************************************************************************
** 1 and 2: the corpus
*/
static void replayFile(sqlite3 *db, const char *zPath, const char *zBase){
  size_t n = 0, nB = 0;
  unsigned char *a = readAll(zPath, &n), *aB = 0;
  char *zOut = 0, *zAfter;
  int rc;
  if( a==0 ){ check(0, zPath, "cannot read"); return; }
  if( bVerbose ) fprintf(stderr, "%s\n", zPath);
  LLVMFuzzerTestOneInput(a, n);
  nPass++;
  if( jjjFuzzPrepare(a, n, &aB, &nB)==0 && n>0 ){
    if( writeAll(zTmp, aB, nB) ){
      check(0, zPath, "cannot write the temporary file");
    }else{
      rc = runSql(db, "SELECT jjj_load(?1)", zTmp, &zOut);
      if( rc ){
        check(zOut && strncmp(zOut, "jjj_load(): ", 12)==0
              && strchr(zOut, '\n')==0, zPath, zOut);
        zAfter = dbState(db);
        check(zAfter && strcmp(zAfter, zBase)==0, zPath,
              "the connection changed after a failed jjj_load()");
        free(zAfter);
      }else{
        /* loaded: undo, which must bring the state back */
        char zName[200], *zUn = 0;
        check(zOut && sscanf(zOut, "%*s %199s", zName)==1, zPath, zOut);
        runSql(db, "SELECT jjj_unload(?1)", zName, &zUn);
        free(zUn);
        if( strcmp(zName, "hebei_cities")==0 ){
          runSql(db, gzLoadExample, 0, &zUn);
          free(zUn);
        }
        zAfter = dbState(db);
        check(zAfter && strcmp(zAfter, zBase)==0, zPath,
              "the connection did not come back after jjj_unload()");
        free(zAfter);
      }
      free(zOut);
    }
  }
  free(aB);
  free(a);
}

static int cmpStr(const void *a, const void *b){
  return strcmp(*(char*const*)a, *(char*const*)b);
}

static void replayPath(sqlite3 *db, const char *zPath, const char *zBase){
  DIR *d = opendir(zPath);
  struct dirent *e;
  char **az = 0;
  int n = 0, i;
  if( d==0 ){ replayFile(db, zPath, zBase); return; }
  while( (e = readdir(d))!=0 ){
    char *z;
    if( e->d_name[0]=='.' ) continue;
    z = malloc(strlen(zPath) + strlen(e->d_name) + 2);
    az = realloc(az, sizeof(char*)*(n+1));
    if( z==0 || az==0 ){ fprintf(stderr, "out of memory\n"); exit(2); }
    sprintf(z, "%s/%s", zPath, e->d_name);
    az[n++] = z;
  }
  closedir(d);
  qsort(az, n, sizeof(char*), cmpStr);
  for(i=0; i<n; i++){ replayFile(db, az[i], zBase); free(az[i]); }
  free(az);
}

/*************************************************************************
** 3: limits
*/
static void checkLimits(const char *zExample){
  sqlite3 *db = openDb();
  char *zOut = 0;
  int rc;
  size_t n = 0;
  unsigned char *a = readAll(zExample, &n);
  sqlite3_int64 nPayload = a && n>=40 ? (sqlite3_int64)jjjGet64(a+16) : 0;
  char zMsg[300];
  free(a);
  check(nPayload>0 && (sqlite3_int64)n<nPayload, "limits: the example bundle",
        "cannot read it");

  /* the file itself is larger than the limit allows */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1000);
  rc = runSql(db, "SELECT jjj_load(?1)", zExample, &zOut);
  snprintf(zMsg, sizeof(zMsg), "jjj_load(): '%s' is too large (%d bytes; "
           "a bundle within the limits has at most 2024)", zExample, (int)n);
  check(rc==SQLITE_TOOBIG && zOut && strcmp(zOut, zMsg)==0,
        "limits: file over SQLITE_LIMIT_LENGTH", zOut);
  free(zOut);

  /* the file fits, its payload does not */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, (int)n);
  rc = runSql(db, "SELECT jjj_load(?1)", zExample, &zOut);
  snprintf(zMsg, sizeof(zMsg), "jjj_load(): bundle payload of %lld bytes "
           "exceeds the limit of %d", nPayload, (int)n);
  check(rc==SQLITE_TOOBIG && zOut && strcmp(zOut, zMsg)==0,
        "limits: payload over SQLITE_LIMIT_LENGTH", zOut);
  free(zOut);

  /* exactly enough */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, (int)nPayload);
  rc = runSql(db, "SELECT jjj_load(?1)", zExample, &zOut);
  check(rc==SQLITE_OK && zOut && strncmp(zOut, "loaded hebei_cities", 19)==0,
        "limits: payload at SQLITE_LIMIT_LENGTH", zOut);
  free(zOut);

  /* the decoder's own cap, as the fuzz harness uses it */
  a = readAll(zExample, &n);
  if( a ){
    JjjDataset *pDs = 0;
    char *zErr = 0;
    rc = jjjBundleDecode(a, (sqlite3_int64)n, nPayload-1, &pDs, &zErr);
    check(rc==SQLITE_TOOBIG && pDs==0 && zErr!=0,
          "limits: jjjBundleDecode(mxPayload)", zErr);
    sqlite3_free(zErr);
    free(a);
  }
  sqlite3_close(db);
}

/*************************************************************************
** 4: out of memory
*/
typedef struct OomCase OomCase;
struct OomCase {
  const char *zName;
  const char *zSetup;       /* run before, with no faults */
  const char *zSql;         /* the statement under test */
  const char *zPrefix;      /* its result starts with this */
  int bRollback;            /* after SQLITE_NOMEM the application rolls back */
};

static void checkOom(void){
  const OomCase aCase[] = {
    { "jjj_load", 0, gzLoadExample, "loaded hebei_cities", 0 },
    { "jjj_load (replace)", gzLoadExample, gzLoadExample,
      "replaced hebei_cities", 0 },
    { "jjj_unload", gzLoadExample, "SELECT jjj_unload('hebei_cities')",
      "unloaded hebei_cities", 0 },
    { "jjj_materialize", gzLoadExample, "SELECT jjj_materialize()", "main: ", 1 },
    { "jjj_materialize (again)", "SELECT jjj_materialize()",
      "SELECT jjj_materialize()", "main: ", 1 },
  };
  int k, iMode;
  sqlite3_int64 nBase;

  /* Warm up: the built-in dataset and SQLite's own lazily made state */
  {
    sqlite3 *db = openDb();
    char *z = 0;
    runSql(db, gzLoadExample, 0, &z);
    free(z);
    runSql(db, "SELECT jjj_materialize()", 0, &z);
    free(z);
    sqlite3_close(db);
  }
  nBase = sqlite3_memory_used();

  for(k=0; k<(int)(sizeof(aCase)/sizeof(aCase[0])); k++){
    for(iMode=0; iMode<2; iMode++){
      int i, nRun = 0, bDone = 0;
      /* every allocation up to 400, then about every 1/150th of the way:
      ** jjj_materialize makes thousands */
      for(i=1; !bDone && i<1000000; i += i<400 ? 1 : i/150){
        sqlite3 *db = openDb();
        char *zOut = 0, *zBefore, *zAfter, zWhat[200];
        int rc;
        if( aCase[k].zSetup ){ runSql(db, aCase[k].zSetup, 0, &zOut); free(zOut); }
        zBefore = dbState(db);
        gFailed = 0;
        gPersist = iMode;
        gFailAt = i;
        rc = runSql(db, aCase[k].zSql, 0, &zOut);
        gFailAt = 0;
        snprintf(zWhat, sizeof(zWhat), "oom: %s, %s fault at allocation %d",
                 aCase[k].zName, iMode ? "persistent" : "transient", i);
        if( gFailed==0 ) bDone = 1;
        if( rc==SQLITE_OK ){
          check(zOut && strncmp(zOut, aCase[k].zPrefix,
                                strlen(aCase[k].zPrefix))==0, zWhat, zOut);
        }else{
          check(rc==SQLITE_NOMEM, zWhat, zOut);
          if( aCase[k].bRollback ){
            /* What SQLite asks of an application after SQLITE_NOMEM: a
            ** function cannot run SQL after an out-of-memory error inside
            ** it, so the savepoint may still be open */
            char *zR = 0;
            runSql(db, "ROLLBACK", 0, &zR);
            free(zR);
          }
          check(sqlite3_get_autocommit(db), zWhat, "left in a transaction");
          zAfter = dbState(db);
          if( !(zAfter && zBefore && strcmp(zAfter, zBefore)==0) ){
            char *zE = sqlite3_mprintf("the connection changed (%s)\n  before %s\n  after  %s",
                                       zOut, zBefore, zAfter);
            check(0, zWhat, zE);
            sqlite3_free(zE);
          }else{
            nPass++;
          }
          free(zAfter);
        }
        free(zOut);
        free(zBefore);
        sqlite3_close(db);
        check(sqlite3_memory_used()==nBase, zWhat, "memory not freed");
        nRun++;
      }
      if( bVerbose ){
        fprintf(stderr, "oom: %s %s: %d runs\n", aCase[k].zName,
                iMode ? "persistent" : "transient", nRun);
      }
      check(bDone, aCase[k].zName, "faults never stopped");
    }
  }
}

int main(int argc, char **argv){
  const char *zExample = 0;
  sqlite3 *db;
  char *zBase, *zOut = 0;
  int i;
  oomInstall();
  snprintf(zTmp, sizeof(zTmp), "/tmp/jjj-replay-%d.bundle", (int)getpid());
  for(i=1; i<argc; i++){
    if( strcmp(argv[i], "--example")==0 && i+1<argc ) zExample = argv[++i];
    else if( strcmp(argv[i], "-v")==0 ) bVerbose = 1;
  }
  if( zExample ) gzExample = zExample;
  gzLoadExample = sqlite3_mprintf("SELECT jjj_load(%Q)", gzExample);
  /* The corpus, with the example loaded so replacing is exercised too */
  db = openDb();
  runSql(db, gzLoadExample, 0, &zOut);
  free(zOut);
  zBase = dbState(db);
  for(i=1; i<argc; i++){
    if( strcmp(argv[i], "--example")==0 ){ i++; continue; }
    if( strcmp(argv[i], "-v")==0 ) continue;
    replayPath(db, argv[i], zBase);
  }
  free(zBase);
  sqlite3_close(db);
  remove(zTmp);
  if( zExample ){
    checkLimits(zExample);
    checkOom();
  }
  sqlite3_free(gzLoadExample);
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
