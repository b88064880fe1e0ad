/*
** tables.c - the eponymous read-only lookup tables and jjj_info.
**
**   SELECT * FROM jjj_regions WHERE level = 'province';
**   SELECT name_en, unit FROM jjj_indicators WHERE id = 'pm25';
**   SELECT title, url FROM jjj_sources WHERE id = 'src001';
**   SELECT value FROM jjj_info WHERE key = 'checksum';
**
** Schemas (a trailing dataset column names the bundle a row comes from:
** 'jingjinji' for the built-in data):
**
**   jjj_regions(id, code, name_en, name_zh, level, parent, dataset,
**               note HIDDEN)
**   jjj_indicators(id, name_en, name_zh, unit, category, description, dataset)
**   jjj_sources(id, title, publisher, published, url, note, dataset)
**   jjj_info(key, value)
**
** The three lookup tables share one implementation: rows come from every
** dataset visible on the connection (built-in first, then jjj_load()ed
** ones), merged in id order.  xBestIndex uses equality on id (binary
** search, BINARY collation only) and on dataset, and consumes ORDER BY id.
** Writes fail with "<table> is read-only".  Tables are eponymous-only
** (no xCreate), so nothing is ever written into a database file.
*/
#include "jjj.h"
#include <string.h>

/* Table descriptions */
#define JJJ_KIND_REGION     0
#define JJJ_KIND_INDICATOR  1
#define JJJ_KIND_SOURCE     2

typedef struct JjjTabDef JjjTabDef;
struct JjjTabDef {
  const char *zName;
  const char *zSchema;
  int eKind;
  int nField;     /* fields per record */
  int nVisible;   /* fields before the dataset column */
};

static const JjjTabDef aTabDef[] = {
  { "jjj_regions",
    "CREATE TABLE x(id TEXT, code TEXT, name_en TEXT, name_zh TEXT, "
    "level TEXT, parent TEXT, dataset TEXT, note TEXT HIDDEN)",
    JJJ_KIND_REGION, JJJ_REGION_NCOL, 6 },
  { "jjj_indicators",
    "CREATE TABLE x(id TEXT, name_en TEXT, name_zh TEXT, unit TEXT, "
    "category TEXT, description TEXT, dataset TEXT)",
    JJJ_KIND_INDICATOR, JJJ_INDICATOR_NCOL, 6 },
  { "jjj_sources",
    "CREATE TABLE x(id TEXT, title TEXT, publisher TEXT, published TEXT, "
    "url TEXT, note TEXT, dataset TEXT)",
    JJJ_KIND_SOURCE, JJJ_SOURCE_NCOL, 6 },
};

typedef struct JjjTabVtab JjjTabVtab;
struct JjjTabVtab {
  sqlite3_vtab base;        /* Base class - must be first */
  JjjConn *pConn;           /* this connection's datasets */
  const JjjTabDef *pDef;    /* which table */
};

typedef struct JjjTabCursor JjjTabCursor;
struct JjjTabCursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  int nDs;                                  /* datasets scanned */
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  int aPos[JJJ_MAX_DATASETS+1];             /* next row per dataset */
  int aEnd[JJJ_MAX_DATASETS+1];             /* end row per dataset */
  int iCur;                                 /* dataset of the current row */
  int iRow;                                 /* current row in it */
};

static int tabRowCount(const JjjDataset *pDs, int eKind){
  switch( eKind ){
    case JJJ_KIND_REGION:    return pDs->nRegion;
    case JJJ_KIND_INDICATOR: return pDs->nIndicator;
    default:                 return pDs->nSource;
  }
}
static const char **tabRows(const JjjDataset *pDs, int eKind){
  switch( eKind ){
    case JJJ_KIND_REGION:    return pDs->azRegion;
    case JJJ_KIND_INDICATOR: return pDs->azIndicator;
    default:                 return pDs->azSource;
  }
}
static int tabFind(const JjjDataset *pDs, int eKind, const char *z){
  switch( eKind ){
    case JJJ_KIND_REGION:    return jjjFindRegion(pDs, z);
    case JJJ_KIND_INDICATOR: return jjjFindIndicator(pDs, z);
    default:                 return jjjFindSource(pDs, z);
  }
}

