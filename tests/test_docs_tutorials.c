// SPDX-License-Identifier: GPL-2.0-only
/*
 * docs/tutorials must keep to what ffa-sim really prints.  A tutorial
 * quotes a scenario's --trace output in a block fenced as
 *
 *   ```trace file=scenarios/memory/share-reclaim.yaml id=NAME variant=7.3/4K
 *
 * (a value with spaces in double quotes).  Every such block's scenario is
 * run here with `ffa-sim run --trace FILE --filter ID` and must end as the
 * expectations file says (exit status 0) on the variant under test.
 * Where the block was quoted from this variant, its lines must be a run of
 * consecutive lines of that scenario's output: its result line ("PASS
 * NAME") and the trace under it, up to the next result or note.  A block
 * is from this variant when its kernel series is this one's and, if it
 * names a page size, the page size is too: addresses and page frame
 * numbers depend on it, the hops of FFA_VERSION do not.
 *
 * Each topic has its tutorial, and each has a block quoted from 7.3 (the
 * series CI builds at every page size), so none goes unchecked.
 *
 * Run from the repository root, like every unit test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "tests/check_util.h"
#include "tests/spawn_util.h"

#define TUTORIALS	"docs/tutorials"
#define CHECKED_SERIES	"7.3"

static const char *const topics[] = {
	"version-negotiation.md",
	"rxtx-mailboxes.md",
	"sharing-memory.md",
	"fragmentation.md",
	"reclaim.md",
	"direct-messaging.md",
};

struct block {
	char *where;		/* "docs/tutorials/x.md:12" */
	char *file, *id, *variant;
	char **lines;
};

static void block_free(gpointer p)
{
	struct block *b = p;

	g_free(b->where);
	g_free(b->file);
	g_free(b->id);
	g_free(b->variant);
	g_strfreev(b->lines);
	g_free(b);
}

/* key=value words, a value in double quotes when it holds spaces. */
static void parse_info(struct block *b, const char *info, const char *file,
		       int line)
{
	const char *p = info;

	while (*p) {
		const char *key = p, *eq = strchr(p, '='), *end;
		char *k, *v;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (!eq)
			fail_at(file, line, "%s: '%s' is not key=value",
				b->where, p);
		if (eq[1] == '"') {
			end = strchr(eq + 2, '"');
			if (!end)
				fail_at(file, line, "%s: unclosed quote",
					b->where);
			v = g_strndup(eq + 2, (gsize)(end - eq - 2));
			p = end + 1;
		} else {
			end = eq + strcspn(eq, " ");
			v = g_strndup(eq + 1, (gsize)(end - eq - 1));
			p = end;
		}
		k = g_strndup(key, (gsize)(eq - key));
		if (!strcmp(k, "file"))
			b->file = v;
		else if (!strcmp(k, "id"))
			b->id = v;
		else if (!strcmp(k, "variant"))
			b->variant = v;
		else
			fail_at(file, line, "%s: unknown key '%s'", b->where,
				k);
		g_free(k);
	}
	if (!b->file || !b->id || !b->variant)
		fail_at(file, line, "%s: a trace block needs file=, id= and variant=",
			b->where);
	if (!g_str_has_prefix(b->file, "scenarios/"))
		fail_at(file, line, "%s: %s is not a scenario of the suite, which the test runs",
			b->where, b->file);
}

/* The ```trace blocks of @path, appended to @out. */
/* The trace blocks of a page; a broken block fails the caller's line. */
#define extract(path, out) extract_at((path), (out), __FILE__, __LINE__)
#define check_block(runs, b) check_block_at((runs), (b), __FILE__, __LINE__)

