/*
** host.c - a small C host that links jingjinji statically: the "static"
** host (native, with libjingjinji.a and the system SQLite) and the "wasm"
** host (wasm32-wasi, with the SQLite amalgamation) are this program.
**
** It registers the extension for every new connection with
**     sqlite3_auto_extension((void(*)(void))sqlite3_jingjinji_init);
** opens an in-memory database, reads checks in the format of
** test/hosts/checks.tsv on standard input and prints "id<TAB>answer" for
** each (see checks.tsv).  With an argument it runs that one SQL statement
** and prints its first column instead: ./host 'SELECT jjj_version()'.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"
#include "jingjinji.h"

/* Print z with \, TAB and newline escaped */
static void putEscaped(const char *z){
  for(; *z; z++){
    if( *z=='\\' ) fputs("\\\\", stdout);
    else if( *z=='\t' ) fputs("\\t", stdout);
    else if( *z=='\n' ) fputs("\\n", stdout);
    else putchar(*z);
  }
}

/* Run zSql; print its first column of the first row (NULL if none) */
static void answer(sqlite3 *db, const char *zSql){
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if( rc==SQLITE_OK && pStmt==0 ){
    fputs("error: no statement", stdout);
    return;
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_step(pStmt);
    if( rc==SQLITE_ROW ){
      const char *z = (const char*)sqlite3_column_text(pStmt, 0);
      if( z==0 && sqlite3_column_type(pStmt, 0)!=SQLITE_NULL ){
        fputs("error: out of memory", stdout);
      }else{
        putEscaped(z ? z : "NULL");
      }
      rc = SQLITE_OK;
    }else if( rc==SQLITE_DONE ){
      fputs("NULL", stdout);
      rc = SQLITE_OK;
    }
  }
  if( rc!=SQLITE_OK ){
    fputs("error: ", stdout);
    putEscaped(sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
}

int main(int argc, char **argv){
  sqlite3 *db = 0;
  char *zLine = 0;
  size_t nAlloc = 0;
  ssize_t n;
  int rc;

  rc = sqlite3_auto_extension((void(*)(void))sqlite3_jingjinji_init);
  if( rc==SQLITE_OK ) rc = sqlite3_open(":memory:", &db);
  if( rc!=SQLITE_OK ){
    fprintf(stderr, "host: cannot open a database: %s\n",
            db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return 1;
  }
  if( argc>1 ){
    answer(db, argv[1]);
    putchar('\n');
    sqlite3_close(db);
    return 0;
  }
  while( (n = getline(&zLine, &nAlloc, stdin))>=0 ){
    char *azField[4] = {0, 0, 0, 0};
    char *z = zLine;
    int i;
    while( n>0 && (zLine[n-1]=='\n' || zLine[n-1]=='\r') ) zLine[--n] = 0;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    for(i=0; i<4 && z; i++){
      char *zTab = strchr(z, '\t');
      azField[i] = z;
      if( zTab ){ *zTab = 0; z = zTab+1; }else{ z = 0; }
    }
    if( azField[2]==0 ){
      fprintf(stderr, "host: malformed check line: %s\n", zLine);
      continue;
    }
    fputs(azField[0], stdout);
    putchar('\t');
    if( azField[3] && azField[3][0] ){
      char *zErr = 0;
      if( sqlite3_exec(db, azField[3], 0, 0, &zErr)!=SQLITE_OK ){
        fputs("error: ", stdout);
        putEscaped(zErr ? zErr : "setup failed");
        sqlite3_free(zErr);
        putchar('\n');
        continue;
      }
    }
    answer(db, azField[2]);
    putchar('\n');
    fflush(stdout);   /* a crash still leaves the answers before it */
  }
  free(zLine);
  fflush(stdout);
  rc = sqlite3_close(db);
  if( rc!=SQLITE_OK ){
    fprintf(stderr, "host: sqlite3_close: %s\n", sqlite3_errstr(rc));
    return 1;
  }
  return 0;
}
