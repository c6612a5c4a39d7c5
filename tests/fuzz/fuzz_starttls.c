/*
 * Fuzz target: the STARTTLS preamble state machines, text and binary
 * (starttls_bin.c), over hostile server bytes, through starttls.h as the
 * probes use it.  The first byte picks the protocol (its low 7 bits
 * modulo the number of them; the high bit the deadline); the rest arrives in chunks
 * whose sizes come from the data too, as the engine would hand it over
 * (unconsumed bytes first).  Whatever is left when the data ends is
 * handed over as if the server had closed, and the stall message is
 * built, as the probes do on a timeout.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/tls/starttls.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* New ones go at the end, so that old seeds stay what they were. */
	static const enum service svcs[] = { SVC_SMTP, SVC_IMAP, SVC_POP3,
	    SVC_FTP, SVC_LMTP, SVC_NNTP, SVC_SIEVE, SVC_IRC, SVC_XMPP,
	    SVC_XMPP_SERVER, SVC_LDAP, SVC_POSTGRES, SVC_MYSQL };
	static uint8_t in[16 * 1024];	/* the certificate probe's cap */
	char why[224];
	struct starttls st;
	struct wbuf out;
	size_t len = 0, off = 1, chunk, consumed;
	int r = STARTTLS_MORE, bin;

	if (size < 1)
		return 0;
	starttls_init(&st, svcs[(data[0] & 0x7f) % (sizeof(svcs) /
	    sizeof(svcs[0]))]);
	wbuf_init(&out, 4096);
	if (starttls_start(&st, "fuzz.test", &out) != STARTTLS_MORE)
		__builtin_trap();
	bin = st.svc == SVC_LDAP || st.svc == SVC_POSTGRES ||
	    st.svc == SVC_MYSQL;
	/* LDAP and PostgreSQL speak first, MySQL does not. */
	if (bin && (out.len == 0) != (st.svc == SVC_MYSQL))
		__builtin_trap();
	wbuf_reset(&out);
	while (off < size && r == STARTTLS_MORE) {
		chunk = 1 + (size_t)(data[off] % 97);
		if (chunk > size - off)
			chunk = size - off;
		if (chunk > sizeof(in) - len)
			chunk = sizeof(in) - len;
		memcpy(in + len, data + off, chunk);
		len += chunk;
		off += chunk;
		consumed = 0;
		r = starttls_input(&st, in, len, &consumed, &out);
		if (consumed > len || (r < 0 && st.msg[0] == '\0'))
			__builtin_trap();
		/*
		 * A binary preamble consumes its one answer whole and sends
		 * only MySQL's 36-byte SSLRequest.
		 */
		if (bin && ((r != STARTTLS_READY && consumed != 0) ||
		    out.len != (r == STARTTLS_READY && st.svc == SVC_MYSQL ?
		    36u : 0u)))
			__builtin_trap();
		memmove(in, in + consumed, len - consumed);
		len -= consumed;
		wbuf_reset(&out);
		if (r == STARTTLS_MORE && len == sizeof(in))
			break;
	}
	starttls_stalled(&st, data[0] & 0x80, (uint64_t)size * 7, why,
	    sizeof(why));
	if (strlen(why) == 0 || strlen(starttls_waiting(&st)) == 0)
		__builtin_trap();
	if (r == STARTTLS_MORE) {
		r = starttls_eof(&st, in, len);
		if (r >= 0 || st.msg[0] == '\0')
			__builtin_trap();
	}
	wbuf_release(&out);
	return 0;
}
