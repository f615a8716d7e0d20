// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name resolution for scenario expressions.  The constant table holds what
 * a scenario writer needs besides function IDs and error codes (those come
 * from spmc_mock's name tables, so there is one spelling of each).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sim/lang/names.h"
#include "spmc_mock/ffa_abi.h"

struct named_value {
	const char *name;
	uint64_t value;
};

#define NV(x)	{ #x, (uint64_t)(x) }

static const struct named_value constants[] = {
	NV(FFA_VERSION_1_0), NV(FFA_VERSION_1_1), NV(FFA_VERSION_1_2),
	NV(FFA_PAGE_SIZE),
	NV(FFA_MSG_FLAG_FRAMEWORK),
	NV(FFA_FWK_PSCI_REQ), NV(FFA_FWK_PSCI_RESP),
	NV(FFA_FWK_VM_CREATED_REQ), NV(FFA_FWK_VM_CREATED_RESP),
	NV(FFA_FWK_VM_DESTROYED_REQ), NV(FFA_FWK_VM_DESTROYED_RESP),
	NV(FFA_PARTINFO_COUNT_ONLY),
	NV(FFA_PROP_DIRECT_REQ_RECV), NV(FFA_PROP_DIRECT_REQ_SEND),
	NV(FFA_PROP_INDIRECT_MSG), NV(FFA_PROP_NOTIFICATIONS),
	NV(FFA_PROP_AARCH64), NV(FFA_PROP_DIRECT_REQ2_RECV),
	NV(FFA_PROP_DIRECT_REQ2_SEND),
	NV(FFA_RXTX_MIN_4K), NV(FFA_RXTX_MIN_16K), NV(FFA_RXTX_MIN_64K),
	NV(FFA_MTD_FLAG_ZERO_MEMORY), NV(FFA_MTD_FLAG_TIME_SLICE),
	NV(FFA_RECLAIM_ZERO_MEMORY), NV(FFA_RECLAIM_TIME_SLICE),
	NV(FFA_DATA_RO), NV(FFA_DATA_RW), NV(FFA_INSTR_NX), NV(FFA_INSTR_X),
	NV(FFA_EMAD_FLAG_NON_RETRIEVAL),
	NV(FFA_ATTRS_NORMAL_WB_IS),
	NV(FFA_HANDLE_HYP_ALLOCATED),
	NV(SMCCC_SVE_HINT),
	{ "SMCCC_NOT_SUPPORTED", SMCCC_RET_NOT_SUPPORTED },
	{ "HOST_ID", 0 },
};

static const struct named_value errnos[] = {
	NV(EPERM), NV(ENOENT), NV(ENXIO), NV(E2BIG), NV(ENOMEM), NV(EFAULT),
	NV(EBUSY), NV(EEXIST), NV(EINVAL), NV(ENOSPC), NV(ERANGE),
	NV(EOPNOTSUPP), NV(EAGAIN),
	/* what Linux's FF-A driver hands its clients (driver: steps) */
	NV(ENODEV), NV(EINTR), NV(EACCES), NV(ECANCELED), NV(ENODATA),
};

static const char *const functions[] = { "version", "uuid", "page", "pages" };

static bool lookup(const struct named_value *t, size_t n, const char *name,
		   uint64_t *value)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcmp(t[i].name, name)) {
			*value = t[i].value;
			return true;
		}
	}
	return false;
}

static bool constant_lookup(const char *name, uint64_t *value)
{
	uint32_t fid;
	int32_t err;

	if (ffa_func_lookup(name, &fid)) {
		*value = fid;
		return true;
	}
	if (ffa_error_lookup(name, &err)) {
		*value = (uint64_t)(int64_t)err;
		return true;
	}
	return lookup(constants, G_N_ELEMENTS(constants), name, value) ||
	       lookup(errnos, G_N_ELEMENTS(errnos), name, value);
}

struct known {
	bool found;
	uint64_t value;
};

/*
 * Steps evaluate their expressions each time they run, and a constant's
 * lookup walks several tables by strcmp: remember each name's answer.
 */
bool names_constant(const char *name, uint64_t *value)
{
	static GHashTable *memo;
	struct known *k;

	if (!memo)
		memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					     g_free);
	k = g_hash_table_lookup(memo, name);
	if (!k) {
		k = g_new0(struct known, 1);
		k->found = constant_lookup(name, &k->value);
		g_hash_table_insert(memo, g_strdup(name), k);
	}
	if (k->found)
		*value = k->value;
	return k->found;
}

