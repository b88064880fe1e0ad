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
** The aggregates also run as window functions: every result is recomputed
** from the rows buffered, so a moving frame gives exactly the fresh result.
**
** Storage.  A row costs its value (8 bytes) in one array, in arrival
** order.  Rows are described by runs: consecutive rows of one item whose
** criteria come in consecutive order of first appearance, 16 bytes a run,
** so rows grouped by item with the criteria in a stable order (ORDER BY
** item, criterion) make one run per item.  Integer items are kept in the
** run; text items and criteria are interned once.  When every run has the
** same criteria and items do not repeat, the value array is the matrix
** and is used in place.  Rows grouped by criterion with the items in a
** stable order (ORDER BY criterion, item) make column runs instead: one
** criterion, consecutive items of a sequence stored once (16 bytes an
** item) and followed again by each later column that starts with the
** same two items; when every run is a column run over the same items and
** no criterion repeats, the value array is the matrix column by column and
** is used in place too.  Otherwise the rows are sorted into a copy (24
** more bytes a row).  The result passes recompute the standardised values
** instead of storing them.  The arrays grow by half, and the final call
** frees the values before writing the JSON.
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

/* An interned key: an integer (or text that spells a canonical one), or
** text held in the arena */
typedef struct EntKey EntKey;
struct EntKey {
  sqlite3_int64 iVal;     /* the integer (bInt), else the text's offset */
  double rWeight;         /* criterion weight, when bWeight */
  int nText;              /* bytes of text (0 for an integer) */
  unsigned int h;         /* hash */
  unsigned char bInt;     /* an integer */
  unsigned char bWeight;  /* rWeight is set */
  signed char iDir;       /* criterion direction: 0 unset, +1, -1 */
};

/* A set of interned keys: open addressing on the hash */
typedef struct EntTab EntTab;
struct EntTab {
  EntKey *a;              /* keys, in order of first appearance */
  int n, nAlloc;
  int *aSlot;             /* key index + 1, or 0 for an empty slot */
  int nSlot;              /* a power of two, > 2*n */
  int iLast;              /* last key found + 1, tried first (0: none) */
};

/* A run of buffered rows, of one of two kinds:
**   item run    consecutive rows of one item whose criteria have
**               consecutive indexes iCrit, iCrit+1, ... (item-major input)
**   column run  (bCol) consecutive rows of one criterion iCrit whose items
**               are the item sequence EntCtx.seq[iItem], [iItem+1], ...
**               (criterion-major input)
** An element of EntCtx.seq is an EntRun too, of which only the item (iItem,
** bText) is used. */
typedef struct EntRun EntRun;
struct EntRun {
  sqlite3_int64 iItem;    /* the integer item, or (bText) its text key; for
                          ** a column run the position of its first item in
                          ** EntCtx.seq */
  unsigned int iCrit : 31;/* criterion index (of the first row) */
  unsigned int bCol : 1;  /* a column run */
  unsigned int nRow : 31; /* rows (at most the criteria, or the items) */
  unsigned int bText : 1; /* iItem indexes EntCtx.item */
};

/* A FIFO of fixed-size elements a[iHead..n) (SQLite removes window rows
** oldest first).  It grows by half, or compacts when half is dead */
typedef struct EntFifo EntFifo;
struct EntFifo {
  char *a;
  sqlite3_int64 nAlloc, iHead, n;
};

typedef struct EntCtx EntCtx;
struct EntCtx {
  EntTab item;            /* text items (integer items are not interned) */
  EntTab crit;            /* criteria */
  char *zArena;           /* text of the text keys */
  sqlite3_int64 nArena, nArenaAlloc;
  EntFifo val;            /* values (double; NaN marks NULL), arrival order */
  EntFifo run;            /* EntRun runs covering val, in the same order */
  EntFifo seq;            /* the items of column runs (EntRun, iHead 0) */
  sqlite3_int64 iSeqLast; /* where the last column run started in seq: the
                          ** next column is tried there first */
  int bInverse;           /* rows have left (a moving window frame) */
  char *zOpt;             /* options (or norm) text of the first row */
  int nOpt;
  int bInit;              /* the defaults below are set */
  int bOpt;               /* zOpt is set */
  int bWeight;            /* TOPSIS weights were given */
  int eNorm, eZero;       /* parsed options */
  double rShift;
};

/* Room for one more element at p->a[p->n] (not counted yet): a pointer
** to it, or 0 on OOM */
static void *entFifoReserve(EntFifo *p, size_t sz){
  if( p->n==p->nAlloc ){
    if( p->iHead>0 && p->iHead>=p->n/2 ){
      /* reclaim what a moving window has left behind */
      memmove(p->a, p->a + sz*p->iHead, sz*(size_t)(p->n - p->iHead));
      p->n -= p->iHead;
      p->iHead = 0;
    }else{
      sqlite3_int64 nNew = p->nAlloc ? p->nAlloc + p->nAlloc/2 : 64;
      char *aNew = (char*)sqlite3_realloc64(p->a, sz*nNew);
      if( aNew==0 ) return 0;
      p->a = aNew;
      p->nAlloc = nNew;
    }
  }
  return p->a + sz*p->n;
}

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

/* "%lld" by hand into zBuf (room for 21 bytes and the NUL): sqlite3_snprintf
** costs more than the rest of a row.  Returns the length */
static int entFormatInt(sqlite3_int64 i, char *zBuf){
  sqlite3_uint64 u = i<0 ? (sqlite3_uint64)0 - (sqlite3_uint64)i
                         : (sqlite3_uint64)i;
  char aDigit[20];
  int nDigit = 0, n = 0;
  do{ aDigit[nDigit++] = (char)('0' + u%10); u /= 10; }while( u );
  if( i<0 ) zBuf[n++] = '-';
  while( nDigit>0 ) zBuf[n++] = aDigit[--nDigit];
  zBuf[n] = 0;
  return n;
}

static unsigned int entHash(int bInt, sqlite3_int64 iVal, const char *z,
                            int n){
  unsigned int h = 2166136261u;
  int i;
  if( bInt ){
    sqlite3_uint64 u = (sqlite3_uint64)iVal * 0x9E3779B97F4A7C15ull;
    return (unsigned int)(u>>32);
  }
  for(i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 16777619u; }
  return h;
}

/* The text of a key: an integer is formatted into zBuf */
static const char *entKeyName(const EntCtx *p, const EntKey *pKey,
                              char *zBuf, int *pn){
  if( pKey->bInt ){
    *pn = entFormatInt(pKey->iVal, zBuf);
    return zBuf;
  }
  *pn = pKey->nText;
  return p->zArena + pKey->iVal;
}

