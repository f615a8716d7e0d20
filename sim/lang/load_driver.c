// SPDX-License-Identifier: GPL-2.0-only
/*
 * driver: steps, which call Linux's own FF-A driver the way a client
 * driver does (docs/scenario-language.md, 9.10), and what they expect:
 * the return code the client gets, a handle, a payload, the partitions
 * the driver reports or the device a client was bound to.
 */
#include <string.h>

#include "sim/lang/load_internal.h"

static const char *const op_keys[DRV_NR_OPS][8] = {
	[DRV_LOAD] = { "op" },
	[DRV_BIND] = { "op", "to" },
	[DRV_PARTITION_INFO] = { "op", "of" },
	[DRV_DIRECT_REQ] = { "op", "to", "data" },
	[DRV_DIRECT_REQ2] = { "op", "to", "data" },
	[DRV_INDIRECT] = { "op", "to", "text", "bytes" },
	[DRV_SHARE] = { "op", "to", "ranges", "buffer", "entries", "flags", "tag" },
	[DRV_LEND] = { "op", "to", "ranges", "buffer", "entries", "flags", "tag" },
	[DRV_RECLAIM] = { "op", "handle", "flags" },
	[DRV_NOTIFY_REQUEST] = { "op", "to", "id", "per_vcpu" },
	[DRV_NOTIFY_RELINQUISH] = { "op", "to", "id" },
	[DRV_RAISE_SRI] = { "op" },
};

static size_t nr_keys(enum driver_op op)
{
	size_t n = 0;

	while (n < G_N_ELEMENTS(op_keys[op]) && op_keys[op][n])
		n++;
	return n;
}

static bool ld_data(struct ld *ld, const struct ynode *seq, unsigned int max,
		    struct expr **out, unsigned int *nr)
{
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "data", ld->d))
		return false;
	if (yaml_seq_count(seq) > max) {
		ld_error(ld, seq, "data: takes at most %u words here", max);
		return false;
	}
	for (i = 0; i < yaml_seq_count(seq); i++)
		if (!(out[i] = ld_expr(ld, yaml_seq_item(seq, i), false)))
			return false;
	*nr = i;
	return true;
}

static bool ld_target(struct ld *ld, const struct ynode *map, const char *key,
		      struct driver_step *d)
{
	const struct ynode *n = yaml_map_get(map, key);
	unsigned int idx;

	if (!n) {
		ld_error(ld, map, "say which partition: %s: NAME", key);
		return false;
	}
	if (!strcmp(key, "of") && yaml_scalar_is(n, "all")) {
		d->part = -1;
		return true;
	}
	if (!ld_partition(ld, n, &idx))
		return false;
	d->part = (int)idx;
	return true;
}

static bool ld_mem(struct ld *ld, const struct ynode *map,
		   struct driver_step *d)
{
	static const char *const buffers[] = { "tx", "own" };
	static const char *const entries[] = { "per-range", "per-page" };
	struct mem_send *m = ld_alloc(ld, sizeof(*m));
	const struct ynode *n;
	int i;

	d->mem = m;
	if (!ld_mem_targets(ld, map, d->op == DRV_LEND ? "lend" : "share", m))
		return false;
	if ((n = yaml_map_get(map, "buffer"))) {
		if (!ld_choice(ld, n, "buffer", buffers, 2, &i))
			return false;
		d->own_buffer = i == 1;
	}
	if ((n = yaml_map_get(map, "entries"))) {
		if (!ld_choice(ld, n, "entries", entries, 2, &i))
			return false;
		/* One scatterlist entry per page: m->smc32 is free here. */
		m->smc32 = i == 1;
	}
	if ((n = yaml_map_get(map, "flags")) &&
	    !(m->flags = ld_expr_bits(ld, n, 32, "flags")))
		return false;
	n = yaml_map_get(map, "tag");
	return !n || (m->tag = ld_expr(ld, n, false)) != NULL;
}

