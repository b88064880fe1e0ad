/*
** load.c - user bundles and materialisation.
**
**   SELECT jjj_load('yrd.bundle');        -- attach a bundle to this connection
**   SELECT jjj_unload('yrd');             -- detach it again
**   SELECT jjj_materialize();             -- write the tables into main
**   SELECT jjj_materialize('report');     -- ... or into an ATTACHed schema
**
** jjj_load(FILE) reads a bundle built by jjj_bundle (docs/bundles.md), and
** verifies it completely (bundle.c) before anything changes.  Its rows
** then appear in jjj_regions, jjj_indicators, jjj_sources,
** jjj_observations, jjj_series and jjj_info under the bundle's dataset
** name, next to the built-in rows.  It returns one line:
**
**   loaded hebei_cities 1.0.0: 12 regions, 3 indicators, 3 sources,
**   25 observations (checksum b07940ac)
**
** Loading a dataset name that is already loaded replaces it ("replaced"
** instead of "loaded").  Rules, each an error that changes nothing:
**   - the file must be readable and at most about SQLITE_LIMIT_LENGTH (and
**     SQLITE_JJJ_MAX_PAYLOAD) bytes; the inflated payload must fit both;
**   - the bundle must decode (magic, version, checksums, every bound);
**   - its dataset name must not be the built-in dataset's, nor one that
**     makes one of its jjj_info keys (NAME.KEY) a key of the built-in
**     dataset (name 'rows' would give 'rows.regions');
**   - none of its region, indicator or source ids may be used by another
**     dataset on the connection (the message names up to JJJ_LOAD_NAMES);
**   - at most JJJ_MAX_DATASETS bundles are loaded at once.
** A NULL argument gives NULL and does nothing.
**
** jjj_unload(NAME) removes a loaded dataset and returns the same summary
** ("unloaded ...").  The built-in dataset cannot be unloaded.
**
** Lifetime.  Cursors copy dataset pointers when they start a scan and the
** tables hand out strings with SQLITE_STATIC, so a value read from a
** dataset may live in a statement's registers until that statement ends.
** (Reference counts held by cursors would not be enough: a value read
** through a cursor may outlive it within the same statement.)
** A dataset that is unloaded or replaced is therefore not freed at once:
** it is "retired" together with the list of statements that were running
** at that moment (pointer and SQLITE_STMTSTATUS_RUN count).  It is freed
** by a later jjj_load()/jjj_unload() once none of those statements is
** still in the same run, and at the latest when the connection closes.
** A scan that was running when its dataset was unloaded keeps reading the
** old rows; statements started afterwards do not see them.
**
** jjj_materialize([SCHEMA]) writes ordinary tables into SCHEMA (default
** main), inside a savepoint so that a failure leaves nothing half-written:
**
**   jjj_regions(id PRIMARY KEY, code, name_en, name_zh, level, parent,
**               dataset, note)
**   jjj_indicators(id PRIMARY KEY, name_en, name_zh, unit, category,
**                  description, dataset)
**   jjj_sources(id PRIMARY KEY, title, publisher, published, url, note,
**               dataset)
**   jjj_observations(region, indicator, year, value, unit, qualifier,
**                    vintage, basis, source, note, dataset, period,
**                    excerpt, fact)       index on (region, indicator, year)
**   jjj_series_all(indicator, region, year, value, unit, qualifier,
**                  vintage, basis, source, published, chg, pch, n_obs,
**                  dataset)               jjj_series() of every pair
**   jjj_meta(key PRIMARY KEY, value)      versions, checksums, time
**
** Each table is dropped and created again, so a second run replaces the
** first.  Rows are written in key order.  It returns one line, e.g.
** "main: 44 regions, 92 indicators, 162 sources, 616 observations,
** 502 series rows from 2 datasets (jingjinji, hebei_cities)".  After
** SQLITE_NOMEM the application should ROLLBACK: SQLite runs no SQL inside
** a function once memory ran out, so the savepoint may still be open.
** An ordinary table shadows the eponymous table of the same name for
** unqualified references on this connection (docs/bundles.md).
**
** All three functions are SQLITE_DIRECTONLY: they read files or change
** state, so a view or trigger of an untrusted schema can never call them.
** SQLite before 3.50 does not enforce SQLITE_DIRECTONLY for functions that
** are not deterministic in CHECK constraints; a CHECK only runs inside a
** statement that writes, so all three refuse to run while a statement
** that writes to the database is running on the connection (call them
** from a plain SELECT).
*/
#include "jjj.h"
#include "bundle_format.h"   /* SQLITE_JJJ_MAX_PAYLOAD */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include <errno.h>

/* Ids named in a collision error before "and N more" */
#ifndef JJJ_LOAD_NAMES
# define JJJ_LOAD_NAMES 5
#endif

/**************************************************************************
** Retired datasets
*/
typedef struct JjjRetiredStmt JjjRetiredStmt;
struct JjjRetiredStmt {
  sqlite3_stmt *pStmt;      /* a statement running at retirement */
  int nRun;                 /* its SQLITE_STMTSTATUS_RUN count then */
};
struct JjjRetired {
  JjjDataset *pDs;          /* the dataset, owned */
  JjjRetired *pNext;
  int nStmt;
  JjjRetiredStmt aStmt[1];  /* nStmt entries (at least one allocated) */
};

