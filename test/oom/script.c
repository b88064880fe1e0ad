/*
** script.c - build the statement list of the reliability drivers; see
** script.h.  Uses libc's allocator only.
*/
#include "script.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <ctype.h>

static void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( p==0 ){ fprintf(stderr, "script: out of memory\n"); exit(2); }
  return p;
}
static char *xstrdup(const char *z){
  size_t n = strlen(z);
  char *p = xmalloc(n+1);
  memcpy(p, z, n+1);
  return p;
}
static char *xprintf(const char *zFmt, ...){
  va_list ap;
  int n;
  char *z;
  va_start(ap, zFmt);
  n = vsnprintf(0, 0, zFmt, ap);
  va_end(ap);
  z = xmalloc((size_t)n+1);
  va_start(ap, zFmt);
  vsnprintf(z, (size_t)n+1, zFmt, ap);
  va_end(ap);
  return z;
}

static void scriptAdd(Script *p, char *zSql, char *zWhat){
  if( p->nStmt==p->nAlloc ){
    p->nAlloc = p->nAlloc ? 2*p->nAlloc : 64;
    p->aStmt = realloc(p->aStmt, sizeof(Stmt)*(size_t)p->nAlloc);
    if( p->aStmt==0 ){ fprintf(stderr, "script: out of memory\n"); exit(2); }
  }
  p->aStmt[p->nStmt].zSql = zSql;
  p->aStmt[p->nStmt].zWhat = zWhat;
  p->nStmt++;
}

void scriptFree(Script *p){
  int i;
  for(i=0; i<p->nStmt; i++){
    free(p->aStmt[i].zSql);
    free(p->aStmt[i].zWhat);
  }
  free(p->aStmt);
  free(p->zSetup);
  memset(p, 0, sizeof(*p));
}

static char *readFile(const char *zFile){
  FILE *f = fopen(zFile, "rb");
  long n;
  char *z;
  if( f==0 ) return 0;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = xmalloc((size_t)n+1);
  if( fread(z, 1, (size_t)n, f)!=(size_t)n ){ fclose(f); free(z); return 0; }
  z[n] = 0;
  fclose(f);
  return z;
}

/* Does z hold anything but white space and -- comments? */
static int hasSql(const char *z){
  while( *z ){
    if( isspace((unsigned char)*z) ){ z++; continue; }
    if( z[0]=='-' && z[1]=='-' ){
      while( *z && *z!='\n' ) z++;
      continue;
    }
    return 1;
  }
  return 0;
}

int scriptReadSql(Script *p, const char *zFile){
  char *zAll = readFile(zFile);
  char *zLine, *zNext;
  size_t nBuf = 0, nAlloc = 0;
  char *zBuf = 0;
  int iLine = 0, iStart = 0;
  const char *zBase = strrchr(zFile, '/');
  zBase = zBase ? zBase+1 : zFile;
  if( zAll==0 ){
    fprintf(stderr, "cannot read %s\n", zFile);
    return -1;
  }
  for(zLine=zAll; *zLine; zLine=zNext){
    size_t n;
    zNext = strchr(zLine, '\n');
    zNext = zNext ? zNext+1 : zLine+strlen(zLine);
    n = (size_t)(zNext - zLine);
    iLine++;
    if( nBuf==0 || !hasSql(zBuf) ){ nBuf = 0; iStart = iLine; }
    if( nBuf+n+1>nAlloc ){
      nAlloc = 2*(nBuf+n+1);
      zBuf = realloc(zBuf, nAlloc);
      if( zBuf==0 ){ fprintf(stderr, "script: out of memory\n"); exit(2); }
    }
    memcpy(zBuf+nBuf, zLine, n);
    nBuf += n;
    zBuf[nBuf] = 0;
    if( hasSql(zBuf) && sqlite3_complete(zBuf) ){
      scriptAdd(p, xstrdup(zBuf), xprintf("%s:%d", zBase, iStart));
      nBuf = 0;
    }
  }
  if( nBuf && hasSql(zBuf) ){
    fprintf(stderr, "%s:%d: statement without a final ';'\n", zBase, iStart);
    p->nFail++;
  }
  free(zBuf);
  free(zAll);
  return 0;
}

/*
** calls.txt: "@source SQL" once, then "name/narg [@flag...] args" lines.
*/
typedef struct Call Call;
struct Call {
  char *zName;
  int nArg;
  int bOnce;
  char *zArgs;
  int bUsed;
};

static char *trim(char *z){
  char *zEnd;
  while( isspace((unsigned char)*z) ) z++;
  zEnd = z + strlen(z);
  while( zEnd>z && isspace((unsigned char)zEnd[-1]) ) *--zEnd = 0;
  return z;
}

