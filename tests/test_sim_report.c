// SPDX-License-Identifier: GPL-2.0-only
/*
 * The result model and the three reporters.  KTAP and JUnit output are
 * parsed back (a small KTAP parser here, GMarkup for the XML) and checked
 * for structure and counts, not compared with a golden text, so that a
 * harmless change of layout does not break the test but a broken file does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text that every reporter must survive. */
#define NASTY_ID	"odd <id> & \"q\" 'a' #7\x01\nnext"
#define NASTY_ID_TAP	"odd <id> & \"q\" 'a' _7  next"
#define NASTY_MSG	"x0 = 0x1 <want 0x2> & \"ok\" #no\n\x01\x1b[31mred"
#define FFFD		"\xef\xbf\xbd"

static struct scen_result *add(struct run_summary *s, const char *id,
			       enum scen_status status,
			       enum scen_verdict verdict)
{
	struct scen_result *r = scen_result_new(id, "scenarios/mem/share.yaml",
						12);

	r->status = status;
	r->verdict = verdict;
	r->seconds = 0.25;
	run_summary_add(s, r);
	return r;
}

/*
 * One of everything: pass, fail at a step, fail after the steps, crash,
 * skip, known failure (failed and crashed), unexpected pass.
 */
static void build_summary(struct run_summary *s)
{
	struct scen_result *r;

	run_summary_init(s, "linux-7.3.4-4k");
	g_ptr_array_add(s->notices, g_strdup("using linux-7.2.yaml\nfor 7.3"));

	r = add(s, "version", SCEN_PASS, VERDICT_PASS);
	scen_result_add_step(r, "call FFA_VERSION", 5, true);
	scen_result_add_step(r, "call FFA_ID_GET", 9, true);

	r = add(s, NASTY_ID, SCEN_FAIL, VERDICT_FAIL);
	scen_result_add_step(r, "share", 5, true);
	scen_result_add_step(r, "reclaim #2", 9, false);
	r->message = g_strdup(NASTY_MSG);

	r = add(s, "stuck_page", SCEN_FAIL, VERDICT_FAIL);
	scen_result_add_step(r, "share", 5, true);
	r->message = g_strdup("invariant: page 0x80001000 stuck");

	r = add(s, "frag_crash", SCEN_CRASH, VERDICT_FAIL);
	r->message = g_strdup("fault at 0xdead in ffa.c");

	r = add(s, "needs_64k", SCEN_SKIP, VERDICT_SKIP);
	r->message = g_strdup("needs PAGE_SIZE 64K");

	r = add(s, "direct_filter", SCEN_FAIL, VERDICT_KNOWN_FAIL);
	scen_result_add_step(r, "direct req", 7, false);
	r->message = g_strdup("x0 = FFA_SUCCESS, want FFA_ERROR");
	r->known_reason = g_strdup("no direct messaging <series> & co");

	r = add(s, "old_crash", SCEN_CRASH, VERDICT_KNOWN_FAIL);
	r->known_reason = g_strdup("BUG in 6.12");

	r = add(s, "fixed", SCEN_PASS, VERDICT_UNEXPECTED_PASS);
	scen_result_add_step(r, "share", 5, true);
	r->known_reason = g_strdup("rollback leak");
}

#define N_RESULTS	8

