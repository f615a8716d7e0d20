// SPDX-License-Identifier: GPL-2.0-only
/*
 * share:, lend: and donate: steps: the memory transaction descriptor as
 * readable fields, each of which may be an expression so that a scenario
 * can make it malformed on purpose.
 */
#include <string.h>

#include "sim/lang/load_internal.h"

static const char *const receiver_keys[] = {
	"id", "access", "exec", "perms", "flags",
};

static bool ld_word(struct ld *ld, const struct ynode *n, const char *what,
		    const char *const *words, unsigned int nr, uint8_t *out)
{
	int i;

	if (!ld_choice(ld, n, what, words, nr, &i))
		return false;
	*out = (uint8_t)i;
	return true;
}

static bool ld_receiver(struct ld *ld, const struct ynode *map,
			struct mem_receiver_src *r)
{
	static const char *const access[] = { "unspecified", "ro", "rw" };
	static const char *const exec[] = { "unspecified", "nx", "x" };
	const struct ynode *n;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "a receiver", ld->d) ||
	    !ld_check_keys(ld, map, receiver_keys, G_N_ELEMENTS(receiver_keys)))
		return false;
	n = yaml_map_get(map, "id");
	if (!n) {
		ld_error(ld, map, "a receiver needs an id");
		return false;
	}
	r->id = ld_expr(ld, n, false);
	r->data = FFA_DATA_RW;
	if (!r->id)
		return false;
	if ((n = yaml_map_get(map, "access")) &&
	    !ld_word(ld, n, "access", access, 3, &r->data))
		return false;
	if ((n = yaml_map_get(map, "exec")) &&
	    !ld_word(ld, n, "exec", exec, 3, &r->instr))
		return false;
	if ((n = yaml_map_get(map, "perms")) &&
	    !(r->perms = ld_expr(ld, n, false)))
		return false;
	n = yaml_map_get(map, "flags");
	return !n || (r->flags = ld_expr(ld, n, false)) != NULL;
}

static const char *const range_keys[] = { "at", "pages", "ffa_pages" };

/*
 * Host pages become 4K FF-A pages in a 32-bit field: at 16K a count of
 * 2^62 would wrap to 0 pages, so the bound is the field's over the ratio.
 */
static struct expr *ld_host_pages(struct ld *ld, const struct ynode *n)
{
	uint64_t ratio = ld->page_size / FFA_PAGE_SIZE;
	struct expr *e = ld_expr(ld, n, false);
	uint64_t v;

	if (e && ld_known_value(ld, e, &v) && v > UINT32_MAX / ratio) {
		ld_error(ld, n, "%#llx pages of %zu KiB do not fit a range's 32-bit count of 4 KiB pages: at most %#llx",
			 (unsigned long long)v, ld->page_size >> 10,
			 (unsigned long long)(UINT32_MAX / ratio));
		return NULL;
	}
	return e;
}

/* `at: buf` takes all of buf's pages unless pages: says otherwise. */
static bool ld_range(struct ld *ld, const struct ynode *map,
		     struct mem_range_src *r)
{
	const struct scen_region *region;
	const struct ynode *at, *n;
	char *text;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "a range", ld->d) ||
	    !ld_check_keys(ld, map, range_keys, G_N_ELEMENTS(range_keys)))
		return false;
	at = yaml_map_get(map, "at");
	if (!at) {
		ld_error(ld, map, "a range needs at: (a page name or an address)");
		return false;
	}
	r->address = ld_expr(ld, at, false);
	if (!r->address)
		return false;
	if ((n = yaml_map_get(map, "ffa_pages")))
		return (r->ffa_pages = ld_expr_bits(ld, n, 32,
				"a range's page count")) != NULL;
	if ((n = yaml_map_get(map, "pages")))
		return (r->pages = ld_host_pages(ld, n)) != NULL;
	region = expr_as_name(r->address) ?
		 names_region(&ld->s->setup, expr_as_name(r->address)) : NULL;
	text = g_strdup_printf("%llu", region ?
			       (unsigned long long)region->pages : 1ULL);
	r->pages = ld_expr_text(ld, ld_strdup(ld, text), ld_pos(ld, at), false);
	g_free(text);
	return r->pages != NULL;
}

