/*
** observations.c - jjj_observations: every row of every dataset, every
** vintage.
**
**   SELECT year, value, vintage, basis, source
**     FROM jjj_observations
**    WHERE region = 'beijing' AND indicator = 'gdp' AND year = 2018;
**
** Schema:
**   jjj_observations(region, indicator, year, value, unit, qualifier,
**                    vintage, basis, source, note, dataset,
**                    period HIDDEN, excerpt HIDDEN, fact HIDDEN)
**
**   value    REAL, or TEXT for indicators whose unit is 'date'
**   period   the period as the source states it ("as of early 2025")
**   excerpt  the sentence the figure was read in (verbatim)
**   fact     the article fact id (S001..S090) the row represents
**
** Access paths (xBestIndex):
**   region = ?                  the region's rows (ids are hashed)
**   region = ? AND indicator = ? the pair's rows (a hash on the pair),
**                               then year bounds
**   indicator = ?               binary search in the (indicator, region,
**                               year) permutation
**   year =, >, >=, <, <=        bounds applied while scanning (and by
**                               one probe, or a binary search within the
**                               pair, when region and indicator are both
**                               fixed)
**   dataset = ?                 skips other datasets
** IN (...) on any of these is served by repeated lookups.  ORDER BY region,
** indicator, year (any ascending prefix) is consumed on the primary path:
** rows of several datasets are merged so the order holds.  Equality uses
** only BINARY collation.  EXPLAIN QUERY PLAN shows the idxNum bits below
** ("VIRTUAL TABLE INDEX 7:" is a region+indicator+year lookup).
*/
#include "jjj.h"
#include <string.h>
#include <math.h>

#define OBS_COL_REGION     0
#define OBS_COL_INDICATOR  1
#define OBS_COL_YEAR       2
#define OBS_COL_VALUE      3
#define OBS_COL_UNIT       4
#define OBS_COL_QUALIFIER  5
#define OBS_COL_VINTAGE    6
#define OBS_COL_BASIS      7
#define OBS_COL_SOURCE     8
#define OBS_COL_NOTE       9
#define OBS_COL_DATASET    10
#define OBS_COL_PERIOD     11
#define OBS_COL_EXCERPT    12
#define OBS_COL_FACT       13

/*
** idxNum bit layout (argv values follow in this bit order):
**   0x01  region = ?
**   0x02  indicator = ?
**   0x04  year = ?
**   0x08  year >= ?   (also used for year > ?, see 0x10)
**   0x10  the lower bound is strict (year > ?)
**   0x20  year <= ?
**   0x40  the upper bound is strict (year < ?)
**   0x80  dataset = ?
**   0x100 walk in (region, indicator, year) order across datasets
*/
#define OBS_EQ_REGION     0x01
#define OBS_EQ_INDICATOR  0x02
#define OBS_EQ_YEAR       0x04
#define OBS_LO_YEAR       0x08
#define OBS_LO_STRICT     0x10
#define OBS_HI_YEAR       0x20
#define OBS_HI_STRICT     0x40
#define OBS_EQ_DATASET    0x80
#define OBS_ORDERED       0x100


/* One dataset's part of a scan */
typedef struct ObsPart ObsPart;
struct ObsPart {
  const JjjDataset *pDs;
  int iPos, iEnd;           /* next position, end (exclusive) */
  int bPerm;                /* positions index aiByIndicator */
};

typedef struct ObsCursor ObsCursor;
struct ObsCursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  int nPart;
  ObsPart aPart[JJJ_MAX_DATASETS+1];
  int iCur;                 /* part of the current row, -1 at EOF */
  int iObs;                 /* index of the current row in its aObs */
  sqlite3_int64 iRowid;
  int bOrdered;             /* merge parts in key order */
  int bEmpty;               /* the constraints cannot match */
  sqlite3_int64 iLo, iHi;   /* year bounds, inclusive */
  int bYear;                /* year bounds apply (NULL years never match) */
};

