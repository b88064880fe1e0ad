/*
** entropy.c - entropy weights (熵权法), entropy composite scores and TOPSIS
** as aggregates over long-format rows.
**
**   SELECT jjj_entropy_weights(region, indicator, value, dir) FROM t;
**     -- {"gdp_per_capita":0.61,"pm25":0.39}
**   SELECT key, value FROM json_each((SELECT jjj_topsis(region, indicator,
**                                     value, dir, w, 'vector') FROM t));
**
** One row per item x criterion (item: a region, a region-year, ...;
** criterion: an indicator).  The result is one JSON object, so any number
** of items and criteria fits in one call; unpack it with json_each.
**
**   jjj_entropy_weights(item, criterion, value [, direction [, options]])
**        -> {"<criterion>": weight, ...}, weights summing to 1
**   jjj_entropy_scores(item, criterion, value [, direction [, options]])
**        -> {"<item>": S_i, ...}, S_i = sum_j w_j z_ij (the U of coupling)
**   jjj_topsis(item, criterion, value [, direction [, weight [, norm]]])
**        -> {"<item>": closeness, ...}, C_i = D-_i / (D+_i + D-_i)
**
** Arguments
**   item, criterion  text or integer; the JSON key is the text, so the
**                    integer 7 and the text '7' are the same item.  A
**                    real or a blob is an error.
**   value            numeric.  NULL marks the cell missing: the item is
**                    dropped listwise (so is an item lacking a criterion
**                    that other items have).
**   direction        1 benefit (default), -1 cost; anything else is an
**                    error.  Must be the same on every row of a criterion.
**   options          a JSON object (entropy): {"norm": "minmax" (default) |
**                    "none", "zero": "limit" (default) | "shift",
**                    "shift": delta > 0}.  "shift" alone implies zero
**                    "shift"; zero "shift" needs it.  Unknown keys or
**                    values are errors.  Same text on every row.
**   weight           TOPSIS criterion weight >= 0, the same on every row
**                    of a criterion; normalised by the sum; default equal.
**   norm             TOPSIS: 'vector' (classic, default) or 'minmax'.
** A row with NULL item, criterion, direction, weight, options or norm is
** skipped (so its item lacks that criterion).  Two rows for one (item,
** criterion) are an error naming both.
**
** Method (METHODS 6.1, 6.2; docs/coordination.md):
**   minmax  z = (x - min)/(max - min), cost (max - x)/(max - min);
**           p = z / sum z (shift: z + delta); e = -sum p ln p / ln m with
**           0 ln 0 = 0; w = (1 - e) / sum (1 - e).
**   none    p = x / sum x on the raw values (x >= 0; cost criteria are an
**           error, the variant has no direction).  Weights only: scores
**           with norm "none" are an error.
**   A constant criterion gets weight 0 (and z = 0).  Fewer than 2 complete
**   items, all criteria constant, a non-finite value, a negative value
**   under "none" -> NULL.
**   TOPSIS: r = x / sqrt(sum x^2) ('vector') or z as above ('minmax', cost
**   folded in, a constant criterion 0); v = w r; ideal V+ = best v of each
**   criterion, V- = worst; C = D- / (D+ + D-), null where D+ + D- = 0
**   (identical or single items).  A negative or non-finite weight, or
**   weights summing to 0 -> NULL.
**
** Output: keys sorted, not in input order (the result depends only on the
** set of rows): integer keys (and text that spells a canonical integer)
** first, numerically, then other text in byte order.  Scores and TOPSIS
** list every item seen; an item dropped listwise has value null.  Numbers
** are written with %!.17g, so they round-trip.
**
** The aggregates also run as window functions: rows are buffered (16
** bytes each, keys interned once) and every result is recomputed from the
** buffer, so a moving frame gives exactly the fresh result.
*/
#include "jjj.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ENT_NORM_MINMAX 0
#define ENT_NORM_NONE   1
#define ENT_NORM_VECTOR 2
#define ENT_ZERO_LIMIT  0
#define ENT_ZERO_SHIFT  1

static const char *const azEntName[] = {
  "jjj_entropy_weights", "jjj_entropy_scores", "jjj_topsis"
};

/* An interned item or criterion */
typedef struct EntKey EntKey;
struct EntKey {
  sqlite3_int64 iOff;     /* text at zArena+iOff, NUL-terminated */
  sqlite3_int64 iVal;     /* value, when bInt */
  double rWeight;         /* criterion weight, when bWeight */
  int nText;              /* bytes of text */
  unsigned int h;         /* hash of the text */
  unsigned char bInt;     /* the text is a canonical integer */
  unsigned char bWeight;  /* rWeight is set */
  signed char iDir;       /* criterion direction: 0 unset, +1, -1 */
};

/* A set of interned keys: open addressing on the text's hash */
typedef struct EntTab EntTab;
struct EntTab {
  EntKey *a;              /* keys, in order of first appearance */
  int n, nAlloc;
  int *aSlot;             /* key index + 1, or 0 for an empty slot */
  int nSlot;              /* a power of two, > 2*n */
  int iLast;              /* last key found + 1, tried first (0: none) */
};

