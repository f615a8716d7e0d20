// SPDX-License-Identifier: GPL-2.0-only
/*
 * What each kind of step does to the machine.  Host SMCs go through
 * hyp_host_smc(), the model of pKVM's host SMC path, exactly as one host
 * instruction would; partition actions call the mock SPMC's partition
 * side directly.
 */
#include <stdio.h>
#include <string.h>

#include "sim/exec/exec_internal.h"

static bool eval_regs(struct exec *x, const struct step *st, uint64_t *regs,
		      int first)
{
	int i;

	for (i = first; i < (int)st->nr_regs; i++)
		if (st->regs[i] && !exec_eval(x, st->regs[i], &regs[i]))
			return false;
	return true;
}

/* Remember what later share and frag_tx steps take as defaults. */
void exec_note_host_state(struct exec *x)
{
	uint32_t fid = ffa_fid_strip_hint(x->in[0]);
	bool success = (uint32_t)x->out[0] == FFA_SUCCESS ||
		       (uint32_t)x->out[0] == FFA_FN64_SUCCESS;

	if (fid == FFA_VERSION && !(x->out[0] & (1ULL << 31)) &&
	    !(x->out[0] >> 32))
		x->negotiated = MIN((uint32_t)x->in[1], (uint32_t)x->out[0]);
	if ((fid == FFA_RXTX_MAP || fid == FFA_FN64_RXTX_MAP) && success) {
		x->mapped = true;
		x->tx = fid == FFA_RXTX_MAP ? (uint32_t)x->in[1] : x->in[1];
		x->rx = fid == FFA_RXTX_MAP ? (uint32_t)x->in[2] : x->in[2];
		x->mbox_bytes = (x->in[3] & FFA_RXTX_PAGE_COUNT_MASK) *
				FFA_PAGE_SIZE;
	}
	if (fid == FFA_RXTX_UNMAP && success)
		x->mapped = false;
	if ((uint32_t)x->out[0] == FFA_MEM_FRAG_RX)
		x->frag_handle = (uint32_t)x->out[1] |
				 ((uint64_t)(uint32_t)x->out[2] << 32);
}

/*
 * Say where a fault hit in simulated terms only: the host address varies
 * from run to run, and compare must see the same text for the same bug.
 */
static void fail_fault(struct exec *x, const struct hyp_fault *f)
{
	char pa[40] = "", dist[48] = "";

	if (f->has_pa)
		snprintf(pa, sizeof(pa), " at PA %#llx", (unsigned long long)f->pa);
	if (f->distance)
		snprintf(dist, sizeof(dist), ", %#llx bytes away",
			 (unsigned long long)f->distance);
	exec_fail(x, "hyp panic: memory fault in EL2%s: %s%s", pa, f->region,
		  dist);
}

/*
 * A fault, BUG or WARN at EL2 is a hyp panic: the machine stops, so the
 * scenario ends with this step whether or not it expected the panic.
 */
static bool panic_expected(struct exec *x, const struct step *st)
{
	bool fault = x->exit == HYP_EXIT_FAULT;

	x->panicked = true;
	if (fault ? st->expect.fault : exec_panic_expected(x, st))
		return true;
	x->crashed = true;
	if (fault)
		fail_fault(x, &x->fault);
	else
		exec_fail_panic(x, &x->fault);
	exec_fail_where(x, &x->fault, fault);
	if (st->expect.nr_warns)
		exec_fail(x, "expected: a hyp panic by a WARN matching '%s'",
			  st->expect.warns[0]);
	return false;
}

/* One host SMC with x->in loaded; then every check of the step. */
static bool host_smc(struct exec *x, const struct step *st)
{
	uint64_t regs[SMC_NR_REGS];

	memcpy(regs, x->in, sizeof(regs));
	/* hyp_host_smc() empties the hyp's events itself. */
	exec_carried_start(x, x->in);
	x->exit = hyp_host_smc(regs, &x->fault);
	exec_carried_stop(x);
	if (x->smc_back)
		x->smc_back(x, regs);
	memcpy(x->out, regs, sizeof(regs));
	trace_smc(x, st->title);
	if (x->exit == HYP_EXIT_FAULT || x->exit == HYP_EXIT_BUG)
		return panic_expected(x, st);
	if (st->expect.fault || st->expect.bug)
		exec_fail(x, "expected a %s in EL2, but the call returned",
			  st->expect.bug ? "BUG" : "memory fault");
	exec_note_host_state(x);
	exec_check_expect(x, st);
	return !x->fail->len;
}

