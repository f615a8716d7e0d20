// SPDX-License-Identifier: GPL-2.0-only
/*
 * steps: of a scenario.  Each step is a mapping with exactly one action
 * key (call, share, retrieve, inject, ...) and the keys every step may
 * have: register values, expect, capture, then, stuck, a note and the
 * CPU it runs on.  A concurrently: step holds steps of several CPUs
 * (load_concurrent.c), each parsed here like any other.
 */
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/load_internal.h"

static const char *const actions[] = {
	"call", "share", "lend", "donate", "frag_tx", "inject", "retrieve",
	"relinquish", "sp_read", "sp_write", "host_write", "respond",
	"concurrently", "driver",
};

static const char *const common_keys[] = {
	"note", "expect", "capture", "then", "stuck", "cpu", "interleavings",
	"order",
};

/* Actions whose step-level x1..x17 set the host's registers. */
static bool takes_registers(enum step_kind kind)
{
	return kind == STEP_CALL || kind == STEP_MEM_SEND ||
	       kind == STEP_FRAG_TX;
}

static bool in_list(const char *key, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(key, list[i]))
			return true;
	return false;
}

static void unknown_step_key(struct ld *ld, const struct ynode *key)
{
	const char *words[G_N_ELEMENTS(actions) + G_N_ELEMENTS(common_keys)];
	const char *t = yaml_scalar_text(key);
	const char *best;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(actions); i++)
		words[i] = actions[i];
	for (i = 0; i < G_N_ELEMENTS(common_keys); i++)
		words[G_N_ELEMENTS(actions) + i] = common_keys[i];
	best = diag_suggest(t, words, G_N_ELEMENTS(words));
	if (best)
		ld_error(ld, key, "unknown key '%s' (did you mean %s?)", t, best);
	else
		ld_error(ld, key, "unknown key '%s'", t);
}

/* The action key of a step, after checking every key of it. */
static const struct ynode_pair *step_action(struct ld *ld,
					    const struct ynode *map)
{
	const struct ynode_pair *pair, *action = NULL;
	int first, last;
	bool low32, ok = true;

	yaml_map_for_each(pair, map) {
		const char *key = ld_text(ld, pair->key, "a key");

		if (!key)
			return NULL;
		if (in_list(key, actions, G_N_ELEMENTS(actions))) {
			if (action) {
				ld_error(ld, pair->key,
					 "one action per step: '%s' and '%s'",
					 yaml_scalar_text(action->key), key);
				ok = false;
			}
			action = pair;
		} else if (!in_list(key, common_keys,
				    G_N_ELEMENTS(common_keys)) &&
			   !(ld_reg_key(key, &first, &last, &low32) && !low32)) {
			unknown_step_key(ld, pair->key);
			ok = false;
		}
	}
	if (ok && !action)
		ld_error(ld, map, "a step needs an action: call, share, lend, donate, frag_tx, inject, retrieve, relinquish, sp_read, sp_write, host_write, respond, concurrently or driver");
	return ok ? action : NULL;
}

static bool ld_function(struct ld *ld, const struct ynode *node,
			struct step *st)
{
	const char *t = ld_text(ld, node, "call");
	const char *names[128];
	const char *best;
	unsigned int n = 0;
	uint32_t fid;
	uint64_t v;

	if (!t)
		return false;
	if (g_ascii_isalpha(t[0]) && !strpbrk(t, " |+(<") &&
	    !names_constant(t, &v)) {
		while (n < G_N_ELEMENTS(names) && ffa_func_at(n, &names[n], &fid))
			n++;
		best = diag_suggest(t, names, n);
		if (best)
			ld_error(ld, node, "unknown function '%s' (did you mean %s?)",
				 t, best);
		else
			ld_error(ld, node, "unknown function '%s'", t);
		return false;
	}
	st->regs[0] = ld_expr(ld, node, false);
	st->title = g_strdup_printf("call %s", t);
	g_ptr_array_add(ld->s->strings, st->title);
	return st->regs[0] != NULL;
}

