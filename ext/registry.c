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
  JJJ_WINDOW("jjj_stddev_pop", 1, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_STDDEV_POP),
  JJJ_WINDOW("jjj_stddev_samp", 1, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_STDDEV_SAMP),
  JJJ_WINDOW("jjj_var_pop", 1, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_VAR_POP),
  JJJ_WINDOW("jjj_var_samp", 1, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_VAR_SAMP),
  JJJ_WINDOW("jjj_covar_pop", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_COVAR_POP),
  JJJ_WINDOW("jjj_covar_samp", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_COVAR_SAMP),
  JJJ_WINDOW("jjj_corr", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_CORR),
  JJJ_WINDOW("jjj_regr_slope", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_SLOPE),
  JJJ_WINDOW("jjj_regr_intercept", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_INTERCEPT),
  JJJ_WINDOW("jjj_regr_r2", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_R2),
  JJJ_WINDOW("jjj_regr_count", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_COUNT),
  JJJ_WINDOW("jjj_regr_sxx", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_SXX),
  JJJ_WINDOW("jjj_regr_syy", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_SYY),
  JJJ_WINDOW("jjj_regr_sxy", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_SXY),
  JJJ_WINDOW("jjj_regr_avgx", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_AVGX),
  JJJ_WINDOW("jjj_regr_avgy", 2, JJJ_PURE, jjjStatsStep, jjjStatsFinal,
             jjjStatsValue, jjjStatsInverse, JJJ_STATS_REGR_AVGY),

  /* ---- inequality.c -------------------------------------------------- */
  JJJ_WINDOW("jjj_gini", 1, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_GINI),
  JJJ_WINDOW("jjj_gini", 2, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_GINI_W),
  JJJ_WINDOW("jjj_gini_corrected", 1, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_GINI_CORRECTED),
  JJJ_WINDOW("jjj_theil_t", 1, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_THEIL_T),
  JJJ_WINDOW("jjj_theil_t", 2, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_THEIL_T_W),
  JJJ_WINDOW("jjj_theil_l", 1, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_THEIL_L),
  JJJ_WINDOW("jjj_theil_l", 2, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_THEIL_L_W),
  JJJ_WINDOW("jjj_theil_t_decomp", 2, JJJ_PURE,
             jjjIneqDecompStep, jjjIneqDecompFinal, jjjIneqDecompValue,
             jjjIneqDecompInverse, JJJ_INEQ_THEIL_T_DECOMP),
  JJJ_WINDOW("jjj_theil_t_decomp", 3, JJJ_PURE,
             jjjIneqDecompStep, jjjIneqDecompFinal, jjjIneqDecompValue,
             jjjIneqDecompInverse, JJJ_INEQ_THEIL_T_DECOMP),
  JJJ_WINDOW("jjj_theil_l_decomp", 2, JJJ_PURE,
             jjjIneqDecompStep, jjjIneqDecompFinal, jjjIneqDecompValue,
             jjjIneqDecompInverse, JJJ_INEQ_THEIL_L_DECOMP),
  JJJ_WINDOW("jjj_theil_l_decomp", 3, JJJ_PURE,
             jjjIneqDecompStep, jjjIneqDecompFinal, jjjIneqDecompValue,
             jjjIneqDecompInverse, JJJ_INEQ_THEIL_L_DECOMP),
  JJJ_WINDOW("jjj_cv_pop", 1, JJJ_PURE, jjjIneqAccStep, jjjIneqAccFinal,
             jjjIneqAccValue, jjjIneqAccInverse, JJJ_INEQ_CV_POP),
  JJJ_WINDOW("jjj_cv_samp", 1, JJJ_PURE, jjjIneqAccStep, jjjIneqAccFinal,
             jjjIneqAccValue, jjjIneqAccInverse, JJJ_INEQ_CV_SAMP),
  JJJ_WINDOW("jjj_williamson", 2, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_WILLIAMSON),
  JJJ_WINDOW("jjj_hoover", 2, JJJ_PURE, jjjIneqBufStep, jjjIneqBufFinal,
             jjjIneqBufValue, jjjIneqBufInverse, JJJ_INEQ_HOOVER),
  JJJ_WINDOW("jjj_herfindahl", 1, JJJ_PURE, jjjIneqAccStep, jjjIneqAccFinal,
             jjjIneqAccValue, jjjIneqAccInverse, JJJ_INEQ_HERFINDAHL),
  JJJ_WINDOW("jjj_herfindahl_norm", 1, JJJ_PURE,
             jjjIneqAccStep, jjjIneqAccFinal, jjjIneqAccValue,
             jjjIneqAccInverse, JJJ_INEQ_HERFINDAHL_NORM),

  /* ---- convergence.c ------------------------------------------------- */
  JJJ_WINDOW("jjj_sigma", 1, JJJ_PURE, jjjSigmaStep, jjjSigmaFinal,
             jjjSigmaValue, jjjSigmaInverse, 0),
  JJJ_WINDOW("jjj_beta_convergence", 3, JJJ_PURE, jjjBetaStep, jjjBetaFinal,
             jjjBetaValue, jjjBetaInverse, 0),

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