/* A record for pDs listing the statements of db running now; NULL on OOM */
static JjjRetired *retiredNew(sqlite3 *db, JjjDataset *pDs){
  JjjRetired *p;
  sqlite3_stmt *pStmt;
  int n = 0;
  for(pStmt=sqlite3_next_stmt(db, 0); pStmt; pStmt=sqlite3_next_stmt(db, pStmt)){
    if( sqlite3_stmt_busy(pStmt) ) n++;
  }
  p = sqlite3_malloc64(sizeof(*p) + sizeof(JjjRetiredStmt)*(sqlite3_uint64)n);
  if( p==0 ) return 0;
  memset(p, 0, sizeof(*p));
  p->pDs = pDs;
  for(pStmt=sqlite3_next_stmt(db, 0); pStmt && p->nStmt<n;
      pStmt=sqlite3_next_stmt(db, pStmt)){
    if( sqlite3_stmt_busy(pStmt) ){
      p->aStmt[p->nStmt].pStmt = pStmt;
      p->aStmt[p->nStmt].nRun = sqlite3_stmt_status(pStmt,
                                                    SQLITE_STMTSTATUS_RUN, 0);
      p->nStmt++;
    }
  }
  return p;
}

/* Is the statement recorded in *pS still in the run it was in?  The
** pointer is compared with the connection's live statements before it is
** used, since it may have been finalized. */
static int retiredStmtLive(sqlite3 *db, const JjjRetiredStmt *pS){
  sqlite3_stmt *pStmt;
  for(pStmt=sqlite3_next_stmt(db, 0); pStmt; pStmt=sqlite3_next_stmt(db, pStmt)){
    if( pStmt==pS->pStmt ){
      return sqlite3_stmt_busy(pStmt)
          && sqlite3_stmt_status(pStmt, SQLITE_STMTSTATUS_RUN, 0)==pS->nRun;
    }
  }
  return 0;
}

/* Free the retired datasets no running statement can still refer to */
static void retiredSweep(JjjConn *pConn){
  JjjRetired **pp = &pConn->pRetired;
  while( *pp ){
    JjjRetired *p = *pp;
    int i, bLive = 0;
    for(i=0; i<p->nStmt && !bLive; i++){
      bLive = retiredStmtLive(pConn->db, &p->aStmt[i]);
    }
    if( bLive ){
      pp = &p->pNext;
    }else{
      *pp = p->pNext;
      jjjDatasetFree(p->pDs);
      sqlite3_free(p);
    }
  }
}

void jjjConnFreeRetired(JjjConn *pConn){
  while( pConn->pRetired ){
    JjjRetired *p = pConn->pRetired;
    pConn->pRetired = p->pNext;
    jjjDatasetFree(p->pDs);
    sqlite3_free(p);
  }
}

/**************************************************************************
** Helpers
*/

/* Is a statement that writes to the database running on db?  (CHECK
** constraints, see the header comment) */
static int loadInWriter(sqlite3_context *ctx, const char *zFn){
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *pStmt;
  for(pStmt=sqlite3_next_stmt(db, 0); pStmt; pStmt=sqlite3_next_stmt(db, pStmt)){
    if( sqlite3_stmt_busy(pStmt) && !sqlite3_stmt_readonly(pStmt) ){
      jjjResultError(ctx, zFn, "refused inside a statement that writes to "
                     "the database (a CHECK constraint, INSERT ... SELECT): "
                     "call it from a plain SELECT");
      return 1;
    }
  }
  return 0;
}

/* "NAME VERSION: 12 regions, 3 indicators, 3 sources, 25 observations" */
static void loadSummary(sqlite3_str *pStr, const JjjDataset *pDs){
  sqlite3_str_appendf(pStr, "%s %s: %d region%s, %d indicator%s, "
      "%d source%s, %d observation%s (checksum %s)",
      pDs->zName, pDs->zVersion ? pDs->zVersion : "(no version)",
      pDs->nRegion, pDs->nRegion==1 ? "" : "s",
      pDs->nIndicator, pDs->nIndicator==1 ? "" : "s",
      pDs->nSource, pDs->nSource==1 ? "" : "s",
      pDs->nObs, pDs->nObs==1 ? "" : "s",
      pDs->zChecksum);
}

/* The argument as a name or file name; 0 for NULL (result NULL) or after
** an error was set on ctx */
static const char *argText(sqlite3_context *ctx, const char *zFn,
                           sqlite3_value *pVal, const char *zWant){
  const char *z;
  int e = sqlite3_value_type(pVal);
  if( e==SQLITE_NULL ) return 0;
  if( e!=SQLITE_TEXT ){
    char *zRepr = jjjValueRepr(pVal);
    if( zRepr==0 ){
      sqlite3_result_error_nomem(ctx);
    }else{
      jjjResultError(ctx, zFn, "argument must be %s, got %s", zWant, zRepr);
      sqlite3_free(zRepr);
    }
    return 0;
  }
  z = (const char*)sqlite3_value_text(pVal);
  if( z==0 ) sqlite3_result_error_nomem(ctx);
  return z;
}