/* x0..x17 or w0..w17: the register number, else -1. */
/* x0..x17, w0..w17: one or two digits, no leading zero. */
static int register_of(const char *name)
{
	int n;

	if ((name[0] != 'x' && name[0] != 'w') || !g_ascii_isdigit(name[1]))
		return -1;
	n = name[1] - '0';
	if (name[2]) {
		if (n == 0 || !g_ascii_isdigit(name[2]) || name[3])
			return -1;
		n = 10 * n + name[2] - '0';
	}
	return n < SMC_NR_REGS ? n : -1;
}

bool names_reserved(const char *name)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(functions); i++)
		if (!strcmp(functions[i], name))
			return true;
	return register_of(name) >= 0 || names_constant(name, &v);
}

int names_partition(const struct scen_setup *setup, const char *name)
{
	unsigned int i;

	for (i = 0; i < setup->spmc.nr_partitions; i++)
		if (setup->parts[i].name && !strcmp(setup->parts[i].name, name))
			return (int)i;
	return -1;
}

const struct scen_region *names_region(const struct scen_setup *setup,
				       const char *name)
{
	unsigned int i;

	for (i = 0; i < setup->nr_regions; i++)
		if (!strcmp(setup->regions[i].name, name))
			return &setup->regions[i];
	return NULL;
}

void names_init(struct names *n, const struct scen_setup *setup,
		size_t page_size)
{
	memset(n, 0, sizeof(*n));
	n->setup = setup;
	n->page_size = page_size;
	n->captures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    g_free);
}

void names_free(struct names *n)
{
	g_free(n->slot_values);
	n->slot_values = NULL;
	n->nr_slot_values = 0;
	if (n->captures)
		g_hash_table_destroy(n->captures);
	if (n->pending)
		g_hash_table_destroy(n->pending);
	n->captures = NULL;
	n->pending = NULL;
}

void names_set_capture(struct names *n, const char *name, uint64_t value)
{
	uint64_t *had = g_hash_table_lookup(n->captures, name);

	/* A step run again captures into the same name: no allocation. */
	if (had) {
		*had = value;
		return;
	}
	g_hash_table_replace(n->captures, g_strdup(name),
			     g_memdup2(&value, sizeof(value)));
}

void names_set_pending(struct names *n, const char *name, const char *why)
{
	if (!n->pending)
		n->pending = g_hash_table_new_full(g_str_hash, g_str_equal,
						   g_free, g_free);
	g_hash_table_replace(n->pending, g_strdup(name), g_strdup(why));
}

static enum expr_hook name_register(struct names *n, int reg, bool low32,
				    uint64_t *val, char *err, size_t errlen)
{
	if (n->checking ? !n->regs_known : !n->regs) {
		snprintf(err, errlen,
			 "registers can be read only in expect and capture");
		return EXPR_HOOK_ERROR;
	}
	*val = n->checking ? 1 : n->regs[reg];
	if (low32)
		*val &= 0xffffffffULL;
	return EXPR_HOOK_OK;
}

static enum expr_hook name_hook(void *ctx, const char *name, uint64_t *val,
				char *err, size_t errlen)
{
	struct names *n = ctx;
	const struct scen_region *region;
	const uint64_t *cap;
	const char *why;
	int reg = register_of(name);
	int part;

	if (reg >= 0)
		return name_register(n, reg, name[0] == 'w', val, err, errlen);
	cap = g_hash_table_lookup(n->captures, name);
	if (cap && n->checking && n->fixed) {
		snprintf(err, errlen,
			 "'%s' is a capture, but this value is fixed when the scenario loads",
			 name);
		return EXPR_HOOK_ERROR;
	}
	if (cap) {
		*val = n->checking ? 1 : *cap;
		return EXPR_HOOK_OK;
	}
	region = names_region(n->setup, name);
	if (region) {
		*val = region->pa;
		return EXPR_HOOK_OK;
	}
	part = names_partition(n->setup, name);
	if (part >= 0) {
		*val = n->setup->spmc.partitions[part].id;
		return EXPR_HOOK_OK;
	}
	if (!strcmp(name, "PAGE_SIZE")) {
		*val = n->page_size;
		return EXPR_HOOK_OK;
	}
	if (!strcmp(name, "SPMC_ID")) {
		*val = n->setup->spmc.spmc_id ? n->setup->spmc.spmc_id :
						SPMC_DEFAULT_ID;
		return EXPR_HOOK_OK;
	}
	if (names_constant(name, val))
		return EXPR_HOOK_OK;
	why = n->checking && n->pending ?
	      g_hash_table_lookup(n->pending, name) : NULL;
	if (why) {
		snprintf(err, errlen, "%s", why);
		return EXPR_HOOK_ERROR;
	}
	return EXPR_HOOK_UNKNOWN;
}