static unsigned int extract_at(const char *path, GPtrArray *out,
			       const char *file, int line)
{
	char *text, **lines;
	unsigned int i, n = 0;
	struct block *b = NULL;
	GPtrArray *body = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		fail_at(file, line, "cannot read %s", path);
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i]; i++) {
		if (b && !strcmp(lines[i], "```")) {
			g_ptr_array_add(body, NULL);
			b->lines = (char **)g_ptr_array_free(body, FALSE);
			if (!b->lines[0])
				fail_at(file, line, "%s: an empty trace block",
					b->where);
			g_ptr_array_add(out, b);
			b = NULL;
			n++;
		} else if (b) {
			g_ptr_array_add(body, g_strdup(lines[i]));
		} else if (g_str_has_prefix(lines[i], "```trace")) {
			b = g_new0(struct block, 1);
			b->where = g_strdup_printf("%s:%u", path, i + 1);
			parse_info(b, lines[i] + strlen("```trace"), file,
				   line);
			body = g_ptr_array_new();
		}
	}
	if (b)
		fail_at(file, line, "%s: the block is not closed", b->where);
	g_strfreev(lines);
	g_free(text);
	return n;
}

/* "7.3.4" -> "7.3" */
static char *this_series(void)
{
	char **parts = g_strsplit(SIM_KERNEL_VERSION, ".", 3);
	char *s = g_strdup_printf("%s.%s", parts[0], parts[1] ? parts[1] : "");

	g_strfreev(parts);
	return s;
}

/* "7.3" or "7.3/4K": is that this variant? */
static bool from_here(const struct block *b)
{
	char *series = this_series();
	char *page = g_strdup_printf("%zuK", hyp_page_size() / 1024);
	const char *slash = strchr(b->variant, '/');
	size_t n = slash ? (size_t)(slash - b->variant) : strlen(b->variant);
	bool here = n == strlen(series) && !strncmp(b->variant, series, n) &&
		    (!slash || !strcmp(slash + 1, page));

	g_free(series);
	g_free(page);
	return here;
}

static bool is_result_line(const char *line)
{
	static const char *const labels[] = {
		"PASS  ", "FAIL  ", "CRASH ", "SKIP  ", "KNOWN ", "XPASS ",
	};
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(labels); i++)
		if (g_str_has_prefix(line, labels[i]))
			return true;
	return false;
}

/* "PASS  ID", "KNOWN ID: reason", "FAIL  ID (file:line): ..." */
static bool result_of(const char *line, const char *id)
{
	const char *rest = line + 6;
	size_t n = strlen(id);

	return is_result_line(line) && !strncmp(rest, id, n) &&
	       (!rest[n] || rest[n] == ':' || rest[n] == ' ');
}

/* The lines of @id's result and trace in @out, NULL-terminated. */
static char **section(const char *out, const char *id)
{
	char **lines = g_strsplit(out, "\n", -1);
	GPtrArray *sec = g_ptr_array_new();
	unsigned int i;
	bool in = false;

	for (i = 0; lines[i]; i++) {
		if (in && (is_result_line(lines[i]) ||
			   g_str_has_prefix(lines[i], "note: ")))
			break;
		if (!in && result_of(lines[i], id))
			in = true;
		if (in)
			g_ptr_array_add(sec, g_strdup(lines[i]));
	}
	g_strfreev(lines);
	if (!in) {
		g_ptr_array_free(sec, TRUE);
		return NULL;
	}
	g_ptr_array_add(sec, NULL);
	return (char **)g_ptr_array_free(sec, FALSE);
}

static bool run_at(char **sec, unsigned int at, char **want)
{
	unsigned int k;

	for (k = 0; want[k]; k++)
		if (!sec[at + k] || strcmp(sec[at + k], want[k]))
			return false;
	return true;
}

static bool contiguous(char **sec, char **want)
{
	unsigned int i;

	for (i = 0; sec[i]; i++)
		if (run_at(sec, i, want))
			return true;
	return false;
}

