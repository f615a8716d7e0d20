// SPDX-License-Identifier: GPL-2.0-only
/*
 * then: - the state a step must leave behind - and stuck:.  A `then` key
 * names its subject in words ("page buf", "spmc handles", "message to
 * sp1"); the value says what must hold of it.
 */
#include <string.h>

#include "sim/lang/load_internal.h"

/* Text inside a key starts at the key's column plus its offset. */
static struct src_pos key_pos(struct ld *ld, const struct ynode *key,
			      const char *key_text, const char *part)
{
	struct src_pos pos = yaml_scalar_text_pos(key);

	pos.file = ld->s->file;
	pos.col += (unsigned int)(part - key_text);
	return pos;
}

static struct expr *ld_key_expr(struct ld *ld, const struct ynode *key,
				const char *key_text, const char *part)
{
	return ld_expr_text(ld, ld_strdup(ld, part),
			    key_pos(ld, key, key_text, part), false);
}

static bool ld_page_word(struct ld *ld, const struct ynode *n, int *word)
{
	return ld_choice(ld, n, "page state", scen_page_words, PW_NR_WORDS, word);
}

static const char *const page_keys[] = { "state", "pins" };

static bool ld_page_state(struct ld *ld, const struct ynode *n,
			  struct then_check *c)
{
	c->word = -1;
	if (n->kind == YNODE_SCALAR)
		return ld_page_word(ld, n, &c->word);
	if (!yaml_expect_kind(n, YNODE_MAPPING, "a page state", ld->d) ||
	    !ld_check_keys(ld, n, page_keys, G_N_ELEMENTS(page_keys)))
		return false;
	if (yaml_map_get(n, "state") &&
	    !ld_page_word(ld, yaml_map_get(n, "state"), &c->word))
		return false;
	if (yaml_map_get(n, "pins") &&
	    !(c->pins = ld_expr(ld, yaml_map_get(n, "pins"), false)))
		return false;
	return true;
}

/* "buf" (all its pages) or "A..B" (page addresses, inclusive). */
static bool ld_page_span(struct ld *ld, const struct ynode *key,
			 const char *text, const char *span,
			 struct expr **first, struct expr **last)
{
	const struct scen_region *r = names_region(&ld->s->setup, span);
	const char *dots = strstr(span, "..");
	char *head;

	if (r) {
		*first = ld_key_expr(ld, key, text, span);
		head = g_strdup_printf("page(%s, %llu)", r->name,
				       (unsigned long long)r->pages - 1);
		*last = ld_expr_text(ld, ld_strdup(ld, head),
				     key_pos(ld, key, text, span), false);
		g_free(head);
		return *first && *last;
	}
	if (!dots) {
		ld_error(ld, key, "'%s' is not a named page: write pages NAME or pages A..B",
			 span);
		return false;
	}
	/* A copy ends the first address; the position is still span's. */
	head = ld_strdup(ld, span);
	head[dots - span] = '\0';
	*first = ld_expr_text(ld, head, key_pos(ld, key, text, span), false);
	*last = *first ? ld_key_expr(ld, key, text, dots + 2) : NULL;
	return *first && *last;
}

static bool ld_expr_list(struct ld *ld, const struct ynode *seq,
			 const char *what, struct expr ***items,
			 unsigned int *nr)
{
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, what, ld->d))
		return false;
	*items = ld_alloc(ld, (yaml_seq_count(seq) + 1) * sizeof(**items));
	for (i = 0; i < yaml_seq_count(seq); i++) {
		(*items)[i] = ld_expr(ld, yaml_seq_item(seq, i), false);
		if (!(*items)[i])
			return false;
	}
	*nr = i;
	return true;
}

static bool ld_mem_op_word(struct ld *ld, const struct ynode *n, int *op)
{
	static const char *const words[] = {
		[SPMC_MEM_SHARE] = "share",
		[SPMC_MEM_LEND] = "lend",
		[SPMC_MEM_DONATE] = "donate",
	};

	return ld_choice(ld, n, "op", words, G_N_ELEMENTS(words), op);
}

static bool ld_tristate(struct ld *ld, const struct ynode *n, int *out)
{
	bool b;

	if (!n)
		return true;
	if (!ld_bool(ld, n, &b))
		return false;
	*out = b;
	return true;
}

