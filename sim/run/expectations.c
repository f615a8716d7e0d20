// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include <generated/sim_variant.h>

#include "sim/run/expectations.h"
#include "sim/exec/tsan_report.h"
#include "sim/lang/yaml_tree.h"

static const char *const top_keys[] = {
	"series", "generation", "known_failures",
};
static const char *const entry_keys[] = {
	"scenario", "outcome", "reason", "build", "spmc",
};
static const char *const gen_keys[] = { "smc_call", "ffa_version" };

void known_failure_free(gpointer p)
{
	struct known_failure *k = p;

	g_free(k->id);
	g_free(k->reason);
	g_free(k->build);
	g_free(k->spmc);
	g_ptr_array_unref(k->outcomes);
	g_free(k);
}

/*
 * build: tsan lists a failure only ThreadSanitizer sees (a data race):
 * other builds skip the entry.
 */
static bool for_this_build(const struct ynode *build, struct diag *d,
			   bool *mine)
{
	if (!build) {
		*mine = true;
		return true;
	}
	if (!yaml_scalar_is(build, "tsan")) {
		diag_error(d, build->pos, "build: is tsan, the one build whose failures differ");
		return false;
	}
	*mine = tsan_report_active();
	return true;
}

/*
 * spmc: mock or spmc: tf-a lists an outcome that only that EL3 gives
 * (docs/spmc.md): variants with the other SPMC skip the entry.
 */
static bool for_this_spmc(const struct ynode *spmc, struct diag *d,
			  bool *mine)
{
	if (!spmc)
		return true;
	if (!yaml_scalar_is(spmc, "mock") && !yaml_scalar_is(spmc, "tf-a")) {
		diag_error(d, spmc->pos, "spmc: is mock or tf-a");
		return false;
	}
	*mine = *mine && yaml_scalar_is(spmc, SIM_SPMC_TFA ? "tf-a" : "mock");
	return true;
}

/*
 * A scenario listed for the kernel and for the SPMC keeps both reasons
 * and both outcomes: the kernel's entry, as the run reads it, gets the
 * SPMC's too.
 */
static void merge_entry(struct known_failure *had,
			const struct known_failure *k)
{
	char *reason = g_strdup_printf("%s; and %s", had->reason, k->reason);
	unsigned int i;

	g_free(had->reason);
	had->reason = reason;
	for (i = 0; i < k->outcomes->len; i++)
		g_ptr_array_add(had->outcomes, g_strdup(k->outcomes->pdata[i]));
}

/* outcome: one string, or a list of them (builds that fail otherwise). */
static bool load_outcomes(struct known_failure *k, const struct ynode *n,
			  struct diag *d)
{
	unsigned int i, count = n->kind == YNODE_SEQUENCE ? yaml_seq_count(n) : 1;

	if (!count) {
		diag_error(d, n->pos, "outcome: lists no outcome");
		return false;
	}
	for (i = 0; i < count; i++) {
		const struct ynode *o = n->kind == YNODE_SEQUENCE ?
					yaml_seq_item(n, i) : n;

		if (!yaml_expect_kind(o, YNODE_SCALAR, "an outcome", d))
			return false;
		if (!*yaml_scalar_text(o)) {
			diag_error(d, o->pos, "an empty outcome matches nothing: give the step and the first difference");
			return false;
		}
		g_ptr_array_add(k->outcomes, g_strdup(yaml_scalar_text(o)));
	}
	return true;
}

static bool load_entry(struct expectations *e, const struct ynode *n,
		       struct diag *d)
{
	const struct ynode *id, *reason, *outcome, *build, *spmc;
	struct known_failure *k, *had;

