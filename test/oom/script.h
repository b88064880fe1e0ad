/*
** script.h - the statements the reliability drivers run (test/oom/oomtest.c,
** test/tsan/tsantest.c), built from two files:
**
**   test/oom/script.sql  hand-written statements: every table, jjj_series,
**                        jjj_load, error paths.  Statements end with ';' at
**                        the end of a line; '--' comments are allowed.
**   test/oom/calls.txt   one valid call per registered SQL function and
**                        arity (format in the file's header); the drivers
**                        generate the statements for each function from it
**                        and from pragma_function_list (scalar, aggregate
**                        or window), so a function that lands with a row in
**                        calls.txt is covered with no other change.
**
** The statements are generated on a live connection (scriptCheckCoverage()
** reports every registered function without a row and every table the
** script never names: the drivers count each as a failure).
**
** Memory here is libc's (malloc), never SQLite's, so that the drivers'
** own bookkeeping is invisible to the fault injector and to
** sqlite3_memory_used().
*/
#ifndef JJJ_TEST_SCRIPT_H
#define JJJ_TEST_SCRIPT_H

#include <sqlite3.h>

typedef struct Stmt Stmt;
struct Stmt {
  char *zSql;          /* the statement */
  char *zWhat;         /* where it came from: "script.sql:12", "jjj_x/2 window" */
};

typedef struct Script Script;
struct Script {
  int nStmt, nAlloc;
  Stmt *aStmt;
  int nFail;           /* coverage and parse failures found while building */
  char *zSetup;        /* run on each new connection: creates the table t */
};

/* Append statements of script.sql to p.  Returns 0, or -1 if unreadable. */
int scriptReadSql(Script *p, const char *zFile);

/* Append the generated function statements, from calls.txt and the
** functions registered on db.  Registered functions without a row are
** reported on stderr and counted in p->nFail.  Returns 0 or -1. */
int scriptAddCalls(Script *p, sqlite3 *db, const char *zCalls);

/* Run p->zSetup on db: "CREATE TEMP TABLE t AS <@source of calls.txt>",
** the rows the generated function statements read.  The drivers run it
** on every connection before the fault injector is armed, so that
** parsing a 12-row VALUES clause does not multiply every statement's
** trials.  Returns an SQLite result code. */
int scriptSetup(Script *p, sqlite3 *db);

/* Check that every module in pragma_module_list named jjj_% appears in a
** statement; reports and counts the missing in p->nFail. */
void scriptCheckModules(Script *p, sqlite3 *db);

void scriptFree(Script *p);

/* Run zSql on db and render every row and the outcome as a string
** (malloc'd): values are typed (NULL, i:42, r:1.5, t:'x', b:00ff), rows end
** with a newline, and an error ends the text with "error <rc>: <msg>".
** *pRc gets the primary result code (SQLITE_OK or the error). */
char *scriptRun(sqlite3 *db, const char *zSql, int *pRc);

/* A statement the drivers should refuse as a reference: the script is
** stale (unknown function or table, syntax error, wrong arity). */
int scriptRefIsBroken(const char *zResult);

#endif
