// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup: and requires: of a scenario - the machine, the SPMC and its
 * partitions, named pages - turned into a struct scen_setup.
 */
#include <string.h>

#include "proxy/hyp/hyp.h"
#include <generated/sim_variant.h>
#include "sim/lang/load_internal.h"

/* TF-A's variants place DRAM lower (hw/physmem.h). */
#if SIM_SPMC_TFA
#define DEFAULT_DRAM_BASE	PHYSMEM_DRAM_BASE_TFA
#else
#define DEFAULT_DRAM_BASE	PHYSMEM_DRAM_BASE
#endif

static bool ld_uuid(struct ld *ld, const struct ynode *node, uint8_t *uuid)
{
	const char *t = ld_text(ld, node, "uuid");
	unsigned int i = 0;
	const char *p;

	if (!t)
		return false;
	for (p = t; *p && i < 32; p++) {
		if (*p == '-')
			continue;
		if (!g_ascii_isxdigit(*p))
			break;
		if (i % 2 == 0)
			uuid[i / 2] = 0;
		uuid[i / 2] |= g_ascii_xdigit_value(*p) << (i % 2 ? 0 : 4);
		i++;
	}
	if (i != 32 || *p) {
		ld_error(ld, node, "expected a UUID like 12345678-9abc-def0-1234-56789abcdef0");
		return false;
	}
	return true;
}

static const struct {
	const char *word;
	uint32_t bit;
} prop_words[] = {
	{ "direct-req-recv", FFA_PROP_DIRECT_REQ_RECV },
	{ "direct-req-send", FFA_PROP_DIRECT_REQ_SEND },
	{ "indirect", FFA_PROP_INDIRECT_MSG },
	{ "notifications", FFA_PROP_NOTIFICATIONS },
	{ "aarch64", FFA_PROP_AARCH64 },
	{ "direct-req2-recv", FFA_PROP_DIRECT_REQ2_RECV },
	{ "direct-req2-send", FFA_PROP_DIRECT_REQ2_SEND },
};

static bool ld_prop_word(struct ld *ld, const struct ynode *node,
			 uint32_t *props)
{
	const char *words[G_N_ELEMENTS(prop_words)];
	unsigned int i;
	int hit;

	for (i = 0; i < G_N_ELEMENTS(prop_words); i++)
		words[i] = prop_words[i].word;
	if (!ld_choice(ld, node, "property", words, G_N_ELEMENTS(words), &hit))
		return false;
	*props |= prop_words[hit].bit;
	return true;
}

static bool ld_props(struct ld *ld, const struct ynode *node, uint32_t *props)
{
	unsigned int i;
	uint64_t v;

	*props = 0;
	if (node->kind == YNODE_SCALAR) {
		if (!ld_value_max(ld, node, UINT32_MAX, &v))
			return false;
		*props = (uint32_t)v;
		return true;
	}
	if (!yaml_expect_kind(node, YNODE_SEQUENCE, "properties", ld->d))
		return false;
	for (i = 0; i < yaml_seq_count(node); i++)
		if (!ld_prop_word(ld, yaml_seq_item(node, i), props))
			return false;
	return true;
}

static bool ld_direct(struct ld *ld, const struct ynode *node,
		      struct spmc_partition_cfg *p)
{
	const char *t = ld_text(ld, node, "direct");
	int32_t err;

	if (!t)
		return false;
	if (!strcmp(t, "echo")) {
		p->behaviour = SPMC_DIRECT_ECHO;
	} else if (!strcmp(t, "busy")) {
		p->behaviour = SPMC_DIRECT_BUSY;
	} else if (!strcmp(t, "fixed")) {
		p->behaviour = SPMC_DIRECT_FIXED;
	} else if (!strncmp(t, "error ", 6) && ffa_error_lookup(t + 6, &err)) {
		p->behaviour = SPMC_DIRECT_ERROR;
		p->error = err;
	} else {
		ld_error(ld, node,
			 "expected echo, busy, fixed or error NAME, found '%s'", t);
		return false;
	}
	return true;
}

/* response: { x3: 1, x4..x7: [..] } for a `direct: fixed` partition. */
static bool ld_fixed_response(struct ld *ld, const struct ynode *map,
			      struct spmc_partition_cfg *p)
{
	const struct ynode_pair *pair;
	int first, last, r;
	bool low32;
	uint64_t v;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "response", ld->d))
		return false;
	yaml_map_for_each(pair, map) {
		const char *key = yaml_scalar_text(pair->key);

		if (!ld_reg_key(key, &first, &last, &low32) || low32 ||
		    first < 3) {
			ld_error(ld, pair->key, "expected x3..x17, found '%s'", key);
			return false;
		}
		for (r = first; r <= last; r++) {
			const struct ynode *item = first == last ? pair->value :
				yaml_seq_item(pair->value, r - first);

			if (!item) {
				ld_error(ld, pair->value,
					 "%s needs %d values", key, last - first + 1);
				return false;
			}
			if (!ld_value(ld, item, &v))
				return false;
			p->fixed_resp[r] = v;
		}
	}
	return true;
}

