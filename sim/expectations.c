// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "sim/expectations.h"
#include "sim/tsan_report.h"
#include "sim/yaml_tree.h"

static const char *const top_keys[] = { "series", "known_failures" };
static const char *const entry_keys[] = { "scenario", "reason", "build" };

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

static bool load_entry(struct expectations *e, const struct ynode *n,
		       struct diag *d)
{
	const struct ynode *id, *reason;
	bool mine;

	if (!yaml_expect_kind(n, YNODE_MAPPING, "a known failure", d) ||
	    !yaml_map_check_keys(n, entry_keys, G_N_ELEMENTS(entry_keys), d) ||
	    !for_this_build(yaml_map_get(n, "build"), d, &mine))
		return false;
	id = yaml_map_get(n, "scenario");
	reason = yaml_map_get(n, "reason");
	if (!id || !reason) {
		diag_error(d, n->pos, "a known failure needs scenario: and reason:");
		return false;
	}
	if (!yaml_expect_kind(id, YNODE_SCALAR, "scenario", d) ||
	    !yaml_expect_kind(reason, YNODE_SCALAR, "reason", d))
		return false;
	if (!mine)
		return true;
	if (g_hash_table_contains(e->known, yaml_scalar_text(id))) {
		diag_error(d, id->pos, "'%s' is listed twice",
			   yaml_scalar_text(id));
		return false;
	}
	g_hash_table_insert(e->known, g_strdup(yaml_scalar_text(id)),
			    g_strdup(yaml_scalar_text(reason)));
	return true;
}

static bool load_doc(struct expectations *e, const struct ynode *doc,
		     struct diag *d)
{
	const struct ynode *list;
	unsigned int i;

	if (!yaml_expect_kind(doc, YNODE_MAPPING, "an expectations file", d) ||
	    !yaml_map_check_keys(doc, top_keys, G_N_ELEMENTS(top_keys), d))
		return false;
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
	e->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_free);
	e->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

bool expectations_load(struct expectations *e, const char *path,
		       struct diag *d)
{
	struct yaml_tree *tree;
	bool ok;

	expectations_none(e);
	e->path = g_strdup(path);
	tree = yaml_tree_parse_file(path, d);
	if (!tree)
		return false;
	ok = !tree->n_docs || load_doc(e, tree->docs[0], d);
	yaml_tree_free(tree);
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

/* The newest file of a series no newer than @series. */
static char *nearest_older(const char *dir, const char *series)
{
	unsigned int want_ma, want_mi, ma, mi, best_ma = 0, best_mi = 0;
	GDir *dh = g_dir_open(dir, 0, NULL);
	const char *name;
	char *best = NULL;

	if (!dh || sscanf(series, "%u.%u", &want_ma, &want_mi) != 2) {
		if (dh)
			g_dir_close(dh);
		return NULL;
	}
	while ((name = g_dir_read_name(dh))) {
		if (!series_of(name, &ma, &mi) || ma > want_ma ||
		    (ma == want_ma && mi > want_mi))
			continue;
		if (!best || ma > best_ma || (ma == best_ma && mi > best_mi)) {
			g_free(best);
			best = g_strdup(name);
			best_ma = ma;
			best_mi = mi;
		}
	}
	g_dir_close(dh);
	return best;
}

bool expectations_find(struct expectations *e, const char *dir,
		       const char *series, char **notice, struct diag *d)
{
	char *name = g_strdup_printf("linux-%s.yaml", series);
	char *path = g_build_filename(dir, name, NULL);
	char *older;
	bool ok;

	*notice = NULL;
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		older = nearest_older(dir, series);
		if (!older) {
			*notice = g_strdup_printf("no expectations file for Linux %s in %s: every failure counts",
						  series, dir);
			expectations_none(e);
			g_free(name);
			return true;
		}
		*notice = g_strdup_printf("no %s in %s: using the nearest older series, %s",
					  name, dir, older);
		path = g_build_filename(dir, older, NULL);
		g_free(older);
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
	g_free(e->path);
	memset(e, 0, sizeof(*e));
}

void expectations_apply(struct expectations *e, struct scen_result *r)
{
	const char *reason = g_hash_table_lookup(e->known, r->id);

	if (r->status == SCEN_SKIP) {
		r->verdict = VERDICT_SKIP;
		return;
	}
	if (reason) {
		g_hash_table_add(e->used, g_strdup(r->id));
		r->known_reason = g_strdup(reason);
	}
	if (r->status == SCEN_PASS)
		r->verdict = reason ? VERDICT_UNEXPECTED_PASS : VERDICT_PASS;
	else
		r->verdict = reason ? VERDICT_KNOWN_FAIL : VERDICT_FAIL;
}
