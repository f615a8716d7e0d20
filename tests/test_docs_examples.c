// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every ```yaml block of docs/scenario-language.md is a whole scenario: it
 * must load, and run green on the proxy this binary was built from (or be
 * skipped where its requires: rules the page size out, or where it has
 * driver: steps on a variant built with DRIVER=no).  Blocks tagged
 * otherwise (```yaml-fragment, ```text) are pieces and are left alone.
 *
 * The doc must also keep at least one example of each step action and each
 * then: subject, so that none of them can lose its only checked example.
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

#include "host/host.h"
#include "proxy/hyp/hyp.h"
#include "sim/run/isolate.h"
#include "sim/lang/scenario.h"

#define DOC_PATH	"docs/scenario-language.md"

struct example {
	unsigned int line;	/* of the opening fence */
	char *text;
};

struct doc {
	GPtrArray *examples;	/* of struct example * */
	GPtrArray *scens;	/* of struct scenario *, every case of each */
	bool loaded;		/* every example loaded without a diagnostic */
};

static void example_free(gpointer p)
{
	struct example *ex = p;

	g_free(ex->text);
	g_free(ex);
}

/* A fence line: ``` then the info string; "yaml" alone marks a scenario. */
static bool is_fence(char *line, const char **info)
{
	if (strncmp(line, "```", 3))
		return false;
	*info = g_strstrip(line + 3);
	return true;
}

/*
 * The text of each ```yaml block, preceded by as many newlines as there are
 * lines above its first line, so that the loader's line numbers are the
 * doc's own.  Any fence line closes an open block.
 */
static GPtrArray *extract_examples(const char *doc)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(example_free);
	char **lines = g_strsplit(doc, "\n", -1);
	GString *text = NULL;
	unsigned int i, n, start = 0;
	bool in_other = false;
	const char *info;

	for (i = 0; lines[i]; i++) {
		if (!is_fence(lines[i], &info)) {
			if (text)
				g_string_append_printf(text, "%s\n", lines[i]);
			continue;
		}
		if (text) {
			struct example *ex = g_new0(struct example, 1);

			ex->line = start;
			ex->text = g_string_free(text, FALSE);
			g_ptr_array_add(out, ex);
			text = NULL;
		} else if (in_other) {
			in_other = false;
		} else if (!strcmp(info, "yaml")) {
			start = i + 1;
			text = g_string_new(NULL);
			for (n = 0; n <= i; n++)
				g_string_append_c(text, '\n');
		} else {
			in_other = true;
		}
	}
	/* An unclosed block is a broken doc: keep it, so that it fails. */
	if (text) {
		struct example *ex = g_new0(struct example, 1);

		ex->line = start;
		ex->text = g_string_free(text, FALSE);
		g_ptr_array_add(out, ex);
	}
	g_strfreev(lines);
	return out;
}

static int setup_doc(void **state)
{
	struct doc *doc = g_new0(struct doc, 1);
	GError *error = NULL;
	struct diag d;
	char *text;
	unsigned int i;

	if (!g_file_get_contents(DOC_PATH, &text, NULL, &error)) {
		fprintf(stderr, "%s: %s (run the tests from the repository root)\n",
			DOC_PATH, error->message);
		g_error_free(error);
		g_free(doc);
		return -1;
	}
	doc->examples = extract_examples(text);
	g_free(text);
	doc->scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	doc->loaded = true;
	diag_init(&d);
	for (i = 0; i < doc->examples->len; i++) {
		const struct example *ex = doc->examples->pdata[i];

		if (!scenario_load_string(DOC_PATH, ex->text, hyp_page_size(),
					  doc->scens, &d)) {
			fprintf(stderr, "%s:%u: this example does not load:\n",
				DOC_PATH, ex->line);
			diag_print(&d, stderr);
			diag_clear(&d);
			doc->loaded = false;
		}
	}
	diag_free(&d);
	*state = doc;
	return 0;
}

