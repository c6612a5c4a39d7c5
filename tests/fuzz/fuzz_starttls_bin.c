/*
 * Fuzz target: the binary STARTTLS preambles (LDAP, PostgreSQL, MySQL)
 * over hostile server bytes, through starttls.h as the probes use it.
 * The first byte picks the protocol; the rest arrives in chunks whose
 * sizes come from the data too, as the engine would hand it over
 * (unconsumed bytes first).  Whatever is left when the data ends is
 * handed over as if the server had closed, and the stall message is
 * built, as the probes do on a timeout.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/tls/starttls.h"
#include "scanner/tls/starttls_bin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum service svcs[] = { SVC_LDAP, SVC_POSTGRES,
	    SVC_MYSQL };
	static uint8_t in[16 * 1024];	/* the certificate probe's cap */
	char why[224];
	struct starttls st;
	struct wbuf out;
	size_t len = 0, off = 1, chunk, consumed;
	int r;

	if (size < 1)
		return 0;
	starttls_init(&st, svcs[data[0] % 3]);
	wbuf_init(&out, 4096);
	if (!starttls_needed(st.svc) ||
	    (r = starttls_start(&st, NULL, &out)) != STARTTLS_MORE)
		__builtin_trap();
	/* LDAP and PostgreSQL speak first, MySQL does not. */
	if ((out.len == 0) != (st.svc == SVC_MYSQL))
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
		if (consumed > len || (r != STARTTLS_READY && consumed != 0) ||
		    (r < 0 && st.msg[0] == '\0'))
			__builtin_trap();
		/* Only MySQL answers, and only with its 36-byte SSLRequest. */
		if (out.len != (r == STARTTLS_READY && st.svc == SVC_MYSQL ?
		    36u : 0u))
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
