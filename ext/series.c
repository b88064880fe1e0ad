/*
** series.c - jjj_series(indicator, region [, as_of]): one row per year,
** the value a user should use.
**
**   SELECT year, value, pch FROM jjj_series('gdp', 'beijing');
**   SELECT year, value FROM jjj_series('gdp', 'beijing', '2019-06-30');
**
** Schema (indicator, region and as_of are the table-valued arguments):
**   jjj_series(year, value, unit, qualifier, vintage, basis, source,
**              published, chg, pch, n_obs, dataset,
**              indicator HIDDEN, region HIDDEN, as_of HIDDEN)
**
** For each year with observations of (region, indicator) the row chosen is
** the latest vintage: highest vintage rank (census-revised > revised >
** final verification > preliminary verification > preliminary > anything
** else), then the most precise (fewest of the qualifiers rounded,
** secondary, low confidence, lower bound, more than, about, around, approx,
** exceeded, surpassed, inferred), then the latest publication date of its
** source, then the smallest source id.  With as_of (a date 'YYYY', 'YYYY-MM' or
** 'YYYY-MM-DD') only observations whose source was published on or before
** it take part, ALFRED-style; a partial publication date counts as the end
** of its period, an unknown one never qualifies.  n_obs is the number of
** observations that were candidates for the year.
**
** chg = value - previous value and pch = 100*(value/previous - 1), both
** NULL for the first year, across a missing year, across a change of
** basis (so a census revision never shows up as growth), for a text value,
** when the result is not finite, and (pch) when the previous value is 0.
** Values are used as stated: a growth involving a bound ("more than",
** "lower bound") is itself only a bound, which the qualifier column shows.
**
** Errors: a missing indicator or region argument; an unknown indicator or
** region id; an as_of that is not a date.  A NULL argument gives no rows.
*/
#include "jjj.h"
#include <string.h>

#define SER_COL_YEAR       0
#define SER_COL_VALUE      1
#define SER_COL_UNIT       2
#define SER_COL_QUALIFIER  3
#define SER_COL_VINTAGE    4
#define SER_COL_BASIS      5
#define SER_COL_SOURCE     6
#define SER_COL_PUBLISHED  7
#define SER_COL_CHG        8
#define SER_COL_PCH        9
#define SER_COL_NOBS       10
#define SER_COL_DATASET    11
#define SER_COL_INDICATOR  12
#define SER_COL_REGION     13
#define SER_COL_ASOF       14

typedef struct SerVtab SerVtab;
struct SerVtab {
  sqlite3_vtab base;        /* Base class - must be first */
  JjjConn *pConn;
};

typedef struct SerRow SerRow;
struct SerRow {
  const JjjDataset *pDs;
  int iObs;
  int nObs;                 /* candidates for this year */
  int bChg;                 /* chg/pch defined */
  double rChg, rPch;
  int bPch;
};

typedef struct SerCursor SerCursor;
struct SerCursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  int nRow, iRow;
  SerRow *aRow;
  int nAlloc;               /* rows allocated in aRow: kept across filters
                            ** (a join runs one filter per outer row) */
};

static int serConnect(sqlite3 *db, void *pAux, int argc,
                      const char *const*argv, sqlite3_vtab **ppVtab,
                      char **pzErr){
  int rc;
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pzErr);
  rc = jjjVtabConnect(db,
     "CREATE TABLE x(year INTEGER, value, unit TEXT, qualifier TEXT, "
     "vintage TEXT, basis TEXT, source TEXT, published TEXT, chg REAL, "
     "pch REAL, n_obs INTEGER, dataset TEXT, indicator TEXT HIDDEN, "
     "region TEXT HIDDEN, as_of TEXT HIDDEN)", sizeof(SerVtab), ppVtab);
  if( rc==SQLITE_OK ) ((SerVtab*)*ppVtab)->pConn = (JjjConn*)pAux;
  return rc;
}