static void default_uuid(uint8_t *uuid, uint16_t id)
{
	static const uint8_t base[16] = {
		0xff, 0xa5, 0x1a, 0x00, 0x00, 0x00, 0x40, 0x00,
		0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
	};

	memcpy(uuid, base, 16);
	uuid[14] = id >> 8;
	uuid[15] = id & 0xff;
}

static const char *const part_keys[] = {
	"name", "id", "uuid", "properties", "contexts", "direct", "response",
};

static bool ld_partition_cfg(struct ld *ld, const struct ynode *map,
			     unsigned int idx)
{
	struct scen_setup *setup = &ld->s->setup;
	struct spmc_partition_cfg *p = &setup->spmc.partitions[idx];
	const struct ynode *n;
	uint64_t v;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "a partition", ld->d) ||
	    !ld_check_keys(ld, map, part_keys, G_N_ELEMENTS(part_keys)))
		return false;
	n = yaml_map_get(map, "id");
	if (!n) {
		ld_error(ld, map, "a partition needs an id");
		return false;
	}
	if (!ld_value(ld, n, &v))
		return false;
	if (!spmc_partition_id_valid(v)) {
		ld_error(ld, n, "a partition ID is 16 bits with bit 15 set (secure)");
		return false;
	}
	if (spmc_config_find(&setup->spmc, idx, v) >= 0) {
		ld_error(ld, n, "two partitions have ID %#llx",
			 (unsigned long long)v);
		return false;
	}
	p->id = (uint16_t)v;
	p->exec_ctx_count = 1;
	p->behaviour = SPMC_DIRECT_ECHO;
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64;
	if (setup->spmc.version >= FFA_VERSION_1_2)
		p->properties |= FFA_PROP_DIRECT_REQ2_RECV;
	default_uuid(p->uuid, p->id);
	setup->parts[idx].pos = ld_pos(ld, map);
	if ((n = yaml_map_get(map, "name")) &&
	    !ld_named(ld, n, (const char **)&setup->parts[idx].name))
		return false;
	if ((n = yaml_map_get(map, "uuid")) && !ld_uuid(ld, n, p->uuid))
		return false;
	if ((n = yaml_map_get(map, "properties")) &&
	    !ld_props(ld, n, &p->properties))
		return false;
	if ((n = yaml_map_get(map, "contexts"))) {
		if (!ld_value_max(ld, n, UINT16_MAX, &v))
			return false;
		p->exec_ctx_count = (uint16_t)v;
	}
	if ((n = yaml_map_get(map, "direct")) && !ld_direct(ld, n, p))
		return false;
	/* Only `direct: fixed` answers with it; a case table may vary that. */
	n = yaml_map_get(map, "response");
	return !n || ld_fixed_response(ld, n, p);
}

static bool ld_partitions(struct ld *ld, const struct ynode *seq)
{
	struct spmc_config *cfg = &ld->s->setup.spmc;
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "partitions", ld->d))
		return false;
	if (yaml_seq_count(seq) > SPMC_MAX_PARTITIONS) {
		ld_error(ld, seq, "at most %d partitions", SPMC_MAX_PARTITIONS);
		return false;
	}
	for (i = 0; i < yaml_seq_count(seq); i++) {
		cfg->nr_partitions = i + 1;
		if (!ld_partition_cfg(ld, yaml_seq_item(seq, i), i))
			return false;
	}
	return true;
}

static bool ld_spmc_version(struct ld *ld, const struct ynode *n,
			    struct spmc_config *cfg)
{
	if (yaml_scalar_is(n, "none")) {
		cfg->no_ffa = true;
		return true;
	}
	if (!ld_version(ld, n, &cfg->version))
		return false;
	if (cfg->version != FFA_VERSION_1_0 && cfg->version != FFA_VERSION_1_1 &&
	    cfg->version != FFA_VERSION_1_2) {
		ld_error(ld, n, "the mock SPMC implements FF-A 1.0, 1.1 or 1.2, or none");
		return false;
	}
	return true;
}

