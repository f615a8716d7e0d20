// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each kind of step, as the scenario runner does it (sim/exec/exec_step.c), on
 * the fuzzer's machine.  The runner's rules are followed to the letter
 * where they decide what reaches the proxy: the TX buffer is the one the
 * last successful FFA_RXTX_MAP named, a share writes its first fragment
 * there and passes the total and fragment lengths in x1/x2, frag_tx sends
 * the next bytes with the handle of the last FFA_MEM_FRAG_RX.  Where the
 * runner would fail a step before any SMC, the step is skipped instead.
 */
#include <string.h>

#include "fuzz/machine.h"
#include "fuzz/play.h"
#include "spmc_mock/ffa_abi.h"

bool fz_host_only;

const struct fz_handle *fz_handle_of(const struct fz_play *pl, uint64_t v)
{
	unsigned int back = v & 3;

	if (back >= pl->nr_handles)
		return NULL;
	return &pl->handles[pl->nr_handles - 1 - back];
}

uint64_t fz_resolve(const struct fz_play *pl, const struct fz_val *v)
{
	const struct fz_handle *h;
	uint64_t x;

	switch (v->kind) {
	case FV_RAW:
		return v->v;
	case FV_CONST:
		if (fz_consts[v->v].value)
			return fz_consts[v->v].value(fz_m.page_size);
		return fz_consts[v->v].fixed;
	case FV_PAGE:
		return fz_page_pa(v->v);
	case FV_HANDLE:
		h = fz_handle_of(pl, v->v);
		x = h ? h->value : 0;
		switch ((v->v >> 2) & 3) {
		case FH_LO:
			return (uint32_t)x;
		case FH_HI:
			return x >> 32;
		case FH_NEXT:
			return x + 1;
		default:
			return x;
		}
	case FV_FID:
		return fz_fid_value(v->v);
	default:
		return 0;
	}
}

/* The runner's note_host_state(): what later steps take as defaults. */
static void note_host_state(struct fz_play *pl, unsigned int i)
{
	uint32_t fid = ffa_fid_strip_hint(pl->in[0]);
	uint32_t ret = (uint32_t)pl->out[0];
	bool success = ret == FFA_SUCCESS || ret == FFA_FN64_SUCCESS;
	bool mem = fid == FFA_MEM_SHARE || fid == FFA_FN64_MEM_SHARE ||
		   fid == FFA_MEM_LEND || fid == FFA_FN64_MEM_LEND ||
		   fid == FFA_MEM_DONATE || fid == FFA_FN64_MEM_DONATE ||
		   fid == FFA_MEM_FRAG_TX;

	if ((fid == FFA_RXTX_MAP || fid == FFA_FN64_RXTX_MAP) && success) {
		pl->mapped = true;
		pl->tx = fid == FFA_RXTX_MAP ? (uint32_t)pl->in[1] : pl->in[1];
		pl->rx = fid == FFA_RXTX_MAP ? (uint32_t)pl->in[2] : pl->in[2];
		pl->mbox_bytes = (pl->in[3] & FFA_RXTX_PAGE_COUNT_MASK) *
				 FFA_PAGE_SIZE;
	}
	if (fid == FFA_RXTX_UNMAP && success)
		pl->mapped = false;
	if (ret == FFA_MEM_FRAG_RX) {
		pl->frag_handle = (uint32_t)pl->out[1] |
				  ((uint64_t)(uint32_t)pl->out[2] << 32);
		pl->rec[i].capture = FC_FRAG_RX;
		pl->handles[pl->nr_handles++] = (struct fz_handle){
			.value = pl->frag_handle, .op = i,
		};
	} else if (mem && ret == FFA_SUCCESS) {
		pl->rec[i].capture = FC_SUCCESS;
		pl->handles[pl->nr_handles++] = (struct fz_handle){
			.value = (uint32_t)pl->out[2] |
				 ((uint64_t)(uint32_t)pl->out[3] << 32),
			.op = i,
		};
	}
}

static void mix(struct fz_play *pl, const void *data, size_t len)
{
	const uint8_t *b = data;

	while (len--)
		pl->digest = (pl->digest ^ *b++) * 0x100000001b3ULL;
}