static bool ld_list(struct ld *ld, const struct ynode *seq, const char *what,
		    unsigned int max)
{
	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, what, ld->d))
		return false;
	if (!yaml_seq_count(seq) || yaml_seq_count(seq) > max) {
		ld_error(ld, seq, "%s: takes 1 to %u entries", what, max);
		return false;
	}
	return true;
}

bool ld_mem_receivers(struct ld *ld, const struct ynode *seq,
		      struct mem_send *m)
{
	unsigned int i;

	if (!ld_list(ld, seq, "to", DESC_MAX_RECEIVERS))
		return false;
	for (i = 0; i < yaml_seq_count(seq); i++)
		if (!ld_receiver(ld, yaml_seq_item(seq, i), &m->receivers[i]))
			return false;
	m->nr_receivers = i;
	return true;
}

bool ld_mem_ranges(struct ld *ld, const struct ynode *seq,
		   struct mem_send *m)
{
	unsigned int i;

	if (!ld_list(ld, seq, "ranges", DESC_MAX_RANGES))
		return false;
	/* As many as given: a step is loaded once per alias and per case. */
	m->ranges = ld_alloc(ld, yaml_seq_count(seq) * sizeof(*m->ranges));
	for (i = 0; i < yaml_seq_count(seq); i++)
		if (!ld_range(ld, yaml_seq_item(seq, i), &m->ranges[i]))
			return false;
	m->nr_ranges = i;
	return true;
}

/* The receivers and ranges every transaction names, both required. */
bool ld_mem_targets(struct ld *ld, const struct ynode *map, const char *action,
		    struct mem_send *m)
{
	const struct ynode *to = yaml_map_get(map, "to");
	const struct ynode *ranges = yaml_map_get(map, "ranges");

	if (!to || !ranges) {
		ld_error(ld, map, "%s needs to: (receivers) and ranges:", action);
		return false;
	}
	return ld_mem_receivers(ld, to, m) && ld_mem_ranges(ld, ranges, m);
}

static bool ld_overrides(struct ld *ld, const struct ynode *map,
			 struct mem_send *m)
{
	const struct ynode_pair *pair;
	const char *names[DESC_F_NR_FIELDS];
	const char *best;
	int f;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "override", ld->d))
		return false;
	for (f = 0; f < DESC_F_NR_FIELDS; f++)
		names[f] = desc_field_name(f);
	yaml_map_for_each(pair, map) {
		const char *key = ld_text(ld, pair->key, "a key");

		if (!key)
			return false;
		f = desc_field_lookup(key);
		if (f < 0) {
			best = diag_suggest(key, names, DESC_F_NR_FIELDS);
			ld_error(ld, pair->key, best ?
				 "unknown descriptor field '%s' (did you mean %s?)" :
				 "unknown descriptor field '%s'%s", key,
				 best ? best : "");
			return false;
		}
		m->override[f] = ld_expr_bits(ld, pair->value, 32,
					      "a descriptor field");
		if (!m->override[f])
			return false;
	}
	return true;
}

static const char *const poke_keys[] = { "offset", "size", "value" };

static bool ld_pokes(struct ld *ld, const struct ynode *seq,
		     struct mem_send *m)
{
	unsigned int i;
	uint64_t size;

