/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A scenario as the loader leaves it and the runner executes it.  Values
 * stay expressions (struct expr) until run time because they may name
 * captures that only exist once earlier steps ran; the loader has already
 * checked that every name they use exists by then.
 *
 * A scenario with a `cases:` table becomes one struct scenario per case,
 * with the case's values substituted into the text before parsing.
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/lang/desc.h"
#include "sim/lang/diag.h"
#include "sim/lang/expr.h"
#include "hw/smc.h"
#include "spmc_mock/spmc.h"

#define SCEN_MAX_REGIONS	32
/* Pages of DRAM the hyp model keeps a state for: 4G at 4K pages. */
#define SCEN_MAX_DRAM_PAGES	(1u << 20)
#define SCEN_MAX_MMIO		8
#define SCEN_MAX_CPUS		8	/* HYP_MAX_CPUS */

/* A named block of pages: `tx`, `buf`, a guest page, an MMIO window. */
struct scen_region {
	char *name;
	uint64_t pa;
	uint64_t pages;		/* in host PAGE_SIZE */
	int owner;		/* enum hyp_owner; -1 for MMIO */
	bool mmio;
};

struct scen_partition {
	char *name;		/* NULL: refer to it by ID only */
	struct src_pos pos;
	/* Queued answers of `respond` steps make a partition scripted. */
	bool scripted;
};

struct scen_setup {
	uint32_t smccc_version;
	struct spmc_config spmc;
	struct scen_partition parts[SPMC_MAX_PARTITIONS];
	uint64_t dram_base, dram_size;
	unsigned int nr_regions;
	struct scen_region regions[SCEN_MAX_REGIONS];
	struct expr *init_result;	/* what hyp_ffa_init() must return */
	/* requires: skip unless the proxy's page size is one of these */
	unsigned int nr_page_sizes;
	uint64_t page_sizes[4];
};

/* One expected register: exact, under a mask, or unchanged by the call. */
enum reg_check {
	REG_UNSET,
	REG_EXACT,
	REG_MASKED,
	REG_UNCHANGED,
};

struct reg_expect {
	enum reg_check check;
	bool low32;		/* written as wN: only bits 31:0 count */
	struct expr *value;
	struct expr *mask;
	struct src_pos pos;
};

#define EXPECT_MAX_WARNS	64

struct step_expect {
	struct reg_expect regs[SMC_NR_REGS];
	/* the registers regs[] checks, bit N for xN (set by the loader) */
	uint32_t reg_mask;
	char *shorthand;	/* "FFA_ERROR NOT_SUPPORTED", for messages */
	char **warns;		/* WARNs the step must raise */
	unsigned int nr_warns;
	int path;		/* enum hyp_exit the call must take, or -1 */
	bool fault;		/* the proxy faults on memory */
	bool bug;		/* BUG() / hyp panic */
	/* partition actions: the FF-A status the action must return */
	struct expr *status;
	/*
	 * one_of: besides the above, at least one of these must hold: a
	 * call whose answer depends on which CPU got there first.
	 */
	struct step_expect *one_of;
	unsigned int nr_one_of;
};

enum page_word {
	PW_OWNED_BY_HOST,
	PW_SHARED_WITH_FFA,
	PW_SHARED_WITH_HYP,
	PW_OWNED_BY_HYP,
	PW_OWNED_BY_GUEST,
	PW_NO_OWNER,
	PW_NR_WORDS,
};

enum then_kind {
	THEN_PAGES,		/* page X / pages NAME / pages A..B */
	THEN_HANDLES,		/* spmc handles: [h, ...] */
	THEN_HANDLE,		/* handle H: { ... } */
	THEN_MESSAGE,		/* message to sp1: { ... } */
	THEN_MEMORY,		/* memory X: text or bytes */
	THEN_RX,		/* spmc rx: { mapped, pages } */
	THEN_VERSION,		/* spmc version: v */
};

struct then_check {
	enum then_kind kind;
	struct src_pos pos;
	char *subject;		/* the key as written, for messages */
	struct expr *first, *last;	/* THEN_PAGES addresses, inclusive */
	int word;		/* enum page_word; -1 when only pins given */
	struct expr *pins;
	struct expr **items;	/* THEN_HANDLES; THEN_HANDLE receivers */
	unsigned int nr_items;
	struct expr **retrieved;	/* THEN_HANDLE: who retrieved it */
	unsigned int nr_retrieved;
	bool has_receivers, has_retrieved;
	struct expr *handle;	/* THEN_HANDLE */
	struct expr *tag, *attrs;	/* THEN_HANDLE, when given */
	int op;			/* THEN_HANDLE: enum spmc_mem_op or -1 */
	int complete;		/* -1: not checked */
	uint16_t part_id;	/* THEN_MESSAGE */
	int seen;		/* THEN_MESSAGE: -1 not checked */
	struct reg_expect regs[SMC_NR_REGS];	/* THEN_MESSAGE */
	struct expr *count;	/* THEN_MESSAGE */
	uint8_t *bytes;		/* THEN_MEMORY */
	size_t nr_bytes;
	struct expr *addr;	/* THEN_MEMORY */
	int mapped;		/* THEN_RX: -1 not checked */
	struct expr *value;	/* THEN_RX pages */
	uint32_t version;	/* THEN_VERSION */
};