static int tabConnectDef(sqlite3 *db, void *pAux, const JjjTabDef *pDef,
                         sqlite3_vtab **ppVtab, char **pzErr){
  int rc = jjjVtabConnect(db, pDef->zSchema, sizeof(JjjTabVtab), ppVtab);
  JJJ_UNUSED(pzErr);
  if( rc==SQLITE_OK ){
    ((JjjTabVtab*)*ppVtab)->pConn = (JjjConn*)pAux;
    ((JjjTabVtab*)*ppVtab)->pDef = pDef;
  }
  return rc;
}

#define TAB_CONNECT(NAME, IDX) \
static int NAME(sqlite3 *db, void *pAux, int argc, const char *const*argv, \
                sqlite3_vtab **ppVtab, char **pzErr){ \
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); \
  return tabConnectDef(db, pAux, &aTabDef[IDX], ppVtab, pzErr); \
}
TAB_CONNECT(regionsConnect, 0)
TAB_CONNECT(indicatorsConnect, 1)
TAB_CONNECT(sourcesConnect, 2)

static int tabDisconnect(sqlite3_vtab *pVtab){
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/*
** idxNum bits:
**   1  id = ?       (argv next)
**   2  dataset = ? (argv next)
*/
static int tabBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  JjjTabVtab *p = (JjjTabVtab*)pVtab;
  int i, iId = -1, iDs = -1, nArg = 0, idxNum = 0;
  int iDsCol = p->pDef->nVisible;
  double rRows = 100.0;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if( !c->usable || c->op!=SQLITE_INDEX_CONSTRAINT_EQ ) continue;
    if( sqlite3_stricmp(sqlite3_vtab_collation(pInfo, i), "BINARY")!=0 ) continue;
    if( c->iColumn==0 && iId<0 ) iId = i;
    if( c->iColumn==iDsCol && iDs<0 ) iDs = i;
  }
  if( iId>=0 ){
    idxNum |= 1;
    pInfo->aConstraintUsage[iId].argvIndex = ++nArg;
    pInfo->aConstraintUsage[iId].omit = 1;
    rRows = 1.0;
  }
  if( iDs>=0 ){
    idxNum |= 2;
    pInfo->aConstraintUsage[iDs].argvIndex = ++nArg;
    pInfo->aConstraintUsage[iDs].omit = 1;
  }
  if( pInfo->nOrderBy==1 && pInfo->aOrderBy[0].iColumn==0
   && pInfo->aOrderBy[0].desc==0 ){
    pInfo->orderByConsumed = 1;
  }
  pInfo->idxNum = idxNum;
  pInfo->estimatedRows = (sqlite3_int64)rRows;
  pInfo->estimatedCost = rRows + (iId>=0 ? 10.0 : 0.0);
  if( iId>=0 ) pInfo->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
  return SQLITE_OK;
}

static int tabOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur){
  JjjTabCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  JJJ_UNUSED(pVtab);
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCur = &pCur->base;
  return SQLITE_OK;
}

