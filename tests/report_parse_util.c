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

#include "tests/report_parse_util.h"

/* ---- KTAP ---- */

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

void ktap_assert_counts(GPtrArray *tests, unsigned int passed,
			unsigned int failed, unsigned int skipped,
			unsigned int xfail)
{
	unsigned int i, counts[KTAP_NR_OUTCOMES] = { 0 };

	for (i = 0; i < tests->len; i++) {
		const struct ktap_test *t = ktap_at(tests, i);

		counts[ktap_outcome(t)]++;
		assert_int_equal(ktap_leaves_fail(t),
				 ktap_outcome(t) == KTAP_FAIL);
		if (t->children)
			assert_string_equal(t->subtest, t->name);
	}
	assert_int_equal(counts[KTAP_PASS], passed);
	assert_int_equal(counts[KTAP_FAIL], failed);
	assert_int_equal(counts[KTAP_SKIP], skipped);
	assert_int_equal(counts[KTAP_XFAIL], xfail);
}

GPtrArray *ktap_parse(const char *text, GPtrArray *tail)
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

bool ktap_has_diag(const struct ktap_test *t, const char *want)
{
	unsigned int i;

	for (i = 0; i < t->diags->len; i++)
		if (!strcmp(g_ptr_array_index(t->diags, i), want))
			return true;
	return false;
}

struct ktap_test *ktap_at(GPtrArray *tests, unsigned int i)
{
	assert_true(i < tests->len);
	return g_ptr_array_index(tests, i);
}

/* ---- JUnit ---- */

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
		assert_null(d->suite_attrs);
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

void junit_parse_file(const char *path, struct junit_doc *d)
{
	GMarkupParseContext *ctx;
	GError *error = NULL;
	char *xml = NULL;
	gsize len = 0;

	memset(d, 0, sizeof(*d));
	d->cases = g_ptr_array_new_with_free_func(junit_case_free);
	d->notices = g_ptr_array_new_with_free_func(g_free);
	if (!g_file_get_contents(path, &xml, &len, &error))
		fail_msg("%s", error->message);
	assert_true(g_str_has_prefix(xml, "<?xml version=\"1.0\""));
	assert_xml10_chars(xml);
	ctx = g_markup_parse_context_new(&junit_parser, 0, d, NULL);
	if (!g_markup_parse_context_parse(ctx, xml, len, &error) ||
	    !g_markup_parse_context_end_parse(ctx, &error))
		fail_msg("bad XML: %s", error->message);
	g_markup_parse_context_free(ctx);
	assert_int_equal(d->depth, 0);
	assert_non_null(d->suites_attrs);
	assert_non_null(d->suite_attrs);
	g_free(xml);
}

void junit_doc_free(struct junit_doc *d)
{
	g_hash_table_unref(d->suites_attrs);
	g_hash_table_unref(d->suite_attrs);
	g_ptr_array_unref(d->cases);
	g_ptr_array_unref(d->notices);
}

struct junit_case *junit_at(struct junit_doc *d, unsigned int i)
{
	assert_true(i < d->cases->len);
	return g_ptr_array_index(d->cases, i);
}

const char *junit_attr(GHashTable *t, const char *name)
{
	const char *value = g_hash_table_lookup(t, name);

	if (!value)
		fail_msg("no attribute %s", name);
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

static void assert_count_attr(GHashTable *t, const char *name,
			      unsigned int want)
{
	char text[16];

	snprintf(text, sizeof(text), "%u", want);
	assert_string_equal(junit_attr(t, name), text);
}

void junit_assert_counts(GHashTable *t, struct junit_doc *d)
{
	assert_count_attr(t, "tests", d->cases->len);
	assert_count_attr(t, "failures", junit_count_kind(d, "failure"));
	assert_count_attr(t, "errors", junit_count_kind(d, "error"));
	assert_count_attr(t, "skipped", junit_count_kind(d, "skipped"));
}
