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
  JJJ_SCALAR("jjj_coupling",      -1, JJJ_PURE, jjjCouplingFunc, 0),
  JJJ_SCALAR("jjj_coupling_wang", -1, JJJ_PURE, jjjCouplingFunc,
             JJJ_CPL_WANG),
  JJJ_SCALAR("jjj_ccd",           -1, JJJ_PURE, jjjCouplingFunc, JJJ_CPL_D),
  JJJ_SCALAR("jjj_ccd_wang",      -1, JJJ_PURE, jjjCouplingFunc,
             JJJ_CPL_WANG|JJJ_CPL_D),
  JJJ_SCALAR("jjj_ccd_level",      1, JJJ_PURE, jjjCcdLevelFunc, 0),
  JJJ_SCALAR("jjj_ccd_level",      2, JJJ_PURE, jjjCcdLevelFunc, 0),
  JJJ_SCALAR("jjj_ccd_label",      1, JJJ_PURE, jjjCcdLabelFunc, 0),
  JJJ_SCALAR("jjj_ccd_label",      2, JJJ_PURE, jjjCcdLabelFunc, 0),
  JJJ_SCALAR("jjj_ccd_label",      3, JJJ_PURE, jjjCcdLabelFunc, 0),

  /* ---- entropy.c ----------------------------------------------------- */
  JJJ_WINDOW("jjj_entropy_weights", 3, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_WEIGHTS),
  JJJ_WINDOW("jjj_entropy_weights", 4, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_WEIGHTS),
  JJJ_WINDOW("jjj_entropy_weights", 5, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_WEIGHTS),
  JJJ_WINDOW("jjj_entropy_scores",  3, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_SCORES),
  JJJ_WINDOW("jjj_entropy_scores",  4, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_SCORES),
  JJJ_WINDOW("jjj_entropy_scores",  5, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_SCORES),
  JJJ_WINDOW("jjj_topsis",          3, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_TOPSIS),
  JJJ_WINDOW("jjj_topsis",          4, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_TOPSIS),
  JJJ_WINDOW("jjj_topsis",          5, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_TOPSIS),
  JJJ_WINDOW("jjj_topsis",          6, JJJ_PURE, jjjEntStep, jjjEntFinal,
             jjjEntValue, jjjEntInverse, JJJ_ENT_TOPSIS),

  /* ---- linkage.c ----------------------------------------------------- */
  JJJ_SCALAR("jjj_gravity",       5, JJJ_PURE, jjjGravityFunc, 0),
  JJJ_SCALAR("jjj_gravity",       6, JJJ_PURE, jjjGravityFunc, 0),
  JJJ_SCALAR("jjj_gravity",       7, JJJ_PURE, jjjGravityFunc, 0),
  JJJ_SCALAR("jjj_haversine_km",  4, JJJ_PURE, jjjHaversineFunc, 0),
  JJJ_SCALAR("jjj_location_quotient", 4, JJJ_PURE,
             jjjLocationQuotientFunc, 0),
  JJJ_WINDOW("jjj_krugman",       2, JJJ_PURE, jjjPairStep, jjjPairFinal,
             jjjPairValue, jjjPairInverse, JJJ_PAIR_KRUGMAN),
  JJJ_WINDOW("jjj_similarity",    2, JJJ_PURE, jjjPairStep, jjjPairFinal,
             jjjPairValue, jjjPairInverse, JJJ_PAIR_SIMILARITY),

  /* ---- svg.c: charts ------------------------------------------------ */
  JJJ_AGG("jjj_svg_line", 2, JJJ_PURE, jjjSvgLineStep, jjjSvgLineFinal, 0),
  JJJ_AGG("jjj_svg_line", 3, JJJ_PURE, jjjSvgLineStep, jjjSvgLineFinal, 0),
  JJJ_AGG("jjj_svg_line", 4, JJJ_PURE, jjjSvgLineStep, jjjSvgLineFinal, 0),
  JJJ_AGG("jjj_svg_bar",  2, JJJ_PURE, jjjSvgBarStep,  jjjSvgBarFinal,  0),
  JJJ_AGG("jjj_svg_bar",  3, JJJ_PURE, jjjSvgBarStep,  jjjSvgBarFinal,  0),
  JJJ_AGG("jjj_svg_bar",  4, JJJ_PURE, jjjSvgBarStep,  jjjSvgBarFinal,  0),

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