static char *read_stream(void (*write)(FILE *, const struct run_summary *),
			 const struct run_summary *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	assert_non_null(out);
	write(out, s);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/* ---- the result model ---- */

static void test_summary_counts_and_line(void **state)
{
	struct run_summary s;
	char *line;

	(void)state;
	build_summary(&s);
	assert_int_equal(s.results->len, N_RESULTS);
	assert_int_equal(s.passed, 1);
	assert_int_equal(s.failed, 4);
	assert_int_equal(s.skipped, 1);
	assert_int_equal(s.known_failures, 2);
	line = run_summary_line(&s);
	assert_string_equal(line,
			    "1 passed, 4 failed, 1 skipped, 2 known failures");
	g_free(line);
	run_summary_free(&s);
}

static void test_summary_line_omits_zeroes(void **state)
{
	struct run_summary s;
	char *line;

	(void)state;
	run_summary_init(&s, "v");
	line = run_summary_line(&s);
	assert_string_equal(line, "0 passed, 0 failed");
	g_free(line);
	add(&s, "a", SCEN_PASS, VERDICT_PASS);
	add(&s, "b", SCEN_FAIL, VERDICT_KNOWN_FAIL);
	line = run_summary_line(&s);
	assert_string_equal(line, "1 passed, 0 failed, 1 known failure");
	g_free(line);
	run_summary_free(&s);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(scen_status_name(SCEN_CRASH), "crash");
	assert_string_equal(scen_verdict_name(VERDICT_KNOWN_FAIL),
			    "known-fail");
	assert_string_equal(scen_verdict_name(VERDICT_UNEXPECTED_PASS),
			    "unexpected-pass");
	assert_true(scen_verdict_is_failure(VERDICT_FAIL));
	assert_true(scen_verdict_is_failure(VERDICT_UNEXPECTED_PASS));
	assert_false(scen_verdict_is_failure(VERDICT_KNOWN_FAIL));
	assert_false(scen_verdict_is_failure(VERDICT_SKIP));
}

static void test_result_steps(void **state)
{
	struct scen_result *r = scen_result_new("a", NULL, 0);
	struct scen_step_result *step;

	(void)state;
	scen_result_add_step(r, "one", 3, true);
	scen_result_add_step(r, "two", 4, false);
	assert_int_equal(r->steps->len, 2);
	step = &g_array_index(r->steps, struct scen_step_result, 1);
	assert_string_equal(step->title, "two");
	assert_int_equal(step->line, 4);
	assert_false(step->ok);
	assert_int_equal(r->verdict, VERDICT_PASS);
	scen_result_free(r);
	scen_result_free(NULL);
}

/* ---- human text ---- */

static char *human_text(const struct run_summary *s, bool color)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	unsigned int i;

	assert_non_null(out);
	for (i = 0; i < s->results->len; i++)
		report_human_result(out, g_ptr_array_index(s->results, i),
				    color);
	report_human_summary(out, s, color);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void test_human_lines(void **state)
{
	static const char *const want[] = {
		"PASS  version",
		"FAIL  odd <id> & \"q\" 'a' #7  next (scenarios/mem/share.yaml:12)",
		"      x0 = 0x1 <want 0x2> & \"ok\" #no",
		"        [31mred",
		"FAIL  stuck_page (scenarios/mem/share.yaml:12)",
		"      invariant: page 0x80001000 stuck",
		"CRASH frag_crash (scenarios/mem/share.yaml:12)",
		"      fault at 0xdead in ffa.c",
		"SKIP  needs_64k: needs PAGE_SIZE 64K",
		"KNOWN direct_filter: no direct messaging <series> & co",
		"KNOWN old_crash: BUG in 6.12",
		"XPASS fixed: listed as failing (rollback leak) but passed",
		"note: using linux-7.2.yaml for 7.3",
		"1 passed, 4 failed, 1 skipped, 2 known failures",
		"",
	};
	struct run_summary s;
	char *text, *joined;

	(void)state;
	build_summary(&s);
	text = human_text(&s, false);
	joined = g_strjoinv("\n", (char **)want);
	assert_string_equal(text, joined);
	assert_null(strchr(text, '\033'));
	g_free(joined);
	free(text);
	run_summary_free(&s);
}

static void test_human_color_and_trace(void **state)
{
	struct run_summary s;
	struct scen_result *r;
	char *text;

	(void)state;
	build_summary(&s);
	text = human_text(&s, true);
	assert_non_null(strstr(text, "\033[32mPASS \033[0m version\n"));
	assert_non_null(strstr(text, "\033[1;31mCRASH\033[0m frag_crash"));
	/* The message's own escape sequence is not passed through. */
	assert_null(strstr(text, "\033[31mred"));
	free(text);

	r = g_ptr_array_index(s.results, 0);
	r->trace = g_strdup("host -> EL2: FFA_VERSION\nEL2 -> host: 0x10002\n");
	text = human_text(&s, false);
	assert_true(g_str_has_prefix(text, "PASS  version\n"
					   "host -> EL2: FFA_VERSION\n"
					   "EL2 -> host: 0x10002\n"
					   "FAIL  "));
	free(text);
	run_summary_free(&s);
}

/* ---- KTAP ---- */

struct ktap_test {
	unsigned int number;
	bool ok;
	char *name;
	char *directive;	/* "SKIP", "XFAIL", ... or NULL */
	char *reason;		/* what follows the directive */
	char *subtest;		/* its block's "# Subtest:" name */
	GPtrArray *children;	/* of struct ktap_test *, or NULL */
	GPtrArray *diags;	/* "# " lines just before its result line */
};

struct ktap_parser {
	char **lines;
	unsigned int i, n;
};

static void ktap_test_free(void *data)
{
	struct ktap_test *t = data;

	g_free(t->name);
	g_free(t->directive);
	g_free(t->reason);
	g_free(t->subtest);
	if (t->children)
		g_ptr_array_unref(t->children);
	g_ptr_array_unref(t->diags);
	g_free(t);
}

static GPtrArray *ktap_list(void)
{
	return g_ptr_array_new_with_free_func(ktap_test_free);
}

static unsigned int indent_of(const char *line)
{
	unsigned int n = strspn(line, " ");

	assert_int_not_equal(line[n], '\t');
	return n;
}

static const char *ktap_peek(struct ktap_parser *p, unsigned int indent)
{
	assert_true(p->i < p->n);
	assert_int_equal(indent_of(p->lines[p->i]), indent);
	return p->lines[p->i] + indent;
}

static bool is_directive(const char *word)
{
	static const char *const known[] = { "SKIP", "TODO", "XFAIL",
					     "TIMEOUT", "ERROR" };
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(known); i++)
		if (!strcmp(word, known[i]))
			return true;
	return false;
}