	if (!ld_list(ld, seq, "poke", DESC_MAX_POKES))
		return false;
	for (i = 0; i < yaml_seq_count(seq); i++) {
		const struct ynode *p = yaml_seq_item(seq, i);

		if (!yaml_expect_kind(p, YNODE_MAPPING, "a poke", ld->d) ||
		    !ld_check_keys(ld, p, poke_keys, G_N_ELEMENTS(poke_keys)))
			return false;
		if (!yaml_map_get(p, "offset") || !yaml_map_get(p, "size") ||
		    !yaml_map_get(p, "value")) {
			ld_error(ld, p, "a poke needs offset, size and value");
			return false;
		}
		if (!ld_value(ld, yaml_map_get(p, "size"), &size))
			return false;
		if (size != 1 && size != 2 && size != 4 && size != 8) {
			ld_error(ld, yaml_map_get(p, "size"),
				 "a poke writes 1, 2, 4 or 8 bytes");
			return false;
		}
		m->poke_size[i] = (uint8_t)size;
		m->poke_offset[i] = ld_expr_bits(ld, yaml_map_get(p, "offset"),
						 32, "a poke's offset");
		m->poke_value[i] = ld_expr_bits(ld, yaml_map_get(p, "value"),
						8 * size, "the poke's size");
		if (!m->poke_offset[i] || !m->poke_value[i])
			return false;
	}
	m->nr_pokes = i;
	return true;
}

static bool ld_layout_abi(struct ld *ld, const struct ynode *map,
			  struct mem_send *m)
{
	static const char *const abis[] = { "smc64", "smc32" };
	const struct ynode *n;
	uint8_t abi = 0;

	n = yaml_map_get(map, "layout");
	if (n) {
		if (!ld_version(ld, n, &m->layout))
			return false;
		if (m->layout != FFA_VERSION_1_0 &&
		    m->layout != FFA_VERSION_1_1 &&
		    m->layout != FFA_VERSION_1_2) {
			ld_error(ld, n, "layout is 1.0, 1.1 or 1.2");
			return false;
		}
	}
	n = yaml_map_get(map, "abi");
	if (n && !ld_word(ld, n, "abi", abis, 2, &abi))
		return false;
	m->smc32 = abi == 1;
	return true;
}

static const char *const mem_keys[] = {
	"layout", "abi", "sender", "attributes", "flags", "tag", "handle",
	"to", "ranges", "override", "poke", "fragment",
};

static struct expr **scalar_field(struct mem_send *m, const char *key)
{
	if (!strcmp(key, "sender"))
		return &m->sender;
	if (!strcmp(key, "attributes"))
		return &m->attrs;
	if (!strcmp(key, "flags"))
		return &m->flags;
	if (!strcmp(key, "tag"))
		return &m->tag;
	if (!strcmp(key, "handle"))
		return &m->handle;
	if (!strcmp(key, "fragment"))
		return &m->fragment;
	return NULL;
}

bool ld_mem_send(struct ld *ld, const char *action, const struct ynode *map,
		 struct step *st)
{
	struct mem_send *m = ld_alloc(ld, sizeof(*m));
	const struct ynode_pair *pair;
	const struct ynode *n;

	st->mem = m;
	st->title = ld_strdup(ld, action);
	m->op = !strcmp(action, "share") ? FFA_MTD_TYPE_SHARE :
		!strcmp(action, "lend") ? FFA_MTD_TYPE_LEND : FFA_MTD_TYPE_DONATE;
	if (!yaml_expect_kind(map, YNODE_MAPPING, action, ld->d) ||
	    !ld_check_keys(ld, map, mem_keys, G_N_ELEMENTS(mem_keys)) ||
	    !ld_layout_abi(ld, map, m))
		return false;
	yaml_map_for_each(pair, map) {
		struct expr **field = scalar_field(m, yaml_scalar_text(pair->key));

		if (field && !(*field = ld_expr(ld, pair->value, false)))
			return false;
	}
	if (!ld_mem_targets(ld, map, action, m))
		return false;
	if ((n = yaml_map_get(map, "override")) && !ld_overrides(ld, n, m))
		return false;
	return !(n = yaml_map_get(map, "poke")) || ld_pokes(ld, n, m);
}