typedef struct ObsVtab ObsVtab;
struct ObsVtab {
  sqlite3_vtab base;        /* Base class - must be first */
  JjjConn *pConn;
  ObsCursor *pSpare;        /* a closed cursor kept for the next open: a
                            ** statement opens and closes its cursor on
                            ** every run, so lookups allocate nothing */
};

static int obsConnect(sqlite3 *db, void *pAux, int argc,
                      const char *const*argv, sqlite3_vtab **ppVtab,
                      char **pzErr){
  int rc;
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pzErr);
  rc = jjjVtabConnect(db,
     "CREATE TABLE x(region TEXT, indicator TEXT, year INTEGER, value, "
     "unit TEXT, qualifier TEXT, vintage TEXT, basis TEXT, source TEXT, "
     "note TEXT, dataset TEXT, period TEXT HIDDEN, excerpt TEXT HIDDEN, "
     "fact TEXT HIDDEN)", sizeof(ObsVtab), ppVtab);
  if( rc==SQLITE_OK ) ((ObsVtab*)*ppVtab)->pConn = (JjjConn*)pAux;
  return rc;
}

static int obsDisconnect(sqlite3_vtab *pVtab){
  sqlite3_free(((ObsVtab*)pVtab)->pSpare);
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int obsBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  int i, idxNum = 0, nArg = 0;
  int aiCons[8];  /* constraint index per idxNum bit position, -1 none */
  double rRows = 600.0, rCost;
  JJJ_UNUSED(pVtab);
  for(i=0; i<8; i++) aiCons[i] = -1;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    if( !c->usable ) continue;
    switch( c->iColumn ){
      case OBS_COL_REGION:
      case OBS_COL_INDICATOR:
      case OBS_COL_DATASET: {
        int iBit = c->iColumn==OBS_COL_REGION ? 0
                 : c->iColumn==OBS_COL_INDICATOR ? 1 : 7;
        if( c->op!=SQLITE_INDEX_CONSTRAINT_EQ ) break;
        if( sqlite3_stricmp(sqlite3_vtab_collation(pInfo, i), "BINARY") ) break;
        if( aiCons[iBit]<0 ) aiCons[iBit] = i;
        break;
      }
      case OBS_COL_YEAR:
        if( c->op==SQLITE_INDEX_CONSTRAINT_EQ ){
          if( aiCons[2]<0 ) aiCons[2] = i;
        }else if( c->op==SQLITE_INDEX_CONSTRAINT_GT
               || c->op==SQLITE_INDEX_CONSTRAINT_GE ){
          if( aiCons[3]<0 ){
            aiCons[3] = i;
            if( c->op==SQLITE_INDEX_CONSTRAINT_GT ) idxNum |= OBS_LO_STRICT;
          }
        }else if( c->op==SQLITE_INDEX_CONSTRAINT_LT
               || c->op==SQLITE_INDEX_CONSTRAINT_LE ){
          if( aiCons[5]<0 ){
            aiCons[5] = i;
            if( c->op==SQLITE_INDEX_CONSTRAINT_LT ) idxNum |= OBS_HI_STRICT;
          }
        }
        break;
    }
  }
  /* Assign argv slots in bit order */
  {
    static const int aBit[] = { OBS_EQ_REGION, OBS_EQ_INDICATOR, OBS_EQ_YEAR,
                                OBS_LO_YEAR, 0, OBS_HI_YEAR, 0, OBS_EQ_DATASET };
    for(i=0; i<8; i++){
      int j = aiCons[i];
      if( j<0 || aBit[i]==0 ) continue;
      idxNum |= aBit[i];
      pInfo->aConstraintUsage[j].argvIndex = ++nArg;
      /* Equality on text and year is enforced exactly in xFilter; year
      ** ranges are rechecked by SQLite (text bounds compare oddly). */
      pInfo->aConstraintUsage[j].omit = (aBit[i]==OBS_LO_YEAR
                                         || aBit[i]==OBS_HI_YEAR) ? 0 : 1;
    }
  }
  if( (idxNum & OBS_LO_YEAR)==0 ) idxNum &= ~OBS_LO_STRICT;
  if( (idxNum & OBS_HI_YEAR)==0 ) idxNum &= ~OBS_HI_STRICT;

  /* Estimates: the built-in data has ~600 rows, ~20 regions, ~40
  ** indicators, ~15 years; user bundles scale these. */
  if( idxNum & OBS_EQ_REGION ) rRows /= 20.0;
  if( idxNum & OBS_EQ_INDICATOR ) rRows /= 15.0;
  if( idxNum & OBS_EQ_YEAR ) rRows /= 10.0;
  else if( idxNum & (OBS_LO_YEAR|OBS_HI_YEAR) ) rRows /= 2.0;
  if( rRows<1.0 ) rRows = 1.0;
  rCost = rRows;
  if( (idxNum & (OBS_EQ_REGION|OBS_EQ_INDICATOR))==0 ){
    rCost = 600.0;    /* a scan visits every row whatever it returns */
  }else if( (idxNum & OBS_EQ_REGION)==0 ){
    rCost = 600.0/15.0;
  }

  /* ORDER BY region, indicator, year (ascending prefix) holds on every
  ** path but the indicator permutation; a key column fixed by equality
  ** may be left out (WHERE region = ? AND indicator = ? ORDER BY year) */
  if( pInfo->nOrderBy>0 && !((idxNum & OBS_EQ_INDICATOR)
                             && !(idxNum & OBS_EQ_REGION)) ){
    static const int aEq[3] = { OBS_EQ_REGION, OBS_EQ_INDICATOR, OBS_EQ_YEAR };
    int ok = 1, k = 0;
    for(i=0; ok && i<pInfo->nOrderBy; i++){
      int iCol = pInfo->aOrderBy[i].iColumn;
      while( k<3 && iCol!=k && (idxNum & aEq[k]) ) k++;
      if( k>=3 || pInfo->aOrderBy[i].desc || iCol!=k ) ok = 0;
      k++;
    }
    if( ok ){
      pInfo->orderByConsumed = 1;
      idxNum |= OBS_ORDERED;
    }
  }
  pInfo->idxNum = idxNum;
  pInfo->estimatedRows = (sqlite3_int64)rRows;
  pInfo->estimatedCost = rCost;
  return SQLITE_OK;
}

