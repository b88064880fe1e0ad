/*
** oomtest.c - out-of-memory fault injection for the jingjinji extension,
** in the manner of SQLite's test_malloc.c and malloc_common.tcl.
**
**   build/oomtest [-v] [-only PATTERN] [-max N] SCRIPT.sql CALLS.txt
**
** The driver links the extension statically (-DSQLITE_CORE objects, see
** `make static`) and registers it with sqlite3_auto_extension(), so an
** init failure comes back as itself.  Before sqlite3_initialize() it wraps
** SQLite's allocator with one that fails on demand.
**
** Statements: every statement of SCRIPT.sql (the tables, jjj_series,
** jjj_load, error paths) and, for every SQL function registered on a
** connection (pragma_function_list), the calls generated from its row in
** CALLS.txt (see test/oom/script.h).  A function or table that is not
** covered is a failure.  One more pseudo-statement, "open", covers
** sqlite3_open() with the extension's registration.
**
** For each statement: a fault-free run on a fresh connection gives the
** reference result; then for i = 1, 2, 3, ... and for each mode --
** transient (only the i-th allocation fails) and persistent (the i-th and
** every later one fail) -- a fresh connection runs the statement with the
** fault armed from prepare to finalize.  The statement must produce the
** reference result or fail with SQLITE_NOMEM (never another error, never a
** different or partial answer), and after sqlite3_close()
** sqlite3_memory_used() must be back at its value before the open (no
** leak; this also proves the built-in dataset, decoded on first use, is
** freed when the last connection closes).  The loop stops when a trial
** completes without reaching the i-th allocation.
**
** Each statement and mode is one test; the driver prints failures, a
** summary, and "N passed, M failed" as its last line (exit 1 on failure).
**   -v        print each statement and its number of trials
**   -only P   run only statements whose origin or text contains P
**   -max N    at most N values of i per statement and mode (0: no limit)
**   -at N     only i = N (with -only, to debug one failure:
**             gdb --args build/oomtest -only X -at N ...; break oomFaultHook)
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "script.h"
#include "../../ext/jingjinji.h"

/* The failing allocator */
static sqlite3_mem_methods gOrig;
static struct {
  int bArmed;          /* count and fail allocations */
  int iFailAt;         /* fail the iFailAt-th allocation (1-based) */
  int bPersist;        /* and all later ones */
  int nAlloc;          /* allocations seen while armed */
  int nFault;          /* faults injected while armed */
} gFault;

/* Called on every injected fault: "break oomFaultHook" in a debugger
** (with -only and -at) shows who allocated. */
void oomFaultHook(int iAlloc);
void __attribute__((noinline)) oomFaultHook(int iAlloc){
  static volatile int nHook = 0;
  nHook += iAlloc;
}

static int faultHit(void){
  if( !gFault.bArmed ) return 0;
  gFault.nAlloc++;
  if( gFault.nAlloc==gFault.iFailAt
   || (gFault.bPersist && gFault.nAlloc>gFault.iFailAt) ){
    gFault.nFault++;
    oomFaultHook(gFault.nAlloc);
    return 1;
  }
  return 0;
}
static void *faultMalloc(int n){
  return faultHit() ? 0 : gOrig.xMalloc(n);
}
static void *faultRealloc(void *p, int n){
  return faultHit() ? 0 : gOrig.xRealloc(p, n);
}
static void faultArm(int iFailAt, int bPersist){
  gFault.bArmed = 1;
  gFault.iFailAt = iFailAt;
  gFault.bPersist = bPersist;
  gFault.nAlloc = 0;
  gFault.nFault = 0;
}
static void faultDisarm(void){ gFault.bArmed = 0; }

static Script script;      /* the statements, and the setup of table t */
static int gVerbose = 0;
static int gOnlyAt = 0;
static int nPass = 0, nFail = 0;
static long long nTrial = 0, nFaultTotal = 0;

/* Open a connection; the auto-extension registers jingjinji */
static int openDb(sqlite3 **pDb){
  int rc = sqlite3_open_v2(":memory:", pDb,
                           SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE, 0);
  return rc & 0xff;
}

static void closeDb(sqlite3 *db, const char *zWhat, int *pbBad){
  if( db && sqlite3_close(db)!=SQLITE_OK ){
    fprintf(stderr, "FAIL %s: sqlite3_close: %s\n", zWhat, sqlite3_errmsg(db));
    *pbBad = 1;
  }
}