bool ld_driver(struct ld *ld, const struct ynode *value, struct step *st)
{
	struct driver_step *d = ld_alloc(ld, sizeof(*d));
	const struct ynode *op = value, *n;
	int i;

	st->kind = STEP_DRIVER;
	st->drv = d;
	d->want_bound = -2;
	if (value->kind == YNODE_MAPPING) {
		op = yaml_map_get(value, "op");
		if (!op) {
			ld_error(ld, value, "driver: needs op: (load, bind, partition_info, send_direct_req, send_direct_req2, send_indirect, share, lend, reclaim, notify_request or notify_relinquish)");
			return false;
		}
	}
	if (!ld_choice(ld, op, "driver operation", scen_driver_op_words,
		       DRV_NR_OPS, &i))
		return false;
	d->op = i;
	st->title = g_strdup_printf("driver %s", scen_driver_op_words[i]);
	g_ptr_array_add(ld->s->strings, st->title);
	if (d->op == DRV_RAISE_SRI && !ld->s->setup.spmc.sri_intid) {
		ld_error(ld, value, "driver: raise_sri needs an SPMC that donates a schedule-receiver interrupt: setup: spmc: { schedule_receiver_interrupt: 1..15 }");
		return false;
	}
	if (value->kind != YNODE_MAPPING) {
		if (d->op != DRV_LOAD && d->op != DRV_RAISE_SRI) {
			ld_error(ld, value, "driver: %s needs its arguments: driver: { op: %s, ... }",
				 scen_driver_op_words[i], scen_driver_op_words[i]);
			return false;
		}
		return true;
	}
	if (!ld_check_keys(ld, value, op_keys[d->op], nr_keys(d->op)))
		return false;
	switch (d->op) {
	case DRV_LOAD:
	case DRV_RAISE_SRI:
		return true;
	case DRV_BIND:
	case DRV_INDIRECT:
		if (!ld_target(ld, value, "to", d))
			return false;
		return d->op == DRV_BIND ||
		       ld_bytes(ld, value, &d->bytes, &d->nr_bytes);
	case DRV_PARTITION_INFO:
		return ld_target(ld, value, "of", d);
	case DRV_DIRECT_REQ:
	case DRV_DIRECT_REQ2:
		if (!ld_target(ld, value, "to", d))
			return false;
		n = yaml_map_get(value, "data");
		return !n || ld_data(ld, n, d->op == DRV_DIRECT_REQ ? 5 : 14,
				     d->data, &d->nr_data);
	case DRV_SHARE:
	case DRV_LEND:
		return ld_mem(ld, value, d);
	case DRV_RECLAIM:
		if (!(n = yaml_map_get(value, "handle"))) {
			ld_error(ld, value, "reclaim needs handle:");
			return false;
		}
		if (!(d->handle = ld_expr(ld, n, false)))
			return false;
		n = yaml_map_get(value, "flags");
		return !n || (d->flags = ld_expr_bits(ld, n, 32, "flags"));
	case DRV_NOTIFY_REQUEST:
	case DRV_NOTIFY_RELINQUISH:
		if (!ld_target(ld, value, "to", d))
			return false;
		if ((n = yaml_map_get(value, "per_vcpu")) &&
		    !ld_bool(ld, n, &d->per_vcpu))
			return false;
		if (!(n = yaml_map_get(value, "id"))) {
			ld_error(ld, value, "say which notification: id: 0..63");
			return false;
		}
		return (d->notify_id = ld_expr(ld, n, false)) != NULL;
	case DRV_NR_OPS:
		break;
	}
	return false;
}

static const char *const expect_keys[] = {
	"ret", "handle", "data", "partitions", "bound",
};

static bool ld_want_parts(struct ld *ld, const struct ynode *seq,
			  struct driver_step *d)
{
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "partitions", ld->d))
		return false;
	d->check_parts = true;
	d->nr_want_parts = yaml_seq_count(seq);
	d->want_parts = ld_alloc(ld, (d->nr_want_parts + 1) *
				 sizeof(*d->want_parts));
	for (i = 0; i < d->nr_want_parts; i++)
		if (!(d->want_parts[i] = ld_expr(ld, yaml_seq_item(seq, i),
						 false)))
			return false;
	return true;
}