/* "<ok|not ok> <number> <name>[ # <directive> <reason>]" */
static struct ktap_test *ktap_result(const char *text)
{
	struct ktap_test *t = g_new0(struct ktap_test, 1);
	const char *rest = text, *hash;
	char *end;

	t->ok = g_str_has_prefix(text, "ok ");
	if (t->ok)
		rest = text + 3;
	else if (g_str_has_prefix(text, "not ok "))
		rest = text + 7;
	else
		fail_msg("not a KTAP line: '%s'", text);
	t->number = strtoul(rest, &end, 10);
	assert_true(end > rest && *end == ' ');
	rest = end + 1;
	hash = strchr(rest, '#');
	if (!hash) {
		t->name = g_strdup(rest);
		return t;
	}
	assert_true(hash > rest && hash[-1] == ' ');
	t->name = g_strndup(rest, hash - 1 - rest);
	assert_int_equal(hash[1], ' ');
	end = strchr(hash + 2, ' ');
	t->directive = end ? g_strndup(hash + 2, end - hash - 2) :
			     g_strdup(hash + 2);
	assert_true(is_directive(t->directive));
	t->reason = g_strdup(end ? end + 1 : "");
	return t;
}

static void ktap_block(struct ktap_parser *p, unsigned int indent,
		       GPtrArray *tests, char **subtest, GPtrArray *tail);

/* A nested block at @indent + 4, then its parent's result line. */
static GPtrArray *ktap_nested(struct ktap_parser *p, unsigned int indent,
			      char **subtest)
{
	GPtrArray *children = ktap_list();

	assert_int_equal(indent_of(p->lines[p->i]), indent + 4);
	ktap_block(p, indent + 4, children, subtest, NULL);
	return children;
}

