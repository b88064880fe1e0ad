/*
** jingjinji.c - the entry point of the jingjinji SQLite extension.
**
** jingjinji turns SQLite into a workbench for the regional economics of
** Beijing-Tianjin-Hebei: a compressed, source-cited dataset compiled in and
** exposed as eponymous read-only tables, plus SQL functions for growth,
** disparity, convergence and coordination measures on any numbers.
**
**   .load ./jingjinji
**   SELECT year, value FROM jjj_series('gdp_real_growth', 'beijing');
**
** sqlite3_jingjinji_init():
**   - refuses SQLite older than 3.40.0 with a clear message;
**   - is idempotent: loading again on a connection that already has the
**     extension returns SQLITE_OK and changes nothing (so a second
**     SELECT load_extension('./jingjinji') succeeds);
**   - prepares no SQL and decompresses nothing (the dataset is decoded on
**     first use, and freed when the last connection with the extension
**     closes);
**   - registers every row of the registration table (registry.c), checks
**     each return code and names the registration that failed.
**
** Each connection gets one JjjConn (see jjj.h), shared by the modules and
** connection functions as their pAux / user data and freed when the last
** of them is destroyed, i.e. when the connection closes.  A process-wide
** list of live JjjConn objects, guarded by a static mutex, is how a
** second load recognises a connection that already has the extension.
**
** Loading is cheap on purpose (docs/performance.md, "Start-up"): one
** allocation and two short critical sections per connection; every other
** instruction is SQLite's own cost of registering a function or module.
** Only the rows that use the JjjConn (connection functions, modules) get a
** destructor; the pure functions get their variant number as user data and
** no destructor, so SQLite allocates no FuncDestructor for them.  The
** reference count of a JjjConn needs no lock: only the registrations of its
** own connection hold references, and SQLite runs their destructors on
** that connection (under its mutex, or in the one thread the application
** uses it from); the static mutex guards the list alone.
*/
#include "jjj.h"
#ifndef SQLITE_CORE
SQLITE_EXTENSION_INIT1
#endif
#include <string.h>

#ifndef SQLITE_JJJ_MUTEX
# define SQLITE_JJJ_MUTEX SQLITE_MUTEX_STATIC_APP3
#endif

#define JJJ_MIN_SQLITE 3040000

/* Live connections (linked through JjjConn.pNext), guarded by
** SQLITE_JJJ_MUTEX */
static JjjConn *gConnList = 0;

static int connListFind(sqlite3 *db){
  JjjConn *p;
  for(p=gConnList; p; p=p->pNext){
    if( p->db==db ) return 1;
  }
  return 0;
}

static void connListRemove(JjjConn *pConn){
  JjjConn **pp;
  for(pp=&gConnList; *pp; pp=&(*pp)->pNext){
    if( *pp==pConn ){
      *pp = pConn->pNext;
      return;
    }
  }
}

/* The destructor of every registration that holds the JjjConn; the last
** one frees it.  No lock for nRef: see the header comment. */
static void connUnref(void *p){
  JjjConn *pConn = (JjjConn*)p;
  int i;
  if( --pConn->nRef>0 ) return;
  {
    sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_JJJ_MUTEX);
    sqlite3_mutex_enter(pMutex);
    connListRemove(pConn);
    sqlite3_mutex_leave(pMutex);
  }
  for(i=0; i<pConn->nUser; i++) jjjDatasetFree(pConn->apUser[i]);
  jjjConnFreeRetired(pConn);
  if( pConn->pBuiltin ) jjjBuiltinRelease();
  sqlite3_free(pConn);
}

int jjjConnDatasets(JjjConn *pConn, const JjjDataset **ap, char **pzErr){
  int i, n = 0;
  if( pConn->pBuiltin==0 ){
    const JjjDataset *p = 0;
    if( jjjBuiltinAcquire(&p, pzErr) ) return -1;
    pConn->pBuiltin = p;
  }
  ap[n++] = pConn->pBuiltin;
  for(i=0; i<pConn->nUser; i++) ap[n++] = pConn->apUser[i];
  return n;
}

