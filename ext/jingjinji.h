/*
** jingjinji.h - public header of the jingjinji SQLite extension.
**
** Hosts that link the extension statically (libjingjinji.a, built with
** -DSQLITE_CORE) register it for every new connection with:
**
**     #include <sqlite3.h>
**     #include "jingjinji.h"
**     sqlite3_auto_extension((void(*)(void))sqlite3_jingjinji_init);
**
** Hosts that load the shared library (jingjinji.so) use load_extension()
** and do not need this header.
*/
#ifndef JINGJINJI_H
#define JINGJINJI_H

#ifdef __cplusplus
extern "C" {
#endif

struct sqlite3;
struct sqlite3_api_routines;

/* The entry point.  With -DSQLITE_CORE pApi is ignored and may be NULL. */
int sqlite3_jingjinji_init(
  struct sqlite3 *db,
  char **pzErrMsg,
  const struct sqlite3_api_routines *pApi
);

#ifdef __cplusplus
}
#endif

#endif /* JINGJINJI_H */
