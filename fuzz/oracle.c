// SPDX-License-Identifier: GPL-2.0-only
/*
 * What counts as a finding, checked after every step.
 *
 * The invariants (sim/exec/invariants.h, the runner's own rules: safety,
 * availability, pins, locks, the SPMC's mailboxes), each broken one a
 * finding with a signature, plus what the runner reports for a host SMC: a fault or BUG in EL2, a WARN nobody expected.  And one the
 * runner only sees through an expect: the hyp fills the handler's stack
 * with 0xa5 before each call (proxy/hyp/host_smc.c), so that pattern in a
 * register of an answer the proxy made itself is EL2 memory reaching the
 * host.
 *
 * Excused, because ffa.c's design documents them (docs/architecture.md):
 * pages left shared after a failed FFA_MEM_FRAG_TX (the comment at the
 * end of do_ffa_mem_frag_tx),
 * and WARNs and stuck pages of a step in which an injected unshare failed
 * (pKVM's unshare of a page it shared cannot fail; ffa.c WARNs when it
 * does, rightly).  The emitter writes both excuses into the scenario, as
 * `stuck:` and `warn:`, so that `ffa-sim run` excuses them too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/machine.h"
#include "fuzz/play.h"
#include "spmc_mock/ffa_abi.h"

#define POISON32	0xa5a5a5a5U

static const char *const *known;
static unsigned int nr_known;
static bool know_everything;

void fz_set_known(const char *const *sigs, unsigned int n)
{
	known = sigs;
	nr_known = n;
	know_everything = false;
}

void fz_know_everything(void)
{
	know_everything = true;
}

/*
 * Exact signatures only: a pattern would also cover a different bug that
 * happens to share the call or the kind.
 */
bool fz_is_known(const char *sig)
{
	unsigned int i;

	if (know_everything)
		return true;
	for (i = 0; i < nr_known; i++)
		if (!strcmp(known[i], sig))
			return true;
	return false;
}

const char *fz_finding_kind_name(enum fz_finding_kind kind)
{
	static const char *const names[] = {
		[FZ_NONE] = "none", [FZ_FAULT] = "fault", [FZ_BUG] = "bug",
		[FZ_WARN] = "warn", [FZ_LEAK] = "leak", [FZ_LOCK] = "lock",
		[FZ_SAFETY] = "safety", [FZ_STUCK] = "stuck",
		[FZ_PINS] = "pins", [FZ_MAILBOX] = "mailbox",
		[FZ_HANG] = "hang", [FZ_CRASH] = "crash",
	};

	return names[kind];
}

/*
 * SMC64 and SMC32 forms of a call run the same proxy code: one name for
 * both, so that a bug found through either is one finding.
 */
void fz_call_name(uint32_t fid, char *buf, size_t len)
{
	const char *name;

	fid &= ~SMCCC_SVE_HINT;
	name = ffa_func_name(fid & ~SMCCC_SMC64);
	if (!name)
		name = ffa_func_name(fid);
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%#x", fid);
}

const char *fz_step_name(const struct fz_play *pl, unsigned int i,
			 uint32_t fid, char *buf, size_t len)
{
	static const char *const actions[] = {
		[FZ_INJECT_SPMC] = "inject", [FZ_INJECT_HYP] = "inject",
		[FZ_RETRIEVE] = "retrieve", [FZ_RELINQUISH] = "relinquish",
	};
	uint8_t kind = pl->prog->ops[i].kind;

	if (kind == FZ_CALL || kind == FZ_MEM_SEND || kind == FZ_FRAG_TX)
		fz_call_name(fid, buf, len);
	else
		snprintf(buf, len, "%s", actions[kind]);
	return buf;
}

static void stop(struct fz_play *pl, unsigned int i)
{
	if (!pl->stop)
		pl->stop_op = i;
	pl->stop = true;
}

