/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Diagnostics for scenario files: every problem becomes one line of the form
 * FILE:LINE:COL: MESSAGE, the way compilers print them, so editors can jump
 * to it.  A sink collects them instead of printing at once so that a loader
 * can report every problem in a file, and tests can compare exact text.
 *
 * Also the "did you mean ...?" helper shared by everything that looks a word
 * up in a fixed vocabulary (keys, functions, constants).
 */
#ifndef SIM_DIAG_H
#define SIM_DIAG_H

#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * A place in a source file, 1-based as editors show it.  @line == 0 means
 * "the file as a whole" (it could not be read, say): only FILE: is printed.
 * @file is borrowed: whoever builds the position keeps the string alive.
 */
struct src_pos {
	const char *file;
	unsigned int line;
	unsigned int col;
};

struct diag {
	GPtrArray *messages;	/* of g_malloc()ed "FILE:LINE:COL: text" */
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);
/* Forget the messages collected so far; @d stays usable. */
void diag_clear(struct diag *d);

void diag_error(struct diag *d, struct src_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_verror(struct diag *d, struct src_pos pos, const char *fmt,
		 va_list ap) __attribute__((format(printf, 3, 0)));

/* Add "; @more" to message @i: a hint for an error already reported. */
void diag_amend(struct diag *d, unsigned int i, const char *more);

unsigned int diag_count(const struct diag *d);
/* NULL when @i is out of range. */
const char *diag_message(const struct diag *d, unsigned int i);
/* One message per line, in the order they were reported. */
void diag_print(const struct diag *d, FILE *out);

/*
 * Case-insensitive Damerau-Levenshtein distance (optimal string alignment:
 * an adjacent transposition counts as one edit, "SHAER" -> "SHARE").
 */
size_t diag_edit_distance(const char *a, const char *b);

/*
 * Incremental form of diag_suggest(), for vocabularies that are not one
 * array (constants from a table plus captures from a hash table, say):
 * feed every candidate to diag_suggester_add(), then read .best.  The first
 * candidate at the smallest distance wins.  Candidates are borrowed: .best
 * points at one of them.
 */
struct diag_suggester {
	const char *word;
	size_t limit;		/* largest distance still worth suggesting */
	const char *best;	/* NULL: nothing close enough */
	size_t best_distance;
};

/* Longer words, and longer candidates, get no suggestion. */
#define DIAG_SUGGEST_MAX_LEN	64

void diag_suggester_init(struct diag_suggester *s, const char *word);
void diag_suggester_add(struct diag_suggester *s, const char *candidate);

/*
 * The candidate closest to @word, or NULL if none is within
 * max(1, strlen(word) / 3) edits.  NULL entries of @candidates are skipped.
 */
const char *diag_suggest(const char *word, const char *const *candidates,
			 size_t n);

#endif /* SIM_DIAG_H */
