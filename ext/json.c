/*
** json.c - a small JSON writer and a reader for flat option objects.
**
** Functions whose result is JSON build it with sqlite3_str and these
** helpers; functions that take a JSON options argument read it with
** jjjJsonParseObject().  Neither needs SQLite's json1 at run time.
**
** Writer:
**   jjjJsonAppendString(pStr, z, n)   a JSON string: '"', '\\' and every
**                                     control character are escaped
**                                     (\n, \t, ... or \u00XX; NUL too, so
**                                     n bytes of any text are safe); other
**                                     bytes, UTF-8 included, pass as is
**   jjjJsonAppendNumber(pStr, r)      "%!.17g", which round-trips every
**                                     double; a non-finite value is written
**                                     as null (JSON has no Inf or NaN)
**
** Reader:
**   jjjJsonParseObject(z, n, &obj, &zErr)
**     parses a JSON object whose values are strings, numbers, true, false
**     or null (no nested objects or arrays: options are flat).  Keys and
**     string values are unescaped (\uXXXX and surrogate pairs to UTF-8).
**     A repeated key is an error.  Returns SQLITE_OK, SQLITE_NOMEM, or
**     SQLITE_ERROR with a short description in *pzErr ("expected ':' at
**     offset 7"; sqlite3_malloc'd) for the caller to wrap in its own
**     message.  Free with jjjJsonObjectFree().
**
**     Numbers follow the JSON grammar.  Up to 19 significant digits and a
**     power of ten within 1e22 are converted exactly (one correctly
**     rounded operation); anything else goes through strtod(), which
**     assumes the C locale's decimal point.
*/
#include "jjj.h"
#include <string.h>
#include <stdlib.h>
#include <math.h>

void jjjJsonAppendString(sqlite3_str *pStr, const char *z, int n){
  int i, iStart = 0;
  sqlite3_str_appendchar(pStr, 1, '"');
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    const char *zEsc = 0;
    char zBuf[8];
    if( c>=0x20 && c!='"' && c!='\\' ) continue;
    switch( c ){
      case '"':  zEsc = "\\\""; break;
      case '\\': zEsc = "\\\\"; break;
      case '\n': zEsc = "\\n"; break;
      case '\r': zEsc = "\\r"; break;
      case '\t': zEsc = "\\t"; break;
      case '\b': zEsc = "\\b"; break;
      case '\f': zEsc = "\\f"; break;
      default:
        sqlite3_snprintf(sizeof(zBuf), zBuf, "\\u%04x", (int)c);
        zEsc = zBuf;
        break;
    }
    if( i>iStart ) sqlite3_str_append(pStr, z+iStart, i-iStart);
    sqlite3_str_appendall(pStr, zEsc);
    iStart = i+1;
  }
  if( i>iStart ) sqlite3_str_append(pStr, z+iStart, i-iStart);
  sqlite3_str_appendchar(pStr, 1, '"');
}

void jjjJsonAppendNumber(sqlite3_str *pStr, double r){
  if( isfinite(r) ){
    sqlite3_str_appendf(pStr, "%!.17g", r);
  }else{
    sqlite3_str_appendall(pStr, "null");
  }
}

/*------------------------------------------------------------------------
** Reader
*/
typedef struct JsonParse JsonParse;
struct JsonParse {
  const char *z;      /* input */
  int n;              /* bytes of input */
  int i;              /* current offset */
  char *zOut;         /* next free byte of the decoded-string buffer */
  char *zErr;         /* error message (sqlite3_malloc'd) */
  int rc;             /* SQLITE_OK, SQLITE_ERROR or SQLITE_NOMEM */
};

static void jsonError(JsonParse *p, const char *zWhat){
  /* every caller stops at the first error, so rc is still SQLITE_OK */
  if( NEVER(p->rc) ) return;
  p->rc = SQLITE_ERROR;
  if( p->i>=p->n ){
    p->zErr = sqlite3_mprintf("%s at end of input", zWhat);
  }else{
    p->zErr = sqlite3_mprintf("%s at offset %d", zWhat, p->i);
  }
  if( p->zErr==0 ) p->rc = SQLITE_NOMEM;
}

static void jsonSkipSpace(JsonParse *p){
  while( p->i<p->n ){
    char c = p->z[p->i];
    if( c!=' ' && c!='\t' && c!='\n' && c!='\r' ) break;
    p->i++;
  }
}

static int jsonHex4(const char *z){
  int i, v = 0;
  for(i=0; i<4; i++){
    char c = z[i];
    v <<= 4;
    if( c>='0' && c<='9' ) v += c-'0';
    else if( c>='a' && c<='f' ) v += c-'a'+10;
    else if( c>='A' && c<='F' ) v += c-'A'+10;
    else return -1;
  }
  return v;
}

