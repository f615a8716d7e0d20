/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated EL2 environment around the real ffa.c, as the engine and the
 * tests see it.  This header is plain C: it does not pull in the fake kernel
 * headers, so code outside proxy/ can include it.
 *
 * One environment exists per process, as one pKVM does per machine: ffa.c
 * keeps its state in file-scope statics.
 */
#ifndef PROXY_HYP_HYP_H
#define PROXY_HYP_HYP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "hw/smc.h"

/* Who owns a page, from the host stage-2's point of view. */
enum hyp_owner {
	HYP_OWNER_HOST,
	HYP_OWNER_HYP,
	HYP_OWNER_GUEST,
	HYP_OWNER_NONE,
};

/* pKVM's page states (enum pkvm_page_state), as seen by one component. */
enum hyp_page_state {
	HYP_PS_OWNED,
	HYP_PS_SHARED_OWNED,
	HYP_PS_SHARED_BORROWED,
	HYP_PS_NOPAGE,
};

/*
 * Whom a host page is shared with.  pKVM itself does not record this; the
 * model does so that invariants and scenarios can say "shared with FF-A".
 */
enum hyp_completer {
	HYP_COMPLETER_NONE,
	HYP_COMPLETER_HYP,
	HYP_COMPLETER_FFA,
};

struct hyp_page_info {
	enum phys_kind kind;
	enum hyp_owner owner;
	enum hyp_page_state host_state;
	enum hyp_page_state hyp_state;
	enum hyp_completer completer;
	unsigned int pins;
};

/* Hyp operations that a scenario can make fail. */
enum hyp_op {
	HYP_OP_SHARE_HYP,
	HYP_OP_UNSHARE_HYP,
	HYP_OP_SHARE_FFA,
	HYP_OP_UNSHARE_FFA,
	HYP_OP_PIN,
	HYP_OP_COUNT
};

/* What happened inside EL2 during one host SMC, in order. */
enum hyp_event_kind {
	HYP_EV_SMC_TO_EL3,	/* the proxy (or pass-through) called the SPMC */
	HYP_EV_PAGE_OP,		/* a host stage-2 transition, or its refusal */
	HYP_EV_WARN,		/* WARN_ON fired */
	HYP_EV_TRACE,		/* the tree's own hyp trace hook (7.2 on) */
};

struct hyp_event {
	enum hyp_event_kind kind;
	enum smc_origin origin;		/* SMC_TO_EL3 */
	struct smc_regs in, out;	/* SMC_TO_EL3 */
	enum hyp_op op;			/* PAGE_OP */
	uint64_t pfn, nr_pages;		/* PAGE_OP */
	int ret;			/* PAGE_OP */
	bool injected;			/* PAGE_OP: the failure was injected */
	const char *file;		/* WARN */
	int line;			/* WARN */
	const char *func;		/* WARN: the function it fired in */
	const char *what;		/* WARN condition, TRACE name */
};

/* How one host SMC ended. */
enum hyp_exit {
	HYP_EXIT_HANDLED,	/* kvm_host_ffa_handler() answered */
	HYP_EXIT_FORWARDED,	/* declined, forwarded to EL3 */
	HYP_EXIT_REJECTED,	/* refused before the handler (upper bits) */
	HYP_EXIT_FAULT,		/* memory fault inside EL2 code */
	HYP_EXIT_BUG,		/* BUG() or WARN: a hyp panic either way */
	HYP_EXIT_HANG,		/* EL2 asks EL3 the same things over and over */
};

#define HYP_FAULT_MAX_PCS	8

struct hyp_fault {
	uint64_t addr;		/* faulting host address */
	uint64_t pa;		/* its physical address, when it has one */
	bool has_pa;
	const char *region;	/* nearest region */
	uint64_t distance;	/* from that region, 0 when inside */
	const char *file;	/* BUG, WARN: where */
	int line;
	const char *func;
	const char *what;	/* the condition */
	bool warn;		/* HYP_EXIT_BUG came from a WARN */
	/* Where the code was: the faulting PC (or the WARN's caller) first. */
	uintptr_t pcs[HYP_FAULT_MAX_PCS];
	unsigned int nr_pcs;
};

/* A place in the code, for a panic's report (code_where.c, libdw). */
struct hyp_code_loc {
	const char *func;	/* the innermost function, inlined or not */
	const char *file;	/* its file's base name, or NULL */
	int line;
};