static void host_smc(struct fz_play *pl, unsigned int i)
{
	uint64_t regs[SMC_NR_REGS];

	pl->rec[i].ran = true;
	memcpy(regs, pl->in, sizeof(regs));
	hyp_events_clear();
	pl->exit = hyp_host_smc(regs, &pl->fault);
	memcpy(pl->out, regs, sizeof(regs));
	mix(pl, pl->in, sizeof(pl->in));
	mix(pl, pl->out, sizeof(pl->out));
	mix(pl, &pl->exit, sizeof(pl->exit));
	if (pl->exit != HYP_EXIT_FAULT && pl->exit != HYP_EXIT_BUG &&
	    pl->exit != HYP_EXIT_HANG)
		note_host_state(pl, i);
	fz_check_smc(pl, i, (uint32_t)pl->in[0]);
}

static void step_call(struct fz_play *pl, unsigned int i,
		      const struct fz_call *c)
{
	int r;

	memset(pl->in, 0, sizeof(pl->in));
	pl->in[0] = fz_resolve(pl, &c->fid);
	for (r = 1; r < SMC_NR_REGS; r++)
		if (c->set & (1U << r))
			pl->in[r] = fz_resolve(pl, &c->x[r]);
	host_smc(pl, i);
}

/* The runner's mailbox_write(): false (nothing written) where it fails. */
static bool mailbox_write(const struct fz_play *pl, const uint8_t *data,
			  size_t len)
{
	return pl->mapped && len <= pl->mbox_bytes &&
	       !physmem_write(&fz_m.pm, pl->tx, data, len);
}

static size_t build_desc(struct fz_play *pl, const struct fz_mem *m,
			 uint8_t *buf, size_t cap)
{
	struct desc_spec d;
	unsigned int k;

	desc_spec_init(&d, fz_layout_version(m->layout));
	d.sender = m->sender;
	d.attrs = m->attrs;
	d.flags = m->flags;
	d.tag = m->tag;
	d.handle = m->handle;
	d.nr_receivers = m->nr_receivers;
	for (k = 0; k < m->nr_receivers; k++) {
		d.receivers[k].id = m->rcv[k].id;
		d.receivers[k].perms = m->rcv[k].perms;
		d.receivers[k].flags = m->rcv[k].flags;
	}
	d.nr_ranges = m->nr_ranges;
	for (k = 0; k < m->nr_ranges; k++) {
		d.ranges[k].address = fz_resolve(pl, &m->range[k].at);
		d.ranges[k].pages = m->range[k].ffa_pages;
	}
	for (k = 0; k < DESC_F_NR_FIELDS; k++)
		if (m->overridden & (1U << k))
			desc_set_override(&d, k, m->override[k]);
	d.nr_pokes = m->nr_pokes;
	for (k = 0; k < m->nr_pokes; k++) {
		d.pokes[k].offset = m->poke[k].offset;
		d.pokes[k].size = m->poke[k].size;
		d.pokes[k].value = m->poke[k].value;
	}
	return desc_build(&d, buf, cap);
}

static void step_mem_send(struct fz_play *pl, unsigned int i,
			  const struct fz_mem *m)
{
	uint8_t buf[sizeof(pl->desc)];
	size_t len = build_desc(pl, m, buf, sizeof(buf));
	size_t frag = m->fragment ? m->fragment : len;
	uint32_t n = m->type == FFA_MTD_TYPE_SHARE ? 0x73 :
		     m->type == FFA_MTD_TYPE_LEND ? 0x72 : 0x71;
	int r;

	if (!len || frag > len || !mailbox_write(pl, buf, frag))
		return;
	memcpy(pl->desc, buf, len);
	pl->desc_len = len;
	pl->desc_sent = frag;
	pl->have_desc = true;
	memset(pl->in, 0, sizeof(pl->in));
	pl->in[0] = m->smc32 ? FFA_SMC32(n) : FFA_SMC64(n);
	pl->in[1] = len;
	pl->in[2] = frag;
	for (r = 1; r < 5; r++)
		if (m->set & (1U << r))
			pl->in[r] = fz_resolve(pl, &m->x[r]);
	host_smc(pl, i);
}

