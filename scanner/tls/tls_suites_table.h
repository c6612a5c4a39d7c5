/*
 * tls_suites_table.h: the generated table (tls_suites_table.c, made by
 * gen_suites.py from suites.txt).  Only tls_suites.c reads it.
 */
#ifndef TILSYN_TLS_SUITES_TABLE_H
#define TILSYN_TLS_SUITES_TABLE_H

#include "scanner/tls/tls_suites.h"

/* Sorted by code: the TLS suites first, then the SSLv2 kinds. */
extern const struct tls_suite tls_suite_table[];
extern const size_t tls_suite_table_len;
extern const size_t tls_suite_table_ntls;

#endif