/* The output of each scenario run once, whichever blocks quote it. */
static const char *run_once(GHashTable *runs, const struct block *b,
			    const char *file, int line)
{
	char *key = g_strdup_printf("%s\n%s", b->file, b->id);
	struct spawned r;
	char *out = g_hash_table_lookup(runs, key);

	if (out) {
		g_free(key);
		return out;
	}
	spawn_sim(&r, NULL, "run", "--trace", "--filter", b->id, b->file,
		  NULL);
	if (r.status)
		fail_at(file, line, "%s: %s: exit status %d, expected 0: a quoted scenario runs as expected\n%s%s",
			b->where, r.cmd, r.status, r.out, r.err);
	out = g_strdup(r.out);
	spawned_free(&r);
	g_hash_table_insert(runs, key, out);
	return out;
}

static void check_block_at(GHashTable *runs, const struct block *b,
			   const char *file, int line)
{
	const char *out = run_once(runs, b, file, line);
	char **sec = section(out, b->id);
	char *want, *got;

	if (!sec)
		fail_at(file, line, "%s: the run has no result for %s, the block's id=\n%s",
			b->where, b->id, out);
	if (from_here(b) && !contiguous(sec, b->lines)) {
		want = g_strjoinv("\n", b->lines);
		got = g_strjoinv("\n", sec);
		fail_at(file, line, "%s: the quoted lines are not in %s's output on %s: the page would teach what the tool does not print\n--- quoted\n%s\n--- output\n%s",
			b->where, b->id, SIM_VARIANT_NAME, want, got);
	}
	g_strfreev(sec);
}

static void test_tutorials(void **state)
{
	GPtrArray *blocks = g_ptr_array_new_with_free_func(block_free);
	GHashTable *runs = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, g_free);
	GDir *dir;
	const char *name;
	unsigned int i, k, checked = 0;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(topics); i++) {
		char *path = g_build_filename(TUTORIALS, topics[i], NULL);
		unsigned int first = blocks->len, from_73 = 0;

		if (!extract(path, blocks))
			fail_msg("%s quotes no trace", path);
		for (k = first; k < blocks->len; k++) {
			const struct block *b = blocks->pdata[k];

			from_73 += g_str_has_prefix(b->variant, CHECKED_SERIES "/") ||
				   !strcmp(b->variant, CHECKED_SERIES);
		}
		if (!from_73)
			fail_msg("%s quotes no trace of %s, which every CI run compares",
				 path, CHECKED_SERIES);
		g_free(path);
	}
	/* Any other page of the folder is held to the same rule. */
	dir = g_dir_open(TUTORIALS, 0, NULL);
	assert_non_null(dir);
	while ((name = g_dir_read_name(dir))) {
		char *path;

		if (!g_str_has_suffix(name, ".md") ||
		    g_strv_contains((const char *const *)topics, name))
			continue;
		path = g_build_filename(TUTORIALS, name, NULL);
		extract(path, blocks);
		g_free(path);
	}
	g_dir_close(dir);
	for (i = 0; i < blocks->len; i++) {
		check_block(runs, blocks->pdata[i]);
		checked += from_here(blocks->pdata[i]);
	}
	printf("%u trace blocks, %u scenarios run, %u blocks compared on %s\n",
	       blocks->len, g_hash_table_size(runs), checked, SIM_VARIANT_NAME);
	g_hash_table_destroy(runs);
	g_ptr_array_unref(blocks);
}

/* The comparison itself: a run of lines, in order, with nothing between. */
static void test_contiguous(void **state)
{
	char *sec[] = { "PASS  x", "a", "b", "c", NULL };
	char *yes1[] = { "a", "b", NULL }, *yes2[] = { "PASS  x", NULL };
	char *no1[] = { "a", "c", NULL }, *no2[] = { "c", "d", NULL };
	char *no3[] = { "b", "a", NULL };

	(void)state;
	assert_true(contiguous(sec, yes1));
	assert_true(contiguous(sec, yes2));
	assert_false(contiguous(sec, no1));
	assert_false(contiguous(sec, no2));
	assert_false(contiguous(sec, no3));
	assert_true(result_of("KNOWN a-b[c=d e]: why", "a-b[c=d e]"));
	assert_false(result_of("PASS  a-bc", "a-b"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contiguous),
		cmocka_unit_test(test_tutorials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
