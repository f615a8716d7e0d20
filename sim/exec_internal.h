/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by exec.c, exec_step.c, exec_check.c, invariants.c, trace.c and
 * the concurrently: step's exec_concurrent.c and explore.c.
 */
#ifndef SIM_EXEC_INTERNAL_H
#define SIM_EXEC_INTERNAL_H

#include "proxy/hyp/hyp.h"
#include "sim/exec.h"
#include "sim/names.h"
#include "sim/sched.h"
#include "sim/world.h"

#define EXEC_RECENT_HOPS	12

struct stuck_span {
	uint64_t first, last;	/* page addresses, inclusive */
	const char *reason;
};

struct queued_response {
	uint16_t part_id;
	int32_t error;		/* non-zero: answer FFA_ERROR */
	struct smc_regs regs;
};

struct exec {
	const struct scenario *s;
	struct world w;
	struct names names;
	size_t page_size;
	bool tracing;
	GString *trace;		/* every hop, when tracing */
	GQueue *recent;		/* the last hops, for failure messages */
	struct trace_tail *tail; /* trace.c: newer hops, not yet in recent */
	GString *fail;		/* why the current step failed */
	bool crashed;
	/* What the host did so far, for share and frag_tx defaults. */
	uint32_t negotiated;
	bool mapped;
	uint64_t tx, rx;
	uint64_t mbox_bytes;
	uint8_t *desc;
	size_t desc_len, desc_sent;
	uint64_t frag_handle;
	GArray *stuck;		/* of struct stuck_span */
	GQueue *responses;	/* of struct queued_response * */
	uint64_t msg_count[SPMC_MAX_PARTITIONS];
	uint64_t in[SMC_NR_REGS], out[SMC_NR_REGS];
	enum hyp_exit exit;
	struct hyp_fault fault;
	struct inv_state *inv;	/* invariants.c: what the last check saw */
	const struct exec_hooks *hooks;
	/* The step's title in its result, when the step says more there. */
	char *result_title;
	/*
	 * In a concurrently: step, each CPU has an exec of its own, a copy of
	 * the scenario's at the start of the step: this is its CPU's state.
	 */
	struct conc_cpu *cpu;
};

/* Step failures: printf-style, one line each. */
void exec_fail(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool exec_eval(struct exec *x, const struct expr *e, uint64_t *out);

bool exec_step(struct exec *x, const struct step *st);
/* A step of one CPU in a concurrently: group: its action and captures. */
bool exec_step_on_cpu(struct exec *x, const struct step *st);
/* After a host SMC (x->in, x->out): what later share and frag_tx take. */
void exec_note_host_state(struct exec *x);

/* exec_concurrent.c: a concurrently: step, and its CPUs' host SMCs. */
bool exec_concurrently(struct exec *x, const struct step *st);
enum hyp_exit exec_host_smc(struct exec *x, uint64_t *regs,
			    struct hyp_fault *fault);
/* Run the group once under @policy (NULL: all CPUs at once). */
bool exec_concurrently_once(struct exec *x, const struct step *st,
			    struct sched_policy *policy);
/* expect: of a host SMC step; capture:; then:. */
void exec_check_expect(struct exec *x, const struct step *st);
void exec_captures(struct exec *x, const struct step *st);
void exec_check_thens(struct exec *x, const struct step *st);
void exec_check_invariants(struct exec *x, const struct step *st);
void exec_invariants_free(struct exec *x);
int exec_direct_handler(void *ctx, uint16_t part_id,
			const struct smc_regs *req, struct smc_regs *resp);

/* Hops of the last host SMC (or of init) into the trace. */
void trace_smc(struct exec *x, const char *title);
void trace_events(struct exec *x);
void trace_line(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Without --trace, hops become lines in x->recent only when asked. */
void trace_render_recent(struct exec *x);
void trace_free(struct exec *x);
/* A file of the kernel tree as the tree names it. */
const char *exec_tree_path(const char *file);
/* The page state word of a host page. */
int exec_page_word(const struct hyp_page_info *info);

#endif /* SIM_EXEC_INTERNAL_H */