/*
 * One KTAP block: version, optional "# Subtest:", plan, then diagnostics,
 * nested blocks and result lines, until a line less indented.  Diagnostic
 * lines after the last result go to @tail.
 */
static void ktap_block(struct ktap_parser *p, unsigned int indent,
		       GPtrArray *tests, char **subtest, GPtrArray *tail)
{
	GPtrArray *diags = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *children = NULL;
	char *child_name = NULL;
	unsigned int planned = 0, number = 0;
	const char *text;
	int used = 0;

	assert_string_equal(ktap_peek(p, indent), "KTAP version 1");
	p->i++;
	text = ktap_peek(p, indent);
	if (g_str_has_prefix(text, "# Subtest: ")) {
		*subtest = g_strdup(text + strlen("# Subtest: "));
		p->i++;
		text = ktap_peek(p, indent);
	}
	assert_int_equal(sscanf(text, "1..%u%n", &planned, &used), 1);
	assert_int_equal(text[used], '\0');
	p->i++;
	while (p->i < p->n && indent_of(p->lines[p->i]) >= indent) {
		struct ktap_test *t;

		if (indent_of(p->lines[p->i]) > indent) {
			assert_null(children);
			children = ktap_nested(p, indent, &child_name);
			continue;
		}
		text = p->lines[p->i++] + indent;
		if (text[0] == '#') {
			assert_true(g_str_has_prefix(text, "# "));
			g_ptr_array_add(diags, g_strdup(text + 2));
			continue;
		}
		t = ktap_result(text);
		assert_int_equal(t->number, ++number);
		t->children = children;
		t->subtest = child_name;
		t->diags = diags;
		g_ptr_array_add(tests, t);
		children = NULL;
		child_name = NULL;
		diags = g_ptr_array_new_with_free_func(g_free);
	}
	assert_null(children);
	assert_int_equal(number, planned);
	if (tail)
		g_ptr_array_extend_and_steal(tail, diags);
	else
		g_ptr_array_unref(diags);
}

/* How a leaf-counting parser (kunit.py's way) sees one test. */
enum ktap_outcome { OUT_PASS, OUT_FAIL, OUT_SKIP, OUT_XFAIL };

static enum ktap_outcome ktap_outcome(const struct ktap_test *t)
{
	if (t->directive && !strcmp(t->directive, "SKIP"))
		return OUT_SKIP;
	if (t->directive && !strcmp(t->directive, "XFAIL"))
		return t->ok ? OUT_XFAIL : OUT_FAIL;
	return t->ok ? OUT_PASS : OUT_FAIL;
}

static bool ktap_leaves_fail(const struct ktap_test *t)
{
	unsigned int i;

	if (!t->children || !t->children->len)
		return ktap_outcome(t) == OUT_FAIL;
	for (i = 0; i < t->children->len; i++)
		if (ktap_leaves_fail(g_ptr_array_index(t->children, i)))
			return true;
	return false;
}

static GPtrArray *parse_ktap(char *text, GPtrArray *tail)
{
	struct ktap_parser p = { .lines = g_strsplit(text, "\n", -1) };
	GPtrArray *tests = ktap_list();
	char *none = NULL;

	p.n = g_strv_length(p.lines);
	/* The text ends with a newline: no line after it. */
	assert_string_equal(p.lines[--p.n], "");
	ktap_block(&p, 0, tests, &none, tail);
	assert_null(none);
	assert_int_equal(p.i, p.n);
	g_strfreev(p.lines);
	return tests;
}

static bool has_diag(const struct ktap_test *t, const char *want)
{
	unsigned int i;

	for (i = 0; i < t->diags->len; i++)
		if (!strcmp(g_ptr_array_index(t->diags, i), want))
			return true;
	return false;
}