/*
** Read file zPath into a new buffer of at most mxFile bytes.  Returns
** SQLITE_OK, or an error code with a message in *pzErr (NULL for OOM).
*/
static int loadReadFile(const char *zPath, sqlite3_int64 mxFile,
                        unsigned char **paBuf, sqlite3_int64 *pnBuf,
                        char **pzErr){
  FILE *f;
  unsigned char *a = 0;
  sqlite3_int64 n = 0, nAlloc = 0;
  int rc = SQLITE_OK;
  long iEnd = -1;
  *paBuf = 0;
  *pnBuf = 0;
  *pzErr = 0;
  f = fopen(zPath, "rb");
  if( f==0 ){
    *pzErr = sqlite3_mprintf("cannot open '%s': %s", zPath, strerror(errno));
    return *pzErr ? SQLITE_CANTOPEN : SQLITE_NOMEM;
  }
  /* The size, when the file can tell it: refuse a large file unread */
  if( fseek(f, 0, SEEK_END)==0 ){
    iEnd = ftell(f);
    if( fseek(f, 0, SEEK_SET)!=0 ) iEnd = -1;
  }
  clearerr(f);
  if( iEnd>mxFile ){
    /* A directory may report any size: reading says what it is */
    unsigned char c;
    if( fread(&c, 1, 1, f)==0 && ferror(f) ) goto read_error;
    *pzErr = sqlite3_mprintf("'%s' is too large (%lld bytes; a bundle within "
                             "the limits has at most %lld)", zPath,
                             (sqlite3_int64)iEnd, mxFile);
    rc = *pzErr ? SQLITE_TOOBIG : SQLITE_NOMEM;
    goto read_out;
  }
  nAlloc = iEnd>=0 ? iEnd+1 : 65536;
  for(;;){
    size_t got;
    if( n>=nAlloc ){
      unsigned char *aNew;
      sqlite3_int64 nNew = nAlloc*2;
      if( n>mxFile ) break;
      if( nNew>mxFile+1 ) nNew = mxFile+1;
      aNew = sqlite3_realloc64(a, (sqlite3_uint64)nNew);
      if( aNew==0 ){ rc = SQLITE_NOMEM; goto read_out; }
      a = aNew;
      nAlloc = nNew;
    }else if( a==0 ){
      a = sqlite3_malloc64((sqlite3_uint64)nAlloc);
      if( a==0 ){ rc = SQLITE_NOMEM; goto read_out; }
    }
    got = fread(a+n, 1, (size_t)(nAlloc-n), f);
    n += (sqlite3_int64)got;
    if( got==0 ){
      if( ferror(f) ) goto read_error;
      break;
    }
  }
  if( n>mxFile ){
    *pzErr = sqlite3_mprintf("'%s' is too large (more than %lld bytes, the "
                             "most a bundle within the limits has)", zPath,
                             mxFile);
    rc = *pzErr ? SQLITE_TOOBIG : SQLITE_NOMEM;
    goto read_out;
  }
  *paBuf = a;
  *pnBuf = n;
  a = 0;
  goto read_out;

read_error:
  *pzErr = sqlite3_mprintf("cannot read '%s': %s", zPath, strerror(errno));
  rc = *pzErr ? SQLITE_IOERR : SQLITE_NOMEM;
read_out:
  sqlite3_free(a);
  fclose(f);
  return rc;
}

/* Append to pStr the ids of table az (nField per row, sorted) that also
** appear in table bz; *pn counts them all, only JJJ_LOAD_NAMES are named */
static void loadCollisions(sqlite3_str *pStr, int *pn, const char *zKind,
                           const char **az, int nA, const char **bz, int nB,
                           int nField){
  int i = 0, j = 0;
  while( i<nA && j<nB ){
    int c = strcmp(az[i*nField], bz[j*nField]);
    if( c<0 ){
      i++;
    }else if( c>0 ){
      j++;
    }else{
      if( *pn<JJJ_LOAD_NAMES ){
        sqlite3_str_appendf(pStr, "%s%s '%s'", *pn ? ", " : "", zKind,
                            az[i*nField]);
      }
      (*pn)++;
      i++;
      j++;
    }
  }
}

/* The built-in dataset's jjj_info keys that hold a dot besides its META
** keys (tables.c, infoFilter: keep in step) */
static const char *const azBuiltinDotted[] = {
  "rows.regions", "rows.indicators", "rows.sources", "rows.observations"
};

/* A loaded dataset's jjj_info keys are NAME.KEY, the built-in dataset's
** plain KEY: the built-in key that NAME would duplicate (one that starts
** with NAME and a dot), or NULL */
static const char *loadKeyClash(const JjjDataset *pBuiltin, const char *zName){
  int nFixed = (int)(sizeof(azBuiltinDotted)/sizeof(azBuiltinDotted[0]));
  int i;
  size_t n = strlen(zName);
  for(i=0; i<nFixed+pBuiltin->nMeta; i++){
    const char *zKey = i<nFixed ? azBuiltinDotted[i]
                                : pBuiltin->azMeta[2*(i-nFixed)];
    if( strncmp(zKey, zName, n)==0 && zKey[n]=='.' ) return zKey;
  }
  return 0;
}