static int serDisconnect(sqlite3_vtab *pVtab){
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/*
** idxNum bits: 1 indicator, 2 region, 4 as_of (argv in that order).
** Indicator and region are required.
*/
static int serBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  int i, aUse[3] = {-1, -1, -1}, bSeen[3] = {0, 0, 0};
  int idxNum = 0, nArg = 0;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    int k = c->iColumn - SER_COL_INDICATOR;
    if( k<0 || k>2 ) continue;
    bSeen[k] = 1;
    if( !c->usable || c->op!=SQLITE_INDEX_CONSTRAINT_EQ ) continue;
    if( aUse[k]<0 ) aUse[k] = i;
  }
  if( aUse[0]<0 || aUse[1]<0 ){
    if( bSeen[0] && bSeen[1] ) return SQLITE_CONSTRAINT;
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf(
        "jjj_series(): indicator and region arguments are required, "
        "as in jjj_series('gdp', 'beijing')");
    return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  for(i=0; i<3; i++){
    if( aUse[i]<0 ) continue;
    idxNum |= 1<<i;
    pInfo->aConstraintUsage[aUse[i]].argvIndex = ++nArg;
    pInfo->aConstraintUsage[aUse[i]].omit = 1;
  }
  if( pInfo->nOrderBy==1 && pInfo->aOrderBy[0].iColumn==SER_COL_YEAR
   && !pInfo->aOrderBy[0].desc ){
    pInfo->orderByConsumed = 1;
  }
  pInfo->idxNum = idxNum;
  pInfo->estimatedCost = 20.0;
  pInfo->estimatedRows = 15;
  return SQLITE_OK;
}

static int serOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur){
  SerCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  JJJ_UNUSED(pVtab);
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCur = &pCur->base;
  return SQLITE_OK;
}

