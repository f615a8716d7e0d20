// SPDX-License-Identifier: GPL-2.0-only
/*
 * A driver program on the fuzzer's machine, with the scenario runner's
 * rules for driver: steps (sim/exec/exec_driver.c): the host kernel's
 * pages are DRAM's upper half below the hyp's own, a message goes through
 * the client bound to its partition, memory through any bound client.
 *
 * After an action that was cut short (a fault, BUG or WARN in EL2, a BUG
 * in the host) nothing more runs, not even the unload: the driver may
 * hold its own mutexes there, and a machine after a hyp panic does not go
 * on either.  The next input starts from a fresh machine and host kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/driver/drv_play.h"
#include "fuzz/machine.h"
#include "spmc_mock/ffa_abi.h"

/* Every step of the oracle's view is a host SMC (FZ_CALL is 0). */
static const struct fz_prog smc_steps;

void df_where(const struct df_play *d, int at, char *buf, size_t len)
{
	if (at == DF_AT_LOAD)
		snprintf(buf, len, "load");
	else if (at == DF_AT_UNLOAD)
		snprintf(buf, len, "unload");
	else
		snprintf(buf, len, "call %d (%s)", at,
			 df_kind_name(d->prog->calls[at].kind));
}

/* Which mailboxes the driver has mapped: the invariants pin them. */
static void note_mailboxes(struct fz_play *pl)
{
	uint32_t fid = ffa_fid_strip_hint(pl->in[0]);
	uint32_t ret = (uint32_t)pl->out[0];
	bool success = ret == FFA_SUCCESS || ret == FFA_FN64_SUCCESS;

	if ((fid == FFA_RXTX_MAP || fid == FFA_FN64_RXTX_MAP) && success) {
		pl->mapped = true;
		pl->tx = fid == FFA_RXTX_MAP ? (uint32_t)pl->in[1] : pl->in[1];
		pl->rx = fid == FFA_RXTX_MAP ? (uint32_t)pl->in[2] : pl->in[2];
	}
	if (fid == FFA_RXTX_UNMAP && success)
		pl->mapped = false;
}

/* Each SMC of the driver, as it comes back from EL2: the oracle. */
static void on_smc(void *ctx, const uint64_t *in, const uint64_t *out,
		   enum hyp_exit exit, const struct hyp_fault *fault)
{
	struct df_play *d = ctx;
	struct fz_play *pl = &d->pl;
	unsigned int i = d->nr_smcs++ % FZ_MAX_OPS;

	memset(&pl->rec[i], 0, sizeof(pl->rec[i]));
	pl->rec[i].ran = true;
	memcpy(pl->in, in, sizeof(pl->in));
	memcpy(pl->out, out, sizeof(pl->out));
	pl->exit = exit;
	pl->fault = *fault;
	if (exit != HYP_EXIT_FAULT && exit != HYP_EXIT_BUG)
		note_mailboxes(pl);
	fz_check_smc(pl, i, (uint32_t)in[0]);
}

/* A BUG in the driver or the kernel under it: a finding of its own. */
static void host_bug_finding(struct df_play *d, const struct host_outcome *o)
{
	struct fz_finding *f = &d->pl.finding;
	char sig[sizeof(f->sig)];

	snprintf(sig, sizeof(sig), "bug host %s", o->what ? o->what : "?");
	if (f->kind != FZ_NONE || fz_is_known(sig))
		return;
	f->kind = FZ_BUG;
	memcpy(f->sig, sig, sizeof(sig));
	snprintf(f->what, sizeof(f->what), "kernel BUG in the host at %s:%d: %s",
		 o->file ? o->file : "?", o->line, o->what ? o->what : "?");
}

/* After a driver action: false when nothing more may run. */
static bool went_on(struct df_play *d, const struct host_outcome *o)
{
	if (o->stop == HOST_STOPPED_BUG)
		host_bug_finding(d, o);
	if (o->stop != HOST_RETURNED)
		d->stopped = true;
	if (!d->stopped && !d->pl.stop && d->pl.finding.kind == FZ_NONE)
		return true;
	d->end_at = d->at;
	return false;
}

static uint16_t target_id(const struct df_call *c)
{
	return c->target == DT_SP2 ? FZ_PART_2 : FZ_PART_1;
}

static uint16_t receiver_id(const struct df_receiver *r)
{
	switch (r->who) {
	case DW_SP1:
		return FZ_PART_1;
	case DW_SP2:
		return FZ_PART_2;
	case DW_HOST:
		return 0;
	default:
		return r->id;
	}
}

static void mem_args(const struct df_call *c, struct host_mem_args *a)
{
	unsigned int i, k;
	uint64_t pa;

	a->lend = c->kind == DF_LEND;
	a->use_txbuf = !c->own_buffer;
	a->flags = c->flags;
	a->tag = c->tag;
	a->nr_receivers = c->nr_receivers;
	for (i = 0; i < c->nr_receivers; i++) {
		a->receivers[i].id = receiver_id(&c->rcv[i]);
		a->receivers[i].perms = c->rcv[i].perms;
	}
	for (i = 0; i < c->nr_ranges; i++) {
		pa = FZ_DRAM_BASE + c->range[i].page * fz_m.page_size;
		if (!c->per_page) {
			a->ranges[a->nr_ranges].pa = pa;
			a->ranges[a->nr_ranges++].pages = c->range[i].pages;
			continue;
		}
		for (k = 0; k < c->range[i].pages; k++) {
			a->ranges[a->nr_ranges].pa = pa + k * fz_m.page_size;
			a->ranges[a->nr_ranges++].pages = 1;
		}
	}
}

