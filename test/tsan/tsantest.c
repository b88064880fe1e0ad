/*
** tsantest.c - threads racing through the jingjinji extension, built with
** -fsanitize=thread (make tsan).
**
**   build/tsan/tsantest [-threads N] [-rounds R] SCRIPT.sql CALLS.txt
**
** The extension is linked statically and registered with
** sqlite3_auto_extension().  The statements are those of the OOM driver
** (test/oom/script.h): every table, and every registered function called
** as calls.txt says.  A reference result for each is computed on one
** thread first; then N threads (default 8), each with its own connection,
** run R rounds (default 6) of two kinds:
**
**   even rounds: all threads open, wait at a barrier, then hit first use
**     of the built-in dataset at the same moment (jjjBuiltinAcquire()
**     decodes it once under its mutex; the others must wait and share),
**     then run every statement (each thread starting at a different one,
**     each statement on a fresh connection of its own, as for its
**     reference: some change the connection) concurrently, wait at a
**     barrier and close together (the last release frees the dataset);
**   odd rounds: after one barrier each thread opens, touches the dataset
**     and closes in a tight loop, so that the reference count crosses
**     zero while other threads acquire (decode, free and re-decode race).
**
** Every result must equal the reference.  ThreadSanitizer reports data
** races; the driver prints "N passed, M failed" (one check per statement
** per thread per round) and exits 1 on a mismatch.  TSan's own exit code
** (66) marks a race.
*/
#include <sqlite3.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../oom/script.h"
#include "../../ext/jingjinji.h"

static Script gScript;
static char **gazRef;                 /* reference result per statement */
static int gnThread = 8, gnRound = 6;
static pthread_barrier_t gBarrier;
static pthread_mutex_t gCountMutex = PTHREAD_MUTEX_INITIALIZER;
static int nPass = 0, nFail = 0;

static void count(int bOk, int iThread, int iRound, const Stmt *pS,
                  const char *zGot){
  pthread_mutex_lock(&gCountMutex);
  if( bOk ){
    nPass++;
  }else{
    nFail++;
    fprintf(stderr, "FAIL thread %d round %d: %s\n  got: %.300s\n",
            iThread, iRound, pS ? pS->zWhat : "open", zGot ? zGot : "");
  }
  pthread_mutex_unlock(&gCountMutex);
}

static sqlite3 *openDb(int iThread, int iRound){
  sqlite3 *db = 0;
  if( sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE
                      | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, 0) ){
    count(0, iThread, iRound, 0, sqlite3_errmsg(db));
    sqlite3_close(db);
    return 0;
  }
  if( scriptSetup(&gScript, db) ){
    count(0, iThread, iRound, 0, sqlite3_errmsg(db));
  }
  return db;
}

/* First use of the dataset: the same query on every thread */
static const char *zFirstUse =
  "SELECT count(*) FROM jjj_observations";

static void *threadMain(void *pArg){
  int iThread = (int)(intptr_t)pArg;
  int iRound;
  for(iRound=0; iRound<gnRound; iRound++){
    sqlite3 *db;
    char *z;
    int rc, k;
    if( (iRound & 1)==0 ){
      pthread_barrier_wait(&gBarrier);
      db = openDb(iThread, iRound);
      pthread_barrier_wait(&gBarrier);
      /* everyone at first use together */
      z = scriptRun(db, zFirstUse, &rc);
      count(rc==SQLITE_OK && strcmp(z, gazRef[gScript.nStmt])==0,
            iThread, iRound, 0, z);
      free(z);
      for(k=0; k<gScript.nStmt; k++){
        int i = (k + iThread*7) % gScript.nStmt;
        /* each statement on a fresh connection, as its reference was:
        ** some change the connection (jjj_load, jjj_materialize); db
        ** keeps the dataset referenced meanwhile */
        sqlite3 *db2 = openDb(iThread, iRound);
        if( db2==0 ) break;
        z = scriptRun(db2, gScript.aStmt[i].zSql, &rc);
        count(strcmp(z, gazRef[i])==0, iThread, iRound, &gScript.aStmt[i], z);
        free(z);
        sqlite3_close(db2);
      }
      pthread_barrier_wait(&gBarrier);
      sqlite3_close(db);
    }else{
      pthread_barrier_wait(&gBarrier);
      for(k=0; k<20; k++){
        db = openDb(iThread, iRound);
        if( db==0 ) break;
        z = scriptRun(db, zFirstUse, &rc);
        count(rc==SQLITE_OK && strcmp(z, gazRef[gScript.nStmt])==0,
              iThread, iRound, 0, z);
        free(z);
        sqlite3_close(db);
      }
    }
  }
  return 0;
}

