/*
 * journal.c: the commands of the journal: init (the database and the
 * chain's first event), log (a case's events), verify (the chain, the
 * checkpoints it must extend, and the tables against it) and checkpoint
 * (a signed checkpoint of the journal's head, to keep outside the file).
 * The verdict is verify.c's and the checkpoint text checkpoint.c's; this
 * reads the files named on the command line and prints.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casefile/checkpoint.h"
#include "casefile/verify.h"
#include "casefile/cli/cli.h"

int
cmd_init(struct ctx *x, const struct opts *o, char **args)
{
	struct case_result res = { "", "" };
	int r, v = 0;

	(void)o;
	(void)args;
	if ((r = open_db(x, STORE_OPEN_CREATE)) != 0)
		return r;
	if ((r = case_init(&x->w, &v)) != CASE_OK)
		return fail_case(x, r, &res);
	if (x->json)
		return print_json(x, json_pack("{s:s, s:i}", "db", x->dbpath,
		    "schema_version", v));
	printf("%s: schema version %d\n", x->dbpath, v);
	return EXIT_OK;
}

/* An event as log -o json lists it; NULL when out of memory. */
static json_t *
event_json(const union store_fields *u)
{
	const struct event_row *e = &u->event;
	json_error_t je;
	json_t *p;

	/* A payload that is not JSON (tampered) is left out. */
	if ((p = json_loads(e->payload != NULL ? e->payload : "", 0,
	    &je)) == NULL && json_error_code(&je) == json_error_out_of_memory)
		return NULL;
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:o*, s:s?}", "seq",
	    (json_int_t)e->seq, "time", e->time, "actor", e->actor, "kind",
	    e->kind, "payload", p, "hash", e->hash);
}

static void
event_text(const union store_fields *u)
{
	const struct event_row *e = &u->event;

	printf("%" PRId64 "  %s  %s  %s  %s\n", e->seq, esc(e->time),
	    esc(e->actor), esc(e->kind), esc(e->payload));
}

/* The document journal under the events: one line a document. */
static int
document_text(const union store_fields *u, void *arg)
{
	const struct document_fields *d = &u->document;
	int *any = arg;

	if (!*any)
		printf("documents:\n");
	*any = 1;
	printf("  %" PRId64 "  %s  %-8s  step %" PRId64 "  %s%s%s  %s\n",
	    d->n, esc(d->date), esc(d->direction), d->step, esc(d->subject),
	    d->name != NULL ? ": " : "", esc(d->name), esc(d->sha256));
	return 0;
}

int
cmd_log(struct ctx *x, const struct opts *o, char **args)
{
	struct case_row c;
	int r, any = 0;

	(void)o;
	if ((r = parse_case(x, args[0])) != 0)
		return r;
	if ((r = store_case_get(x->w.st, args[0], &c)) == STORE_NOTFOUND)
		return msg(x, args[0], EXIT_USAGE, "no such case");
	if (r != STORE_OK)
		return fail_store(x, r);
	case_row_release(&c);
	if ((r = print_rows(x, STORE_EVENTS, args[0], event_json,
	    event_text)) != 0 || x->json)
		return r;
	/* -o json: the document events in the list carry the same. */
	if ((r = store_list(x->w.st, STORE_DOCUMENTS, args[0], document_text,
	    &any)) != STORE_OK)
		return fail_store(x, r);
	return EXIT_OK;
}

/* A checkpoint as named in the command line, read and parsed. */
struct cpfile {
	const char		*path;
	struct checkpoint	 c;
};

static int
print_check(struct ctx *x, const struct journal_check *chk,
    const struct cpfile *cp, size_t ncp)
{
	json_t *j, *a;
	size_t i;

	if (!x->json) {
		if (chk->ok)
			printf("journal intact: %" PRId64 " event%s, head %s\n",
			    chk->events, chk->events == 1 ? "" : "s",
			    chk->head);
		else if (chk->bad_seq > 0)
			printf("journal broken at event %" PRId64 ": %s\n",
			    chk->bad_seq, chk->why);
		else
			printf("journal broken: %s\n", chk->why);
		for (i = 0; chk->ok && i < ncp; i++)
			printf("checkpoint '%s': event %" PRId64 " of %s, "
			    "extended\n", cp[i].path, cp[i].c.seq,
			    cp[i].c.time);
		return EXIT_OK;
	}
	if (chk->ok)
		j = json_pack("{s:b, s:I, s:s}", "ok", 1, "events",
		    (json_int_t)chk->events, "head", chk->head);
	else
		j = json_pack("{s:b, s:I, s:s, s:I, s:s}", "ok", 0, "events",
		    (json_int_t)chk->events, "head", chk->head, "broken_at",
		    (json_int_t)chk->bad_seq, "reason", chk->why);
	if (j != NULL && ncp > 0) {
		if ((a = json_array()) == NULL ||
		    json_object_set_new(j, "checkpoints", a) != 0) {
			json_decref(j);
			return print_json(x, NULL);
		}
		for (i = 0; i < ncp; i++)
			if (json_array_append_new(a, json_pack("{s:s, s:I, "
			    "s:s, s:s, s:b}", "file", cp[i].path, "seq",
			    (json_int_t)cp[i].c.seq, "head", cp[i].c.head,
			    "time", cp[i].c.time, "extended", chk->ok)) != 0) {
				json_decref(j);
				return print_json(x, NULL);
			}
	}
	return print_json(x, j);
}

