/*
 * replay.c: runs every file of a seed corpus directory through a fuzz
 * target's LLVMFuzzerTestOneInput(), so the targets are exercised by
 * 'meson test' even where libFuzzer is not available.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	struct dirent *de;
	struct stat st;
	char path[4096];
	uint8_t *data;
	size_t n, count = 0;
	FILE *f;
	DIR *d;

	if (argc != 2)
		errx(2, "usage: replay CORPUS-DIR");
	if ((d = opendir(argv[1])) == NULL)
		err(2, "%s", argv[1]);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if ((f = fopen(path, "rb")) == NULL)
			err(1, "%s", path);
		if ((data = malloc((size_t)st.st_size + 1)) == NULL)
			err(1, NULL);
		n = fread(data, 1, (size_t)st.st_size, f);
		fclose(f);
		LLVMFuzzerTestOneInput(data, n);
		free(data);
		count++;
	}
	closedir(d);
	if (count == 0)
		errx(1, "%s: empty corpus", argv[1]);
	printf("replayed %zu inputs from %s\n", count, argv[1]);
	return 0;
}