static int obsOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCur){
  ObsVtab *p = (ObsVtab*)pVtab;
  ObsCursor *pCur = p->pSpare;
  if( pCur ){
    p->pSpare = 0;
  }else{
    pCur = sqlite3_malloc(sizeof(*pCur));
    if( pCur==0 ) return SQLITE_NOMEM;
  }
  /* xFilter sets the rest */
  memset(&pCur->base, 0, sizeof(pCur->base));
  pCur->nPart = 0;
  pCur->iCur = -1;
  *ppCur = &pCur->base;
  return SQLITE_OK;
}

static int obsClose(sqlite3_vtab_cursor *cur){
  ObsVtab *p = (ObsVtab*)cur->pVtab;
  if( p->pSpare==0 ){
    p->pSpare = (ObsCursor*)cur;
  }else{
    sqlite3_free(cur);
  }
  return SQLITE_OK;
}

/* Index into aObs of the part's position p */
static int partObs(const ObsPart *pPart, int iPos){
  return pPart->bPerm ? pPart->pDs->aiByIndicator[iPos] : iPos;
}

static int obsRowMatches(const ObsCursor *pCur, const JjjObs *o){
  if( pCur->bYear ){
    if( o->iYear==JJJ_NO_YEAR ) return 0;
    if( o->iYear<pCur->iLo || o->iYear>pCur->iHi ) return 0;
  }
  return 1;
}