static int tabClose(sqlite3_vtab_cursor *cur){
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Choose the dataset whose next row has the smallest id */
static void tabPick(JjjTabCursor *pCur, int eKind, int nField){
  int k, iBest = -1;
  const char *zBest = 0;
  for(k=0; k<pCur->nDs; k++){
    if( pCur->aPos[k]<pCur->aEnd[k] ){
      const char *z = tabRows(pCur->apDs[k], eKind)[pCur->aPos[k]*nField];
      if( iBest<0 || strcmp(z, zBest)<0 ){ iBest = k; zBest = z; }
    }
  }
  pCur->iCur = iBest;
  if( iBest>=0 ) pCur->iRow = pCur->aPos[iBest]++;
}

static int tabFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv){
  JjjTabCursor *pCur = (JjjTabCursor*)cur;
  JjjTabVtab *p = (JjjTabVtab*)cur->pVtab;
  const JjjTabDef *pDef = p->pDef;
  const char *zId = 0, *zDs = 0;
  char *zErr = 0;
  int k, iArg = 0;
  JJJ_UNUSED(idxStr); JJJ_UNUSED(argc);
  if( idxNum & 1 ) zId = (const char*)sqlite3_value_text(argv[iArg++]);
  if( idxNum & 2 ) zDs = (const char*)sqlite3_value_text(argv[iArg++]);
  pCur->nDs = jjjConnDatasets(p->pConn, pCur->apDs, &zErr);
  if( pCur->nDs<0 ){
    pCur->nDs = 0;
    sqlite3_free(p->base.zErrMsg);
    p->base.zErrMsg = zErr;
    return zErr ? SQLITE_CORRUPT : SQLITE_NOMEM;
  }
  for(k=0; k<pCur->nDs; k++){
    const JjjDataset *pDs = pCur->apDs[k];
    int n = tabRowCount(pDs, pDef->eKind);
    pCur->aPos[k] = 0;
    pCur->aEnd[k] = n;
    if( (idxNum & 2) && (zDs==0 || strcmp(zDs, pDs->zName)!=0) ){
      pCur->aEnd[k] = 0;
    }else if( idxNum & 1 ){
      int i = zId ? tabFind(pDs, pDef->eKind, zId) : -1;
      if( i<0 ){
        pCur->aEnd[k] = 0;
      }else{
        pCur->aPos[k] = i;
        pCur->aEnd[k] = i+1;
      }
    }
  }
  tabPick(pCur, pDef->eKind, pDef->nField);
  return SQLITE_OK;
}

static int tabNext(sqlite3_vtab_cursor *cur){
  JjjTabCursor *pCur = (JjjTabCursor*)cur;
  const JjjTabDef *pDef = ((JjjTabVtab*)cur->pVtab)->pDef;
  tabPick(pCur, pDef->eKind, pDef->nField);
  return SQLITE_OK;
}

static int tabEof(sqlite3_vtab_cursor *cur){
  return ((JjjTabCursor*)cur)->iCur<0;
}

static int tabColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  JjjTabCursor *pCur = (JjjTabCursor*)cur;
  const JjjTabDef *pDef = ((JjjTabVtab*)cur->pVtab)->pDef;
  const JjjDataset *pDs = pCur->apDs[pCur->iCur];
  const char *z;
  if( i==pDef->nVisible ){
    z = pDs->zName;
  }else{
    int iField = i<pDef->nVisible ? i : i-1;
    z = tabRows(pDs, pDef->eKind)[pCur->iRow*pDef->nField + iField];
  }
  jjjResultStatic(ctx, z);
  return SQLITE_OK;
}

static int tabRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  JjjTabCursor *pCur = (JjjTabCursor*)cur;
  *pRowid = ((sqlite3_int64)pCur->iCur<<32) | (sqlite3_int64)pCur->iRow;
  return SQLITE_OK;
}

static int tabUpdate(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv,
                     sqlite_int64 *pRowid){
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pRowid);
  return jjjVtabReadOnly(pVtab, ((JjjTabVtab*)pVtab)->pDef->zName);
}

#define TAB_MODULE(NAME, CONNECT) \
const sqlite3_module NAME = { \
  0,              /* iVersion */ \
  0,              /* xCreate: eponymous-only */ \
  CONNECT,        /* xConnect */ \
  tabBestIndex,   /* xBestIndex */ \
  tabDisconnect,  /* xDisconnect */ \
  0,              /* xDestroy */ \
  tabOpen,        /* xOpen */ \
  tabClose,       /* xClose */ \
  tabFilter,      /* xFilter */ \
  tabNext,        /* xNext */ \
  tabEof,         /* xEof */ \
  tabColumn,      /* xColumn */ \
  tabRowid,       /* xRowid */ \
  tabUpdate,      /* xUpdate: refuses */ \
  0, 0, 0, 0,     /* xBegin, xSync, xCommit, xRollback */ \
  0,              /* xFindFunction */ \
  0,              /* xRename */ \
  0, 0, 0,        /* xSavepoint, xRelease, xRollbackTo */ \
  0               /* xShadowName */ \
};
TAB_MODULE(jjjRegionsModule, regionsConnect)
TAB_MODULE(jjjIndicatorsModule, indicatorsConnect)
TAB_MODULE(jjjSourcesModule, sourcesConnect)