static void answer_name(const struct fz_play *pl, char *buf, size_t len)
{
	uint32_t x0 = (uint32_t)pl->out[0];
	const char *err = ffa_error_name((int32_t)pl->out[2]);
	char name[64];

	fz_call_name(x0, name, sizeof(name));
	if (x0 == FFA_ERROR && err)
		snprintf(buf, len, " -> FFA_ERROR %s", err);
	else
		snprintf(buf, len, " -> %s", name);
}

/*
 * Record a finding unless it is a known one.  @detail is the stable part
 * of the signature (a WARN's condition, a fault's region), @fmt the
 * sentence for a person.  Returns true when it was recorded.
 */
__attribute__((format(printf, 6, 7)))
static bool report(struct fz_play *pl, unsigned int i, uint32_t fid,
		   enum fz_finding_kind kind, const char *detail,
		   const char *fmt, ...)
{
	struct fz_finding *f = &pl->finding;
	char call[64], sig[sizeof(f->sig)], answer[80] = "";
	va_list ap;

	if (f->kind != FZ_NONE)
		return false;
	/*
	 * A broken invariant says little about where the bug is; what the
	 * proxy answered the host tells two such findings apart.
	 */
	if (fid && kind >= FZ_LOCK && kind <= FZ_MAILBOX)
		answer_name(pl, answer, sizeof(answer));
	snprintf(sig, sizeof(sig), "%s %s%s%s%s", fz_finding_kind_name(kind),
		 fz_step_name(pl, i, fid, call, sizeof(call)),
		 detail ? " " : "", detail ? detail : "", answer);
	if (fz_is_known(sig)) {
		if (!f->known[0])
			memcpy(f->known, sig, sizeof(sig));
		/*
		 * A broken invariant stays broken: every later step would
		 * report it again under another name.  Only a WARN or a leak
		 * (and stuck pages, declared) leave a machine to go on with.
		 */
		if (kind != FZ_WARN && kind != FZ_LEAK && kind != FZ_STUCK)
			stop(pl, i);
		return false;
	}
	f->kind = kind;
	f->op = i;
	f->known[0] = '\0';
	memcpy(f->sig, sig, sizeof(sig));
	va_start(ap, fmt);
	vsnprintf(f->what, sizeof(f->what), fmt, ap);
	va_end(ap);
	return true;
}

/* The invariants' report, and what declaring stuck pages needs to know. */
struct inv_ctx {
	struct fz_play *pl;
	unsigned int i;
	uint32_t fid;
	struct inv_machine m;
};

/* Of the program playing: fz_oracle_begin() starts it afresh. */
static struct inv_state *inv;

void fz_oracle_begin(void)
{
	inv_free(inv);
	inv = NULL;
}

/*
 * The step may leave pages stuck: declare them, as `stuck:` does in a
 * scenario.  The language declares one run of pages per step; a step
 * that leaves two apart cannot be written out, so playing stops after it
 * (what follows could not be replayed), without a finding.
 */
static void declare_stuck(struct inv_ctx *c, const char *why)
{
	struct fz_play *pl = c->pl;
	struct fz_step_rec *rec = &pl->rec[c->i];
	uint64_t ps = fz_m.page_size, pa = FZ_DRAM_BASE;
	uint64_t end = FZ_DRAM_BASE + fz_m.dram_size, first;

	for (;;) {
		while (pa < end && !inv_page_stuck(inv, &c->m, pa))
			pa += ps;
		if (pa >= end)
			return;
		if (rec->stuck || pl->nr_stuck == FZ_MAX_STUCK)
			stop(pl, c->i);
		if (pl->nr_stuck == FZ_MAX_STUCK)
			return;
		first = pa;
		while (pa + ps < end && inv_page_stuck(inv, &c->m, pa + ps))
			pa += ps;
		pl->stuck[pl->nr_stuck++] = (struct stuck_span){
			.first = first, .last = pa, .reason = why,
		};
		c->m.nr_stuck = pl->nr_stuck;
		if (!rec->stuck) {
			rec->stuck = true;
			rec->stuck_first = first;
			rec->stuck_last = pa;
			rec->stuck_reason = why;
		}
	}
}

