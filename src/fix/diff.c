/*
 * diff.c - unified line diffs.
 *
 * Myers' middle-snake divide and conquer ("An O(ND) Difference Algorithm
 * and Its Variations", 1986, section 4b): time O((N+M)D), space O(N+M).
 * Fixes touch a few lines of a file, so D is small and the common prefix
 * and suffix, stripped first, are most of the input.  The result is a
 * changed flag per line on each side, from which hunks are grouped as GNU
 * diff groups them.
 */
#include "diff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *s;
	size_t len;		/* including its "\n", when it has one */
	uint64_t hash;
};

struct side {
	struct line *v;
	size_t n;
	bool *changed;
};

struct differ {
	struct side a, b;
	long *vf, *vb;		/* furthest x per diagonal, forward and backward */
	long off;		/* index of diagonal 0 in vf and vb */
};

/* A stretch of equal lines, in coordinates local to one sub-problem. */
struct snake {
	long x0, y0, x1, y1;
};

struct change {
	size_t i0, i1, j0, j1;	/* a[i0, i1) became b[j0, j1) */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int split_lines(const char *s, size_t len, struct side *out)
{
	size_t n = 0, k = 0, start = 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			n++;
	if (len && s[len - 1] != '\n')
		n++;
	out->n = n;
	out->v = malloc((n ? n : 1) * sizeof(*out->v));
	out->changed = calloc(n ? n : 1, sizeof(*out->changed));
	if (!out->v || !out->changed)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n' && i + 1 < len)
			continue;
		out->v[k].s = s + start;
		out->v[k].len = i + 1 - start;
		out->v[k].hash = hash_bytes(out->v[k].s, out->v[k].len);
		k++;
		start = i + 1;
	}
	return 0;
}

static bool same_line(const struct differ *d, long i, long j)
{
	const struct line *x = &d->a.v[i], *y = &d->b.v[j];

	return x->hash == y->hash && x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/*
 * Finds the snake in the middle of an optimal edit path from a[a0, a1) to
 * b[b0, b1), searching forward from the start and backward from the end
 * (on the reversed sequences) until the two frontiers meet.
 */
static void middle_snake(struct differ *d, long a0, long a1, long b0, long b1, struct snake *sn)
{
	long n = a1 - a0, m = b1 - b0, delta = n - m;
	long max_d = (n + m + 1) / 2;
	bool odd = delta & 1;
	long *vf = d->vf + d->off, *vb = d->vb + d->off;

	vf[1] = 0;
	vb[1] = 0;
	for (long dist = 0; dist <= max_d; dist++) {
		for (long k = -dist; k <= dist; k += 2) {
			long x = k == -dist || (k != dist && vf[k - 1] < vf[k + 1]) ? vf[k + 1] : vf[k - 1] + 1;
			long y = x - k, x0 = x, y0 = y, kr = delta - k;

			while (x < n && y < m && same_line(d, a0 + x, b0 + y))
				x++, y++;
			vf[k] = x;
			if (odd && kr >= -(dist - 1) && kr <= dist - 1 && vf[k] + vb[kr] >= n) {
				*sn = (struct snake){ x0, y0, x, y };
				return;
			}
		}
		for (long k = -dist; k <= dist; k += 2) {
			long x = k == -dist || (k != dist && vb[k - 1] < vb[k + 1]) ? vb[k + 1] : vb[k - 1] + 1;
			long y = x - k, x0 = x, y0 = y, kf = delta - k;

			while (x < n && y < m && same_line(d, a1 - 1 - x, b1 - 1 - y))
				x++, y++;
			vb[k] = x;
			if (!odd && kf >= -dist && kf <= dist && vf[kf] + vb[k] >= n) {
				*sn = (struct snake){ n - x, m - y, n - x0, m - y0 };
				return;
			}
		}
	}
	/* Unreachable: the frontiers meet by max_d.  Mark everything changed. */
	*sn = (struct snake){ n, 0, n, 0 };
}

/*
 * Marks the lines an edit script from a[a0, a1) to b[b0, b1) deletes and
 * inserts.  After stripping the common ends both sides are non-empty and
 * their distance is at least 2, so each half of the split is smaller and
 * the recursion depth is about log2(D).
 */
static void compare(struct differ *d, long a0, long a1, long b0, long b1)
{
	struct snake sn;

	while (a0 < a1 && b0 < b1 && same_line(d, a0, b0))
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && same_line(d, a1 - 1, b1 - 1))
		a1--, b1--;
	if (a0 == a1) {
		for (long j = b0; j < b1; j++)
			d->b.changed[j] = true;
		return;
	}
	if (b0 == b1) {
		for (long i = a0; i < a1; i++)
			d->a.changed[i] = true;
		return;
	}
	middle_snake(d, a0, a1, b0, b1, &sn);
	compare(d, a0, a0 + sn.x0, b0, b0 + sn.y0);
	compare(d, a0 + sn.x1, a1, b0 + sn.y1, b1);
}

