/* fds.c: see fds.h. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "common/fds.h"

int
fds_ensure_std(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* open() takes the lowest free descriptor: this one. */
		if (open("/dev/null", O_RDWR) == -1)
			return -1;
	}
	return 0;
}
