// SPDX-License-Identifier: GPL-2.0-only
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/check_util.h"
#include "tests/report_parse_util.h"

/* ---- KTAP ---- */

struct ktap_parser {
	char **lines;
	unsigned int i, n;
	const char *text;	/* the whole, for messages */
	const char *file;	/* the test's line that parses */
	int line;
};

/*
 * The KTAP text breaks a rule at line @at (0-based): the test fails at
 * its caller's line, with the line, the rule and the whole text.  A KTAP
 * reader (kunit.py, a CI) would stop or miscount there.
 */
static void ktap_bad(const struct ktap_parser *p, unsigned int at,
		     const char *rule)
{
	fail_at(p->file, p->line, "KTAP line %u '%s': expected %s, as KTAP readers do\n--- KTAP\n%s",
		at + 1, at < p->n ? p->lines[at] : "(end of text)", rule,
		p->text);
}

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

static unsigned int indent_of(const struct ktap_parser *p, unsigned int at)
{
	unsigned int n = strspn(p->lines[at], " ");

	if (p->lines[at][n] == '\t')
		ktap_bad(p, at, "an indent of spaces only");
	return n;
}

static const char *ktap_peek(struct ktap_parser *p, unsigned int indent)
{
	if (p->i >= p->n)
		ktap_bad(p, p->i, "more lines: the block is not finished");
	if (indent_of(p, p->i) != indent)
		ktap_bad(p, p->i, "the indent of its block");
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

/* "<ok|not ok> <number> <name>[ # <directive> <reason>]", line @at */
static struct ktap_test *ktap_result(const struct ktap_parser *p,
				     unsigned int at, const char *text)
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
		ktap_bad(p, at, "a result line, 'ok' or 'not ok'");
	t->number = strtoul(rest, &end, 10);
	if (!(end > rest && *end == ' '))
		ktap_bad(p, at, "a test number and a space after 'ok'");
	rest = end + 1;
	hash = strchr(rest, '#');
	if (!hash) {
		t->name = g_strdup(rest);
		return t;
	}
	if (!(hash > rest && hash[-1] == ' ') || hash[1] != ' ')
		ktap_bad(p, at, "' # ' between the name and the directive");
	t->name = g_strndup(rest, hash - 1 - rest);
	end = strchr(hash + 2, ' ');
	t->directive = end ? g_strndup(hash + 2, end - hash - 2) :
			     g_strdup(hash + 2);
	if (!is_directive(t->directive))
		ktap_bad(p, at, "a directive KTAP knows (SKIP, TODO, XFAIL, TIMEOUT, ERROR)");
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

	if (indent_of(p, p->i) != indent + 4)
		ktap_bad(p, p->i, "a nested block four spaces in");
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

	if (strcmp(ktap_peek(p, indent), "KTAP version 1"))
		ktap_bad(p, p->i, "'KTAP version 1' opening the block");
	p->i++;
	text = ktap_peek(p, indent);
	if (g_str_has_prefix(text, "# Subtest: ")) {
		*subtest = g_strdup(text + strlen("# Subtest: "));
		p->i++;
		text = ktap_peek(p, indent);
	}
	if (sscanf(text, "1..%u%n", &planned, &used) != 1 || text[used])
		ktap_bad(p, p->i, "the plan '1..N'");
	p->i++;
	while (p->i < p->n && indent_of(p, p->i) >= indent) {
		struct ktap_test *t;

		if (indent_of(p, p->i) > indent) {
			if (children)
				ktap_bad(p, p->i, "a result line closing the nested block before it");
			children = ktap_nested(p, indent, &child_name);
			continue;
		}
		text = p->lines[p->i++] + indent;
		if (text[0] == '#') {
			if (!g_str_has_prefix(text, "# "))
				ktap_bad(p, p->i - 1, "'# ' opening a diagnostic");
			g_ptr_array_add(diags, g_strdup(text + 2));
			continue;
		}
		t = ktap_result(p, p->i - 1, text);
		if (t->number != ++number)
			ktap_bad(p, p->i - 1, "the tests numbered from 1, in order");
		t->children = children;
		t->subtest = child_name;
		t->diags = diags;
		g_ptr_array_add(tests, t);
		children = NULL;
		child_name = NULL;
		diags = g_ptr_array_new_with_free_func(g_free);
	}
	if (children)
		ktap_bad(p, p->i, "a result line closing the nested block");
	if (number != planned)
		ktap_bad(p, p->i, "as many result lines as the plan says");
	if (tail)
		g_ptr_array_extend_and_steal(tail, diags);
	else
		g_ptr_array_unref(diags);
}

