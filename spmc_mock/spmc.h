/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mock SPMC: an in-process stand-in for the secure world as seen from
 * the normal-world physical FF-A instance (endpoint ID 0).
 *
 * It answers SMCs through spmc_smc(), which has the shape of a
 * struct smc_conduit call, and touches normal-world memory only through
 * physmem_read()/physmem_write().  Scenario code drives the secure
 * partitions' side (retrieve, relinquish, access memory), queries state for
 * the safety invariants, and injects faults.
 *
 * Every function below may be called from several threads at once, as a
 * real SPMC is called from several cores: each runs alone (spmc_internal.h).
 *
 * Return convention of every int-returning function below: 0 on success or
 * a negative FF-A error code (FFA_RET_*, see ffa_abi.h).
 */
#ifndef SPMC_MOCK_SPMC_H
#define SPMC_MOCK_SPMC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "hw/smc.h"
#include "spmc_mock/ffa_abi.h"

#define SPMC_MAX_PARTITIONS	16
#define SPMC_MAX_TXNS		64	/* outstanding handles */
#define SPMC_MAX_DESC_LEN	(1U << 20)	/* one transaction descriptor */
#define SPMC_MAX_FAULTS		16
#define SPMC_DEFAULT_ID		0x8000

/* What a partition does with a partition (non-framework) direct request. */
enum spmc_direct_behaviour {
	SPMC_DIRECT_ECHO,	/* respond with the request's payload */
	SPMC_DIRECT_FIXED,	/* respond with spmc_partition_cfg.fixed_resp */
	SPMC_DIRECT_ERROR,	/* FFA_ERROR with .error */
	SPMC_DIRECT_BUSY,	/* FFA_ERROR BUSY */
	SPMC_DIRECT_SCRIPTED,	/* ask spmc_set_direct_handler()'s callback */
};

struct spmc_partition_cfg {
	uint16_t id;			/* bit 15 must be set */
	uint8_t uuid[16];		/* as laid out in memory */
	uint32_t properties;		/* FFA_PROP_* bits */
	uint16_t exec_ctx_count;
	enum spmc_direct_behaviour behaviour;
	/*
	 * FIXED: fixed_resp[i] is the response's x<i>; only the payload
	 * registers are used (x3..x7, or x4..x17 for REQ2).
	 */
	uint64_t fixed_resp[SMC_NR_REGS];
	int32_t error;			/* ERROR: the code to answer */
};

/*
 * How FFA_VERSION behaves once the caller has made another FF-A call
 * (the spec ends negotiation there; implementations differ in what a later
 * FFA_VERSION then does, and pKVM calls it again to downgrade).
 */
enum spmc_version_policy {
	SPMC_VERSION_RENEGOTIATE,	/* a compatible call re-sets it */
	SPMC_VERSION_LOCK_REPORT,	/* locked: answer the negotiated one */
	SPMC_VERSION_LOCK_REFUSE,	/* locked: a different one -> -1 */
};

struct spmc_config {
	bool no_ffa;		/* no SPMC in firmware: FF-A IDs -> -1 */
	uint32_t version;	/* FFA_VERSION_1_0 / _1_1 / _1_2 */
	uint16_t spmc_id;	/* 0 means SPMC_DEFAULT_ID */
	uint8_t rxtx_min_code;	/* FFA_RXTX_MIN_4K / _64K / _16K */
	uint16_t rxtx_max_pages; /* 1.2 only, 0 = no limit */
	uint32_t retrieve_frag_size; /* 0 = whole RX buffer */
	enum spmc_version_policy version_policy;
	/* Answer FFA_ERROR NOT_SUPPORTED to calls before FFA_VERSION. */
	bool require_version_first;
	/* Accept any normal-world sender in direct requests (else only 0). */
	bool any_nwd_sender;
	/*
	 * The SGI donated to the normal world as the schedule-receiver
	 * interrupt (FFA_FEATURES of feature ID 2), 1..15; 0: none, and no
	 * notification call is offered.
	 */
	uint8_t sri_intid;
	unsigned int nr_partitions;
	struct spmc_partition_cfg partitions[SPMC_MAX_PARTITIONS];
};

struct spmc;

/* Fill *cfg with a 1.2 SPMC, 4K buffers, no partitions. */
void spmc_config_default(struct spmc_config *cfg);

/* Index of the partition with ID @id among the first @n of @cfg, or -1. */
int spmc_config_find(const struct spmc_config *cfg, unsigned int n,
		     uint64_t id);
/* A partition's ID is 16 bits with bit 15 set: a secure-world ID. */
bool spmc_partition_id_valid(uint64_t id);

/* NULL (with a message in err) when the configuration is impossible. */
struct spmc *spmc_create(const struct spmc_config *cfg, struct physmem *pm,
			 char *err, size_t errlen);