static int registerAll(sqlite3 *db, JjjConn *pConn, char **pzErrMsg){
  int i, rc = SQLITE_OK;
  for(i=0; i<jjjnFunc && rc==SQLITE_OK; i++){
    const JjjFunc *p = &jjjFuncs[i];
    int flags = SQLITE_UTF8 | p->flags;
    void *pUser;
    void (*xDestroy)(void*) = 0;
    if( p->eUser==JJJ_USER_CONN ){
      pConn->nRef++;           /* dropped by connUnref, even on failure */
      pUser = pConn;
      xDestroy = connUnref;
    }else{
      pUser = (void*)(intptr_t)p->iArg;
    }
    if( p->xValue ){
      rc = sqlite3_create_window_function(db, p->zName, p->nArg, flags, pUser,
               p->xStep, p->xFinal, p->xValue, p->xInverse, xDestroy);
    }else{
      rc = sqlite3_create_function_v2(db, p->zName, p->nArg, flags, pUser,
               p->xFunc, p->xStep, p->xFinal, xDestroy);
    }
    if( rc ){
      *pzErrMsg = sqlite3_mprintf("jingjinji: registering function %s/%d "
                                  "failed: %s", p->zName, p->nArg,
                                  sqlite3_errmsg(db));
    }
  }
  for(i=0; i<jjjnModule && rc==SQLITE_OK; i++){
    pConn->nRef++;             /* dropped by connUnref, even on failure */
    rc = sqlite3_create_module_v2(db, jjjModules[i].zName,
                                  jjjModules[i].pModule, pConn, connUnref);
    if( rc ){
      *pzErrMsg = sqlite3_mprintf("jingjinji: registering table %s "
                                  "failed: %s", jjjModules[i].zName,
                                  sqlite3_errmsg(db));
    }
  }
  return rc;
}

#ifdef _WIN32
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int sqlite3_jingjinji_init(
  sqlite3 *db,
  char **pzErrMsg,
  const sqlite3_api_routines *pApi
){
  JjjConn *pConn;
  sqlite3_mutex *pMutex;
  char *zErr = 0;
  int rc;
#ifndef SQLITE_CORE
  SQLITE_EXTENSION_INIT2(pApi);
#else
  JJJ_UNUSED(pApi);
#endif
  if( sqlite3_libversion_number()<JJJ_MIN_SQLITE ){
    if( pzErrMsg ){
      *pzErrMsg = sqlite3_mprintf("jingjinji %s requires SQLite 3.40.0 or "
                                  "later; this is SQLite %s",
                                  jjjVersionString(), sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }

  pMutex = sqlite3_mutex_alloc(SQLITE_JJJ_MUTEX);
  sqlite3_mutex_enter(pMutex);
  rc = connListFind(db);
  sqlite3_mutex_leave(pMutex);
  if( rc ) return SQLITE_OK;   /* already loaded on this connection */

  pConn = sqlite3_malloc64(sizeof(*pConn));
  if( pConn==0 ) return SQLITE_NOMEM;
  memset(pConn, 0, sizeof(*pConn));
  pConn->db = db;
  pConn->nRef = 1;             /* held by this function until the end */
  sqlite3_mutex_enter(pMutex);
  pConn->pNext = gConnList;
  gConnList = pConn;
  sqlite3_mutex_leave(pMutex);

  rc = registerAll(db, pConn, &zErr);
  if( rc ){
    /* Forget this connection so that a later load tries again */
    sqlite3_mutex_enter(pMutex);
    connListRemove(pConn);
    sqlite3_mutex_leave(pMutex);
    /* SQLite always passes pzErrMsg (load_extension, auto-extensions) */
    if( ALWAYS(pzErrMsg) ) *pzErrMsg = zErr; else sqlite3_free(zErr);
  }
  connUnref(pConn);
  return rc;
}
