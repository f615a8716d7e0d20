// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small DOM over GMarkup's events: elements with their attributes and
 * children, and text nodes.  Only what the tests of the report page ask.
 */
#include <string.h>

#include "tests/html_dom_util.h"

static struct dom_node *node_new(struct dom_node *parent)
{
	struct dom_node *n = g_new0(struct dom_node, 1);

	n->parent = parent;
	n->children = g_ptr_array_new();
	if (parent)
		g_ptr_array_add(parent->children, n);
	return n;
}

static void on_start(GMarkupParseContext *ctx, const char *name,
		     const char **names, const char **values, gpointer data,
		     GError **error)
{
	struct dom_node **cur = data;
	struct dom_node *n = node_new(*cur);
	unsigned int i;

	(void)ctx;
	(void)error;
	n->name = g_strdup(name);
	n->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_free);
	for (i = 0; names[i]; i++)
		g_hash_table_insert(n->attrs, g_strdup(names[i]),
				    g_strdup(values[i]));
	*cur = n;
}

static void on_end(GMarkupParseContext *ctx, const char *name, gpointer data,
		   GError **error)
{
	struct dom_node **cur = data;

	(void)ctx;
	(void)name;
	(void)error;
	*cur = (*cur)->parent;
}

static void on_text(GMarkupParseContext *ctx, const char *text, gsize len,
		    gpointer data, GError **error)
{
	struct dom_node **cur = data;
	struct dom_node *n;

	(void)ctx;
	(void)error;
	if (!*cur)
		return;
	n = node_new(*cur);
	n->text = g_strndup(text, len);
}

struct dom_node *dom_parse(const char *text, char **why)
{
	static const GMarkupParser parser = {
		.start_element = on_start,
		.end_element = on_end,
		.text = on_text,
	};
	struct dom_node *doc = node_new(NULL), *cur = doc;
	GMarkupParseContext *ctx;
	GError *error = NULL;
	bool ok;

	if (g_str_has_prefix(text, "<!DOCTYPE html>"))
		text += strlen("<!DOCTYPE html>");
	ctx = g_markup_parse_context_new(&parser, 0, &cur, NULL);
	ok = g_markup_parse_context_parse(ctx, text, -1, &error) &&
	     g_markup_parse_context_end_parse(ctx, &error);
	g_markup_parse_context_free(ctx);
	if (!ok) {
		*why = g_strdup(error->message);
		g_error_free(error);
		dom_free(doc);
		return NULL;
	}
	return doc;
}

void dom_free(struct dom_node *n)
{
	unsigned int i;

	if (!n)
		return;
	for (i = 0; i < n->children->len; i++)
		dom_free(n->children->pdata[i]);
	g_ptr_array_free(n->children, TRUE);
	if (n->attrs)
		g_hash_table_destroy(n->attrs);
	g_free(n->name);
	g_free(n->text);
	g_free(n);
}

const char *dom_attr(const struct dom_node *n, const char *name)
{
	return n->attrs ? g_hash_table_lookup(n->attrs, name) : NULL;
}

bool dom_has_class(const struct dom_node *n, const char *cls)
{
	const char *c = dom_attr(n, "class");
	char **words;
	bool found;

	if (!c)
		return false;
	words = g_strsplit(c, " ", -1);
	found = g_strv_contains((const char *const *)words, cls);
	g_strfreev(words);
	return found;
}

static void find(const struct dom_node *n, const char *name, const char *cls,
		 GPtrArray *out)
{
	unsigned int i;

	for (i = 0; i < n->children->len; i++) {
		const struct dom_node *c = n->children->pdata[i];

		if (!c->name)
			continue;
		if ((!name || !strcmp(c->name, name)) &&
		    (!cls || dom_has_class(c, cls)))
			g_ptr_array_add(out, (gpointer)c);
		find(c, name, cls, out);
	}
}

GPtrArray *dom_find(const struct dom_node *n, const char *name,
		    const char *cls)
{
	GPtrArray *out = g_ptr_array_new();

	find(n, name, cls, out);
	return out;
}

struct dom_node *dom_first(const struct dom_node *n, const char *name,
			   const char *cls)
{
	GPtrArray *all = dom_find(n, name, cls);
	struct dom_node *first = all->len ? all->pdata[0] : NULL;

	g_ptr_array_free(all, TRUE);
	return first;
}

static void text_of(const struct dom_node *n, GString *out)
{
	unsigned int i;

	if (n->text)
		g_string_append(out, n->text);
	for (i = 0; i < n->children->len; i++)
		text_of(n->children->pdata[i], out);
}

char *dom_text(const struct dom_node *n)
{
	GString *out = g_string_new(NULL);

	text_of(n, out);
	return g_string_free(out, FALSE);
}
