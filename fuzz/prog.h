/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fuzz input is a small program: a machine set-up and a list of steps,
 * each one step of the scenario language (a host SMC, a descriptor sent
 * through TX, a fragment, an injected fault, a partition action).  Keeping
 * to the language's steps is what lets any finding be written back as a
 * scenario that `ffa-sim run` reproduces.
 *
 * Register values are symbolic where a host's would be: a page of the
 * machine, a handle an earlier step got back, a version, a function ID.
 * A mutation then mostly stays meaningful (another page, an older handle),
 * and the emitted scenario reads as what the host meant.  Raw 64-bit values
 * remain one kind among the others, so every register can still hold
 * anything.
 */
#ifndef FUZZ_PROG_H
#define FUZZ_PROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <generated/sim_variant.h>

#include "sim/lang/desc.h"
#include "hw/physmem.h"
#include "hw/smc.h"

#define FZ_MAX_OPS		48
#define FZ_MAX_RECEIVERS	4
#define FZ_MAX_RANGES		8
#define FZ_MAX_POKES		4
#define FZ_MAX_INPUT		8192

/*
 * The machine every program runs on (fuzz/machine.c lays it out).  TF-A
 * variants have DRAM where the loader puts it for them (load_setup.c).
 */
#if SIM_SPMC_TFA
#define FZ_DRAM_BASE		PHYSMEM_DRAM_BASE_TFA
#else
#define FZ_DRAM_BASE		PHYSMEM_DRAM_BASE
#endif
#define FZ_DRAM_PAGES		64	/* host pages */
#define FZ_P_PAGES		24	/* the host block "p" at the bottom */
#define FZ_MMIO_BASE		0x09000000ULL
#define FZ_HOLE			0x10000000ULL
#define FZ_PART_1		0x8001
#define FZ_PART_2		0x8002

enum fz_val_kind {
	FV_ZERO,
	FV_RAW,		/* v itself */
	FV_CONST,	/* fz_consts[v % n]: versions, sizes, IDs, edges */
	FV_PAGE,	/* a region of the machine, see fz_page_region */
	FV_HANDLE,	/* a handle an earlier step got back */
	FV_FID,		/* an FF-A function ID, possibly with odd bits */
	FV_NR_KINDS,
};

/* FV_PAGE: v & 0xff picks the region, (v >> 8) & 0xff an offset into it. */
enum fz_page_region {
	FR_P,		/* page(p, i) for i < FZ_P_PAGES: regions 0..23 */
	FR_HP = FZ_P_PAGES,	/* the hyp-owned page */
	FR_GP,		/* the guest-owned page */
	FR_MMIO,	/* an MMIO window */
	FR_HOLE,	/* no memory at all */
	FR_PROXY,	/* the hyp's own FF-A proxy pages */
	FR_GUARD,	/* the guard page above them */
	FR_FREE,	/* a host page nobody named */
	FR_FAR,		/* beyond the host's IPA space */
	FR_NR_REGIONS,
};

#define FZ_PAGE_OFFSETS		5	/* +0, +4K, +1, +PAGE_SIZE/2, -4K */

/* FV_HANDLE: v & 3 how many handles back, (v >> 2) & 3 the part. */
enum fz_handle_part {
	FH_LO,
	FH_HI,
	FH_FULL,
	FH_NEXT,	/* the handle plus one: one nobody was given */
};

/* FV_FID: v % table size picks the function, (v >> 8) & 3 how it is sent. */
enum fz_fid_form {
	FF_PLAIN,
	FF_SVE_HINT,	/* with the SMCCC 1.3 hint bit */
	FF_UPPER,	/* with bit 32 set: 7.x refuses it before the proxy */
	FF_OTHER_CONV,	/* the other calling convention (SMC32 <-> SMC64) */
};

struct fz_val {
	uint8_t kind;
	uint64_t v;
};

enum fz_op_kind {
	FZ_CALL,
	FZ_MEM_SEND,
	FZ_FRAG_TX,
	FZ_INJECT_SPMC,
	FZ_INJECT_HYP,
	FZ_RETRIEVE,
	FZ_RELINQUISH,
	FZ_NR_OP_KINDS,
};

struct fz_call {
	struct fz_val fid;
	uint32_t set;			/* bit i: x<i> given (1..17) */
	struct fz_val x[SMC_NR_REGS];
};

struct fz_receiver {
	uint16_t id;
	uint8_t perms, flags;
};

struct fz_range {
	struct fz_val at;
	uint32_t ffa_pages;
};

struct fz_poke {
	uint16_t offset;
	uint8_t size;			/* 1, 2, 4 or 8 */
	uint64_t value;			/* fits size */
};