static int serClose(sqlite3_vtab_cursor *cur){
  sqlite3_free(((SerCursor*)cur)->aRow);
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Is candidate (pA,a) preferred over (pB,b) for the same year? */
static int serBetter(const JjjDataset *pA, int a, const JjjDataset *pB, int b){
  const JjjObs *oa = &pA->aObs[a], *ob = &pB->aObs[b];
  int ra = oa->pText->iPreference, rb = ob->pText->iPreference;
  int pa = pA->aiSourcePublished[oa->iSource];
  int pb = pB->aiSourcePublished[ob->iSource];
  if( ra!=rb ) return ra>rb;
  if( pa!=pb ) return pa>pb;
  return strcmp(pA->azSource[oa->iSource*JJJ_SOURCE_NCOL],
                pB->azSource[ob->iSource*JJJ_SOURCE_NCOL])<0;
}

static int sameBasis(const char *a, const char *b){
  if( a==0 || b==0 ) return a==b;
  return strcmp(a, b)==0;
}

/* Is zAsOf exactly 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (as parsed)? */
static int asOfValid(const char *zAsOf, int iDate){
  size_t n = strlen(zAsOf);
  if( iDate<0 ) return 0;
  if( n==4 ) return 1;
  if( n==7 ) return (iDate/100)%100!=99;
  if( n==10 ) return iDate%100!=99;
  return 0;
}

static int serError(SerVtab *p, int rc, char *zMsg){
  sqlite3_free(p->base.zErrMsg);
  p->base.zErrMsg = zMsg;
  return zMsg ? rc : SQLITE_NOMEM;
}

static int serFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv){
  SerCursor *pCur = (SerCursor*)cur;
  SerVtab *p = (SerVtab*)cur->pVtab;
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  const char *zInd, *zReg, *zAsOf = 0;
  int iAsOf = -1, nDs, k, bRegion = 0, bIndicator = 0;
  char *zErr = 0;
  JJJ_UNUSED(idxStr); JJJ_UNUSED(argc);

  pCur->nRow = pCur->iRow = 0;
  /* xBestIndex refuses a plan without both arguments */
  if( NEVER((idxNum & 3)!=3) ) return SQLITE_OK;
  zInd = (const char*)sqlite3_value_text(argv[0]);
  zReg = (const char*)sqlite3_value_text(argv[1]);
  if( idxNum & 4 ){
    if( sqlite3_value_type(argv[2])==SQLITE_NULL ) return SQLITE_OK;
    zAsOf = (const char*)sqlite3_value_text(argv[2]);
    if( zAsOf==0 ) return SQLITE_NOMEM;
    iAsOf = jjjParseDate(zAsOf, 0);
    if( !asOfValid(zAsOf, iAsOf) ){
      return serError(p, SQLITE_ERROR, sqlite3_mprintf(
          "jjj_series(): as_of must be a date 'YYYY', 'YYYY-MM' or "
          "'YYYY-MM-DD', got '%q'", zAsOf));
    }
  }
  if( zInd==0 || zReg==0 ){
    if( sqlite3_value_type(argv[0])!=SQLITE_NULL
     && sqlite3_value_type(argv[1])!=SQLITE_NULL ) return SQLITE_NOMEM;
    return SQLITE_OK;
  }

  nDs = jjjConnDatasets(p->pConn, apDs, &zErr);
  if( nDs<0 ) return serError(p, SQLITE_CORRUPT, zErr);

  for(k=0; k<nDs; k++){
    const JjjDataset *pDs = apDs[k];
    int iR = jjjFindRegion(pDs, zReg), iI = jjjFindIndicator(pDs, zInd);
    int i, iFirst, iLast;
    if( iR>=0 ) bRegion = 1;
    if( iI>=0 ) bIndicator = 1;
    if( iR<0 || iI<0 ) continue;
    jjjObsRange(pDs, iR, iI, &iFirst, &iLast);
    for(i=iFirst; i<iLast; i++){
      const JjjObs *o = &pDs->aObs[i];
      SerRow *pRow = 0;
      int j;
      if( o->iYear==JJJ_NO_YEAR ) continue;
      if( zAsOf ){
        int iPub = pDs->aiSourcePublished[o->iSource];
        if( iPub<0 || iPub>iAsOf ) continue;
      }
      /* rows are built in year order; find this year's row */
      for(j=pCur->nRow-1; j>=0; j--){
        const SerRow *q = &pCur->aRow[j];
        int y = q->pDs->aObs[q->iObs].iYear;
        if( y==o->iYear ){ pRow = &pCur->aRow[j]; break; }
        /* one dataset has the pair (region ids never collide), and its
        ** observations come in year order: no later year is there yet */
        if( ALWAYS(y<o->iYear) ) break;
      }
      if( pRow==0 ){
        SerRow *aNew = pCur->aRow;
        int iIns = j+1;
        if( pCur->nRow==pCur->nAlloc ){
          int nNew = pCur->nAlloc ? 2*pCur->nAlloc : 32;
          aNew = sqlite3_realloc64(pCur->aRow, sizeof(SerRow)*(sqlite3_uint64)nNew);
          if( aNew==0 ) return SQLITE_NOMEM;
          pCur->aRow = aNew;
          pCur->nAlloc = nNew;
        }
        memmove(&aNew[iIns+1], &aNew[iIns], sizeof(SerRow)*(pCur->nRow-iIns));
        pCur->nRow++;
        pRow = &aNew[iIns];
        memset(pRow, 0, sizeof(*pRow));
        pRow->pDs = pDs;
        pRow->iObs = i;
      }else if( serBetter(pDs, i, pRow->pDs, pRow->iObs) ){
        pRow->pDs = pDs;
        pRow->iObs = i;
      }
      pRow->nObs++;
    }
  }
  if( !bIndicator ){
    return serError(p, SQLITE_ERROR, sqlite3_mprintf(
        "jjj_series(): unknown indicator '%q'", zInd));
  }
  if( !bRegion ){
    return serError(p, SQLITE_ERROR, sqlite3_mprintf(
        "jjj_series(): unknown region '%q'", zReg));
  }
  for(k=1; k<pCur->nRow; k++){
    SerRow *pRow = &pCur->aRow[k];
    const SerRow *pPrev = &pCur->aRow[k-1];
    const JjjObs *o = &pRow->pDs->aObs[pRow->iObs];
    const JjjObs *q = &pPrev->pDs->aObs[pPrev->iObs];
    if( o->iYear==q->iYear+1 && o->pText->zValue==0 && q->pText->zValue==0
     && sameBasis(o->pText->zBasis, q->pText->zBasis) ){
      pRow->bChg = 1;
      pRow->rChg = o->rValue - q->rValue;
      if( q->rValue!=0.0 ){
        pRow->bPch = 1;
        pRow->rPch = 100.0*(o->rValue/q->rValue - 1.0);
      }
    }
  }
  return SQLITE_OK;
}

