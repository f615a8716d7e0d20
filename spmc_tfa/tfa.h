/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TF-A's EL3 SPMC, compiled unmodified from Debian's source, as the
 * simulator's EL3: the SPMD's FF-A entry answers SMCs through a
 * struct smc_conduit, and normal-world memory is the simulated DRAM, which
 * must be mapped at its physical address (physmem_init_at_pa()) because
 * TF-A maps the RX/TX buffers flat and dereferences their addresses.
 *
 * TF-A's state lives in its own globals: one instance per process at a
 * time; creating it again starts from the state TF-A booted with.
 * Calls are serialised (one core in EL3 at a time).
 *
 * This header uses no TF-A type, so the rest of ffa-sim can include it.
 */
#ifndef SPMC_TFA_TFA_H
#define SPMC_TFA_TFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "hw/smc.h"

/*
 * What starts the line on stderr with which a TF-A panic or failed
 * assertion ends the process (abort()), for tools that name the death:
 * "ffa-sim: TF-A EL3: assertion `COND` failed in FUNC FILE:LINE".  The
 * same line without "ffa-sim: " is the process's last words
 * (hw/last_words.h), which the runner puts in the scenario's outcome.
 */
#define TFA_LAST_WORDS_PREFIX	"TF-A EL3: "
#define TFA_FATAL_PREFIX	"ffa-sim: " TFA_LAST_WORDS_PREFIX

#define TFA_MAX_RECEIVERS	8
#define TFA_RESP_REGS		8	/* a direct response is x0..x7 */

/* How a partition answers a direct request. */
enum tfa_lp_answer {
	TFA_LP_ECHO,		/* x3..x7 of the request back */
	TFA_LP_FIXED,		/* x3..x7 from the partition's fixed[] */
	TFA_SCRIPTED,		/* asks tfa_set_direct_handler()'s callback;
				 * the S-EL1 partition only */
};

struct tfa_lp_cfg {
	uint16_t id;
	uint8_t uuid[16];	/* as laid out in memory */
	enum tfa_lp_answer answer;
	uint64_t fixed[TFA_RESP_REGS];
};

/*
 * The S-EL1 partition (spmc_tfa/sel1.c): its descriptor holds what its
 * manifest would give the SPMC (ID, UUID, properties); at boot it maps its
 * own RX/TX with TF-A, and then it runs when TF-A switches to the secure
 * world: it answers direct requests, and retrieves, relinquishes and
 * touches shared memory through TF-A's FF-A calls from the secure side.
 */
struct tfa_sel1_cfg {
	uint16_t id;		/* 0: none (the SPMC's slot keeps 0x7fff) */
	uint8_t uuid[16];
	uint32_t properties;	/* FF-A partition properties; 0: direct-req-recv */
	enum tfa_lp_answer answer;
	uint64_t fixed[TFA_RESP_REGS];
	/*
	 * Busy: its execution context on this core was preempted in other
	 * work, not waiting, so TF-A itself answers direct requests BUSY.
	 */
	bool busy;
};

struct tfa_config {
	struct tfa_lp_cfg lp;	/* the one EL3 logical partition */
	struct tfa_sel1_cfg sel1;
};

struct tfa_spmc;

/* "2.12.1": the TF-A tree this build compiled. */
extern const char tfa_version[];

/* Fill *cfg: one echo partition 0x8001. */
void tfa_config_default(struct tfa_config *cfg);

/* NULL with a message in err when TF-A's setup fails or one exists. */
struct tfa_spmc *tfa_create(const struct tfa_config *cfg, struct physmem *pm,
			    char *err, size_t errlen);
void tfa_destroy(struct tfa_spmc *tfa);

/* The conduit entry: one SMC from the normal world into EL3. */
void tfa_smc(void *tfa, enum smc_origin origin, const struct smc_regs *in,
	     struct smc_regs *out);

static inline struct smc_conduit tfa_conduit(struct tfa_spmc *tfa)
{
	return (struct smc_conduit){ .call = tfa_smc, .ctx = tfa };
}

/*
 * A scripted S-EL1 partition's answer to a direct request: fill x3..x7 of
 * resp and return 0.  A non-zero return asks the partition to answer
 * FFA_ERROR, which TF-A does not pass on (see sel1.c): it ends the run.
 */
typedef int (*tfa_direct_fn)(void *ctx, uint16_t id, const struct smc_regs *req,
			     struct smc_regs *resp);
