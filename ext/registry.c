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
  JJJ_SCALAR("jjj_pct_change",    2, JJJ_PURE, jjjPctChangeFunc, 0),
  JJJ_SCALAR("jjj_log_change",    2, JJJ_PURE, jjjLogChangeFunc, 0),
  JJJ_SCALAR("jjj_cagr",          3, JJJ_PURE, jjjCagrFunc, 0),
  JJJ_SCALAR("jjj_doubling_time", 1, JJJ_PURE, jjjDoublingTimeFunc, 0),
  JJJ_SCALAR("jjj_rebase",        2, JJJ_PURE, jjjRebaseFunc, 0),
  JJJ_SCALAR("jjj_rebase",        3, JJJ_PURE, jjjRebaseFunc, 0),
  JJJ_SCALAR("jjj_real_growth",   2, JJJ_PURE, jjjRealGrowthFunc, 0),
  JJJ_SCALAR("jjj_deflate",       2, JJJ_PURE, jjjDeflateFunc, 0),
  JJJ_SCALAR("jjj_deflator",      2, JJJ_PURE, jjjDeflatorFunc, 0),
  JJJ_SCALAR("jjj_contribution",  4, JJJ_PURE, jjjContributionFunc, 0),
  JJJ_SCALAR("jjj_pull",          3, JJJ_PURE, jjjPullFunc, 0),
  JJJ_WINDOW("jjj_cagr",          2, JJJ_PURE, jjjGrowthStep, jjjGrowthFinal,
             jjjGrowthValue, jjjGrowthInverse, JJJ_GROWTH_CAGR),
  JJJ_WINDOW("jjj_chain_index",   2, JJJ_PURE, jjjGrowthStep, jjjGrowthFinal,
             jjjGrowthValue, jjjGrowthInverse, JJJ_GROWTH_CHAIN),
  JJJ_WINDOW("jjj_avg_rate",      2, JJJ_PURE, jjjGrowthStep, jjjGrowthFinal,
             jjjGrowthValue, jjjGrowthInverse, JJJ_GROWTH_AVG),
  JJJ_WINDOW("jjj_transform",     2, JJJ_PURE, jjjTransformStep,
             jjjTransformFinal, jjjTransformValue, jjjTransformInverse, 0),
  JJJ_WINDOW("jjj_transform",     3, JJJ_PURE, jjjTransformStep,
             jjjTransformFinal, jjjTransformValue, jjjTransformInverse, 0),
  JJJ_WINDOW("jjj_sparkline",     1, JJJ_PURE, jjjSparklineStep,
             jjjSparklineFinal, jjjSparklineValue, jjjSparklineInverse, 0),
  JJJ_SCALAR("jjj_bar",           2, JJJ_PURE, jjjBarFunc, 0),
  JJJ_SCALAR("jjj_bar",           3, JJJ_PURE, jjjBarFunc, 0),

  /* ---- stats.c: PostgreSQL-compatible statistical aggregates --------- */

  /* ---- inequality.c -------------------------------------------------- */

  /* ---- convergence.c ------------------------------------------------- */

  /* ---- coupling.c ---------------------------------------------------- */

  /* ---- entropy.c ----------------------------------------------------- */

  /* ---- linkage.c ----------------------------------------------------- */

  /* ---- load.c: user bundles ------------------------------------------ */

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