/* Advance each part to its next matching row; pick the next row */
static void obsStep(ObsCursor *pCur){
  int k, iBest = -1;
  for(k=0; k<pCur->nPart; k++){
    ObsPart *pPart = &pCur->aPart[k];
    while( pPart->iPos<pPart->iEnd
        && !obsRowMatches(pCur, &pPart->pDs->aObs[partObs(pPart, pPart->iPos)]) ){
      pPart->iPos++;
    }
    if( pPart->iPos>=pPart->iEnd ) continue;
    if( iBest<0 ){
      iBest = k;
      if( !pCur->bOrdered ) break;
    }else{
      const ObsPart *pB = &pCur->aPart[iBest];
      if( jjjObsKeyCmp(pPart->pDs, &pPart->pDs->aObs[partObs(pPart, pPart->iPos)],
                    pB->pDs, &pB->pDs->aObs[partObs(pB, pB->iPos)])<0 ){
        iBest = k;
      }
    }
  }
  pCur->iCur = iBest;
  if( iBest>=0 ){
    ObsPart *pPart = &pCur->aPart[iBest];
    pCur->iObs = partObs(pPart, pPart->iPos);
    pPart->iPos++;
    pCur->iRowid++;
  }
}

/* Convert a year constraint value: returns 0 if it can never match an
** integer year (then *pbNone), else sets *pr to its numeric value. */
static int yearValue(sqlite3_value *v, double *pr){
  int e = sqlite3_value_numeric_type(v);
  if( e==SQLITE_INTEGER ){ *pr = (double)sqlite3_value_int64(v); return 1; }
  if( e==SQLITE_FLOAT ){ *pr = sqlite3_value_double(v); return !isnan(*pr); }
  return 0;
}

/* Bounds of the rows of a pair with years in [lo, hi]: one probe when
** its years run without gaps or repeats, else a binary search within the
** pair's rows (a few dozen: one a year and vintage). */
static void obsYearRange(const JjjDataset *pDs, const JjjPair *pPair,
                         sqlite3_int64 lo, sqlite3_int64 hi,
                         int *piFirst, int *piEnd){
  const JjjObs *aObs = pDs->aObs;
  int a, b;
  if( lo<pPair->yMin ) lo = pPair->yMin;
  if( hi>pPair->yMax ) hi = pPair->yMax;
  if( lo>hi ){
    *piFirst = *piEnd = 0;
    return;
  }
  if( pPair->bDense ){
    *piFirst = pPair->iYear + (int)(lo - pPair->yMin);
    *piEnd = pPair->iYear + (int)(hi - pPair->yMin) + 1;
    return;
  }
  a = pPair->iYear; b = pPair->iEnd;
  while( a<b ){             /* first year >= lo */
    int m = a + (b-a)/2;
    if( aObs[m].iYear<lo ) a = m+1; else b = m;
  }
  *piFirst = a;
  b = pPair->iEnd;
  while( a<b ){             /* first year > hi */
    int m = a + (b-a)/2;
    if( aObs[m].iYear<=hi ) a = m+1; else b = m;
  }
  *piEnd = a;
}

/* Bounds in the indicator permutation for indicator iI */
static void obsIndicatorRange(const JjjDataset *pDs, int iI,
                              int *piFirst, int *piEnd){
  int a = 0, b = pDs->nObs;
  while( a<b ){
    int m = a + (b-a)/2;
    if( pDs->aObs[pDs->aiByIndicator[m]].iIndicator<iI ) a = m+1; else b = m;
  }
  *piFirst = a;
  b = pDs->nObs;
  while( a<b ){
    int m = a + (b-a)/2;
    if( pDs->aObs[pDs->aiByIndicator[m]].iIndicator<=iI ) a = m+1; else b = m;
  }
  *piEnd = a;
}

