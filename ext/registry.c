/*
** registry.c - the registration table: every SQL function and every
** virtual-table module of the extension, with its flags.
**
** This is the one list.  The entry point (jingjinji.c) registers exactly
** these rows; test/registry.test checks pragma_function_list and
** pragma_module_list against it, and the documentation is checked against
** both.  Flags:
**   JJJ_PURE = SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS  for pure functions;
**   SQLITE_DIRECTONLY for anything that reads files or writes tables.
** SQLITE_UTF8 is added for every row by the registration loop.
**
** Keep each area's rows together, in the order of the sections below.
*/
#include "jjj.h"

const JjjFunc jjjFuncs[] = {
  /* ---- meta.c: build facts ------------------------------------------ */
  JJJ_SCALAR("jjj_debug",   0, JJJ_PURE, jjjDebugFunc, 0),

  /* ---- growth.c ------------------------------------------------------ */

  /* ---- stats.c: PostgreSQL-compatible statistical aggregates --------- */

  /* ---- inequality.c -------------------------------------------------- */

  /* ---- convergence.c ------------------------------------------------- */

  /* ---- coupling.c ---------------------------------------------------- */

  /* ---- entropy.c ----------------------------------------------------- */

  /* ---- linkage.c ----------------------------------------------------- */

  /* ---- load.c: user bundles ------------------------------------------ */
  JJJ_CONNFN("jjj_load",        1, SQLITE_DIRECTONLY, jjjLoadFunc),
  JJJ_CONNFN("jjj_unload",      1, SQLITE_DIRECTONLY, jjjUnloadFunc),
  JJJ_CONNFN("jjj_materialize", 0, SQLITE_DIRECTONLY, jjjMaterializeFunc),
  JJJ_CONNFN("jjj_materialize", 1, SQLITE_DIRECTONLY, jjjMaterializeFunc),

  /* ---- jjj_version last: a complete registration ends with it -------- */
  JJJ_SCALAR("jjj_version", 0, JJJ_PURE, jjjVersionFunc, 0),
};
const int jjjnFunc = (int)(sizeof(jjjFuncs)/sizeof(jjjFuncs[0]));

const JjjModule jjjModules[] = {
  { "jjj_regions",      &jjjRegionsModule },
  { "jjj_indicators",   &jjjIndicatorsModule },
  { "jjj_sources",      &jjjSourcesModule },
  { "jjj_observations", &jjjObservationsModule },
  { "jjj_series",       &jjjSeriesModule },
  { "jjj_info",         &jjjInfoModule },
};
const int jjjnModule = (int)(sizeof(jjjModules)/sizeof(jjjModules[0]));