	if (!yaml_expect_kind(n, YNODE_MAPPING, "a known failure", d) ||
	    !yaml_map_check_keys(n, entry_keys, G_N_ELEMENTS(entry_keys), d))
		return false;
	id = yaml_map_get(n, "scenario");
	reason = yaml_map_get(n, "reason");
	outcome = yaml_map_get(n, "outcome");
	build = yaml_map_get(n, "build");
	spmc = yaml_map_get(n, "spmc");
	/* A name alone would pass any failure of the scenario as known. */
	if (!id || !outcome || !reason) {
		diag_error(d, n->pos, "a known failure needs scenario:, outcome: (how it fails: ffa-sim run --record-expectations FILE writes it) and reason:");
		return false;
	}
	if (!yaml_expect_kind(id, YNODE_SCALAR, "scenario", d) ||
	    !yaml_expect_kind(reason, YNODE_SCALAR, "reason", d))
		return false;
	k = g_new0(struct known_failure, 1);
	k->outcomes = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(e->entries, k);
	k->id = g_strdup(yaml_scalar_text(id));
	k->reason = g_strstrip(g_strdup(yaml_scalar_text(reason)));
	k->build = build ? g_strdup(yaml_scalar_text(build)) : NULL;
	k->spmc = spmc ? g_strdup(yaml_scalar_text(spmc)) : NULL;
	k->from_spmc_file = e->loading_spmc;
	if (spmc && e->loading_spmc) {
		diag_error(d, spmc->pos, "spmc: belongs in a kernel's file: this file is already one EL3's");
		return false;
	}
	if (!for_this_build(build, d, &k->mine) ||
	    !for_this_spmc(spmc, d, &k->mine) ||
	    !load_outcomes(k, outcome, d))
		return false;
	if (g_str_has_prefix(k->reason, "FIXME:") && e->spmc_path)
		e->spmc_placeholders++;
	else if (g_str_has_prefix(k->reason, "FIXME:"))
		e->placeholders++;
	if (!k->mine)
		return true;
	if (g_hash_table_contains(e->loading, k->id)) {
		diag_error(d, id->pos, "'%s' is listed twice", k->id);
		return false;
	}
	g_hash_table_add(e->loading, g_strdup(k->id));
	had = g_hash_table_lookup(e->known, k->id);
	if (had)
		merge_entry(had, k);
	else
		g_hash_table_insert(e->known, k->id, k);
	return true;
}

static bool load_generation(struct expectations *e, const struct ynode *n,
			    struct diag *d)
{
	const struct ynode *call, *version;

	if (!n)
		return true;
	if (!yaml_expect_kind(n, YNODE_MAPPING, "generation", d) ||
	    !yaml_map_check_keys(n, gen_keys, G_N_ELEMENTS(gen_keys), d))
		return false;
	call = yaml_map_get(n, "smc_call");
	version = yaml_map_get(n, "ffa_version");
	if (!call || !version) {
		diag_error(d, n->pos, "generation: needs smc_call: and ffa_version:");
		return false;
	}
	if (!yaml_expect_kind(call, YNODE_SCALAR, "smc_call", d) ||
	    !yaml_expect_kind(version, YNODE_SCALAR, "ffa_version", d))
		return false;
	e->gen.smc_call = g_strdup(yaml_scalar_text(call));
	e->gen.ffa_version = g_strdup(yaml_scalar_text(version));
	return true;
}

static bool load_doc(struct expectations *e, const struct ynode *doc,
		     struct diag *d)
{
	const struct ynode *list, *series;
	unsigned int i;

	if (!yaml_expect_kind(doc, YNODE_MAPPING, "an expectations file", d) ||
	    !yaml_map_check_keys(doc, top_keys, G_N_ELEMENTS(top_keys), d) ||
	    (!e->loading_spmc &&
	     !load_generation(e, yaml_map_get(doc, "generation"), d)))
		return false;
	series = yaml_map_get(doc, "series");
	if (series && !e->series &&
	    yaml_expect_kind(series, YNODE_SCALAR, "series", d))
		e->series = g_strdup(yaml_scalar_text(series));
	list = yaml_map_get(doc, "known_failures");
	if (!list)
		return true;
	if (!yaml_expect_kind(list, YNODE_SEQUENCE, "known_failures", d))
		return false;
	for (i = 0; i < yaml_seq_count(list); i++)
		if (!load_entry(e, yaml_seq_item(list, i), d))
			return false;
	return true;
}