static int entKeyIs(const EntCtx *p, const EntKey *pKey, int bInt,
                    sqlite3_int64 iVal, const char *z, int n){
  if( bInt ) return pKey->bInt && pKey->iVal==iVal;
  return !pKey->bInt && pKey->nText==n
      && memcmp(p->zArena+pKey->iVal, z, n)==0;
}

/* Find or add a key in pTab: the integer iVal (bInt) or the text z[0..n).
** Returns its index, or -1 on OOM */
static int entIntern(EntCtx *p, EntTab *pTab, int bInt, sqlite3_int64 iVal,
                     const char *z, int n){
  unsigned int h;
  int iSlot;
  EntKey *pKey;
  /* The last key found, then the one after it: rows grouped by item list
  ** the criteria in the same order again and again */
  if( pTab->iLast ){
    if( entKeyIs(p, &pTab->a[pTab->iLast-1], bInt, iVal, z, n) ){
      return pTab->iLast-1;
    }
    if( pTab->iLast<pTab->n
     && entKeyIs(p, &pTab->a[pTab->iLast], bInt, iVal, z, n) ){
      return pTab->iLast++;
    }
  }
  h = entHash(bInt, iVal, z, n);
  if( pTab->nSlot>0 ){
    for(iSlot=h & (pTab->nSlot-1); pTab->aSlot[iSlot];
        iSlot=(iSlot+1) & (pTab->nSlot-1)){
      pKey = &pTab->a[pTab->aSlot[iSlot]-1];
      if( pKey->h==h && entKeyIs(p, pKey, bInt, iVal, z, n) ){
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
  if( !bInt && p->nArena + n + 1 > p->nArenaAlloc ){
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
  pKey->h = h;
  pKey->bInt = (unsigned char)bInt;
  if( bInt ){
    pKey->iVal = iVal;
  }else{
    pKey->iVal = p->nArena;
    pKey->nText = n;
    if( n ) memcpy(p->zArena+p->nArena, z, n);
    p->zArena[p->nArena+n] = 0;
    p->nArena += n+1;
  }
  for(iSlot=h & (pTab->nSlot-1); pTab->aSlot[iSlot];
      iSlot=(iSlot+1) & (pTab->nSlot-1)){}
  pTab->aSlot[iSlot] = pTab->n+1;
  pTab->iLast = pTab->n+1;
  return pTab->n++;
}

/* Read the key argument iArg, not an integer (the caller reads those):
** text (*pz, *pn), or the integer it spells canonically (*pbInt, *piVal).
** Returns JJJ_ARG_OK, JJJ_ARG_NULL, or JJJ_ARG_ERROR (error set) */
static int entArgKey(sqlite3_context *ctx, const char *zFn,
                     sqlite3_value **argv, int iArg, const char *zWhat,
                     int *pbInt, sqlite3_int64 *piVal,
                     const char **pz, int *pn){
  sqlite3_value *v = argv[iArg];
  switch( sqlite3_value_type(v) ){
    case SQLITE_TEXT:
      *pz = (const char*)sqlite3_value_text(v);
      *pn = sqlite3_value_bytes(v);
      if( *pz==0 ){ sqlite3_result_error_nomem(ctx); return JJJ_ARG_ERROR; }
      *pbInt = entCanonicalInt(*pz, *pn, piVal);
      return JJJ_ARG_OK;
    case SQLITE_NULL:
      return JJJ_ARG_NULL;
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

/* Is the row skipped (a NULL in an argument after the value)? */
static int entSkippedTail(int argc, sqlite3_value **argv){
  int i;
  for(i=3; i<argc; i++){
    if( sqlite3_value_type(argv[i])==SQLITE_NULL ) return 1;
  }
  return 0;
}

/* Room for nNew more items at the end of p->seq.  Once rows have left (a
** moving frame), the items before every live column run's first are
** dropped when that frees at least half.  Returns 0, or 1 on OOM */
static int entSeqReserve(EntCtx *p, int nNew){
  EntFifo *pSeq = &p->seq;
  if( pSeq->n + nNew > pSeq->nAlloc ){
    if( p->bInverse ){
      EntRun *aRun = (EntRun*)p->run.a;
      sqlite3_int64 lo = pSeq->n, i;
      for(i=p->run.iHead; i<p->run.n; i++){
        if( aRun[i].bCol && aRun[i].iItem<lo ) lo = aRun[i].iItem;
      }
      if( lo>0 && lo>=pSeq->n/2 ){
        memmove(pSeq->a, pSeq->a + sizeof(EntRun)*lo,
                sizeof(EntRun)*(size_t)(pSeq->n - lo));
        pSeq->n -= lo;
        for(i=p->run.iHead; i<p->run.n; i++){
          if( aRun[i].bCol ) aRun[i].iItem -= lo;
        }
        p->iSeqLast = p->iSeqLast>=lo ? p->iSeqLast - lo : 0;
      }
    }
    if( pSeq->n + nNew > pSeq->nAlloc ){
      sqlite3_int64 nAlloc = pSeq->nAlloc ? pSeq->nAlloc + pSeq->nAlloc/2 : 64;
      char *aNew = (char*)sqlite3_realloc64(pSeq->a, sizeof(EntRun)*nAlloc);
      if( aNew==0 ) return 1;
      pSeq->a = aNew;
      pSeq->nAlloc = nAlloc;
    }
  }
  return 0;
}

/* Append an item to p->seq (room reserved) */
static void entSeqPush(EntCtx *p, sqlite3_int64 iItem, int bText){
  EntRun *pNew = (EntRun*)p->seq.a + p->seq.n++;
  memset(pNew, 0, sizeof(*pNew));
  pNew->iItem = iItem;
  pNew->bText = (unsigned int)bText;
}

static int entSeqIs(const EntCtx *p, sqlite3_int64 j, sqlite3_int64 iItem,
                    int bText){
  const EntRun *pE = (const EntRun*)p->seq.a + j;
  return pE->iItem==iItem && (int)pE->bText==bText;
}

/* The run a row of (iItem, bText, iCrit) joins, when it does not extend
** the last item run pRun (or pRun is 0): the last column run, a 1-row
** item run of the same criterion turned into a column run, or a new item
** run.  The caller adds the row to it.  Returns 0 on OOM */
static EntRun *entRunNext(EntCtx *p, EntRun *pRun, sqlite3_int64 iItem,
                          int bText, int iCrit){
  if( pRun && (int)pRun->iCrit==iCrit ){
    if( pRun->bCol ){
      /* the next item of the column's sequence, or a new last item */
      sqlite3_int64 j = pRun->iItem + pRun->nRow;
      if( j<p->seq.n ){
        if( entSeqIs(p, j, iItem, bText) ) return pRun;
      }else{
        if( entSeqReserve(p, 1) ) return 0;
        entSeqPush(p, iItem, bText);
        return pRun;
      }
    }else if( pRun->nRow==1 && (pRun->iItem!=iItem || (int)pRun->bText!=bText) ){
      /* A second item of one criterion: a column run.  Its items are those
      ** of the last column if they start the same way, else new ones */
      sqlite3_int64 s = p->iSeqLast;
      if( entSeqReserve(p, 2) ) return 0;
      if( s+1>=p->seq.n || !entSeqIs(p, s, pRun->iItem, pRun->bText)
       || !entSeqIs(p, s+1, iItem, bText) ){
        s = p->seq.n;
        entSeqPush(p, pRun->iItem, pRun->bText);
        entSeqPush(p, iItem, bText);
      }
      pRun->iItem = s;
      pRun->bText = 0;
      pRun->bCol = 1;
      p->iSeqLast = s;
      return pRun;
    }
  }
  pRun = (EntRun*)entFifoReserve(&p->run, sizeof(EntRun));
  if( pRun==0 ) return 0;
  pRun->iItem = iItem;
  pRun->iCrit = (unsigned int)iCrit;
  pRun->bCol = 0;
  pRun->nRow = 0;
  pRun->bText = (unsigned int)bText;
  p->run.n++;
  return pRun;
}

void jjjEntStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int eVar = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azEntName[eVar];
  const char *z1 = 0, *z2 = 0;
  int n1 = 0, n2 = 0, bInt1 = 0, bInt2 = 0, iCrit, rc1, rc2, rcVal = 0;
  int iOptArg = eVar==JJJ_ENT_TOPSIS ? 5 : 4;
  sqlite3_int64 i1 = 0, i2 = 0, iDir = 1;
  double r = 0.0, rWeight = 0.0, *pVal;
  EntCtx *p;
  EntKey *pCrit;
  EntRun *pRun;

  /* Type checks on every argument first (integer keys inline) */
  if( sqlite3_value_type(argv[0])==SQLITE_INTEGER ){
    bInt1 = 1;
    i1 = sqlite3_value_int64(argv[0]);
    rc1 = JJJ_ARG_OK;
  }else{
    rc1 = entArgKey(ctx, zFn, argv, 0, "item", &bInt1, &i1, &z1, &n1);
    if( rc1==JJJ_ARG_ERROR ) return;
  }
  if( sqlite3_value_type(argv[1])==SQLITE_INTEGER ){
    bInt2 = 1;
    i2 = sqlite3_value_int64(argv[1]);
    rc2 = JJJ_ARG_OK;
  }else{
    rc2 = entArgKey(ctx, zFn, argv, 1, "criterion", &bInt2, &i2, &z2, &n2);
    if( rc2==JJJ_ARG_ERROR ) return;
  }
  switch( sqlite3_value_type(argv[2]) ){
    case SQLITE_FLOAT:   r = sqlite3_value_double(argv[2]); break;
    case SQLITE_INTEGER: r = (double)sqlite3_value_int64(argv[2]); break;
    default:
      rcVal = jjjArgDouble(ctx, zFn, argv, 2, &r);
      if( rcVal==JJJ_ARG_ERROR ) return;
      break;
  }
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
  if( rc1==JJJ_ARG_NULL || rc2==JJJ_ARG_NULL || entSkippedTail(argc, argv) ){
    return;
  }

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

  /* Text items are interned; an integer item is its own key */
  if( !bInt1 ){
    int iItem = entIntern(p, &p->item, 0, 0, z1, n1);
    if( iItem<0 ){ sqlite3_result_error_nomem(ctx); return; }
    i1 = iItem;
  }
  /* The criterion: most often the one after the last (rows grouped by
  ** item), tried inline for an integer */
  iCrit = p->crit.iLast;
  if( !bInt2 || iCrit>=p->crit.n || !p->crit.a[iCrit].bInt
   || p->crit.a[iCrit].iVal!=i2 ){
    iCrit = entIntern(p, &p->crit, bInt2, i2, z2, n2);
    if( iCrit<0 ){ sqlite3_result_error_nomem(ctx); return; }
  }else{
    p->crit.iLast++;
  }
  pCrit = &p->crit.a[iCrit];
  if( pCrit->iDir==0 ){
    pCrit->iDir = (signed char)iDir;
  }else if( pCrit->iDir!=iDir ){
    char zBuf[24];
    int n;
    const char *z = entKeyName(p, pCrit, zBuf, &n);
    jjjResultError(ctx, zFn, "criterion '%q' has direction %d and %d on "
                   "different rows", z, pCrit->iDir, (int)iDir);
    return;
  }
  if( eVar==JJJ_ENT_TOPSIS && argc>4 ){
    p->bWeight = 1;
    if( !pCrit->bWeight ){
      pCrit->bWeight = 1;
      pCrit->rWeight = rWeight;
    }else if( pCrit->rWeight!=rWeight ){
      char zBuf[24];
      int n;
      const char *z = entKeyName(p, pCrit, zBuf, &n);
      jjjResultError(ctx, zFn, "criterion '%q' has weight %!.15g and "
                     "%!.15g on different rows", z, pCrit->rWeight, rWeight);
      return;
    }
  }

  /* Buffer the value; extend the last run or start one */
  if( p->val.n<p->val.nAlloc ){
    pVal = (double*)p->val.a + p->val.n;
  }else{
    pVal = (double*)entFifoReserve(&p->val, sizeof(double));
    if( pVal==0 ){ sqlite3_result_error_nomem(ctx); return; }
  }
  pRun = p->run.n>p->run.iHead ? (EntRun*)p->run.a + p->run.n-1 : 0;
  if( pRun==0 || pRun->iItem!=i1 || (int)pRun->bText!=!bInt1 || pRun->bCol
   || (int)(pRun->iCrit+pRun->nRow)!=iCrit ){
    pRun = entRunNext(p, pRun, i1, !bInt1, iCrit);
    if( pRun==0 ){ sqlite3_result_error_nomem(ctx); return; }
  }
  pRun->nRow++;
  *pVal = rcVal==JJJ_ARG_NULL ? NAN : r;
  p->val.n++;
}

void jjjEntInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  EntCtx *p;
  EntRun *pRun;
  if( sqlite3_value_type(argv[0])==SQLITE_NULL
   || sqlite3_value_type(argv[1])==SQLITE_NULL
   || entSkippedTail(argc, argv) ){
    return;
  }
  p = (EntCtx*)sqlite3_aggregate_context(ctx, 0);
  if( NEVER(p==0) || NEVER(p->val.iHead>=p->val.n) ) return;
  /* the oldest row leaves: the head of the value array and of its run */
  p->val.iHead++;
  p->bInverse = 1;
  pRun = (EntRun*)p->run.a + p->run.iHead;
  if( pRun->nRow>1 ){
    pRun->nRow--;
    if( pRun->bCol ){
      pRun->iItem++;
    }else{
      pRun->iCrit++;
    }
  }else{
    p->run.iHead++;
  }
}

/*------------------------------------------------------------------------
** The computation, from the live rows
*/

/* A key to sort */
typedef struct EntSortKey EntSortKey;
struct EntSortKey {
  const char *z; int n;   /* text, when !bInt */
  int bInt; sqlite3_int64 iVal;
  sqlite3_int64 iKey;     /* a run (items) or a key index (criteria) */
};
/* A row to sort (the irregular layout): ranks and value */
typedef struct EntSortRow EntSortRow;
struct EntSortRow { int iItem, iCrit; double r; };

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

/* The sort key of a run's item */
static void entRunKey(const EntCtx *p, const EntRun *pRun, EntSortKey *pOut){
  if( pRun->bText ){
    const EntKey *pKey = &p->item.a[pRun->iItem];
    pOut->z = p->zArena + pKey->iVal;
    pOut->n = pKey->nText;
    pOut->bInt = 0;
    pOut->iVal = 0;
  }else{
    pOut->z = 0;
    pOut->n = 0;
    pOut->bInt = 1;
    pOut->iVal = pRun->iItem;
  }
}

/* Compare the items of two runs */
static int entCmpRunItem(const EntCtx *p, const EntRun *pA, const EntRun *pB){
  EntSortKey a, b;
  if( !pA->bText && !pB->bText ){
    return (pA->iItem>pB->iItem) - (pA->iItem<pB->iItem);
  }
  entRunKey(p, pA, &a);
  entRunKey(p, pB, &b);
  return entCmpKey(&a, &b);
}

/* A criterion of the matrix: where it is and what the passes found */
typedef struct EntCol EntCol;
struct EntCol {
  sqlite3_int64 iOff;     /* offset in a row (item-major), or of the column
                          ** (criterion-major) */
  int iDir;               /* direction */
  int eZ;                 /* how z is computed from x: ENT_Z_* */
  double rMin, rMax;      /* minimum and maximum */
  double rRange;          /* rMax - rMin */
  double rAbs, rNorm;     /* TOPSIS vector norm: max |x| and the norm */
  double rW;              /* weight */
  double rHi, rLo;        /* range of q (entropy) or v (TOPSIS) */
  double rSum;            /* sum of q (entropy) */
  JjjSum sA, sB;          /* sums */
};
#define ENT_Z_CONST    0  /* a constant column: z = 0 */
#define ENT_Z_UP       1  /* (x - min)/(max - min) */
#define ENT_Z_DOWN     2  /* (max - x)/(max - min), a cost criterion */
#define ENT_Z_UPHALF   3  /* the same in halves: max - min overflows */
#define ENT_Z_DOWNHALF 4

/* One cell per item: the offset of its row in the matrix (-1: dropped),
** then its result */
typedef union EntCell EntCell;
union EntCell { sqlite3_int64 iOff; double r; };

/* The matrix of the live rows, as a view: the complete item of rank i
** has its value for criterion c (output order) at
** aBase[aCell[i].iOff + aCol[c].iOff] */
typedef struct EntMatrix EntMatrix;
struct EntMatrix {
  int nItem;              /* items seen (ranks 0..nItem-1) */
  int nCrit;              /* criteria seen */
  int m;                  /* complete items */
  const double *aBase;    /* the live values, or the sorted copy */
  EntCell *aCell;         /* per item, in output order */
  EntSortKey *aItem;      /* items in output order (iKey: a source, below),
                          ** or NULL: item i is source i */
  const EntRun *aSrcA;    /* the items' sources: source s is aSrcA[s] for */
  sqlite3_int64 nSrcA;    /* s < nSrcA (live runs or a column's items), */
  const EntRun *aSrcB;    /* else aSrcB[s - nSrcA] (items in seq) */
  EntSortKey *aCrit;      /* criteria in output order */
  EntCol *aCol;           /* per criterion, in output order */
  void *pAlloc;           /* the allocation behind all of these */
  void *pCopy;            /* the sorted copy (irregular layout) */
};

/* Collect the keys of pTab in use (aRank[i] >= 0) into aOut, sorted,
** and replace each one's aRank entry by its rank.  Returns the count */
static int entSortKeys(const EntCtx *p, const EntTab *pTab, int *aRank,
                       EntSortKey *aOut){
  int i, n = 0;
  for(i=0; i<pTab->n; i++){
    const EntKey *pKey = &pTab->a[i];
    if( aRank[i]<0 ) continue;
    aOut[n].bInt = pKey->bInt;
    aOut[n].iVal = pKey->bInt ? pKey->iVal : 0;
    aOut[n].z = pKey->bInt ? 0 : p->zArena + pKey->iVal;
    aOut[n].n = pKey->nText;
    aOut[n].iKey = i;
    n++;
  }
  qsort(aOut, n, sizeof(EntSortKey), entCmpKey);
  for(i=0; i<n; i++) aRank[aOut[i].iKey] = i;
  return n;
}

/* The item (as a run) of item rank i */
static const EntRun *entItemRun(const EntMatrix *pM, sqlite3_int64 i){
  sqlite3_int64 s = pM->aItem ? pM->aItem[i].iKey : i;
  return s<pM->nSrcA ? &pM->aSrcA[s] : &pM->aSrcB[s - pM->nSrcA];
}

/* The text of item rank i (an integer is formatted into zBuf) */
static const char *entItemName(const EntCtx *p, const EntMatrix *pM, int i,
                               char *zBuf, int *pn){
  const EntRun *pRun = entItemRun(pM, i);
  if( pRun->bText ){
    const EntKey *pKey = &p->item.a[pRun->iItem];
    return entKeyName(p, pKey, zBuf, pn);
  }
  *pn = entFormatInt(pRun->iItem, zBuf);
  return zBuf;
}

/* Carve the per-item and per-criterion arrays out of one allocation:
** nCell cells, nKey item sort keys (none: 0), and per criterion a key, a
** column and an int (returned in *paCritRank).  Returns SQLITE_OK or
** SQLITE_NOMEM */
static int entAlloc(const EntCtx *p, EntMatrix *pM, sqlite3_int64 nCell,
                    sqlite3_int64 nKey, int **paCritRank){
  sqlite3_int64 nC = p->crit.n;
  char *pc;
  pM->pAlloc = sqlite3_malloc64(sizeof(EntCell)*nCell
        + sizeof(EntSortKey)*(nKey + nC) + sizeof(EntCol)*nC
        + sizeof(int)*nC);
  if( pM->pAlloc==0 ) return SQLITE_NOMEM;
  pc = (char*)pM->pAlloc;
  pM->aCell = (EntCell*)pc;         pc += sizeof(EntCell)*nCell;
  if( nKey ){
    pM->aItem = (EntSortKey*)pc;    pc += sizeof(EntSortKey)*nKey;
  }
  pM->aCrit = (EntSortKey*)pc;      pc += sizeof(EntSortKey)*nC;
  pM->aCol = (EntCol*)pc;           pc += sizeof(EntCol)*nC;
  *paCritRank = (int*)pc;
  return SQLITE_OK;
}

/* Sort the criteria marked in use in aCritRank (>= 0; the others -1)
** into pM->aCrit, with their directions */
static void entCritSort(const EntCtx *p, EntMatrix *pM, int *aCritRank){
  int c;
  pM->nCrit = entSortKeys(p, &p->crit, aCritRank, pM->aCrit);
  for(c=0; c<pM->nCrit; c++){
    pM->aCol[c].iDir = p->crit.a[pM->aCrit[c].iKey].iDir;
  }
}

/* The irregular layout: sort the live rows by (item, criterion) into a
** copy of the complete items.  Items come from the item runs and from
** the positions lo.. of seq that column runs use; every one is ranked.
** Returns SQLITE_OK, SQLITE_NOMEM, or SQLITE_ERROR after setting the
** duplicate-row error */
static int entBuildCopy(sqlite3_context *ctx, const char *zFn,
                        const EntCtx *p, EntMatrix *pM){
  const EntRun *aRun = (const EntRun*)p->run.a + p->run.iHead;
  const EntRun *aSeq = (const EntRun*)p->seq.a;
  const double *aVal = (const double*)p->val.a + p->val.iHead;
  sqlite3_int64 nRun = p->run.n - p->run.iHead;
  sqlite3_int64 nLive = p->val.n - p->val.iHead, i, j, o, nKey = 0;
  sqlite3_int64 lo = p->seq.n, hi = 0;
  int k, c, rc, *aCritRank, *aRank;
  EntSortRow *aSort;
  double *aX;

  /* The span of seq in use, and an upper bound on the items */
  for(i=0; i<nRun; i++){
    if( aRun[i].bCol ){
      if( aRun[i].iItem<lo ) lo = aRun[i].iItem;
      if( aRun[i].iItem + aRun[i].nRow > hi ){
        hi = aRun[i].iItem + aRun[i].nRow;
      }
    }else{
      nKey++;
    }
  }
  if( hi<lo ) hi = lo;
  nKey += hi - lo;
  rc = entAlloc(p, pM, nKey, nKey, &aCritRank);
  if( rc ) return rc;
  /* aRank: the item rank of each live item run, then of each position
  ** lo..hi-1 of seq (-1: not in use) */
  aRank = (int*)sqlite3_malloc64(sizeof(int)*(nRun + hi - lo));
  if( aRank==0 ) return SQLITE_NOMEM;
  for(i=0; i<hi-lo; i++) aRank[nRun+i] = -1;
  for(c=0; c<p->crit.n; c++) aCritRank[c] = -1;
  for(i=0; i<nRun; i++){
    if( aRun[i].bCol ){
      for(j=0; j<aRun[i].nRow; j++) aRank[nRun + aRun[i].iItem - lo + j] = 0;
      aCritRank[aRun[i].iCrit] = 0;
    }else{
      for(c=0; c<(int)aRun[i].nRow; c++) aCritRank[aRun[i].iCrit + c] = 0;
    }
  }
  /* Rank the items: equal keys share one rank, aItem keeps the first */
  for(i=0, nKey=0; i<nRun + hi - lo; i++){
    const EntRun *pSrc;
    if( i<nRun ){
      if( aRun[i].bCol ) continue;
      pSrc = &aRun[i];
    }else{
      if( aRank[i]<0 ) continue;
      pSrc = &aSeq[lo + i - nRun];
    }
    entRunKey(p, pSrc, &pM->aItem[nKey]);
    pM->aItem[nKey++].iKey = i;
  }
  qsort(pM->aItem, (size_t)nKey, sizeof(EntSortKey), entCmpKey);
  pM->nItem = 0;
  for(i=0; i<nKey; i++){
    if( pM->nItem==0
     || entCmpKey(&pM->aItem[pM->nItem-1], &pM->aItem[i])!=0 ){
      pM->aItem[pM->nItem++] = pM->aItem[i];
    }
    aRank[pM->aItem[i].iKey] = pM->nItem-1;
  }
  pM->aSrcA = aRun;
  pM->nSrcA = nRun;
  pM->aSrcB = aSeq + lo;
  entCritSort(p, pM, aCritRank);
  k = pM->nCrit;

  pM->pCopy = sqlite3_malloc64((sizeof(EntSortRow)+sizeof(double))*nLive);
  if( pM->pCopy==0 ){
    sqlite3_free(aRank);
    return SQLITE_NOMEM;
  }
  aSort = (EntSortRow*)pM->pCopy;
  aX = (double*)&aSort[nLive];
  for(i=0, o=0; i<nRun; i++){
    for(j=0; j<aRun[i].nRow; j++, o++){
      if( aRun[i].bCol ){
        aSort[o].iItem = aRank[nRun + aRun[i].iItem - lo + j];
        aSort[o].iCrit = aCritRank[aRun[i].iCrit];
      }else{
        aSort[o].iItem = aRank[i];
        aSort[o].iCrit = aCritRank[aRun[i].iCrit + j];
      }
      aSort[o].r = aVal[o];
    }
  }
  sqlite3_free(aRank);
  qsort(aSort, (size_t)nLive, sizeof(EntSortRow), entCmpRow);

  /* Walk the items: duplicates are an error; complete items fill aX */
  pM->m = 0;
  for(i=0; i<nLive; i=j){
    int bComplete = 1;
    for(j=i; j<nLive && aSort[j].iItem==aSort[i].iItem; j++){
      if( j>i && aSort[j].iCrit==aSort[j-1].iCrit ){
        char zBuf1[24], zBuf2[24];
        int n;
        const char *z1 = entItemName(p, pM, aSort[j].iItem, zBuf1, &n);
        const EntKey *pCrit = &p->crit.a[pM->aCrit[aSort[j].iCrit].iKey];
        const char *z2 = entKeyName(p, pCrit, zBuf2, &n);
        jjjResultError(ctx, zFn, "two rows for item '%q' and criterion '%q'",
                       z1, z2);
        return SQLITE_ERROR;
      }
      if( isnan(aSort[j].r) ) bComplete = 0;
    }
    if( j-i!=k ) bComplete = 0;
    if( bComplete ){
      o = (sqlite3_int64)pM->m*k;
      for(c=0; c<k; c++) aX[o + c] = aSort[i+c].r;
      pM->aCell[aSort[i].iItem].iOff = o;
      pM->m++;
    }else{
      pM->aCell[aSort[i].iItem].iOff = -1;
    }
  }
  pM->aBase = aX;
  for(c=0; c<k; c++) pM->aCol[c].iOff = c;
  return SQLITE_OK;
}

/* Build the view of the live rows.  Returns SQLITE_OK, SQLITE_NOMEM, or
** SQLITE_ERROR after setting the duplicate-row error.
**
** The values are used in place in two layouts: item-major, every run an
** item run with the same criteria (live run r is the row of its item, at
** r*k); criterion-major, every run a column run of the same items (live
** run r is the column of its criterion, at r*m); in both no item and no
** criterion repeats.  Anything else goes through the sorted copy. */
static int entBuild(sqlite3_context *ctx, const char *zFn, const EntCtx *p,
                    EntMatrix *pM){
  const EntRun *aRun = (const EntRun*)p->run.a + p->run.iHead;
  const double *aVal = (const double*)p->val.a + p->val.iHead;
  const EntRun *aSrc;
  sqlite3_int64 nRun = p->run.n - p->run.iHead, nSrc, i;
  int nC = p->crit.n, bCol = aRun[0].bCol, bSorted = 1, bRegular = 1;
  int c, k, rc, *aCritRank;

  memset(pM, 0, sizeof(*pM));
  for(i=0; i<nRun && bRegular; i++){
    if( aRun[i].bCol!=aRun[0].bCol || aRun[i].nRow!=aRun[0].nRow
     || (bCol ? aRun[i].iItem!=aRun[0].iItem
              : aRun[i].iCrit!=aRun[0].iCrit) ){
      bRegular = 0;
    }
  }
  if( !bRegular ) return entBuildCopy(ctx, zFn, p, pM);

  /* The items: the runs (item-major) or the column's items */
  if( bCol ){
    aSrc = (const EntRun*)p->seq.a + aRun[0].iItem;
    nSrc = aRun[0].nRow;
  }else{
    aSrc = aRun;
    nSrc = nRun;
  }
  for(i=1; i<nSrc && bSorted; i++){
    if( entCmpRunItem(p, &aSrc[i-1], &aSrc[i])>=0 ) bSorted = 0;
  }
  /* One allocation: a cell per item, the item sort keys unless the items
  ** are in order, criteria keys, ranks and work space */
  rc = entAlloc(p, pM, nSrc, bSorted ? 0 : nSrc, &aCritRank);
  if( rc ) return rc;
  pM->aSrcA = aSrc;
  pM->nSrcA = nSrc;
  if( !bSorted ){
    for(i=0; i<nSrc; i++){
      entRunKey(p, &aSrc[i], &pM->aItem[i]);
      pM->aItem[i].iKey = i;
    }
    qsort(pM->aItem, (size_t)nSrc, sizeof(EntSortKey), entCmpKey);
    for(i=1; i<nSrc && bRegular; i++){
      if( entCmpKey(&pM->aItem[i-1], &pM->aItem[i])==0 ) bRegular = 0;
    }
  }

  /* The criteria in use, in output order (a repeated one: irregular) */
  for(c=0; c<nC; c++) aCritRank[c] = -1;
  if( bCol ){
    for(i=0; i<nRun; i++){
      if( aCritRank[aRun[i].iCrit]==0 ) bRegular = 0;
      aCritRank[aRun[i].iCrit] = 0;
    }
  }else{
    for(c=0; c<(int)aRun[0].nRow; c++) aCritRank[aRun[0].iCrit + c] = 0;
  }
  if( !bRegular ){
    sqlite3_free(pM->pAlloc);
    memset(pM, 0, sizeof(*pM));
    return entBuildCopy(ctx, zFn, p, pM);
  }
  entCritSort(p, pM, aCritRank);
  k = pM->nCrit;

  /* The value array is the matrix */
  pM->nItem = (int)nSrc;
  pM->aBase = aVal;
  if( bCol ){
    for(i=0; i<nRun; i++){
      pM->aCol[aCritRank[aRun[i].iCrit]].iOff = i*nSrc;
    }
  }else{
    for(c=0; c<k; c++){
      pM->aCol[c].iOff = (int)pM->aCrit[c].iKey - (int)aRun[0].iCrit;
    }
  }
  pM->m = 0;
  for(i=0; i<nSrc; i++){
    sqlite3_int64 iSrc = pM->aItem ? pM->aItem[i].iKey : i;
    sqlite3_int64 iOff = bCol ? iSrc : iSrc*k;
    for(c=0; c<k && !isnan(aVal[iOff + pM->aCol[c].iOff]); c++){}
    pM->aCell[i].iOff = c==k ? iOff : -1;
    pM->m += c==k;
  }
  return SQLITE_OK;
}

/* Set how z is computed in column pC from its minimum and maximum:
** min-max standardisation, cost criteria mirrored, a constant column 0 */
static void entZSet(EntCol *pC){
  pC->rRange = pC->rMax - pC->rMin;
  if( pC->rRange==0.0 ){
    pC->eZ = ENT_Z_CONST;
  }else if( isfinite(pC->rRange) ){
    pC->eZ = pC->iDir<0 ? ENT_Z_DOWN : ENT_Z_UP;
  }else{
    pC->eZ = pC->iDir<0 ? ENT_Z_DOWNHALF : ENT_Z_UPHALF;
  }
}

static inline double entZ(const EntCol *pC, double x){
  switch( pC->eZ ){
    case ENT_Z_UP:    return (x - pC->rMin)/pC->rRange;
    case ENT_Z_DOWN:  return (pC->rMax - x)/pC->rRange;
    case ENT_Z_CONST: return 0.0;
    case ENT_Z_UPHALF:
      return (x*0.5 - pC->rMin*0.5)/(pC->rMax*0.5 - pC->rMin*0.5);
    default:
      return (pC->rMax*0.5 - x*0.5)/(pC->rMax*0.5 - pC->rMin*0.5);
  }
}

/* Every value of a complete item finite?  Each column's minimum and
** maximum into rMin, rMax */
static int entScan(const EntMatrix *pM){
  int i, c, k = pM->nCrit, bFirst = 1;
  const double *aX;
  EntCol *aCol = pM->aCol;
  for(i=0; i<pM->nItem; i++){
    if( pM->aCell[i].iOff<0 ) continue;
    aX = pM->aBase + pM->aCell[i].iOff;
    for(c=0; c<k; c++){
      double x = aX[aCol[c].iOff];
      if( !isfinite(x) ) return 1;
      if( bFirst ){
        aCol[c].rMin = aCol[c].rMax = x;
      }else{
        if( x<aCol[c].rMin ) aCol[c].rMin = x;
        if( x>aCol[c].rMax ) aCol[c].rMax = x;
      }
    }
    bFirst = 0;
  }
  return 0;
}

/* Entropy weights into aCol[].rW.  Returns 0, or 1 if they are undefined
** (NULL).  Each pass reads the matrix row by row and keeps a sum per
** criterion, so every sum sees the items in output order */
static int entWeights(const EntCtx *p, EntMatrix *pM){
  int i, c, k = pM->nCrit, bFirst = 1, bMinMax = p->eNorm==ENT_NORM_MINMAX;
  double rLnM = log((double)pM->m), rSumD = 0.0;
  double rShift = p->eZero==ENT_ZERO_SHIFT ? p->rShift : 0.0;
  const double *aX;
  EntCol *aCol = pM->aCol;

  if( pM->m<2 ) return 1;
  if( entScan(pM) ) return 1;
  /* q = z + shift (minmax) or x + shift (none), and its range: for
  ** minmax z spans [0, 1] exactly (z = 1 at the maximum, 0 at the
  ** minimum, and rounding is monotonic), or is all 0 */
  for(c=0; c<k; c++){
    entZSet(&aCol[c]);
    aCol[c].rHi = aCol[c].eZ==ENT_Z_CONST ? rShift : 1.0 + rShift;
    aCol[c].rLo = 0.0 + rShift;
  }
  if( !bMinMax ){
    for(i=0; i<pM->nItem; i++){
      if( pM->aCell[i].iOff<0 ) continue;
      aX = pM->aBase + pM->aCell[i].iOff;
      for(c=0; c<k; c++){
        double q = aX[aCol[c].iOff] + rShift;
        if( q<0.0 ) return 1;            /* "none" on negative data */
        if( bFirst ){ aCol[c].rHi = 0.0; aCol[c].rLo = q; }
        if( q>aCol[c].rHi ) aCol[c].rHi = q;
        if( q<aCol[c].rLo ) aCol[c].rLo = q;
      }
      bFirst = 0;
    }
  }
  /* p = q / sum q, and sum p ln p, over the columns not constant */
  for(c=0; c<k; c++){
    aCol[c].sA.s = aCol[c].sA.c = 0.0;
    aCol[c].sB.s = aCol[c].sB.c = 0.0;
  }
  for(i=0; i<pM->nItem; i++){
    if( pM->aCell[i].iOff<0 ) continue;
    aX = pM->aBase + pM->aCell[i].iOff;
    for(c=0; c<k; c++){
      const EntCol *pC = &aCol[c];
      double x = aX[pC->iOff], q;
      if( pC->rHi==pC->rLo ) continue;
      q = (bMinMax ? entZ(pC, x) : x) + rShift;
      jjjSumAdd(&aCol[c].sA, pC->rHi==1.0 ? q : q/pC->rHi);
    }
  }
  for(c=0; c<k; c++) aCol[c].rSum = jjjSumValue(&aCol[c].sA);
  for(i=0; i<pM->nItem; i++){
    if( pM->aCell[i].iOff<0 ) continue;
    aX = pM->aBase + pM->aCell[i].iOff;
    for(c=0; c<k; c++){
      const EntCol *pC = &aCol[c];
      double x = aX[pC->iOff], q, pr;
      if( pC->rHi==pC->rLo ) continue;
      q = (bMinMax ? entZ(pC, x) : x) + rShift;
      if( pC->rHi!=1.0 ) q /= pC->rHi;
      pr = q/pC->rSum;
      if( pr>0.0 ) jjjSumAdd(&aCol[c].sB, pr*log(pr));
    }
  }
  for(c=0; c<k; c++){
    double d = 0.0;                      /* constant: no information */
    if( aCol[c].rHi!=aCol[c].rLo ){
      d = 1.0 + jjjSumValue(&aCol[c].sB)/rLnM;
      if( d<0.0 ) d = 0.0;
    }
    aCol[c].rW = d;
    rSumD += d;
  }
  if( !(rSumD>0.0) ) return 1;
  for(c=0; c<k; c++) aCol[c].rW /= rSumD;
  return 0;
}

/* Entropy scores S = sum_c w_c z_c into the cells (NaN where dropped) */
static void entScores(EntMatrix *pM){
  int i, c, k = pM->nCrit;
  for(i=0; i<pM->nItem; i++){
    JjjSum s = {0, 0};
    const double *aX;
    if( pM->aCell[i].iOff<0 ){ pM->aCell[i].r = NAN; continue; }
    aX = pM->aBase + pM->aCell[i].iOff;
    for(c=0; c<k; c++){
      const EntCol *pC = &pM->aCol[c];
      jjjSumAdd(&s, pC->rW*entZ(pC, aX[pC->iOff]));
    }
    pM->aCell[i].r = jjjSumValue(&s);
  }
}

/* TOPSIS: v = w r, r the normalised x */
static inline double entTopsisV(const EntCol *pC, int bMinMax, double x){
  double z;
  if( bMinMax ){
    z = entZ(pC, x);
  }else{
    z = pC->rAbs>0.0 ? x/pC->rAbs : 0.0;
    if( pC->rNorm>0.0 ) z /= pC->rNorm;
  }
  return z*pC->rW;
}

/* TOPSIS: the closeness of each item into its cell (NaN where dropped or
** undefined).  Returns 0, or 1 if the whole result is NULL */
static int entTopsis(const EntCtx *p, EntMatrix *pM){
  int i, c, k = pM->nCrit, bMinMax = p->eNorm==ENT_NORM_MINMAX;
  double rSumW = 0.0;
  const double *aX;
  EntCol *aCol = pM->aCol;
  if( entScan(pM) ) return 1;
  for(c=0; c<k; c++){
    const EntKey *pKey = &p->crit.a[pM->aCrit[c].iKey];
    double w = p->bWeight ? pKey->rWeight : 1.0;
    if( !isfinite(w) || w<0.0 ) return 1;
    aCol[c].rW = w;
    rSumW += w;
  }
  if( !(rSumW>0.0) || !isfinite(rSumW) ) return 1;
  for(c=0; c<k; c++) aCol[c].rW /= rSumW;
  if( pM->m>0 ){
    if( bMinMax ){
      for(c=0; c<k; c++) entZSet(&aCol[c]);
    }else{
      /* vector norm: sqrt(sum (x/max|x|)^2) */
      for(c=0; c<k; c++){
        aCol[c].rAbs = fabs(aCol[c].rMax);
        if( fabs(aCol[c].rMin)>aCol[c].rAbs ) aCol[c].rAbs = fabs(aCol[c].rMin);
        aCol[c].sA.s = aCol[c].sA.c = 0.0;
      }
      for(i=0; i<pM->nItem; i++){
        if( pM->aCell[i].iOff<0 ) continue;
        aX = pM->aBase + pM->aCell[i].iOff;
        for(c=0; c<k; c++){
          const EntCol *pC = &aCol[c];
          double x = pC->rAbs>0.0 ? aX[pC->iOff]/pC->rAbs : 0.0;
          jjjSumAdd(&aCol[c].sA, x*x);
        }
      }
      for(c=0; c<k; c++) aCol[c].rNorm = sqrt(jjjSumValue(&aCol[c].sA));
    }
    /* The range of v in each column: v is monotonic in x (a division by
    ** a positive number, a product by w >= 0, z mirrored for a cost),
    ** so it is reached at the extreme values of x */
    for(c=0; c<k; c++){
      double a = entTopsisV(&aCol[c], bMinMax, aCol[c].rMin);
      double b = entTopsisV(&aCol[c], bMinMax, aCol[c].rMax);
      aCol[c].rHi = a>b ? a : b;
      aCol[c].rLo = a>b ? b : a;
    }
  }
  /* Distances to the ideal and anti-ideal points, per item */
  for(i=0; i<pM->nItem; i++){
    double dp = 0.0, dm = 0.0;
    if( pM->aCell[i].iOff<0 ){ pM->aCell[i].r = NAN; continue; }
    aX = pM->aBase + pM->aCell[i].iOff;
    for(c=0; c<k; c++){
      const EntCol *pC = &aCol[c];
      int bCost = !bMinMax && pC->iDir<0;
      double v = entTopsisV(pC, bMinMax, aX[pC->iOff]);
      double rBest = bCost ? pC->rLo : pC->rHi;
      double rWorst = bCost ? pC->rHi : pC->rLo;
      dp += (v-rBest)*(v-rBest);
      dm += (v-rWorst)*(v-rWorst);
    }
    dp = sqrt(dp);
    dm = sqrt(dm);
    pM->aCell[i].r = dp+dm>0.0 ? dm/(dp+dm) : NAN;
  }
  return 0;
}

static void entResult(sqlite3_context *ctx, EntCtx *p, int bFinal){
  int eVar = (int)(intptr_t)sqlite3_user_data(ctx);
  const char *zFn = azEntName[eVar];
  EntMatrix mx;
  sqlite3_str *pStr;
  int rc, i, c, bNull;
  char zBuf[24];

  if( p==0 || p->val.iHead>=p->val.n ) return;   /* no rows: NULL */
  rc = entBuild(ctx, zFn, p, &mx);
  if( rc ){
    if( rc==SQLITE_NOMEM ) sqlite3_result_error_nomem(ctx);
    sqlite3_free(mx.pCopy);
    sqlite3_free(mx.pAlloc);
    return;
  }
  if( eVar==JJJ_ENT_TOPSIS ){
    bNull = entTopsis(p, &mx);
  }else{
    bNull = entWeights(p, &mx);
    if( !bNull && eVar==JJJ_ENT_SCORES ) entScores(&mx);
  }
  /* The values are no longer needed: the final call frees them first */
  sqlite3_free(mx.pCopy);
  if( bFinal ){
    sqlite3_free(p->val.a);
    memset(&p->val, 0, sizeof(p->val));
  }
  if( bNull ){
    sqlite3_free(mx.pAlloc);
    return;
  }
  pStr = sqlite3_str_new(sqlite3_context_db_handle(ctx));
  sqlite3_str_appendchar(pStr, 1, '{');
  if( eVar==JJJ_ENT_WEIGHTS ){
    for(c=0; c<mx.nCrit; c++){
      const EntKey *pKey = &p->crit.a[mx.aCrit[c].iKey];
      int n;
      const char *z = entKeyName(p, pKey, zBuf, &n);
      if( c ) sqlite3_str_appendchar(pStr, 1, ',');
      jjjJsonAppendString(pStr, z, n);
      sqlite3_str_appendchar(pStr, 1, ':');
      jjjJsonAppendNumber(pStr, mx.aCol[c].rW);
    }
  }else{
    for(i=0; i<mx.nItem; i++){
      const EntRun *pRun = entItemRun(&mx, i);
      if( i ) sqlite3_str_appendchar(pStr, 1, ',');
      if( pRun->bText ){
        const EntKey *pKey = &p->item.a[pRun->iItem];
        jjjJsonAppendString(pStr, p->zArena + pKey->iVal, pKey->nText);
        sqlite3_str_appendchar(pStr, 1, ':');
      }else{
        /* "<digits>": in one piece, nothing to escape */
        int n = entFormatInt(pRun->iItem, zBuf+1);
        zBuf[0] = '"';
        zBuf[n+1] = '"';
        zBuf[n+2] = ':';
        sqlite3_str_append(pStr, zBuf, n+3);
      }
      jjjJsonAppendNumber(pStr, mx.aCell[i].r);
    }
  }
  sqlite3_str_appendchar(pStr, 1, '}');
  sqlite3_free(mx.pAlloc);
  jjjResultStr(ctx, pStr);
}

void jjjEntValue(sqlite3_context *ctx){
  entResult(ctx, (EntCtx*)sqlite3_aggregate_context(ctx, 0), 0);
}

void jjjEntFinal(sqlite3_context *ctx){
  EntCtx *p = (EntCtx*)sqlite3_aggregate_context(ctx, 0);
  entResult(ctx, p, 1);
  if( p ){
    sqlite3_free(p->item.a);
    sqlite3_free(p->item.aSlot);
    sqlite3_free(p->crit.a);
    sqlite3_free(p->crit.aSlot);
    sqlite3_free(p->zArena);
    sqlite3_free(p->val.a);
    sqlite3_free(p->run.a);
    sqlite3_free(p->seq.a);
    sqlite3_free(p->zOpt);
  }
}
