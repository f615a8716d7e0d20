/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by ffa-sim's files that are compiled against TF-A's headers
 * (runtime.c, plat.c, el3.c, state.c, context.c, sel1.c).  Not for the rest of ffa-sim.
 */
#ifndef SPMC_TFA_INTERNAL_H
#define SPMC_TFA_INTERNAL_H

#include <pthread.h>

#include "spmc_tfa/tfa.h"

/* What the S-EL1 partition holds: a handle it retrieved, as TF-A told it. */
struct tfa_held {
	uint64_t handle;
	bool rw;
	unsigned int nr_ranges;
	struct tfa_range *ranges;
};

#define TFA_SEL1_HELD_MAX	64
/* One 4K page each, so a long retrieve response comes in fragments. */
#define TFA_SEL1_MAILBOX_PAGES	1

struct tfa_sel1 {
	uint8_t *tx, *rx;	/* its RX/TX, in secure memory (not DRAM) */
	size_t size;
	struct tfa_lp_msgs msgs;
	unsigned int nr_held;
	struct tfa_held held[TFA_SEL1_HELD_MAX];
	char refusal[200];
};

struct tfa_spmc {
	struct physmem *pm;
	struct tfa_config cfg;
	pthread_mutex_t lock;	/* one core in EL3 at a time */
	tfa_log_fn log;
	void *log_ctx;
	struct tfa_lp_msgs lp_msgs;
	uint64_t seq;
	tfa_direct_fn direct_fn;
	void *direct_ctx;
	/* Context management (context.c): indexed SECURE, NON_SECURE. */
	void *ctx[2];
	unsigned int next_eret;
	struct tfa_sel1 sel1;
};

/* The instance TF-A's callbacks (platform, logging) reach. */
extern struct tfa_spmc *tfa_current;

/* Set up the platform port for a fresh boot; 0 or -errno. */
int tfa_plat_boot(struct tfa_spmc *tfa);
/* After the SPMC's setup: fill the S-EL1 partition's descriptor. */
void tfa_plat_sel1(struct tfa_spmc *tfa);

/* Context management for a fresh boot: only the normal world's. */
void tfa_context_boot(struct tfa_spmc *tfa);

/*
 * One SMC from the S-EL1 partition into EL3, with the lock held.  True
 * when EL3 returns to the partition (out holds the answer); false when it
 * switched to the normal world (the partition's answer went there).
 */
bool tfa_sel1_smc(struct tfa_spmc *tfa, const struct smc_regs *in,
		  struct smc_regs *out);
/* The partition at boot: its FF-A version and RX/TX; 0 or -errno. */
int tfa_sel1_boot(struct tfa_spmc *tfa, char *err, size_t errlen);
void tfa_sel1_free(struct tfa_spmc *tfa);
/* TF-A switched to the secure world: the partition runs, with the lock held. */
void tfa_sel1_run(struct tfa_spmc *tfa);
/* Whether [base, base + size) is the partition's RX or TX. */
bool tfa_sel1_mailbox(const struct tfa_spmc *tfa, uintptr_t base, size_t size);

/* Report an EL3 failure that ends the simulation, and abort. */
void tfa_fatal(const char *what, const char *detail)
	__attribute__((noreturn));

/* TF-A's globals as they were before its first boot. */
void tfa_state_save(void);
void tfa_state_restore(void);

#endif /* SPMC_TFA_INTERNAL_H */