/* A buffered row: 16 bytes */
typedef struct EntRow EntRow;
struct EntRow {
  int iItem, iCrit;       /* key indexes */
  double r;               /* value; NaN marks a NULL value */
};

typedef struct EntCtx EntCtx;
struct EntCtx {
  EntTab item, crit;
  char *zArena;           /* text of every key */
  sqlite3_int64 nArena, nArenaAlloc;
  JjjFifo rows;           /* EntRow rows */
  char *zOpt;             /* options (or norm) text of the first row */
  int nOpt;
  int bInit;              /* the defaults below are set */
  int bOpt;               /* zOpt is set */
  int bWeight;            /* TOPSIS weights were given */
  int eNorm, eZero;       /* parsed options */
  double rShift;
};

/*------------------------------------------------------------------------
** Keys
*/

/* Is z[0..n) the canonical text of an integer ("%lld" would print it)? */
static int entCanonicalInt(const char *z, int n, sqlite3_int64 *piVal){
  sqlite3_uint64 u = 0, uMax;
  int i = 0, bNeg = 0;
  if( n>0 && z[0]=='-' ){ bNeg = 1; i = 1; }
  if( i>=n || n-i>19 ) return 0;
  if( z[i]=='0' && (n-i>1 || bNeg) ) return 0;
  uMax = bNeg ? (sqlite3_uint64)1<<63 : ((sqlite3_uint64)1<<63)-1;
  for(; i<n; i++){
    unsigned d;
    if( z[i]<'0' || z[i]>'9' ) return 0;
    d = (unsigned)(z[i]-'0');
    if( u > (uMax-d)/10 ) return 0;
    u = u*10 + d;
  }
  *piVal = bNeg ? (sqlite3_int64)(0-u) : (sqlite3_int64)u;
  return 1;
}

static unsigned int entHash(const char *z, int n){
  unsigned int h = 2166136261u;
  int i;
  for(i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 16777619u; }
  return h;
}

static const char *entKeyText(const EntCtx *p, const EntKey *pKey){
  return p->zArena + pKey->iOff;
}

/* Find or add the key z[0..n) in pTab.  Returns its index, or -1 on OOM */
static int entIntern(EntCtx *p, EntTab *pTab, const char *z, int n){
  unsigned int h;
  int iSlot;
  EntKey *pKey;
  if( pTab->iLast ){
    pKey = &pTab->a[pTab->iLast-1];
    if( pKey->nText==n && memcmp(p->zArena+pKey->iOff, z, n)==0 ){
      return pTab->iLast-1;
    }
  }
  h = entHash(z, n);
  if( pTab->nSlot>0 ){
    for(iSlot=h & (pTab->nSlot-1); pTab->aSlot[iSlot];
        iSlot=(iSlot+1) & (pTab->nSlot-1)){
      pKey = &pTab->a[pTab->aSlot[iSlot]-1];
      if( pKey->h==h && pKey->nText==n
       && memcmp(p->zArena+pKey->iOff, z, n)==0 ){
        pTab->iLast = pTab->aSlot[iSlot];
        return pTab->iLast-1;
      }
    }
  }
  /* A new key: room in the key array, the slot table and the arena */
  if( pTab->n==pTab->nAlloc ){
    int nNew = pTab->nAlloc ? 2*pTab->nAlloc : 16;
    EntKey *aNew = (EntKey*)sqlite3_realloc64(pTab->a, sizeof(EntKey)*nNew);
    if( aNew==0 ) return -1;
    pTab->a = aNew;
    pTab->nAlloc = nNew;
  }
  if( 2*(pTab->n+1) >= pTab->nSlot ){
    int nNew = pTab->nSlot ? 2*pTab->nSlot : 64;
    int *aNew = (int*)sqlite3_malloc64(sizeof(int)*(sqlite3_uint64)nNew);
    int i;
    if( aNew==0 ) return -1;
    memset(aNew, 0, sizeof(int)*(size_t)nNew);
    for(i=0; i<pTab->n; i++){
      int j = pTab->a[i].h & (nNew-1);
      while( aNew[j] ) j = (j+1) & (nNew-1);
      aNew[j] = i+1;
    }
    sqlite3_free(pTab->aSlot);
    pTab->aSlot = aNew;
    pTab->nSlot = nNew;
  }
  if( p->nArena + n + 1 > p->nArenaAlloc ){
    sqlite3_int64 nNew = p->nArenaAlloc ? 2*p->nArenaAlloc : 256;
    char *zNew;
    while( nNew < p->nArena + n + 1 ) nNew *= 2;
    zNew = (char*)sqlite3_realloc64(p->zArena, nNew);
    if( zNew==0 ) return -1;
    p->zArena = zNew;
    p->nArenaAlloc = nNew;
  }
  pKey = &pTab->a[pTab->n];
  memset(pKey, 0, sizeof(*pKey));
  pKey->iOff = p->nArena;
  pKey->nText = n;
  pKey->h = h;
  pKey->bInt = (unsigned char)entCanonicalInt(z, n, &pKey->iVal);
  if( n ) memcpy(p->zArena+p->nArena, z, n);
  p->zArena[p->nArena+n] = 0;
  p->nArena += n+1;
  for(iSlot=h & (pTab->nSlot-1); pTab->aSlot[iSlot];
      iSlot=(iSlot+1) & (pTab->nSlot-1)){}
  pTab->aSlot[iSlot] = pTab->n+1;
  pTab->iLast = pTab->n+1;
  return pTab->n++;
}