/**************************************************************************
** jjj_load(FILE)
*/
void jjjLoadFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JjjConn *pConn = (JjjConn*)sqlite3_user_data(ctx);
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  JjjDataset *pNew = 0;
  JjjRetired *pRetired = 0;
  unsigned char *aBuf = 0;
  sqlite3_int64 nBuf = 0, mxPayload, mxFile;
  const char *zPath;
  const char *zClash;
  char *zErr = 0;
  int rc, nDs, k, iReplace = -1;
  sqlite3_str *pStr;
  JJJ_UNUSED(argc);

  zPath = argText(ctx, "jjj_load", argv[0], "a file name");
  if( zPath==0 || loadInWriter(ctx, "jjj_load") ) return;

  /* Limits: the compile-time maximum and this connection's length limit */
  mxPayload = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  if( mxPayload<=0 || mxPayload>SQLITE_JJJ_MAX_PAYLOAD ){
    mxPayload = SQLITE_JJJ_MAX_PAYLOAD;
  }
  /* A zlib body is at most a little larger than its payload */
  mxFile = mxPayload + (mxPayload>>10) + 1024;

  rc = loadReadFile(zPath, mxFile, &aBuf, &nBuf, &zErr);
  if( rc==SQLITE_OK ){
    rc = jjjBundleDecode(aBuf, nBuf, mxPayload, &pNew, &zErr);
    sqlite3_free(aBuf);
  }
  if( rc ) goto load_error;

  /* Where it goes: a new slot, or the slot of the dataset it replaces */
  nDs = jjjConnDatasets(pConn, apDs, &zErr);
  if( nDs<0 ){ rc = zErr ? SQLITE_CORRUPT : SQLITE_NOMEM; goto load_error; }
  if( strcmp(pNew->zName, apDs[0]->zName)==0 ){
    zErr = sqlite3_mprintf("dataset name '%s' is the built-in dataset's; "
                           "choose another name in dataset.csv", pNew->zName);
    rc = zErr ? SQLITE_ERROR : SQLITE_NOMEM;
    goto load_error;
  }
  if( (zClash = loadKeyClash(apDs[0], pNew->zName))!=0 ){
    zErr = sqlite3_mprintf("dataset name '%s' clashes with the built-in "
                           "dataset's jjj_info key '%s'; choose another name "
                           "in dataset.csv", pNew->zName, zClash);
    rc = zErr ? SQLITE_ERROR : SQLITE_NOMEM;
    goto load_error;
  }
  for(k=1; k<nDs; k++){
    if( strcmp(pNew->zName, apDs[k]->zName)==0 ) iReplace = k-1;
  }
  if( iReplace<0 && pConn->nUser>=JJJ_MAX_DATASETS ){
    zErr = sqlite3_mprintf("%d bundles are loaded, the most a connection "
                           "can hold; jjj_unload() one first",
                           JJJ_MAX_DATASETS);
    rc = zErr ? SQLITE_ERROR : SQLITE_NOMEM;
    goto load_error;
  }

  /* Ids must not collide with any other dataset's */
  for(k=0; k<nDs; k++){
    const JjjDataset *pOld = apDs[k];
    int n = 0;
    if( k>0 && k-1==iReplace ) continue;
    pStr = sqlite3_str_new(0);
    sqlite3_str_appendf(pStr, "ids already used by dataset '%s': ",
                        pOld->zName);
    loadCollisions(pStr, &n, "region", pNew->azRegion, pNew->nRegion,
                   pOld->azRegion, pOld->nRegion, JJJ_REGION_NCOL);
    loadCollisions(pStr, &n, "indicator", pNew->azIndicator, pNew->nIndicator,
                   pOld->azIndicator, pOld->nIndicator, JJJ_INDICATOR_NCOL);
    loadCollisions(pStr, &n, "source", pNew->azSource, pNew->nSource,
                   pOld->azSource, pOld->nSource, JJJ_SOURCE_NCOL);
    if( n>JJJ_LOAD_NAMES ){
      sqlite3_str_appendf(pStr, " and %d more", n-JJJ_LOAD_NAMES);
    }
    zErr = sqlite3_str_finish(pStr);
    if( zErr==0 ){ rc = SQLITE_NOMEM; goto load_error; }
    if( n>0 ){ rc = SQLITE_ERROR; goto load_error; }
    sqlite3_free(zErr);
    zErr = 0;
  }

  /* Everything that can fail is done before the swap */
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, iReplace>=0 ? "replaced " : "loaded ");
  loadSummary(pStr, pNew);
  if( sqlite3_str_errcode(pStr) ){
    sqlite3_free(sqlite3_str_finish(pStr));
    rc = SQLITE_NOMEM;
    goto load_error;
  }
  if( iReplace>=0 ){
    pRetired = retiredNew(db, pConn->apUser[iReplace]);
    if( pRetired==0 ){
      sqlite3_free(sqlite3_str_finish(pStr));
      rc = SQLITE_NOMEM;
      goto load_error;
    }
    pConn->apUser[iReplace] = pNew;
    pRetired->pNext = pConn->pRetired;
    pConn->pRetired = pRetired;
  }else{
    pConn->apUser[pConn->nUser++] = pNew;
  }
  pConn->iGeneration++;
  retiredSweep(pConn);
  jjjResultStr(ctx, pStr);
  return;