static bool step_call(struct exec *x, const struct step *st)
{
	memset(x->in, 0, sizeof(x->in));
	return eval_regs(x, st, x->in, 0) && host_smc(x, st);
}

static bool mailbox_write(struct exec *x, const uint8_t *data, size_t len)
{
	if (!x->mapped) {
		exec_fail(x, "no TX buffer: map one with FFA_RXTX_MAP first");
		return false;
	}
	if (len > x->mbox_bytes) {
		exec_fail(x, "a fragment of %zu bytes does not fit the %llu-byte TX buffer",
			  len, (unsigned long long)x->mbox_bytes);
		return false;
	}
	if (physmem_write(&x->w.pm, x->tx, data, len)) {
		exec_fail(x, "the TX buffer at %#llx is not host memory",
			  (unsigned long long)x->tx);
		return false;
	}
	return true;
}

static bool eval_u(struct exec *x, const struct expr *e, uint64_t dflt,
		   uint64_t *out)
{
	*out = dflt;
	return !e || exec_eval(x, e, out);
}

/* A descriptor field of @bits bits: a larger value is the scenario's bug. */
static bool eval_field(struct exec *x, const struct expr *e, uint64_t dflt,
		       unsigned int bits, const char *what, uint64_t *out)
{
	if (!eval_u(x, e, dflt, out))
		return false;
	if (bits < 64 && *out >> bits) {
		exec_fail(x, "%s %#llx does not fit its %u-bit field",
			  what, (unsigned long long)*out, bits);
		return false;
	}
	return true;
}

static bool build_receivers(struct exec *x, const struct mem_send *m,
			    struct desc_spec *d)
{
	unsigned int i;
	uint64_t v;

	for (i = 0; i < m->nr_receivers; i++) {
		const struct mem_receiver_src *r = &m->receivers[i];

		/* Whole, impdef included: desc_spec_reset() leaves it. */
		d->receivers[i] = (struct desc_receiver){ 0 };
		if (!eval_field(x, r->id, 0, 16, "receiver id", &v))
			return false;
		d->receivers[i].id = (uint16_t)v;
		if (!eval_field(x, r->perms, FFA_PERMS(r->data, r->instr), 8,
				"receiver perms", &v))
			return false;
		d->receivers[i].perms = (uint8_t)v;
		if (!eval_field(x, r->flags, 0, 8, "receiver flags", &v))
			return false;
		d->receivers[i].flags = (uint8_t)v;
	}
	d->nr_receivers = m->nr_receivers;
	return true;
}

static bool build_ranges(struct exec *x, const struct mem_send *m,
			 struct desc_spec *d)
{
	unsigned int i;
	uint64_t v;

	for (i = 0; i < m->nr_ranges; i++) {
		const struct mem_range_src *r = &m->ranges[i];

		if (!exec_eval(x, r->address, &d->ranges[i].address))
			return false;
		if (r->ffa_pages) {
			if (!exec_eval(x, r->ffa_pages, &v))
				return false;
		} else {
			if (!exec_eval(x, r->pages, &v))
				return false;
			/* A count that would wrap is refused, not cut. */
			if (v > UINT32_MAX / (x->page_size / FFA_PAGE_SIZE)) {
				exec_fail(x, "a range of %#llx pages does not fit its 32-bit count of FF-A pages",
					  (unsigned long long)v);
				return false;
			}
			v *= x->page_size / FFA_PAGE_SIZE;
		}
		if (v >> 32) {
			exec_fail(x, "a range of %#llx FF-A pages does not fit its 32-bit field",
				  (unsigned long long)v);
			return false;
		}
		d->ranges[i].pages = (uint32_t)v;
	}
	d->nr_ranges = m->nr_ranges;
	return true;
}

