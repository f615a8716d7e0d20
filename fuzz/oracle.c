// SPDX-License-Identifier: GPL-2.0-only
/*
 * What counts as a finding, checked after every step.
 *
 * The invariants of design.md, as sim/invariants.c checks them for a
 * scenario (safety, availability, pins, locks, the SPMC's mailboxes),
 * written again here over the same public APIs so that the fuzzer does
 * not depend on the runner's internals, plus what the runner reports for
 * a host SMC: a fault or BUG in EL2, a WARN nobody expected.  And one the
 * runner only sees through an expect: the hyp fills the handler's stack
 * with 0xa5 before each call (proxy/hyp/host_smc.c), so that pattern in a
 * register of an answer the proxy made itself is EL2 memory reaching the
 * host.
 *
 * Excused, because the design documents them: pages left shared after a
 * failed FFA_MEM_FRAG_TX (the comment at the end of do_ffa_mem_frag_tx),
 * and WARNs and stuck pages of a step in which an injected unshare failed
 * (pKVM's unshare of a page it shared cannot fail; ffa.c WARNs when it
 * does, rightly).  The emitter writes both excuses into the scenario, as
 * `stuck:` and `warn:`, so that `ffa-sim run` excuses them too.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/machine.h"
#include "fuzz/play.h"
#include "spmc_mock/ffa_abi.h"

#define POISON32	0xa5a5a5a5U

static const char *const *known;
static unsigned int nr_known;

void fz_set_known(const char *const *globs, unsigned int n)
{
	known = globs;
	nr_known = n;
}

bool fz_is_known(const char *sig)
{
	unsigned int i;

	for (i = 0; i < nr_known; i++)
		if (!fnmatch(known[i], sig, 0))
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

static const char *step_name(struct fz_play *pl, unsigned int i, uint32_t fid,
			     char *buf, size_t len)
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
	if (fid && kind >= FZ_LOCK)
		answer_name(pl, answer, sizeof(answer));
	snprintf(sig, sizeof(sig), "%s %s%s%s%s", fz_finding_kind_name(kind),
		 step_name(pl, i, fid, call, sizeof(call)),
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

static bool shared_with_ffa(const struct hyp_page_info *info)
{
	return info->owner == HYP_OWNER_HOST &&
	       info->host_state != HYP_PS_OWNED &&
	       info->completer != HYP_COMPLETER_HYP;
}

static bool shared_with_hyp(const struct hyp_page_info *info)
{
	return info->owner == HYP_OWNER_HOST &&
	       info->host_state != HYP_PS_OWNED &&
	       info->completer == HYP_COMPLETER_HYP;
}

struct held {
	struct fz_play *pl;
	unsigned int i;
	uint32_t fid;
	bool page[FZ_DRAM_PAGES];
};

static void held_range(void *ctx, uint64_t handle, const struct spmc_range *r)
{
	struct held *h = ctx;
	uint64_t ps = fz_m.page_size, pa, end = r->pa + r->pages * FFA_PAGE_SIZE;
	struct hyp_page_info info;

	for (pa = r->pa; pa < end; pa += FFA_PAGE_SIZE) {
		uint64_t page = pa & ~(ps - 1);

		if (physmem_kind(&fz_m.pm, pa) != PHYS_DRAM) {
			report(h->pl, h->i, h->fid, FZ_SAFETY,
			       phys_kind_name(physmem_kind(&fz_m.pm, pa)),
			       "the SPMC holds %#llx (handle %#llx), which is not DRAM",
			       (unsigned long long)pa, (unsigned long long)handle);
			return;
		}
		hyp_page_info(page, &info);
		if (!shared_with_ffa(&info)) {
			report(h->pl, h->i, h->fid, FZ_SAFETY,
			       hyp_owner_name(info.owner),
			       "the SPMC holds %#llx (handle %#llx), which the host stage-2 does not share with FF-A (owner %s, %s)",
			       (unsigned long long)pa, (unsigned long long)handle,
			       hyp_owner_name(info.owner),
			       hyp_page_state_name(info.host_state));
			return;
		}
		h->page[(page - FZ_DRAM_BASE) / ps] = true;
	}
}

static bool stuck_allowed(const struct fz_play *pl, uint64_t pa)
{
	unsigned int k;

	for (k = 0; k < pl->nr_stuck; k++)
		if (pa >= pl->stuck_first[k] && pa <= pl->stuck_last[k])
			return true;
	return false;
}

static bool is_stuck(const struct fz_play *pl, const struct held *h,
		     uint64_t pa)
{
	struct hyp_page_info info;

	hyp_page_info(pa, &info);
	return info.owner == HYP_OWNER_HOST &&
	       info.completer == HYP_COMPLETER_FFA &&
	       !h->page[(pa - FZ_DRAM_BASE) / fz_m.page_size] &&
	       !stuck_allowed(pl, pa);
}

/*
 * The step may leave pages stuck: declare them, as `stuck:` does in a
 * scenario.  The language declares one run of pages per step; a step
 * that leaves two apart cannot be written out, so playing stops after it
 * (what follows could not be replayed), without a finding.
 */