load_error:
  jjjDatasetFree(pNew);
  if( rc==SQLITE_NOMEM ){
    sqlite3_result_error_nomem(ctx);
  }else{
    jjjResultError(ctx, "jjj_load", "%s", zErr ? zErr : "error");
    if( rc==SQLITE_CORRUPT || rc==SQLITE_TOOBIG ){
      sqlite3_result_error_code(ctx, rc);
    }
  }
  sqlite3_free(zErr);
}

/**************************************************************************
** jjj_unload(NAME)
*/
void jjjUnloadFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JjjConn *pConn = (JjjConn*)sqlite3_user_data(ctx);
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  JjjRetired *pRetired;
  const char *zName;
  char *zErr = 0;
  sqlite3_str *pStr;
  int i, iDs = -1;
  JJJ_UNUSED(argc);

  zName = argText(ctx, "jjj_unload", argv[0], "a dataset name");
  if( zName==0 || loadInWriter(ctx, "jjj_unload") ) return;
  for(i=0; i<pConn->nUser; i++){
    if( strcmp(pConn->apUser[i]->zName, zName)==0 ) iDs = i;
  }
  if( iDs<0 ){
    const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
    int nDs = jjjConnDatasets(pConn, apDs, &zErr);
    if( nDs<0 && zErr==0 ){
      sqlite3_result_error_nomem(ctx);
    }else if( nDs>0 && strcmp(apDs[0]->zName, zName)==0 ){
      jjjResultError(ctx, "jjj_unload", "the built-in dataset '%s' cannot be "
                     "unloaded", zName);
    }else{
      jjjResultError(ctx, "jjj_unload", "no dataset '%s' is loaded", zName);
    }
    sqlite3_free(zErr);
    return;
  }

  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, "unloaded ");
  loadSummary(pStr, pConn->apUser[iDs]);
  pRetired = sqlite3_str_errcode(pStr) ? 0 : retiredNew(db, pConn->apUser[iDs]);
  if( pRetired==0 ){
    sqlite3_free(sqlite3_str_finish(pStr));
    sqlite3_result_error_nomem(ctx);
    return;
  }
  pRetired->pNext = pConn->pRetired;
  pConn->pRetired = pRetired;
  for(i=iDs; i<pConn->nUser-1; i++) pConn->apUser[i] = pConn->apUser[i+1];
  pConn->nUser--;
  pConn->apUser[pConn->nUser] = 0;
  pConn->iGeneration++;
  retiredSweep(pConn);
  jjjResultStr(ctx, pStr);
}

/**************************************************************************
** jjj_materialize([SCHEMA])
*/
typedef struct JjjMat JjjMat;
struct JjjMat {
  sqlite3 *db;
  const char *zSchema;      /* target schema, as given */
  const JjjDataset **apDs;  /* datasets, built-in first */
  int nDs;
  char *zErr;               /* error message (sqlite3_malloc'd) */
  int rc;
  sqlite3_int64 anRow[5];   /* rows written: regions .. series */
};

/* Record the connection's current error, once */
static int matError(JjjMat *p, int rc){
  if( p->rc==SQLITE_OK ){
    p->rc = rc;
    if( rc!=SQLITE_NOMEM ){
      p->zErr = sqlite3_mprintf("%s", sqlite3_errmsg(p->db));
    }
  }
  return p->rc;
}

/* Format SQL (%w, %q ...; the schema name is quoted by the caller), then
** run it (ppStmt NULL) or prepare it into *ppStmt */
static int matSql(JjjMat *p, sqlite3_stmt **ppStmt, const char *zFmt,
                  va_list ap){
  char *zSql;
  int rc;
  if( p->rc ) return p->rc;
  zSql = sqlite3_vmprintf(zFmt, ap);
  if( zSql==0 ) return matError(p, SQLITE_NOMEM);
  if( ppStmt ) rc = sqlite3_prepare_v2(p->db, zSql, -1, ppStmt, 0);
  else rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  sqlite3_free(zSql);
  if( rc ) matError(p, rc);
  return p->rc;
}

static int matExec(JjjMat *p, const char *zFmt, ...){
  va_list ap;
  int rc;
  va_start(ap, zFmt);
  rc = matSql(p, 0, zFmt, ap);
  va_end(ap);
  return rc;
}

static int matPrepare(JjjMat *p, sqlite3_stmt **ppStmt, const char *zFmt, ...){
  va_list ap;
  int rc;
  *ppStmt = 0;
  va_start(ap, zFmt);
  rc = matSql(p, ppStmt, zFmt, ap);
  va_end(ap);
  return rc;
}

/* Step an INSERT whose parameters are bound, then reset it */
static int matStep(JjjMat *p, sqlite3_stmt *pStmt){
  int rc = sqlite3_step(pStmt);
  if( rc!=SQLITE_DONE ){
    matError(p, rc==SQLITE_ROW ? SQLITE_ERROR : rc);
    sqlite3_reset(pStmt);
    return p->rc;
  }
  /* the step returned SQLITE_DONE, so the reset returns SQLITE_OK */
  rc = sqlite3_reset(pStmt);
  if( NEVER(rc) ) return matError(p, rc);
  return SQLITE_OK;
}

