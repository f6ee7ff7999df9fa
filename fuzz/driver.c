/*
 * driver.c - replays inputs through a harness without libFuzzer, for builds
 * that are not clang fuzzing builds (gcc, ASan, valgrind):
 *
 *	fuzz_NAME [FILE|DIR]...
 *
 * Each input is copied into a buffer of exactly its size, as libFuzzer
 * does, so a read past the end is an ASan or valgrind error here too.
 * Prints "N inputs" and exits 0; a crash is the harness's abort().
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path, unsigned long *n)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t len;

	if (!f || fstat(fileno(f), &st) != 0) {
		perror(path);
		if (f)
			fclose(f);
		return -1;
	}
	len = (size_t)st.st_size;
	data = malloc(len ? len : 1);
	if (!data || fread(data, 1, len, f) != len) {
		fprintf(stderr, "%s: cannot read\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	(*n)++;
	return 0;
}

static int run_path(const char *path, unsigned long *n)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, n);
	dir = opendir(path);
	if (!dir) {
		perror(path);
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		char child[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		if (run_path(child, n) < 0)
			rc = -1;
	}
	closedir(dir);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &n) < 0)
			rc = 1;
	printf("%lu inputs\n", n);
	return rc;
}
