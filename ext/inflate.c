/*
** inflate.c - a small, strict decoder of zlib streams (RFC 1950 wrapping
** RFC 1951 deflate data) and a table-driven CRC-32, for builds that have
** no zlib: compiled only with -DJJJ_NO_ZLIB (the wasm32-wasi build, and
** the native "nozlib" variant that tests this code on the same data).
** bundle.c then calls jjjZlibInflate() and jjjCrc32() instead of zlib's
** inflate() and crc32(); every other build uses the system zlib.
**
** The decoder follows the structure of Mark Adler's puff.c (the reference
** inflate in zlib's contrib/): canonical Huffman codes stored as counts
** per length plus symbols in code order, decoded one bit at a time.  It
** is slower than zlib (a few tens of MB/s) and meant for the few hundred
** kilobytes of a bundle.  Properties:
**
**   - the input is untrusted: every read is bounded by nIn and every write
**     by nOut; back references may not reach before the start of the
**     output; over-subscribed or incomplete codes are rejected (an
**     incomplete code is allowed only when it has a single code of length
**     one, as zlib allows); code lengths 16/17/18 may not overrun;
**   - the zlib header must say deflate with a window of at most 32 KiB and
**     no preset dictionary, with a valid FCHECK; the Adler-32 trailer must
**     match the output;
**   - no heap, no global or static mutable state: all tables live on the
**     stack of one call (about 2.5 KB), the fixed-code tables are rebuilt
**     per fixed block.
**
** Error messages use zlib's words so that bundle.c reports the same text
** either way.  test/hosts/inflate_check.c compares this decoder with zlib
** on many generated streams (every zlib level and strategy, stored, fixed
** and dynamic blocks, several window sizes) and on damaged ones (bit flips,
** truncation, trailing bytes): both must accept the same streams with the
** same output and reject the same ones.
*/
#include "inflate.h"
#include <string.h>

#ifdef JJJ_NO_ZLIB

#define INF_MAXBITS    15    /* longest code */
#define INF_MAXLCODES 286    /* literal/length codes */
#define INF_MAXDCODES  30    /* distance codes */
#define INF_FIXLCODES 288    /* literal/length codes of the fixed code */

typedef struct InfState InfState;
struct InfState {
  const unsigned char *aIn; size_t nIn; size_t iIn;
  unsigned char *aOut; size_t nOut; size_t iOut;
  uint32_t bitbuf;           /* unused bits of bytes already consumed */
  int bitcnt;                /* how many (always < 8 between calls) */
  int rc;                    /* JJJ_INFLATE_OK until something fails */
  const char *zMsg;          /* with JJJ_INFLATE_DATA */
};

/* A canonical Huffman code: count[len] codes of each length, and the
** symbols ordered by code */
typedef struct InfHuff InfHuff;
struct InfHuff {
  short *count;
  short *symbol;
};

static void infFail(InfState *s, int rc, const char *zMsg){
  if( s->rc==JJJ_INFLATE_OK ){
    s->rc = rc;
    s->zMsg = zMsg;
  }
}

/* Read need (0..13) bits, least significant first.  At the end of the
** input, fail with JJJ_INFLATE_SHORT and return 0. */
static int infBits(InfState *s, int need){
  uint32_t val = s->bitbuf;
  while( s->bitcnt<need ){
    if( s->iIn>=s->nIn ){
      infFail(s, JJJ_INFLATE_SHORT, 0);
      return 0;
    }
    val |= (uint32_t)s->aIn[s->iIn++] << s->bitcnt;
    s->bitcnt += 8;
  }
  s->bitbuf = val >> need;
  s->bitcnt -= need;
  return (int)(val & ((1u<<need) - 1));
}

/* A stored block: LEN, NLEN, then LEN bytes, from the next byte boundary */
static void infStored(InfState *s){
  unsigned len, nlen;
  s->bitbuf = 0;
  s->bitcnt = 0;
  if( s->nIn - s->iIn < 4 ){ infFail(s, JJJ_INFLATE_SHORT, 0); return; }
  len = s->aIn[s->iIn] | ((unsigned)s->aIn[s->iIn+1]<<8);
  nlen = s->aIn[s->iIn+2] | ((unsigned)s->aIn[s->iIn+3]<<8);
  s->iIn += 4;
  if( len!=(~nlen & 0xffffu) ){
    infFail(s, JJJ_INFLATE_DATA, "invalid stored block lengths");
    return;
  }
  if( s->nIn - s->iIn < len ){ infFail(s, JJJ_INFLATE_SHORT, 0); return; }
  if( s->nOut - s->iOut < len ){ infFail(s, JJJ_INFLATE_FULL, 0); return; }
  memcpy(s->aOut + s->iOut, s->aIn + s->iIn, len);
  s->iIn += len;
  s->iOut += len;
}