/* The key text of argument iArg: an integer is formatted into zBuf.
** Returns JJJ_ARG_OK, JJJ_ARG_NULL, or JJJ_ARG_ERROR (error set) */
static int entArgKey(sqlite3_context *ctx, const char *zFn,
                     sqlite3_value **argv, int iArg, const char *zWhat,
                     char *zBuf, const char **pz, int *pn){
  sqlite3_value *v = argv[iArg];
  switch( sqlite3_value_type(v) ){
    case SQLITE_NULL:
      return JJJ_ARG_NULL;
    case SQLITE_INTEGER: {
      /* "%lld" by hand: sqlite3_snprintf() cost more than the rest of
      ** the row (zBuf has room for 20 digits, a sign and the NUL) */
      sqlite3_int64 i = sqlite3_value_int64(v);
      sqlite3_uint64 u = i<0 ? (sqlite3_uint64)0 - (sqlite3_uint64)i
                             : (sqlite3_uint64)i;
      char aDigit[20];
      int nDigit = 0, n = 0;
      do{ aDigit[nDigit++] = (char)('0' + u%10); u /= 10; }while( u );
      if( i<0 ) zBuf[n++] = '-';
      while( nDigit>0 ) zBuf[n++] = aDigit[--nDigit];
      zBuf[n] = 0;
      *pz = zBuf;
      *pn = n;
      return JJJ_ARG_OK;
    }
    case SQLITE_TEXT:
      *pz = (const char*)sqlite3_value_text(v);
      *pn = sqlite3_value_bytes(v);
      if( *pz==0 ){ sqlite3_result_error_nomem(ctx); return JJJ_ARG_ERROR; }
      return JJJ_ARG_OK;
    default: {
      char *zMsg = sqlite3_mprintf("%s must be text or an integer", zWhat);
      if( zMsg==0 ){ sqlite3_result_error_nomem(ctx); return JJJ_ARG_ERROR; }
      jjjResultErrorGot(ctx, zFn, zMsg, v);
      sqlite3_free(zMsg);
      return JJJ_ARG_ERROR;
    }
  }
}

/*------------------------------------------------------------------------
** Options
*/

/* Report "zFn(): <zMsg>, got <v>" (declared in jjj.h for coupling.c) */
void jjjResultErrorGot(sqlite3_context *ctx, const char *zFn,
                       const char *zMsg, sqlite3_value *v){
  char *zRepr = jjjValueRepr(v);
  if( zRepr==0 ){ sqlite3_result_error_nomem(ctx); return; }
  jjjResultError(ctx, zFn, "%s, got %s", zMsg, zRepr);
  sqlite3_free(zRepr);
}

/* Parse the entropy options JSON into p->eNorm, p->eZero, p->rShift.
** Returns 0, or 1 after setting an error */
static int entParseOptions(sqlite3_context *ctx, const char *zFn, int eVar,
                           EntCtx *p, sqlite3_value *v){
  JjjJsonObject obj;
  char *zErr = 0;
  int rc, i, bZero = 0, bShift = 0;
  rc = jjjJsonParseObject(p->zOpt, p->nOpt, &obj, &zErr);
  if( rc==SQLITE_NOMEM ){ sqlite3_result_error_nomem(ctx); return 1; }
  if( rc ){
    char *zMsg = sqlite3_mprintf("options must be a JSON object (%s)", zErr);
    sqlite3_free(zErr);
    if( zMsg==0 ){ sqlite3_result_error_nomem(ctx); return 1; }
    jjjResultErrorGot(ctx, zFn, zMsg, v);
    sqlite3_free(zMsg);
    return 1;
  }
  rc = 0;
  for(i=0; i<obj.nPair && rc==0; i++){
    const JjjJsonPair *pPair = &obj.aPair[i];
    const char *zKey = pPair->zKey;
    int bStr = pPair->eType==JJJ_JSON_STRING;
    if( strcmp(zKey, "norm")==0 ){
      if( bStr && strcmp(pPair->zStr, "minmax")==0 ){
        p->eNorm = ENT_NORM_MINMAX;
      }else if( bStr && strcmp(pPair->zStr, "none")==0 ){
        p->eNorm = ENT_NORM_NONE;
      }else{
        jjjResultErrorGot(ctx, zFn,
            "option \"norm\" must be \"minmax\" or \"none\"", v);
        rc = 1;
      }
    }else if( strcmp(zKey, "zero")==0 ){
      bZero = 1;
      if( bStr && strcmp(pPair->zStr, "limit")==0 ){
        p->eZero = ENT_ZERO_LIMIT;
      }else if( bStr && strcmp(pPair->zStr, "shift")==0 ){
        p->eZero = ENT_ZERO_SHIFT;
      }else{
        jjjResultErrorGot(ctx, zFn,
            "option \"zero\" must be \"limit\" or \"shift\"", v);
        rc = 1;
      }
    }else if( strcmp(zKey, "shift")==0 ){
      bShift = 1;
      p->rShift = pPair->rNum;
      if( pPair->eType!=JJJ_JSON_NUMBER || !isfinite(p->rShift)
       || p->rShift<=0.0 ){
        jjjResultErrorGot(ctx, zFn,
            "option \"shift\" must be a positive number", v);
        rc = 1;
      }
    }else{
      jjjResultErrorGot(ctx, zFn,
          "unknown option (known: \"norm\", \"zero\", \"shift\")", v);
      rc = 1;
    }
  }
  jjjJsonObjectFree(&obj);
  if( rc ) return 1;
  if( bShift && !bZero ) p->eZero = ENT_ZERO_SHIFT;
  if( bShift && p->eZero!=ENT_ZERO_SHIFT ){
    jjjResultErrorGot(ctx, zFn,
        "option \"shift\" needs \"zero\": \"shift\"", v);
    return 1;
  }
  if( !bShift && p->eZero==ENT_ZERO_SHIFT ){
    jjjResultErrorGot(ctx, zFn,
        "\"zero\": \"shift\" needs \"shift\": delta", v);
    return 1;
  }
  if( eVar==JJJ_ENT_SCORES && p->eNorm==ENT_NORM_NONE ){
    jjjResultErrorGot(ctx, zFn, "scores need \"norm\": \"minmax\" "
                "(\"none\" gives weights only)", v);
    return 1;
  }
  return 0;
}

