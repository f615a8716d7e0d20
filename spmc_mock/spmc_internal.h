/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal state of the mock SPMC, shared between its files.  Nothing
 * outside spmc_mock/ includes this.
 */
#ifndef SPMC_MOCK_SPMC_INTERNAL_H
#define SPMC_MOCK_SPMC_INTERNAL_H

#include <pthread.h>

#include "spmc_mock/spmc.h"

struct spmc_partition {
	struct spmc_partition_cfg cfg;
	struct spmc_msg_info last;
	struct spmc_indirect_info last_indirect;
};

/* Endpoint 0's buffer pair, as the SPMC sees it. */
struct spmc_mailbox {
	bool mapped;
	uint64_t tx_pa;
	uint64_t rx_pa;
	uint32_t pages;
	bool consumer_owns_rx;
};

struct spmc_txn_receiver {
	uint16_t id;
	uint8_t perms;
	uint8_t flags;
	uint8_t impdef[FFA_EMAD_IMPDEF_LEN];
	bool retrieved;
	uint8_t retrieved_perms;
};

/* The ranges of @handle changed at generation @gen. */
struct spmc_held_change {
	uint64_t gen, handle;
};

#define SPMC_HELD_LOG	16	/* a power of two: held_log_next wraps */

struct spmc_txn {
	bool in_use;
	uint64_t handle;
	enum spmc_mem_op op;
	uint32_t version;		/* layout of the sent descriptor */
	uint8_t *desc;			/* raw descriptor, total_len bytes */
	uint32_t total_len;
	uint32_t received_len;
	bool complete;
	bool donated;
	/* Parsed when the first fragment arrives. */
	uint16_t sender;
	uint16_t attrs;
	uint32_t flags;
	uint64_t tag;
	uint32_t comp_offset;
	unsigned int nr_receivers;
	struct spmc_txn_receiver receivers[SPMC_MAX_PARTITIONS];
	/* Filled as constituents arrive. */
	unsigned int nr_ranges;
	struct spmc_range *ranges;
	uint64_t total_pages;
};

/* A retrieve response being handed out to the hypervisor. */
struct spmc_retrieve_xfer {
	bool active;
	uint64_t handle;
	uint8_t *buf;
	uint32_t len;
	uint32_t frag_size;
	uint32_t last_offset;
	uint32_t next_offset;
};

struct spmc_fault_slot {
	bool in_use;
	struct spmc_fault f;
};

/*
 * Every entry point of spmc.h holds the SPMC's lock for the whole call, so
 * several simulated cores may call it at once, as they call a real SPMC.
 * Recursive, so that a callback (a scripted partition, the log) may query
 * the SPMC back.
 */
struct spmc {
	pthread_mutex_t lock;
	struct spmc_config cfg;
	struct physmem *pm;
	uint32_t negotiated;		/* 0 until FFA_VERSION succeeds */
	bool negotiation_over;		/* another FF-A call was made */
	struct spmc_mailbox mbox;
	/* Where mbox maps last changed at this generation. */
	uint64_t mbox_gen;
	struct spmc_partition parts[SPMC_MAX_PARTITIONS];
	struct spmc_txn txns[SPMC_MAX_TXNS];
	/* No slot at or past this was ever in use: walks stop here. */
	unsigned int txns_end;
	uint64_t next_handle_seq;
	/* The ranges held last changed at this generation. */
	uint64_t held_gen;
	/*
	 * The last changes to them, a ring: every change after held_since
	 * is in it, so a watcher that saw held_since or later learns which
	 * handles changed instead of walking every range.
	 */
	struct spmc_held_change held_log[SPMC_HELD_LOG];
	unsigned int held_log_len;
	unsigned int held_log_next;	/* free-running: modulo the ring */
	uint64_t held_since;
	struct spmc_retrieve_xfer xfer;
	uint64_t msg_seq;
	spmc_direct_handler_fn direct_fn;
	void *direct_ctx;
	spmc_log_fn log_fn;
	void *log_ctx;
	spmc_desc_fn desc_fn;
	void *desc_ctx;
	struct spmc_fault_slot faults[SPMC_MAX_FAULTS];
	unsigned int faults_applied;
	uint32_t frag_size_override;	/* set by a FRAG_SIZE fault */
	char refusal[160];		/* why the last partition action failed */
};

