/*
 * itest.h: what the integration tests share beside testsrv.h: where the
 * built binaries and the sources are, a monotonic clock, and reading the
 * scanner's JSON Lines.  Failures end the running test (cmocka).
 */
#ifndef TILSYN_ITEST_H
#define TILSYN_ITEST_H

#include <stdarg.h>
#include <stddef.h>

#include <jansson.h>

struct testsrv;

extern char itest_scanner[512];		/* build/scanner/tilsyn-scan */
extern char itest_srcroot[512];		/* the source tree */

/* Sets the paths from TILSYN_BUILD_ROOT and TILSYN_SOURCE_ROOT; SIGPIPE off. */
void	itest_init(void);
/* Monotonic seconds. */
double	itest_now(void);
/*
 * Every line of JSON Lines text (which is cut up), parsed; *n of them.
 * what names the command in a failure.
 */
json_t	**itest_lines(char *text, size_t *n, const char *what);
void	itest_lines_free(json_t **, size_t n);
/*
 * The first "result" object of JSON Lines text (or of an object without
 * "type"), the caller's; the test fails when there is none.
 */
json_t	*itest_result(char *text, const char *what);

/* testsrv_capture() that fails the test when the command cannot run. */
char	*itest_capture(const char *cmd, int *status);
/*
 * tilsyn-scan -o json with the arguments fmt makes (shell words): the
 * last scan of a test file.  *result (freed first) becomes its result
 * object, *tls (unless NULL) that object's "tls" member, *status its exit
 * status; returns *result.  A file keeps them and says
 * #define scan(...) itest_scan(&result, &tls, &status, __VA_ARGS__)
 */
json_t	*itest_scan(json_t **result, json_t **tls, int *status,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A JSON array of strings as newline-terminated lines, sorted or not. */
char	*itest_lines_of(const json_t *arr, int sorted);
/*
 * Asserts that the array of strings is what cmd prints, one per line
 * (in any order when sorted).
 */
void	itest_assert_lines(const json_t *arr, int sorted, const char *cmd);
/* The suites of version in a "tls" object are what cmd prints, any order. */
void	itest_assert_suites(const json_t *tls, const char *version,
	    const char *cmd);
/*
 * Asserts the exact set of versions a "tls" object says were accepted,
 * e.g. "TLSv1.2 TLSv1.3" (every version must be true or false).
 */
void	itest_assert_versions(const json_t *tls, const char *want);
/* The finding with that id in a result object, or NULL. */
json_t	*itest_finding(const json_t *result, const char *id);
/* tls.vulns.CHECK.FIELD of a result (NULL when not a string); the test
   fails when the check has no verdict there. */
const char *itest_vuln(const json_t *result, const char *check,
	    const char *field);
/*
 * Starts tests/servers/SCRIPT (Python) in ts's directory (testsrv_init()
 * first) with the arguments fmt makes and the port last; the test fails
 * when it does not listen.
 */
void	itest_start_script(struct testsrv *ts, const char *script,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * An exact scan of a result with that exit status: no error, not exit 3
 * (0, or 1 for findings), the service, the versions (as above) and the
 * certificate, verified against the test CA.  The suites are the
 * caller's to check.
 */
void	itest_assert_exact(const json_t *result, int status,
	    const char *service, const char *versions);

#endif
