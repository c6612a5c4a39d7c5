/* hex.h: bytes to lower-case hexadecimal (hashes in the journal, evidence). */
#ifndef TILSYN_HEX_H
#define TILSYN_HEX_H

#include <stddef.h>

/* Writes 2 * n digits and a NUL to out, which holds 2 * n + 1 bytes. */
void	hex_encode(const void *p, size_t n, char *out);

#endif