static int matBindText(JjjMat *p, sqlite3_stmt *pStmt, int i, const char *z){
  int rc = z ? sqlite3_bind_text(pStmt, i, z, -1, SQLITE_STATIC)
             : sqlite3_bind_null(pStmt, i);
  if( rc ) return matError(p, rc);
  return SQLITE_OK;
}

/* Drop table zTab of the target schema if it is an ordinary table there.
** (DROP TABLE IF EXISTS would find the eponymous table of the same name
** when the schema has none, and fail.) */
static int matDrop(JjjMat *p, const char *zTab){
  sqlite3_stmt *pStmt = 0;
  int rc;
  if( matPrepare(p, &pStmt, "SELECT 1 FROM \"%w\".sqlite_schema WHERE "
                 "type='table' AND name=%Q COLLATE NOCASE", p->zSchema, zTab) ){
    return p->rc;
  }
  rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW ){
    sqlite3_finalize(pStmt);
    return matExec(p, "DROP TABLE \"%w\".%s", p->zSchema, zTab);
  }
  if( rc!=SQLITE_DONE ) matError(p, rc);
  sqlite3_finalize(pStmt);
  return p->rc;
}

/* Lookup tables, merged across datasets in id order */
static const char *const azMatLookup[3][2] = {
  { "jjj_regions",
    "id TEXT PRIMARY KEY, code TEXT, name_en TEXT, name_zh TEXT, level TEXT, "
    "parent TEXT, dataset TEXT, note TEXT" },
  { "jjj_indicators",
    "id TEXT PRIMARY KEY, name_en TEXT, name_zh TEXT, unit TEXT, "
    "category TEXT, description TEXT, dataset TEXT" },
  { "jjj_sources",
    "id TEXT PRIMARY KEY, title TEXT, publisher TEXT, published TEXT, "
    "url TEXT, note TEXT, dataset TEXT" },
};

static void matLookupRows(const JjjDataset *pDs, int eKind,
                          const char ***paz, int *pn, int *pnField){
  switch( eKind ){
    case 0:  *paz = pDs->azRegion; *pn = pDs->nRegion;
             *pnField = JJJ_REGION_NCOL; break;
    case 1:  *paz = pDs->azIndicator; *pn = pDs->nIndicator;
             *pnField = JJJ_INDICATOR_NCOL; break;
    default: *paz = pDs->azSource; *pn = pDs->nSource;
             *pnField = JJJ_SOURCE_NCOL; break;
  }
}

static int matLookup(JjjMat *p, int eKind){
  const char *zTab = azMatLookup[eKind][0];
  sqlite3_stmt *pIns = 0;
  int aPos[JJJ_MAX_DATASETS+1];
  int k;
  matDrop(p, zTab);
  matExec(p, "CREATE TABLE \"%w\".%s(%s)", p->zSchema, zTab,
          azMatLookup[eKind][1]);
  matPrepare(p, &pIns, "INSERT INTO \"%w\".%s VALUES(?,?,?,?,?,?,?%s)",
             p->zSchema, zTab, eKind==0 ? ",?" : "");
  memset(aPos, 0, sizeof(aPos));
  while( p->rc==SQLITE_OK ){
    const char **az, **azBest = 0;
    int n, nField = 0, iBest = -1, j;
    for(k=0; k<p->nDs; k++){
      matLookupRows(p->apDs[k], eKind, &az, &n, &nField);
      if( aPos[k]<n && (iBest<0
           || strcmp(az[aPos[k]*nField], azBest[aPos[iBest]*nField])<0) ){
        iBest = k;
        azBest = az;
      }
    }
    if( iBest<0 ) break;
    matLookupRows(p->apDs[iBest], eKind, &az, &n, &nField);
    az = &az[aPos[iBest]*nField];
    aPos[iBest]++;
    /* regions: 6 fields, dataset, note; others: 6 fields, dataset */
    for(j=0; j<6; j++) matBindText(p, pIns, j+1, az[j]);
    matBindText(p, pIns, 7, p->apDs[iBest]->zName);
    if( eKind==0 ) matBindText(p, pIns, 8, az[6]);
    if( p->rc ) break;
    if( matStep(p, pIns) ) break;
    p->anRow[eKind]++;
  }
  sqlite3_finalize(pIns);
  return p->rc;
}