/**************************************************************************
** jjj_info(key, value): facts about the extension and every dataset.
** Keys of the built-in dataset are plain (checksum, rows.observations, ...);
** keys of a loaded dataset are prefixed with its name and a dot.
*/
typedef struct JjjInfoCursor JjjInfoCursor;
struct JjjInfoCursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  int n;                    /* number of rows */
  int i;                    /* current row */
  char **az;                /* 2*n strings: key, value */
};

static int infoConnect(sqlite3 *db, void *pAux, int argc,
                       const char *const*argv, sqlite3_vtab **ppVtab,
                       char **pzErr){
  int rc = jjjVtabConnect(db, "CREATE TABLE x(key TEXT, value TEXT)",
                          sizeof(JjjTabVtab), ppVtab);
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pzErr);
  if( rc==SQLITE_OK ) ((JjjTabVtab*)*ppVtab)->pConn = (JjjConn*)pAux;
  return rc;
}

static int infoBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  JJJ_UNUSED(pVtab);
  pInfo->estimatedCost = 20.0;
  pInfo->estimatedRows = 20;
  return SQLITE_OK;
}

static int infoOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur){
  JjjInfoCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  JJJ_UNUSED(pVtab);
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCur = &pCur->base;
  return SQLITE_OK;
}

static void infoReset(JjjInfoCursor *pCur){
  int i;
  for(i=0; i<2*pCur->n; i++) sqlite3_free(pCur->az[i]);
  sqlite3_free(pCur->az);
  pCur->az = 0;
  pCur->n = pCur->i = 0;
}