static struct ktap_test *ktap_at(GPtrArray *tests, unsigned int i)
{
	return g_ptr_array_index(tests, i);
}

static void test_tap_structure_and_counts(void **state)
{
	unsigned int i, counts[4] = { 0 }, red = 0;
	GPtrArray *tail = g_ptr_array_new_with_free_func(g_free);
	struct run_summary s;
	GPtrArray *tests;
	char *text, *line;

	(void)state;
	build_summary(&s);
	text = read_stream(report_tap, &s);
	tests = parse_ktap(text, tail);
	assert_int_equal(tests->len, N_RESULTS);
	for (i = 0; i < tests->len; i++) {
		struct ktap_test *t = ktap_at(tests, i);
		const struct scen_result *r = g_ptr_array_index(s.results, i);

		counts[ktap_outcome(t)]++;
		/* Leaves and parent agree, as kunit.py counts them. */
		assert_int_equal(ktap_leaves_fail(t),
				 ktap_outcome(t) == OUT_FAIL);
		assert_int_equal(ktap_leaves_fail(t),
				 scen_verdict_is_failure(r->verdict));
		red += !t->ok;
		if (t->children)
			assert_string_equal(t->subtest, t->name);
	}
	assert_int_equal(counts[OUT_PASS], s.passed);
	assert_int_equal(counts[OUT_FAIL], s.failed);
	assert_int_equal(counts[OUT_SKIP], s.skipped);
	assert_int_equal(counts[OUT_XFAIL], s.known_failures);
	assert_int_equal(red, s.failed);
	line = run_summary_line(&s);
	assert_int_equal(tail->len, 1);
	assert_string_equal(g_ptr_array_index(tail, 0), line);
	g_free(line);
	g_ptr_array_unref(tail);
	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

static void test_tap_details(void **state)
{
	struct ktap_test *t, *step;
	struct run_summary s;
	GPtrArray *tests;
	char *text;

	(void)state;
	build_summary(&s);
	text = read_stream(report_tap, &s);
	tests = parse_ktap(text, NULL);

	t = ktap_at(tests, 0);
	assert_true(has_diag(t, "using linux-7.2.yaml"));
	assert_true(has_diag(t, "for 7.3"));
	assert_int_equal(t->children->len, 2);
	assert_string_equal(ktap_at(t->children, 1)->name, "call FFA_ID_GET");

	t = ktap_at(tests, 1);
	assert_string_equal(t->name, NASTY_ID_TAP);
	assert_false(t->ok);
	assert_null(t->directive);
	step = ktap_at(t->children, 1);
	assert_string_equal(step->name, "reclaim _2");
	assert_false(step->ok);
	assert_true(has_diag(t, "x0 = 0x1 <want 0x2> & \"ok\" #no"));
	assert_true(has_diag(t, "  [31mred"));

	/* A failure after the last step shows as one more failing subtest. */
	t = ktap_at(tests, 2);
	assert_int_equal(t->children->len, 2);
	assert_false(ktap_at(t->children, 1)->ok);

	t = ktap_at(tests, 3);
	assert_string_equal(t->directive, "ERROR");
	assert_null(t->children);

	t = ktap_at(tests, 4);
	assert_string_equal(t->directive, "SKIP");
	assert_string_equal(t->reason, "needs PAGE_SIZE 64K");

	t = ktap_at(tests, 5);
	assert_true(t->ok);
	assert_string_equal(t->directive, "XFAIL");
	assert_string_equal(t->reason, "no direct messaging <series> & co");
	assert_string_equal(ktap_at(t->children, 0)->directive, "XFAIL");
	assert_true(has_diag(t, "x0 = FFA_SUCCESS, want FFA_ERROR"));

	t = ktap_at(tests, 7);
	assert_false(t->ok);
	assert_true(has_diag(t,
			     "listed as failing (rollback leak) but passed"));
	assert_string_equal(ktap_at(t->children, 1)->name,
			    "expectations file");

	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

static void test_tap_empty_run(void **state)
{
	GPtrArray *tail = g_ptr_array_new_with_free_func(g_free);
	struct run_summary s;
	GPtrArray *tests;
	char *text;

	(void)state;
	run_summary_init(&s, "v");
	text = read_stream(report_tap, &s);
	assert_string_equal(text,
			    "KTAP version 1\n1..0\n# 0 passed, 0 failed\n");
	tests = parse_ktap(text, tail);
	assert_int_equal(tests->len, 0);
	assert_int_equal(tail->len, 1);
	g_ptr_array_unref(tail);
	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

/* ---- JUnit ---- */

struct junit_case {
	GHashTable *attrs;
	char *kind;		/* "failure", "error", "skipped" or NULL */
	GHashTable *kind_attrs;
	GString *body;		/* of the failure or error */
	GString *out;		/* <system-out> */
};

struct junit_doc {
	GHashTable *suites_attrs, *suite_attrs;
	GPtrArray *cases;	/* of struct junit_case * */
	GPtrArray *notices;
	GString *text;		/* where text goes now, or NULL */
	unsigned int depth;
};

static GHashTable *attr_table(const char **names, const char **values)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);

	for (; *names; names++, values++) {
		assert_false(g_hash_table_contains(t, *names));
		g_hash_table_insert(t, g_strdup(*names), g_strdup(*values));
	}
	return t;
}

static void junit_case_free(void *data)
{
	struct junit_case *c = data;

	g_hash_table_unref(c->attrs);
	if (c->kind_attrs)
		g_hash_table_unref(c->kind_attrs);
	g_free(c->kind);
	g_string_free(c->body, TRUE);
	g_string_free(c->out, TRUE);
	g_free(c);
}

static struct junit_case *current_case(struct junit_doc *d)
{
	assert_true(d->cases->len > 0);
	return g_ptr_array_index(d->cases, d->cases->len - 1);
}

static void junit_outcome(struct junit_doc *d, const char *element,
			  const char **names, const char **values)
{
	struct junit_case *c = current_case(d);

	if (!strcmp(element, "system-out")) {
		d->text = c->out;
		return;
	}
	if (!strcmp(element, "system-err"))
		return;
	assert_null(c->kind);
	c->kind = g_strdup(element);
	c->kind_attrs = attr_table(names, values);
	d->text = c->body;
}

static void junit_start(GMarkupParseContext *ctx, const char *element,
			const char **names, const char **values, void *data,
			GError **error)
{
	struct junit_doc *d = data;
	struct junit_case *c;

	(void)ctx;
	(void)error;
	d->depth++;
	if (!strcmp(element, "testsuites")) {
		assert_int_equal(d->depth, 1);
		d->suites_attrs = attr_table(names, values);
	} else if (!strcmp(element, "testsuite")) {
		assert_int_equal(d->depth, 2);
		d->suite_attrs = attr_table(names, values);
	} else if (!strcmp(element, "testcase")) {
		assert_int_equal(d->depth, 3);
		c = g_new0(struct junit_case, 1);
		c->attrs = attr_table(names, values);
		c->body = g_string_new(NULL);
		c->out = g_string_new(NULL);
		g_ptr_array_add(d->cases, c);
	} else if (!strcmp(element, "property")) {
		g_ptr_array_add(d->notices, g_strdup(values[1]));
	} else if (strcmp(element, "properties")) {
		assert_int_equal(d->depth, 4);
		junit_outcome(d, element, names, values);
	}
}

static void junit_end(GMarkupParseContext *ctx, const char *element,
		      void *data, GError **error)
{
	struct junit_doc *d = data;

	(void)ctx;
	(void)element;
	(void)error;
	d->depth--;
	d->text = NULL;
}

static void junit_text(GMarkupParseContext *ctx, const char *text,
		       gsize len, void *data, GError **error)
{
	struct junit_doc *d = data;

	(void)ctx;
	(void)error;
	if (d->text)
		g_string_append_len(d->text, text, len);
}

static const GMarkupParser junit_parser = {
	.start_element = junit_start,
	.end_element = junit_end,
	.text = junit_text,
};

/* Bytes XML 1.0 forbids, raw or as a character reference. */
static void assert_xml10_chars(const char *xml)
{
	const char *p;

	assert_true(g_utf8_validate(xml, -1, NULL));
	for (p = xml; *p; p++)
		assert_false((unsigned char)*p < 0x20 && *p != '\n' &&
			     *p != '\t' && *p != '\r');
	assert_null(strstr(xml, "&#"));
}

static void parse_junit(const char *path, struct junit_doc *d)
{
	GMarkupParseContext *ctx;
	GError *error = NULL;
	char *xml = NULL;
	gsize len = 0;

	memset(d, 0, sizeof(*d));
	d->cases = g_ptr_array_new_with_free_func(junit_case_free);
	d->notices = g_ptr_array_new_with_free_func(g_free);
	assert_true(g_file_get_contents(path, &xml, &len, NULL));
	assert_true(g_str_has_prefix(xml, "<?xml version=\"1.0\""));
	assert_xml10_chars(xml);
	ctx = g_markup_parse_context_new(&junit_parser, 0, d, NULL);
	if (!g_markup_parse_context_parse(ctx, xml, len, &error) ||
	    !g_markup_parse_context_end_parse(ctx, &error))
		fail_msg("bad XML: %s", error->message);
	g_markup_parse_context_free(ctx);
	assert_int_equal(d->depth, 0);
	g_free(xml);
}

static void junit_doc_free(struct junit_doc *d)
{
	g_hash_table_unref(d->suites_attrs);
	g_hash_table_unref(d->suite_attrs);
	g_ptr_array_unref(d->cases);
	g_ptr_array_unref(d->notices);
}

static const char *attr(GHashTable *t, const char *name)
{
	const char *value = g_hash_table_lookup(t, name);

	if (!value)
		fail_msg("no attribute %s", name);
	return value;
}

static unsigned int count_kind(struct junit_doc *d, const char *kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < d->cases->len; i++) {
		struct junit_case *c = g_ptr_array_index(d->cases, i);

		n += c->kind && !strcmp(c->kind, kind);
	}
	return n;
}