static int matObservations(JjjMat *p){
  sqlite3_stmt *pIns = 0;
  int aPos[JJJ_MAX_DATASETS+1];
  int k;
  matDrop(p, "jjj_observations");
  matExec(p, "CREATE TABLE \"%w\".jjj_observations(region TEXT, "
          "indicator TEXT, year INTEGER, value, unit TEXT, qualifier TEXT, "
          "vintage TEXT, basis TEXT, source TEXT, note TEXT, dataset TEXT, "
          "period TEXT, excerpt TEXT, fact TEXT)", p->zSchema);
  matPrepare(p, &pIns, "INSERT INTO \"%w\".jjj_observations "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", p->zSchema);
  memset(aPos, 0, sizeof(aPos));
  while( p->rc==SQLITE_OK ){
    const JjjDataset *pDs;
    const JjjObs *o;
    int iBest = -1, rc;
    for(k=0; k<p->nDs; k++){
      if( aPos[k]>=p->apDs[k]->nObs ) continue;
      if( iBest<0 || jjjObsKeyCmp(p->apDs[k], &p->apDs[k]->aObs[aPos[k]],
                               p->apDs[iBest],
                               &p->apDs[iBest]->aObs[aPos[iBest]])<0 ){
        iBest = k;
      }
    }
    if( iBest<0 ) break;
    pDs = p->apDs[iBest];
    o = &pDs->aObs[aPos[iBest]++];
    matBindText(p, pIns, 1, pDs->azRegion[o->iRegion*JJJ_REGION_NCOL]);
    matBindText(p, pIns, 2,
                pDs->azIndicator[o->iIndicator*JJJ_INDICATOR_NCOL]);
    rc = o->iYear==JJJ_NO_YEAR ? sqlite3_bind_null(pIns, 3)
                               : sqlite3_bind_int(pIns, 3, o->iYear);
    if( rc==SQLITE_OK ){
      rc = o->pText->zValue
         ? sqlite3_bind_text(pIns, 4, o->pText->zValue, -1, SQLITE_STATIC)
         : sqlite3_bind_double(pIns, 4, o->rValue);
    }
    if( rc ){ matError(p, rc); break; }
    matBindText(p, pIns, 5, o->pText->zUnit);
    matBindText(p, pIns, 6, o->pText->zQualifier);
    matBindText(p, pIns, 7, o->pText->zVintage);
    matBindText(p, pIns, 8, o->pText->zBasis);
    matBindText(p, pIns, 9, pDs->azSource[o->iSource*JJJ_SOURCE_NCOL]);
    matBindText(p, pIns, 10, o->pText->zNote);
    matBindText(p, pIns, 11, pDs->zName);
    matBindText(p, pIns, 12, o->pText->zPeriod);
    matBindText(p, pIns, 13, o->pText->zExcerpt);
    matBindText(p, pIns, 14, o->pText->zFact);
    if( p->rc ) break;
    if( matStep(p, pIns) ) break;
    p->anRow[3]++;
  }
  sqlite3_finalize(pIns);
  matExec(p, "CREATE INDEX \"%w\".jjj_observations_key ON "
          "jjj_observations(region, indicator, year)", p->zSchema);
  return p->rc;
}

/* jjj_series() of every (indicator, region) pair with observations */
static int matSeries(JjjMat *p){
  matDrop(p, "jjj_series_all");
  matExec(p, "CREATE TABLE \"%w\".jjj_series_all(indicator TEXT, "
          "region TEXT, year INTEGER, value, unit TEXT, qualifier TEXT, "
          "vintage TEXT, basis TEXT, source TEXT, published TEXT, chg REAL, "
          "pch REAL, n_obs INTEGER, dataset TEXT, "
          "PRIMARY KEY(indicator, region, year))", p->zSchema);
  matExec(p, "INSERT INTO \"%w\".jjj_series_all "
          "SELECT k.indicator, k.region, s.year, s.value, s.unit, "
          "s.qualifier, s.vintage, s.basis, s.source, s.published, s.chg, "
          "s.pch, s.n_obs, s.dataset "
          "FROM (SELECT DISTINCT indicator, region FROM \"%w\".jjj_observations"
          " WHERE year IS NOT NULL) AS k, jjj_series(k.indicator, k.region) AS s"
          " ORDER BY 1, 2, 3", p->zSchema, p->zSchema);
  if( p->rc==SQLITE_OK ) p->anRow[4] = sqlite3_changes64(p->db);
  return p->rc;
}

static int matMetaRow(JjjMat *p, sqlite3_stmt *pIns, const char *zKey,
                      const char *zVal){
  if( p->rc ) return p->rc;
  if( zKey==0 ) return matError(p, SQLITE_NOMEM);
  matBindText(p, pIns, 1, zKey);
  matBindText(p, pIns, 2, zVal);
  if( p->rc==SQLITE_OK ) matStep(p, pIns);
  return p->rc;
}

/* A formatted key or value kept until the next call (OOM: NULL) */
static char *matFmt(char **pz, const char *zFmt, ...){
  va_list ap;
  sqlite3_free(*pz);
  va_start(ap, zFmt);
  *pz = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  return *pz;
}

static int matMeta(JjjMat *p){
  sqlite3_stmt *pIns = 0, *pNow = 0;
  char *zKey = 0, *zVal = 0;
  sqlite3_str *pList;
  int k, j;
  static const char *const azTab[5] = {
    "jjj_regions", "jjj_indicators", "jjj_sources", "jjj_observations",
    "jjj_series_all"
  };
  matDrop(p, "jjj_meta");
  matExec(p, "CREATE TABLE \"%w\".jjj_meta(key TEXT PRIMARY KEY, value TEXT)",
          p->zSchema);
  matPrepare(p, &pIns, "INSERT OR REPLACE INTO \"%w\".jjj_meta VALUES(?,?)",
             p->zSchema);
  matPrepare(p, &pNow, "SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now')");
  if( p->rc==SQLITE_OK ){
    if( sqlite3_step(pNow)!=SQLITE_ROW ){
      matError(p, sqlite3_errcode(p->db));
    }else{
      matMetaRow(p, pIns, "materialized_at",
                 (const char*)sqlite3_column_text(pNow, 0));
    }
  }
  matMetaRow(p, pIns, "extension_version", jjjVersionString());
  matMetaRow(p, pIns, "sqlite_version", sqlite3_libversion());
  pList = sqlite3_str_new(0);
  for(k=0; k<p->nDs; k++){
    sqlite3_str_appendf(pList, "%s%s", k ? "," : "", p->apDs[k]->zName);
  }
  zVal = sqlite3_str_finish(pList);
  if( zVal==0 ) matError(p, SQLITE_NOMEM);
  matMetaRow(p, pIns, "datasets", zVal);
  for(k=0; k<5; k++){
    matMetaRow(p, pIns, matFmt(&zKey, "rows.%s", azTab[k]),
               matFmt(&zVal, "%lld", p->anRow[k]));
  }
  for(k=0; k<p->nDs && p->rc==SQLITE_OK; k++){
    const JjjDataset *pDs = p->apDs[k];
    const char *zN = pDs->zName;
    /* META keys first, so that the facts below win over a META key of the
    ** same name */
    for(j=0; j<pDs->nMeta; j++){
      const char *zMk = pDs->azMeta[2*j];
      if( strcmp(zMk, "name")==0 || strcmp(zMk, "version")==0
       || strcmp(zMk, "checksum")==0 ) continue;
      matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.%s", zN, zMk),
                 pDs->azMeta[2*j+1]);
    }
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.version", zN),
               pDs->zVersion);
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.checksum", zN),
               pDs->zChecksum);
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.bundle_format", zN),
               matFmt(&zVal, "%d", pDs->iFormat));
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.rows.regions", zN),
               matFmt(&zVal, "%d", pDs->nRegion));
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.rows.indicators", zN),
               matFmt(&zVal, "%d", pDs->nIndicator));
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.rows.sources", zN),
               matFmt(&zVal, "%d", pDs->nSource));
    matMetaRow(p, pIns, matFmt(&zKey, "dataset.%s.rows.observations", zN),
               matFmt(&zVal, "%d", pDs->nObs));
  }
  sqlite3_free(zKey);
  sqlite3_free(zVal);
  sqlite3_finalize(pNow);
  sqlite3_finalize(pIns);
  return p->rc;
}

