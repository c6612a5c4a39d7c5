/*
 * scans.h: stored scan results (tilsyn-case scan).  The scanner's JSON
 * Lines are read here, line by line and bounded: the run header checked,
 * each endpoint's result kept byte for byte as the scanner wrote it, with
 * its SHA-256 and the endpoint key read from those bytes; and what changed
 * between two results of one endpoint.  Nothing here prints, runs a
 * process or touches SQL: case.c stores a run, the binary runs the
 * scanner.  Trusts nothing it reads.
 */
#ifndef TILSYN_SCANS_H
#define TILSYN_SCANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "casefile/evidence.h"

#define SCAN_LINE_MAX	(16 * 1024 * 1024)	/* one JSON line, at most */
#define SCAN_RUN_MAX	((size_t)1 << 30)	/* all results of one run */
#define SCAN_SCHEMA	1			/* the run header's "schema" */

#define SCAN_OK		 0
#define SCAN_BAD	-1	/* the input is not what the scanner writes */
#define SCAN_NOMEM	-2
#define SCAN_TOOBIG	-3	/* a line or the run is over its cap */

/* The endpoint key and status of one result, read from its bytes. */
struct scan_key {
	char		*service, *ip, *host, *error, *error_kind;
	int64_t		 port;
};
void	scan_key_release(struct scan_key *);

/*
 * The ONE reading of a stored result's key: service, ip (null), port,
 * host (null), error and error_kind (null) of a "type":"result" object.
 * Used when a result is stored and by verify.  SCAN_BAD when the bytes
 * are not such an object.
 */
int	scan_result_key(const void *p, size_t len, struct scan_key *)
	    __attribute__((warn_unused_result));

struct scan_result {
	unsigned char	*p;	/* the line, without its newline */
	size_t		 len;
	char		 sha256[EVIDENCE_HEX];
	struct scan_key	 key;
};

/* What one scanner run wrote, as it is read. */
struct scan_input {
	unsigned char	*header;	/* the "run" line */
	size_t		 header_len;
	unsigned char	*summary;	/* the "summary" line, or NULL */
	size_t		 summary_len;
	char		*version;	/* the header's scanner version */
	char		 started[32];	/* the header's "started" */
	char		 finished[32];	/* the summary's "finished", or "" */
	int64_t		 exit;		/* the summary's "exit", -1 none */
	struct scan_result *res;
	size_t		 nres, cap, total;
	size_t		 lineno;	/* lines read */
	/* the line being assembled by scan_input_bytes() */
	unsigned char	*line;
	size_t		 line_len, line_cap;
};

void	scan_input_init(struct scan_input *);
void	scan_input_release(struct scan_input *);
/*
 * One line of JSON Lines (without its newline): the run header first
 * (tilsyn-scan, schema SCAN_SCHEMA), then results and a summary; other
 * types are skipped.  On failure err says what, naming the line.
 */
int	scan_input_line(struct scan_input *, const unsigned char *, size_t,
	    char *err, size_t errlen) __attribute__((warn_unused_result));
/*
 * Bytes as they come from a pipe or a file: split into lines, each at
 * most SCAN_LINE_MAX bytes, and handed to scan_input_line().  end: no
 * more bytes (a last line without its newline is taken).
 */
int	scan_input_bytes(struct scan_input *, const unsigned char *, size_t,
	    bool end, char *err, size_t errlen)
	    __attribute__((warn_unused_result));

/* Severity names of the scanner, as ranks: info 0 .. critical 4; -1. */
int	scan_severity_rank(const char *);

/*
 * What changed at one endpoint between an older result (NULL: none, the
 * endpoint appeared) and a newer one (NULL: it disappeared): a JSON
 * object {"endpoint", "status": "new"|"gone"|"same"|"changed"|
 * "not-scanned", "error", "new_findings", "resolved_findings", "changes"}
 * and in *worst the rank of the worst new finding (-1: none).  NULL when
 * out of memory or a result is not JSON.
 */
json_t	*scan_diff_endpoint(const struct scan_key *, json_t *older,
	    json_t *newer, int *worst);
/* An object of booleans ("versions") as its true keys, in order, into buf
   ("" for none). */
void	scan_true_keys(json_t *o, char *buf, size_t len);
/* "tls://host[ip]:port": an endpoint as the printers name it. */
char	*scan_endpoint_name(const struct scan_key *);

#endif