static int infoClose(sqlite3_vtab_cursor *cur){
  infoReset((JjjInfoCursor*)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Append a key/value row; returns non-zero on OOM */
static int infoAdd(JjjInfoCursor *pCur, int *pnAlloc, char *zKey, char *zVal){
  if( zKey==0 || zVal==0 ) goto add_oom;
  if( pCur->n>=*pnAlloc ){
    int nNew = *pnAlloc ? *pnAlloc*2 : 32;
    char **azNew = sqlite3_realloc64(pCur->az, sizeof(char*)*2*(sqlite3_uint64)nNew);
    if( azNew==0 ) goto add_oom;
    pCur->az = azNew;
    *pnAlloc = nNew;
  }
  pCur->az[2*pCur->n] = zKey;
  pCur->az[2*pCur->n+1] = zVal;
  pCur->n++;
  return 0;
add_oom:
  sqlite3_free(zKey);
  sqlite3_free(zVal);
  return 1;
}

static int infoFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                      int argc, sqlite3_value **argv){
  JjjInfoCursor *pCur = (JjjInfoCursor*)cur;
  JjjTabVtab *p = (JjjTabVtab*)cur->pVtab;
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  char *zErr = 0;
  int nDs, k, nAlloc = 0, bOom = 0;
  JJJ_UNUSED(idxNum); JJJ_UNUSED(idxStr); JJJ_UNUSED(argc); JJJ_UNUSED(argv);
  infoReset(pCur);
  nDs = jjjConnDatasets(p->pConn, apDs, &zErr);
  if( nDs<0 ){
    sqlite3_free(p->base.zErrMsg);
    p->base.zErrMsg = zErr;
    return zErr ? SQLITE_CORRUPT : SQLITE_NOMEM;
  }
  bOom |= infoAdd(pCur, &nAlloc, sqlite3_mprintf("extension_version"),
                  sqlite3_mprintf("%s", jjjVersionString()));
  bOom |= infoAdd(pCur, &nAlloc, sqlite3_mprintf("sqlite_version"),
                  sqlite3_mprintf("%s", sqlite3_libversion()));
  for(k=0; k<nDs && !bOom; k++){
    const JjjDataset *pDs = apDs[k];
    const char *zP = k==0 ? "" : pDs->zName;
    const char *zDot = k==0 ? "" : ".";
    int j;
#define INFO(KEY, ...) \
    bOom |= infoAdd(pCur, &nAlloc, sqlite3_mprintf("%s%s%s", zP, zDot, KEY), \
                    sqlite3_mprintf(__VA_ARGS__))
    INFO("dataset", "%s", pDs->zName);
    for(j=0; j<pDs->nMeta; j++){
      const char *zKey = pDs->azMeta[2*j];
      const char *zVal = pDs->azMeta[2*j+1];
      /* name is 'dataset'; a META checksum (version 2) is 'checksum' */
      if( strcmp(zKey, "name")==0 || strcmp(zKey, "checksum")==0 ) continue;
      if( strcmp(zKey, "version")==0 ) zKey = "dataset_version";
      INFO(zKey, "%s", zVal ? zVal : "");
    }
    INFO("checksum", "%s", pDs->zChecksum);
    INFO("bundle_format", "%d", pDs->iFormat);
    INFO("bundle_bytes", "%lld", pDs->nBundle);
    INFO("payload_bytes", "%lld", pDs->nPayload);
    /* keys with a dot: a loaded dataset may not be named after what comes
    ** before the dot (load.c, azBuiltinDotted) */
    INFO("rows.regions", "%d", pDs->nRegion);
    INFO("rows.indicators", "%d", pDs->nIndicator);
    INFO("rows.sources", "%d", pDs->nSource);
    INFO("rows.observations", "%d", pDs->nObs);
#undef INFO
  }
  if( bOom ){
    infoReset(pCur);
    return SQLITE_NOMEM;
  }
  pCur->i = 0;
  return SQLITE_OK;
}

static int infoNext(sqlite3_vtab_cursor *cur){
  ((JjjInfoCursor*)cur)->i++;
  return SQLITE_OK;
}
static int infoEof(sqlite3_vtab_cursor *cur){
  JjjInfoCursor *pCur = (JjjInfoCursor*)cur;
  return pCur->i>=pCur->n;
}
static int infoColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  JjjInfoCursor *pCur = (JjjInfoCursor*)cur;
  sqlite3_result_text(ctx, pCur->az[2*pCur->i + (i?1:0)], -1, SQLITE_TRANSIENT);
  return SQLITE_OK;
}
static int infoRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  *pRowid = ((JjjInfoCursor*)cur)->i + 1;
  return SQLITE_OK;
}
static int infoUpdate(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv,
                      sqlite_int64 *pRowid){
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pRowid);
  return jjjVtabReadOnly(pVtab, "jjj_info");
}

const sqlite3_module jjjInfoModule = {
  0,              /* iVersion */
  0,              /* xCreate: eponymous-only */
  infoConnect,    /* xConnect */
  infoBestIndex,  /* xBestIndex */
  tabDisconnect,  /* xDisconnect */
  0,              /* xDestroy */
  infoOpen,       /* xOpen */
  infoClose,      /* xClose */
  infoFilter,     /* xFilter */
  infoNext,       /* xNext */
  infoEof,        /* xEof */
  infoColumn,     /* xColumn */
  infoRowid,      /* xRowid */
  infoUpdate,     /* xUpdate: refuses */
  0, 0, 0, 0,     /* xBegin, xSync, xCommit, xRollback */
  0,              /* xFindFunction */
  0,              /* xRename */
  0, 0, 0,        /* xSavepoint, xRelease, xRollbackTo */
  0               /* xShadowName */
};