/* A broken invariant as a finding: its kind, and what tells two apart. */
static void violation(void *ctx, const struct inv_violation *v)
{
	struct inv_ctx *c = ctx;
	struct fz_play *pl = c->pl;
	unsigned long long pa = v->pa, handle = v->handle;

	switch (v->rule) {
	case INV_HELD_NOT_DRAM:
		report(pl, c->i, c->fid, FZ_SAFETY, phys_kind_name(v->phys),
		       "the SPMC holds %#llx (handle %#llx), which is not DRAM",
		       pa, handle);
		break;
	case INV_HELD_NOT_SHARED:
		report(pl, c->i, c->fid, FZ_SAFETY,
		       hyp_owner_name(v->info->owner),
		       "the SPMC holds %#llx (handle %#llx), which the host stage-2 does not share with FF-A (owner %s, %s)",
		       pa, handle, hyp_owner_name(v->info->owner),
		       hyp_page_state_name(v->info->host_state));
		break;
	case INV_PINNED_NOT_SHARED:
		report(pl, c->i, c->fid, FZ_PINS, "not-shared",
		       "page %#llx is pinned %u times but not shared with the hyp",
		       pa, v->info->pins);
		break;
	case INV_PIN_COUNT:
		report(pl, c->i, c->fid, FZ_PINS,
		       v->mailbox ? "mailbox" : "other",
		       "page %#llx is pinned %u times, expected %u",
		       pa, v->info->pins, v->mailbox ? 1 : 0);
		break;
	case INV_STUCK:
		if (!report(pl, c->i, c->fid, FZ_STUCK, NULL,
			    "page %#llx is shared with FF-A but no transaction holds it",
			    pa) &&
		    pl->finding.kind == FZ_NONE)
			/* Known: declared, so that the scenario goes on. */
			declare_stuck(c, "a known finding of this kernel");
		break;
	case INV_LOCKS:
		report(pl, c->i, c->fid, FZ_LOCK, NULL,
		       "the proxy returned with %u hyp lock(s) held", v->locks);
		break;
	case INV_SPMC_MAILBOX:
		report(pl, c->i, c->fid, FZ_MAILBOX, NULL,
		       "the SPMC maps mailboxes at %#llx/%#llx, outside the proxy's own pages",
		       pa, (unsigned long long)v->rx_pa);
		break;
	}
}

void fz_check_state(struct fz_play *pl, unsigned int i, uint32_t fid,
		    bool may_stick, const char *why)
{
	struct inv_ctx c = {
		.pl = pl, .i = i, .fid = fid,
		.m = {
			.pm = &fz_m.pm, .spmc = fz_m.spmc,
			.page_size = fz_m.page_size, .mapped = pl->mapped,
			.tx = pl->tx, .rx = pl->rx, .stuck = pl->stuck,
			.nr_stuck = pl->nr_stuck,
			.locks_before = pl->locks_before,
			/* A WARN or BUG: a hyp panic */
			.panicked = pl->exit == HYP_EXIT_BUG,
			.report = violation,
		},
	};

	c.m.ctx = &c;
	if (!inv)
		inv = inv_new(&c.m);
	/*
	 * As the runner does: only the pages a step can have changed (the
	 * hyp model's record of them starts afresh with each input's
	 * machine), which finds what a walk of all of DRAM would.
	 */
	inv_begin(inv, &c.m, false);
	if (may_stick)
		declare_stuck(&c, why);
	inv_finish(inv, &c.m);
}

/* Did an injected unshare fail in this step?  Then ffa.c may WARN. */
static bool unshare_failed(void)
{
	const struct hyp_event *ev;
	size_t n, k;

	ev = hyp_events(&n);
	for (k = 0; k < n; k++)
		if (ev[k].kind == HYP_EV_PAGE_OP && ev[k].injected &&
		    (ev[k].op == HYP_OP_UNSHARE_FFA ||
		     ev[k].op == HYP_OP_UNSHARE_HYP))
			return true;
	return false;
}

