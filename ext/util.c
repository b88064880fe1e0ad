/*
** util.c - argument and result helpers shared by every SQL function.
**
** The conventions (docs/conventions.md):
**   - SQL NULL in a scalar's argument gives NULL (the caller returns);
**   - integers, reals and text that reads as a number are numeric;
**   - other text and blobs are a structural error:
**       jjj_fn(): argument 2 must be numeric, got 'abc'
**   - a result that is not finite (overflow, 0/0) is NULL.
*/
#include "jjj.h"
#include <stdarg.h>
#include <string.h>
#include <math.h>

char *jjjValueRepr(sqlite3_value *v){
  switch( sqlite3_value_type(v) ){
    case SQLITE_NULL:    return sqlite3_mprintf("NULL");
    case SQLITE_INTEGER: return sqlite3_mprintf("%lld", sqlite3_value_int64(v));
    case SQLITE_FLOAT:   return sqlite3_mprintf("%!.15g", sqlite3_value_double(v));
    case SQLITE_BLOB:    return sqlite3_mprintf("a blob of %d bytes",
                                                sqlite3_value_bytes(v));
    default: {
      const char *z = (const char*)sqlite3_value_text(v);
      int n = sqlite3_value_bytes(v);
      if( z==0 ) return 0;
      if( n>40 ) return sqlite3_mprintf("'%.40q...'", z);
      return sqlite3_mprintf("'%q'", z);
    }
  }
}

void jjjResultError(sqlite3_context *ctx, const char *zFn, const char *zFmt, ...){
  va_list ap;
  char *zMsg, *zAll;
  va_start(ap, zFmt);
  zMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  zAll = zMsg ? sqlite3_mprintf("%s(): %s", zFn, zMsg) : 0;
  if( zAll==0 ){
    sqlite3_result_error_nomem(ctx);
  }else{
    sqlite3_result_error(ctx, zAll, -1);
  }
  sqlite3_free(zMsg);
  sqlite3_free(zAll);
}

void jjjResultErrorGot(sqlite3_context *ctx, const char *zFn,
                       const char *zMsg, sqlite3_value *v){
  char *zRepr = jjjValueRepr(v);
  if( zRepr==0 ){ sqlite3_result_error_nomem(ctx); return; }
  jjjResultError(ctx, zFn, "%s, got %s", zMsg, zRepr);
  sqlite3_free(zRepr);
}

static int argTypeError(sqlite3_context *ctx, const char *zFn,
                        sqlite3_value *v, int iArg, const char *zWant){
  char *zRepr = jjjValueRepr(v);
  if( zRepr==0 ){
    sqlite3_result_error_nomem(ctx);
  }else{
    jjjResultError(ctx, zFn, "argument %d must be %s, got %s", iArg+1,
                   zWant, zRepr);
    sqlite3_free(zRepr);
  }
  return JJJ_ARG_ERROR;
}

int jjjArgDouble(sqlite3_context *ctx, const char *zFn, sqlite3_value **argv,
                 int iArg, double *pr){
  sqlite3_value *v = argv[iArg];
  switch( sqlite3_value_type(v) ){
    case SQLITE_NULL:
      return JJJ_ARG_NULL;
    case SQLITE_INTEGER:
      *pr = (double)sqlite3_value_int64(v);
      return JJJ_ARG_OK;
    case SQLITE_FLOAT:
      *pr = sqlite3_value_double(v);
      return JJJ_ARG_OK;
    case SQLITE_TEXT: {
      int e = sqlite3_value_numeric_type(v);
      if( e==SQLITE_INTEGER ){ *pr = (double)sqlite3_value_int64(v); return JJJ_ARG_OK; }
      if( e==SQLITE_FLOAT ){ *pr = sqlite3_value_double(v); return JJJ_ARG_OK; }
      return argTypeError(ctx, zFn, v, iArg, "numeric");
    }
    default:
      return argTypeError(ctx, zFn, v, iArg, "numeric");
  }
}