enum ktap_outcome ktap_outcome(const struct ktap_test *t)
{
	if (t->directive && !strcmp(t->directive, "SKIP"))
		return KTAP_SKIP;
	if (t->directive && !strcmp(t->directive, "XFAIL"))
		return t->ok ? KTAP_XFAIL : KTAP_FAIL;
	return t->ok ? KTAP_PASS : KTAP_FAIL;
}

bool ktap_leaves_fail(const struct ktap_test *t)
{
	unsigned int i;

	if (!t->children || !t->children->len)
		return ktap_outcome(t) == KTAP_FAIL;
	for (i = 0; i < t->children->len; i++)
		if (ktap_leaves_fail(g_ptr_array_index(t->children, i)))
			return true;
	return false;
}

void ktap_check_counts(GPtrArray *tests, unsigned int passed,
		       unsigned int failed, unsigned int skipped,
		       unsigned int xfail, const char *file, int line)
{
	unsigned int i, counts[KTAP_NR_OUTCOMES] = { 0 };
	bool ok = true;

	for (i = 0; i < tests->len; i++) {
		const struct ktap_test *t = g_ptr_array_index(tests, i);

		counts[ktap_outcome(t)]++;
		if (ktap_leaves_fail(t) != (ktap_outcome(t) == KTAP_FAIL)) {
			print_error("%s:%d: KTAP test '%s' says %s but its leaves say %s: a parser counting leaves would see another run\n",
				    file, line, t->name,
				    ktap_outcome(t) == KTAP_FAIL ? "not ok" : "ok",
				    ktap_leaves_fail(t) ? "a failure" : "no failure");
			ok = false;
		}
		if (t->children && strcmp(t->subtest ? t->subtest : "", t->name)) {
			print_error("%s:%d: KTAP block '# Subtest: %s' holds test '%s': the names must agree\n",
				    file, line, t->subtest ? t->subtest : "",
				    t->name);
			ok = false;
		}
	}
	if (counts[KTAP_PASS] != passed || counts[KTAP_FAIL] != failed ||
	    counts[KTAP_SKIP] != skipped || counts[KTAP_XFAIL] != xfail) {
		print_error("%s:%d: KTAP top-level outcomes: %u ok, %u not ok, %u SKIP, %u XFAIL; expected %u, %u, %u, %u, as the run counted them\n",
			    file, line, counts[KTAP_PASS], counts[KTAP_FAIL],
			    counts[KTAP_SKIP], counts[KTAP_XFAIL], passed,
			    failed, skipped, xfail);
		ok = false;
	}
	if (!ok)
		_fail(file, line);
}

GPtrArray *ktap_parse_at(const char *text, GPtrArray *tail, const char *file,
			 int line)
{
	struct ktap_parser p = {
		.lines = g_strsplit(text, "\n", -1), .text = text,
		.file = file, .line = line,
	};
	GPtrArray *tests = ktap_list();
	char *none = NULL;

	p.n = g_strv_length(p.lines);
	/* The text ends with a newline: no line after it. */
	if (strcmp(p.lines[--p.n], ""))
		ktap_bad(&p, p.n, "a newline ending the text");
	ktap_block(&p, 0, tests, &none, tail);
	if (none)
		ktap_bad(&p, 0, "no '# Subtest:' at the top level");
	if (p.i != p.n)
		ktap_bad(&p, p.i, "one block: nothing after the top-level tests");
	g_strfreev(p.lines);
	return tests;
}