/*
 * The sender states memory attributes for a share or a lend to several
 * borrowers; a single borrower of a lend, or the new owner of a
 * donation, chooses them itself (Linux's FF-A driver does the same).
 */
static uint16_t default_attrs(const struct mem_send *m)
{
	if (m->op == FFA_MTD_TYPE_SHARE ||
	    (m->op == FFA_MTD_TYPE_LEND && m->nr_receivers > 1))
		return FFA_ATTRS_NORMAL_WB_IS;
	return 0;
}

static bool build_header(struct exec *x, const struct mem_send *m,
			 struct desc_spec *d)
{
	uint64_t v;
	int f;

	if (!eval_field(x, m->sender, 0, 16, "sender", &v))
		return false;
	d->sender = (uint16_t)v;
	if (!eval_field(x, m->attrs, default_attrs(m), 16, "attributes", &v))
		return false;
	d->attrs = (uint16_t)v;
	if (!eval_field(x, m->flags, 0, 32, "flags", &v))
		return false;
	d->flags = (uint32_t)v;
	if (!eval_u(x, m->tag, 0, &d->tag) ||
	    !eval_u(x, m->handle, 0, &d->handle))
		return false;
	for (f = 0; f < DESC_F_NR_FIELDS; f++) {
		if (!m->override[f])
			continue;
		if (!exec_eval(x, m->override[f], &v))
			return false;
		desc_set_override(d, f, v);
	}
	return true;
}

static bool build_pokes(struct exec *x, const struct mem_send *m,
			struct desc_spec *d)
{
	unsigned int i;
	uint64_t off;

	for (i = 0; i < m->nr_pokes; i++) {
		if (!exec_eval(x, m->poke_offset[i], &off) ||
		    !exec_eval(x, m->poke_value[i], &d->pokes[i].value))
			return false;
		if (off > UINT32_MAX) {
			exec_fail(x, "a poke at offset %#llx is beyond any descriptor",
				  (unsigned long long)off);
			return false;
		}
		d->pokes[i].offset = (uint32_t)off;
		d->pokes[i].size = m->poke_size[i];
	}
	d->nr_pokes = m->nr_pokes;
	return true;
}

#define DESC_BUF_SIZE	(1U << 20)

static bool build_descriptor(struct exec *x, const struct mem_send *m)
{
	struct desc_spec spec, *d = &spec;	/* reset below */
	bool ok;

	desc_spec_reset(d, m->layout ? m->layout :
			x->negotiated ? x->negotiated : FFA_VERSION_1_1);
	ok = build_header(x, m, d) && build_receivers(x, m, d) &&
	     build_ranges(x, m, d) && build_pokes(x, m, d);
	if (ok) {
		/*
		 * One buffer for the scenario: desc_build() zeroes the bytes
		 * it uses, so no share needs a fresh or a zeroed 1 MiB.
		 */
		if (!x->desc)
			x->desc = g_malloc(DESC_BUF_SIZE);
		x->desc_len = desc_build(d, x->desc, DESC_BUF_SIZE);
		x->desc_sent = 0;
		if (!x->desc_len) {
			exec_fail(x, "cannot build this descriptor: it would exceed %u bytes, or a poke or override does not fit its field",
				  DESC_BUF_SIZE);
			ok = false;
		}
	}
	return ok;
}

static uint32_t mem_fid(const struct mem_send *m)
{
	uint32_t n = m->op == FFA_MTD_TYPE_SHARE ? 0x73 :
		     m->op == FFA_MTD_TYPE_LEND ? 0x72 : 0x71;

	return m->smc32 ? FFA_SMC32(n) : FFA_SMC64(n);
}

static bool step_mem_send(struct exec *x, const struct step *st)
{
	const struct mem_send *m = st->mem;
	uint64_t frag;

	if (!build_descriptor(x, m) ||
	    !eval_u(x, m->fragment, x->desc_len, &frag))
		return false;
	if (frag > x->desc_len) {
		exec_fail(x, "fragment: %llu is longer than the %zu-byte descriptor",
			  (unsigned long long)frag, x->desc_len);
		return false;
	}
	if (!mailbox_write(x, x->desc, frag))
		return false;
	memset(x->in, 0, sizeof(x->in));
	x->in[0] = mem_fid(m);
	x->in[1] = x->desc_len;
	x->in[2] = frag;
	x->desc_sent = frag;
	return eval_regs(x, st, x->in, 1) && host_smc(x, st);
}