int jjjArgInt(sqlite3_context *ctx, const char *zFn, sqlite3_value **argv,
              int iArg, sqlite3_int64 *pi){
  double r;
  sqlite3_value *v = argv[iArg];
  int e = sqlite3_value_type(v);
  if( e==SQLITE_INTEGER ){ *pi = sqlite3_value_int64(v); return JJJ_ARG_OK; }
  if( e==SQLITE_TEXT && sqlite3_value_numeric_type(v)==SQLITE_INTEGER ){
    *pi = sqlite3_value_int64(v);
    return JJJ_ARG_OK;
  }
  e = jjjArgDouble(ctx, zFn, argv, iArg, &r);
  if( e!=JJJ_ARG_OK ) return e;
  if( !(r>=-9.2e18 && r<=9.2e18) || r!=floor(r) ){
    return argTypeError(ctx, zFn, v, iArg, "an integer");
  }
  *pi = (sqlite3_int64)r;
  return JJJ_ARG_OK;
}

int jjjVtabConnect(sqlite3 *db, const char *zSchema, size_t nByte,
                   sqlite3_vtab **ppVtab){
  sqlite3_vtab *p;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if( rc ) return rc;
  p = sqlite3_malloc64(nByte);
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, nByte);
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = p;
  return SQLITE_OK;
}

int jjjVtabReadOnly(sqlite3_vtab *pVtab, const char *zTable){
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_mprintf("%s is read-only", zTable);
  return pVtab->zErrMsg ? SQLITE_READONLY : SQLITE_NOMEM;
}

void jjjResultStatic(sqlite3_context *ctx, const char *z){
  if( z ) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

void jjjResultStr(sqlite3_context *ctx, sqlite3_str *pStr){
  int rc = sqlite3_str_errcode(pStr);
  char *z = sqlite3_str_finish(pStr);
  if( rc==SQLITE_NOMEM ){
    sqlite3_result_error_nomem(ctx);
  }else if( rc ){
    sqlite3_result_error_toobig(ctx);
  }else if( z==0 ){
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);  /* an empty string */
  }else{
    sqlite3_result_text(ctx, z, -1, sqlite3_free);
    return;
  }
  sqlite3_free(z);
}

void jjjResultFinite(sqlite3_context *ctx, double r){
  if( isfinite(r) ) sqlite3_result_double(ctx, r);
  else sqlite3_result_null(ctx);
}

/* The FIFO of window rows (JjjRows) */
int jjjRowsPush(JjjRows *p, int nCol, const double *aRow){
  if( p->iHead + p->nRow>=p->nAlloc ){
    if( p->iHead>0 && p->iHead>=p->nRow ){
      /* at least half is free at the front: slide down (amortised O(1)) */
      memmove(p->a, p->a + p->iHead*nCol,
              (size_t)(p->nRow*nCol)*sizeof(double));
      p->iHead = 0;
    }else{
      sqlite3_int64 nNew = p->nAlloc ? 2*p->nAlloc : 16;
      double *aNew = sqlite3_realloc64(p->a,
                         (sqlite3_uint64)(nNew*nCol)*sizeof(double));
      if( aNew==0 ) return SQLITE_NOMEM;
      p->a = aNew;
      p->nAlloc = nNew;
    }
  }
  memcpy(p->a + (p->iHead + p->nRow)*nCol, aRow, (size_t)nCol*sizeof(double));
  p->nRow++;
  return SQLITE_OK;
}

void jjjRowsPop(JjjRows *p){
  if( p->nRow>0 ){
    p->iHead++;
    p->nRow--;
  }
  if( p->nRow==0 ) p->iHead = 0;
}

double *jjjRowsLive(const JjjRows *p, int nCol){
  return p->a ? p->a + p->iHead*nCol : 0;
}

void jjjRowsFree(JjjRows *p){
  sqlite3_free(p->a);
  memset(p, 0, sizeof(*p));
}
