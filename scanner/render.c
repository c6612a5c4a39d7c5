/*
 * render.c: see render.h.
 */
#include <stdio.h>
#include <time.h>

#include "scanner/render.h"

void
render_time(int64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

json_t *
json_whole(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
json_strings(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;
	int bad = a == NULL;

	for (i = 0; i < n && !bad; i++)
		bad |= json_array_append_new(a, json_string(v[i]));
	return json_whole(a, bad);
}