static bool ld_rxtx_min(struct ld *ld, const struct ynode *n, uint8_t *code)
{
	uint64_t v;

	if (!ld_value(ld, n, &v))
		return false;
	switch (v) {
	case 4096:
		*code = FFA_RXTX_MIN_4K;
		return true;
	case 16384:
		*code = FFA_RXTX_MIN_16K;
		return true;
	case 65536:
		*code = FFA_RXTX_MIN_64K;
		return true;
	}
	ld_error(ld, n, "rxtx_min is 4K, 16K or 64K");
	return false;
}

static bool ld_policy(struct ld *ld, const struct ynode *n,
		      enum spmc_version_policy *policy)
{
	int i;

	if (!ld_choice(ld, n, "after_negotiation", scen_policy_words,
		       SCEN_NR_POLICY_WORDS, &i))
		return false;
	*policy = (enum spmc_version_policy)i;
	return true;
}

static const char *const spmc_keys[] = {
	"version", "id", "rxtx_min", "rxtx_max_pages", "retrieve_fragment",
	"after_negotiation", "version_first", "any_sender", "partitions",
	"schedule_receiver_interrupt",
};

static bool ld_spmc(struct ld *ld, const struct ynode *map)
{
	struct spmc_config *cfg = &ld->s->setup.spmc;
	const struct ynode *n;
	uint64_t v;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "spmc", ld->d) ||
	    !ld_check_keys(ld, map, spmc_keys, G_N_ELEMENTS(spmc_keys)))
		return false;
	if ((n = yaml_map_get(map, "version")) && !ld_spmc_version(ld, n, cfg))
		return false;
	if ((n = yaml_map_get(map, "id"))) {
		if (!ld_value_max(ld, n, UINT16_MAX, &v))
			return false;
		if (!(v & FFA_ID_SECURE)) {
			ld_error(ld, n, "the SPMC's ID has bit 15 set (secure)");
			return false;
		}
		cfg->spmc_id = (uint16_t)v;
	}
	if ((n = yaml_map_get(map, "rxtx_min")) &&
	    !ld_rxtx_min(ld, n, &cfg->rxtx_min_code))
		return false;
	if ((n = yaml_map_get(map, "rxtx_max_pages"))) {
		if (!ld_value_max(ld, n, UINT16_MAX, &v))
			return false;
		cfg->rxtx_max_pages = (uint16_t)v;
	}
	if ((n = yaml_map_get(map, "retrieve_fragment"))) {
		if (!ld_value_max(ld, n, UINT32_MAX, &v))
			return false;
		cfg->retrieve_frag_size = (uint32_t)v;
	}
	if ((n = yaml_map_get(map, "after_negotiation")) &&
	    !ld_policy(ld, n, &cfg->version_policy))
		return false;
	if ((n = yaml_map_get(map, "version_first")) &&
	    !ld_bool(ld, n, &cfg->require_version_first))
		return false;
	if ((n = yaml_map_get(map, "any_sender")) &&
	    !ld_bool(ld, n, &cfg->any_nwd_sender))
		return false;
	if ((n = yaml_map_get(map, "schedule_receiver_interrupt"))) {
		if (!ld_value_max(ld, n, 15, &v))
			return false;
		if (!v) {
			ld_error(ld, n, "the schedule-receiver interrupt is an SGI donated to the normal world, 1 to 15 (leave the key out for none)");
			return false;
		}
		cfg->sri_intid = (uint8_t)v;
	}
	n = yaml_map_get(map, "partitions");
	return !n || ld_partitions(ld, n);
}

static bool ld_page_multiple(struct ld *ld, const struct ynode *n,
			     uint64_t *v, const char *what)
{
	if (!ld_value(ld, n, v))
		return false;
	if (!*v || *v % ld->page_size) {
		ld_error(ld, n, "%s must be a non-zero multiple of the page size (%zuK)",
			 what, ld->page_size / 1024);
		return false;
	}
	return true;
}

/* DRAM may start at 0, as it does on some boards. */
static bool ld_dram_base(struct ld *ld, const struct ynode *n, uint64_t *v)
{
	if (!ld_value(ld, n, v))
		return false;
	if (*v % ld->page_size) {
		ld_error(ld, n, "dram_base must be a multiple of the page size (%zuK)",
			 ld->page_size / 1024);
		return false;
	}
	return true;
}

/*
 * The hyp model keeps the state of every page of DRAM, set up before the
 * first step: a terabyte would be 2^28 entries.
 */