static void step_frag_tx(struct fz_play *pl, unsigned int i,
			 const struct fz_frag *f)
{
	size_t left = pl->desc_len - pl->desc_sent;
	size_t len = f->length ? f->length : left;
	uint64_t handle;

	if (!pl->have_desc || len > left ||
	    !mailbox_write(pl, pl->desc + pl->desc_sent, len))
		return;
	handle = f->has_handle ? fz_resolve(pl, &f->handle) : pl->frag_handle;
	pl->desc_sent += len;
	memset(pl->in, 0, sizeof(pl->in));
	pl->in[0] = FFA_MEM_FRAG_TX;
	pl->in[1] = (uint32_t)handle;
	pl->in[2] = handle >> 32;
	pl->in[3] = len;
	host_smc(pl, i);
}

static void step_inject_spmc(struct fz_play *pl, unsigned int i,
			     const struct fz_inject_spmc *in)
{
	struct spmc_fault f = {
		.fid = fz_spmc_fids[in->fid],
		.kind = in->kind,
		.count = in->times,
	};
	uint64_t v = fz_resolve(pl, &in->value);

	if (f.kind == SPMC_FAULT_ERROR)
		f.error = (int32_t)v;
	else
		f.value = v;
	if (fz_host_only || spmc_inject(fz_m.spmc, &f))
		return;
	pl->rec[i].ran = true;
	pl->rec[i].spmc_error = f.error;
	fz_check_state(pl, i, 0, false, NULL);
}

static void step_inject_hyp(struct fz_play *pl, unsigned int i,
			    const struct fz_inject_hyp *in)
{
	hyp_inject_fail_after(in->op, -fz_errnos[in->err].value, in->after,
			      in->times ? in->times : ~0U);
	pl->rec[i].ran = true;
	fz_check_state(pl, i, 0, false, NULL);
}

static void step_partition(struct fz_play *pl, unsigned int i,
			   const struct fz_op *op)
{
	const struct fz_sp *sp = &op->sp;
	uint16_t id = sp->part ? FZ_PART_2 : FZ_PART_1;
	uint64_t handle = fz_resolve(pl, &sp->handle);

	if (op->kind == FZ_RETRIEVE)
		pl->rec[i].sp_status = spmc_partition_retrieve(fz_m.spmc, id,
			handle, sp->access, sp->exec, sp->type);
	else
		pl->rec[i].sp_status = spmc_partition_relinquish(fz_m.spmc, id,
								 handle);
	mix(pl, &pl->rec[i].sp_status, sizeof(pl->rec[i].sp_status));
	pl->rec[i].ran = true;
	fz_check_state(pl, i, 0, false, NULL);
}

bool fz_play_begin(struct fz_play *pl, const struct fz_prog *p)
{
	memset(pl, 0, sizeof(*pl));
	pl->prog = p;
	pl->digest = 0xcbf29ce484222325ULL;
	if (fz_host_only && p->setup.retrieve_frag)
		return false;
	if (fz_machine_reset(&p->setup) || fz_m.init_ret)
		return false;
	/*
	 * A fault that a known-finding filter let pass abandoned ffa.c with
	 * a lock held; the model's count of held locks remembers it.
	 */
	pl->locks_before = hyp_locks_held();
	fz_oracle_begin();
	return true;
}

bool fz_play_step(struct fz_play *pl, unsigned int i)
{
	const struct fz_op *op = &pl->prog->ops[i];

	switch (op->kind) {
	case FZ_CALL:
		step_call(pl, i, &op->call);
		break;
	case FZ_MEM_SEND:
		step_mem_send(pl, i, &op->mem);
		break;
	case FZ_FRAG_TX:
		step_frag_tx(pl, i, &op->frag);
		break;
	case FZ_INJECT_SPMC:
		step_inject_spmc(pl, i, &op->ispmc);
		break;
	case FZ_INJECT_HYP:
		step_inject_hyp(pl, i, &op->ihyp);
		break;
	default:
		step_partition(pl, i, op);
		break;
	}
	if (pl->finding.kind != FZ_NONE || pl->stop)
		return false;
	/* A known fault or hang leaves EL2 in no state to go on from. */
	return pl->exit != HYP_EXIT_FAULT && pl->exit != HYP_EXIT_BUG &&
	       pl->exit != HYP_EXIT_HANG;
}

bool fz_play(const struct fz_prog *p, struct fz_play *pl)
{
	unsigned int i;

	if (!fz_play_begin(pl, p))
		return false;
	for (i = 0; i < p->nr_ops; i++)
		if (!fz_play_step(pl, i))
			break;
	return true;
}