static bool step_frag_tx(struct exec *x, const struct step *st)
{
	size_t left = x->desc_len - x->desc_sent;
	uint64_t len, handle;

	if (!x->desc) {
		exec_fail(x, "frag_tx: no share, lend or donate step came before");
		return false;
	}
	if (!eval_u(x, st->frag_len, left, &len) ||
	    !eval_u(x, st->frag_handle, x->frag_handle, &handle))
		return false;
	if (len > left) {
		exec_fail(x, "frag_tx: %llu bytes asked, %zu left of the descriptor",
			  (unsigned long long)len, left);
		return false;
	}
	if (!mailbox_write(x, x->desc + x->desc_sent, len))
		return false;
	memset(x->in, 0, sizeof(x->in));
	x->in[0] = FFA_MEM_FRAG_TX;
	x->in[1] = (uint32_t)handle;
	x->in[2] = handle >> 32;
	x->in[3] = len;
	x->desc_sent += len;
	return eval_regs(x, st, x->in, 1) && host_smc(x, st);
}

/* What an injection applies to, for the trace. */
static const char *fid_words(uint32_t fid)
{
	static char raw[24];

	if (fid == SPMC_FAULT_ANY_FID)
		return "any call";
	if (ffa_func_name(fid))
		return ffa_func_name(fid);
	snprintf(raw, sizeof(raw), "%#x", fid);
	return raw;
}

/* A partition action's own word: a step's title may be a note. */
static const char *partition_action(enum step_kind kind)
{
	switch (kind) {
	case STEP_RETRIEVE:
		return "retrieve";
	case STEP_RELINQUISH:
		return "relinquish";
	case STEP_SP_WRITE:
		return "sp_write";
	default:
		return "sp_read";
	}
}

static bool step_inject_spmc(struct exec *x, const struct step *st)
{
	struct spmc_fault f = st->fault;
	uint64_t v;

	if (!exec_eval(x, st->inj_value, &v))
		return false;
	if (f.kind == SPMC_FAULT_ERROR)
		f.error = (int32_t)v;
	else
		f.value = v;
	if (spmc_inject(x->w.spmc, &f)) {
		exec_fail(x, "the SPMC's fault table is full");
		return false;
	}
	trace_line(x, "inject: SPMC %s %s", fid_words(f.fid),
		   f.kind == SPMC_FAULT_ERROR ? "answers an error" : "corrupts a field");
	return true;
}

static bool step_inject_hyp(struct exec *x, const struct step *st)
{
	uint64_t v;
	int err;

	if (!exec_eval(x, st->inj_value, &v))
		return false;
	err = (int)(int64_t)v;
	if (err > 0)
		err = -err;
	hyp_inject_fail_after(st->hyp_op, err, st->skip,
			      st->times ? st->times : ~0U);
	trace_line(x, "inject: hyp %s fails with %d", hyp_op_name(st->hyp_op),
		   err);
	return true;
}

static bool status_is(struct exec *x, const struct step *st, int ret)
{
	uint64_t want = 0;
	char why[160] = "";

	if (st->expect.status && !exec_eval(x, st->expect.status, &want))
		return false;
	if ((int32_t)want == ret)
		return true;
	if (ret)
		spmc_partition_refusal(x->w.spmc, why, sizeof(why));
	exec_fail(x, "%s: expected %s, got %s%s%s", partition_action(st->kind),
		  want ? ffa_error_name((int32_t)want) : "ok",
		  ret ? (ffa_error_name(ret) ? ffa_error_name(ret) : "an error") :
		  "ok", *why ? ": " : "", why);
	return false;
}