struct capture {
	char *name;
	struct expr *value;
	int slot;		/* names_slot() of name */
};

enum step_kind {
	STEP_CALL,		/* a host SMC */
	STEP_MEM_SEND,		/* build a descriptor in TX, share/lend/donate */
	STEP_FRAG_TX,		/* the next fragment of that descriptor */
	STEP_INJECT_SPMC,
	STEP_INJECT_HYP,
	STEP_RETRIEVE,		/* partition actions */
	STEP_RELINQUISH,
	STEP_SP_READ,
	STEP_SP_WRITE,
	STEP_HOST_WRITE,
	STEP_RESPOND,
	STEP_CONCURRENT,	/* steps of several CPUs at once */
	STEP_DRIVER,		/* Linux's FF-A driver, as a client calls it */
};

/* What a driver: step asks of Linux's FF-A driver (host/). */
enum driver_op {
	DRV_LOAD,		/* boot it: initcalls, probe */
	DRV_BIND,		/* register a client driver for a UUID */
	DRV_PARTITION_INFO,	/* info_ops->partition_info_get */
	DRV_DIRECT_REQ,		/* msg_ops->sync_send_receive */
	DRV_DIRECT_REQ2,	/* msg_ops->sync_send_receive2 */
	DRV_INDIRECT,		/* msg_ops->indirect_send */
	DRV_SHARE,		/* mem_ops->memory_share */
	DRV_LEND,		/* mem_ops->memory_lend */
	DRV_RECLAIM,		/* mem_ops->memory_reclaim */
	DRV_NOTIFY_REQUEST,	/* notifier_ops->notify_request */
	DRV_NOTIFY_RELINQUISH,	/* notifier_ops->notify_relinquish */
	DRV_RAISE_SRI,		/* the GIC raises the schedule-receiver interrupt */
	DRV_NR_OPS,
};

#define DRV_MAX_DATA		14
#define DRV_MAX_RANGES		512

struct driver_step {
	enum driver_op op;
	int part;			/* partition index: bind, messages, info */
	bool own_buffer;		/* share/lend: not the TX buffer */
	bool per_vcpu;			/* notify_request */
	struct expr *notify_id;		/* notify_* */
	unsigned int nr_data;		/* payload words given */
	struct expr *data[DRV_MAX_DATA];
	struct mem_send *mem;		/* share/lend: receivers, ranges, flags, tag */
	struct expr *handle, *flags;	/* reclaim */
	uint8_t *bytes;			/* indirect message */
	size_t nr_bytes;
	/* expect: */
	struct expr *ret;		/* NULL: 0 (unless ret_error) */
	bool ret_error;			/* ret: error - any error code */
	struct expr *want_handle;
	unsigned int nr_want_data;
	struct expr *want_data[DRV_MAX_DATA];
	bool check_parts;
	unsigned int nr_want_parts;
	struct expr **want_parts;	/* partition IDs, in order */
	int want_bound;			/* -2 unchecked, -1 none, else an index */
};

/* A driver step's result as registers, for capture: (docs: 9.10). */
#define DRV_REG_RET	0
#define DRV_REG_HANDLE	1
#define DRV_REG_DATA	2

/* How a concurrently: step picks the orders it runs its CPUs in. */
enum conc_mode {
	CONC_ALL,		/* every order, depth first */
	CONC_RANDOM,		/* a seeded random sample of orders */
	CONC_ORDER,		/* the one order given (a replay) */
	CONC_FREE,		/* real threads at once, once; no scheduler */
};

/*
 * A concurrently: step.  Each item is a step of its own with the CPU it
 * runs on; a CPU's items run in list order, the CPUs side by side.
 */
struct conc_group {
	unsigned int nr_items;
	struct step **items;
	unsigned int nr_cpus;		/* distinct CPUs, ascending */
	unsigned int cpus[SCEN_MAX_CPUS];
	enum conc_mode mode;
	unsigned int samples;		/* CONC_RANDOM */
	uint64_t seed;			/* CONC_RANDOM */
	unsigned int *order;		/* CONC_ORDER: the CPU at each choice */
	unsigned int order_len;
	/* Where the step's keys are, so that a replay file can fix an order. */
	struct src_pos key_pos;		/* concurrently: */
	struct src_pos mode_pos;	/* interleavings: or order:, line 0 if none */
};

