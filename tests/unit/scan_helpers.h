/*
 * scan_helpers.h: plumbing several scanner tests share, so that each
 * asserts its own facts without a copy of it: files of the fuzz targets'
 * seed corpora, and SSH name-lists joined back with commas.  Include
 * after cmocka.h; everything is static inline, so a test that uses only
 * part of it gets no unused-function warnings.
 */
#ifndef TILSYN_TESTS_SCAN_HELPERS_H
#define TILSYN_TESTS_SCAN_HELPERS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/ssh/ssh_kex.h"

/* tests/fuzz/corpus/TARGET/NAME, read whole into an exact-size buffer. */
static inline uint8_t *
corpus_load(const char *target, const char *name, size_t *len)
{
	const char *root = getenv("TILSYN_SOURCE_ROOT");
	char path[1024];
	uint8_t *p;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fuzz/corpus/%s/%s",
	    root != NULL ? root : ".", target, name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) > 0);
	rewind(f);
	assert_non_null(p = malloc((size_t)n));
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* A name-list joined back with commas, as the server sent it. */
static inline void
namelist_joined(const struct ssh_namelist *l, char *out, size_t outlen)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			strncat(out, ",", outlen - strlen(out) - 1);
		strncat(out, l->v[i], outlen - strlen(out) - 1);
	}
}

/* Asserts a name-list, e.g. "curve25519-sha256,ext-info-s". */
static inline void
assert_namelist(const struct ssh_namelist *l, const char *want)
{
	char got[4096];

	namelist_joined(l, got, sizeof(got));
	assert_string_equal(got, want);
}

#endif