/* Which keys of expect: make sense after which operation. */
static bool expect_fits(struct ld *ld, const struct ynode *key,
			enum driver_op op)
{
	const char *k = yaml_scalar_text(key);
	bool ok = !strcmp(k, "ret") ||
		  (!strcmp(k, "handle") && (op == DRV_SHARE || op == DRV_LEND)) ||
		  (!strcmp(k, "data") && (op == DRV_DIRECT_REQ ||
					  op == DRV_DIRECT_REQ2)) ||
		  (!strcmp(k, "partitions") && (op == DRV_PARTITION_INFO ||
						op == DRV_LOAD)) ||
		  (!strcmp(k, "bound") && op == DRV_BIND);

	if (!ok)
		ld_error(ld, key, "a driver %s step has no %s to expect",
			 scen_driver_op_words[op], k);
	return ok;
}

bool ld_driver_expect(struct ld *ld, struct step *st, const struct ynode *node)
{
	struct driver_step *d = st->drv;
	const struct ynode_pair *pair;
	const struct ynode *n;
	unsigned int idx;

	if (!yaml_expect_kind(node, YNODE_MAPPING, "expect", ld->d) ||
	    !ld_check_keys(ld, node, expect_keys, G_N_ELEMENTS(expect_keys)))
		return false;
	yaml_map_for_each(pair, node)
		if (!expect_fits(ld, pair->key, d->op))
			return false;
	if ((n = yaml_map_get(node, "ret"))) {
		d->ret_error = yaml_scalar_is(n, "error");
		if (!d->ret_error && !(d->ret = ld_expr(ld, n, false)))
			return false;
	}
	if ((n = yaml_map_get(node, "handle")) &&
	    !(d->want_handle = ld_expr(ld, n, false)))
		return false;
	if ((n = yaml_map_get(node, "data")) &&
	    !ld_data(ld, n, DRV_MAX_DATA, d->want_data, &d->nr_want_data))
		return false;
	if ((n = yaml_map_get(node, "partitions")) && !ld_want_parts(ld, n, d))
		return false;
	if ((n = yaml_map_get(node, "bound"))) {
		if (yaml_scalar_is(n, "none")) {
			d->want_bound = -1;
		} else {
			if (!ld_partition(ld, n, &idx))
				return false;
			d->want_bound = (int)idx;
		}
	}
	return true;
}

/* A word of the driver's result, read as the register that holds it. */
static struct expr *result_word(struct ld *ld, const struct ynode *node)
{
	static const char *const words[] = {
		"ret", "handle", "data0", "data1", "data2", "data3", "data4",
		"data5", "data6", "data7", "data8", "data9", "data10",
		"data11", "data12", "data13",
	};
	char reg[8];
	int w;

	if (!ld_choice(ld, node, "driver result", words, G_N_ELEMENTS(words),
		       &w))
		return NULL;
	snprintf(reg, sizeof(reg), "x%d", w);
	return ld_expr_text(ld, ld_strdup(ld, reg), ld_pos(ld, node), true);
}

/* capture: { h: handle } takes words, which read the result's registers. */
bool ld_driver_captures(struct ld *ld, struct step *st,
			const struct ynode *map)
{
	return ld_capture_map(ld, st, map, result_word);
}


bool scenario_uses_driver(const struct scenario *s)
{
	const struct step *st;
	unsigned int i, j;

	for (i = 0; i < s->steps->len; i++) {
		st = s->steps->pdata[i];
		if (st->kind == STEP_DRIVER)
			return true;
		if (st->kind != STEP_CONCURRENT)
			continue;
		for (j = 0; j < st->group->nr_items; j++)
			if (st->group->items[j]->kind == STEP_DRIVER)
				return true;
	}
	return false;
}