static int obsFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv){
  ObsCursor *pCur = (ObsCursor*)cur;
  ObsVtab *p = (ObsVtab*)cur->pVtab;
  const JjjDataset *apDs[JJJ_MAX_DATASETS+1];
  const char *zRegion = 0, *zIndicator = 0, *zDs = 0;
  char *zErr = 0;
  unsigned int hRegion = 0, hIndicator = 0;
  int nDs, k, iArg = 0;
  double r;
  JJJ_UNUSED(idxStr); JJJ_UNUSED(argc);

  pCur->nPart = 0;
  pCur->iCur = -1;
  pCur->iRowid = 0;
  pCur->bEmpty = 0;
  pCur->bYear = 0;
  pCur->iLo = INT32_MIN+1;
  pCur->iHi = INT32_MAX;
  pCur->bOrdered = (idxNum & OBS_ORDERED)!=0;

  if( idxNum & OBS_EQ_REGION ){
    zRegion = (const char*)sqlite3_value_text(argv[iArg++]);
    if( zRegion==0 ) pCur->bEmpty = 1;
  }
  if( idxNum & OBS_EQ_INDICATOR ){
    zIndicator = (const char*)sqlite3_value_text(argv[iArg++]);
    if( zIndicator==0 ) pCur->bEmpty = 1;
  }
  if( idxNum & OBS_EQ_YEAR ){
    pCur->bYear = 1;
    if( !yearValue(argv[iArg++], &r) || r!=floor(r) ){
      pCur->bEmpty = 1;
    }else if( r<INT32_MIN || r>INT32_MAX ){
      pCur->bEmpty = 1;
    }else{
      pCur->iLo = pCur->iHi = (sqlite3_int64)r;
    }
  }
  if( idxNum & OBS_LO_YEAR ){
    /* Narrow only on numeric bounds; SQLite rechecks every row */
    if( yearValue(argv[iArg++], &r) ){
      double lo = (idxNum & OBS_LO_STRICT) ? floor(r)+1.0 : ceil(r);
      pCur->bYear = 1;
      if( lo>INT32_MAX ) pCur->bEmpty = 1;
      else if( lo>pCur->iLo ) pCur->iLo = (sqlite3_int64)lo;
    }
  }
  if( idxNum & OBS_HI_YEAR ){
    if( yearValue(argv[iArg++], &r) ){
      double hi = (idxNum & OBS_HI_STRICT) ? ceil(r)-1.0 : floor(r);
      pCur->bYear = 1;
      if( hi<INT32_MIN+1 ) pCur->bEmpty = 1;
      else if( hi<pCur->iHi ) pCur->iHi = (sqlite3_int64)hi;
    }
  }
  if( idxNum & OBS_EQ_DATASET ){
    zDs = (const char*)sqlite3_value_text(argv[iArg++]);
    if( zDs==0 ) pCur->bEmpty = 1;
  }
  if( pCur->bEmpty ) return SQLITE_OK;

  nDs = jjjConnDatasets(p->pConn, apDs, &zErr);
  if( nDs<0 ){
    sqlite3_free(p->base.zErrMsg);
    p->base.zErrMsg = zErr;
    return zErr ? SQLITE_CORRUPT : SQLITE_NOMEM;
  }
  /* the ids' hashes serve every dataset */
  if( zRegion ) hRegion = jjjIdHash(zRegion);
  if( zIndicator ) hIndicator = jjjIdHash(zIndicator);
  for(k=0; k<nDs; k++){
    const JjjDataset *pDs = apDs[k];
    ObsPart *pPart = &pCur->aPart[pCur->nPart];
    if( zDs && strcmp(zDs, pDs->zName)!=0 ) continue;
    pPart->pDs = pDs;
    pPart->bPerm = 0;
    pPart->iPos = 0;
    pPart->iEnd = pDs->nObs;
    if( zRegion ){
      int iR = jjjFindRegionHashed(pDs, zRegion, hRegion);
      if( iR<0 ) continue;
      if( zIndicator ){
        const JjjPair *pPair;
        int iI = jjjFindIndicatorHashed(pDs, zIndicator, hIndicator);
        if( iI<0 ) continue;
        pPair = jjjFindPair(pDs, iR, iI);
        if( pPair==0 ) continue;
        if( pCur->bYear ){
          obsYearRange(pDs, pPair, pCur->iLo, pCur->iHi,
                       &pPart->iPos, &pPart->iEnd);
        }else{
          pPart->iPos = pPair->iStart;
          pPart->iEnd = pPair->iEnd;
        }
      }else{
        pPart->iPos = pDs->aiRegionObs[iR];
        pPart->iEnd = pDs->aiRegionObs[iR+1];
      }
    }else if( zIndicator ){
      int iI = jjjFindIndicatorHashed(pDs, zIndicator, hIndicator);
      if( iI<0 ) continue;
      pPart->bPerm = 1;
      obsIndicatorRange(pDs, iI, &pPart->iPos, &pPart->iEnd);
    }
    if( pPart->iPos<pPart->iEnd ) pCur->nPart++;
  }
  obsStep(pCur);
  return SQLITE_OK;
}

