// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim run --record-expectations FILE: the run's failures written as
 * an expectations file.  What a person wrote stays: the header comment,
 * every reason, entries of scenarios the run did not reach or builds it
 * is not.  Outcomes accumulate, since page sizes and sanitizers can make
 * one scenario fail in two ways; a line that no longer holds is deleted
 * by hand.  A reason shared by several entries is written once, with a
 * YAML anchor.
 *
 * On a TF-A variant a failure belongs to one of two files: the kernel's
 * or the EL3's (tf-a-SERIES.yaml, what TF-A gives on every kernel).  The
 * file written gets the failures the other does not already list with
 * the same outcome.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/run/expectations.h"
#include "sim/exec/tsan_report.h"

#define REASON_WIDTH	66

struct rec {
	const struct record_target *t;
	GPtrArray *out;		/* of struct known_failure *, not owned */
	GPtrArray *made;	/* entries made here, owned */
	GHashTable *results;	/* id -> struct scen_result * */
	unsigned int added, dropped, updated;
	unsigned int elsewhere;	/* failures the other file lists */
};

static struct known_failure *new_entry(struct rec *w, const char *id,
				       const char *reason, const char *build,
				       const char *spmc)
{
	struct known_failure *k = g_new0(struct known_failure, 1);

	k->id = g_strdup(id);
	k->reason = g_strdup(reason);
	k->build = g_strdup(build);
	k->spmc = g_strdup(spmc);
	k->outcomes = g_ptr_array_new_with_free_func(g_free);
	k->mine = true;
	g_ptr_array_add(w->made, k);
	return k;
}

static bool has_outcome(const struct known_failure *k, const char *outcome)
{
	unsigned int i;

	for (i = 0; i < k->outcomes->len; i++)
		if (scen_outcomes_match(k->outcomes->pdata[i], outcome))
			return true;
	return false;
}

/* Does the run's other file list @id failing this way? */
static bool listed_elsewhere(const struct rec *w, const char *id,
			     const char *outcome)
{
	const struct known_failure *k;

	if (!w->t->other)
		return false;
	k = g_hash_table_lookup(w->t->other->known, id);
	return k && has_outcome(k, outcome);
}

/*
 * An entry this run cannot judge: another build's or EL3's, a scenario it
 * did not run, or, from a TF-A run, a kernel's entry for either EL3.
 */
static bool not_this_runs(const struct rec *w, const struct known_failure *k,
			  const struct scen_result *r)
{
	if (!k->mine || !r || r->status == SCEN_SKIP)
		return true;
	return w->t->tfa_run && !w->t->spmc_file && !k->spmc;
}

/* An entry of the old file: kept, given this run's outcome, or dropped. */
static void carry(struct rec *w, const struct known_failure *old)
{
	const struct scen_result *r = g_hash_table_lookup(w->results, old->id);
	struct known_failure *k;
	char *outcome;
	unsigned int i;

	if (not_this_runs(w, old, r)) {
		g_ptr_array_add(w->out, (gpointer)old);
		return;
	}
	if (r->status == SCEN_PASS) {
		w->dropped++;
		return;
	}
	outcome = scen_result_outcome(r);
	if (has_outcome(old, outcome) ||
	    listed_elsewhere(w, old->id, outcome)) {
		g_ptr_array_add(w->out, (gpointer)old);
		g_free(outcome);
		return;
	}
	k = new_entry(w, old->id, old->reason, old->build, old->spmc);
	for (i = 0; i < old->outcomes->len; i++)
		g_ptr_array_add(k->outcomes, g_strdup(old->outcomes->pdata[i]));
	g_ptr_array_add(k->outcomes, outcome);
	g_ptr_array_add(w->out, k);
	w->updated++;
}

static void add_new(struct rec *w, const struct expectations *old,
		    const struct scen_result *r)
{
	const struct record_target *t = w->t;
	struct known_failure *k;
	char *outcome;

	if (r->status != SCEN_FAIL && r->status != SCEN_CRASH)
		return;
	if (g_hash_table_contains(old->known, r->id))
		return;
	outcome = scen_result_outcome(r);
	if (listed_elsewhere(w, r->id, outcome)) {
		w->elsewhere++;
		g_free(outcome);
		return;
	}
	/* A failure only ThreadSanitizer sees is that build's alone. */
	k = new_entry(w, r->id, t->spmc_file ? EXPECTATIONS_SPMC_PLACEHOLDER :
					       EXPECTATIONS_PLACEHOLDER,
		      tsan_report_active() ? "tsan" : NULL,
		      t->tfa_run && !t->spmc_file ? "tf-a" : NULL);
	g_ptr_array_add(k->outcomes, outcome);
	g_ptr_array_add(w->out, k);
	w->added++;
}

static void put_quoted(GString *o, const char *text)
{
	const char *p;

	g_string_append_c(o, '"');
	for (p = text; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(o, '\\');
		if (*p == '\n')
			g_string_append(o, "\\n");
		else if (*p == '\t')
			g_string_append(o, "\\t");
		else
			g_string_append_c(o, *p);
	}
	g_string_append_c(o, '"');
}

/* A folded block scalar: words wrapped, each line indented six. */
static void put_folded(GString *o, const char *text)
{
	char **words = g_strsplit_set(text, " \n\t", -1);
	unsigned int i, col = 0;

	g_string_append(o, ">\n");
	for (i = 0; words[i]; i++) {
		size_t len = strlen(words[i]);

		if (!len)
			continue;
		if (col && col + 1 + len > REASON_WIDTH) {
			g_string_append_c(o, '\n');
			col = 0;
		}
		g_string_append(o, col ? " " : "      ");
		g_string_append(o, words[i]);
		col += len + (col ? 1 : 0);
	}
	g_string_append_c(o, '\n');
	g_strfreev(words);
}

