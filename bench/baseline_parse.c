/*
 * baseline_parse.c - the floor ecslint's YAML front end is measured against:
 * read a file and pull every libfyaml event out of it (fy_parser_parse), with
 * the same parser flags ecslint uses, and nothing else.  Prints the event
 * count so the work cannot be optimised away.
 *
 * usage: baseline_parse FILE
 */
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64 * 1024;
			char *p = realloc(data, ncap);
			if (!p) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = p;
			cap = ncap;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return data;
}

int main(int argc, char **argv)
{
	struct fy_parse_cfg cfg = { 0 };
	struct fy_parser *fyp;
	struct fy_event *ev;
	unsigned long events = 0;
	size_t len = 0;
	char *data;
	int status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: baseline_parse FILE\n");
		return 3;
	}
	data = read_file(argv[1], &len);
	if (!data) {
		perror(argv[1]);
		return 2;
	}
	/* The flags ecslint's yaml_load.c passes, so both parse alike. */
	cfg.flags = FYPCF_QUIET | FYPCF_DISABLE_DEPTH_LIMIT | FYPCF_ALLOW_DUPLICATE_KEYS |
		    FYPCF_DISABLE_MMAP_OPT;
	fyp = fy_parser_create(&cfg);
	if (!fyp || fy_parser_set_string(fyp, data, len) != 0) {
		fprintf(stderr, "baseline_parse: cannot create the parser\n");
		free(data);
		return 3;
	}
	while ((ev = fy_parser_parse(fyp)) != NULL) {
		events++;
		fy_parser_event_free(fyp, ev);
	}
	if (fy_parser_get_stream_error(fyp))
		status = 2;
	printf("%lu events\n", events);
	fy_parser_destroy(fyp);
	free(data);
	return status;
}