/* Function, file and line of @pc in this process: false if unknown. */
bool hyp_code_where(uintptr_t pc, struct hyp_code_loc *loc);
/* The first place of f->pcs in this program's own code (not libc's). */
bool hyp_fault_where(const struct hyp_fault *f, struct hyp_code_loc *loc);
/* "do_ffa_mem_reclaim <- kvm_host_ffa_handler <- ..." of f->pcs. */
void hyp_backtrace_text(const struct hyp_fault *f, char *buf, size_t len);

struct hyp_config {
	uint32_t smccc_version;		/* as kvm_host_psci_config reports it */
	unsigned int phys_shift;	/* host IPA bits, bounds pfn ranges */
};

/* Page size the proxy was built for. */
size_t hyp_page_size(void);

/*
 * Set up EL2 over pm, talking to EL3 through el3.  The hyp's FF-A proxy
 * pages are carved from the top of DRAM with a guard page on each side.
 */
int hyp_env_init(struct physmem *pm, const struct smc_conduit *el3,
		 const struct hyp_config *cfg, char *err, size_t errlen);
void hyp_env_exit(void);

/* Runs the real hyp_ffa_init(); returns what it returned. */
int hyp_env_ffa_init(void);

/*
 * ffa.c's file-scope statics as they were before it first ran: save once
 * before anything runs it (false when this build cannot: then each
 * machine needs a fresh process), restore before each further machine.
 */
bool hyp_statics_save(void);
void hyp_statics_restore(void);

/* Calls @fn on each of ffa.c's sections of statics (none: no call). */
void hyp_statics_each(void (*fn)(void *start, size_t len));

/* First and size of the proxy-page block (without its guard pages). */
uint64_t hyp_proxy_pages_pa(void);
unsigned long hyp_proxy_nr_pages(void);

/*
 * One host SMC through the model of pKVM's handle_host_smc(): x0..x17 in
 * regs are the host's registers before and after.  A fault or BUG is
 * caught and described in *fault.
 */
enum hyp_exit hyp_host_smc(uint64_t regs[SMC_NR_REGS], struct hyp_fault *fault);

/*
 * Catch SIGSEGV/SIGBUS raised inside EL2 code (hyp_env_init() does this).
 * Whoever installs another handler afterwards must call it again.
 */
int hyp_fault_handler_install(void);

/*
 * pKVM treats every EL2 WARN as fatal ("All hyp bugs, including warnings,
 * are treated as fatal", handle_exit.c): by default a WARN ends the host
 * SMC as a BUG does, with fault->warn set.  Exploring what the code would
 * do next can let it go on instead, which no machine does; a process-wide
 * switch, so that it reaches the scenario's own process.
 */
void hyp_set_warn_continues(bool on);
bool hyp_warn_continues(void);

/*
 * A loop in EL2 that asks EL3 the same things and gets the same answers
 * never ends (an SPMC answers the same question the same way): with @n
 * non-zero, a host SMC during which EL2 repeats the same cycle of up to
 * four SMCs to EL3, answers included, @n times in a row ends as
 * HYP_EXIT_HANG, where a real CPU would never come back.  A loop that
 * moves on (the next fragment) asks something else each turn and is
 * never cut.  0 (the default): no bound, the caller's time limit sees
 * the hang.  Process-wide.
 */
void hyp_set_el3_repeat_limit(unsigned long n);

/* This CPU's events of its last hyp_host_smc() (or hyp_env_ffa_init()). */
const struct hyp_event *hyp_events(size_t *count);
void hyp_events_clear(void);
/* Of those events, the WARNs: most calls raise none. */
size_t hyp_warn_count(void);

/*
 * This CPU's list of events (a GArray of struct hyp_event, NULL if it
 * has none yet), handed over without a copy: it becomes the caller's,
 * and @spare (a list this returned before, or NULL) is emptied and
 * records the CPU's next events.  hyp_events() still answers the list
 * handed over until the CPU's next event or hyp_events_clear(): until
 * then the caller leaves it as it is, or frees it only after
 * hyp_events_forget().  For a record of every host SMC that costs no
 * copy of its events.
 */
typedef struct _GArray GArray;
GArray *hyp_events_take(GArray *spare);
/* hyp_events() of any CPU no longer answers @list. */
void hyp_events_forget(const GArray *list);