static void jsonPutUtf8(JsonParse *p, unsigned int c){
  char *z = p->zOut;
  if( c<0x80 ){
    *z++ = (char)c;
  }else if( c<0x800 ){
    *z++ = (char)(0xC0 | (c>>6));
    *z++ = (char)(0x80 | (c&0x3F));
  }else if( c<0x10000 ){
    *z++ = (char)(0xE0 | (c>>12));
    *z++ = (char)(0x80 | ((c>>6)&0x3F));
    *z++ = (char)(0x80 | (c&0x3F));
  }else{
    *z++ = (char)(0xF0 | (c>>18));
    *z++ = (char)(0x80 | ((c>>12)&0x3F));
    *z++ = (char)(0x80 | ((c>>6)&0x3F));
    *z++ = (char)(0x80 | (c&0x3F));
  }
  p->zOut = z;
}

/* Parse a string at p->i (which is '"'); its decoded text goes to p->zOut
** (never longer than the escaped text, so the buffer sized to the input is
** enough).  Sets *pz and *pn. */
static void jsonString(JsonParse *p, const char **pz, int *pn){
  char *zStart = p->zOut;
  p->i++;
  while( ALWAYS(p->rc==SQLITE_OK) ){   /* every error returns at once */
    unsigned char c;
    if( p->i>=p->n ){ jsonError(p, "unterminated string"); return; }
    c = (unsigned char)p->z[p->i];
    if( c=='"' ){ p->i++; break; }
    if( c<0x20 ){ jsonError(p, "control character in string"); return; }
    if( c!='\\' ){ *p->zOut++ = (char)c; p->i++; continue; }
    if( p->i+1>=p->n ){ jsonError(p, "unterminated string"); return; }
    c = (unsigned char)p->z[p->i+1];
    p->i += 2;
    switch( c ){
      case '"': case '\\': case '/': *p->zOut++ = (char)c; break;
      case 'b': *p->zOut++ = '\b'; break;
      case 'f': *p->zOut++ = '\f'; break;
      case 'n': *p->zOut++ = '\n'; break;
      case 'r': *p->zOut++ = '\r'; break;
      case 't': *p->zOut++ = '\t'; break;
      case 'u': {
        int v = p->i+4<=p->n ? jsonHex4(p->z+p->i) : -1;
        if( v<0 ){ jsonError(p, "bad \\u escape"); return; }
        p->i += 4;
        if( v>=0xD800 && v<0xDC00 ){
          int w = -1;
          if( p->i+6<=p->n && p->z[p->i]=='\\' && p->z[p->i+1]=='u' ){
            w = jsonHex4(p->z+p->i+2);
          }
          if( w<0xDC00 || w>=0xE000 ){
            jsonError(p, "unpaired surrogate");
            return;
          }
          p->i += 6;
          v = 0x10000 + ((v-0xD800)<<10) + (w-0xDC00);
        }else if( v>=0xDC00 && v<0xE000 ){
          jsonError(p, "unpaired surrogate");
          return;
        }
        jsonPutUtf8(p, (unsigned int)v);
        break;
      }
      default:
        p->i -= 2;
        jsonError(p, "bad escape");
        return;
    }
  }
  *p->zOut++ = 0;
  *pz = zStart;
  *pn = (int)(p->zOut - zStart) - 1;
}

static const double aPow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
  1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static double jsonNumber(JsonParse *p){
  int iStart = p->i, nDigit = 0, e = 0, eExp = 0, bNeg = 0, bExpNeg = 0;
  sqlite3_uint64 m = 0;
  const char *z = p->z;
  if( z[p->i]=='-' ){ bNeg = 1; p->i++; }
  if( p->i>=p->n || z[p->i]<'0' || z[p->i]>'9' ){
    jsonError(p, "bad number");
    return 0.0;
  }
  if( z[p->i]=='0' ){
    p->i++;
  }else{
    /* the first digit is not 0 here, so m is never 0 in this loop */
    while( p->i<p->n && z[p->i]>='0' && z[p->i]<='9' ){
      if( nDigit<19 ){ m = m*10 + (z[p->i]-'0'); if( ALWAYS(m) ) nDigit++; }
      else e++;
      p->i++;
    }
  }
  if( p->i<p->n && z[p->i]=='.' ){
    p->i++;
    if( p->i>=p->n || z[p->i]<'0' || z[p->i]>'9' ){
      jsonError(p, "bad number");
      return 0.0;
    }
    while( p->i<p->n && z[p->i]>='0' && z[p->i]<='9' ){
      if( nDigit<19 ){ m = m*10 + (z[p->i]-'0'); if( m ) nDigit++; e--; }
      p->i++;
    }
  }
  if( p->i<p->n && (z[p->i]=='e' || z[p->i]=='E') ){
    p->i++;
    if( p->i<p->n && (z[p->i]=='+' || z[p->i]=='-') ){
      bExpNeg = z[p->i]=='-';
      p->i++;
    }
    if( p->i>=p->n || z[p->i]<'0' || z[p->i]>'9' ){
      jsonError(p, "bad number");
      return 0.0;
    }
    while( p->i<p->n && z[p->i]>='0' && z[p->i]<='9' ){
      if( eExp<100000 ) eExp = eExp*10 + (z[p->i]-'0');
      p->i++;
    }
  }
  e += bExpNeg ? -eExp : eExp;
  if( m<=((sqlite3_uint64)1<<53) && e>=-22 && e<=22 ){
    double r = (double)m;
    r = e<0 ? r/aPow10[-e] : r*aPow10[e];
    return bNeg ? -r : r;
  }else{
    /* Rare: copy the token and let the C library round it */
    char zBuf[64];
    int nTok = p->i - iStart;
    char *zTok = nTok<(int)sizeof(zBuf) ? zBuf : sqlite3_malloc64(nTok+1);
    double r;
    if( zTok==0 ){ p->rc = SQLITE_NOMEM; return 0.0; }
    memcpy(zTok, z+iStart, nTok);
    zTok[nTok] = 0;
    r = strtod(zTok, 0);
    if( zTok!=zBuf ) sqlite3_free(zTok);
    return r;
  }
}

