/*
 * text.h: what counts as text.  Every argument of tilsyn-case ends up in
 * the journal, the XML export and the letters, so it must be UTF-8 without
 * the control characters XML 1.0 forbids (and a terminal would obey); a
 * mandatory field must not be blank.
 */
#ifndef TILSYN_TEXT_H
#define TILSYN_TEXT_H

#include <stdbool.h>

/*
 * NULL when v is such text, else what is wrong with it ("contains a
 * control character", "is not valid UTF-8"), to follow the value's name.
 */
const char	*text_problem(const char *v);
/* True for NULL, "" and text of only spaces, tabs and line ends. */
bool		 text_blank(const char *v);

#endif
