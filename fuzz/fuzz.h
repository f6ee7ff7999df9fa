/*
 * fuzz.h - what every harness in fuzz/ shares.
 *
 * A harness is fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput().  With
 * -DECSLINT_FUZZ=ON (clang) it links against libFuzzer; in every other build
 * it links against driver.c, which replays files through the same function,
 * so the seed corpora and every past crash run as a regression test under
 * gcc, ASan and valgrind alike.  Seeds live in fuzz/corpus/<name>/.
 */
#ifndef ECS_FUZZ_H
#define ECS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/source.h"
#include "yaml/node.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A broken invariant must stop the run where it is found: abort() is what
 * libFuzzer and the driver both report as a crash, with the message.
 */
#define FUZZ_ASSERT(cond)                                                                   \
	do {                                                                                \
		if (!(cond)) {                                                              \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                            \
		}                                                                           \
	} while (0)

/*
 * Walks a YAML tree, checking that every span lies inside its file and is
 * ordered, and that an alias points at a node.  Aliases are not followed
 * (that is how an alias bomb would blow up a walker).  Returns the node count.
 */
size_t fuzz_check_tree(const struct ecs_files *files, const struct ecs_node *n, unsigned depth);
/* Checks every diagnostic's spans against the file table. */
void fuzz_check_diags(const struct ecs_files *files, const struct ecs_diags *d);

#endif