void spmc_destroy(struct spmc *spmc);
/*
 * @spmc as spmc_create() would make it, in the same memory: a fuzzer's
 * reset between inputs then writes pages already mapped instead of
 * faulting in a fresh allocation.  -1 (and @spmc as it was) when the
 * configuration is impossible.
 */
int spmc_recreate(struct spmc *spmc, const struct spmc_config *cfg,
		  struct physmem *pm, char *err, size_t errlen);

/* The conduit entry; origin only labels traces. */
void spmc_smc(void *spmc, enum smc_origin origin, const struct smc_regs *in,
	      struct smc_regs *out);

static inline struct smc_conduit spmc_conduit(struct spmc *spmc)
{
	return (struct smc_conduit){ .call = spmc_smc, .ctx = spmc };
}

/*
 * SCRIPTED partitions: the handler sees the request as received and fills
 * resp's payload registers (x3..x7, or x4..x17 for REQ2); the SPMC fills
 * x0..x2.  A negative return is answered as FFA_ERROR with that code.
 */
typedef int (*spmc_direct_handler_fn)(void *ctx, uint16_t part_id,
				      const struct smc_regs *req,
				      struct smc_regs *resp);
void spmc_set_direct_handler(struct spmc *spmc, spmc_direct_handler_fn fn,
			     void *ctx);

