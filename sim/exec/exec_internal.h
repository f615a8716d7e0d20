/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by exec.c, exec_step.c, exec_check.c, exec_invariants.c,
 * exec_driver.c, trace.c and the concurrently: step's exec_concurrent.c
 * and explore.c.  invariants.c, held.c and page_set.c do not see a
 * struct exec: the invariants take only the machine (invariants.h).
 */
#ifndef SIM_EXEC_INTERNAL_H
#define SIM_EXEC_INTERNAL_H

#include "proxy/hyp/hyp.h"
#include "sim/exec/exec.h"
#include "sim/lang/names.h"
#include "sim/lang/words.h"
#include "sim/sched/sched.h"
#include "sim/exec/invariants.h"
#include "sim/exec/world.h"

#define EXEC_RECENT_HOPS	12

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
	bool panicked;		/* EL2 stopped: no later step can run */
	unsigned int step_no;	/* the step running, from 0 */
	/* --continue-past-warn: the first WARN gone past, and its step */
	char *continued;
	unsigned int continued_step;
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
	/* carried.c: the descriptors of the host SMC under way */
	struct carried *carried;
	bool carrying;
	const struct exec_hooks *hooks;
	/* driver: steps (exec_driver.c): the host kernel is up. */
	bool host_up;
	const char *drv_title;	/* the step whose driver SMCs these are */
	struct hyp_event drv_warn;	/* the first WARN in EL2 they raised */
	char *drv_got;		/* what the client got, for the step's result */
	/* The step's title in its result, when the step says more there. */
	char *result_title;
	/*
	 * In a concurrently: step, each CPU has an exec of its own, a copy of
	 * the scenario's at the start of the step: this is its CPU's state.
	 */
	struct conc_cpu *cpu;
	/* Set on such a CPU's copy: records each host SMC as it comes back. */
	void (*smc_back)(struct exec *x, const uint64_t *out);
};

/* Step failures: printf-style, one line each. */
void exec_fail(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Compare @n bytes; when they differ, fail with the first differing
 * offset and the expected and actual bytes from there.  True if they did.
 */
bool exec_bytes_differ(struct exec *x, const char *subject,
		       const uint8_t *want, const uint8_t *got, size_t n);
/* @e evaluated over the scenario's names; fails the step on an error. */
bool exec_eval_names(struct exec *x, const struct expr *e, uint64_t *out);

/* Most values a step writes or expects are constant: those cost no call. */
static inline bool exec_eval(struct exec *x, const struct expr *e,
			     uint64_t *out)
{
	return expr_constant(e, out) || exec_eval_names(x, e, out);
}

/*
 * carried.c: the descriptors one host SMC carried.  A list outlives its
 * SMC in the hop that keeps it, and its records are kept when it is
 * emptied, so that a hop reused for a later SMC fills them again rather
 * than freeing them and allocating others.
 */
struct carried {
	struct trace_desc **descs;
	unsigned int len;	/* those of this SMC */
	unsigned int nr;	/* records made, the first @len in use */
	unsigned int room;	/* of @descs */
};

struct carried *carried_new(void);
void carried_reset(struct carried *c);
void carried_free(struct carried *c);

/* carried.c: the descriptors a host SMC carries, around the call. */
void exec_carried_init(struct exec *x);
void exec_carried_start(struct exec *x, const uint64_t *in);
void exec_carried_stop(struct exec *x);
void exec_carried_free(struct exec *x);

/* exec.c: one step of the scenario's, its checks and the invariants. */
bool exec_step(struct exec *x, const struct step *st);
/* exec_step.c: what a step (not concurrently:) does to the machine. */
bool exec_step_action(struct exec *x, const struct step *st);
/* A step of one CPU in a concurrently: group: its action and captures. */
bool exec_step_on_cpu(struct exec *x, const struct step *st);
/* After a host SMC (x->in, x->out): what later share and frag_tx take. */
void exec_note_host_state(struct exec *x);

/* exec_driver.c: a driver: step; the host kernel's end with the world's. */
bool exec_driver_step(struct exec *x, const struct step *st);
void exec_driver_exit(struct exec *x);

/* exec_concurrent.c: a concurrently: step. */
bool exec_concurrently(struct exec *x, const struct step *st);
/* Run the group once under @policy (NULL: all CPUs at once). */
bool exec_concurrently_once(struct exec *x, const struct step *st,
			    struct sched_policy *policy);
/* expect: of a host SMC step; capture:; then:. */
void exec_check_expect(struct exec *x, const struct step *st);
/* A WARN or BUG ended the step's call: a hyp panic. */
void exec_fail_panic(struct exec *x, const struct hyp_fault *f);
void exec_fail_where(struct exec *x, const struct hyp_fault *f, bool fault);
bool exec_panic_expected(struct exec *x, const struct step *st);
void exec_note_continued(struct exec *x, const struct hyp_event *ev);
void exec_captures(struct exec *x, const struct step *st);
void exec_check_thens(struct exec *x, const struct step *st);
void exec_check_invariants(struct exec *x, const struct step *st);
void exec_invariants_free(struct exec *x);
int exec_direct_handler(void *ctx, uint16_t part_id,
			const struct smc_regs *req, struct smc_regs *resp);

/* Hops of the last host SMC (or of init) into the trace. */
void trace_smc(struct exec *x, const char *title);
/* The same, made by @caller ("driver"): its lane in the trace. */
void trace_smc_by(struct exec *x, const char *title, const char *caller);
void trace_events(struct exec *x);
void trace_line(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Without --trace, hops become lines in x->recent only when asked. */
void trace_render_recent(struct exec *x);
void trace_free(struct exec *x);

#endif /* SIM_EXEC_INTERNAL_H */