static int parseCalls(const char *zFile, char **pzSource, Call **paCall,
                      int *pnCall){
  char *zAll = readFile(zFile);
  char *zLine, *zNext;
  Call *aCall = 0;
  int nCall = 0, iLine = 0, nErr = 0;
  *pzSource = 0;
  if( zAll==0 ){
    fprintf(stderr, "cannot read %s\n", zFile);
    return -1;
  }
  for(zLine=zAll; zLine && *zLine; zLine=zNext){
    char *z, *zSlash;
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    iLine++;
    z = trim(zLine);
    if( z[0]==0 || z[0]=='#' ) continue;
    if( strncmp(z, "@source", 7)==0 ){
      free(*pzSource);
      *pzSource = xstrdup(trim(z+7));
      continue;
    }
    aCall = realloc(aCall, sizeof(Call)*(size_t)(nCall+1));
    if( aCall==0 ){ fprintf(stderr, "script: out of memory\n"); exit(2); }
    memset(&aCall[nCall], 0, sizeof(Call));
    zSlash = strchr(z, '/');
    if( zSlash==0 ){
      fprintf(stderr, "%s:%d: expected name/narg\n", zFile, iLine);
      nErr++;
      continue;
    }
    *zSlash = 0;
    aCall[nCall].zName = xstrdup(z);
    aCall[nCall].nArg = (int)strtol(zSlash+1, &z, 10);
    for(;;){
      z = trim(z);
      if( strncmp(z, "@once", 5)==0 ){ aCall[nCall].bOnce = 1; z += 5; continue; }
      if( z[0]=='@' ){
        fprintf(stderr, "%s:%d: unknown flag %s\n", zFile, iLine, z);
        nErr++;
      }
      break;
    }
    aCall[nCall].zArgs = xstrdup(z);
    nCall++;
  }
  free(zAll);
  if( *pzSource==0 ){
    fprintf(stderr, "%s: no @source line\n", zFile);
    nErr++;
  }
  *paCall = aCall;
  *pnCall = nCall;
  return nErr ? -1 : 0;
}

/* Split an argument list at top-level commas (outside quotes and
** parentheses) into at most mx malloc'd, trimmed parts. */
#define MAX_ARGS 130
static int splitArgs(const char *z, char **az, int mx){
  int n = 0, depth = 0;
  char q = 0;
  const char *zStart = z;
  if( *z==0 ) return 0;
  for(;; z++){
    if( q ){
      if( *z==q ) q = 0;
      else if( *z==0 ) break;
      continue;
    }
    if( *z=='\'' || *z=='"' ){ q = *z; continue; }
    if( *z=='(' ) depth++;
    if( *z==')' ) depth--;
    if( *z==0 || (*z==',' && depth==0) ){
      if( n<mx ){
        char *zPart = xmalloc((size_t)(z-zStart)+1);
        memcpy(zPart, zStart, (size_t)(z-zStart));
        zPart[z-zStart] = 0;
        az[n] = xstrdup(trim(zPart));
        free(zPart);
        n++;
      }
      if( *z==0 ) break;
      zStart = z+1;
    }
  }
  return n;
}

/* Add the statements that call zName(zArgs) in each context of its type
** cType: 's' scalar, 'a' aggregate, 'w' window.  bErr (for the error-path
** variants): only the plain aggregate and the moving frame. */
static void addFuncStmts(Script *p, const char *zName, int nArg,
                         char cType, int bErr, int bOnce, const char *zArgs,
                         const char *zNote){
  const char *zFrom = bOnce ? "FROM t WHERE i=1" : "FROM t";
  if( cType=='s' ){
    scriptAdd(p, xprintf("SELECT i, %s(%s) %s ORDER BY i", zName, zArgs,
                         zFrom),
              xprintf("%s/%d scalar%s", zName, nArg, zNote));
    return;
  }
  scriptAdd(p, xprintf("SELECT %s(%s) %s", zName, zArgs, zFrom),
            xprintf("%s/%d aggregate%s", zName, nArg, zNote));
  if( !bErr ){
    scriptAdd(p, xprintf("SELECT g, %s(%s) %s GROUP BY g ORDER BY g",
                         zName, zArgs, zFrom),
              xprintf("%s/%d aggregate by group%s", zName, nArg, zNote));
    scriptAdd(p, xprintf("SELECT %s(%s) %s AND 0", zName, zArgs,
                         bOnce ? zFrom : "FROM t WHERE 1"),
              xprintf("%s/%d aggregate, no rows%s", zName, nArg, zNote));
  }
  if( cType!='w' ) return;
  scriptAdd(p, xprintf("SELECT i, %s(%s) OVER (ORDER BY i ROWS BETWEEN 2 "
                       "PRECEDING AND CURRENT ROW) %s ORDER BY i",
                       zName, zArgs, zFrom),
            xprintf("%s/%d window, moving frame%s", zName, nArg, zNote));
  if( !bErr ){
    scriptAdd(p, xprintf("SELECT i, %s(%s) OVER (PARTITION BY g ORDER BY i)"
                         " %s ORDER BY i", zName, zArgs, zFrom),
              xprintf("%s/%d window, growing frame%s", zName, nArg, zNote));
  }
}