static int teardown_doc(void **state)
{
	struct doc *doc = *state;

	g_ptr_array_unref(doc->examples);
	g_ptr_array_unref(doc->scens);
	g_free(doc);
	return 0;
}

/* A doc without examples would pass everything below: refuse it. */
static void test_doc_has_examples(void **state)
{
	struct doc *doc = *state;

	assert_true(doc->examples->len > 0);
	assert_true(doc->scens->len >= doc->examples->len);
}

static void test_examples_load(void **state)
{
	struct doc *doc = *state;

	assert_true(doc->loaded);
}

static bool page_size_allowed(const struct scenario *s)
{
	unsigned int i;

	if (!s->setup.nr_page_sizes)
		return true;
	for (i = 0; i < s->setup.nr_page_sizes; i++)
		if (s->setup.page_sizes[i] == hyp_page_size())
			return true;
	return false;
}

struct run_ctx {
	GPtrArray *scens;
	unsigned int next;
	unsigned int bad;
};

/*
 * Why @s must be skipped on this variant, or NULL: another page size, or
 * no driver for its driver: steps (built with DRIVER=no).
 */
static const char *must_skip(const struct scenario *s)
{
	if (!page_size_allowed(s))
		return "needs a page size of";
	if (scenario_uses_driver(s))
		return host_driver_absent();
	return NULL;
}

static void one_done(void *ctx, struct scen_result *r)
{
	struct run_ctx *rc = ctx;
	const struct scenario *s = rc->scens->pdata[rc->next++];
	const char *skip = must_skip(s);
	enum scen_status want = skip ? SCEN_SKIP : SCEN_PASS;

	if (r->status != want) {
		fprintf(stderr, "%s:%u: example %s: %s, expected %s\n%s\n",
			s->file, s->line, s->id, scen_status_name(r->status),
			scen_status_name(want), r->message ? r->message : "");
		rc->bad++;
	} else if (skip && (!r->message || !g_str_has_prefix(r->message, skip))) {
		fprintf(stderr, "%s:%u: example %s: skipped because '%s', expected '%s...': a skip must say why it happened\n",
			s->file, s->line, s->id, r->message, skip);
		rc->bad++;
	}
	scen_result_free(r);
}

/* Each scenario in a child of its own: ffa.c's statics are not reset. */
static void test_examples_run(void **state)
{
	struct doc *doc = *state;
	struct isolate_opts opts = { .jobs = 4, .timeout = 30 };
	struct run_ctx rc = { .scens = doc->scens };

	assert_true(doc->scens->len > 0);
	isolate_run_all(doc->scens, &opts, one_done, &rc);
	assert_int_equal(rc.next, doc->scens->len);
	assert_int_equal(rc.bad, 0);
}

/* Which step actions and then: subjects the examples use. */
enum covered {
	COV_CALL, COV_SHARE, COV_LEND, COV_DONATE, COV_FRAG_TX,
	COV_INJECT_SPMC, COV_INJECT_HYP, COV_RETRIEVE, COV_RELINQUISH,
	COV_SP_READ, COV_SP_WRITE, COV_HOST_WRITE, COV_RESPOND,
	COV_CONCURRENTLY, COV_DRIVER, COV_THEN_PAGE, COV_THEN_PAGES, COV_THEN_HANDLES, COV_THEN_RX,
	COV_THEN_VERSION, COV_THEN_HANDLE, COV_THEN_MESSAGE, COV_THEN_MEMORY,
	COV_STUCK,
	COV_NR,
};

static const char *const covered_names[COV_NR] = {
	"call", "share", "lend", "donate", "frag_tx", "inject spmc",
	"inject hyp", "retrieve", "relinquish", "sp_read", "sp_write",
	"host_write", "respond", "concurrently", "driver", "then: page", "then: pages",
	"then: spmc handles", "then: spmc rx", "then: spmc version",
	"then: handle", "then: message to", "then: memory", "stuck",
};