/* Descriptor fields of a share/lend/donate step, still as expressions. */
struct mem_receiver_src {
	struct expr *id;
	struct expr *perms;	/* NULL: from access/exec */
	uint8_t data, instr;
	struct expr *flags;
};

struct mem_range_src {
	struct expr *address;
	struct expr *pages;	/* host pages */
	struct expr *ffa_pages;	/* raw 4K count, overrides pages */
};

struct mem_send {
	uint32_t op;		/* FFA_MTD_TYPE_* */
	bool smc32;
	uint32_t layout;	/* 0: the negotiated version */
	struct expr *sender, *attrs, *flags, *tag, *handle;
	unsigned int nr_receivers;
	struct mem_receiver_src receivers[DESC_MAX_RECEIVERS];
	unsigned int nr_ranges;
	struct mem_range_src *ranges;	/* nr_ranges of them */
	struct expr *override[DESC_F_NR_FIELDS];
	unsigned int nr_pokes;
	struct expr *poke_offset[DESC_MAX_POKES];
	struct expr *poke_value[DESC_MAX_POKES];
	uint8_t poke_size[DESC_MAX_POKES];
	struct expr *fragment;	/* first fragment length, NULL: whole */
};

struct step {
	enum step_kind kind;
	struct src_pos pos;
	char *title;
	int cpu;			/* cpu: N, or -1 (CPU 0) */
	struct conc_group *group;	/* STEP_CONCURRENT */
	/* STEP_CALL: x0 is the function; others: register overrides */
	struct expr *regs[SMC_NR_REGS];
	unsigned int nr_regs;		/* regs[] past the last one set */
	struct mem_send *mem;
	struct driver_step *drv;	/* STEP_DRIVER */
	struct expr *frag_len;		/* STEP_FRAG_TX */
	struct expr *frag_handle;	/* STEP_FRAG_TX */
	struct spmc_fault fault;	/* STEP_INJECT_SPMC (value below) */
	int hyp_op;			/* STEP_INJECT_HYP: enum hyp_op */
	struct expr *inj_value;		/* error code or corrupt value */
	unsigned int times;		/* 0: always */
	unsigned int skip;		/* STEP_INJECT_HYP: successes first */
	uint16_t part_id;		/* partition actions */
	struct expr *handle, *offset;
	uint8_t data, instr;		/* STEP_RETRIEVE */
	unsigned int mtd_type;		/* STEP_RETRIEVE: 0 any */
	uint8_t *bytes;			/* SP_READ expected / writes */
	size_t nr_bytes;
	struct expr *resp_error;	/* STEP_RESPOND */
	struct step_expect expect;
	unsigned int nr_captures;
	struct capture *captures;
	struct then_check **thens;
	unsigned int nr_thens;
	/* stuck: pages allowed (and required) to stay shared from now on */
	struct expr *stuck_first, *stuck_last;
	char *stuck_reason;
};

struct scenario {
	char *id;		/* name, or name[case] */
	char *file;
	unsigned int line;
	char *description;
	GPtrArray *tags;	/* of char * */
	struct scen_setup setup;
	GPtrArray *steps;	/* of struct step * */
	/* Owned here, borrowed by the fields above: one place frees them. */
	GPtrArray *exprs;	/* of struct expr * */
	GPtrArray *strings;	/* of char * */
	GPtrArray *blocks;	/* g_malloc()ed steps, checks, arrays */
	/* of char *: the captures' names by slot (names_slot()) */
	GPtrArray *capture_slots;
};

/* Load every scenario of @path into @out (of struct scenario *). */
bool scenario_load_file(const char *path, size_t page_size, GPtrArray *out,
			struct diag *d);
/* The same, printing any diagnostics to @err: for the commands. */
bool scenario_load_file_report(const char *path, size_t page_size,
			       GPtrArray *out, FILE *err);
/* The same from text, for tests and the documentation's examples. */
/* The same for @len bytes that may hold NULs, as a file's would. */
bool scenario_load_bytes(const char *name, const char *bytes, size_t len,
			 size_t page_size, GPtrArray *out, struct diag *d);
bool scenario_load_string(const char *name, const char *text,
			  size_t page_size, GPtrArray *out, struct diag *d);

void scenario_free(struct scenario *s);

/* A driver: step anywhere in @s, a concurrently: group's included. */
bool scenario_uses_driver(const struct scenario *s);

#endif /* SIM_SCENARIO_H */
