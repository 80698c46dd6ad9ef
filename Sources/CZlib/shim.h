#ifndef EARSHOT_CZLIB_SHIM_H
#define EARSHOT_CZLIB_SHIM_H
/* zlib, for the store's compressed results and totals (raw deflate with a preset dictionary). */
#include <zlib.h>
#endif