/*
 * Host pages whose stage-2 state or pin count changed since the last
 * hyp_touched_clear(), or since hyp_env_init(), which starts every page
 * host-owned and unpinned.  False when more changes came than the record
 * holds: then any page may have changed.
 */
struct hyp_touched {
	uint64_t pa;		/* first page */
	uint64_t nr_pages;
};
bool hyp_touched(const struct hyp_touched **ranges, size_t *count);
void hyp_touched_clear(void);

/* Locks the proxy still holds, on every CPU: non-zero after an SMC is a bug. */
unsigned int hyp_locks_held(void);
/*
 * The CPU holding @lock (of a struct hyp_point: a hyp spinlock or a host
 * lock), or -1.
 */
int hyp_lock_holder(const void *lock);

/*
 * A sleeping lock of the host kernel (host/: the FF-A driver's mutexes,
 * which it holds across its SMCs).  Taking it, finding it held and
 * releasing it are points of the scheduler as a hyp spinlock's are, so
 * that a CPU that finds it held waits for its holder in every order the
 * explorer runs.  It is the host's, not EL2's: hyp_locks_held() does not
 * count it.  Laid out as the hyp spinlock (a flag and the holder).  The
 * caller checks that a lock it releases is held.
 */
struct hyp_host_lock {
	int locked;
	int owner;			/* the CPU holding it, -1 when free */
};

#define HYP_HOST_LOCK_INIT	{ .locked = 0, .owner = -1 }

void hyp_host_lock(struct hyp_host_lock *lock, const char *name,
		   const char *file, int line);
void hyp_host_unlock(struct hyp_host_lock *lock, const char *name);

/*
 * Several host CPUs (docs/concurrency.md).  Each simulated CPU runs on a
 * host thread of its own, which says which CPU it is before it makes its
 * first host SMC; a thread that never says is CPU 0.  What EL2 keeps per
 * CPU (the event list, the count of locks held, where a fault returns to)
 * follows this number.
 */
#define HYP_MAX_CPUS	8

void hyp_set_this_cpu(unsigned int cpu);
unsigned int hyp_this_cpu(void);

/* Where a CPU inside EL2 may be made to wait while another one runs. */
enum hyp_point_kind {
	HYP_POINT_ENTER,	/* a host SMC is about to enter EL2 */
	HYP_POINT_LOCK,		/* about to take a hyp spinlock */
	HYP_POINT_BLOCKED,	/* that lock is held: wait until it is free */
	HYP_POINT_UNLOCK,	/* has just released one */
	HYP_POINT_SMC,		/* about to make an SMC to EL3 */
};

struct hyp_point {
	enum hyp_point_kind kind;
	unsigned int cpu;		/* the CPU at the point */
	const void *lock;		/* LOCK, BLOCKED, UNLOCK */
	const char *name;		/* the lock as the code names it */
	int holder;			/* BLOCKED: the CPU holding it */
	const char *file;		/* LOCK: where it is taken */
	int line;
	uint64_t fid;			/* ENTER, SMC: x0 */
};

/*
 * A scheduler sees every point through @fn, on the thread of the CPU at
 * it, and returns once that CPU may go on.  At HYP_POINT_BLOCKED it must
 * let the holder run, or nothing will free the lock.  Without one (NULL,
 * the default) CPUs run freely and a blocked one spins.  Set it only
 * while no CPU is inside EL2.
 */
typedef void (*hyp_sched_fn)(void *ctx, const struct hyp_point *p);
void hyp_set_sched(hyp_sched_fn fn, void *ctx);

/* Page-state model: set-up, queries and fault injection. */
int hyp_pages_set_owner(uint64_t pa, uint64_t nr_pages, enum hyp_owner owner);
int hyp_page_info(uint64_t pa, struct hyp_page_info *info);
void hyp_inject_fail(enum hyp_op op, int err, unsigned int times);
/* The same, after @skip calls of @op that still succeed. */
void hyp_inject_fail_after(enum hyp_op op, int err, unsigned int skip,
			   unsigned int times);
void hyp_clear_injections(void);

const char *hyp_owner_name(enum hyp_owner owner);
const char *hyp_page_state_name(enum hyp_page_state state);
const char *hyp_completer_name(enum hyp_completer completer);
const char *hyp_op_name(enum hyp_op op);

#endif /* PROXY_HYP_HYP_H */