static void add_line(struct ecs_buf *out, char mark, const struct line *l)
{
	ecs_buf_addc(out, mark);
	ecs_buf_add(out, l->s, l->len);
	if (!l->len || l->s[l->len - 1] != '\n')
		ecs_buf_adds(out, "\n\\ No newline at end of file\n");
}

/* GNU's range notation: "start,count", "start" when count is 1, "before,0" when empty. */
static void add_range(struct ecs_buf *out, size_t start, size_t count)
{
	if (count == 1)
		ecs_buf_addf(out, "%zu", start + 1);
	else
		ecs_buf_addf(out, "%zu,%zu", count ? start + 1 : start, count);
}

static void add_hunk(struct ecs_buf *out, const struct differ *d, const struct change *c, size_t n,
		     unsigned context)
{
	size_t a_start = c[0].i0 > context ? c[0].i0 - context : 0;
	size_t b_start = c[0].j0 - (c[0].i0 - a_start);
	size_t a_end = c[n - 1].i1 + context < d->a.n ? c[n - 1].i1 + context : d->a.n;
	size_t b_end = c[n - 1].j1 + (a_end - c[n - 1].i1);
	size_t i = a_start;

	ecs_buf_adds(out, "@@ -");
	add_range(out, a_start, a_end - a_start);
	ecs_buf_adds(out, " +");
	add_range(out, b_start, b_end - b_start);
	ecs_buf_adds(out, " @@\n");
	for (size_t k = 0; k < n; k++) {
		for (; i < c[k].i0; i++)
			add_line(out, ' ', &d->a.v[i]);
		for (; i < c[k].i1; i++)
			add_line(out, '-', &d->a.v[i]);
		for (size_t j = c[k].j0; j < c[k].j1; j++)
			add_line(out, '+', &d->b.v[j]);
	}
	for (; i < a_end; i++)
		add_line(out, ' ', &d->a.v[i]);
}

/* The changed stretches, in order; unchanged lines pair up one to one. */
static struct change *collect_changes(const struct differ *d, size_t *n_out)
{
	size_t i = 0, j = 0, n = 0, cap = 16;
	struct change *c = malloc(cap * sizeof(*c));

	if (!c)
		return NULL;
	while (i < d->a.n || j < d->b.n) {
		if ((i < d->a.n && d->a.changed[i]) || (j < d->b.n && d->b.changed[j])) {
			if (n == cap) {
				struct change *bigger = realloc(c, cap * 2 * sizeof(*c));
				if (!bigger) {
					free(c);
					return NULL;
				}
				c = bigger;
				cap *= 2;
			}
			c[n].i0 = i;
			c[n].j0 = j;
			while (i < d->a.n && d->a.changed[i])
				i++;
			while (j < d->b.n && d->b.changed[j])
				j++;
			c[n].i1 = i;
			c[n].j1 = j;
			n++;
		} else {
			i++;
			j++;
		}
	}
	*n_out = n;
	return c;
}

int ecs_diff_unified(const char *name, const char *a, size_t a_len, const char *b, size_t b_len,
		     unsigned context, struct ecs_buf *out)
{
	struct differ d;
	struct change *c = NULL;
	size_t n_changes = 0;
	int rc = -1;

	memset(&d, 0, sizeof(d));
	if (a_len == b_len && memcmp(a, b, a_len) == 0)
		return 0;
	if (split_lines(a, a_len, &d.a) < 0 || split_lines(b, b_len, &d.b) < 0)
		goto out;
	d.off = (long)((d.a.n + d.b.n + 1) / 2) + 1;
	d.vf = malloc((size_t)(2 * d.off + 1) * sizeof(*d.vf));
	d.vb = malloc((size_t)(2 * d.off + 1) * sizeof(*d.vb));
	if (!d.vf || !d.vb)
		goto out;
	compare(&d, 0, (long)d.a.n, 0, (long)d.b.n);
	c = collect_changes(&d, &n_changes);
	if (!c)
		goto out;
	ecs_buf_addf(out, "--- %s\n+++ %s\n", name, name);
	for (size_t k = 0; k < n_changes;) {
		size_t l = k + 1;

		/* Changes whose contexts would touch share a hunk. */
		while (l < n_changes && c[l].i0 - c[l - 1].i1 <= 2 * (size_t)context)
			l++;
		add_hunk(out, &d, c + k, l - k, context);
		k = l;
	}
	rc = out->failed ? -1 : 0;
out:
	free(c);
	free(d.vf);
	free(d.vb);
	free(d.a.v);
	free(d.a.changed);
	free(d.b.v);
	free(d.b.changed);
	return rc;
}