static int jsonKeyword(JsonParse *p, const char *zWord){
  int n = (int)strlen(zWord);
  if( p->i+n<=p->n && memcmp(p->z+p->i, zWord, n)==0 ){
    p->i += n;
    return 1;
  }
  return 0;
}

int jjjJsonParseObject(const char *z, int n, JjjJsonObject *pObj,
                       char **pzErr){
  JsonParse s;
  sqlite3_int64 nPairMax = n/4 + 1;
  sqlite3_int64 nByte = nPairMax*sizeof(JjjJsonPair) + n + 1;
  memset(pObj, 0, sizeof(*pObj));
  memset(&s, 0, sizeof(s));
  *pzErr = 0;
  pObj->aPair = (JjjJsonPair*)sqlite3_malloc64(nByte);
  if( pObj->aPair==0 ) return SQLITE_NOMEM;
  s.z = z;
  s.n = n;
  s.zOut = (char*)&pObj->aPair[nPairMax];
  jsonSkipSpace(&s);
  if( s.i>=n || z[s.i]!='{' ){
    jsonError(&s, "expected '{'");
  }else{
    s.i++;
    jsonSkipSpace(&s);
    if( s.i<n && z[s.i]=='}' ){
      s.i++;
    }else while( s.rc==SQLITE_OK ){
      JjjJsonPair *pPair = &pObj->aPair[pObj->nPair];
      int j;
      memset(pPair, 0, sizeof(*pPair));
      if( s.i>=n || z[s.i]!='"' ){ jsonError(&s, "expected a key"); break; }
      jsonString(&s, &pPair->zKey, &pPair->nKey);
      if( s.rc ) break;
      for(j=0; j<pObj->nPair; j++){
        if( pObj->aPair[j].nKey==pPair->nKey
         && memcmp(pObj->aPair[j].zKey, pPair->zKey, pPair->nKey)==0 ){
          s.rc = SQLITE_ERROR;
          s.zErr = sqlite3_mprintf("repeated key \"%s\"", pPair->zKey);
          if( s.zErr==0 ) s.rc = SQLITE_NOMEM;
          break;
        }
      }
      if( s.rc ) break;
      jsonSkipSpace(&s);
      if( s.i>=n || z[s.i]!=':' ){ jsonError(&s, "expected ':'"); break; }
      s.i++;
      jsonSkipSpace(&s);
      if( s.i>=n ){ jsonError(&s, "expected a value"); break; }
      switch( z[s.i] ){
        case '"':
          pPair->eType = JJJ_JSON_STRING;
          jsonString(&s, &pPair->zStr, &pPair->nStr);
          break;
        case '{': case '[':
          jsonError(&s, "nested values are not supported");
          break;
        default:
          if( jsonKeyword(&s, "true") ) pPair->eType = JJJ_JSON_TRUE;
          else if( jsonKeyword(&s, "false") ) pPair->eType = JJJ_JSON_FALSE;
          else if( jsonKeyword(&s, "null") ) pPair->eType = JJJ_JSON_NULL;
          else if( z[s.i]=='-' || (z[s.i]>='0' && z[s.i]<='9') ){
            pPair->eType = JJJ_JSON_NUMBER;
            pPair->rNum = jsonNumber(&s);
          }else{
            jsonError(&s, "expected a value");
          }
          break;
      }
      if( s.rc ) break;
      pObj->nPair++;
      jsonSkipSpace(&s);
      if( s.i<n && z[s.i]==',' ){
        s.i++;
        jsonSkipSpace(&s);
        continue;
      }
      if( s.i<n && z[s.i]=='}' ){ s.i++; break; }
      jsonError(&s, "expected ',' or '}'");
    }
  }
  if( s.rc==SQLITE_OK ){
    jsonSkipSpace(&s);
    if( s.i<n ) jsonError(&s, "unexpected text after the object");
  }
  if( s.rc ){
    jjjJsonObjectFree(pObj);
    *pzErr = s.zErr;
  }
  return s.rc;
}

void jjjJsonObjectFree(JjjJsonObject *pObj){
  sqlite3_free(pObj->aPair);
  memset(pObj, 0, sizeof(*pObj));
}