static bool ld_reg_values(struct ld *ld, const struct ynode *key,
			  const struct ynode *value, struct expr **regs,
			  int min_reg)
{
	const char *k = ld_text(ld, key, "a key");

	if (!k)
		return false;
	int first, last, r;
	bool low32;

	if (!ld_reg_key(k, &first, &last, &low32) || low32 ||
	    first < min_reg) {
		ld_error(ld, key, "expected a register x%d..x17, found '%s'",
			 min_reg, k);
		return false;
	}
	if (first != last && (value->kind != YNODE_SEQUENCE ||
			      yaml_seq_count(value) != (unsigned int)(last - first + 1))) {
		ld_error(ld, value, "%s needs a list of %d values", k,
			 last - first + 1);
		return false;
	}
	for (r = first; r <= last; r++) {
		const struct ynode *v = first == last ? value :
					yaml_seq_item(value, r - first);

		/* Name the register: ld_expr() only sees the value. */
		if (!yaml_expect_kind(v, YNODE_SCALAR, k, ld->d))
			return false;
		regs[r] = ld_expr(ld, v, false);
		if (!regs[r])
			return false;
	}
	return true;
}

static bool ld_step_registers(struct ld *ld, const struct ynode *map,
			      struct step *st)
{
	const struct ynode_pair *pair;
	int first, last;
	bool low32;

	yaml_map_for_each(pair, map) {
		const char *key = ld_text(ld, pair->key, "a key");

		if (!key)
			return false;
		if (!ld_reg_key(key, &first, &last, &low32))
			continue;
		if (!takes_registers(st->kind)) {
			ld_error(ld, pair->key,
				 "registers are set by call, share, lend, donate and frag_tx steps");
			return false;
		}
		if (!ld_reg_values(ld, pair->key, pair->value, st->regs, 1))
			return false;
	}
	return true;
}

static const char *const frag_keys[] = { "length", "handle" };

static bool ld_frag_tx(struct ld *ld, const struct ynode *map, struct step *st)
{
	const struct ynode *n;

	st->title = "frag_tx";
	if (yaml_scalar_is(map, "next"))
		return true;
	if (!yaml_expect_kind(map, YNODE_MAPPING, "frag_tx", ld->d) ||
	    !ld_check_keys(ld, map, frag_keys, G_N_ELEMENTS(frag_keys)))
		return false;
	if ((n = yaml_map_get(map, "length")) &&
	    !(st->frag_len = ld_expr(ld, n, false)))
		return false;
	n = yaml_map_get(map, "handle");
	return !n || (st->frag_handle = ld_expr(ld, n, false)) != NULL;
}

static bool ld_times(struct ld *ld, const struct ynode *n, unsigned int *times)
{
	uint64_t v;

	*times = 1;
	if (!n)
		return true;
	if (yaml_scalar_is(n, "always")) {
		*times = 0;
		return true;
	}
	if (!ld_value(ld, n, &v))
		return false;
	if (!v || v > 1000000) {
		ld_error(ld, n, "times is 1 or more, or always");
		return false;
	}
	*times = (unsigned int)v;
	return true;
}

static bool ld_corrupt(struct ld *ld, const struct ynode *n, struct step *st)
{
	int kind;

	if (!ld_choice(ld, n, "field to corrupt", scen_corrupt_words,
		       SPMC_FAULT_NR_KINDS, &kind))
		return false;
	st->fault.kind = kind;
	return true;
}

static bool ld_inject_spmc(struct ld *ld, const struct ynode *map,
			   struct step *st)
{
	const struct ynode *fn = yaml_map_get(map, "spmc");
	const struct ynode *err = yaml_map_get(map, "error");
	const struct ynode *corrupt = yaml_map_get(map, "corrupt");
	uint64_t v;

	st->kind = STEP_INJECT_SPMC;
	st->title = "inject into the SPMC";
	if (!!err == !!corrupt) {
		ld_error(ld, map, "inject into the SPMC either an error: or a corrupt: field");
		return false;
	}
	if (yaml_scalar_is(fn, "any")) {
		st->fault.fid = SPMC_FAULT_ANY_FID;
	} else {
		if (!ld_value(ld, fn, &v))
			return false;
		st->fault.fid = (uint32_t)v;
	}
	if (err) {
		if (yaml_map_get(map, "value")) {
			ld_error(ld, yaml_map_get(map, "value"),
				 "value: goes with corrupt:, an error: is its own value");
			return false;
		}
		st->fault.kind = SPMC_FAULT_ERROR;
		st->inj_value = ld_expr(ld, err, false);
		return st->inj_value != NULL;
	}
	if (!ld_corrupt(ld, corrupt, st))
		return false;
	if (!yaml_map_get(map, "value")) {
		ld_error(ld, map, "corrupt: needs a value:");
		return false;
	}
	st->inj_value = ld_expr(ld, yaml_map_get(map, "value"), false);
	return st->inj_value != NULL;
}