void tfa_set_direct_handler(struct tfa_spmc *tfa, tfa_direct_fn fn, void *ctx);

/* TF-A's log lines (tf_log), level first: 10 error ... 50 verbose. */
typedef void (*tfa_log_fn)(void *ctx, int level, const char *msg);
void tfa_set_log(struct tfa_spmc *tfa, tfa_log_fn fn, void *ctx);

/* ---- State, read out of TF-A's own structures ---- */

struct tfa_range {
	uint64_t pa;
	uint64_t pages;		/* 4K pages */
};

struct tfa_receiver {
	uint16_t id;
	uint8_t perms;
	uint8_t flags;
};

/* One object of TF-A's memory-sharing datastore. */
struct tfa_txn {
	uint64_t handle;
	uint16_t sender;
	unsigned int type;	/* FF-A transaction type bits 4:3 of flags */
	bool complete;		/* every fragment received */
	bool v1_0_layout;	/* stored as the sender sent it (incomplete 1.0) */
	uint32_t total_len;
	uint32_t received_len;
	uint32_t in_use;	/* retrievals not yet relinquished */
	uint16_t attrs;
	uint32_t flags;
	uint64_t tag;
	unsigned int nr_receivers;
	struct tfa_receiver receivers[TFA_MAX_RECEIVERS];
	unsigned int nr_ranges;	/* constituents received so far */
	const struct tfa_range *ranges;	/* valid during the callback */
};

typedef void (*tfa_txn_fn)(void *ctx, const struct tfa_txn *txn);
/* -EINVAL when the datastore does not parse (TF-A wrote nonsense). */
int tfa_for_each_txn(struct tfa_spmc *tfa, tfa_txn_fn fn, void *ctx);

struct tfa_mailbox {
	bool mapped;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
	bool rx_full;		/* the SPMC filled RX, the caller owns it */
};
void tfa_mailbox(const struct tfa_spmc *tfa, struct tfa_mailbox *mb);

/* The FF-A version TF-A keeps for the normal world, 0 before any. */
uint32_t tfa_ns_version(const struct tfa_spmc *tfa);

/* A partition's last direct request (x0..x17 as TF-A passed them). */
struct tfa_lp_msgs {
	uint64_t count;
	uint64_t seq;
	uint32_t fid;
	struct smc_regs regs;
};
bool tfa_lp_last_msg(const struct tfa_spmc *tfa, uint16_t id,
		     struct tfa_lp_msgs *msgs);

/* ---- The S-EL1 partition's own actions (sel1.c) ---- */

/*
 * What the partition puts in its retrieve request.  TF-A answers only a
 * request that repeats the sender, tag and receivers the sender gave (as a
 * client would tell its partition alongside the handle).
 */
struct tfa_retrieve {
	uint64_t handle;
	uint16_t sender;
	uint64_t tag;
	unsigned int type;	/* 0: any, else flags bits 4:3 (1 share, 2 lend) */
	unsigned int data;	/* access asked for: 0 unspecified, 1 RO, 2 RW */
	unsigned int instr;	/* 0 unspecified, 1 NX, 2 X */
	unsigned int nr_receivers;
	struct tfa_receiver receivers[TFA_MAX_RECEIVERS];
};

/*
 * Each returns 0 or a negative FF-A error: TF-A's answer to the partition's
 * call, or the partition's own refusal (touching memory it does not hold,
 * writing what it holds read-only: DENIED; past its end: INVALID_PARAMETERS).
 */
int tfa_sel1_retrieve(struct tfa_spmc *tfa, const struct tfa_retrieve *req);
int tfa_sel1_relinquish(struct tfa_spmc *tfa, uint64_t handle);
int tfa_sel1_access(struct tfa_spmc *tfa, uint64_t handle, uint64_t offset,
		    void *buf, size_t len, bool write);
/* Why the last of these failed, "" when it did not. */
const char *tfa_sel1_refusal(const struct tfa_spmc *tfa);
/* Whether the partition holds @handle (retrieved, not relinquished). */
bool tfa_sel1_holds(const struct tfa_spmc *tfa, uint64_t handle);

/* Bytes of TF-A's datastore in use, and its size (tests, bench). */
void tfa_datastore_use(size_t *used, size_t *size);

#endif /* SPMC_TFA_TFA_H */