static bool step_partition(struct exec *x, const struct step *st)
{
	uint64_t handle, off = 0;
	uint8_t *buf;
	int ret;

	if (!exec_eval(x, st->handle, &handle) ||
	    !eval_u(x, st->offset, 0, &off))
		return false;
	switch (st->kind) {
	case STEP_RETRIEVE:
		ret = spmc_partition_retrieve(x->w.spmc, st->part_id, handle,
					      st->data, st->instr, st->mtd_type);
		break;
	case STEP_RELINQUISH:
		ret = spmc_partition_relinquish(x->w.spmc, st->part_id, handle);
		break;
	case STEP_SP_WRITE:
		ret = spmc_partition_write(x->w.spmc, st->part_id, handle, off,
					   st->bytes, st->nr_bytes);
		break;
	default:
		buf = g_malloc0(st->nr_bytes + 1);
		ret = spmc_partition_read(x->w.spmc, st->part_id, handle, off,
					  buf, st->nr_bytes);
		if (!ret) {
			char *what = g_strdup_printf("sp_read: partition %#x",
						     st->part_id);

			exec_bytes_differ(x, what, st->bytes, buf,
					  st->nr_bytes);
			g_free(what);
		}
		g_free(buf);
		break;
	}
	trace_line(x, "partition %#x: %s handle %#llx = %s", st->part_id,
		   partition_action(st->kind), (unsigned long long)handle,
		   ret ? ffa_error_name(ret) : "ok");
	return status_is(x, st, ret) && !x->fail->len;
}

static bool step_host_write(struct exec *x, const struct step *st)
{
	uint64_t at;

	if (!exec_eval(x, st->offset, &at))
		return false;
	if (physmem_write(&x->w.pm, at, st->bytes, st->nr_bytes)) {
		exec_fail(x, "host_write: %#llx is not DRAM",
			  (unsigned long long)at);
		return false;
	}
	return true;
}

static bool step_respond(struct exec *x, const struct step *st)
{
	struct queued_response *q = g_new0(struct queued_response, 1);
	uint64_t v;

	q->part_id = st->part_id;
	if (st->resp_error) {
		if (!exec_eval(x, st->resp_error, &v)) {
			g_free(q);
			return false;
		}
		q->error = (int32_t)v;
	}
	if (!eval_regs(x, st, q->regs.x, 3)) {
		g_free(q);
		return false;
	}
	g_queue_push_tail(x->responses, q);
	return true;
}

/* SCRIPTED partitions: the queued answer, else an echo of the payload. */
int exec_direct_handler(void *ctx, uint16_t part_id,
			const struct smc_regs *req, struct smc_regs *resp)
{
	struct exec *x = ctx;
	bool req2 = ffa_fid_strip_hint(req->x[0]) == FFA_FN64_MSG_SEND_DIRECT_REQ2;
	int first = req2 ? 4 : 3, last = req2 ? 17 : 7, i;
	struct queued_response *q;
	GList *l;

	for (l = x->responses->head; l; l = l->next) {
		q = l->data;
		if (q->part_id != part_id)
			continue;
		g_queue_delete_link(x->responses, l);
		for (i = first; i <= last; i++)
			resp->x[i] = q->regs.x[i];
		i = q->error;
		g_free(q);
		return i;
	}
	for (i = first; i <= last; i++)
		resp->x[i] = req->x[i];
	return 0;
}

/* Any step but a concurrently: one, which exec.c runs (exec_concurrent.c). */
bool exec_step_action(struct exec *x, const struct step *st)
{
	switch (st->kind) {
	case STEP_CALL:
		return step_call(x, st);
	case STEP_MEM_SEND:
		return step_mem_send(x, st);
	case STEP_FRAG_TX:
		return step_frag_tx(x, st);
	case STEP_INJECT_SPMC:
		return step_inject_spmc(x, st);
	case STEP_INJECT_HYP:
		return step_inject_hyp(x, st);
	case STEP_HOST_WRITE:
		return step_host_write(x, st);
	case STEP_RESPOND:
		return step_respond(x, st);
	case STEP_DRIVER:
		return exec_driver_step(x, st);
	default:
		return step_partition(x, st);
	}
}

bool exec_step_on_cpu(struct exec *x, const struct step *st)
{
	if (!exec_step_action(x, st))
		return false;
	exec_captures(x, st);
	return !x->fail->len;
}
