/*
 * fingerprint.h - identities of a finding that survive edits elsewhere in
 * the file, so code scanning keeps one alert per problem across commits.
 */
#ifndef ECS_FINGERPRINT_H
#define ECS_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

/*
 * GitHub's primaryLocationLineHash for every line of text: the rolling hash
 * github/codeql-action computes when a SARIF file has none (fingerprints.ts),
 * so ours matches the one it would compute.  hashes[line - 1] receives
 * "hex:occurrence" for lines 1..n_lines; the strings are malloc'd.
 * Returns 0, or -1 when out of memory.
 */
int ecs_line_hashes(const char *text, size_t len, char **hashes, uint32_t n_lines);

/* 64-bit FNV-1a, continued from h (start with ECS_FNV_INIT). */
#define ECS_FNV_INIT 0xcbf29ce484222325ull
uint64_t ecs_fnv1a(uint64_t h, const void *data, size_t len);

#endif