static bool ld_dram_size(struct ld *ld, const struct ynode *n, uint64_t *v)
{
	if (!ld_page_multiple(ld, n, v, "dram_size"))
		return false;
	if (*v / ld->page_size > SCEN_MAX_DRAM_PAGES) {
		ld_error(ld, n, "dram_size is at most %u pages (%lluM at %zuK pages): ffa-sim keeps the state of every page",
			 SCEN_MAX_DRAM_PAGES,
			 (unsigned long long)SCEN_MAX_DRAM_PAGES *
			 ld->page_size >> 20, ld->page_size / 1024);
		return false;
	}
	return true;
}

static const char *const mmio_keys[] = { "name", "base", "size" };

static bool ld_mmio(struct ld *ld, const struct ynode *map)
{
	struct scen_setup *setup = &ld->s->setup;
	struct scen_region *r;
	uint64_t base, size;
	const char *name;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "an MMIO window", ld->d) ||
	    !ld_check_keys(ld, map, mmio_keys, G_N_ELEMENTS(mmio_keys)))
		return false;
	if (!yaml_map_get(map, "name") || !yaml_map_get(map, "base") ||
	    !yaml_map_get(map, "size")) {
		ld_error(ld, map, "an MMIO window needs name, base and size");
		return false;
	}
	if (setup->nr_regions == SCEN_MAX_REGIONS ||
	    ld->nr_mmio == SCEN_MAX_MMIO) {
		ld_error(ld, map, "at most %d named regions, %d of them MMIO",
			 SCEN_MAX_REGIONS, SCEN_MAX_MMIO);
		return false;
	}
	ld->nr_mmio++;
	if (!ld_named(ld, yaml_map_get(map, "name"), &name) ||
	    !ld_page_multiple(ld, yaml_map_get(map, "base"), &base, "base") ||
	    !ld_page_multiple(ld, yaml_map_get(map, "size"), &size, "size"))
		return false;
	r = &setup->regions[setup->nr_regions++];
	r->name = (char *)name;
	r->pa = base;
	r->pages = size / ld->page_size;
	r->owner = -1;
	r->mmio = true;
	return true;
}

static const char *const memory_keys[] = { "dram_base", "dram_size", "mmio" };

static bool ld_memory(struct ld *ld, const struct ynode *map)
{
	struct scen_setup *setup = &ld->s->setup;
	const struct ynode *n;
	unsigned int i;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "memory", ld->d) ||
	    !ld_check_keys(ld, map, memory_keys, G_N_ELEMENTS(memory_keys)))
		return false;
	if ((n = yaml_map_get(map, "dram_base")) &&
	    !ld_dram_base(ld, n, &setup->dram_base))
		return false;
	if ((n = yaml_map_get(map, "dram_size")) &&
	    !ld_dram_size(ld, n, &setup->dram_size))
		return false;
	if (setup->dram_base + setup->dram_size < setup->dram_base) {
		ld_error(ld, map, "DRAM at %#llx of %#llx bytes would end beyond the 64-bit address space",
			 (unsigned long long)setup->dram_base,
			 (unsigned long long)setup->dram_size);
		return false;
	}
	n = yaml_map_get(map, "mmio");
	if (!n)
		return true;
	if (!yaml_expect_kind(n, YNODE_SEQUENCE, "mmio", ld->d))
		return false;
	for (i = 0; i < yaml_seq_count(n); i++)
		if (!ld_mmio(ld, yaml_seq_item(n, i)))
			return false;
	return true;
}

static bool ld_owner(struct ld *ld, const struct ynode *n, int *owner)
{
	static const char *const words[] = {
		[HYP_OWNER_HOST] = "host",
		[HYP_OWNER_HYP] = "hyp",
		[HYP_OWNER_GUEST] = "guest",
	};

	return ld_choice(ld, n, "owner", words, G_N_ELEMENTS(words), owner);
}

static const char *const page_keys[] = { "name", "count", "owner" };