/* The options (entropy) or norm (TOPSIS) argument: parsed on the first
** row, and every later row must carry the same text.  Returns 0 or 1
** after setting an error. */
static int entOptions(sqlite3_context *ctx, const char *zFn, int eVar,
                      EntCtx *p, sqlite3_value *v){
  const char *z;
  int n;
  if( sqlite3_value_type(v)!=SQLITE_TEXT ){
    jjjResultErrorGot(ctx, zFn, eVar==JJJ_ENT_TOPSIS
        ? "norm must be 'vector' or 'minmax'"
        : "options must be a JSON object", v);
    return 1;
  }
  z = (const char*)sqlite3_value_text(v);
  n = sqlite3_value_bytes(v);
  if( z==0 ){ sqlite3_result_error_nomem(ctx); return 1; }
  if( p->bOpt ){
    if( n==p->nOpt && memcmp(z, p->zOpt, n)==0 ) return 0;
    jjjResultErrorGot(ctx, zFn, eVar==JJJ_ENT_TOPSIS
        ? "norm must be the same on every row"
        : "options must be the same on every row", v);
    return 1;
  }
  p->zOpt = (char*)sqlite3_malloc64(n+1);
  if( p->zOpt==0 ){ sqlite3_result_error_nomem(ctx); return 1; }
  memcpy(p->zOpt, z, n);
  p->zOpt[n] = 0;
  p->nOpt = n;
  p->bOpt = 1;
  if( eVar==JJJ_ENT_TOPSIS ){
    if( strcmp(p->zOpt, "vector")==0 ) p->eNorm = ENT_NORM_VECTOR;
    else if( strcmp(p->zOpt, "minmax")==0 ) p->eNorm = ENT_NORM_MINMAX;
    else{
      jjjResultErrorGot(ctx, zFn, "norm must be 'vector' or 'minmax'", v);
      return 1;
    }
    return 0;
  }
  return entParseOptions(ctx, zFn, eVar, p, v);
}

/*------------------------------------------------------------------------
** Step and inverse
*/

/* Is the row skipped (a NULL in any argument but the value)? */
static int entSkipped(int argc, sqlite3_value **argv){
  int i;
  for(i=0; i<argc; i++){
    if( i!=2 && sqlite3_value_type(argv[i])==SQLITE_NULL ) return 1;
  }
  return 0;
}

void jjjEntStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eVar = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azEntName[eVar];
  char zItem[24], zCrit[24];
  const char *z1 = 0, *z2 = 0;
  int n1 = 0, n2 = 0, iItem, iCrit, rcVal;
  int iOptArg = eVar==JJJ_ENT_TOPSIS ? 5 : 4;
  sqlite3_int64 iDir = 1;
  double r = 0.0, rWeight = 0.0;
  EntCtx *p;
  EntKey *pCrit;
  EntRow *pRow;

  /* Type checks on every argument first */
  if( entArgKey(ctx, zFn, argv, 0, "item", zItem, &z1, &n1)==JJJ_ARG_ERROR
   || entArgKey(ctx, zFn, argv, 1, "criterion", zCrit, &z2, &n2)
        ==JJJ_ARG_ERROR ){
    return;
  }
  rcVal = jjjArgDouble(ctx, zFn, argv, 2, &r);
  if( rcVal==JJJ_ARG_ERROR ) return;
  if( argc>3 ){
    int rc = jjjArgInt(ctx, zFn, argv, 3, &iDir);
    if( rc==JJJ_ARG_ERROR ) return;
    if( rc==JJJ_ARG_OK && iDir!=1 && iDir!=-1 ){
      jjjResultErrorGot(ctx, zFn, "direction must be 1 or -1", argv[3]);
      return;
    }
  }
  if( eVar==JJJ_ENT_TOPSIS && argc>4 ){
    if( jjjArgDouble(ctx, zFn, argv, 4, &rWeight)==JJJ_ARG_ERROR ) return;
  }
  if( entSkipped(argc, argv) ) return;

  p = (EntCtx*)sqlite3_aggregate_context(ctx, sizeof(EntCtx));
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  if( !p->bInit ){
    p->bInit = 1;
    p->eNorm = eVar==JJJ_ENT_TOPSIS ? ENT_NORM_VECTOR : ENT_NORM_MINMAX;
  }
  if( argc>iOptArg && entOptions(ctx, zFn, eVar, p, argv[iOptArg]) ) return;
  if( iDir<0 && p->eNorm==ENT_NORM_NONE ){
    jjjResultError(ctx, zFn, "norm \"none\" takes no cost criteria "
        "(direction -1): the raw-proportion variant has no direction");
    return;
  }

  iItem = entIntern(p, &p->item, z1, n1);
  iCrit = iItem<0 ? -1 : entIntern(p, &p->crit, z2, n2);
  if( iCrit<0 ){ sqlite3_result_error_nomem(ctx); return; }
  pCrit = &p->crit.a[iCrit];
  if( pCrit->iDir==0 ){
    pCrit->iDir = (signed char)iDir;
  }else if( pCrit->iDir!=iDir ){
    jjjResultError(ctx, zFn, "criterion '%q' has direction %d and %d on "
                   "different rows", entKeyText(p, pCrit), pCrit->iDir,
                   (int)iDir);
    return;
  }
  if( eVar==JJJ_ENT_TOPSIS && argc>4 ){
    p->bWeight = 1;
    if( !pCrit->bWeight ){
      pCrit->bWeight = 1;
      pCrit->rWeight = rWeight;
    }else if( pCrit->rWeight!=rWeight ){
      jjjResultError(ctx, zFn, "criterion '%q' has weight %!.15g and "
                     "%!.15g on different rows", entKeyText(p, pCrit),
                     pCrit->rWeight, rWeight);
      return;
    }
  }

  pRow = (EntRow*)jjjFifoPush(&p->rows, sizeof(EntRow));
  if( pRow==0 ){ sqlite3_result_error_nomem(ctx); return; }
  pRow->iItem = iItem;
  pRow->iCrit = iCrit;
  pRow->r = rcVal==JJJ_ARG_NULL ? NAN : r;
}

void jjjEntInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  EntCtx *p;
  if( entSkipped(argc, argv) ) return;
  p = (EntCtx*)sqlite3_aggregate_context(ctx, 0);
  if( ALWAYS(p) ) jjjFifoPop(&p->rows);
}

/*------------------------------------------------------------------------
** The computation, from the live rows
*/

/* A key to sort, and a row to sort */
typedef struct EntSortKey EntSortKey;
struct EntSortKey {
  const char *z; int n;
  int bInt; sqlite3_int64 iVal;
  int iKey;               /* index in the EntTab */
};
typedef struct EntSortRow EntSortRow;
struct EntSortRow { int iItem, iCrit; double r; };   /* ranks */

static int entCmpKey(const void *pA, const void *pB){
  const EntSortKey *a = (const EntSortKey*)pA, *b = (const EntSortKey*)pB;
  int c;
  if( a->bInt!=b->bInt ) return a->bInt ? -1 : 1;
  if( a->bInt ) return (a->iVal>b->iVal) - (a->iVal<b->iVal);
  c = memcmp(a->z, b->z, a->n<b->n ? a->n : b->n);
  return c ? c : (a->n>b->n) - (a->n<b->n);
}

static int entCmpRow(const void *pA, const void *pB){
  const EntSortRow *a = (const EntSortRow*)pA, *b = (const EntSortRow*)pB;
  if( a->iItem!=b->iItem ) return a->iItem<b->iItem ? -1 : 1;
  return (a->iCrit>b->iCrit) - (a->iCrit<b->iCrit);
}

/* The matrix of complete items, and what describes it */
typedef struct EntMatrix EntMatrix;
struct EntMatrix {
  int nItem;              /* items seen (ranks 0..nItem-1) */
  int nCrit;              /* criteria seen */
  EntSortKey *aItem;      /* items in output order */
  EntSortKey *aCrit;      /* criteria in output order */
  int *aRowOf;            /* item rank -> matrix row, or -1 if dropped */
  int m;                  /* complete items: matrix rows */
  double *aX;             /* m x nCrit values */
  double *aZ;             /* m x nCrit work space */
  double *aCol;           /* nCrit work space (weights) */
  double *aDist;          /* 2 x nItem work space (TOPSIS distances) */
  void *pAlloc;           /* the single allocation behind all of these */
};

