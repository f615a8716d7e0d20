/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Playing a program on the machine, step by step, with the same meaning
 * the scenario runner gives each step (sim/exec/exec_step.c): where a share
 * writes its descriptor, what frag_tx sends, which handle a step got back.
 * A step the runner would refuse (a share before any mailbox is mapped, a
 * fragment longer than what is left) is skipped here and left out of the
 * emitted scenario, so that every step written out runs as it ran here.
 *
 * After each step the oracle (oracle.c) looks for a finding; playing stops
 * at the first one.
 */
#ifndef FUZZ_PLAY_H
#define FUZZ_PLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "fuzz/prog.h"
#include "proxy/hyp/hyp.h"
#include "sim/exec/invariants.h"

enum fz_finding_kind {
	FZ_NONE,
	FZ_FAULT,	/* memory fault inside EL2 */
	FZ_BUG,		/* BUG() / hyp panic */
	FZ_WARN,	/* a WARN nothing excuses */
	FZ_LEAK,	/* EL2 stack contents in a register the host reads */
	FZ_LOCK,	/* a hyp lock held after the call */
	FZ_SAFETY,	/* the SPMC holds a page not shared with FF-A */
	FZ_STUCK,	/* shared with FF-A, held by nothing, not documented */
	FZ_PINS,	/* a pin count that does not match the mailboxes */
	FZ_MAILBOX,	/* the SPMC maps buffers that are not the proxy's */
	FZ_HANG,	/* the step never returns (HYP_EXIT_HANG, or the probe's alarm) */
	FZ_CRASH,	/* seen by the minimiser only: a sanitizer report */
};

struct fz_finding {
	enum fz_finding_kind kind;
	unsigned int op;		/* the step it showed in */
	char what[256];			/* one line for a person */
	char sig[192];			/* what stays the same for the same bug */
	uint64_t leak_mask[SMC_NR_REGS];
	/* FZ_NONE: the first known finding the program ran into, if any. */
	char known[192];
};

enum fz_capture {
	FC_NONE,
	FC_SUCCESS,			/* w2 | w3 << 32 of FFA_SUCCESS */
	FC_FRAG_RX,			/* w1 | w2 << 32 of FFA_MEM_FRAG_RX */
};

/* What one step did, for the emitter. */
struct fz_step_rec {
	bool ran;			/* false: skipped, not emitted */
	enum fz_capture capture;	/* it got a handle back */
	bool stuck;			/* it declares pages stuck */
	uint64_t stuck_first, stuck_last;
	const char *stuck_reason;
	unsigned int nr_warns;		/* WARNs it must raise (excused) */
	const char *warns[4];
	int sp_status;			/* retrieve, relinquish: the result */
	int64_t spmc_error;		/* inject error: the code */
};

#define FZ_MAX_STUCK	16

struct fz_handle {
	uint64_t value;
	unsigned int op;		/* the step that captured it */
};

struct fz_play {
	const struct fz_prog *prog;
	struct fz_step_rec rec[FZ_MAX_OPS];
	struct fz_finding finding;
	/* What the host did so far, as the scenario runner tracks it. */
	bool mapped;
	uint64_t tx, rx, mbox_bytes;
	uint8_t desc[2048];
	size_t desc_len, desc_sent;
	bool have_desc;
	uint64_t frag_handle;
	unsigned int nr_handles;
	struct fz_handle handles[FZ_MAX_OPS];
	unsigned int nr_stuck;
	struct stuck_span stuck[FZ_MAX_STUCK];
	unsigned int locks_before;
	/*
	 * A known finding left the machine broken, or a step left what no
	 * scenario can declare: play no further than step stop_op.
	 */
	bool stop;
	unsigned int stop_op;
	/* Of every SMC's registers and result: equal runs, equal digests. */
	uint64_t digest;
	/* The last host SMC. */
	uint64_t in[SMC_NR_REGS], out[SMC_NR_REGS];
	enum hyp_exit exit;
	struct hyp_fault fault;
};

/*
 * The host is the attacker pKVM defends against; the SPMC is trusted.
 * Set, no SPMC fault is armed (those steps are skipped) and the SPMC
 * sends retrieve responses whole, as real ones do up to the size of the
 * mailbox: every finding is then one the host alone can cause.
 */
extern bool fz_host_only;

/*
 * Play @p from a fresh machine until it ends or a finding stops it.
 * Returns false when the set-up is not a machine (nothing ran).
 */
bool fz_play(const struct fz_prog *p, struct fz_play *pl);

/* The same one step at a time: begin, then step 0, 1, ... */
bool fz_play_begin(struct fz_play *pl, const struct fz_prog *p);
/* False when a finding stopped the program at this step. */
bool fz_play_step(struct fz_play *pl, unsigned int i);

/* A value as it reads at the current step. */
uint64_t fz_resolve(const struct fz_play *pl, const struct fz_val *v);
/* The handle FV_HANDLE @v names now, or NULL when there is none yet. */
const struct fz_handle *fz_handle_of(const struct fz_play *pl, uint64_t v);

/* ---- oracle.c ---- */

/* Findings whose signature is one of these strings are not reported. */
void fz_set_known(const char *const *sigs, unsigned int n);
/* Nothing is reported (making seeds from a suite that holds findings). */
void fz_know_everything(void);
bool fz_is_known(const char *sig);

/* A program starts: the invariants forget the last one's machine. */
void fz_oracle_begin(void);
/* After a host SMC: fault, BUG, WARN, leak; then the invariants. */
void fz_check_smc(struct fz_play *pl, unsigned int i, uint32_t fid);
/* After any other step: the invariants. */
void fz_check_state(struct fz_play *pl, unsigned int i, uint32_t fid,
		    bool may_stick, const char *why);

const char *fz_finding_kind_name(enum fz_finding_kind kind);
/* The name a signature gives call @fid: its SMC32 FF-A name, else hex. */
void fz_call_name(uint32_t fid, char *buf, size_t len);
/*
 * What a signature calls step @i: its call's name (@fid) for a host SMC,
 * else the action ("retrieve", "inject"...), which has no function ID.
 */
const char *fz_step_name(const struct fz_play *pl, unsigned int i,
			 uint32_t fid, char *buf, size_t len);

#endif /* FUZZ_PLAY_H */