/* Named pages are laid out from the bottom of DRAM, in file order. */
static bool ld_page_region(struct ld *ld, const struct ynode *node,
			   uint64_t *next)
{
	struct scen_setup *setup = &ld->s->setup;
	struct scen_region r = { .pages = 1, .owner = HYP_OWNER_HOST };
	const struct ynode *n = node;
	uint64_t count;

	if (setup->nr_regions == SCEN_MAX_REGIONS) {
		ld_error(ld, node, "at most %d named regions", SCEN_MAX_REGIONS);
		return false;
	}
	if (node->kind == YNODE_MAPPING) {
		if (!ld_check_keys(ld, node, page_keys, G_N_ELEMENTS(page_keys)))
			return false;
		n = yaml_map_get(node, "name");
		if (!n) {
			ld_error(ld, node, "a page needs a name");
			return false;
		}
		if (yaml_map_get(node, "count")) {
			if (!ld_value(ld, yaml_map_get(node, "count"), &count))
				return false;
			r.pages = count;
		}
		if (yaml_map_get(node, "owner") &&
		    !ld_owner(ld, yaml_map_get(node, "owner"), &r.owner))
			return false;
	}
	if (!ld_named(ld, n, (const char **)&r.name))
		return false;
	if (!r.pages || r.pages > setup->dram_size / ld->page_size / 2 ||
	    *next + r.pages * ld->page_size >
	    setup->dram_base + setup->dram_size / 2) {
		ld_error(ld, node, "named pages must fit in the lower half of DRAM");
		return false;
	}
	r.pa = *next;
	*next += r.pages * ld->page_size;
	setup->regions[setup->nr_regions++] = r;
	return true;
}

static bool ld_pages(struct ld *ld, const struct ynode *seq)
{
	uint64_t next = ld->s->setup.dram_base;
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "pages", ld->d))
		return false;
	for (i = 0; i < yaml_seq_count(seq); i++)
		if (!ld_page_region(ld, yaml_seq_item(seq, i), &next))
			return false;
	return true;
}

static bool ld_smccc(struct ld *ld, const struct ynode *n)
{
	struct scen_setup *setup = &ld->s->setup;
	uint32_t v;

	if (!ld_version(ld, n, &v))
		return false;
	setup->smccc_version = v;
	if (v < SMCCC_VERSION_1_2 && !setup->spmc.no_ffa) {
		ld_error(ld, n,
			 "an SPMC with FF-A needs SMCCC 1.2 or later; firmware without FF-A is `spmc: { version: none }`");
		return false;
	}
	return true;
}

static bool ld_page_sizes(struct ld *ld, const struct ynode *n)
{
	struct scen_setup *setup = &ld->s->setup;
	unsigned int i, count = n->kind == YNODE_SEQUENCE ? yaml_seq_count(n) : 1;
	uint64_t v;

	if (count > G_N_ELEMENTS(setup->page_sizes)) {
		ld_error(ld, n, "page_size lists 4K, 16K and 64K at most");
		return false;
	}
	for (i = 0; i < count; i++) {
		const struct ynode *item = n->kind == YNODE_SEQUENCE ?
					   yaml_seq_item(n, i) : n;

		if (!ld_value(ld, item, &v))
			return false;
		if (v != 4096 && v != 16384 && v != 65536) {
			ld_error(ld, item, "a page size is 4K, 16K or 64K");
			return false;
		}
		setup->page_sizes[setup->nr_page_sizes++] = v;
	}
	return true;
}

static const char *const requires_keys[] = { "page_size" };

static bool ld_requires(struct ld *ld, const struct ynode *map)
{
	if (!yaml_expect_kind(map, YNODE_MAPPING, "requires", ld->d) ||
	    !ld_check_keys(ld, map, requires_keys,
			   G_N_ELEMENTS(requires_keys)))
		return false;
	return !yaml_map_get(map, "page_size") ||
	       ld_page_sizes(ld, yaml_map_get(map, "page_size"));
}

static const char *const setup_keys[] = {
	"smccc", "spmc", "memory", "pages", "init",
};

bool ld_setup(struct ld *ld, const struct ynode *setup,
	      const struct ynode *requires)
{
	struct scen_setup *s = &ld->s->setup;
	const struct ynode *n;

	spmc_config_default(&s->spmc);
	s->smccc_version = SMCCC_VERSION_1_2;
	s->dram_base = DEFAULT_DRAM_BASE;
	s->dram_size = PHYSMEM_DRAM_SIZE;
	if (requires && !ld_requires(ld, requires))
		return false;
	if (!setup)
		return true;
	if (!yaml_expect_kind(setup, YNODE_MAPPING, "setup", ld->d) ||
	    !ld_check_keys(ld, setup, setup_keys, G_N_ELEMENTS(setup_keys)))
		return false;
	if ((n = yaml_map_get(setup, "spmc")) && !ld_spmc(ld, n))
		return false;
	if ((n = yaml_map_get(setup, "smccc")) && !ld_smccc(ld, n))
		return false;
	if ((n = yaml_map_get(setup, "memory")) && !ld_memory(ld, n))
		return false;
	if ((n = yaml_map_get(setup, "pages")) && !ld_pages(ld, n))
		return false;
	n = yaml_map_get(setup, "init");
	return !n || (s->init_result = ld_expr(ld, n, false)) != NULL;
}