static void do_mem(const struct df_call *c, struct df_result *r, int client)
{
	static struct host_mem_args a;

	memset(&a, 0, sizeof(a));
	mem_args(c, &a);
	host_client_mem(client, &a, &r->handle, &r->o);
}

/* The runner takes whole pages of DRAM only: not the hyp's guard pages. */
static bool ranges_are_ram(const struct df_call *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_ranges; i++)
		if (!physmem_is_ram(&fz_m.pm, FZ_DRAM_BASE +
				    c->range[i].page * fz_m.page_size,
				    c->range[i].pages * fz_m.page_size))
			return false;
	return true;
}

/* The handle of the share @back shares before this call, or -1. */
static int share_back(const struct df_play *d, int call, unsigned int back)
{
	int i;

	for (i = call - 1; i >= 0; i--) {
		const struct df_result *r = &d->res[i];
		enum df_kind k = d->prog->calls[i].kind;

		if (!r->ran || (k != DF_SHARE && k != DF_LEND) ||
		    r->o.stop != HOST_RETURNED || r->o.ret)
			continue;
		if (!back--)
			return i;
	}
	return -1;
}

/* One call, or none where the runner would refuse the step. */
static void run_call(struct df_play *d, int i)
{
	const struct df_prog *p = d->prog;
	const struct df_call *c = &p->calls[i];
	const struct spmc_config *cfg = fz_machine_config(&p->setup);
	struct df_result *r = &d->res[i];
	struct host_part parts[HOST_MAX_PARTS];
	uint8_t uuid[16] = { 0 };
	uint64_t data[14] = { 0 };
	int client = host_client_for(-1);

	if (c->kind == DF_DIRECT || c->kind == DF_DIRECT2 ||
	    c->kind == DF_INDIRECT || c->kind == DF_NOTIFY ||
	    c->kind == DF_UNNOTIFY)
		client = host_client_for(target_id(c));
	if (c->target != DT_ALL)
		memcpy(uuid, cfg->partitions[c->target].uuid, sizeof(uuid));
	if (c->kind == DF_RECLAIM && !c->raw_handle) {
		r->handle_of = share_back(d, i, c->back);
		if (r->handle_of < 0)
			return;
		r->handle = d->res[r->handle_of].handle;
	} else {
		r->handle_of = -1;
	}
	if ((c->kind != DF_BIND && client < 0) ||
	    ((c->kind == DF_SHARE || c->kind == DF_LEND) && !ranges_are_ram(c)))
		return;
	hyp_set_this_cpu(c->cpu);
	r->ran = true;
	switch (c->kind) {
	case DF_BIND:
		if (host_client_register(uuid, &r->o) < 0)
			r->ran = false;
		break;
	case DF_INFO:
		host_client_partition_info(client, uuid, parts, HOST_MAX_PARTS,
					   &r->o);
		break;
	case DF_DIRECT:
	case DF_DIRECT2:
		memcpy(data, c->data, c->nr_data * sizeof(data[0]));
		host_client_direct(client, c->kind == DF_DIRECT2, data, &r->o);
		break;
	case DF_INDIRECT:
		host_client_indirect(client, c->bytes, c->nr_bytes, &r->o);
		break;
	case DF_SHARE:
	case DF_LEND:
		do_mem(c, r, client);
		break;
	case DF_RECLAIM:
		if (c->raw_handle)
			r->handle = c->handle;
		host_client_reclaim(client, r->handle, c->flags, &r->o);
		break;
	case DF_NOTIFY:
	case DF_UNNOTIFY:
		host_client_notify(client, c->kind == DF_NOTIFY, c->per_vcpu,
				   c->notify_id, &r->o);
		break;
	}
	hyp_set_this_cpu(0);
}

/* DRAM's upper half below the hyp's pages, as the runner gives it. */
static void host_up(struct df_play *d)
{
	struct host_config cfg = {
		.smccc_version = SMCCC_VERSION_1_2,
		.nr_cpus = HYP_MAX_CPUS,
		.pool_pa = FZ_DRAM_BASE + fz_m.dram_size / 2,
	};
	char err[256];

	cfg.pool_size = hyp_proxy_pages_pa() - fz_m.page_size - cfg.pool_pa;
	if (host_env_init(&fz_m.pm, &cfg, err, sizeof(err))) {
		fprintf(stderr, "ffa-driver-fuzz: the host kernel: %s\n", err);
		abort();
	}
	host_set_smc_observer(on_smc, d);
}

static void run(struct df_play *d)
{
	int i;

	d->at = DF_AT_LOAD;
	host_driver_load(&d->load);
	if (!went_on(d, &d->load))
		return;
	for (i = 0; i < (int)d->prog->nr_calls; i++) {
		d->at = i;
		run_call(d, i);
		if (d->res[i].ran && !went_on(d, &d->res[i].o))
			return;
	}
	d->at = DF_AT_UNLOAD;
	host_driver_unload(&d->unload);
	d->unloaded = true;
	went_on(d, &d->unload);
}

bool df_play(const struct df_prog *p, struct df_play *d)
{
	memset(d, 0, sizeof(*d));
	d->prog = p;
	d->pl.prog = &smc_steps;
	d->end_at = DF_AT_UNLOAD;
	if (fz_machine_reset(&p->setup) || fz_m.init_ret)
		return false;
	d->pl.locks_before = hyp_locks_held();
	fz_oracle_begin();
	hyp_set_this_cpu(0);
	host_up(d);
	run(d);
	host_set_smc_observer(NULL, NULL);
	host_env_exit();
	hyp_set_this_cpu(0);
	return true;
}