/* Collect the keys of pTab in use (aRank[i] >= 0) into aOut, sorted,
** and replace each one's aRank entry by its rank.  Returns the count */
static int entSortKeys(const EntCtx *p, const EntTab *pTab, int *aRank,
                       EntSortKey *aOut){
  int i, n = 0;
  for(i=0; i<pTab->n; i++){
    if( aRank[i]<0 ) continue;
    aOut[n].z = entKeyText(p, &pTab->a[i]);
    aOut[n].n = pTab->a[i].nText;
    aOut[n].bInt = pTab->a[i].bInt;
    aOut[n].iVal = pTab->a[i].iVal;
    aOut[n].iKey = i;
    n++;
  }
  qsort(aOut, n, sizeof(EntSortKey), entCmpKey);
  for(i=0; i<n; i++) aRank[aOut[i].iKey] = i;
  return n;
}

/* Build the matrix from the live rows.  Returns SQLITE_OK, SQLITE_NOMEM,
** or SQLITE_ERROR after setting the duplicate-row error. */
static int entBuild(sqlite3_context *ctx, const char *zFn, const EntCtx *p,
                    EntMatrix *pM){
  const EntRow *aRow = (const EntRow*)p->rows.a;
  sqlite3_int64 iHead = p->rows.iHead, nRow = p->rows.nRow;
  sqlite3_int64 nLive = nRow - iHead, i, j, nByte;
  int nI = p->item.n, nC = p->crit.n, k, *aItemRank, *aCritRank;
  EntSortRow *aSort;
  char *pc;

  memset(pM, 0, sizeof(*pM));
  /* One allocation: sorted rows, matrix and work space (a matrix has at
  ** most nLive cells), distances, sort keys, ranks, row map */
  nByte = sizeof(EntSortRow)*nLive
        + sizeof(double)*(2*nLive + nC + 2*(sqlite3_int64)nI)
        + sizeof(EntSortKey)*(sqlite3_int64)(nI + nC)
        + sizeof(int)*(sqlite3_int64)(2*nI + nC);
  pM->pAlloc = sqlite3_malloc64(nByte);
  if( pM->pAlloc==0 ) return SQLITE_NOMEM;
  pc = (char*)pM->pAlloc;
  aSort = (EntSortRow*)pc;          pc += sizeof(EntSortRow)*nLive;
  pM->aX = (double*)pc;             pc += sizeof(double)*nLive;
  pM->aZ = (double*)pc;             pc += sizeof(double)*nLive;
  pM->aCol = (double*)pc;           pc += sizeof(double)*nC;
  pM->aDist = (double*)pc;          pc += sizeof(double)*2*nI;
  pM->aItem = (EntSortKey*)pc;      pc += sizeof(EntSortKey)*nI;
  pM->aCrit = (EntSortKey*)pc;      pc += sizeof(EntSortKey)*nC;
  aItemRank = (int*)pc;             pc += sizeof(int)*nI;
  aCritRank = (int*)pc;             pc += sizeof(int)*nC;
  pM->aRowOf = (int*)pc;

  /* The keys the live rows use, in output order */
  for(i=0; i<nI; i++) aItemRank[i] = -1;
  for(i=0; i<nC; i++) aCritRank[i] = -1;
  for(i=iHead; i<nRow; i++){
    aItemRank[aRow[i].iItem] = 0;
    aCritRank[aRow[i].iCrit] = 0;
  }
  pM->nItem = entSortKeys(p, &p->item, aItemRank, pM->aItem);
  pM->nCrit = entSortKeys(p, &p->crit, aCritRank, pM->aCrit);
  k = pM->nCrit;
  for(i=iHead, j=0; i<nRow; i++, j++){
    aSort[j].iItem = aItemRank[aRow[i].iItem];
    aSort[j].iCrit = aCritRank[aRow[i].iCrit];
    aSort[j].r = aRow[i].r;
  }
  qsort(aSort, (size_t)nLive, sizeof(EntSortRow), entCmpRow);

  /* Walk the items: duplicates are an error; complete items fill aX */
  pM->m = 0;
  for(i=0; i<nLive; i=j){
    int bComplete = 1, c;
    for(j=i; j<nLive && aSort[j].iItem==aSort[i].iItem; j++){
      if( j>i && aSort[j].iCrit==aSort[j-1].iCrit ){
        jjjResultError(ctx, zFn, "two rows for item '%q' and criterion '%q'",
                       pM->aItem[aSort[j].iItem].z,
                       pM->aCrit[aSort[j].iCrit].z);
        return SQLITE_ERROR;
      }
      if( isnan(aSort[j].r) ) bComplete = 0;
    }
    if( j-i!=k ) bComplete = 0;
    if( bComplete ){
      for(c=0; c<k; c++) pM->aX[(sqlite3_int64)pM->m*k + c] = aSort[i+c].r;
      pM->aRowOf[aSort[i].iItem] = pM->m++;
    }else{
      pM->aRowOf[aSort[i].iItem] = -1;
    }
  }
  return SQLITE_OK;
}