static int serNext(sqlite3_vtab_cursor *cur){
  ((SerCursor*)cur)->iRow++;
  return SQLITE_OK;
}

static int serEof(sqlite3_vtab_cursor *cur){
  SerCursor *pCur = (SerCursor*)cur;
  return pCur->iRow>=pCur->nRow;
}

static int serColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  SerCursor *pCur = (SerCursor*)cur;
  const SerRow *pRow = &pCur->aRow[pCur->iRow];
  const JjjDataset *pDs = pRow->pDs;
  const JjjObs *o = &pDs->aObs[pRow->iObs];
  const char *const *azSrc = &pDs->azSource[o->iSource*JJJ_SOURCE_NCOL];
  switch( i ){
    case SER_COL_YEAR:      sqlite3_result_int(ctx, o->iYear); break;
    case SER_COL_VALUE:
      if( o->pText->zValue ) jjjResultStatic(ctx, o->pText->zValue);
      else sqlite3_result_double(ctx, o->rValue);
      break;
    case SER_COL_UNIT:      jjjResultStatic(ctx, o->pText->zUnit); break;
    case SER_COL_QUALIFIER: jjjResultStatic(ctx, o->pText->zQualifier); break;
    case SER_COL_VINTAGE:   jjjResultStatic(ctx, o->pText->zVintage); break;
    case SER_COL_BASIS:     jjjResultStatic(ctx, o->pText->zBasis); break;
    case SER_COL_SOURCE:    jjjResultStatic(ctx, azSrc[0]); break;
    case SER_COL_PUBLISHED: jjjResultStatic(ctx, azSrc[3]); break;
    case SER_COL_CHG:       if( pRow->bChg ) jjjResultFinite(ctx, pRow->rChg); break;
    case SER_COL_PCH:       if( pRow->bPch ) jjjResultFinite(ctx, pRow->rPch); break;
    case SER_COL_NOBS:      sqlite3_result_int(ctx, pRow->nObs); break;
    case SER_COL_DATASET:   jjjResultStatic(ctx, pDs->zName); break;
    case SER_COL_INDICATOR:
      jjjResultStatic(ctx, pDs->azIndicator[o->iIndicator*JJJ_INDICATOR_NCOL]); break;
    case SER_COL_REGION:
      jjjResultStatic(ctx, pDs->azRegion[o->iRegion*JJJ_REGION_NCOL]); break;
    default:                break;  /* as_of: not echoed */
  }
  return SQLITE_OK;
}

static int serRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  SerCursor *pCur = (SerCursor*)cur;
  const SerRow *pRow = &pCur->aRow[pCur->iRow];
  *pRowid = pRow->pDs->aObs[pRow->iObs].iYear;
  return SQLITE_OK;
}

const sqlite3_module jjjSeriesModule = {
  0,              /* iVersion */
  0,              /* xCreate: eponymous-only */
  serConnect,     /* xConnect */
  serBestIndex,   /* xBestIndex */
  serDisconnect,  /* xDisconnect */
  0,              /* xDestroy */
  serOpen,        /* xOpen */
  serClose,       /* xClose */
  serFilter,      /* xFilter */
  serNext,        /* xNext */
  serEof,         /* xEof */
  serColumn,      /* xColumn */
  serRowid,       /* xRowid */
  0,              /* xUpdate: read-only */
  0, 0, 0, 0,     /* xBegin, xSync, xCommit, xRollback */
  0,              /* xFindFunction */
  0,              /* xRename */
  0, 0, 0,        /* xSavepoint, xRelease, xRollbackTo */
  0               /* xShadowName */
};