static bool ld_hyp_op(struct ld *ld, const struct ynode *n, struct step *st)
{
	return ld_choice(ld, n, "hyp operation", scen_hyp_op_words,
			 HYP_OP_COUNT, &st->hyp_op);
}

static bool ld_inject_hyp(struct ld *ld, const struct ynode *map,
			  struct step *st)
{
	const struct ynode *err = yaml_map_get(map, "error");

	st->kind = STEP_INJECT_HYP;
	st->title = "inject into the hyp";
	if (yaml_map_get(map, "corrupt") || yaml_map_get(map, "value")) {
		ld_error(ld, yaml_map_get(map, "corrupt") ?
			 yaml_map_get(map, "corrupt") : yaml_map_get(map, "value"),
			 "a hyp operation can only fail with an error:");
		return false;
	}
	if (!ld_hyp_op(ld, yaml_map_get(map, "hyp"), st))
		return false;
	if (yaml_map_get(map, "after")) {
		uint64_t v;

		if (!ld_value(ld, yaml_map_get(map, "after"), &v))
			return false;
		st->skip = (unsigned int)v;
	}
	if (!err) {
		ld_error(ld, map, "inject into the hyp needs an error: (ENOMEM, EPERM, ...)");
		return false;
	}
	st->inj_value = ld_expr(ld, err, false);
	return st->inj_value != NULL;
}

static const char *const inject_keys[] = {
	"spmc", "hyp", "error", "corrupt", "value", "times", "after",
};

static bool ld_inject(struct ld *ld, const struct ynode *map, struct step *st)
{
	bool spmc = yaml_map_get(map, "spmc") != NULL;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "inject", ld->d) ||
	    !ld_check_keys(ld, map, inject_keys, G_N_ELEMENTS(inject_keys)))
		return false;
	if (spmc == !!yaml_map_get(map, "hyp")) {
		ld_error(ld, map, "inject into either spmc: FUNCTION or hyp: OPERATION");
		return false;
	}
	if (spmc && yaml_map_get(map, "after")) {
		ld_error(ld, yaml_map_get(map, "after"),
			 "after: applies to hyp operations only");
		return false;
	}
	if (!ld_times(ld, yaml_map_get(map, "times"), &st->times))
		return false;
	st->fault.count = st->times;
	return spmc ? ld_inject_spmc(ld, map, st) : ld_inject_hyp(ld, map, st);
}

/* An optional word: its index, or 0 (the first word) when absent. */
static bool ld_optional_choice(struct ld *ld, const struct ynode *n,
			       const char *what, const char *const *words,
			       unsigned int nr, uint8_t *out)
{
	int i = 0;

	if (n && !ld_choice(ld, n, what, words, nr, &i))
		return false;
	*out = (uint8_t)i;
	return true;
}

static bool ld_access(struct ld *ld, const struct ynode *n, uint8_t *data)
{
	static const char *const words[] = { "unspecified", "ro", "rw" };

	return ld_optional_choice(ld, n, "access", words,
				  G_N_ELEMENTS(words), data);
}

static bool ld_exec(struct ld *ld, const struct ynode *n, uint8_t *instr)
{
	static const char *const words[] = { "unspecified", "nx", "x" };

	return ld_optional_choice(ld, n, "exec", words, G_N_ELEMENTS(words),
				  instr);
}

/* The partition in by:, into st->part_id; its index into *idx. */
static bool ld_by(struct ld *ld, const struct ynode *map, struct step *st,
		  unsigned int *idx)
{
	const struct ynode *by = yaml_map_get(map, "by");

	if (!by) {
		ld_error(ld, map, "say which partition acts: by: NAME");
		return false;
	}
	if (!ld_partition(ld, by, idx))
		return false;
	st->part_id = ld->s->setup.spmc.partitions[*idx].id;
	return true;
}

static bool ld_required_expr(struct ld *ld, const struct ynode *map,
			     const char *key, struct expr **out)
{
	const struct ynode *n = yaml_map_get(map, key);

	if (!n) {
		ld_error(ld, map, "%s: is missing", key);
		return false;
	}
	*out = ld_expr(ld, n, false);
	return *out != NULL;
}

static bool ld_mtd_type(struct ld *ld, const struct ynode *n,
			unsigned int *type)
{
	static const char *const words[] = { "any", "share", "lend", "donate" };
	uint8_t t;

	if (!ld_optional_choice(ld, n, "type", words, G_N_ELEMENTS(words), &t))
		return false;
	*type = t;
	return true;
}