/* Standardise column c of the matrix into aZ by min-max, cost criteria
** mirrored.  Returns 1 if the column is constant (z = 0), else 0 */
static int entMinMax(const EntMatrix *pM, int c, int iDir){
  int i, k = pM->nCrit;
  double rMin = pM->aX[c], rMax = pM->aX[c], rRange;
  for(i=1; i<pM->m; i++){
    double x = pM->aX[(sqlite3_int64)i*k + c];
    if( x<rMin ) rMin = x;
    if( x>rMax ) rMax = x;
  }
  rRange = rMax - rMin;
  for(i=0; i<pM->m; i++){
    double x = pM->aX[(sqlite3_int64)i*k + c], z;
    if( rRange==0.0 ){
      z = 0.0;
    }else if( isfinite(rRange) ){
      z = iDir<0 ? (rMax - x)/rRange : (x - rMin)/rRange;
    }else{
      /* the range overflows: work in halves */
      z = iDir<0 ? (rMax*0.5 - x*0.5)/(rMax*0.5 - rMin*0.5)
                 : (x*0.5 - rMin*0.5)/(rMax*0.5 - rMin*0.5);
    }
    pM->aZ[(sqlite3_int64)i*k + c] = z;
  }
  return rRange==0.0;
}

/* Entropy weights into pM->aCol (z in pM->aZ).  Returns 0, or 1 if they
** are undefined (NULL) */
static int entWeights(const EntCtx *p, EntMatrix *pM){
  int i, c, k = pM->nCrit, m = pM->m;
  double rLnM = log((double)m), rSumD = 0.0;
  double rShift = p->eZero==ENT_ZERO_SHIFT ? p->rShift : 0.0;
  if( m<2 ) return 1;
  for(i=0; i<m*k; i++){
    if( !isfinite(pM->aX[i]) ) return 1;
  }
  for(c=0; c<k; c++){
    const double *aQ;
    double rMaxQ = 0.0, rMinQ, d;
    JjjSum sQ = {0, 0}, sPlnP = {0, 0};
    if( p->eNorm==ENT_NORM_MINMAX ){
      entMinMax(pM, c, p->crit.a[pM->aCrit[c].iKey].iDir);
      aQ = pM->aZ;
    }else{
      aQ = pM->aX;
    }
    rMinQ = aQ[c] + rShift;
    for(i=0; i<m; i++){
      double q = aQ[(sqlite3_int64)i*k + c] + rShift;
      if( q<0.0 ) return 1;              /* "none" on negative data */
      if( q>rMaxQ ) rMaxQ = q;
      if( q<rMinQ ) rMinQ = q;
    }
    if( rMaxQ==rMinQ ){
      d = 0.0;                           /* constant: no information */
    }else{
      for(i=0; i<m; i++){
        jjjSumAdd(&sQ, (aQ[(sqlite3_int64)i*k + c] + rShift)/rMaxQ);
      }
      for(i=0; i<m; i++){
        double q = (aQ[(sqlite3_int64)i*k + c] + rShift)/rMaxQ;
        double pr = q/jjjSumValue(&sQ);
        if( pr>0.0 ) jjjSumAdd(&sPlnP, pr*log(pr));
      }
      d = 1.0 + jjjSumValue(&sPlnP)/rLnM;
      if( d<0.0 ) d = 0.0;
    }
    pM->aCol[c] = d;
    rSumD += d;
  }
  if( !(rSumD>0.0) ) return 1;
  for(c=0; c<k; c++) pM->aCol[c] /= rSumD;
  return 0;
}