static void put_outcomes(GString *o, const struct known_failure *k)
{
	unsigned int i;

	if (!k->outcomes->len)
		return;
	g_string_append(o, "    outcome:");
	if (k->outcomes->len == 1) {
		g_string_append_c(o, ' ');
		put_quoted(o, k->outcomes->pdata[0]);
		g_string_append_c(o, '\n');
		return;
	}
	g_string_append_c(o, '\n');
	for (i = 0; i < k->outcomes->len; i++) {
		g_string_append(o, "      - ");
		put_quoted(o, k->outcomes->pdata[i]);
		g_string_append_c(o, '\n');
	}
}

/* The reason, or an alias of the same text written before. */
static void put_reason(GString *o, const struct known_failure *k,
		       GHashTable *uses, GHashTable *anchors)
{
	unsigned int n = GPOINTER_TO_UINT(g_hash_table_lookup(uses, k->reason));
	const char *anchor = g_hash_table_lookup(anchors, k->reason);

	g_string_append(o, "    reason: ");
	if (anchor) {
		g_string_append_printf(o, "*%s\n", anchor);
		return;
	}
	if (n > 1) {
		char *name = g_strdup_printf("r%u", g_hash_table_size(anchors) + 1);

		g_hash_table_insert(anchors, k->reason, name);
		g_string_append_printf(o, "&%s ", name);
	}
	put_folded(o, k->reason);
}

/* The file's header comment, series: and, for a kernel, generation:. */
static void put_head(GString *o, const struct expectations *old,
		     const struct record_target *t)
{
	const struct generation *gen = t->gen;

	if (old->header)
		g_string_append(o, old->header);
	else if (t->spmc_file)
		g_string_append_printf(o, "# Scenarios whose outcome differs when the EL3 is TF-A %s's EL3 SPMC,\n# on every kernel: how, and why.\n",
				       t->series);
	else
		g_string_append_printf(o, "# Scenarios known to fail on Linux %s's proxy: how, and why.\n",
				       t->series);
	g_string_append_printf(o, "series: \"%s\"\n",
			       old->series ? old->series : t->series);
	if (!t->spmc_file && gen && gen->smc_call && gen->ffa_version)
		g_string_append_printf(o, "generation: { smc_call: %s, ffa_version: \"%s\" }\n",
				       gen->smc_call, gen->ffa_version);
}

static char *render(const struct rec *w, const struct expectations *old)
{
	GHashTable *uses = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *anchors = g_hash_table_new_full(g_str_hash, g_str_equal,
						    NULL, g_free);
	GString *o = g_string_new(NULL);
	unsigned int i, n;

	put_head(o, old, w->t);
	g_string_append(o, w->out->len ? "known_failures:\n" : "known_failures: []\n");
	for (i = 0; i < w->out->len; i++) {
		const struct known_failure *k = w->out->pdata[i];

		n = GPOINTER_TO_UINT(g_hash_table_lookup(uses, k->reason));
		g_hash_table_insert(uses, k->reason, GUINT_TO_POINTER(n + 1));
	}
	for (i = 0; i < w->out->len; i++) {
		const struct known_failure *k = w->out->pdata[i];

		g_string_append(o, "  - scenario: ");
		put_quoted(o, k->id);
		g_string_append_c(o, '\n');
		if (k->build)
			g_string_append_printf(o, "    build: %s\n", k->build);
		if (k->spmc)
			g_string_append_printf(o, "    spmc: %s\n", k->spmc);
		put_outcomes(o, k);
		put_reason(o, k, uses, anchors);
	}
	g_hash_table_destroy(uses);
	g_hash_table_destroy(anchors);
	return g_string_free(o, FALSE);
}

bool expectations_record(const struct expectations *old,
			 const struct run_summary *sum,
			 const struct record_target *t,
			 char **what, char *err, size_t errlen)
{
	const char *path = t->path;
	struct rec w = {
		.t = t,
		.out = g_ptr_array_new(),
		.made = g_ptr_array_new_with_free_func(known_failure_free),
		.results = g_hash_table_new(g_str_hash, g_str_equal),
	};
	GError *error = NULL;
	unsigned int i;
	char *text;
	bool ok;

	for (i = 0; i < sum->results->len; i++) {
		const struct scen_result *r = sum->results->pdata[i];

		g_hash_table_insert(w.results, r->id, (gpointer)r);
	}
	for (i = 0; i < old->entries->len; i++)
		carry(&w, old->entries->pdata[i]);
	for (i = 0; i < sum->results->len; i++)
		add_new(&w, old, sum->results->pdata[i]);
	text = render(&w, old);
	ok = g_file_set_contents(path, text, -1, &error);
	if (!ok) {
		snprintf(err, errlen, "%s", error->message);
		g_error_free(error);
	} else {
		*what = g_strdup_printf("wrote %s: %u known failure%s (%u new, with a FIXME reason to write; %u with a new outcome; %u dropped: they pass)%s%s%s",
					path, w.out->len, w.out->len == 1 ? "" : "s",
					w.added, w.updated, w.dropped,
					w.elsewhere ? "; the other failures are " : "",
					w.elsewhere ? t->other->path : "",
					w.elsewhere ? "'s" : "");
	}
	g_ptr_array_unref(w.made);
	g_ptr_array_unref(w.out);
	g_hash_table_destroy(w.results);
	g_free(text);
	return ok;
}