/* The key file: --key, else $TILSYN_KEY, else DBPATH.key. */
static const char *
key_path(struct ctx *x, const struct opts *o, char *buf, size_t len)
{
	const char *env;

	if (o->v[O_KEY] != NULL)
		return o->v[O_KEY];
	if ((env = getenv("TILSYN_KEY")) != NULL && *env != '\0')
		return env;
	if ((size_t)snprintf(buf, len, "%s.key", x->dbpath) >= len)
		return NULL;
	return buf;
}

/* A CHECKPOINT_* failure of the key at path, with its exit status. */
static int
key_fail(struct ctx *x, const char *path, int r)
{
	if (r == CHECKPOINT_NOMEM)
		return fail_store(x, STORE_NOMEM);
	if (r == CHECKPOINT_IO)
		return msg(x, NULL, EXIT_FAIL, "key '%s': %s", path,
		    strerror(errno));
	if (r == CHECKPOINT_NOKEY)
		return msg(x, NULL, EXIT_USAGE, "key '%s': no such file "
		    "(give --public-key FILE, the key the checkpoints were "
		    "signed with)", path);
	return msg(x, NULL, EXIT_USAGE, "key '%s': %s", path,
	    checkpoint_errstr(r));
}

/* Reads and parses the checkpoint at path (a regular file, bounded). */
static int
read_checkpoint(struct ctx *x, const char *path, struct checkpoint *c)
{
	struct stat sb;
	char buf[CHECKPOINT_MAX + 1], why[128];
	size_t n = 0;
	ssize_t k;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return msg(x, path, EXIT_USAGE, "cannot read the checkpoint: "
		    "%s", strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return msg(x, path, EXIT_USAGE, "the checkpoint is not a "
		    "regular file");
	}
	while (n < sizeof(buf)) {
		k = read(fd, buf + n, sizeof(buf) - n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (k == -1) {
		msg(x, path, EXIT_FAIL, "cannot read the checkpoint: %s",
		    strerror(errno));
		close(fd);
		return EXIT_FAIL;
	}
	close(fd);
	if (checkpoint_parse(buf, n, c, why, sizeof(why)) != CHECKPOINT_OK)
		return msg(x, path, EXIT_USAGE, "not a tilsyn checkpoint: %s",
		    why);
	return 0;
}

/* The key that checks the checkpoints' signatures. */
static int
verify_key(struct ctx *x, const struct opts *o, EVP_PKEY **key)
{
	char buf[4096];
	const char *path;
	int r;

	if (o->v[O_PUBKEY] != NULL) {
		path = o->v[O_PUBKEY];
		r = checkpoint_pubkey_load(path, key);
	} else if ((path = key_path(x, o, buf, sizeof(buf))) == NULL)
		return msg(x, NULL, EXIT_USAGE, "the key's path is too long");
	else
		r = checkpoint_key_load(path, 0, key, NULL);
	return r == CHECKPOINT_OK ? 0 : key_fail(x, path, r);
}

int
cmd_verify(struct ctx *x, const struct opts *o, char **args)
{
	const struct strlist *l = &o->list[O_CHECKPOINT];
	struct journal_check chk;
	struct verify_anchor an[LIST_MAX];
	struct cpfile cp[LIST_MAX];
	EVP_PKEY *key = NULL;
	size_t i;
	int r;

	(void)args;
	if (l->n == 0 && (o->v[O_KEY] != NULL || o->v[O_PUBKEY] != NULL))
		return msg(x, NULL, EXIT_USAGE, "--key and --public-key check "
		    "checkpoints: give --checkpoint FILE");
	if (o->v[O_KEY] != NULL && o->v[O_PUBKEY] != NULL)
		return msg(x, NULL, EXIT_USAGE, "give --key or --public-key, "
		    "not both");
	for (i = 0; i < l->n; i++) {
		cp[i].path = l->v[i];
		if ((r = read_checkpoint(x, l->v[i], &cp[i].c)) != 0)
			return r;
	}
	if (l->n > 0 && (r = verify_key(x, o, &key)) != 0)
		return r;
	/* A checkpoint counts only when it is the key holder's. */
	for (i = 0; i < l->n; i++) {
		if ((r = checkpoint_verify(key, &cp[i].c)) == CHECKPOINT_OK)
			continue;
		EVP_PKEY_free(key);
		if (r == CHECKPOINT_NOMEM)
			return fail_store(x, STORE_NOMEM);
		return msg(x, cp[i].path, EXIT_REFUSED, "checkpoint refused: "
		    "%s", checkpoint_errstr(r));
	}
	EVP_PKEY_free(key);
	for (i = 0; i < l->n; i++) {
		memset(&an[i], 0, sizeof(an[i]));
		an[i].name = cp[i].path;
		an[i].seq = cp[i].c.seq;
		memcpy(an[i].head, cp[i].c.head, JOURNAL_HEX);
		memcpy(an[i].db_id, cp[i].c.db_id, JOURNAL_HEX);
	}
	/* Read-only, no lock: head, events and tables of one moment. */
	if ((r = verify_run(x->w.st, an, l->n, &chk)) != STORE_OK)
		return fail_store(x, r);
	if ((r = print_check(x, &chk, cp, l->n)) != EXIT_OK)
		return r;
	return chk.ok ? EXIT_OK : EXIT_REFUSED;
}

/*
 * A checkpoint of the journal as it is: verified first (a broken journal
 * is not signed), then its head signed.  Not journalised: the command
 * only reads the case file (a read-only file will do); the checkpoint's
 * worth is in the copy kept elsewhere.
 */
int
cmd_checkpoint(struct ctx *x, const struct opts *o, char **args)
{
	struct journal_check chk;
	struct checkpoint c;
	EVP_PKEY *key = NULL;
	char buf[4096], text[CHECKPOINT_MAX], *pem = NULL;
	const char *path;
	json_t *j;
	int r, created = 0;

	(void)args;
	if (o->v[O_SHOW_PUBKEY] != NULL && o->v[O_OUT] != NULL)
		return msg(x, NULL, EXIT_USAGE, "--public-key prints the key: "
		    "no --out");
	if ((path = key_path(x, o, buf, sizeof(buf))) == NULL)
		return msg(x, NULL, EXIT_USAGE, "the key's path is too long");
	if ((r = checkpoint_key_load(path, 1, &key, &created)) !=
	    CHECKPOINT_OK)
		return key_fail(x, path, r);
	if (created)
		fprintf(stderr, "tilsyn-case: %s: new signing key '%s' "
		    "(keep its public key: tilsyn-case checkpoint "
		    "--public-key)\n", x->cmd, path);
	if (o->v[O_SHOW_PUBKEY] != NULL) {
		r = checkpoint_pubkey_pem(key, &pem);
		EVP_PKEY_free(key);
		if (r != CHECKPOINT_OK)
			return fail_store(x, STORE_NOMEM);
		fputs(pem, stdout);
		free(pem);
		return EXIT_OK;
	}
	if ((r = verify_all(x->w.st, &chk)) != STORE_OK) {
		EVP_PKEY_free(key);
		return fail_store(x, r);
	}
	if (!chk.ok || chk.events < 1) {
		EVP_PKEY_free(key);
		return msg(x, NULL, EXIT_REFUSED, "the journal is not intact "
		    "(run verify): no checkpoint signed");
	}
	memset(&c, 0, sizeof(c));
	memcpy(c.db_id, chk.first, sizeof(c.db_id));
	c.seq = chk.events;
	memcpy(c.head, chk.head, sizeof(c.head));
	/* The real time of the signature, never a --now. */
	if (strlen(x->w.clock) != sizeof(c.time) - 1) {
		EVP_PKEY_free(key);
		return msg(x, NULL, EXIT_FAIL, "the clock reads '%s'",
		    x->w.clock);
	}
	memcpy(c.time, x->w.clock, sizeof(c.time));
	r = checkpoint_sign(key, &c, text);
	EVP_PKEY_free(key);
	if (r != CHECKPOINT_OK)
		return fail_store(x, STORE_NOMEM);
	if (!x->json)
		return write_out(x, o->v[O_OUT], text, strlen(text));
	j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "seq",
	    (json_int_t)c.seq, "head", c.head, "db_id", c.db_id, "time",
	    c.time, "key_id", c.key_id, "checkpoint", text);
	return print_json(x, j);
}