static void assert_counts(GHashTable *t, struct junit_doc *d)
{
	char want[16];

	snprintf(want, sizeof(want), "%u", d->cases->len);
	assert_string_equal(attr(t, "tests"), want);
	snprintf(want, sizeof(want), "%u", count_kind(d, "failure"));
	assert_string_equal(attr(t, "failures"), want);
	snprintf(want, sizeof(want), "%u", count_kind(d, "error"));
	assert_string_equal(attr(t, "errors"), want);
	snprintf(want, sizeof(want), "%u", count_kind(d, "skipped"));
	assert_string_equal(attr(t, "skipped"), want);
	assert_string_equal(attr(t, "time"), "2.000");
}

static char *junit_path(void)
{
	char *path = g_build_filename(g_get_tmp_dir(),
				      "test_sim_report-XXXXXX", NULL);
	int fd = g_mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	return path;
}

/* Write @s as JUnit into a temporary file and parse it back into @d. */
static void junit_round_trip(const struct run_summary *s, struct junit_doc *d)
{
	char err[256] = "";
	char *path = junit_path();

	if (report_junit(path, s, err, sizeof(err)))
		fail_msg("report_junit: %s", err);
	parse_junit(path, d);
	unlink(path);
	g_free(path);
}

static struct junit_case *junit_at(struct junit_doc *d, unsigned int i)
{
	return g_ptr_array_index(d->cases, i);
}