bool ktap_has_diag(const struct ktap_test *t, const char *want)
{
	unsigned int i;

	for (i = 0; i < t->diags->len; i++)
		if (!strcmp(g_ptr_array_index(t->diags, i), want))
			return true;
	return false;
}

struct ktap_test *ktap_test_at(GPtrArray *tests, unsigned int i,
			       const char *file, int line)
{
	if (i >= tests->len)
		fail_at(file, line, "%u KTAP tests, expected a test %u: one per scenario",
			tests->len, i + 1);
	return g_ptr_array_index(tests, i);
}

/* ---- JUnit ---- */

/*
 * The JUnit file breaks its shape: the test fails at the line that parses
 * it.  CI tools reading the file would drop or miscount cases.
 */
static void junit_bad(const struct junit_doc *d, const char *rule,
		      const char *element)
{
	fail_at(d->file, d->line, "JUnit <%s>: expected %s, as CI tools read it",
		element, rule);
}

static GHashTable *attr_table(const struct junit_doc *d, const char *element,
			      const char **names, const char **values)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);

	for (; *names; names++, values++) {
		if (g_hash_table_contains(t, *names))
			junit_bad(d, "each attribute once", element);
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

static struct junit_case *current_case(struct junit_doc *d,
				       const char *element)
{
	if (!d->cases->len)
		junit_bad(d, "to be inside a <testcase>", element);
	return g_ptr_array_index(d->cases, d->cases->len - 1);
}

static void junit_outcome(struct junit_doc *d, const char *element,
			  const char **names, const char **values)
{
	struct junit_case *c = current_case(d, element);

	if (!strcmp(element, "system-out")) {
		d->text = c->out;
		return;
	}
	if (!strcmp(element, "system-err"))
		return;
	if (c->kind)
		junit_bad(d, "one outcome per case", element);
	c->kind = g_strdup(element);
	c->kind_attrs = attr_table(d, element, names, values);
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
		if (d->depth != 1)
			junit_bad(d, "to be the root", element);
		d->suites_attrs = attr_table(d, element, names, values);
	} else if (!strcmp(element, "testsuite")) {
		if (d->depth != 2 || d->suite_attrs)
			junit_bad(d, "one, in <testsuites>", element);
		d->suite_attrs = attr_table(d, element, names, values);
	} else if (!strcmp(element, "testcase")) {
		if (d->depth != 3)
			junit_bad(d, "to be in <testsuite>", element);
		c = g_new0(struct junit_case, 1);
		c->attrs = attr_table(d, element, names, values);
		c->body = g_string_new(NULL);
		c->out = g_string_new(NULL);
		g_ptr_array_add(d->cases, c);
	} else if (!strcmp(element, "property")) {
		g_ptr_array_add(d->notices, g_strdup(values[1]));
	} else if (strcmp(element, "properties")) {
		if (d->depth != 4)
			junit_bad(d, "to be in <testcase>", element);
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
static void check_xml10_chars(const struct junit_doc *d, const char *xml)
{
	const char *p;

	if (!g_utf8_validate(xml, -1, NULL))
		fail_at(d->file, d->line, "the JUnit file is not UTF-8, which XML 1.0 requires");
	for (p = xml; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' &&
		    *p != '\r')
			fail_at(d->file, d->line, "the JUnit file holds the byte %#04x at offset %td, which XML 1.0 forbids: a strict reader rejects the file",
				(unsigned char)*p, p - xml);
	if (strstr(xml, "&#"))
		fail_at(d->file, d->line, "the JUnit file holds a character reference: some XML 1.0 readers reject what it may name");
}

char *report_temp_path(const char *stem)
{
	char *name = g_strdup_printf("ffa-sim-%s-XXXXXX", stem);
	char *path = g_build_filename(g_get_tmp_dir(), name, NULL);
	int fd = g_mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	g_free(name);
	return path;
}

char *junit_temp_path(void)
{
	return report_temp_path("junit");
}

void junit_parse_file_at(const char *path, struct junit_doc *d,
			 const char *file, int line)
{
	GMarkupParseContext *ctx;
	GError *error = NULL;
	char *xml = NULL;
	gsize len = 0;

	memset(d, 0, sizeof(*d));
	d->file = file;
	d->line = line;
	d->cases = g_ptr_array_new_with_free_func(junit_case_free);
	d->notices = g_ptr_array_new_with_free_func(g_free);
	if (!g_file_get_contents(path, &xml, &len, &error))
		fail_at(file, line, "%s: %s: the report was to be written there",
			path, error->message);
	if (!g_str_has_prefix(xml, "<?xml version=\"1.0\""))
		fail_at(file, line, "%s does not open with an XML 1.0 declaration, which CI tools look for",
			path);
	check_xml10_chars(d, xml);
	ctx = g_markup_parse_context_new(&junit_parser, 0, d, NULL);
	if (!g_markup_parse_context_parse(ctx, xml, len, &error) ||
	    !g_markup_parse_context_end_parse(ctx, &error))
		fail_at(file, line, "%s is not well-formed XML: %s", path,
			error->message);
	g_markup_parse_context_free(ctx);
	if (d->depth || !d->suites_attrs || !d->suite_attrs)
		fail_at(file, line, "%s: expected one <testsuites> holding one <testsuite>, as CI tools read it",
			path);
	g_free(xml);
}

void junit_doc_free(struct junit_doc *d)
{
	g_hash_table_unref(d->suites_attrs);
	g_hash_table_unref(d->suite_attrs);
	g_ptr_array_unref(d->cases);
	g_ptr_array_unref(d->notices);
}

struct junit_case *junit_case_at(struct junit_doc *d, unsigned int i,
				 const char *file, int line)
{
	if (i >= d->cases->len)
		fail_at(file, line, "%u JUnit cases, expected a case %u: one per scenario",
			d->cases->len, i + 1);
	return g_ptr_array_index(d->cases, i);
}

const char *junit_attr_at(GHashTable *t, const char *name, const char *file,
			  int line)
{
	const char *value = g_hash_table_lookup(t, name);

	if (!value)
		fail_at(file, line, "no attribute %s, which CI tools read", name);
	return value;
}

unsigned int junit_count_kind(struct junit_doc *d, const char *kind)
{
	unsigned int i, n = 0;

	for (i = 0; i < d->cases->len; i++) {
		struct junit_case *c = g_ptr_array_index(d->cases, i);

		n += c->kind && !strcmp(c->kind, kind);
	}
	return n;
}

static bool count_attr_is(GHashTable *t, const char *name,
			  unsigned int want, const char *file, int line)
{
	const char *got = g_hash_table_lookup(t, name);
	char text[16];

	snprintf(text, sizeof(text), "%u", want);
	if (got && !strcmp(got, text))
		return true;
	print_error("%s:%d: JUnit %s=\"%s\"; expected \"%s\", the count of the cases themselves\n",
		    file, line, name, got ? got : "(missing)", text);
	return false;
}

void junit_check_counts(GHashTable *t, struct junit_doc *d, const char *file,
			int line)
{
	bool ok = count_attr_is(t, "tests", d->cases->len, file, line);

	ok &= count_attr_is(t, "failures", junit_count_kind(d, "failure"),
			    file, line);
	ok &= count_attr_is(t, "errors", junit_count_kind(d, "error"), file,
			    line);
	ok &= count_attr_is(t, "skipped", junit_count_kind(d, "skipped"), file,
			    line);
	if (!ok)
		_fail(file, line);
}