static const char *const retrieve_keys[] = {
	"by", "handle", "access", "exec", "type",
};
static const char *const relinquish_keys[] = { "by", "handle" };
static const char *const sp_mem_keys[] = {
	"by", "handle", "offset", "text", "bytes",
};
static const char *const host_write_keys[] = { "at", "text", "bytes" };

static bool ld_partition_action(struct ld *ld, const char *action,
				const struct ynode *map, struct step *st)
{
	bool retrieve = !strcmp(action, "retrieve");
	bool relinquish = !strcmp(action, "relinquish");
	unsigned int idx;

	st->kind = retrieve ? STEP_RETRIEVE : relinquish ? STEP_RELINQUISH :
		   !strcmp(action, "sp_read") ? STEP_SP_READ : STEP_SP_WRITE;
	st->title = ld_strdup(ld, action);
	if (!yaml_expect_kind(map, YNODE_MAPPING, action, ld->d))
		return false;
	if (retrieve ? !ld_check_keys(ld, map, retrieve_keys,
				      G_N_ELEMENTS(retrieve_keys)) :
	    relinquish ? !ld_check_keys(ld, map, relinquish_keys,
					G_N_ELEMENTS(relinquish_keys)) :
	    !ld_check_keys(ld, map, sp_mem_keys, G_N_ELEMENTS(sp_mem_keys)))
		return false;
	if (!ld_by(ld, map, st, &idx) ||
	    !ld_required_expr(ld, map, "handle", &st->handle))
		return false;
	if (retrieve)
		return ld_access(ld, yaml_map_get(map, "access"), &st->data) &&
		       ld_exec(ld, yaml_map_get(map, "exec"), &st->instr) &&
		       ld_mtd_type(ld, yaml_map_get(map, "type"),
				   &st->mtd_type);
	if (relinquish)
		return true;
	if (yaml_map_get(map, "offset") &&
	    !(st->offset = ld_expr(ld, yaml_map_get(map, "offset"), false)))
		return false;
	return ld_bytes(ld, map, &st->bytes, &st->nr_bytes);
}

static bool ld_host_write(struct ld *ld, const struct ynode *map,
			  struct step *st)
{
	st->kind = STEP_HOST_WRITE;
	st->title = "host_write";
	return yaml_expect_kind(map, YNODE_MAPPING, "host_write", ld->d) &&
	       ld_check_keys(ld, map, host_write_keys,
			     G_N_ELEMENTS(host_write_keys)) &&
	       ld_required_expr(ld, map, "at", &st->offset) &&
	       ld_bytes(ld, map, &st->bytes, &st->nr_bytes);
}

/* respond: { by: sp1, x4..x7: [...] } or { by: sp1, error: BUSY } */
static bool ld_respond(struct ld *ld, const struct ynode *map, struct step *st)
{
	const struct ynode_pair *pair;
	unsigned int idx;

	st->kind = STEP_RESPOND;
	st->title = "respond";
	if (!yaml_expect_kind(map, YNODE_MAPPING, "respond", ld->d) ||
	    !ld_by(ld, map, st, &idx))
		return false;
	ld->s->setup.parts[idx].scripted = true;
	if (yaml_map_get(map, "error") && yaml_map_count(map) > 2) {
		ld_error(ld, map, "respond with either error: or payload registers, not both");
		return false;
	}
	yaml_map_for_each(pair, map) {
		const char *key = ld_text(ld, pair->key, "a key");

		if (!key)
			return false;
		if (!strcmp(key, "by"))
			continue;
		if (!strcmp(key, "error")) {
			st->resp_error = ld_expr(ld, pair->value, false);
			if (!st->resp_error)
				return false;
			continue;
		}
		if (!ld_reg_values(ld, pair->key, pair->value, st->regs, 3))
			return false;
	}
	return true;
}

static bool ld_action(struct ld *ld, const struct ynode_pair *action,
		      struct step *st)
{
	const char *a = ld_text(ld, action->key, "an action");
	const struct ynode *v = action->value;

	if (!a)
		return false;

