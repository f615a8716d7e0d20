/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The report page of `ffa-sim run --html` read back as a tree, with
 * GMarkup: the page is written to be well-formed XML as well as HTML, so
 * an XML parser checks that every element is closed and every attribute
 * quoted, and the tests can then ask for elements by name and class as a
 * browser's DOM would answer.
 */
#ifndef TESTS_HTML_DOM_UTIL_H
#define TESTS_HTML_DOM_UTIL_H

#include <glib.h>
#include <stdbool.h>

struct dom_node {
	char *name;		/* element name; NULL for text */
	char *text;		/* a text node's text */
	GHashTable *attrs;	/* of an element */
	struct dom_node *parent;
	GPtrArray *children;	/* of struct dom_node * */
};

/* The document (a leading <!DOCTYPE html> is skipped); NULL + *why. */
struct dom_node *dom_parse(const char *text, char **why);
void dom_free(struct dom_node *root);

const char *dom_attr(const struct dom_node *n, const char *name);
/* Is @cls one of the words of the class attribute? */
bool dom_has_class(const struct dom_node *n, const char *cls);
/* Descendants named @name (any when NULL) with class @cls (any when NULL). */
GPtrArray *dom_find(const struct dom_node *n, const char *name,
		    const char *cls);
/* The first such descendant, or NULL. */
struct dom_node *dom_first(const struct dom_node *n, const char *name,
			   const char *cls);
/* All the text under @n, as a browser's textContent. */
char *dom_text(const struct dom_node *n);

#endif /* TESTS_HTML_DOM_UTIL_H */
