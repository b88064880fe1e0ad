/*
** sparkline.c - charts in the shell: jjj_sparkline(value), an aggregate
** and window function, and jjj_bar(value, max [, width = 20]), a scalar.
** Manual: docs/growth.md.
**
**   SELECT jjj_sparkline(v) FROM (VALUES (1),(5),(3),(8));   -- ▁▅▃█
**   SELECT jjj_bar(5, 8, 10);                                -- ██████▎
**
** jjj_sparkline(value): one character per row, in the order the rows come
** (in a window: the frame in ORDER BY order), scaled from the smallest
** (▁) to the largest (█) finite value of the group or frame in eight
** equal-width bins; a constant series is drawn ▄▄▄.  A NULL or non-finite
** value is a space, so a missing year stays visible.  No rows -> NULL.
** Memory: 8 bytes a row; the result is 3 bytes a row (UTF-8), limited by
** SQLITE_LIMIT_LENGTH.
**
** jjj_bar(value, max [, width]): value/max of width character cells,
** drawn with full blocks and one partial block (▏▎▍▌▋▊▉) to the nearest
** eighth of a cell.  value <= 0 -> '' (an empty bar); value > max is drawn
** at full width (clipped).  max <= 0 or a non-finite argument -> NULL;
** NULL in -> NULL; width must be an integer from 0 to 1000 (error
** otherwise); text or blob arguments -> error.
*/
#include "jjj.h"
#include <math.h>

#define SP_MAX_WIDTH 1000

/* UTF-8 of U+2580+k is E2 96 (80+k) */
static void spPutBlock(char *z, int k){
  z[0] = (char)0xE2;
  z[1] = (char)0x96;
  z[2] = (char)(0x80 + k);
}

typedef struct SpAgg SpAgg;
struct SpAgg {
  JjjBuf buf;               /* values of the frame (double; NaN: a space) */
};

void jjjSparklineStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  SpAgg *p;
  double r;
  int e;
  JJJ_UNUSED(argc);
  e = jjjArgDouble(ctx, "jjj_sparkline", argv, 0, &r);
  if( e==JJJ_ARG_ERROR ) return;
  if( e==JJJ_ARG_NULL || !isfinite(r) ) r = NAN;
  p = (SpAgg*)sqlite3_aggregate_context(ctx, sizeof(*p));
  if( p==0 ){ sqlite3_result_error_nomem(ctx); return; }
  if( jjjBufReserve(&p->buf, sizeof(double)) ){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  ((double*)p->buf.a)[p->buf.nEnd++] = r;
}

void jjjSparklineInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  SpAgg *p = (SpAgg*)sqlite3_aggregate_context(ctx, 0);
  JJJ_UNUSED(argc); JJJ_UNUSED(argv);
  /* SQLite removes the oldest row of the frame first, and only a row it
  ** added: every row is in the buffer (NULL as NaN) */
  if( ALWAYS(p) && ALWAYS(p->buf.iHead<p->buf.nEnd) ){
    p->buf.iHead++;
    if( p->buf.iHead==p->buf.nEnd ) p->buf.iHead = p->buf.nEnd = 0;
  }
}

static void spCompute(sqlite3_context *ctx, SpAgg *p){
  sqlite3_int64 i, n, nByte;
  double mn = INFINITY, mx = -INFINITY, scale = 0.0, half = 1.0;
  char *z, *zOut;
  const double *a;
  if( p==0 || p->buf.nEnd==p->buf.iHead ) return;
  a = (const double*)p->buf.a;
  n = p->buf.nEnd - p->buf.iHead;
  for(i=p->buf.iHead; i<p->buf.nEnd; i++){
    double r = a[i];
    if( r<mn ) mn = r;      /* false for NaN */
    if( r>mx ) mx = r;
  }
  if( mx>mn ){
    /* halve everything if the range overflows */
    if( !isfinite(mx - mn) ) half = 0.5;
    scale = 8.0/(mx*half - mn*half);
  }
  nByte = 3*n + 1;
  zOut = z = sqlite3_malloc64((sqlite3_uint64)nByte);
  if( z==0 ){ sqlite3_result_error_nomem(ctx); return; }
  for(i=p->buf.iHead; i<p->buf.nEnd; i++){
    double r = a[i];
    if( isnan(r) ){
      *z++ = ' ';
    }else{
      int k = 4;                                  /* constant: ▄ */
      if( mx>mn ){
        k = 1 + (int)((r*half - mn*half)*scale);
        if( k>8 ) k = 8;
      }
      spPutBlock(z, k);
      z += 3;
    }
  }
  *z = 0;
  sqlite3_result_text64(ctx, zOut, (sqlite3_uint64)(z - zOut), sqlite3_free,
                        SQLITE_UTF8);
}

void jjjSparklineValue(sqlite3_context *ctx){
  spCompute(ctx, (SpAgg*)sqlite3_aggregate_context(ctx, 0));
}

void jjjSparklineFinal(sqlite3_context *ctx){
  SpAgg *p = (SpAgg*)sqlite3_aggregate_context(ctx, 0);
  spCompute(ctx, p);
  if( p ) jjjBufFree(&p->buf);
}

void jjjBarFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double v, mx, f;
  sqlite3_int64 w = 20, nEighth, i;
  int eV, eM, eW = JJJ_ARG_OK;
  char *z, *zOut;
  eV = jjjArgDouble(ctx, "jjj_bar", argv, 0, &v);
  if( eV==JJJ_ARG_ERROR ) return;
  eM = jjjArgDouble(ctx, "jjj_bar", argv, 1, &mx);
  if( eM==JJJ_ARG_ERROR ) return;
  if( argc>=3 ){
    eW = jjjArgInt(ctx, "jjj_bar", argv, 2, &w);
    if( eW==JJJ_ARG_ERROR ) return;
    if( eW==JJJ_ARG_OK && (w<0 || w>SP_MAX_WIDTH) ){
      jjjResultError(ctx, "jjj_bar", "width must be an integer from 0 to %d, "
                     "got %lld", SP_MAX_WIDTH, w);
      return;
    }
  }
  if( eV!=JJJ_ARG_OK || eM!=JJJ_ARG_OK || eW!=JJJ_ARG_OK ) return;
  if( !isfinite(v) || !isfinite(mx) || !(mx>0.0) ) return;
  f = v/mx;
  if( !(f>0.0) ) f = 0.0;
  if( f>1.0 ) f = 1.0;
  nEighth = (sqlite3_int64)floor(f*(double)w*8.0 + 0.5);
  zOut = z = sqlite3_malloc64((sqlite3_uint64)(3*(w+1) + 1));
  if( z==0 ){ sqlite3_result_error_nomem(ctx); return; }
  for(i=0; i<nEighth/8; i++){ spPutBlock(z, 8); z += 3; }
  if( nEighth%8 ){ spPutBlock(z, 0x10 - (int)(nEighth%8)); z += 3; }
  *z = 0;
  sqlite3_result_text64(ctx, zOut, (sqlite3_uint64)(z - zOut), sqlite3_free,
                        SQLITE_UTF8);
}