/* TOPSIS: closeness of each complete item into pM->aZ[i*k] (NaN where
** undefined).  Returns 0, or 1 if the whole result is NULL */
static int entTopsis(const EntCtx *p, EntMatrix *pM){
  int i, c, k = pM->nCrit, m = pM->m;
  double rSumW = 0.0;
  double *aDp, *aDm;
  for(i=0; i<m*k; i++){
    if( !isfinite(pM->aX[i]) ) return 1;
  }
  for(c=0; c<k; c++){
    const EntKey *pKey = &p->crit.a[pM->aCrit[c].iKey];
    double w = p->bWeight ? pKey->rWeight : 1.0;
    if( !isfinite(w) || w<0.0 ) return 1;
    pM->aCol[c] = w;
    rSumW += w;
  }
  if( !(rSumW>0.0) || !isfinite(rSumW) ) return 1;
  /* v = w * r into aZ */
  for(c=0; c<k; c++){
    int iDir = p->crit.a[pM->aCrit[c].iKey].iDir;
    double w = pM->aCol[c]/rSumW;
    if( p->eNorm==ENT_NORM_MINMAX ){
      entMinMax(pM, c, iDir);
    }else{
      double rMaxAbs = 0.0, rNorm;
      JjjSum sSq = {0, 0};
      for(i=0; i<m; i++){
        double a = fabs(pM->aX[(sqlite3_int64)i*k + c]);
        if( a>rMaxAbs ) rMaxAbs = a;
      }
      for(i=0; i<m; i++){
        double x = rMaxAbs>0.0 ? pM->aX[(sqlite3_int64)i*k + c]/rMaxAbs : 0.0;
        pM->aZ[(sqlite3_int64)i*k + c] = x;
        jjjSumAdd(&sSq, x*x);
      }
      rNorm = sqrt(jjjSumValue(&sSq));
      for(i=0; i<m; i++){
        if( rNorm>0.0 ) pM->aZ[(sqlite3_int64)i*k + c] /= rNorm;
      }
    }
    for(i=0; i<m; i++) pM->aZ[(sqlite3_int64)i*k + c] *= w;
  }
  /* Distances to the ideal and anti-ideal points, per item */
  aDp = pM->aDist;
  aDm = pM->aDist + m;
  for(i=0; i<m; i++){ aDp[i] = 0.0; aDm[i] = 0.0; }
  for(c=0; c<k; c++){
    int iDir = p->eNorm==ENT_NORM_MINMAX ? 1
             : p->crit.a[pM->aCrit[c].iKey].iDir;
    double rHi = pM->aZ[c], rLo = pM->aZ[c], rBest, rWorst;
    for(i=1; i<m; i++){
      double v = pM->aZ[(sqlite3_int64)i*k + c];
      if( v>rHi ) rHi = v;
      if( v<rLo ) rLo = v;
    }
    rBest = iDir<0 ? rLo : rHi;
    rWorst = iDir<0 ? rHi : rLo;
    for(i=0; i<m; i++){
      double v = pM->aZ[(sqlite3_int64)i*k + c];
      aDp[i] += (v-rBest)*(v-rBest);
      aDm[i] += (v-rWorst)*(v-rWorst);
    }
  }
  for(i=0; i<m; i++){
    double dp = sqrt(aDp[i]), dm = sqrt(aDm[i]);
    pM->aZ[(sqlite3_int64)i*k] = dp+dm>0.0 ? dm/(dp+dm) : NAN;
  }
  return 0;
}

static void entResult(sqlite3_context *ctx, EntCtx *p){
  int eVar = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azEntName[eVar];
  EntMatrix mx;
  sqlite3_str *pStr;
  int rc, i, c, bNull;

  if( p==0 || p->rows.iHead>=p->rows.nRow ) return;   /* no rows: NULL */
  rc = entBuild(ctx, zFn, p, &mx);
  if( rc ){
    if( rc==SQLITE_NOMEM ) sqlite3_result_error_nomem(ctx);
    sqlite3_free(mx.pAlloc);
    return;
  }
  if( eVar==JJJ_ENT_TOPSIS ){
    bNull = entTopsis(p, &mx);
  }else{
    bNull = entWeights(p, &mx);
  }
  if( bNull ){
    sqlite3_free(mx.pAlloc);
    return;
  }
  pStr = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  sqlite3_str_appendchar(pStr, 1, '{');
  if( eVar==JJJ_ENT_WEIGHTS ){
    for(c=0; c<mx.nCrit; c++){
      if( c ) sqlite3_str_appendchar(pStr, 1, ',');
      jjjJsonAppendString(pStr, mx.aCrit[c].z, mx.aCrit[c].n);
      sqlite3_str_appendchar(pStr, 1, ':');
      jjjJsonAppendNumber(pStr, mx.aCol[c]);
    }
  }else{
    for(i=0; i<mx.nItem; i++){
      int iRow = mx.aRowOf[i];
      double r = NAN;
      if( iRow>=0 ){
        const double *a = &mx.aZ[(sqlite3_int64)iRow*mx.nCrit];
        if( eVar==JJJ_ENT_TOPSIS ){
          r = a[0];
        }else{
          JjjSum s = {0, 0};
          for(c=0; c<mx.nCrit; c++) jjjSumAdd(&s, mx.aCol[c]*a[c]);
          r = jjjSumValue(&s);
        }
      }
      if( i ) sqlite3_str_appendchar(pStr, 1, ',');
      jjjJsonAppendString(pStr, mx.aItem[i].z, mx.aItem[i].n);
      sqlite3_str_appendchar(pStr, 1, ':');
      jjjJsonAppendNumber(pStr, r);
    }
  }
  sqlite3_str_appendchar(pStr, 1, '}');
  sqlite3_free(mx.pAlloc);
  jjjResultStr(ctx, pStr);
}

void jjjEntValue(sqlite3_context *ctx){
  entResult(ctx, (EntCtx*)sqlite3_aggregate_context(ctx, 0));
}

void jjjEntFinal(sqlite3_context *ctx){
  EntCtx *p = (EntCtx*)sqlite3_aggregate_context(ctx, 0);
  entResult(ctx, p);
  if( p ){
    sqlite3_free(p->item.a);
    sqlite3_free(p->item.aSlot);
    sqlite3_free(p->crit.a);
    sqlite3_free(p->crit.aSlot);
    sqlite3_free(p->zArena);
    sqlite3_free(p->rows.a);
    sqlite3_free(p->zOpt);
  }
}
