// SPDX-License-Identifier: GPL-2.0-only
#include "sim/lang/diag.h"

#include <string.h>

/* The list comes with the first message: most users never get one. */
void diag_init(struct diag *d)
{
	d->messages = NULL;
}

void diag_free(struct diag *d)
{
	if (d->messages)
		g_ptr_array_unref(d->messages);
	d->messages = NULL;
}

void diag_clear(struct diag *d)
{
	if (d->messages)
		g_ptr_array_set_size(d->messages, 0);
}

void diag_verror(struct diag *d, struct src_pos pos, const char *fmt,
		 va_list ap)
{
	const char *file = pos.file ? pos.file : "<input>";
	char *text = g_strdup_vprintf(fmt, ap);
	char *msg;

	if (pos.line)
		msg = g_strdup_printf("%s:%u:%u: %s", file, pos.line, pos.col,
				      text);
	else
		msg = g_strdup_printf("%s: %s", file, text);
	g_free(text);
	/*
	 * A message quotes the file (an unknown key, a bad value), which may
	 * hold a terminal escape: a diagnostic is one line of plain text.
	 */
	for (text = msg; *text; text++)
		if (g_ascii_iscntrl(*text))
			*text = ' ';
	if (!d->messages)
		d->messages = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(d->messages, msg);
}

void diag_amend(struct diag *d, unsigned int i, const char *more)
{
	char *msg;

	if (i >= diag_count(d))
		return;
	msg = g_strdup_printf("%s; %s", (char *)d->messages->pdata[i], more);
	g_free(d->messages->pdata[i]);
	d->messages->pdata[i] = msg;
}

void diag_error(struct diag *d, struct src_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(d, pos, fmt, ap);
	va_end(ap);
}

unsigned int diag_count(const struct diag *d)
{
	return d->messages ? d->messages->len : 0;
}

const char *diag_message(const struct diag *d, unsigned int i)
{
	if (i >= diag_count(d))
		return NULL;
	return g_ptr_array_index(d->messages, i);
}

void diag_print(const struct diag *d, FILE *out)
{
	unsigned int i;

	for (i = 0; i < diag_count(d); i++)
		fprintf(out, "%s\n", diag_message(d, i));
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Three rolling rows are all the transposition rule needs, so long inputs
 * cost O(len(b)) memory rather than a full matrix.
 */
size_t diag_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev2 = g_new0(size_t, lb + 1);
	size_t *prev = g_new0(size_t, lb + 1);
	size_t *cur = g_new0(size_t, lb + 1);
	size_t i, j, result;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		char ca = g_ascii_tolower(a[i - 1]);
		size_t *tmp;

		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			char cb = g_ascii_tolower(b[j - 1]);
			size_t cost = ca != cb;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + cost);
			if (i > 1 && j > 1 &&
			    ca == g_ascii_tolower(b[j - 2]) &&
			    g_ascii_tolower(a[i - 2]) == cb &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	result = prev[lb];
	g_free(prev2);
	g_free(prev);
	g_free(cur);
	return result;
}

void diag_suggester_init(struct diag_suggester *s, const char *word)
{
	size_t len = strlen(word);

	s->word = word;
	s->limit = len / 3 > 1 ? len / 3 : 1;
	s->best = NULL;
	s->best_distance = 0;
}

void diag_suggester_add(struct diag_suggester *s, const char *candidate)
{
	size_t len, dist;

	/* An empty word is close to every short name: suggest nothing. */
	if (!candidate || !s->word[0])
		return;
	/*
	 * The distance costs the product of the lengths: two names of 50 KB
	 * would take seconds.  No name of the language is that long.
	 */
	len = strlen(candidate);
	if (len > DIAG_SUGGEST_MAX_LEN || strlen(s->word) > DIAG_SUGGEST_MAX_LEN)
		return;
	/* Cheap reject: the length difference alone is a lower bound. */
	if ((len > strlen(s->word) ? len - strlen(s->word) :
	     strlen(s->word) - len) > s->limit)
		return;
	dist = diag_edit_distance(s->word, candidate);
	if (dist > s->limit)
		return;
	if (!s->best || dist < s->best_distance) {
		s->best = candidate;
		s->best_distance = dist;
	}
}

const char *diag_suggest(const char *word, const char *const *candidates,
			 size_t n)
{
	struct diag_suggester s;
	size_t i;

	diag_suggester_init(&s, word);
	for (i = 0; i < n; i++)
		diag_suggester_add(&s, candidates[i]);
	return s.best;
}