/* SQLite keeps a connection's error message in a value (db->pErr) that it
** allocates on the first error and grows on demand.  When that allocation
** fails, SQLite reports the statement's own error code with the generic
** text of sqlite3_errstr() instead of the message: right for SQLite, but
** indistinguishable from an extension that returns an error code after
** failing to allocate its message (which must say SQLITE_NOMEM instead).
** So before arming, fill the slot with a long message: later messages fit
** and the generic text can only come from our code. */
static void primeErrorSlot(sqlite3 *db){
  char zSql[2100];
  sqlite3_stmt *pStmt = 0;
  memset(zSql, 'x', sizeof(zSql));
  memcpy(zSql, "SELECT * FROM ", 14);
  zSql[sizeof(zSql)-1] = 0;
  if( sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0)==SQLITE_OK ){
    sqlite3_finalize(pStmt);
  }
}

/* Print a short form of a result for a failure report */
static void showResult(const char *zLabel, const char *z){
  int n = (int)strlen(z);
  if( n>600 ) fprintf(stderr, "  %s: %.300s ... %s\n", zLabel, z, z+n-300);
  else fprintf(stderr, "  %s: %s\n", zLabel, z);
}

/* The "open" pseudo-statement: sqlite3_open with registration, then a
** call that proves registration completed. */
static char *runOpen(int *pRc){
  sqlite3 *db = 0;
  char *z;
  int rc = openDb(&db);
  if( rc ){
    char zBuf[100];
    snprintf(zBuf, sizeof(zBuf), "error %d: open", rc);
    if( db ) sqlite3_close(db);
    *pRc = rc;
    z = malloc(strlen(zBuf)+1);
    if( z ) strcpy(z, zBuf);
    return z;
  }
  z = scriptRun(db, "SELECT jjj_version()", pRc);
  sqlite3_close(db);
  return z;
}

/* One trial: fresh connection, armed statement, close, leak check.
** Returns the result (malloc'd) and sets *pRc; *pbBad on a close or leak
** failure. */
static char *runTrial(const Stmt *pS, int iFailAt, int bPersist, int *pRc,
                      int *pbBad, sqlite3_int64 *pnLeak){
  sqlite3 *db = 0;
  sqlite3_int64 nBase = sqlite3_memory_used();
  char *zRes;
  *pnLeak = 0;
  if( pS->zSql==0 ){
    if( iFailAt ) faultArm(iFailAt, bPersist);
    zRes = runOpen(pRc);
    faultDisarm();
  }else{
    int rc = openDb(&db);
    if( rc ){
      fprintf(stderr, "FAIL %s: cannot open a connection: %d\n", pS->zWhat, rc);
      *pbBad = 1;
      sqlite3_close(db);
      *pRc = rc;
      return 0;
    }
    if( scriptSetup(&script, db) ){
      fprintf(stderr, "FAIL %s: cannot create table t: %s\n", pS->zWhat,
              sqlite3_errmsg(db));
      *pbBad = 1;
    }
    primeErrorSlot(db);
    if( iFailAt ) faultArm(iFailAt, bPersist);
    zRes = scriptRun(db, pS->zSql, pRc);
    faultDisarm();
    closeDb(db, pS->zWhat, pbBad);
  }
  if( sqlite3_memory_used()!=nBase ){
    *pnLeak = sqlite3_memory_used() - nBase;
    *pbBad = 1;
  }
  return zRes;
}

static void testStmt(const Stmt *pS, int mxTrial){
  int rcRef, bBad = 0, mode;
  sqlite3_int64 nLeak;
  char *zRef = runTrial(pS, 0, 0, &rcRef, &bBad, &nLeak);
  if( zRef==0 || bBad ){
    fprintf(stderr, "FAIL %s: the fault-free run %s\n", pS->zWhat,
            nLeak ? "leaks" : "fails");
    if( nLeak ) fprintf(stderr, "  %lld bytes not freed\n", (long long)nLeak);
    if( zRef ) showResult("result", zRef);
    nFail += 2;
    free(zRef);
    return;
  }
  if( scriptRefIsBroken(zRef) ){
    fprintf(stderr, "FAIL %s: the statement is stale\n", pS->zWhat);
    if( pS->zSql ) fprintf(stderr, "  sql: %s\n", pS->zSql);
    showResult("result", zRef);
    nFail += 2;
    free(zRef);
    return;
  }
  for(mode=0; mode<2; mode++){
    int i, bOk = 1, nRun = 0;
    for(i=gOnlyAt ? gOnlyAt : 1; mxTrial<=0 || i<=mxTrial; i++){
      int rc, bFaulted;
      char *zRes;
      bBad = 0;
      zRes = runTrial(pS, i, mode, &rc, &bBad, &nLeak);
      bFaulted = gFault.nFault>0;
      nTrial++;
      nRun++;
      nFaultTotal += gFault.nFault;
      if( bBad || zRes==0
       || (strcmp(zRes, zRef)!=0 && !(rc==SQLITE_NOMEM && bFaulted)) ){
        fprintf(stderr, "FAIL %s: %s fault at allocation %d\n", pS->zWhat,
                mode ? "persistent" : "transient", i);
        if( pS->zSql ) fprintf(stderr, "  sql: %s\n", pS->zSql);
        if( nLeak ){
          fprintf(stderr, "  leak: %lld bytes not freed after close\n",
                  (long long)nLeak);
        }
        if( zRes && strcmp(zRes, zRef)!=0
         && !(rc==SQLITE_NOMEM && bFaulted) ){
          showResult("expected", zRef);
          showResult("got", zRes);
        }
        bOk = 0;
      }
      free(zRes);
      if( !bOk || !bFaulted || gOnlyAt ) break;
    }
    if( gVerbose ){
      printf("%-4s %-10s %5d trials  %s\n", bOk ? "ok" : "FAIL",
             mode ? "persistent" : "transient", nRun, pS->zWhat);
    }
    if( bOk ) nPass++; else nFail++;
  }
  free(zRef);
}