void expectations_none(struct expectations *e)
{
	memset(e, 0, sizeof(*e));
	e->entries = g_ptr_array_new_with_free_func(known_failure_free);
	e->known = g_hash_table_new(g_str_hash, g_str_equal);
	e->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

/* The comment lines the file starts with, kept when it is rewritten. */
static char *leading_comments(const char *path)
{
	GString *out = g_string_new(NULL);
	char *text = NULL, **lines, **l;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return g_string_free(out, TRUE);
	lines = g_strsplit(text, "\n", -1);
	for (l = lines; *l && (*l)[0] == '#'; l++)
		g_string_append_printf(out, "%s\n", *l);
	g_strfreev(lines);
	g_free(text);
	return g_string_free(out, !out->len);
}

/* Entries of one file, added to what @e holds. */
static bool load_into(struct expectations *e, const char *path,
		      struct diag *d)
{
	struct yaml_tree *tree;
	bool ok;

	e->loading = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   NULL);
	tree = yaml_tree_parse_file(path, d);
	ok = tree && (!tree->n_docs || load_doc(e, tree->docs[0], d));
	if (tree)
		yaml_tree_free(tree);
	g_hash_table_destroy(e->loading);
	e->loading = NULL;
	return ok;
}

bool expectations_is_spmc_file(const char *path)
{
	char *name = g_path_get_basename(path);
	bool spmc = g_str_has_prefix(name, "tf-a-");

	g_free(name);
	return spmc;
}

bool expectations_load(struct expectations *e, const char *path,
		       struct diag *d)
{
	bool ok;

	expectations_none(e);
	e->path = g_strdup(path);
	e->spmc_file = expectations_is_spmc_file(path);
	e->loading_spmc = e->spmc_file;
	ok = load_into(e, path, d);
	e->loading_spmc = false;
	e->header = leading_comments(path);
	return ok;
}

const char *expectations_spmc_name(void)
{
	return SIM_SPMC_TFA ? "tf-a-" SIM_SPMC_SERIES ".yaml" : NULL;
}

bool expectations_add_spmc(struct expectations *e, const char *dir,
			   struct diag *d)
{
	char *path;
	bool ok;

	if (!expectations_spmc_name())
		return true;
	path = g_build_filename(dir, expectations_spmc_name(), NULL);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		return true;
	}
	e->spmc_path = path;
	/* Its series: is TF-A's, not the kernel's: keep the kernel's. */
	e->loading_spmc = true;
	ok = load_into(e, path, d);
	e->loading_spmc = false;
	return ok;
}

/* "linux-7.3.yaml" -> 7, 3 */
static bool series_of(const char *name, unsigned int *major,
		      unsigned int *minor)
{
	int used = 0;

	return sscanf(name, "linux-%u.%u.yaml%n", major, minor, &used) == 2 &&
	       !name[used];
}

static bool same_generation(const struct generation *a,
			    const struct generation *b)
{
	return a->smc_call && b->smc_call && a->ffa_version &&
	       b->ffa_version && !strcmp(a->smc_call, b->smc_call) &&
	       !strcmp(a->ffa_version, b->ffa_version);
}

/* How far apart two series are: 6.12 and 6.18 are nearer than 7.3. */
static unsigned int series_distance(unsigned int ma, unsigned int mi,
				    unsigned int want_ma, unsigned int want_mi)
{
	unsigned int a = ma * 1000 + mi, b = want_ma * 1000 + want_mi;

	return a > b ? a - b : b - a;
}

/*
 * The file of the nearest series of generation @gen, or NULL.  Files that
 * do not load are not candidates: the exact file is the one to fix.
 */
static char *nearest_same_generation(const char *dir, const char *series,
				     const struct generation *gen)
{
	unsigned int want_ma, want_mi, ma, mi, dist, best_dist = ~0u;
	GDir *dh = g_dir_open(dir, 0, NULL);
	const char *name;
	char *best = NULL;

	if (!dh || sscanf(series, "%u.%u", &want_ma, &want_mi) != 2) {
		if (dh)
			g_dir_close(dh);
		return NULL;
	}
	while ((name = g_dir_read_name(dh))) {
		char *path = g_build_filename(dir, name, NULL);
		struct expectations cand;
		struct diag d;

		diag_init(&d);
		if (series_of(name, &ma, &mi) &&
		    expectations_load(&cand, path, &d) &&
		    same_generation(&cand.gen, gen)) {
			dist = series_distance(ma, mi, want_ma, want_mi);
			if (dist < best_dist) {
				g_free(best);
				best = g_strdup(name);
				best_dist = dist;
			}
		}
		if (cand.entries)
			expectations_free(&cand);
		diag_free(&d);
		g_free(path);
	}
	g_dir_close(dh);
	return best;
}