/*
 * Once a scenario is loaded, every name its steps capture is among the
 * captures or the pending ones, so a name that is neither never reads
 * differently: a page, a partition, SPMC_ID or a constant.  Registers
 * change with every call; PAGE_SIZE is left to the run's page size.
 */
bool names_fixed(void *ctx, const char *name, uint64_t *val)
{
	struct names *n = ctx;
	const struct scen_region *region;
	int part;

	if (register_of(name) >= 0 ||
	    g_hash_table_contains(n->captures, name) ||
	    (n->pending && g_hash_table_contains(n->pending, name)))
		return false;
	region = names_region(n->setup, name);
	if (region) {
		*val = region->pa;
		return true;
	}
	part = names_partition(n->setup, name);
	if (part >= 0) {
		*val = n->setup->spmc.partitions[part].id;
		return true;
	}
	if (!strcmp(name, "SPMC_ID")) {
		*val = n->setup->spmc.spmc_id ? n->setup->spmc.spmc_id :
						SPMC_DEFAULT_ID;
		return true;
	}
	return strcmp(name, "PAGE_SIZE") && names_constant(name, val);
}

/* Slots: x0..x17, then w0..w17, then the captures in slot_names order. */
#define SLOT_W0		SMC_NR_REGS
#define SLOT_CAPTURE0	(2 * SMC_NR_REGS)

int names_slot(void *ctx, const char *name)
{
	struct names *n = ctx;
	int reg = register_of(name);
	unsigned int i;

	if (reg >= 0)
		return name[0] == 'w' ? SLOT_W0 + reg : reg;
	if (!g_hash_table_contains(n->captures, name) &&
	    !(n->pending && g_hash_table_contains(n->pending, name)))
		return -1;
	for (i = 0; i < n->slot_names->len; i++)
		if (!strcmp(g_ptr_array_index(n->slot_names, i), name))
			return SLOT_CAPTURE0 + (int)i;
	g_ptr_array_add(n->slot_names, g_strdup(name));
	return SLOT_CAPTURE0 + (int)i;
}

void names_use_slots(struct names *n, GPtrArray *slot_names)
{
	if (!slot_names)
		return;
	g_free(n->slot_values);
	n->slot_names = slot_names;
	n->nr_slot_values = slot_names->len;
	n->slot_values = g_new0(uint64_t *, n->nr_slot_values);
}

/*
 * A capture's value stays where names_set_capture() first put it (a
 * capture made again is written in place, none is removed), so the
 * first lookup that finds it is the last.
 */
static uint64_t *capture_at(struct names *n, unsigned int i)
{
	if (i >= n->nr_slot_values)
		return NULL;
	if (!n->slot_values[i])
		n->slot_values[i] = g_hash_table_lookup(n->captures,
						g_ptr_array_index(n->slot_names, i));
	return n->slot_values[i];
}

void names_set_capture_at(struct names *n, int slot, const char *name,
			  uint64_t value)
{
	uint64_t *at = slot >= SLOT_CAPTURE0 ?
		       capture_at(n, (unsigned int)(slot - SLOT_CAPTURE0)) :
		       NULL;

	if (at)
		*at = value;
	else
		names_set_capture(n, name, value);
}

/* What name_hook() says of a register or a capture, when it has a value. */
static bool slot_hook(void *ctx, unsigned int slot, uint64_t *val)
{
	struct names *n = ctx;
	const uint64_t *cap;

	if (n->checking)
		return false;
	if (slot >= SLOT_CAPTURE0) {
		cap = capture_at(n, slot - SLOT_CAPTURE0);
		if (!cap)
			return false;
		*val = *cap;
		return true;
	}
	if (!n->regs)
		return false;
	if (slot < SLOT_W0)
		*val = n->regs[slot];
	else
		*val = n->regs[slot - SLOT_W0] & 0xffffffffULL;
	return true;
}

static int partition_by_id(const struct scen_setup *setup, uint64_t id)
{
	return spmc_config_find(&setup->spmc, setup->spmc.nr_partitions, id);
}

static enum expr_hook call_uuid(struct names *n, const uint64_t *args,
				unsigned int nargs, uint64_t *val, char *err,
				size_t errlen)
{
	int part;

	if (nargs != 1) {
		snprintf(err, errlen, "uuid() takes one partition");
		return EXPR_HOOK_ERROR;
	}
	part = partition_by_id(n->setup, args[0]);
	if (part < 0) {
		snprintf(err, errlen, "no partition with ID %#llx",
			 (unsigned long long)args[0]);
		return EXPR_HOOK_ERROR;
	}
	*val = ffa_get64(n->setup->spmc.partitions[part].uuid);
	return EXPR_HOOK_OK;
}