	if (!strcmp(a, "call")) {
		st->kind = STEP_CALL;
		return ld_function(ld, v, st);
	}
	if (!strcmp(a, "share") || !strcmp(a, "lend") || !strcmp(a, "donate")) {
		st->kind = STEP_MEM_SEND;
		return ld_mem_send(ld, a, v, st);
	}
	if (!strcmp(a, "frag_tx")) {
		st->kind = STEP_FRAG_TX;
		return ld_frag_tx(ld, v, st);
	}
	if (!strcmp(a, "inject"))
		return ld_inject(ld, v, st);
	if (!strcmp(a, "host_write"))
		return ld_host_write(ld, v, st);
	if (!strcmp(a, "respond"))
		return ld_respond(ld, v, st);
	if (!strcmp(a, "concurrently")) {
		st->kind = STEP_CONCURRENT;
		return ld_concurrently(ld, action->key, v, st);
	}
	if (!strcmp(a, "driver"))
		return ld_driver(ld, v, st);
	return ld_partition_action(ld, a, v, st);
}

static bool ld_note(struct ld *ld, const struct ynode *map, struct step *st)
{
	const struct ynode *note = yaml_map_get(map, "note");
	const char *t;

	if (!note)
		return true;
	t = ld_text(ld, note, "note");
	if (!t)
		return false;
	st->title = ld_strdup(ld, t);
	return true;
}

/*
 * A capture read before its step is more often a step out of place than a
 * misspelt name: make reading it say where it is set.  The first step
 * that captures a name is the one to point at.
 */
static void note_captures(struct ld *ld, const struct ynode *step, bool own)
{
	const struct ynode *map = yaml_map_get(step, "capture");
	const struct ynode_pair *pair;
	char *why;

	yaml_map_for_each(pair, map) {
		const char *name = yaml_scalar_text(pair->key);

		if (!own && ld->names.pending &&
		    g_hash_table_contains(ld->names.pending, name))
			continue;
		if (own)
			why = g_strdup_printf("'%s' is not captured yet: this step's capture: sets it, for then: and later steps",
					      name);
		else
			why = g_strdup_printf("'%s' is not captured yet: the step at line %u captures it",
					      name, step->pos.line);
		names_set_pending(&ld->names, name, why);
		g_free(why);
	}
}

/* cpu: N says which host CPU makes the step's SMC. */
static bool ld_cpu(struct ld *ld, const struct ynode *map, struct step *st,
		   bool in_group)
{
	const struct ynode *n = yaml_map_get(map, "cpu");
	uint64_t v;

	st->cpu = -1;
	if (!n) {
		if (in_group)
			ld_error(ld, map, "say which CPU makes this step: cpu: 0, cpu: 1, ...");
		return !in_group;
	}
	if (st->kind == STEP_CONCURRENT) {
		ld_error(ld, n, "each step of a concurrently: group names its own cpu:");
		return false;
	}
	if (!takes_registers(st->kind) && st->kind != STEP_DRIVER) {
		ld_error(ld, n, "cpu: goes with the host's SMCs: call, share, lend, donate, frag_tx and driver");
		return false;
	}
	if (!ld_value(ld, n, &v))
		return false;
	if (v >= SCEN_MAX_CPUS) {
		ld_error(ld, n, "the host has CPUs 0 to %d", SCEN_MAX_CPUS - 1);
		return false;
	}
	st->cpu = (int)v;
	return true;
}

/* What a step inside a concurrently: group may not have. */
static bool check_group_item(struct ld *ld, const struct ynode *map,
			     const struct step *st)
{
	const char *const later[] = { "then", "stuck" };
	unsigned int i;

	if (st->kind == STEP_CONCURRENT) {
		ld_error(ld, map, "a concurrently: group cannot hold another one");
		return false;
	}
	/*
	 * The client calls take the driver's mutexes, which are schedule
	 * points; booting it and binding clients change the fake kernel's
	 * bus, whose lists are not locked (docs/concurrency.md).
	 */
	if (st->kind == STEP_DRIVER &&
	    (st->drv->op == DRV_LOAD || st->drv->op == DRV_BIND)) {
		ld_error(ld, map, "driver: %s goes before the concurrently: group: it changes the host kernel's bus, which the CPUs of a group do not share safely; the client calls (partition_info, the messages, share, lend, reclaim, the notifications) may be in it",
			 scen_driver_op_words[st->drv->op]);
		return false;
	}
	for (i = 0; i < G_N_ELEMENTS(later); i++) {
		const struct ynode *n = yaml_map_get(map, later[i]);

		if (n) {
			ld_error(ld, n, "%s: would look at the machine while other CPUs run: put it on the concurrently: step, which checks it once every CPU is done",
				 later[i]);
			return false;
		}
	}
	return true;
}

