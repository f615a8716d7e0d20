// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario files: one scenario per YAML document.  A `cases:` table turns
 * one scenario into several by substituting each case's `$parameters` into
 * the scalars' text before anything is parsed, so a case can replace a
 * number, a name, or a whole `FFA_ERROR NOT_SUPPORTED` shorthand.
 *
 * The loader reports every problem it finds in a document with its
 * file:line:column and keeps going, so one run shows them all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/lang/load_internal.h"

void ld_error(struct ld *ld, const struct ynode *node, const char *fmt, ...)
{
	struct src_pos pos = node->kind == YNODE_SCALAR ?
			     yaml_scalar_text_pos(node) : node->pos;
	char *cut = yaml_flow_comma_hint(node);
	va_list ap;

	va_start(ap, fmt);
	diag_verror(ld->d, pos, fmt, ap);
	va_end(ap);
	if (cut)
		diag_amend(ld->d, diag_count(ld->d) - 1, cut);
	g_free(cut);
}

struct src_pos ld_pos(struct ld *ld, const struct ynode *node)
{
	struct src_pos pos = node->pos;

	pos.file = ld->s->file;
	return pos;
}

void *ld_alloc(struct ld *ld, size_t size)
{
	void *p = g_malloc0(size);

	g_ptr_array_add(ld->s->blocks, p);
	return p;
}

char *ld_strdup(struct ld *ld, const char *text)
{
	char *p = g_strdup(text);

	g_ptr_array_add(ld->s->strings, p);
	return p;
}

static bool is_ident_start(char c)
{
	return g_ascii_isalpha(c) || c == '_';
}

