/*
 * exit.h: the exit statuses of every tilsyn binary, in one place (each
 * man page's EXIT STATUS says the same).
 */
#ifndef TILSYN_EXIT_H
#define TILSYN_EXIT_H

enum tilsyn_exit {
	EXIT_OK = 0,		/* done, nothing to report */
	EXIT_FINDINGS = 1,	/* findings at or above --fail-on, a late report */
	EXIT_REFUSED = 1,	/* the law does not allow it (the same status) */
	EXIT_USAGE = 2,		/* usage or bad input: nothing was done */
	EXIT_FAIL = 3,		/* a target could not be scanned, a failure */
};

#endif