/* interleavings: and order: tell a concurrently: step how to run. */
static bool check_group_keys(struct ld *ld, const struct ynode *map,
			     struct step *st)
{
	const char *const keys[] = { "interleavings", "order" };
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(keys); i++) {
		const struct ynode *n = yaml_map_get(map, keys[i]);

		if (n && st->kind != STEP_CONCURRENT) {
			ld_error(ld, n, "%s: belongs to a concurrently: step",
				 keys[i]);
			return false;
		}
	}
	return st->kind != STEP_CONCURRENT || ld_group_mode(ld, map, st);
}

static uint32_t checked_regs(const struct step_expect *ex)
{
	uint32_t mask = 0;
	unsigned int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		if (ex->regs[i].check != REG_UNSET)
			mask |= 1u << i;
	return mask;
}

/* Running the step then visits only the registers it writes and checks. */
static void note_regs_used(struct step *st)
{
	unsigned int i;

	for (i = 0; i < SMC_NR_REGS; i++)
		if (st->regs[i])
			st->nr_regs = i + 1;
	st->expect.reg_mask = checked_regs(&st->expect);
	for (i = 0; i < st->expect.nr_one_of; i++)
		st->expect.one_of[i].reg_mask =
			checked_regs(&st->expect.one_of[i]);
}

struct step *ld_parse_step(struct ld *ld, const struct ynode *map,
			   bool in_group)
{
	const struct ynode_pair *action;
	struct step *st;
	const struct ynode *n;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "a step", ld->d))
		return NULL;
	note_captures(ld, map, true);
	action = step_action(ld, map);
	if (!action)
		return NULL;
	st = ld_alloc(ld, sizeof(*st));
	st->pos = ld_pos(ld, map);
	st->expect.path = -1;
	if (!ld_action(ld, action, st) || !ld_step_registers(ld, map, st) ||
	    !ld_note(ld, map, st) || !ld_cpu(ld, map, st, in_group) ||
	    !check_group_keys(ld, map, st) ||
	    (in_group && !check_group_item(ld, map, st)))
		return NULL;
	if ((n = yaml_map_get(map, "expect")) &&
	    !(st->kind == STEP_DRIVER ? ld_driver_expect(ld, st, n) :
					 ld_expect(ld, st, n)))
		return NULL;
	if ((n = yaml_map_get(map, "capture")) &&
	    !(st->kind == STEP_DRIVER ? ld_driver_captures(ld, st, n) :
					 ld_captures(ld, st, n)))
		return NULL;
	if ((n = yaml_map_get(map, "then")) && !ld_thens(ld, st, n))
		return NULL;
	if ((n = yaml_map_get(map, "stuck")) && !ld_stuck(ld, st, n))
		return NULL;
	note_regs_used(st);
	return st;
}

static bool ld_step(struct ld *ld, const struct ynode *map)
{
	struct step *st = ld_parse_step(ld, map, false);

	if (st)
		g_ptr_array_add(ld->s->steps, st);
	return st != NULL;
}

bool ld_steps(struct ld *ld, const struct ynode *steps)
{
	unsigned int i;
	bool ok = true;

	if (!yaml_expect_kind(steps, YNODE_SEQUENCE, "steps", ld->d))
		return false;
	if (!yaml_seq_count(steps)) {
		ld_error(ld, steps, "steps: is empty");
		return false;
	}
	for (i = 0; i < yaml_seq_count(steps); i++) {
		const struct ynode *step = yaml_seq_item(steps, i);
		const struct ynode *group = yaml_map_get(step, "concurrently");
		unsigned int j;

		note_captures(ld, step, false);
		for (j = 0; j < yaml_seq_count(group); j++)
			note_captures(ld, yaml_seq_item(group, j), false);
	}
	/* Later steps may use what a broken one captures: stop at it. */
	for (i = 0; ok && i < yaml_seq_count(steps); i++) {
		ok = ld_step(ld, yaml_seq_item(steps, i));
		if (ok && i + 1 < yaml_seq_count(steps) &&
		    ld_expects_panic(g_ptr_array_index(ld->s->steps,
						       ld->s->steps->len - 1))) {
			ld_error(ld, yaml_seq_item(steps, i + 1),
				 "no step can follow one that expects a hyp panic (a WARN, BUG or fault at EL2): the machine has stopped");
			ok = false;
		}
	}
	return ok;
}