int scriptAddCalls(Script *p, sqlite3 *db, const char *zCalls){
  char *zSource = 0;
  Call *aCall = 0;
  int nCall = 0, i, rc;
  sqlite3_stmt *pStmt = 0;
  int nPart, k;
  char *azPart[MAX_ARGS];
  if( parseCalls(zCalls, &zSource, &aCall, &nCall) ){
    p->nFail++;
    if( zSource==0 ){ free(aCall); return -1; }
  }
  rc = sqlite3_prepare_v2(db,
      "SELECT name, narg, type FROM pragma_function_list"
      " WHERE name LIKE 'jjj\\_%' ESCAPE '\\' ORDER BY name, narg, type",
      -1, &pStmt, 0);
  if( rc ){
    fprintf(stderr, "pragma_function_list: %s\n", sqlite3_errmsg(db));
    p->nFail++;
    return -1;
  }
  while( sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    int nArg = sqlite3_column_int(pStmt, 1);
    const char *zType = (const char*)sqlite3_column_text(pStmt, 2);
    Call *c = 0;
    for(i=0; i<nCall; i++){
      if( strcmp(aCall[i].zName, zName)==0 && aCall[i].nArg==nArg ){
        c = &aCall[i];
        break;
      }
    }
    if( c==0 ){
      fprintf(stderr, "not covered: %s/%d has no row in %s\n",
              zName, nArg, zCalls);
      p->nFail++;
      continue;
    }
    c->bUsed = 1;
    addFuncStmts(p, zName, nArg, zType[0], 0, c->bOnce, c->zArgs, "");
    /* error paths: a blob as the first argument, text as the last (for an
    ** aggregate in row 5 only, so the error comes mid-stream) */
    nPart = splitArgs(c->zArgs, azPart, MAX_ARGS);
    for(k=0; k<2 && nPart>0; k++){
      int iPos = k==0 ? 0 : nPart-1;
      const char *zBad = k==0 ? "x'00ff'" : "'abc'";
      char *zArgs, *zOne;
      int j;
      if( k==1 && nPart<2 ) break;
      if( zType[0]=='s' || c->bOnce ) zOne = xprintf("%s", zBad);
      else zOne = xprintf("CASE WHEN i=5 THEN %s ELSE %s END", zBad,
                          azPart[iPos]);
      zArgs = xstrdup("");
      for(j=0; j<nPart; j++){
        char *zNew = xprintf("%s%s%s", zArgs, j ? ", " : "",
                             j==iPos ? zOne : azPart[j]);
        free(zArgs);
        zArgs = zNew;
      }
      addFuncStmts(p, zName, nArg, zType[0], 1, c->bOnce, zArgs,
                   k==0 ? ", bad first argument" : ", bad last argument");
      free(zArgs);
      free(zOne);
    }
    for(k=0; k<nPart; k++) free(azPart[k]);
  }
  sqlite3_finalize(pStmt);
  for(i=0; i<nCall; i++){
    if( !aCall[i].bUsed ){
      fprintf(stderr, "note: %s has a row for %s/%d, which is not "
              "registered\n", zCalls, aCall[i].zName, aCall[i].nArg);
    }
    free(aCall[i].zName);
    free(aCall[i].zArgs);
  }
  free(aCall);
  free(p->zSetup);
  p->zSetup = xprintf("CREATE TEMP TABLE t AS %s SELECT * FROM t", zSource);
  free(zSource);
  return 0;
}

/* Is zName in z as a whole word? */
static int hasWord(const char *z, const char *zName){
  size_t n = strlen(zName);
  const char *q;
  for(q=strstr(z, zName); q; q=strstr(q+1, zName)){
    int cBefore = q==z ? ' ' : (unsigned char)q[-1];
    int cAfter = (unsigned char)q[n];
    if( (isalnum(cBefore) || cBefore=='_') ) continue;
    if( (isalnum(cAfter) || cAfter=='_') ) continue;
    return 1;
  }
  return 0;
}