static bool is_ident(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

static void suggest_param(gpointer key, gpointer value, gpointer s)
{
	(void)value;
	diag_suggester_add(s, key);
}

static bool substitute_one(struct ld *ld, const struct ynode *node,
			   GString *out, const char *name)
{
	struct diag_suggester s;
	const char *value;

	if (!ld->params) {
		ld_error(ld, node,
			 "'$%s' is a case parameter, but this scenario has no cases",
			 name);
		return false;
	}
	value = g_hash_table_lookup(ld->params, name);
	if (value) {
		g_string_append(out, value);
		return true;
	}
	diag_suggester_init(&s, name);
	g_hash_table_foreach(ld->params, suggest_param, &s);
	if (s.best)
		ld_error(ld, node, "unknown case parameter '$%s' (did you mean $%s?)",
			 name, s.best);
	else
		ld_error(ld, node, "unknown case parameter '$%s'", name);
	return false;
}

static const char *substitute(struct ld *ld, const struct ynode *node,
			      const char *text)
{
	GString *out = g_string_new(NULL);
	const char *p = text;
	bool ok = true;

	while (*p) {
		const char *start = p + 1;
		char *name;

		if (*p != '$' || !is_ident_start(*start)) {
			g_string_append_c(out, *p++);
			continue;
		}
		for (p = start; is_ident(*p); p++)
			;
		name = g_strndup(start, p - start);
		ok = substitute_one(ld, node, out, name) && ok;
		g_free(name);
	}
	if (!ok) {
		g_string_free(out, TRUE);
		return NULL;
	}
	g_ptr_array_add(ld->s->strings, out->str);
	return g_string_free(out, FALSE);
}

const char *ld_text(struct ld *ld, const struct ynode *node, const char *what)
{
	if (!yaml_expect_kind(node, YNODE_SCALAR, what, ld->d))
		return NULL;
	if (!strchr(node->scalar.text, '$'))
		return node->scalar.text;
	return substitute(ld, node, node->scalar.text);
}

struct expr *ld_expr_text(struct ld *ld, const char *text, struct src_pos pos,
			  bool regs_ok)
{
	struct expr_env env = names_env(&ld->names);
	struct expr *e;
	uint64_t v;

	e = expr_parse(text, pos, ld->d);
	if (!e)
		return NULL;
	g_ptr_array_add(ld->s->exprs, e);
	ld->names.regs_known = regs_ok;
	if (!expr_eval(e, &env, &v, ld->d))
		return NULL;
	return e;
}

struct expr *ld_expr(struct ld *ld, const struct ynode *node, bool regs_ok)
{
	const char *text = ld_text(ld, node, NULL);
	unsigned int before = diag_count(ld->d);
	struct expr *e;
	char *cut;

	if (!text)
		return NULL;
	if (!*text) {
		ld_error(ld, node, "expected a value, found an empty string");
		return NULL;
	}
	e = ld_expr_text(ld, text, yaml_scalar_text_pos(node), regs_ok);
	if (!e && (cut = yaml_flow_comma_hint(node))) {
		diag_amend(ld->d, before, cut);
		g_free(cut);
	}
	return e;
}

bool ld_known_value(struct ld *ld, const struct expr *e, uint64_t *v)
{
	struct expr_env env = names_env(&ld->names);
	struct diag quiet;
	bool known;

	diag_init(&quiet);
	ld->names.fixed = true;
	known = expr_eval(e, &env, v, &quiet);
	ld->names.fixed = false;
	diag_free(&quiet);
	return known;
}

struct expr *ld_expr_bits(struct ld *ld, const struct ynode *node,
			  unsigned int bits, const char *what)
{
	uint64_t max = bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
	struct expr *e = ld_expr(ld, node, false);
	uint64_t v;

	if (e && ld_known_value(ld, e, &v) && v > max) {
		ld_error(ld, node, "%#llx does not fit %s (%u bits): at most %#llx",
			 (unsigned long long)v, what, bits,
			 (unsigned long long)max);
		return NULL;
	}
	return e;
}

bool ld_value(struct ld *ld, const struct ynode *node, uint64_t *out)
{
	struct expr_env env = names_env(&ld->names);
	struct expr *e;
	bool ok;

	/* Read once, now: a capture would only read as its load-time 1. */
	ld->names.fixed = true;
	e = ld_expr(ld, node, false);
	ok = e && expr_eval(e, &env, out, ld->d);
	ld->names.fixed = false;
	return ok;
}

bool ld_value_max(struct ld *ld, const struct ynode *node, uint64_t max,
		  uint64_t *out)
{
	if (!ld_value(ld, node, out))
		return false;
	if (*out > max) {
		ld_error(ld, node, "%#llx is too large here: at most %#llx",
			 (unsigned long long)*out, (unsigned long long)max);
		return false;
	}
	return true;
}

bool ld_bool(struct ld *ld, const struct ynode *node, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on" };
	static const char *const no[] = { "no", "false", "off" };
	const char *text = ld_text(ld, node, NULL);
	unsigned int i;

	if (!text)
		return false;
	for (i = 0; i < G_N_ELEMENTS(yes); i++) {
		if (!g_ascii_strcasecmp(text, yes[i]) ||
		    !g_ascii_strcasecmp(text, no[i])) {
			*out = !g_ascii_strcasecmp(text, yes[i]);
			return true;
		}
	}
	ld_error(ld, node, "expected yes or no, found '%s'", text);
	return false;
}

bool ld_version(struct ld *ld, const struct ynode *node, uint32_t *out)
{
	const char *text = ld_text(ld, node, "version");
	unsigned int major, minor;
	uint64_t v;
	int used = 0;

	if (!text)
		return false;
	if (sscanf(text, "%u.%u%n", &major, &minor, &used) == 2 &&
	    !text[used] && g_ascii_isdigit(text[0])) {
		if (major > 0x7fff || minor > 0xffff) {
			ld_error(ld, node, "version %s is out of range", text);
			return false;
		}
		*out = FFA_MAKE_VERSION(major, minor);
		return true;
	}
	if (!ld_value(ld, node, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool ld_named(struct ld *ld, const struct ynode *node, const char **name)
{
	const struct scen_setup *setup = &ld->s->setup;
	const char *t = ld_text(ld, node, "name");
	const char *p;

	if (!t)
		return false;
	for (p = t; is_ident(*p); p++)
		;
	if (!is_ident_start(*t) || *p) {
		ld_error(ld, node, "'%s' is not a name: use letters, digits and _, and no digit first",
			 t);
		return false;
	}
	if (names_reserved(t) || names_region(setup, t) ||
	    names_partition(setup, t) >= 0 || !strcmp(t, "PAGE_SIZE") ||
	    !strcmp(t, "SPMC_ID")) {
		ld_error(ld, node, "the name '%s' is already taken", t);
		return false;
	}
	*name = ld_strdup(ld, t);
	return true;
}

static void suggest_partitions(struct ld *ld, const struct ynode *node,
			       const char *text)
{
	const struct scen_setup *setup = &ld->s->setup;
	struct diag_suggester s;
	unsigned int i;

	diag_suggester_init(&s, text);
	for (i = 0; i < setup->spmc.nr_partitions; i++)
		if (setup->parts[i].name)
			diag_suggester_add(&s, setup->parts[i].name);
	if (s.best)
		ld_error(ld, node, "unknown partition '%s' (did you mean %s?)",
			 text, s.best);
	else
		ld_error(ld, node, "unknown partition '%s'", text);
}

bool ld_partition(struct ld *ld, const struct ynode *node, unsigned int *idx)
{
	const struct scen_setup *setup = &ld->s->setup;
	const char *text = ld_text(ld, node, "partition");
	uint64_t id;
	int part;

	if (!text)
		return false;
	part = names_partition(setup, text);
	if (part >= 0) {
		*idx = (unsigned int)part;
		return true;
	}
	if (!g_ascii_isdigit(text[0])) {
		suggest_partitions(ld, node, text);
		return false;
	}
	if (!ld_value(ld, node, &id))
		return false;
	part = spmc_config_find(&setup->spmc, setup->spmc.nr_partitions, id);
	if (part >= 0) {
		*idx = (unsigned int)part;
		return true;
	}
	ld_error(ld, node, "no partition has ID %#llx", (unsigned long long)id);
	return false;
}

static bool ld_byte_list(struct ld *ld, const struct ynode *seq, uint8_t *out)
{
	unsigned int i;
	uint64_t v;

	for (i = 0; i < yaml_seq_count(seq); i++) {
		if (!ld_value(ld, yaml_seq_item(seq, i), &v))
			return false;
		if (v > 0xff) {
			ld_error(ld, yaml_seq_item(seq, i),
				 "a byte is 0..255, found %llu",
				 (unsigned long long)v);
			return false;
		}
		out[i] = (uint8_t)v;
	}
	return true;
}

bool ld_bytes(struct ld *ld, const struct ynode *map, uint8_t **bytes,
	      size_t *len)
{
	const struct ynode *text = yaml_map_get(map, "text");
	const struct ynode *list = yaml_map_get(map, "bytes");
	const char *t;

	if (!!text == !!list) {
		ld_error(ld, map, "give the data as either text: or bytes:");
		return false;
	}
	if (text) {
		t = ld_text(ld, text, "text");
		if (!t)
			return false;
		*len = strlen(t);
		*bytes = ld_alloc(ld, *len + 1);
		memcpy(*bytes, t, *len);
		return true;
	}
	if (!yaml_expect_kind(list, YNODE_SEQUENCE, "bytes", ld->d))
		return false;
	*len = yaml_seq_count(list);
	*bytes = ld_alloc(ld, *len + 1);
	return ld_byte_list(ld, list, *bytes);
}

static void unknown_choice(struct ld *ld, const struct ynode *node,
			   const char *what, const char *t,
			   const char *const *words, unsigned int nr)
{
	struct diag_suggester s;
	GString *all = g_string_new(NULL);
	unsigned int i, n = 0, shown = 0;

	diag_suggester_init(&s, t);
	for (i = 0; i < nr; i++) {
		if (words[i]) {
			diag_suggester_add(&s, words[i]);
			n++;
		}
	}
	for (i = 0; i < nr; i++) {
		if (!words[i])
			continue;
		shown++;
		g_string_append_printf(all, "%s%s", shown == 1 ? "" :
				       shown == n ? " or " : ", ", words[i]);
	}
	if (s.best)
		ld_error(ld, node, "unknown %s '%s' (did you mean %s?)", what, t,
			 s.best);
	else
		ld_error(ld, node, "unknown %s '%s': use %s", what, t, all->str);
	g_string_free(all, TRUE);
}

bool ld_choice(struct ld *ld, const struct ynode *node, const char *what,
	       const char *const *words, unsigned int nr, int *out)
{
	const char *t = ld_text(ld, node, what);
	unsigned int i;

	if (!t)
		return false;
	for (i = 0; i < nr; i++) {
		if (words[i] && !strcmp(t, words[i])) {
			*out = (int)i;
			return true;
		}
	}
	unknown_choice(ld, node, what, t, words, nr);
	return false;
}

bool ld_check_keys(struct ld *ld, const struct ynode *map,
		   const char *const *keys, size_t n)
{
	return yaml_map_check_keys(map, keys, n, ld->d);
}

static struct scenario *scenario_new(const char *file, unsigned int line)
{
	struct scenario *s = g_new0(struct scenario, 1);

	s->file = g_strdup(file);
	s->line = line;
	s->tags = g_ptr_array_new_with_free_func(g_free);
	s->steps = g_ptr_array_new();
	s->exprs = g_ptr_array_new_with_free_func((GDestroyNotify)expr_free);
	s->strings = g_ptr_array_new_with_free_func(g_free);
	s->blocks = g_ptr_array_new_with_free_func(g_free);
	s->capture_slots = g_ptr_array_new_with_free_func(g_free);
	return s;
}

void scenario_free(struct scenario *s)
{
	if (!s)
		return;
	g_free(s->id);
	g_free(s->file);
	g_free(s->description);
	g_ptr_array_unref(s->tags);
	g_ptr_array_unref(s->steps);
	g_ptr_array_unref(s->exprs);
	g_ptr_array_unref(s->strings);
	g_ptr_array_unref(s->blocks);
	g_ptr_array_unref(s->capture_slots);
	g_free(s);
}

static bool ld_tags(struct ld *ld, const struct ynode *tags)
{
	unsigned int i;
	const char *t;

	if (!yaml_expect_kind(tags, YNODE_SEQUENCE, "tags", ld->d))
		return false;
	for (i = 0; i < yaml_seq_count(tags); i++) {
		t = ld_text(ld, yaml_seq_item(tags, i), "a tag");
		if (!t)
			return false;
		g_ptr_array_add(ld->s->tags, g_strdup(t));
	}
	return true;
}

static const char *const top_keys[] = {
	"name", "description", "tags", "requires", "setup", "cases", "steps",
};

static bool ld_head(struct ld *ld, const struct ynode *doc, const char *label)
{
	const struct ynode *name = yaml_map_get(doc, "name");
	const struct ynode *desc = yaml_map_get(doc, "description");
	const char *text;

	if (!name || !desc || !yaml_map_get(doc, "steps")) {
		ld_error(ld, doc, "a scenario needs %s",
			 !name ? "a name" : !desc ? "a description" :
			 "steps");
		return false;
	}
	text = ld_text(ld, name, "name");
	if (!text)
		return false;
	if (!*text || strpbrk(text, "#[] \t\n")) {
		ld_error(ld, name, "a scenario name is one word without '#', '[' or ']'");
		return false;
	}
	ld->s->id = label ? g_strdup_printf("%s[%s]", text, label) :
			    g_strdup(text);
	text = ld_text(ld, desc, "description");
	if (!text)
		return false;
	ld->s->description = g_strdup(text);
	return !yaml_map_get(doc, "tags") ||
	       ld_tags(ld, yaml_map_get(doc, "tags"));
}

/*
 * Steps run many times: what their names mean for good is found once, and
 * the registers and captures they read get slots, read without a lookup.
 */
static void fix_names(struct ld *ld)
{
	struct expr *e;
	unsigned int i;

	for (i = 0; i < ld->s->exprs->len; i++) {
		e = g_ptr_array_index(ld->s->exprs, i);
		expr_fix_names(e, names_fixed, &ld->names);
		expr_bind_names(e, names_slot, &ld->names);
	}
}

static struct scenario *load_one(const struct ynode *doc, const char *file,
				 GHashTable *params, const char *label,
				 size_t page_size, struct diag *d)
{
	struct ld ld = {
		.d = d,
		.errors_at_start = diag_count(d),
		.params = params,
		.page_size = page_size,
	};

	ld.s = scenario_new(file, doc->pos.line);
	names_init(&ld.names, &ld.s->setup, page_size);
	ld.names.checking = true;
	ld.names.slot_names = ld.s->capture_slots;
	if (ld_check_keys(&ld, doc, top_keys, G_N_ELEMENTS(top_keys)) &&
	    ld_head(&ld, doc, label) &&
	    ld_setup(&ld, yaml_map_get(doc, "setup"),
		     yaml_map_get(doc, "requires")))
		ld_steps(&ld, yaml_map_get(doc, "steps"));
	if (!ld_failed(&ld))
		fix_names(&ld);
	names_free(&ld.names);
	if (ld_failed(&ld)) {
		scenario_free(ld.s);
		return NULL;
	}
	return ld.s;
}

/* A case's label: its `case:` value, else its first parameter. */
static char *case_label(const struct ynode *c)
{
	const struct ynode *label = yaml_map_get(c, "case");
	const struct ynode_pair *first = yaml_map_pair(c, 0);

	if (label)
		return g_strdup(yaml_scalar_text(label));
	return g_strdup_printf("%s=%s", yaml_scalar_text(first->key),
			       yaml_scalar_text(first->value));
}

/* check_case() has made sure every value is a scalar. */
static GHashTable *case_params(const struct ynode *c)
{
	GHashTable *params = g_hash_table_new(g_str_hash, g_str_equal);
	const struct ynode_pair *p;

	yaml_map_for_each(p, c)
		g_hash_table_insert(params, (char *)yaml_scalar_text(p->key),
				    (char *)yaml_scalar_text(p->value));
	return params;
}

static bool check_case(const struct ynode *c, GHashTable *labels,
		       struct diag *d)
{
	const struct ynode_pair *p;
	char *label;

	if (!yaml_expect_kind(c, YNODE_MAPPING, "a case", d))
		return false;
	if (!yaml_map_count(c)) {
		diag_error(d, c->pos, "a case needs at least one parameter");
		return false;
	}
	/* The label is made of these texts: a mapping has none. */
	yaml_map_for_each(p, c)
		if (!yaml_expect_kind(p->value, YNODE_SCALAR,
				      yaml_scalar_text(p->key), d))
			return false;
	/* { asked: version(1, 2) } has a parameter '2)': say why here. */
	yaml_map_for_each(p, c) {
		char *cut = yaml_flow_comma_hint(p->key);

		if (cut) {
			diag_error(d, p->key->pos,
				   "case parameter '%s' is not a name; %s",
				   yaml_scalar_text(p->key), cut);
			g_free(cut);
			return false;
		}
	}
	label = case_label(c);
	if (g_hash_table_contains(labels, label)) {
		diag_error(d, c->pos,
			   "two cases are labelled '%s': give each a distinct `case:` name",
			   label);
		g_free(label);
		return false;
	}
	g_hash_table_add(labels, label);
	return true;
}

/*
 * The whole table is checked before any case loads, so that a table with
 * a mistake in it runs none of its cases.
 */
static bool check_cases(const struct ynode *cases, struct diag *d)
{
	GHashTable *labels = g_hash_table_new_full(g_str_hash, g_str_equal,
						   g_free, NULL);
	bool ok = yaml_expect_kind(cases, YNODE_SEQUENCE, "cases", d);
	unsigned int i;

	if (ok && !yaml_seq_count(cases)) {
		diag_error(d, cases->pos, "cases: is empty");
		ok = false;
	}
	for (i = 0; i < yaml_seq_count(cases); i++)
		ok = check_case(yaml_seq_item(cases, i), labels, d) && ok;
	g_hash_table_destroy(labels);
	return ok;
}

static bool load_cases(const struct ynode *doc, const struct ynode *cases,
		       const char *file, size_t page_size, GPtrArray *out,
		       struct diag *d)
{
	bool ok = check_cases(cases, d);
	unsigned int i;

	for (i = 0; ok && i < yaml_seq_count(cases); i++) {
		const struct ynode *c = yaml_seq_item(cases, i);
		GHashTable *params = case_params(c);
		char *label = case_label(c);
		struct scenario *s;

		s = load_one(doc, file, params, label, page_size, d);
		g_free(label);
		g_hash_table_destroy(params);
		if (s)
			g_ptr_array_add(out, s);
		ok = s != NULL;
	}
	return ok;
}

/*
 * Every case loads its document again, so a table of a thousand rows
 * over steps made of aliases would multiply what the YAML reader bounded.
 * The bound is on the file as loaded, cases included.
 */
static bool within_bound(const struct yaml_tree *tree, struct diag *d)
{
	unsigned long total = 0, copies;
	unsigned int i;

	for (i = 0; i < tree->n_docs; i++) {
		const struct ynode *doc = tree->docs[i];
		const struct ynode *cases = doc->kind == YNODE_MAPPING ?
					    yaml_map_get(doc, "cases") : NULL;

		copies = yaml_seq_count(cases) ? yaml_seq_count(cases) : 1;
		total += yaml_node_weight(doc) * copies;
		if (total > YAML_TREE_MAX_EXPANDED) {
			diag_error(d, cases ? cases->pos : doc->pos,
				   "with its cases this file loads more than %lu nodes (each case loads the scenario again)",
				   YAML_TREE_MAX_EXPANDED);
			return false;
		}
	}
	return true;
}

static bool load_tree(const struct yaml_tree *tree, size_t page_size,
		      GPtrArray *out, struct diag *d)
{
	unsigned int i, before = diag_count(d);

	if (!within_bound(tree, d))
		return false;
	if (!tree->n_docs)
		diag_error(d, (struct src_pos){ tree->file, 0, 0 },
			   "no scenario in this file");
	for (i = 0; i < tree->n_docs; i++) {
		const struct ynode *doc = tree->docs[i];
		const struct ynode *cases;
		struct scenario *s;

		if (doc->kind != YNODE_MAPPING) {
			diag_error(d, doc->pos,
				   "expected a scenario (a mapping with name, description and steps), found a %s",
				   yaml_node_kind_name(doc->kind));
			continue;
		}
		cases = yaml_map_get(doc, "cases");
		if (cases) {
			load_cases(doc, cases, tree->file, page_size, out, d);
			continue;
		}
		s = load_one(doc, tree->file, NULL, NULL, page_size, d);
		if (s)
			g_ptr_array_add(out, s);
	}
	return diag_count(d) == before;
}

/* Both entry points: parse, load every document, free the tree. */
static bool load_parsed(struct yaml_tree *tree, size_t page_size,
			GPtrArray *out, struct diag *d)
{
	bool ok;

	if (!tree)
		return false;
	ok = load_tree(tree, page_size, out, d);
	yaml_tree_free(tree);
	return ok;
}

bool scenario_load_file(const char *path, size_t page_size, GPtrArray *out,
			struct diag *d)
{
	return load_parsed(yaml_tree_parse_file(path, d), page_size, out, d);
}

bool scenario_load_bytes(const char *name, const char *bytes, size_t len,
			 size_t page_size, GPtrArray *out, struct diag *d)
{
	return load_parsed(yaml_tree_parse_string(name, bytes, len, d),
			   page_size, out, d);
}

bool scenario_load_string(const char *name, const char *text,
			  size_t page_size, GPtrArray *out, struct diag *d)
{
	return load_parsed(yaml_tree_parse_string(name, text, (size_t)-1, d),
			   page_size, out, d);
}

bool scenario_load_file_report(const char *path, size_t page_size,
			       GPtrArray *out, FILE *err)
{
	struct diag d;
	bool ok;

	diag_init(&d);
	ok = scenario_load_file(path, page_size, out, &d);
	diag_print(&d, err);
	diag_free(&d);
	return ok;
}