static void test_junit_counts_and_attributes(void **state)
{
	struct junit_doc d;
	struct run_summary s;
	struct junit_case *c;

	(void)state;
	build_summary(&s);
	junit_round_trip(&s, &d);
	assert_int_equal(d.cases->len, N_RESULTS);
	assert_int_equal(count_kind(&d, "failure"), 3);
	assert_int_equal(count_kind(&d, "error"), 1);
	assert_int_equal(count_kind(&d, "skipped"), 3);
	assert_counts(d.suites_attrs, &d);
	assert_counts(d.suite_attrs, &d);
	assert_string_equal(attr(d.suite_attrs, "name"), "linux-7.3.4-4k");
	assert_int_equal(d.notices->len, 1);
	assert_string_equal(g_ptr_array_index(d.notices, 0),
			    "using linux-7.2.yaml for 7.3");

	c = junit_at(&d, 0);
	assert_null(c->kind);
	assert_string_equal(attr(c->attrs, "name"), "version");
	assert_string_equal(attr(c->attrs, "classname"), "scenarios/mem/share");
	assert_string_equal(attr(c->attrs, "time"), "0.250");

	c = junit_at(&d, 1);
	assert_string_equal(attr(c->attrs, "name"),
			    "odd <id> & \"q\" 'a' #7  next");
	assert_string_equal(c->kind, "failure");
	assert_string_equal(attr(c->kind_attrs, "message"),
			    "x0 = 0x1 <want 0x2> & \"ok\" #no");
	assert_string_equal(c->body->str, "x0 = 0x1 <want 0x2> & \"ok\" #no\n"
					  FFFD FFFD "[31mred");

	assert_string_equal(junit_at(&d, 3)->kind, "error");
	c = junit_at(&d, 5);
	assert_string_equal(c->kind, "skipped");
	assert_string_equal(attr(c->kind_attrs, "message"),
			    "known failure: no direct messaging <series> & co");
	c = junit_at(&d, 7);
	assert_string_equal(c->kind, "failure");
	assert_string_equal(attr(c->kind_attrs, "type"), "unexpected-pass");

	junit_doc_free(&d);
	run_summary_free(&s);
}