static void check_warns(struct fz_play *pl, unsigned int i, uint32_t fid,
			bool excused)
{
	struct fz_step_rec *rec = &pl->rec[i];
	const struct hyp_event *ev;
	size_t n, k;

	ev = hyp_events(&n);
	for (k = 0; k < n; k++) {
		if (ev[k].kind != HYP_EV_WARN)
			continue;
		if (!excused && report(pl, i, fid, FZ_WARN, ev[k].what,
				       "WARN_ON(%s) at %s:%d", ev[k].what,
				       ev[k].file, ev[k].line))
			return;
		/* Excused or known: the scenario must expect it. */
		if (rec->nr_warns < 4)
			rec->warns[rec->nr_warns++] = ev[k].what;
	}
}

static void check_leak(struct fz_play *pl, unsigned int i, uint32_t fid)
{
	struct fz_finding *f = &pl->finding;
	uint64_t mask[SMC_NR_REGS] = { 0 };
	char regs[96] = "";
	bool any = false;
	int r, half, k;

	for (r = 1; r < SMC_NR_REGS; r++) {
		for (half = 0; half < 2; half++) {
			uint32_t v = (uint32_t)(pl->out[r] >> (32 * half));
			bool sent = false;

			if (v != POISON32)
				continue;
			for (k = 0; k < SMC_NR_REGS; k++)
				sent |= (uint32_t)pl->in[k] == POISON32 ||
					(uint32_t)(pl->in[k] >> 32) == POISON32;
			if (sent)
				continue;
			mask[r] |= 0xffffffffULL << (32 * half);
			any = true;
		}
		if (mask[r])
			snprintf(regs + strlen(regs), sizeof(regs) - strlen(regs),
				 "%sx%d", regs[0] ? "," : "", r);
	}
	if (any && report(pl, i, fid, FZ_LEAK, NULL,
			  "EL2 stack contents (the 0xa5 fill) come back to the host in %s",
			  regs))
		memcpy(f->leak_mask, mask, sizeof(mask));
}

void fz_check_smc(struct fz_play *pl, unsigned int i, uint32_t fid)
{
	const struct hyp_fault *ft = &pl->fault;
	bool excused;
	uint32_t stripped = fid & ~SMCCC_SVE_HINT;

	if (pl->exit == HYP_EXIT_FAULT) {
		report(pl, i, fid, FZ_FAULT, ft->region,
		       "memory fault in EL2 at %#llx%s: %s, %#llx bytes away",
		       (unsigned long long)(ft->has_pa ? ft->pa : ft->addr),
		       ft->has_pa ? " (PA)" : "", ft->region,
		       (unsigned long long)ft->distance);
		return;
	}
	if (pl->exit == HYP_EXIT_HANG) {
		report(pl, i, fid, FZ_HANG, NULL,
		       "EL2 made the same SMCs to EL3, with the same answers, %u times in a row: the call never returns",
		       FZ_EL3_REPEAT_LIMIT);
		return;
	}
	if (pl->exit == HYP_EXIT_BUG && !ft->warn) {
		report(pl, i, fid, FZ_BUG, ft->what, "BUG at %s:%d: %s",
		       ft->file, ft->line, ft->what ? ft->what : "");
		return;
	}
	/* A WARN is a hyp panic: the program ends at it (fz_play()). */
	excused = unshare_failed();
	check_warns(pl, i, fid, excused);
	if (pl->exit == HYP_EXIT_HANDLED)
		check_leak(pl, i, fid);
	/* A known WARN's step may leave what that bug leaves behind. */
	fz_check_state(pl, i, fid,
		       pl->rec[i].nr_warns || stripped == FFA_MEM_FRAG_TX,
		       excused ? "an injected unshare failed: pKVM cannot undo the share" :
		       pl->rec[i].nr_warns ? "the step's WARN is a known finding of this kernel" :
		       "FFA_MEM_FRAG_TX failed: ffa.c cannot roll back fragments it no longer has (see the end of do_ffa_mem_frag_tx)");
}
