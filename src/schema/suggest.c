/*
 * suggest.c - "did you mean" by optimal-string-alignment distance (a swap
 * of two letters counts as one edit, the most common typo after a missing
 * or doubled letter).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define SUGGEST_MAX_LEN 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/*
 * Case-insensitive distance, or limit + 1 once it must exceed limit: the
 * rows are cut short as soon as every cell is past the bound, so a
 * hopeless candidate costs a row or two.
 */
static size_t distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	char la_[SUGGEST_MAX_LEN], lb_[SUGGEST_MAX_LEN];

	for (size_t i = 0; i < la; i++)
		la_[i] = (char)tolower((unsigned char)a[i]);
	for (size_t j = 0; j < lb; j++)
		lb_[j] = (char)tolower((unsigned char)b[j]);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t row_min;
		size_t *t;

		cur[0] = row_min = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = la_[i - 1] != lb_[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && la_[i - 1] == lb_[j - 2] && la_[i - 2] == lb_[j - 1] &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < row_min)
				row_min = cur[j];
		}
		if (row_min > limit)
			return limit + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *ecs_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t lw = strlen(word), best_d = (size_t)-1;
	const char *best = NULL;

	if (lw == 0 || lw > SUGGEST_MAX_LEN)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t lc = strlen(candidates[i]), d, limit;

		if (lc > SUGGEST_MAX_LEN || strcmp(word, candidates[i]) == 0)
			continue;
		/* About one edit per four letters: short words need a tight bound. */
		limit = (lw + 2) / 4;
		if (limit < 1)
			limit = 1;
		if ((lw > lc ? lw - lc : lc - lw) > limit)
			continue;	/* the length difference alone is too many edits */
		d = distance(word, lw, candidates[i], lc, limit);
		if (d <= limit && d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best || lw < 3)
		return best;
	/* An abbreviation (`mem` for `memory`) when only one candidate starts with it. */
	for (size_t i = 0; i < n; i++) {
		if (strncmp(candidates[i], word, lw) != 0 || candidates[i][lw] == '\0')
			continue;
		if (best)
			return NULL;
		best = candidates[i];
	}
	return best;
}

const char *ecs_suggest_unique(const char *word, const char *const *candidates, size_t n)
{
	const char *best = ecs_suggest(word, candidates, n);
	size_t lw = strlen(word), limit = (lw + 2) / 4;

	if (!best)
		return NULL;
	if (limit < 1)
		limit = 1;
	for (size_t i = 0; i < n; i++) {
		size_t lc = strlen(candidates[i]);

		if (candidates[i] == best || lc > SUGGEST_MAX_LEN || strcmp(word, candidates[i]) == 0 ||
		    (lw > lc ? lw - lc : lc - lw) > limit)
			continue;
		if (distance(word, lw, candidates[i], lc, limit) <= limit)
			return NULL;
	}
	return best;
}