int main(int argc, char **argv){
  const char *zSql = 0, *zCalls = 0;
  sqlite3 *db = 0;
  pthread_t *aThread;
  int i, rc;
  for(i=1; i<argc; i++){
    if( strcmp(argv[i], "-threads")==0 && i+1<argc ) gnThread = atoi(argv[++i]);
    else if( strcmp(argv[i], "-rounds")==0 && i+1<argc ) gnRound = atoi(argv[++i]);
    else if( zSql==0 ) zSql = argv[i];
    else if( zCalls==0 ) zCalls = argv[i];
  }
  if( zSql==0 || zCalls==0 || gnThread<1 || gnRound<1 ){
    fprintf(stderr, "usage: %s [-threads N] [-rounds R] SCRIPT.sql "
            "CALLS.txt\n", argv[0]);
    return 2;
  }
  if( sqlite3_threadsafe()==0 ){
    fprintf(stderr, "libsqlite3 is not thread safe\n");
    return 2;
  }
  sqlite3_auto_extension((void(*)(void))sqlite3_jingjinji_init);

  /* Statements and their reference results, on one thread */
  if( sqlite3_open(":memory:", &db) ){
    fprintf(stderr, "cannot open: %s\n", sqlite3_errmsg(db));
    return 2;
  }
  if( scriptReadSql(&gScript, zSql) || scriptAddCalls(&gScript, db, zCalls) ){
    fprintf(stderr, "cannot build the statement list\n");
    return 2;
  }
  scriptCheckModules(&gScript, db);
  nFail += gScript.nFail;
  if( scriptSetup(&gScript, db) ){
    fprintf(stderr, "cannot create table t: %s\n", sqlite3_errmsg(db));
    return 2;
  }
  gazRef = malloc(sizeof(char*)*(size_t)(gScript.nStmt+1));
  if( gazRef==0 ) return 2;
  sqlite3_close(db);
  for(i=0; i<gScript.nStmt; i++){
    /* a fresh connection for each: some statements change it */
    if( sqlite3_open(":memory:", &db) || scriptSetup(&gScript, db) ){
      fprintf(stderr, "cannot open: %s\n", sqlite3_errmsg(db));
      return 2;
    }
    gazRef[i] = scriptRun(db, gScript.aStmt[i].zSql, &rc);
    sqlite3_close(db);
    if( scriptRefIsBroken(gazRef[i]) ){
      fprintf(stderr, "FAIL %s: the statement is stale: %s\n",
              gScript.aStmt[i].zWhat, gazRef[i]);
      nFail++;
    }
  }
  sqlite3_open(":memory:", &db);
  gazRef[gScript.nStmt] = scriptRun(db, zFirstUse, &rc);
  sqlite3_close(db);   /* the dataset is freed: round 0 decodes it again */

  aThread = malloc(sizeof(pthread_t)*(size_t)gnThread);
  if( aThread==0 ) return 2;
  pthread_barrier_init(&gBarrier, 0, (unsigned)gnThread);
  for(i=0; i<gnThread; i++){
    if( pthread_create(&aThread[i], 0, threadMain, (void*)(intptr_t)i) ){
      fprintf(stderr, "pthread_create failed\n");
      return 2;
    }
  }
  for(i=0; i<gnThread; i++) pthread_join(aThread[i], 0);
  pthread_barrier_destroy(&gBarrier);

  for(i=0; i<=gScript.nStmt; i++) free(gazRef[i]);
  free(gazRef);
  free(aThread);
  printf("tsantest: %d threads, %d rounds, %d statements\n", gnThread,
         gnRound, gScript.nStmt);
  scriptFree(&gScript);
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
