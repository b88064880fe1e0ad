/*
** meta.c - build facts.
**
**   SELECT jjj_version();   -- 'v0.1.0' (from the VERSION file)
**   SELECT jjj_debug();     -- multi-line: version, commit, SQLite header
**                           -- and runtime versions, zlib, dataset
**                           -- version and checksum, build flags
**
** The Makefile passes -DJJJ_VERSION, -DJJJ_COMMIT and -DJJJ_BUILD_FLAGS.
*/
#include "jjj.h"
#ifndef JJJ_NO_ZLIB
# include <zlib.h>
#endif

#ifndef JJJ_VERSION
# define JJJ_VERSION "v0.0.0-unknown"
#endif
#ifndef JJJ_COMMIT
# define JJJ_COMMIT "unknown"
#endif
#ifndef JJJ_BUILD_FLAGS
# define JJJ_BUILD_FLAGS "unknown"
#endif

const char *jjjVersionString(void){ return JJJ_VERSION; }

void jjjVersionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  JJJ_UNUSED(argc); JJJ_UNUSED(argv);
  sqlite3_result_text(ctx, JJJ_VERSION, -1, SQLITE_STATIC);
}

void jjjDebugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const JjjDataset *pDs = 0;
  char *zErr = 0;
  sqlite3_str *pStr;
  int rc;
  JJJ_UNUSED(argc); JJJ_UNUSED(argv);
  rc = jjjBuiltinAcquire(&pDs, &zErr);
  if( rc==SQLITE_NOMEM ){ sqlite3_result_error_nomem(ctx); return; }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "version: %s\n", JJJ_VERSION);
  sqlite3_str_appendf(pStr, "commit: %s\n", JJJ_COMMIT);
  sqlite3_str_appendf(pStr, "sqlite header: %s\n", SQLITE_VERSION);
  sqlite3_str_appendf(pStr, "sqlite runtime: %s\n", sqlite3_libversion());
#ifdef JJJ_NO_ZLIB
  sqlite3_str_appendf(pStr, "zlib: none (built-in inflate, JJJ_NO_ZLIB)\n");
#else
  sqlite3_str_appendf(pStr, "zlib header: %s\n", ZLIB_VERSION);
  sqlite3_str_appendf(pStr, "zlib runtime: %s\n", zlibVersion());
#endif
  /* The compiled-in bundle always decodes (the build checks it) and has a
  ** version: "unavailable" and "(no version)" are defensive. */
  if( ALWAYS(pDs) ){
    sqlite3_str_appendf(pStr, "dataset: %s %s\n", pDs->zName,
                        ALWAYS(pDs->zVersion) ? pDs->zVersion : "(no version)");
    sqlite3_str_appendf(pStr, "dataset checksum: %s\n", pDs->zChecksum);
    sqlite3_str_appendf(pStr, "dataset bundle: %lld bytes, payload %lld bytes\n",
                        pDs->nBundle, pDs->nPayload);
  }else{
    sqlite3_str_appendf(pStr, "dataset: unavailable (%s)\n",
                        zErr ? zErr : "error");
  }
#ifdef SQLITE_CORE
  sqlite3_str_appendf(pStr, "linkage: static (SQLITE_CORE)\n");
#else
  sqlite3_str_appendf(pStr, "linkage: loadable extension\n");
#endif
  sqlite3_str_appendf(pStr, "build flags: %s", JJJ_BUILD_FLAGS);
  sqlite3_free(zErr);
  if( ALWAYS(pDs) ) jjjBuiltinRelease();
  rc = sqlite3_str_errcode(pStr);
  if( rc ){
    sqlite3_free(sqlite3_str_finish(pStr));
    /* a few hundred bytes cannot exceed SQLITE_LIMIT_LENGTH */
    if( ALWAYS(rc==SQLITE_NOMEM) ) sqlite3_result_error_nomem(ctx);
    else sqlite3_result_error_toobig(ctx);
    return;
  }
  sqlite3_result_text(ctx, sqlite3_str_finish(pStr), -1, sqlite3_free);
}