static void declare_stuck(struct fz_play *pl, unsigned int i,
			  const struct held *h, const char *why)
{
	uint64_t ps = fz_m.page_size, pa = FZ_DRAM_BASE;
	uint64_t end = FZ_DRAM_BASE + fz_m.dram_size, first;

	for (;;) {
		while (pa < end && !is_stuck(pl, h, pa))
			pa += ps;
		if (pa >= end)
			return;
		if (pl->rec[i].stuck || pl->nr_stuck == FZ_MAX_STUCK)
			stop(pl, i);
		if (pl->nr_stuck == FZ_MAX_STUCK)
			return;
		first = pa;
		while (pa + ps < end && is_stuck(pl, h, pa + ps))
			pa += ps;
		pl->stuck_first[pl->nr_stuck] = first;
		pl->stuck_last[pl->nr_stuck++] = pa;
		if (!pl->rec[i].stuck) {
			pl->rec[i].stuck = true;
			pl->rec[i].stuck_first = first;
			pl->rec[i].stuck_last = pa;
			pl->rec[i].stuck_reason = why;
		}
	}
}

static void check_pages(struct fz_play *pl, unsigned int i, uint32_t fid,
			const struct held *h)
{
	uint64_t ps = fz_m.page_size, mask = ~(ps - 1), pa;
	struct hyp_page_info info;
	bool mbox;

	for (pa = FZ_DRAM_BASE; pa < FZ_DRAM_BASE + fz_m.dram_size; pa += ps) {
		if (hyp_page_info(pa, &info))
			continue;
		mbox = pl->mapped && (pa == (pl->tx & mask) ||
				      pa == (pl->rx & mask));
		if (info.pins && !shared_with_hyp(&info))
			report(pl, i, fid, FZ_PINS, "not-shared",
			       "page %#llx is pinned %u times but not shared with the hyp",
			       (unsigned long long)pa, info.pins);
		else if (info.pins != (mbox ? 1u : 0u))
			report(pl, i, fid, FZ_PINS, mbox ? "mailbox" : "other",
			       "page %#llx is pinned %u times, expected %u",
			       (unsigned long long)pa, info.pins, mbox ? 1 : 0);
		if (is_stuck(pl, h, pa) &&
		    !report(pl, i, fid, FZ_STUCK, NULL,
			    "page %#llx is shared with FF-A but no transaction holds it",
			    (unsigned long long)pa) &&
		    pl->finding.kind == FZ_NONE)
			/* Known: declared, so that the scenario goes on. */
			declare_stuck(pl, i, h, "a known finding of this kernel");
	}
}

static void check_mailboxes(struct fz_play *pl, unsigned int i, uint32_t fid)
{
	uint64_t lo = hyp_proxy_pages_pa();
	uint64_t hi = lo + hyp_proxy_nr_pages() * fz_m.page_size;
	struct spmc_rx_info rx;

	spmc_rx_state(fz_m.spmc, &rx);
	if (rx.mapped && (rx.tx_pa < lo || rx.tx_pa >= hi ||
			  rx.rx_pa < lo || rx.rx_pa >= hi))
		report(pl, i, fid, FZ_MAILBOX, NULL,
		       "the SPMC maps mailboxes at %#llx/%#llx, outside the proxy's own pages",
		       (unsigned long long)rx.tx_pa,
		       (unsigned long long)rx.rx_pa);
}

void fz_check_state(struct fz_play *pl, unsigned int i, uint32_t fid,
		    bool may_stick, const char *why)
{
	struct held h = { .pl = pl, .i = i, .fid = fid };

	spmc_for_each_held_range(fz_m.spmc, held_range, &h);
	if (may_stick)
		declare_stuck(pl, i, &h, why);
	check_pages(pl, i, fid, &h);
	if (hyp_locks_held() > pl->locks_before)
		report(pl, i, fid, FZ_LOCK, NULL,
		       "the proxy returned with %u hyp lock(s) held",
		       hyp_locks_held() - pl->locks_before);
	check_mailboxes(pl, i, fid);
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
	if (pl->exit == HYP_EXIT_BUG) {
		report(pl, i, fid, FZ_BUG, ft->what, "BUG at %s:%d: %s",
		       ft->file, ft->line, ft->what ? ft->what : "");
		return;
	}
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
