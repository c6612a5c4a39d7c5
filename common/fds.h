/*
 * fds.h: the first thing each main() does.  A binary started with fd 0, 1
 * or 2 closed would have its first open() (a socket, the database) land
 * there, and a printf would then write into it.
 */
#ifndef TILSYN_FDS_H
#define TILSYN_FDS_H

/* Opens /dev/null on whichever of fds 0-2 is closed.  0, or -1 (errno). */
int	fds_ensure_std(void) __attribute__((warn_unused_result));

#endif