/* Decode one symbol; -1 on failure (s->rc set; zMsg if the bits are no
** code of an incomplete h) */
static int infDecode(InfState *s, const InfHuff *h, const char *zMsg){
  int len, code = 0, first = 0, index = 0;
  for(len=1; len<=INF_MAXBITS; len++){
    int count;
    code |= infBits(s, 1);
    if( s->rc ) return -1;
    count = h->count[len];
    if( code - count < first ) return h->symbol[index + (code - first)];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  infFail(s, JJJ_INFLATE_DATA, zMsg);
  return -1;
}

/* Build h from n code lengths.  Returns 0 for a complete code (or no code
** at all), > 0 for an incomplete one, < 0 for an over-subscribed one. */
static int infConstruct(InfHuff *h, const short *length, int n){
  int symbol, len, left;
  short offs[INF_MAXBITS+1];
  for(len=0; len<=INF_MAXBITS; len++) h->count[len] = 0;
  for(symbol=0; symbol<n; symbol++) h->count[length[symbol]]++;
  if( h->count[0]==n ) return 0;
  left = 1;
  for(len=1; len<=INF_MAXBITS; len++){
    left <<= 1;
    left -= h->count[len];
    if( left<0 ) return left;
  }
  offs[1] = 0;
  for(len=1; len<INF_MAXBITS; len++) offs[len+1] = offs[len] + h->count[len];
  for(symbol=0; symbol<n; symbol++){
    if( length[symbol]!=0 ) h->symbol[offs[length[symbol]]++] = (short)symbol;
  }
  return left;
}

/* Decode literals and length/distance pairs until end-of-block */
static void infCodes(InfState *s, const InfHuff *lencode,
                     const InfHuff *distcode){
  static const short aLenBase[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
  static const short aLenExtra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
  static const unsigned short aDistBase[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577 };
  static const short aDistExtra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
  for(;;){
    int symbol = infDecode(s, lencode, "invalid literal/length code");
    if( symbol<0 ) return;
    if( symbol<256 ){
      if( s->iOut>=s->nOut ){ infFail(s, JJJ_INFLATE_FULL, 0); return; }
      s->aOut[s->iOut++] = (unsigned char)symbol;
    }else if( symbol==256 ){
      return;
    }else{
      size_t len, dist;
      symbol -= 257;
      if( symbol>=29 ){
        infFail(s, JJJ_INFLATE_DATA, "invalid literal/length code");
        return;
      }
      len = (size_t)aLenBase[symbol] + (size_t)infBits(s, aLenExtra[symbol]);
      symbol = infDecode(s, distcode, "invalid distance code");
      if( symbol<0 ) return;
      if( symbol>=30 ){
        infFail(s, JJJ_INFLATE_DATA, "invalid distance code");
        return;
      }
      dist = (size_t)aDistBase[symbol] + (size_t)infBits(s, aDistExtra[symbol]);
      if( s->rc ) return;
      if( dist>s->iOut ){
        infFail(s, JJJ_INFLATE_DATA, "invalid distance too far back");
        return;
      }
      if( s->nOut - s->iOut < len ){ infFail(s, JJJ_INFLATE_FULL, 0); return; }
      while( len-- ){
        s->aOut[s->iOut] = s->aOut[s->iOut - dist];
        s->iOut++;
      }
    }
  }
}

/* A block with the fixed codes of RFC 1951 3.2.6 */
static void infFixed(InfState *s){
  short lencnt[INF_MAXBITS+1], lensym[INF_FIXLCODES];
  short distcnt[INF_MAXBITS+1], distsym[INF_MAXDCODES];
  short lengths[INF_FIXLCODES];
  InfHuff lencode, distcode;
  int symbol;
  lencode.count = lencnt;   lencode.symbol = lensym;
  distcode.count = distcnt; distcode.symbol = distsym;
  for(symbol=0; symbol<144; symbol++) lengths[symbol] = 8;
  for(; symbol<256; symbol++) lengths[symbol] = 9;
  for(; symbol<280; symbol++) lengths[symbol] = 7;
  for(; symbol<INF_FIXLCODES; symbol++) lengths[symbol] = 8;
  infConstruct(&lencode, lengths, INF_FIXLCODES);
  for(symbol=0; symbol<INF_MAXDCODES; symbol++) lengths[symbol] = 5;
  infConstruct(&distcode, lengths, INF_MAXDCODES);  /* incomplete: fine */
  infCodes(s, &lencode, &distcode);
}

/* A block with dynamic codes (RFC 1951 3.2.7) */
static void infDynamic(InfState *s){
  static const short aOrder[19] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
  short lengths[INF_MAXLCODES+INF_MAXDCODES];
  short lencnt[INF_MAXBITS+1], lensym[INF_MAXLCODES];
  short distcnt[INF_MAXBITS+1], distsym[INF_MAXDCODES];
  InfHuff lencode, distcode;
  int nlen, ndist, ncode, index, err;
  lencode.count = lencnt;   lencode.symbol = lensym;
  distcode.count = distcnt; distcode.symbol = distsym;

  nlen = infBits(s, 5) + 257;
  ndist = infBits(s, 5) + 1;
  ncode = infBits(s, 4) + 4;
  if( s->rc ) return;
  if( nlen>INF_MAXLCODES || ndist>INF_MAXDCODES ){
    infFail(s, JJJ_INFLATE_DATA, "too many length or distance symbols");
    return;
  }
  for(index=0; index<ncode; index++) lengths[aOrder[index]] = (short)infBits(s, 3);
  for(; index<19; index++) lengths[aOrder[index]] = 0;
  if( s->rc ) return;
  if( infConstruct(&lencode, lengths, 19)!=0 ){
    infFail(s, JJJ_INFLATE_DATA, "invalid code lengths set");
    return;
  }

  index = 0;
  while( index<nlen+ndist ){
    int symbol = infDecode(s, &lencode, "invalid code lengths set");
    int len = 0;
    if( symbol<0 ) return;
    if( symbol<16 ){
      lengths[index++] = (short)symbol;
      continue;
    }
    if( symbol==16 ){
      if( index==0 ){
        infFail(s, JJJ_INFLATE_DATA, "invalid bit length repeat");
        return;
      }
      len = lengths[index-1];
      symbol = 3 + infBits(s, 2);
    }else if( symbol==17 ){
      symbol = 3 + infBits(s, 3);
    }else{
      symbol = 11 + infBits(s, 7);
    }
    if( s->rc ) return;
    if( index + symbol > nlen + ndist ){
      infFail(s, JJJ_INFLATE_DATA, "invalid bit length repeat");
      return;
    }
    while( symbol-- ) lengths[index++] = (short)len;
  }
  if( lengths[256]==0 ){
    infFail(s, JJJ_INFLATE_DATA, "invalid code -- missing end-of-block");
    return;
  }
  /* Incomplete codes are accepted only with a single code of length 1 */
  err = infConstruct(&lencode, lengths, nlen);
  if( err && (err<0 || nlen!=lencode.count[0] + lencode.count[1]) ){
    infFail(s, JJJ_INFLATE_DATA, "invalid literal/lengths set");
    return;
  }
  err = infConstruct(&distcode, lengths + nlen, ndist);
  if( err && (err<0 || ndist!=distcode.count[0] + distcode.count[1]) ){
    infFail(s, JJJ_INFLATE_DATA, "invalid distances set");
    return;
  }
  infCodes(s, &lencode, &distcode);
}

static uint32_t infAdler32(const unsigned char *a, size_t n){
  uint32_t s1 = 1, s2 = 0;
  while( n>0 ){
    size_t k = n<5552 ? n : 5552;   /* no overflow before the modulo */
    n -= k;
    while( k-- ){
      s1 += *a++;
      s2 += s1;
    }
    s1 %= 65521u;
    s2 %= 65521u;
  }
  return (s2<<16) | s1;
}

int jjjZlibInflate(const unsigned char *aIn, size_t nIn, size_t *pnIn,
                   unsigned char *aOut, size_t nOut, size_t *pnOut,
                   const char **pzMsg){
  InfState s;
  int bLast;
  memset(&s, 0, sizeof(s));
  s.aIn = aIn;   s.nIn = nIn;
  s.aOut = aOut; s.nOut = nOut;
  *pnIn = 0;
  *pnOut = 0;
  *pzMsg = 0;

  /* RFC 1950 header */
  if( nIn<2 ){
    infFail(&s, JJJ_INFLATE_SHORT, 0);
  }else if( ((unsigned)aIn[0]*256 + aIn[1]) % 31 ){
    infFail(&s, JJJ_INFLATE_DATA, "incorrect header check");
  }else if( (aIn[0] & 0x0f)!=8 ){
    infFail(&s, JJJ_INFLATE_DATA, "unknown compression method");
  }else if( (aIn[0]>>4)>7 ){
    infFail(&s, JJJ_INFLATE_DATA, "invalid window size");
  }else if( aIn[1] & 0x20 ){
    infFail(&s, JJJ_INFLATE_DATA, 0);   /* a preset dictionary: zlib's
                                        ** Z_NEED_DICT, which has no message */
  }
  s.iIn = 2;

  /* Blocks */
  bLast = 0;
  while( s.rc==JJJ_INFLATE_OK && !bLast ){
    int type;
    bLast = infBits(&s, 1);
    type = infBits(&s, 2);
    if( s.rc ) break;
    switch( type ){
      case 0:  infStored(&s);  break;
      case 1:  infFixed(&s);   break;
      case 2:  infDynamic(&s); break;
      default: infFail(&s, JJJ_INFLATE_DATA, "invalid block type"); break;
    }
  }

  /* Adler-32 trailer, big-endian, from the next byte boundary */
  if( s.rc==JJJ_INFLATE_OK ){
    if( s.nIn - s.iIn < 4 ){
      infFail(&s, JJJ_INFLATE_SHORT, 0);
    }else{
      uint32_t want = ((uint32_t)aIn[s.iIn]<<24) | ((uint32_t)aIn[s.iIn+1]<<16)
                    | ((uint32_t)aIn[s.iIn+2]<<8) | aIn[s.iIn+3];
      if( want!=infAdler32(aOut, s.iOut) ){
        infFail(&s, JJJ_INFLATE_DATA, "incorrect data check");
      }else{
        s.iIn += 4;
      }
    }
  }
  if( s.rc==JJJ_INFLATE_OK ){
    *pnIn = s.iIn;
    *pnOut = s.iOut;
  }
  *pzMsg = s.zMsg;
  return s.rc;
}

/* CRC-32 with the reflected polynomial 0xedb88320, one table lookup a byte */
static const uint32_t aCrcTable[256] = {
  0x00000000u, 0x77073096u, 0xee0e612cu, 0x990951bau,
  0x076dc419u, 0x706af48fu, 0xe963a535u, 0x9e6495a3u,
  0x0edb8832u, 0x79dcb8a4u, 0xe0d5e91eu, 0x97d2d988u,
  0x09b64c2bu, 0x7eb17cbdu, 0xe7b82d07u, 0x90bf1d91u,
  0x1db71064u, 0x6ab020f2u, 0xf3b97148u, 0x84be41deu,
  0x1adad47du, 0x6ddde4ebu, 0xf4d4b551u, 0x83d385c7u,
  0x136c9856u, 0x646ba8c0u, 0xfd62f97au, 0x8a65c9ecu,
  0x14015c4fu, 0x63066cd9u, 0xfa0f3d63u, 0x8d080df5u,
  0x3b6e20c8u, 0x4c69105eu, 0xd56041e4u, 0xa2677172u,
  0x3c03e4d1u, 0x4b04d447u, 0xd20d85fdu, 0xa50ab56bu,
  0x35b5a8fau, 0x42b2986cu, 0xdbbbc9d6u, 0xacbcf940u,
  0x32d86ce3u, 0x45df5c75u, 0xdcd60dcfu, 0xabd13d59u,
  0x26d930acu, 0x51de003au, 0xc8d75180u, 0xbfd06116u,
  0x21b4f4b5u, 0x56b3c423u, 0xcfba9599u, 0xb8bda50fu,
  0x2802b89eu, 0x5f058808u, 0xc60cd9b2u, 0xb10be924u,
  0x2f6f7c87u, 0x58684c11u, 0xc1611dabu, 0xb6662d3du,
  0x76dc4190u, 0x01db7106u, 0x98d220bcu, 0xefd5102au,
  0x71b18589u, 0x06b6b51fu, 0x9fbfe4a5u, 0xe8b8d433u,
  0x7807c9a2u, 0x0f00f934u, 0x9609a88eu, 0xe10e9818u,
  0x7f6a0dbbu, 0x086d3d2du, 0x91646c97u, 0xe6635c01u,
  0x6b6b51f4u, 0x1c6c6162u, 0x856530d8u, 0xf262004eu,
  0x6c0695edu, 0x1b01a57bu, 0x8208f4c1u, 0xf50fc457u,
  0x65b0d9c6u, 0x12b7e950u, 0x8bbeb8eau, 0xfcb9887cu,
  0x62dd1ddfu, 0x15da2d49u, 0x8cd37cf3u, 0xfbd44c65u,
  0x4db26158u, 0x3ab551ceu, 0xa3bc0074u, 0xd4bb30e2u,
  0x4adfa541u, 0x3dd895d7u, 0xa4d1c46du, 0xd3d6f4fbu,
  0x4369e96au, 0x346ed9fcu, 0xad678846u, 0xda60b8d0u,
  0x44042d73u, 0x33031de5u, 0xaa0a4c5fu, 0xdd0d7cc9u,
  0x5005713cu, 0x270241aau, 0xbe0b1010u, 0xc90c2086u,
  0x5768b525u, 0x206f85b3u, 0xb966d409u, 0xce61e49fu,
  0x5edef90eu, 0x29d9c998u, 0xb0d09822u, 0xc7d7a8b4u,
  0x59b33d17u, 0x2eb40d81u, 0xb7bd5c3bu, 0xc0ba6cadu,
  0xedb88320u, 0x9abfb3b6u, 0x03b6e20cu, 0x74b1d29au,
  0xead54739u, 0x9dd277afu, 0x04db2615u, 0x73dc1683u,
  0xe3630b12u, 0x94643b84u, 0x0d6d6a3eu, 0x7a6a5aa8u,
  0xe40ecf0bu, 0x9309ff9du, 0x0a00ae27u, 0x7d079eb1u,
  0xf00f9344u, 0x8708a3d2u, 0x1e01f268u, 0x6906c2feu,
  0xf762575du, 0x806567cbu, 0x196c3671u, 0x6e6b06e7u,
  0xfed41b76u, 0x89d32be0u, 0x10da7a5au, 0x67dd4accu,
  0xf9b9df6fu, 0x8ebeeff9u, 0x17b7be43u, 0x60b08ed5u,
  0xd6d6a3e8u, 0xa1d1937eu, 0x38d8c2c4u, 0x4fdff252u,
  0xd1bb67f1u, 0xa6bc5767u, 0x3fb506ddu, 0x48b2364bu,
  0xd80d2bdau, 0xaf0a1b4cu, 0x36034af6u, 0x41047a60u,
  0xdf60efc3u, 0xa867df55u, 0x316e8eefu, 0x4669be79u,
  0xcb61b38cu, 0xbc66831au, 0x256fd2a0u, 0x5268e236u,
  0xcc0c7795u, 0xbb0b4703u, 0x220216b9u, 0x5505262fu,
  0xc5ba3bbeu, 0xb2bd0b28u, 0x2bb45a92u, 0x5cb36a04u,
  0xc2d7ffa7u, 0xb5d0cf31u, 0x2cd99e8bu, 0x5bdeae1du,
  0x9b64c2b0u, 0xec63f226u, 0x756aa39cu, 0x026d930au,
  0x9c0906a9u, 0xeb0e363fu, 0x72076785u, 0x05005713u,
  0x95bf4a82u, 0xe2b87a14u, 0x7bb12baeu, 0x0cb61b38u,
  0x92d28e9bu, 0xe5d5be0du, 0x7cdcefb7u, 0x0bdbdf21u,
  0x86d3d2d4u, 0xf1d4e242u, 0x68ddb3f8u, 0x1fda836eu,
  0x81be16cdu, 0xf6b9265bu, 0x6fb077e1u, 0x18b74777u,
  0x88085ae6u, 0xff0f6a70u, 0x66063bcau, 0x11010b5cu,
  0x8f659effu, 0xf862ae69u, 0x616bffd3u, 0x166ccf45u,
  0xa00ae278u, 0xd70dd2eeu, 0x4e048354u, 0x3903b3c2u,
  0xa7672661u, 0xd06016f7u, 0x4969474du, 0x3e6e77dbu,
  0xaed16a4au, 0xd9d65adcu, 0x40df0b66u, 0x37d83bf0u,
  0xa9bcae53u, 0xdebb9ec5u, 0x47b2cf7fu, 0x30b5ffe9u,
  0xbdbdf21cu, 0xcabac28au, 0x53b39330u, 0x24b4a3a6u,
  0xbad03605u, 0xcdd70693u, 0x54de5729u, 0x23d967bfu,
  0xb3667a2eu, 0xc4614ab8u, 0x5d681b02u, 0x2a6f2b94u,
  0xb40bbe37u, 0xc30c8ea1u, 0x5a05df1bu, 0x2d02ef8du,
};

uint32_t jjjCrc32(uint32_t crc, const unsigned char *a, size_t n){
  crc = ~crc;
  while( n-- ) crc = aCrcTable[(crc ^ *a++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

#endif /* JJJ_NO_ZLIB */