bool expectations_find(struct expectations *e, const char *dir,
		       const char *series, const struct generation *gen,
		       char **notice, struct diag *d)
{
	char *name = g_strdup_printf("linux-%s.yaml", series);
	char *path = g_build_filename(dir, name, NULL);
	char *near;
	bool ok;

	*notice = NULL;
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		near = nearest_same_generation(dir, series, gen);
		if (!near) {
			*notice = g_strdup_printf("no expectations for Linux %s: %s has no %s and no file of the same generation (%s, FF-A %s), so every failure counts; record them with: ffa-sim run --record-expectations %s/%s",
						  series, dir, name,
						  gen->smc_call, gen->ffa_version,
						  dir, name);
			expectations_none(e);
			g_free(name);
			return true;
		}
		*notice = g_strdup_printf("NO EXPECTATIONS FOR LINUX %s: judged by %s, the nearest series of the same generation (%s, FF-A %s); its reasons are that series', not this tree's: record this tree's with ffa-sim run --record-expectations %s/%s",
					  series, near, gen->smc_call,
					  gen->ffa_version, dir, name);
		path = g_build_filename(dir, near, NULL);
		g_free(near);
	}
	ok = expectations_load(e, path, d);
	g_free(path);
	g_free(name);
	return ok;
}

void expectations_free(struct expectations *e)
{
	if (e->known)
		g_hash_table_destroy(e->known);
	if (e->used)
		g_hash_table_destroy(e->used);
	if (e->entries)
		g_ptr_array_unref(e->entries);
	g_free(e->path);
	g_free(e->spmc_path);
	g_free(e->series);
	g_free(e->header);
	g_free(e->gen.smc_call);
	g_free(e->gen.ffa_version);
	memset(e, 0, sizeof(*e));
}

/* The recorded outcome the result matches, or NULL. */
static const char *matching_outcome(const struct known_failure *k,
				    const char *outcome)
{
	unsigned int i;

	for (i = 0; i < k->outcomes->len; i++)
		if (scen_outcomes_match(k->outcomes->pdata[i], outcome))
			return k->outcomes->pdata[i];
	return NULL;
}

void expectations_apply(struct expectations *e, struct scen_result *r)
{
	const struct known_failure *k = g_hash_table_lookup(e->known, r->id);
	const char *same;
	char *outcome;

	/* Skipped here (another page size, say), it still names a scenario. */
	if (k)
		g_hash_table_add(e->used, g_strdup(r->id));
	if (r->status == SCEN_SKIP) {
		r->verdict = VERDICT_SKIP;
		return;
	}
	if (!k) {
		r->verdict = r->status == SCEN_PASS ? VERDICT_PASS : VERDICT_FAIL;
		return;
	}
	r->known_reason = g_strdup(k->reason);
	r->on_series = e->describes_base;
	if (r->status == SCEN_PASS) {
		r->verdict = e->describes_base ? VERDICT_FIXED :
						 VERDICT_UNEXPECTED_PASS;
		r->known_outcome = g_strdup(k->outcomes->pdata[0]);
		return;
	}
	outcome = scen_result_outcome(r);
	same = matching_outcome(k, outcome);
	if (same) {
		r->verdict = VERDICT_KNOWN_FAIL;
		r->known_outcome = g_strdup(same);
	} else {
		GString *all = g_string_new(NULL);
		unsigned int i;

		for (i = 0; i < k->outcomes->len; i++)
			g_string_append_printf(all, "%s%s", i ? "\n" : "",
					       (char *)k->outcomes->pdata[i]);
		r->verdict = VERDICT_FAILS_DIFFERENTLY;
		r->known_outcome = g_string_free(all, FALSE);
	}
	g_free(outcome);
}