static const char *const handle_keys[] = {
	"op", "complete", "receivers", "retrieved_by", "tag", "attributes",
};

static bool ld_handle_check(struct ld *ld, const struct ynode *n,
			    struct then_check *c)
{
	const struct ynode *v;

	if (!yaml_expect_kind(n, YNODE_MAPPING, "a handle's state", ld->d) ||
	    !ld_check_keys(ld, n, handle_keys, G_N_ELEMENTS(handle_keys)))
		return false;
	if ((v = yaml_map_get(n, "op")) && !ld_mem_op_word(ld, v, &c->op))
		return false;
	if (!ld_tristate(ld, yaml_map_get(n, "complete"), &c->complete))
		return false;
	if ((v = yaml_map_get(n, "tag")) && !(c->tag = ld_expr(ld, v, false)))
		return false;
	if ((v = yaml_map_get(n, "attributes")) &&
	    !(c->attrs = ld_expr(ld, v, false)))
		return false;
	if ((v = yaml_map_get(n, "receivers"))) {
		c->has_receivers = true;
		if (!ld_expr_list(ld, v, "receivers", &c->items, &c->nr_items))
			return false;
	}
	if ((v = yaml_map_get(n, "retrieved_by"))) {
		c->has_retrieved = true;
		return ld_expr_list(ld, v, "retrieved_by", &c->retrieved,
				    &c->nr_retrieved);
	}
	return true;
}

static bool ld_message_check(struct ld *ld, const struct ynode *n,
			     struct then_check *c)
{
	const struct ynode_pair *pair;

	if (!yaml_expect_kind(n, YNODE_MAPPING, "a message check", ld->d))
		return false;
	yaml_map_for_each(pair, n) {
		const char *key = yaml_scalar_text(pair->key);
		int first, last;
		bool low32, ok;

		if (!strcmp(key, "seen"))
			ok = ld_tristate(ld, pair->value, &c->seen);
		else if (!strcmp(key, "count"))
			ok = (c->count = ld_expr(ld, pair->value, false)) != NULL;
		else if (!strcmp(key, "text") || !strcmp(key, "bytes"))
			/* the payload of the last indirect message */
			ok = ld_bytes(ld, n, &c->bytes, &c->nr_bytes);
		else if (ld_reg_key(key, &first, &last, &low32))
			ok = first == last ?
			     ld_reg_expect(ld, pair->value, &c->regs[first], low32) :
			     false;
		else {
			ld_error(ld, pair->key,
				 "unknown key '%s' in a message check: use seen, count, x0..x17, w0..w17, text or bytes",
				 key);
			return false;
		}
		if (!ok) {
			if (!ld_failed(ld))
				ld_error(ld, pair->key, "give one register per key here");
			return false;
		}
	}
	return true;
}

static const char *const rx_keys[] = { "mapped", "pages" };

static bool ld_rx_check(struct ld *ld, const struct ynode *n,
			struct then_check *c)
{
	if (!yaml_expect_kind(n, YNODE_MAPPING, "spmc rx", ld->d) ||
	    !ld_check_keys(ld, n, rx_keys, G_N_ELEMENTS(rx_keys)) ||
	    !ld_tristate(ld, yaml_map_get(n, "mapped"), &c->mapped))
		return false;
	return !yaml_map_get(n, "pages") ||
	       (c->value = ld_expr(ld, yaml_map_get(n, "pages"), false));
}

static bool ld_memory_check(struct ld *ld, const struct ynode *n,
			    struct then_check *c)
{
	if (n->kind == YNODE_SCALAR) {
		const char *t = ld_text(ld, n, "memory");

		if (!t)
			return false;
		c->nr_bytes = strlen(t);
		c->bytes = ld_alloc(ld, c->nr_bytes + 1);
		memcpy(c->bytes, t, c->nr_bytes);
		return true;
	}
	if (!yaml_expect_kind(n, YNODE_MAPPING, "memory", ld->d))
		return false;
	return ld_bytes(ld, n, &c->bytes, &c->nr_bytes);
}