static enum expr_hook call_page(struct names *n, const uint64_t *args,
				unsigned int nargs, uint64_t *val, char *err,
				size_t errlen)
{
	if (nargs != 2) {
		snprintf(err, errlen, "page() takes a page and an index");
		return EXPR_HOOK_ERROR;
	}
	*val = args[0] + args[1] * n->page_size;
	return EXPR_HOOK_OK;
}

static enum expr_hook call_hook(void *ctx, const char *fn,
				const uint64_t *args, unsigned int nargs,
				uint64_t *val, char *err, size_t errlen)
{
	struct names *n = ctx;

	if (!strcmp(fn, "version")) {
		if (nargs != 2 || args[0] > 0x7fff || args[1] > 0xffff) {
			snprintf(err, errlen,
				 "version() takes a major (< 0x8000) and a minor (< 0x10000)");
			return EXPR_HOOK_ERROR;
		}
		*val = FFA_MAKE_VERSION(args[0], args[1]);
		return EXPR_HOOK_OK;
	}
	if (!strcmp(fn, "uuid"))
		return call_uuid(n, args, nargs, val, err, errlen);
	if (!strcmp(fn, "page"))
		return call_page(n, args, nargs, val, err, errlen);
	if (!strcmp(fn, "pages")) {
		if (nargs != 1) {
			snprintf(err, errlen, "pages() takes a page count");
			return EXPR_HOOK_ERROR;
		}
		*val = args[0] * n->page_size;
		return EXPR_HOOK_OK;
	}
	return EXPR_HOOK_UNKNOWN;
}

/* uuid(sp).lo and .hi: the UUID's bytes 0..7 and 8..15 as w2/w3 carry them. */
static enum expr_hook member_hook(void *ctx, const struct expr_member_ref *ref,
				  uint64_t *val, char *err, size_t errlen)
{
	struct names *n = ctx;
	int part;

	(void)err;
	(void)errlen;
	if (!ref->base_is_call || strcmp(ref->base_name, "uuid"))
		return EXPR_HOOK_UNKNOWN;
	part = partition_by_id(n->setup, ref->args[0]);
	if (!strcmp(ref->member, "lo"))
		*val = ffa_get64(n->setup->spmc.partitions[part].uuid);
	else if (!strcmp(ref->member, "hi"))
		*val = ffa_get64(n->setup->spmc.partitions[part].uuid + 8);
	else
		return EXPR_HOOK_UNKNOWN;
	return EXPR_HOOK_OK;
}

static void suggest_names(struct names *n, struct diag_suggester *s)
{
	GHashTableIter it;
	const char *name;
	uint32_t fid;
	int32_t err;
	unsigned int i;
	gpointer key;

	for (i = 0; ffa_func_at(i, &name, &fid); i++)
		diag_suggester_add(s, name);
	for (i = 0; ffa_error_at(i, &name, &err); i++)
		diag_suggester_add(s, name);
	for (i = 0; i < G_N_ELEMENTS(constants); i++)
		diag_suggester_add(s, constants[i].name);
	for (i = 0; i < G_N_ELEMENTS(errnos); i++)
		diag_suggester_add(s, errnos[i].name);
	for (i = 0; i < n->setup->nr_regions; i++)
		diag_suggester_add(s, n->setup->regions[i].name);
	for (i = 0; i < n->setup->spmc.nr_partitions; i++)
		if (n->setup->parts[i].name)
			diag_suggester_add(s, n->setup->parts[i].name);
	g_hash_table_iter_init(&it, n->captures);
	while (g_hash_table_iter_next(&it, &key, NULL))
		diag_suggester_add(s, key);
}

static void suggest_hook(void *ctx, enum expr_sym kind,
			 struct diag_suggester *s)
{
	unsigned int i;

	if (kind == EXPR_SYM_NAME)
		suggest_names(ctx, s);
	else if (kind == EXPR_SYM_FUNCTION)
		for (i = 0; i < G_N_ELEMENTS(functions); i++)
			diag_suggester_add(s, functions[i]);
}

struct expr_env names_env(struct names *n)
{
	return (struct expr_env){
		.name = name_hook,
		.call = call_hook,
		.member = member_hook,
		.suggest = suggest_hook,
		.slot = slot_hook,
		.ctx = n,
	};
}