static int obsNext(sqlite3_vtab_cursor *cur){
  obsStep((ObsCursor*)cur);
  return SQLITE_OK;
}

static int obsEof(sqlite3_vtab_cursor *cur){
  return ((ObsCursor*)cur)->iCur<0;
}

static int obsColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  ObsCursor *pCur = (ObsCursor*)cur;
  const JjjDataset *pDs = pCur->aPart[pCur->iCur].pDs;
  const JjjObs *o = &pDs->aObs[pCur->iObs];
  switch( i ){
    case OBS_COL_REGION:
      jjjResultStatic(ctx, pDs->azRegion[o->iRegion*JJJ_REGION_NCOL]); break;
    case OBS_COL_INDICATOR:
      jjjResultStatic(ctx, pDs->azIndicator[o->iIndicator*JJJ_INDICATOR_NCOL]); break;
    case OBS_COL_YEAR:
      if( o->iYear!=JJJ_NO_YEAR ) sqlite3_result_int(ctx, o->iYear);
      break;
    case OBS_COL_VALUE:
      if( o->pText->zValue ) jjjResultStatic(ctx, o->pText->zValue);
      else sqlite3_result_double(ctx, o->rValue);
      break;
    case OBS_COL_UNIT:      jjjResultStatic(ctx, o->pText->zUnit); break;
    case OBS_COL_QUALIFIER: jjjResultStatic(ctx, o->pText->zQualifier); break;
    case OBS_COL_VINTAGE:   jjjResultStatic(ctx, o->pText->zVintage); break;
    case OBS_COL_BASIS:     jjjResultStatic(ctx, o->pText->zBasis); break;
    case OBS_COL_SOURCE:
      jjjResultStatic(ctx, pDs->azSource[o->iSource*JJJ_SOURCE_NCOL]); break;
    case OBS_COL_NOTE:      jjjResultStatic(ctx, o->pText->zNote); break;
    case OBS_COL_DATASET:   jjjResultStatic(ctx, pDs->zName); break;
    case OBS_COL_PERIOD:    jjjResultStatic(ctx, o->pText->zPeriod); break;
    case OBS_COL_EXCERPT:   jjjResultStatic(ctx, o->pText->zExcerpt); break;
    default:                jjjResultStatic(ctx, o->pText->zFact); break;
  }
  return SQLITE_OK;
}

static int obsRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  *pRowid = ((ObsCursor*)cur)->iRowid;
  return SQLITE_OK;
}

static int obsUpdate(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv,
                     sqlite_int64 *pRowid){
  JJJ_UNUSED(argc); JJJ_UNUSED(argv); JJJ_UNUSED(pRowid);
  return jjjVtabReadOnly(pVtab, "jjj_observations");
}

const sqlite3_module jjjObservationsModule = {
  0,              /* iVersion */
  0,              /* xCreate: eponymous-only */
  obsConnect,     /* xConnect */
  obsBestIndex,   /* xBestIndex */
  obsDisconnect,  /* xDisconnect */
  0,              /* xDestroy */
  obsOpen,        /* xOpen */
  obsClose,       /* xClose */
  obsFilter,      /* xFilter */
  obsNext,        /* xNext */
  obsEof,         /* xEof */
  obsColumn,      /* xColumn */
  obsRowid,       /* xRowid */
  obsUpdate,      /* xUpdate: refuses */
  0, 0, 0, 0,     /* xBegin, xSync, xCommit, xRollback */
  0,              /* xFindFunction */
  0,              /* xRename */
  0, 0, 0,        /* xSavepoint, xRelease, xRollbackTo */
  0               /* xShadowName */
};