/* The fields of a share, lend or donate step, and its register overrides. */
struct fz_mem {
	uint8_t type;			/* FFA_MTD_TYPE_SHARE / LEND / DONATE */
	uint8_t smc32;			/* 0 or 1 */
	uint8_t layout;			/* 0: 1.0, 1: 1.1, 2: 1.2 */
	uint16_t sender, attrs;
	uint32_t flags;
	uint64_t tag, handle;
	uint8_t nr_receivers;		/* 1..FZ_MAX_RECEIVERS */
	struct fz_receiver rcv[FZ_MAX_RECEIVERS];
	uint8_t nr_ranges;		/* 1..FZ_MAX_RANGES */
	struct fz_range range[FZ_MAX_RANGES];
	uint8_t overridden;		/* bit f: desc field f forced */
	uint32_t override[DESC_F_NR_FIELDS];
	uint8_t nr_pokes;
	struct fz_poke poke[FZ_MAX_POKES];
	uint16_t fragment;		/* first fragment; 0: all of it */
	uint8_t set;			/* bit i: x<i> given (1..4) */
	struct fz_val x[5];
};

struct fz_frag {
	uint16_t length;		/* 0: the rest of the descriptor */
	uint8_t has_handle;		/* 0: the last FFA_MEM_FRAG_RX's */
	struct fz_val handle;
};

struct fz_inject_spmc {
	uint8_t fid;			/* index into fz_spmc_fids */
	uint8_t kind;			/* enum spmc_fault_kind */
	struct fz_val value;		/* error code or corrupt value */
	uint8_t times;			/* 0: always */
};

struct fz_inject_hyp {
	uint8_t op;			/* enum hyp_op */
	uint8_t err;			/* index into fz_errnos */
	uint8_t after, times;		/* times 0: always */
};

/* retrieve and relinquish, by one of the two partitions. */
struct fz_sp {
	uint8_t part;			/* 0: sp1, 1: sp2 */
	struct fz_val handle;
	uint8_t access, exec, type;	/* retrieve's words, as indices */
};

struct fz_op {
	uint8_t kind;
	union {
		struct fz_call call;
		struct fz_mem mem;
		struct fz_frag frag;
		struct fz_inject_spmc ispmc;
		struct fz_inject_hyp ihyp;
		struct fz_sp sp;
	};
};

struct fz_setup {
	uint8_t version;		/* 0: 1.2, 1: 1.1, 2: 1.0 */
	uint8_t retrieve_frag;		/* 0: whole RX, else 16 * n bytes */
	uint8_t policy;			/* enum spmc_version_policy */
	uint8_t version_first;		/* 0 or 1 */
	uint8_t rxtx_min;		/* 0: 4K, 1: 16K, 2: 64K */
};

struct fz_prog {
	struct fz_setup setup;
	unsigned int nr_ops;
	struct fz_op ops[FZ_MAX_OPS];
};

/* ---- Tables (prog_tables.c) ---- */

struct fz_const {
	const char *text;		/* as the scenario language writes it */
	uint64_t (*value)(size_t page_size);
	uint64_t fixed;			/* when value is NULL */
};

extern const struct fz_const fz_consts[];
extern const unsigned int fz_nr_consts;

extern const uint32_t fz_spmc_fids[];	/* 0: any call */
extern const unsigned int fz_nr_spmc_fids;

struct fz_errno {
	const char *name;
	int value;			/* positive */
};
extern const struct fz_errno fz_errnos[];
extern const unsigned int fz_nr_errnos;

extern const char *const fz_access_words[3];
extern const char *const fz_exec_words[3];
extern const char *const fz_type_words[4];

unsigned int fz_nr_fids(void);
/* The FF-A function of FV_FID v, with its form applied. */
uint32_t fz_fid_base(uint64_t v);
uint64_t fz_fid_value(uint64_t v);

/* The FF-A version of a mem_send's descriptor layout (fz_mem.layout). */
uint32_t fz_layout_version(uint8_t layout);

/* ---- The values of a step (prog_vals.c) ---- */

#define FZ_MAX_VALS	(SMC_NR_REGS + FZ_MAX_RANGES + 4)

/* Pointers to the values step @op uses, into @out; returns how many. */
unsigned int fz_op_vals(struct fz_op *op, struct fz_val **out);

/* ---- Codec (prog_codec.c) ---- */

/* Any bytes decode to a valid program; what does not fit is dropped. */
void fz_decode(const uint8_t *data, size_t size, struct fz_prog *p);
/* Returns the length written, at most @cap (ops that do not fit go). */
size_t fz_encode(const struct fz_prog *p, uint8_t *out, size_t cap);
/* Bring every field into its range, as fz_decode() would leave it. */
void fz_normalise(struct fz_prog *p);

/*
 * Fuzz input read as little-endian fields; past its end every byte reads
 * as zero, so decoding never fails and a shorter input means less.
 */
struct fz_reader {
	const uint8_t *p;
	size_t n, off;
};

static inline uint64_t fz_take(struct fz_reader *r, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++, r->off++)
		if (r->off < r->n)
			v |= (uint64_t)r->p[r->off] << (8 * i);
	return v;
}

#endif /* FUZZ_PROG_H */