static enum covered step_coverage(const struct step *st)
{
	switch (st->kind) {
	case STEP_CALL:
		return COV_CALL;
	case STEP_MEM_SEND:
		return st->mem->op == FFA_MTD_TYPE_SHARE ? COV_SHARE :
		       st->mem->op == FFA_MTD_TYPE_LEND ? COV_LEND : COV_DONATE;
	case STEP_FRAG_TX:
		return COV_FRAG_TX;
	case STEP_INJECT_SPMC:
		return COV_INJECT_SPMC;
	case STEP_INJECT_HYP:
		return COV_INJECT_HYP;
	case STEP_RETRIEVE:
		return COV_RETRIEVE;
	case STEP_RELINQUISH:
		return COV_RELINQUISH;
	case STEP_SP_READ:
		return COV_SP_READ;
	case STEP_SP_WRITE:
		return COV_SP_WRITE;
	case STEP_HOST_WRITE:
		return COV_HOST_WRITE;
	case STEP_RESPOND:
		return COV_RESPOND;
	case STEP_CONCURRENT:
		return COV_CONCURRENTLY;
	case STEP_DRIVER:
		return COV_DRIVER;
	}
	return COV_NR;
}

static enum covered then_coverage(const struct then_check *c)
{
	switch (c->kind) {
	case THEN_PAGES:
		return g_str_has_prefix(c->subject, "pages ") ? COV_THEN_PAGES :
								COV_THEN_PAGE;
	case THEN_HANDLES:
		return COV_THEN_HANDLES;
	case THEN_HANDLE:
		return COV_THEN_HANDLE;
	case THEN_MESSAGE:
		return COV_THEN_MESSAGE;
	case THEN_MEMORY:
		return COV_THEN_MEMORY;
	case THEN_RX:
		return COV_THEN_RX;
	case THEN_VERSION:
		return COV_THEN_VERSION;
	}
	return COV_NR;
}

static void test_examples_cover_language(void **state)
{
	struct doc *doc = *state;
	bool seen[COV_NR + 1] = { false };
	unsigned int i, j, k, missing = 0;

	for (i = 0; i < doc->scens->len; i++) {
		const struct scenario *s = doc->scens->pdata[i];

		for (j = 0; j < s->steps->len; j++) {
			const struct step *st = s->steps->pdata[j];

			seen[step_coverage(st)] = true;
			for (k = 0; k < st->nr_thens; k++)
				seen[then_coverage(st->thens[k])] = true;
			if (st->stuck_first)
				seen[COV_STUCK] = true;
		}
	}
	for (i = 0; i < COV_NR; i++) {
		if (seen[i])
			continue;
		fprintf(stderr, "%s: no ```yaml example uses %s\n", DOC_PATH,
			covered_names[i]);
		missing++;
	}
	assert_int_equal(missing, 0);
}

/* The extractor itself: fences, tags, line numbers. */
static void test_extract(void **state)
{
	static const char md[] =
		"# t\n"
		"```yaml\n"
		"a: 1\n"
		"```\n"
		"```yaml-fragment\n"
		"b: 2\n"
		"```\n"
		"```text\n"
		"x: 0\n"
		"```\n"
		"```yaml \n"
		"c: 3\n"
		"```\n"
		"```yaml\n"
		"d: 4\n";
	GPtrArray *ex = extract_examples(md);
	const struct example *e;

	(void)state;
	assert_int_equal(ex->len, 3);
	e = ex->pdata[0];
	assert_int_equal(e->line, 2);
	assert_string_equal(e->text, "\n\na: 1\n");
	e = ex->pdata[1];
	assert_int_equal(e->line, 11);
	assert_string_equal(e->text + 11, "c: 3\n");
	e = ex->pdata[2];
	assert_int_equal(e->line, 14);
	assert_true(g_str_has_prefix(e->text + 14, "d: 4\n"));
	g_ptr_array_unref(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_has_examples),
		cmocka_unit_test(test_examples_load),
		cmocka_unit_test(test_examples_cover_language),
		cmocka_unit_test(test_examples_run),
		cmocka_unit_test(test_extract),
	};

	return cmocka_run_group_tests(tests, setup_doc, teardown_doc);
}