/* Does schema zSchema exist on db?  (Names compare as SQLite does.) */
static int matSchemaExists(sqlite3 *db, const char *zSchema){
  const char *z;
  int i;
  for(i=0; (z = sqlite3_db_name(db, i))!=0; i++){
    if( sqlite3_stricmp(z, zSchema)==0 ) return 1;
  }
  return 0;
}

void jjjMaterializeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JjjConn *pConn = (JjjConn*)sqlite3_user_data(ctx);
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  JjjMat m;
  sqlite3_str *pStr;
  int k;

  memset(&m, 0, sizeof(m));
  m.db = sqlite3_context_db_handle(ctx);
  m.zSchema = "main";
  if( argc>0 ){
    m.zSchema = argText(ctx, "jjj_materialize", argv[0], "a schema name");
    if( m.zSchema==0 ) return;
  }
  if( loadInWriter(ctx, "jjj_materialize") ) return;
  if( !matSchemaExists(m.db, m.zSchema) ){
    jjjResultError(ctx, "jjj_materialize", "no schema '%s' (ATTACH it "
                   "first)", m.zSchema);
    return;
  }
  m.nDs = jjjConnDatasets(pConn, apDs, &m.zErr);
  if( m.nDs<0 ){
    if( m.zErr==0 ){ sqlite3_result_error_nomem(ctx); return; }
    jjjResultError(ctx, "jjj_materialize", "%s", m.zErr);
    sqlite3_free(m.zErr);
    return;
  }
  m.apDs = apDs;

  matExec(&m, "SAVEPOINT jjj_materialize");
  if( m.rc==SQLITE_OK ){
    for(k=0; k<3; k++) matLookup(&m, k);
    matObservations(&m);
    matSeries(&m);
    matMeta(&m);
    if( m.rc ){
      sqlite3_exec(m.db, "ROLLBACK TO jjj_materialize; "
                         "RELEASE jjj_materialize", 0, 0, 0);
    }else if( sqlite3_exec(m.db, "RELEASE jjj_materialize", 0, 0, 0) ){
      matError(&m, sqlite3_errcode(m.db));
      sqlite3_exec(m.db, "ROLLBACK TO jjj_materialize; "
                         "RELEASE jjj_materialize", 0, 0, 0);
    }
  }
  if( m.rc ){
    if( m.rc==SQLITE_NOMEM || m.zErr==0 ){
      sqlite3_result_error_nomem(ctx);
    }else{
      jjjResultError(ctx, "jjj_materialize", "%s", m.zErr);
      sqlite3_result_error_code(ctx, m.rc & 0xff);
    }
    sqlite3_free(m.zErr);
    return;
  }

  pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "%s: %lld regions, %lld indicators, %lld sources, "
      "%lld observations, %lld series rows from %d dataset%s (",
      m.zSchema, m.anRow[0], m.anRow[1], m.anRow[2], m.anRow[3], m.anRow[4],
      m.nDs, m.nDs==1 ? "" : "s");
  for(k=0; k<m.nDs; k++){
    sqlite3_str_appendf(pStr, "%s%s", k ? ", " : "", apDs[k]->zName);
  }
  sqlite3_str_appendall(pStr, ")");
  jjjResultStr(ctx, pStr);
}