/* Event log: one call per event, printf-style. */
typedef void (*spmc_log_fn)(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void spmc_set_log(struct spmc *spmc, spmc_log_fn fn, void *ctx);

/*
 * Every memory transaction descriptor, or fragment of one, as the SPMC
 * reads it from a TX buffer (@to_spmc) or writes it to an RX buffer (a
 * retrieve response): so that a trace can show what a hop carried.
 * Called with the SPMC locked: @fn must not call back into it.
 */
typedef void (*spmc_desc_fn)(void *ctx, bool to_spmc, const void *bytes,
			     size_t len);
void spmc_set_desc_observer(struct spmc *spmc, spmc_desc_fn fn, void *ctx);

/* ---- Partition side (scenario actions) ---- */

/*
 * Retrieve @handle for partition @part_id.  @data/@instr are the requested
 * FFA_DATA_* / FFA_INSTR_* (NOT_SPECIFIED takes what was granted);
 * @type is FFA_MTD_TYPE_* that the partition expects, or 0 for any.
 */
int spmc_partition_retrieve(struct spmc *spmc, uint16_t part_id,
			    uint64_t handle, unsigned int data,
			    unsigned int instr, unsigned int type);
int spmc_partition_relinquish(struct spmc *spmc, uint16_t part_id,
			      uint64_t handle);
/* @offset counts bytes through the constituents in descriptor order. */
int spmc_partition_read(struct spmc *spmc, uint16_t part_id, uint64_t handle,
			uint64_t offset, void *buf, size_t len);
int spmc_partition_write(struct spmc *spmc, uint16_t part_id, uint64_t handle,
			 uint64_t offset, const void *buf, size_t len);
/*
 * Why the last partition action above returned an error, in a sentence
 * ("" after one that succeeded): the error code alone does not say which
 * of the spec's rules refused it.
 */
void spmc_partition_refusal(const struct spmc *spmc, char *buf, size_t size);

/* ---- State queries ---- */

enum spmc_mem_op {
	SPMC_MEM_SHARE = FFA_MTD_TYPE_SHARE,
	SPMC_MEM_LEND = FFA_MTD_TYPE_LEND,
	SPMC_MEM_DONATE = FFA_MTD_TYPE_DONATE,
};

struct spmc_range {
	uint64_t pa;
	uint64_t pages;		/* 4K pages */
};

struct spmc_receiver_info {
	uint16_t id;
	uint8_t perms;		/* as granted by the sender */
	uint8_t flags;
	bool retrieved;
	uint8_t retrieved_perms;
};

struct spmc_txn_info {
	uint64_t handle;
	uint16_t sender;
	enum spmc_mem_op op;
	bool complete;		/* false: fragments still expected */
	bool donated;		/* retrieved donation: the SP owns it */
	uint32_t version;	/* layout it was sent in */
	uint32_t total_len;
	uint32_t received_len;
	uint16_t attrs;
	uint32_t flags;
	uint64_t tag;
	unsigned int nr_receivers;
	struct spmc_receiver_info receivers[SPMC_MAX_PARTITIONS];
	/* Constituents received so far; valid until the SPMC is next called. */
	unsigned int nr_ranges;
	const struct spmc_range *ranges;
};

typedef void (*spmc_txn_fn)(void *ctx, const struct spmc_txn_info *info);
void spmc_for_each_txn(struct spmc *spmc, spmc_txn_fn fn, void *ctx);
bool spmc_txn_find(struct spmc *spmc, uint64_t handle,
		   struct spmc_txn_info *info);
unsigned int spmc_txn_count(const struct spmc *spmc);

/* Every normal-world range the SPMC holds, complete or partial. */
typedef void (*spmc_range_fn)(void *ctx, uint64_t handle,
			      const struct spmc_range *range);
void spmc_for_each_held_range(struct spmc *spmc, spmc_range_fn fn, void *ctx);
/*
 * A number that differs from every earlier answer of any SPMC whenever
 * the ranges above may have changed, so that a watcher walks them only
 * then.
 */
uint64_t spmc_held_generation(struct spmc *spmc);
/*
 * What changed since @since, an earlier spmc_held_generation() (or @gen)
 * of this SPMC: the handles whose ranges may have changed, ascending and
 * each once, up to @max of them in @handles, and how many; @fn hears of
 * every range those handles hold now, as above.  -1 when the SPMC cannot
 * say (@since is older than it remembers or not its own, more than @max
 * changed): then walk them all.  @gen: the generation now.
 */
int spmc_held_changes(struct spmc *spmc, uint64_t since, uint64_t *gen,
		      uint64_t *handles, unsigned int max, spmc_range_fn fn,
		      void *ctx);

struct spmc_rx_info {
	bool mapped;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
	bool consumer_owns_rx;	/* filled, not yet released */
};
void spmc_rx_state(const struct spmc *spmc, struct spmc_rx_info *info);
/*
 * A number that differs from every earlier answer of any SPMC whenever
 * where the mailboxes are mapped (mapped, tx_pa, rx_pa, pages) may have
 * changed; consumer_owns_rx does not count.  Takes no lock.
 */
uint64_t spmc_rx_generation(const struct spmc *spmc);

/* 0 while nothing has been negotiated. */
uint32_t spmc_negotiated_version(const struct spmc *spmc);

struct spmc_msg_info {
	uint64_t count;		/* direct requests this partition received */
	uint64_t seq;		/* global sequence number of the last one */
	uint32_t fid;		/* last request's function ID */
	struct smc_regs regs;	/* last request's x0..x17 as received */
	bool framework;
};
bool spmc_partition_last_msg(const struct spmc *spmc, uint16_t part_id,
			     struct spmc_msg_info *info);

/* The last indirect message (FFA_MSG_SEND2) a partition received. */
#define SPMC_INDIRECT_KEEP	256
struct spmc_indirect_info {
	uint64_t count;		/* indirect messages received */
	uint16_t sender;
	uint32_t size;		/* the payload's size as sent */
	uint8_t data[SPMC_INDIRECT_KEEP];	/* its first bytes */
};
bool spmc_partition_last_indirect(const struct spmc *spmc, uint16_t part_id,
				  struct spmc_indirect_info *info);

/* ---- Fault injection ---- */

enum spmc_fault_kind {
	SPMC_FAULT_ERROR,	/* answer FFA_ERROR .error, do nothing */
	SPMC_FAULT_HANDLE,	/* handle in SUCCESS w2/w3 or FRAG_RX w1/w2 */
	SPMC_FAULT_FRAG_OFFSET,	/* FRAG_RX w3 */
	SPMC_FAULT_FRAG_LEN,	/* RETRIEVE_RESP w2 or FRAG_TX w3 */
	SPMC_FAULT_TOTAL_LEN,	/* RETRIEVE_RESP w1 */
	SPMC_FAULT_COMP_OFFSET,	/* every EMAD's composite offset in RX */
	SPMC_FAULT_EMAD_OFFSET,	/* the header's endpoint-array offset in RX */
	SPMC_FAULT_FRAG_SIZE,	/* retrieve response fragment size */
	SPMC_FAULT_FRAG_RX,	/* a whole share's SUCCESS becomes FRAG_RX */
	SPMC_FAULT_PROPERTIES,	/* w2 of FFA_FEATURES' SUCCESS */
	SPMC_FAULT_NR_KINDS,
};

#define SPMC_FAULT_ANY_FID	0U	/* matches every FF-A call */

struct spmc_fault {
	uint32_t fid;		/* function ID (hint bit ignored) or ANY */
	enum spmc_fault_kind kind;
	int32_t error;		/* SPMC_FAULT_ERROR */
	uint64_t value;		/* the corrupted value / fragment size */
	unsigned int count;	/* applications left; 0 = always */
};

/* FFA_RET_NO_MEMORY when the table is full. */
int spmc_inject(struct spmc *spmc, const struct spmc_fault *fault);
void spmc_clear_faults(struct spmc *spmc);
/* How many times faults have been applied since creation. */
unsigned int spmc_faults_applied(const struct spmc *spmc);

#endif /* SPMC_MOCK_SPMC_H */