static bool ld_then_subject(struct ld *ld, const struct ynode *key,
			    const struct ynode *value, struct then_check *c)
{
	const char *t = c->subject;
	const struct scen_region *r;
	unsigned int idx;

	if (g_str_has_prefix(t, "page ")) {
		c->kind = THEN_PAGES;
		c->first = c->last = ld_key_expr(ld, key, t, t + 5);
		return c->first && ld_page_state(ld, value, c);
	}
	if (g_str_has_prefix(t, "pages ")) {
		c->kind = THEN_PAGES;
		return ld_page_span(ld, key, t, t + 6, &c->first, &c->last) &&
		       ld_page_state(ld, value, c);
	}
	if (!strcmp(t, "spmc handles")) {
		c->kind = THEN_HANDLES;
		return ld_expr_list(ld, value, "spmc handles", &c->items,
				    &c->nr_items);
	}
	if (!strcmp(t, "spmc rx")) {
		c->kind = THEN_RX;
		return ld_rx_check(ld, value, c);
	}
	if (!strcmp(t, "spmc version")) {
		c->kind = THEN_VERSION;
		return ld_version(ld, value, &c->version);
	}
	if (g_str_has_prefix(t, "handle ")) {
		c->kind = THEN_HANDLE;
		c->handle = ld_key_expr(ld, key, t, t + 7);
		return c->handle && ld_handle_check(ld, value, c);
	}
	if (g_str_has_prefix(t, "message to ")) {
		struct ynode name = *key;

		c->kind = THEN_MESSAGE;
		name.scalar.text = (char *)t + 11;
		name.pos = key_pos(ld, key, t, t + 11);
		name.scalar.style = YSCALAR_PLAIN;
		if (!ld_partition(ld, &name, &idx))
			return false;
		c->part_id = ld->s->setup.spmc.partitions[idx].id;
		return ld_message_check(ld, value, c);
	}
	if (g_str_has_prefix(t, "memory ")) {
		c->kind = THEN_MEMORY;
		c->addr = ld_key_expr(ld, key, t, t + 7);
		return c->addr && ld_memory_check(ld, value, c);
	}
	/* A bare page name is the likeliest slip: say how to write it. */
	r = names_region(&ld->s->setup, t);
	if (r)
		ld_error(ld, key, "unknown subject '%s' (did you mean %s %s?)",
			 t, r->pages > 1 ? "pages" : "page", t);
	else
		ld_error(ld, key, "unknown subject '%s': use page, pages, spmc handles, spmc rx, spmc version, handle, message to or memory",
			 t);
	return false;
}

bool ld_thens(struct ld *ld, struct step *st, const struct ynode *map)
{
	const struct ynode_pair *pair;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "then", ld->d))
		return false;
	st->thens = ld_alloc(ld, yaml_map_count(map) * sizeof(*st->thens));
	yaml_map_for_each(pair, map) {
		struct then_check *c = ld_alloc(ld, sizeof(*c));
		const char *t = ld_text(ld, pair->key, "a subject");

		if (!t)
			return false;
		c->subject = ld_strdup(ld, t);
		c->pos = ld_pos(ld, pair->key);
		c->op = c->complete = c->seen = c->mapped = -1;
		if (!ld_then_subject(ld, pair->key, pair->value, c))
			return false;
		st->thens[st->nr_thens++] = c;
	}
	return true;
}

static const char *const stuck_keys[] = { "pages", "reason" };

bool ld_stuck(struct ld *ld, struct step *st, const struct ynode *map)
{
	const struct ynode *pages, *reason;
	const char *t, *r;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "stuck", ld->d) ||
	    !ld_check_keys(ld, map, stuck_keys, G_N_ELEMENTS(stuck_keys)))
		return false;
	pages = yaml_map_get(map, "pages");
	reason = yaml_map_get(map, "reason");
	if (!pages || !reason) {
		ld_error(ld, map, "stuck: needs pages: and a reason:");
		return false;
	}
	t = ld_text(ld, pages, "pages");
	r = ld_text(ld, reason, "reason");
	if (!t || !r)
		return false;
	st->stuck_reason = ld_strdup(ld, r);
	return ld_page_span(ld, pages, t, t, &st->stuck_first,
			    &st->stuck_last);
}
