// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cost of EL3 alone: calls that every SPMC of ffa-sim answers (the
 * mock, and TF-A's EL3 SPMC in SPMC=tf-a variants), made straight through
 * the SMC conduit as EL2 makes them, with no proxy in between: version,
 * own ID, a feature query, partition info and its RX release, a direct
 * request, ROUNDS times, between a mailbox map and unmap.  Memory sharing
 * is left out: TF-A's partitions here cannot both receive memory and
 * answer direct requests (docs/spmc.md).
 *
 *   bench-el3 ROUNDS      prints "smcs N", "seconds S" and "spmc NAME"
 *
 * Under callgrind, --toggle-collect=bench_el3_sequence counts the SMCs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "bench/clock.h"
#include "bench/one_sp.h"

struct el3 {
	struct world w;
	uint64_t tx, rx;
	unsigned long smcs;
};

/* One SMC into EL3; @want in x0, or any version when @want is 0. */
static void call(struct el3 *e, uint64_t x0, uint64_t x1, uint64_t x2,
		 uint64_t x3, uint32_t want, const char *what)
{
	struct smc_regs in = { .x = { x0, x1, x2, x3 } }, out;

	spmc_smc(e->w.spmc, SMC_FROM_HYP, &in, &out);
	if (want ? (uint32_t)out.x[0] != want : (out.x[0] & (1U << 31)))
		bench_die("bench-el3", what, out.x[0]);
	e->smcs++;
}

/* Kept out of line: callgrind collects from its entry to its return. */
static void __attribute__((noinline)) bench_el3_sequence(struct el3 *e,
							 unsigned long rounds)
{
	unsigned long i;

	call(e, FFA_FN64_RXTX_MAP, e->tx, e->rx, 1, FFA_SUCCESS, "map");
	for (i = 0; i < rounds; i++) {
		call(e, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, "version");
		call(e, FFA_ID_GET, 0, 0, 0, FFA_SUCCESS, "id");
		call(e, FFA_FEATURES, FFA_FN64_RXTX_MAP, 0, 0, FFA_SUCCESS,
		     "features");
		call(e, FFA_PARTITION_INFO_GET, 0, 0, 0, FFA_SUCCESS,
		     "partition info");
		call(e, FFA_RX_RELEASE, 0, 0, 0, FFA_SUCCESS, "rx release");
		call(e, FFA_MSG_SEND_DIRECT_REQ, SP_ID, 0, 3,
		     FFA_MSG_SEND_DIRECT_RESP, "direct request");
	}
	call(e, FFA_RXTX_UNMAP, 0, 0, 0, FFA_SUCCESS, "unmap");
}

static void boot(struct el3 *e)
{
	uint64_t dram = bench_boot_one_sp(&e->w, "bench-el3");

	/* Mailboxes away from where the hyp keeps its own. */
	e->tx = dram + (1U << 20);
	e->rx = e->tx + 4096;
}

int main(int argc, char **argv)
{
	static struct el3 e;
	unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 0) : 100;
	double t0;

	boot(&e);
	t0 = bench_seconds();
	bench_el3_sequence(&e, rounds);
	printf("smcs %lu\nseconds %.9f\nspmc %s\n", e.smcs, bench_seconds() - t0,
	       SIM_SPMC_NAME);
	world_destroy(&e.w);
	return 0;
}