int main(int argc, char **argv){
  sqlite3_mem_methods m;
  sqlite3 *db = 0;
  const char *zOnly = 0, *zSql = 0, *zCalls = 0;
  int i, mxTrial = 0, nCover, nTested = 0;
  Stmt open = { 0, "open (sqlite3_open + registration)" };
  clock_t t0 = clock();

  for(i=1; i<argc; i++){
    if( strcmp(argv[i], "-v")==0 ) gVerbose = 1;
    else if( strcmp(argv[i], "-only")==0 && i+1<argc ) zOnly = argv[++i];
    else if( strcmp(argv[i], "-max")==0 && i+1<argc ) mxTrial = atoi(argv[++i]);
    else if( strcmp(argv[i], "-at")==0 && i+1<argc ) gOnlyAt = atoi(argv[++i]);
    else if( zSql==0 ) zSql = argv[i];
    else if( zCalls==0 ) zCalls = argv[i];
    else zSql = 0, i = argc;
  }
  if( zSql==0 || zCalls==0 ){
    fprintf(stderr, "usage: %s [-v] [-only PATTERN] [-max N] SCRIPT.sql "
            "CALLS.txt\n", argv[0]);
    return 2;
  }

  /* Wrap the allocator before anything initialises SQLite */
  if( sqlite3_config(SQLITE_CONFIG_GETMALLOC, &gOrig)!=SQLITE_OK ){
    fprintf(stderr, "SQLITE_CONFIG_GETMALLOC failed\n");
    return 2;
  }
  m = gOrig;
  m.xMalloc = faultMalloc;
  m.xRealloc = faultRealloc;
  if( sqlite3_config(SQLITE_CONFIG_MALLOC, &m)!=SQLITE_OK
   || sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1)!=SQLITE_OK
   || sqlite3_initialize()!=SQLITE_OK ){
    fprintf(stderr, "cannot install the failing allocator\n");
    return 2;
  }
  sqlite3_auto_extension((void(*)(void))sqlite3_jingjinji_init);

  /* Build the statement list on a fault-free connection */
  memset(&script, 0, sizeof(script));
  if( openDb(&db) ){
    fprintf(stderr, "cannot open a connection: %s\n", sqlite3_errmsg(db));
    return 2;
  }
  if( scriptReadSql(&script, zSql) || scriptAddCalls(&script, db, zCalls) ){
    fprintf(stderr, "cannot build the statement list\n");
    return 2;
  }
  scriptCheckModules(&script, db);
  sqlite3_close(db);
  nCover = script.nFail;
  nFail += nCover;

  if( zOnly==0 || strstr(open.zWhat, zOnly) ){
    testStmt(&open, mxTrial);
    nTested++;
  }
  for(i=0; i<script.nStmt; i++){
    const Stmt *pS = &script.aStmt[i];
    if( zOnly && !strstr(pS->zWhat, zOnly) && !strstr(pS->zSql, zOnly) ){
      continue;
    }
    testStmt(pS, mxTrial);
    nTested++;
  }
  scriptFree(&script);

  printf("oomtest: %d statements, %lld trials, %lld faults injected, "
         "%d coverage failures, %.1f s\n", nTested, nTrial, nFaultTotal,
         nCover, (double)(clock()-t0)/CLOCKS_PER_SEC);
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
