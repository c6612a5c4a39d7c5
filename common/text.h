/*
 * text.h: what counts as text a person wrote.  Every argument of
 * tilsyn-case ends up in the journal, the XML export, the letters and
 * on terminals and in cron mail, so this is the one definition:
 *  - text is UTF-8 without C0 or C1 control characters (tab and line
 *    ends aside) and without bidirectional controls (U+061C, U+200E,
 *    U+200F, U+202A-U+202E, U+2066-U+2069), which would make a terminal
 *    or a letter show other text than is stored;
 *  - a one-line field (a name, a subject, an actor, an e-mail address,
 *    a path) has no tab and no line break (LF, CR, U+2028, U+2029);
 *  - a mandatory field needs a visible character: spaces (U+0020,
 *    U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), line ends,
 *    zero-width and other format characters (Cf: U+00AD, U+200B-U+200D,
 *    U+2060-U+2064, U+FEFF, ...) and U+115F/U+1160/U+3164/U+FFA0 (the
 *    Hangul fillers) do not count;
 *  - whatever is printed goes through text_escape(), so that no stored
 *    value (also one stored before these rules) can forge a line.
 */
#ifndef TILSYN_TEXT_H
#define TILSYN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * NULL when v is text, else what is wrong with it ("contains a control
 * character", "is not valid UTF-8", "contains a bidirectional control
 * character (U+202E)"), to follow the value's name.  The reason is in a
 * static buffer for the last call.
 */
const char	*text_problem(const char *v);
/* As text_problem(), and NULL only when v is on one line, without tabs. */
const char	*text_line_problem(const char *v);
/* True for NULL and for text without a visible character (see above). */
bool		 text_blank(const char *v);
/*
 * Writes v into dst (len bytes, NUL-terminated when len > 0) with
 * backslash as "\\", tab, LF and CR as "\t", "\n" and "\r", other
 * control, bidirectional and line-separator characters as "\u{XXXX}"
 * and bytes that are not UTF-8 as "\x{XX}".  Returns the length the
 * escaped text needs (without the NUL), as snprintf() does.
 */
size_t		 text_escape(char *dst, size_t len, const char *v);

#endif