/* A 64-bit handle passed as two 32-bit halves, low half in x[lo]. */
static inline uint64_t regs_handle(const struct smc_regs *r, unsigned int lo)
{
	return (uint32_t)r->x[lo] | ((uint64_t)(uint32_t)r->x[lo + 1] << 32);
}

typedef void (*spmc_handler_fn)(struct spmc *s, const struct smc_regs *in,
				struct smc_regs *out);

/* spmc.c; the lock is logically mutable, so queries on a const SPMC take it. */
void spmc_lock(const struct spmc *s);
/* A number no SPMC of the process had before (spmc_held_generation()). */
uint64_t spmc_new_generation(void);
/* The ranges @handle holds changed (spmc_held_generation()). */
void spmc_held_changed(struct spmc *s, uint64_t handle);
void spmc_unlock(const struct spmc *s);
void spmc_log(struct spmc *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A descriptor crossed a buffer: tell the observer, if there is one. */
void spmc_desc_seen(struct spmc *s, bool to_spmc, const void *bytes,
		    size_t len);
void ffa_ret_error(struct smc_regs *out, int32_t err);
void ffa_ret_success(struct smc_regs *out, uint64_t w2, uint64_t w3);
struct spmc_partition *spmc_find_partition(struct spmc *s, uint16_t id);
/* The layout version in force: negotiated, else the SPMC's own. */
uint32_t spmc_layout_version(const struct spmc *s);
uint64_t spmc_rx_size(const struct spmc *s);
bool spmc_fid_available(const struct spmc *s, uint32_t fid);

/* version.c */
void spmc_do_version(struct spmc *s, const struct smc_regs *in,
		     struct smc_regs *out);
void spmc_do_id_get(struct spmc *s, const struct smc_regs *in,
		    struct smc_regs *out);
void spmc_do_spm_id_get(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out);
void spmc_do_features(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out);

/* rxtx.c */
void spmc_do_rxtx_map(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out);
void spmc_do_rxtx_unmap(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out);
void spmc_do_rx_release(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out);
/* Write into RX and hand it to the consumer; an FF-A error or 0. */
int spmc_rx_fill(struct spmc *s, const void *buf, size_t len);

/* partinfo.c */
void spmc_do_partition_info_get(struct spmc *s, const struct smc_regs *in,
				struct smc_regs *out);

/* mem_desc.c */
int mem_desc_parse_header(struct spmc_txn *t, uint32_t frag_len);
void mem_desc_collect_ranges(struct spmc_txn *t);
int mem_desc_validate_header(struct spmc *s, const struct spmc_txn *t);
int mem_desc_validate(struct spmc *s, struct spmc_txn *t);
int mem_desc_build(const struct spmc_txn *t, uint32_t version, uint8_t **buf,
		   uint32_t *len);

/* mem_share.c */
void spmc_do_mem_send(struct spmc *s, const struct smc_regs *in,
		      struct smc_regs *out);
void spmc_do_mem_frag_tx(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out);
void spmc_do_mem_reclaim(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out);
struct spmc_txn *spmc_txn_lookup(struct spmc *s, uint64_t handle);
void spmc_txn_free(struct spmc *s, struct spmc_txn *t);
int spmc_zero_ranges(struct spmc *s, const struct spmc_txn *t);

/* mem_retrieve.c */
void spmc_do_mem_retrieve_req(struct spmc *s, const struct smc_regs *in,
			      struct smc_regs *out);
void spmc_do_mem_frag_rx(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out);
void spmc_xfer_reset(struct spmc *s);

/* direct_msg.c */
void spmc_do_direct_req(struct spmc *s, const struct smc_regs *in,
			struct smc_regs *out);
void spmc_do_direct_req2(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out);
void spmc_do_direct_resp(struct spmc *s, const struct smc_regs *in,
			 struct smc_regs *out);

/* indirect_msg.c */
/* notify.c; a notification call is offered only with an interrupt */
bool spmc_notification_call(uint32_t fid);
bool spmc_feature_interrupt(const struct spmc *s, uint32_t id,
			    struct smc_regs *out);
void spmc_do_notification_info_get(struct spmc *s, const struct smc_regs *in,
				   struct smc_regs *out);
void spmc_do_msg_send2(struct spmc *s, const struct smc_regs *in,
		       struct smc_regs *out);

/* fault.c */
bool spmc_fault_before(struct spmc *s, uint32_t fid, struct smc_regs *out);
void spmc_fault_after(struct spmc *s, uint32_t fid, struct smc_regs *out);

#endif /* SPMC_MOCK_SPMC_INTERNAL_H */