void scriptCheckModules(Script *p, sqlite3 *db){
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db,
      "SELECT name FROM pragma_module_list"
      " WHERE name LIKE 'jjj\\_%' ESCAPE '\\' ORDER BY name", -1, &pStmt, 0);
  if( rc ){
    fprintf(stderr, "pragma_module_list: %s\n", sqlite3_errmsg(db));
    p->nFail++;
    return;
  }
  while( sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    int i;
    for(i=0; i<p->nStmt; i++){
      if( hasWord(p->aStmt[i].zSql, zName) ) break;
    }
    if( i==p->nStmt ){
      fprintf(stderr, "not covered: table %s appears in no statement of "
              "test/oom/script.sql\n", zName);
      p->nFail++;
    }
  }
  sqlite3_finalize(pStmt);
}

/* A growing libc string */
typedef struct Out Out;
struct Out { char *z; size_t n, nAlloc; };
static void outAppend(Out *p, const char *z, size_t n){
  if( p->n+n+1>p->nAlloc ){
    p->nAlloc = 2*(p->n+n+1) + 64;
    p->z = realloc(p->z, p->nAlloc);
    if( p->z==0 ){ fprintf(stderr, "script: out of memory\n"); exit(2); }
  }
  memcpy(p->z+p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}
static void outf(Out *p, const char *zFmt, ...){
  char zBuf[64];
  va_list ap;
  int n;
  va_start(ap, zFmt);
  n = vsnprintf(zBuf, sizeof(zBuf), zFmt, ap);
  va_end(ap);
  outAppend(p, zBuf, (size_t)n);
}

/* Render a column with the accessor of its own type: no conversion, so no
** allocation inside SQLite while the fault injector is armed. */
static void renderColumn(Out *p, sqlite3_stmt *pStmt, int i){
  switch( sqlite3_column_type(pStmt, i) ){
    case SQLITE_NULL: outAppend(p, "NULL", 4); break;
    case SQLITE_INTEGER:
      outf(p, "i:%lld", (long long)sqlite3_column_int64(pStmt, i));
      break;
    case SQLITE_FLOAT: outf(p, "r:%.17g", sqlite3_column_double(pStmt, i)); break;
    case SQLITE_TEXT: {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      int n = sqlite3_column_bytes(pStmt, i);
      outAppend(p, "t:'", 3);
      if( z ) outAppend(p, (const char*)z, (size_t)n);
      else outAppend(p, "<no memory>", 11);
      outAppend(p, "'", 1);
      break;
    }
    default: {
      const unsigned char *a = sqlite3_column_blob(pStmt, i);
      int n = sqlite3_column_bytes(pStmt, i), j;
      outAppend(p, "b:", 2);
      for(j=0; j<n && a; j++) outf(p, "%02x", a[j]);
      break;
    }
  }
}

char *scriptRun(sqlite3 *db, const char *zSql, int *pRc){
  Out out = {0, 0, 0};
  const char *zTail = zSql;
  int rc = SQLITE_OK;
  outAppend(&out, "", 0);
  while( rc==SQLITE_OK && zTail && zTail[0] ){
    sqlite3_stmt *pStmt = 0;
    rc = sqlite3_prepare_v2(db, zTail, -1, &pStmt, &zTail);
    if( rc || pStmt==0 ) break;
    while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){
      int i, n = sqlite3_column_count(pStmt);
      for(i=0; i<n; i++){
        if( i ) outAppend(&out, "|", 1);
        renderColumn(&out, pStmt, i);
      }
      outAppend(&out, "\n", 1);
    }
    if( rc==SQLITE_DONE ) rc = SQLITE_OK;
    rc = sqlite3_finalize(pStmt) ? sqlite3_errcode(db) : rc;
  }
  if( rc ){
    const char *zMsg = sqlite3_errmsg(db);
    outf(&out, "error %d: ", rc & 0xff);
    outAppend(&out, zMsg, strlen(zMsg));
  }
  *pRc = rc & 0xff;
  return out.z;
}

int scriptSetup(Script *p, sqlite3 *db){
  if( p->zSetup==0 ) return SQLITE_OK;
  return sqlite3_exec(db, p->zSetup, 0, 0, 0);
}

int scriptRefIsBroken(const char *zResult){
  const char *zErr = strstr(zResult, "error ");
  if( zErr==0 ) return 0;
  return strstr(zErr, "no such ")!=0
      || strstr(zErr, "syntax error")!=0
      || strstr(zErr, "wrong number of arguments")!=0
      || strstr(zErr, "out of memory")!=0;
}
