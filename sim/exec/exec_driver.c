// SPDX-License-Identifier: GPL-2.0-only
/*
 * driver: steps.  The host kernel of host/ comes up with the first one,
 * over the same machine the raw host SMCs use; each step then calls Linux's
 * FF-A driver as a client driver would, and every SMC the driver makes is
 * traced as its own hop, titled after the driver operation and drawn from
 * the driver's lane (client -> driver -> EL2 -> SPMC) in the trace, explain
 * and the HTML page.  What the client
 * got back is checked against expect: and kept as registers for capture:
 * (x0 the return code, x1 the handle, x2.. the payload).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host.h"
#include "sim/exec/exec_internal.h"

/* The kernel log since the last hop, as trace lines. */
static void trace_log(struct exec *x)
{
	char **lines;
	size_t n, i;

	lines = host_log_take(&n);
	for (i = 0; i < n; i++) {
		trace_line(x, "driver: %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/*
 * The exec of the driver: step running on this thread.  In a
 * concurrently: group each CPU runs its steps on a copy of its own, on a
 * thread of its own; the observer the host kernel has is one.
 */
static __thread struct exec *drv_x;

static void driver_smc(void *ctx, const uint64_t *in, const uint64_t *out,
		       enum hyp_exit exit, const struct hyp_fault *fault)
{
	struct exec *x = drv_x ? drv_x : ctx;
	const struct hyp_event *ev;
	size_t n, i;

	memcpy(x->in, in, sizeof(x->in));
	x->exit = exit;
	/* A CPU of a group counts the SMC before its next point. */
	if (x->smc_back)
		x->smc_back(x, out);
	/* What the driver logged on its way to this SMC comes first. */
	trace_log(x);
	memcpy(x->out, out, sizeof(x->out));
	x->fault = *fault;
	trace_smc_by(x, x->drv_title, "driver");
	ev = hyp_events(&n);
	for (i = 0; i < n; i++)
		if (ev[i].kind == HYP_EV_WARN && !x->drv_warn.file)
			x->drv_warn = ev[i];
	if (exit != HYP_EXIT_FAULT && exit != HYP_EXIT_BUG)
		exec_note_host_state(x);
}

/* DRAM's upper half below the hyp's pages: the scenario names none of it. */
static bool host_up(struct exec *x)
{
	const struct scen_setup *setup = &x->s->setup;
	struct host_config cfg = {
		.smccc_version = setup->smccc_version,
		.nr_cpus = HYP_MAX_CPUS,	/* every CPU a step may name */
		.pool_pa = setup->dram_base + setup->dram_size / 2,
		/* The GIC that delivers the interrupt the SPMC donates. */
		.gic = setup->spmc.sri_intid != 0,
	};
	char err[256];

	if (x->host_up)
		return true;
	cfg.pool_size = hyp_proxy_pages_pa() - x->page_size - cfg.pool_pa;
	if (host_env_init(&x->w.pm, &cfg, err, sizeof(err))) {
		exec_fail(x, "the host kernel: %s", err);
		return false;
	}
	host_set_smc_observer(driver_smc, x);
	x->host_up = true;
	return true;
}

void exec_driver_exit(struct exec *x)
{
	if (!x->host_up)
		return;
	host_set_smc_observer(NULL, NULL);
	host_env_exit();
	x->host_up = false;
}

static uint16_t part_id(const struct exec *x, int idx)
{
	return x->s->setup.spmc.partitions[idx].id;
}

static int need_client(struct exec *x, int idx)
{
	int c = host_client_for(idx >= 0 ? part_id(x, idx) : -1);

	if (c < 0) {
		if (idx >= 0)
			exec_fail(x, "no client driver is bound to partition %#x: bind one first (driver: { op: bind, to: ... })",
				  part_id(x, idx));
		else
			exec_fail(x, "no client driver is bound: bind one first (driver: { op: bind, to: ... })");
	}
	return c;
}

struct drv_result {
	struct host_outcome o;
	uint64_t handle;
	uint64_t data[DRV_MAX_DATA];
	unsigned int nr_parts;
	uint16_t parts[HOST_MAX_PARTS + 1];
	int bound;			/* partition ID, or -1 */
};

static bool eval_data(struct exec *x, const struct driver_step *d,
		      uint64_t *data)
{
	unsigned int i;

	for (i = 0; i < d->nr_data; i++)
		if (!exec_eval(x, d->data[i], &data[i]))
			return false;
	return true;
}

static bool add_range(struct exec *x, struct host_mem_args *a, uint64_t pa,
		      uint64_t pages)
{
	if (a->nr_ranges == HOST_MAX_RANGES) {
		exec_fail(x, "a scatterlist of more than %d entries", HOST_MAX_RANGES);
		return false;
	}
	a->ranges[a->nr_ranges].pa = pa;
	a->ranges[a->nr_ranges].pages = pages;
	a->nr_ranges++;
	return true;
}

static bool eval_range(struct exec *x, const struct mem_range_src *r,
		       bool per_page, struct host_mem_args *a)
{
	uint64_t pa, pages, i;

	if (!exec_eval(x, r->address, &pa))
		return false;
	if (r->ffa_pages) {
		if (!exec_eval(x, r->ffa_pages, &pages))
			return false;
		if (pages * FFA_PAGE_SIZE % x->page_size) {
			exec_fail(x, "a scatterlist entry is whole host pages: %llu FF-A pages are not",
				  (unsigned long long)pages);
			return false;
		}
		pages = pages * FFA_PAGE_SIZE / x->page_size;
	} else if (!exec_eval(x, r->pages, &pages)) {
		return false;
	}
	if (pa % x->page_size || !physmem_is_ram(&x->w.pm, pa, pages * x->page_size)) {
		exec_fail(x, "a scatterlist entry at %#llx of %llu pages is not whole pages of DRAM",
			  (unsigned long long)pa, (unsigned long long)pages);
		return false;
	}
	if (!per_page)
		return add_range(x, a, pa, pages);
	for (i = 0; i < pages; i++)
		if (!add_range(x, a, pa + i * x->page_size, 1))
			return false;
	return true;
}

static bool mem_args(struct exec *x, const struct driver_step *d,
		     struct host_mem_args *a)
{
	const struct mem_send *m = d->mem;
	uint64_t v;
	unsigned int i;

	a->lend = d->op == DRV_LEND;
	a->use_txbuf = !d->own_buffer;
	if (m->nr_receivers > HOST_MAX_RECEIVERS) {
		exec_fail(x, "the client passes at most %d receivers", HOST_MAX_RECEIVERS);
		return false;
	}
	for (i = 0; i < m->nr_receivers; i++) {
		const struct mem_receiver_src *r = &m->receivers[i];

		if (!exec_eval(x, r->id, &v))
			return false;
		a->receivers[i].id = (uint16_t)v;
		v = FFA_PERMS(r->data, r->instr);
		if (r->perms && !exec_eval(x, r->perms, &v))
			return false;
		a->receivers[i].perms = (uint8_t)v;
	}
	a->nr_receivers = m->nr_receivers;
	for (i = 0; i < m->nr_ranges; i++)
		if (!eval_range(x, &m->ranges[i], m->smc32, a))
			return false;
	if (m->flags) {
		if (!exec_eval(x, m->flags, &v))
			return false;
		a->flags = (uint32_t)v;
	}
	return !m->tag || exec_eval(x, m->tag, &a->tag);
}

static bool do_mem(struct exec *x, const struct driver_step *d,
		   struct drv_result *r)
{
	struct host_mem_args *a = g_new0(struct host_mem_args, 1);
	int c = need_client(x, -1);
	bool ok = c >= 0 && mem_args(x, d, a);

	if (ok)
		host_client_mem(c, a, &r->handle, &r->o);
	g_free(a);
	return ok;
}

static bool do_info(struct exec *x, const struct driver_step *d,
		    struct drv_result *r)
{
	struct host_part parts[HOST_MAX_PARTS];
	uint8_t uuid[16] = { 0 };
	int c = need_client(x, -1);
	unsigned int i;

	if (c < 0)
		return false;
	if (d->part >= 0)
		memcpy(uuid, x->s->setup.spmc.partitions[d->part].uuid, 16);
	host_client_partition_info(c, uuid, parts, HOST_MAX_PARTS, &r->o);
	for (i = 0; i < HOST_MAX_PARTS && parts[i].id; i++)
		r->parts[r->nr_parts++] = parts[i].id;
	return true;
}

static void list_devices(struct drv_result *r)
{
	struct host_device devs[HOST_MAX_PARTS + 1];
	size_t n = host_devices(devs, G_N_ELEMENTS(devs)), i;

	for (i = 0; i < n && i < G_N_ELEMENTS(devs); i++)
		r->parts[r->nr_parts++] = devs[i].vm_id;
}

static bool do_op(struct exec *x, const struct driver_step *d,
		  struct drv_result *r)
{
	uint64_t v;
	int c;

	if (d->op != DRV_LOAD && !host_driver_loaded()) {
		exec_fail(x, "the driver is not loaded: driver: load first");
		return false;
	}
	switch (d->op) {
	case DRV_LOAD:
		if (host_driver_loaded()) {
			exec_fail(x, "the driver is loaded already");
			return false;
		}
		host_driver_load(&r->o);
		list_devices(r);
		return true;
	case DRV_BIND:
		c = host_client_register(x->s->setup.spmc.partitions[d->part].uuid,
					 &r->o);
		if (c < 0) {
			exec_fail(x, "no room for another client driver (%d at most)",
				  HOST_MAX_CLIENTS);
			return false;
		}
		r->bound = host_client_vm_id(c);
		return true;
	case DRV_PARTITION_INFO:
		return do_info(x, d, r);
	case DRV_DIRECT_REQ:
	case DRV_DIRECT_REQ2:
		if ((c = need_client(x, d->part)) < 0 || !eval_data(x, d, r->data))
			return false;
		host_client_direct(c, d->op == DRV_DIRECT_REQ2, r->data, &r->o);
		return true;
	case DRV_INDIRECT:
		if ((c = need_client(x, d->part)) < 0)
			return false;
		host_client_indirect(c, d->bytes, d->nr_bytes, &r->o);
		return true;
	case DRV_SHARE:
	case DRV_LEND:
		return do_mem(x, d, r);
	case DRV_RECLAIM:
		if ((c = need_client(x, -1)) < 0 || !exec_eval(x, d->handle, &v))
			return false;
		r->handle = v;
		v = 0;
		if (d->flags && !exec_eval(x, d->flags, &v))
			return false;
		host_client_reclaim(c, r->handle, (uint32_t)v, &r->o);
		return true;
	case DRV_NOTIFY_REQUEST:
	case DRV_NOTIFY_RELINQUISH:
		if ((c = need_client(x, d->part)) < 0 ||
		    !exec_eval(x, d->notify_id, &v))
			return false;
		host_client_notify(c, d->op == DRV_NOTIFY_REQUEST, d->per_vcpu,
				   (unsigned int)v, &r->o);
		return true;
	case DRV_RAISE_SRI:
		host_raise_irq(x->s->setup.spmc.sri_intid, &r->o);
		return true;
	case DRV_NR_OPS:
		break;
	}
	return false;
}

static bool stopped(struct exec *x, const struct drv_result *r)
{
	const struct host_outcome *o = &r->o;

	switch (o->stop) {
	case HOST_RETURNED:
		return false;
	case HOST_STOPPED_IN_EL2:
		x->crashed = true;
		if (o->exit == HYP_EXIT_BUG)
			exec_fail(x, "the driver's SMC hit a %s in EL2 (a hyp panic) at %s:%d%s%s",
				  o->fault.warn ? "WARN" : "BUG",
				  kernel_tree_path(o->fault.file), o->fault.line,
				  o->fault.what ? ": " : "",
				  o->fault.what ? o->fault.what : "");
		else
			exec_fail(x, "the driver's SMC faulted in EL2%s: %s",
				  o->fault.has_pa ? " on a physical address" : "",
				  o->fault.region ? o->fault.region : "?");
		return true;
	case HOST_STOPPED_BUG:
		exec_fail(x, "kernel BUG in the host at %s:%d: %s",
			  kernel_tree_path(o->file), o->line, o->what);
		return true;
	}
	return true;
}

static void check_u64(struct exec *x, const char *what, const struct expr *e,
		      uint64_t got)
{
	uint64_t want;

	if (!e || !exec_eval(x, e, &want) || want == got)
		return;
	exec_fail(x, "%s: expected %#llx (%lld), the client got %#llx (%lld)",
		  what, (unsigned long long)want, (long long)want,
		  (unsigned long long)got, (long long)got);
}

static void check_parts(struct exec *x, const struct driver_step *d,
			const struct drv_result *r)
{
	GString *got = g_string_new(NULL);
	bool same = d->nr_want_parts == r->nr_parts;
	unsigned int i;
	uint64_t v;

	for (i = 0; i < r->nr_parts; i++)
		g_string_append_printf(got, "%s%#x", i ? ", " : "", r->parts[i]);
	for (i = 0; same && i < d->nr_want_parts; i++) {
		if (!exec_eval(x, d->want_parts[i], &v))
			break;
		same = v == r->parts[i];
	}
	if (!same && !x->fail->len)
		exec_fail(x, "partitions: the client sees [%s], not the %u expected",
			  got->str, d->nr_want_parts);
	g_string_free(got, TRUE);
}

static void check_result(struct exec *x, const struct driver_step *d,
			 const struct drv_result *r)
{
	static const char *const data_names[] = {
		"data[0]", "data[1]", "data[2]", "data[3]", "data[4]",
		"data[5]", "data[6]", "data[7]", "data[8]", "data[9]",
		"data[10]", "data[11]", "data[12]", "data[13]",
	};
	uint64_t ret = (uint64_t)(int64_t)r->o.ret;
	unsigned int i;

	if (d->ret_error && r->o.ret >= 0)
		exec_fail(x, "ret: expected an error, the client got %d and handle %#llx",
			  r->o.ret, (unsigned long long)r->handle);
	else if (d->ret)
		check_u64(x, "ret", d->ret, ret);
	else if (!d->ret_error && r->o.ret)
		exec_fail(x, "the client got %d from the driver, where expect: says nothing (it would say ret: %d)",
			  r->o.ret, r->o.ret);
	check_u64(x, "handle", d->want_handle, r->handle);
	for (i = 0; i < d->nr_want_data; i++)
		check_u64(x, data_names[i], d->want_data[i], r->data[i]);
	if (d->check_parts)
		check_parts(x, d, r);
	if (d->want_bound == -1 && r->bound >= 0)
		exec_fail(x, "bound: expected none, the client was bound to %#x",
			  r->bound);
	if (d->want_bound >= 0 && r->bound != part_id(x, d->want_bound))
		exec_fail(x, "bound: expected %#x, the client was %s %#x",
			  part_id(x, d->want_bound),
			  r->bound < 0 ? "bound to nothing, not" : "bound to",
			  r->bound < 0 ? part_id(x, d->want_bound) : r->bound);
}

/* What the client asked and what it got, as the client's lane sees it. */
static void trace_client(struct exec *x, const struct driver_step *d,
			 const struct drv_result *r)
{
	GString *t = g_string_new(NULL);
	unsigned int i;

	g_string_append_printf(t, "ret %d", r->o.ret);
	if (d->op == DRV_SHARE || d->op == DRV_LEND)
		g_string_append_printf(t, ", handle %#llx",
				       (unsigned long long)r->handle);
	if (d->op == DRV_DIRECT_REQ || d->op == DRV_DIRECT_REQ2) {
		g_string_append(t, ", data");
		for (i = 0; i < (d->op == DRV_DIRECT_REQ ? 5u : 14u); i++)
			g_string_append_printf(t, " %#llx",
					       (unsigned long long)r->data[i]);
	}
	if (d->op == DRV_BIND && r->bound < 0)
		g_string_append(t, ", bound to nothing");
	else if (d->op == DRV_BIND)
		g_string_append_printf(t, ", bound to %#x", r->bound);
	trace_line(x, "driver -> client: %s", t->str);
	g_free(x->drv_got);
	x->drv_got = g_string_free(t, FALSE);
}

bool exec_driver_step(struct exec *x, const struct step *st)
{
	const struct driver_step *d = st->drv;
	struct drv_result r = { .bound = -1 };
	bool ok;

	/* A CPU of a group uses the host kernel; it cannot boot one. */
	if (x->cpu && !x->host_up) {
		exec_fail(x, "the driver is not loaded: driver: load before the concurrently: group");
		return false;
	}
	if (!host_up(x))
		return false;
	x->drv_title = st->title;
	memset(&x->drv_warn, 0, sizeof(x->drv_warn));
	trace_line(x, "client -> driver: %s", scen_driver_op_words[d->op]);
	drv_x = x;
	ok = do_op(x, d, &r);
	drv_x = NULL;
	trace_log(x);
	if (!ok || stopped(x, &r))
		return false;
	trace_client(x, d, &r);
	memset(x->out, 0, sizeof(x->out));
	x->out[DRV_REG_RET] = (uint64_t)(int64_t)r.o.ret;
	x->out[DRV_REG_HANDLE] = r.handle;
	memcpy(&x->out[DRV_REG_DATA], r.data, sizeof(r.data));
	check_result(x, d, &r);
	if (x->drv_warn.file && !x->fail->len)
		exec_fail(x, "unexpected WARN in EL2 at %s:%d: %s",
			  kernel_tree_path(x->drv_warn.file), x->drv_warn.line,
			  x->drv_warn.what ? x->drv_warn.what : "");
	return !x->fail->len;
}