static void test_junit_trace_and_bad_utf8(void **state)
{
	struct run_summary s;
	struct scen_result *r;
	struct junit_doc d;

	(void)state;
	run_summary_init(&s, "v");
	r = add(&s, "bad\xff", SCEN_FAIL, VERDICT_FAIL);
	r->message = g_strdup("\x7f\x0c]]>");
	r->trace = g_strdup("host -> EL2 <x0>\x02\n");
	r->seconds = 2;
	junit_round_trip(&s, &d);
	assert_string_equal(attr(junit_at(&d, 0)->attrs, "name"), "bad" FFFD);
	assert_string_equal(junit_at(&d, 0)->body->str, FFFD FFFD "]]>");
	assert_string_equal(junit_at(&d, 0)->out->str,
			    "host -> EL2 <x0>" FFFD "\n");
	junit_doc_free(&d);
	run_summary_free(&s);
}

static void test_junit_unwritable(void **state)
{
	char err[256] = "";
	struct run_summary s;

	(void)state;
	run_summary_init(&s, "v");
	assert_int_equal(report_junit("/nonexistent-dir/x.xml", &s, err,
				      sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent-dir/x.xml"));
	run_summary_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_counts_and_line),
		cmocka_unit_test(test_summary_line_omits_zeroes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_result_steps),
		cmocka_unit_test(test_human_lines),
		cmocka_unit_test(test_human_color_and_trace),
		cmocka_unit_test(test_tap_structure_and_counts),
		cmocka_unit_test(test_tap_details),
		cmocka_unit_test(test_tap_empty_run),
		cmocka_unit_test(test_junit_counts_and_attributes),
		cmocka_unit_test(test_junit_trace_and_bad_utf8),
		cmocka_unit_test(test_junit_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
