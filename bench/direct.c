// SPDX-License-Identifier: GPL-2.0-only
/*
 * The baseline of the runner-overhead figure: the SMC sequence of
 * bench/gen-scenario.sh's "overhead" scenario (negotiate, map, then
 * share, reclaim and a direct request ROUNDS times, then unmap), made by
 * calling the host SMC path straight from C.  Nothing is parsed, traced
 * or checked beyond x0, so the cost per SMC is the proxy's and the mock
 * SPMC's own.
 *
 *   bench-direct ROUNDS      prints "smcs N" and "seconds S"
 *
 * Under callgrind, --toggle-collect=bench_sequence counts exactly the
 * SMCs: machine set-up and boot stay outside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/desc.h"
#include "bench/clock.h"
#include "bench/one_sp.h"

struct direct {
	struct world w;
	uint64_t tx, rx, buf;
	uint8_t desc[256];
	size_t desc_len;
	unsigned long smcs;
};

static void die(const char *what, uint64_t x0)
{
	bench_die("bench-direct", what, x0);
}

/* One host SMC; anything but @want in x0 ends the bench. */
static void smc(struct direct *d, uint64_t regs[SMC_NR_REGS], uint32_t want,
		const char *what)
{
	struct hyp_fault fault;

	if (hyp_host_smc(regs, &fault) > HYP_EXIT_REJECTED ||
	    (uint32_t)regs[0] != want)
		die(what, regs[0]);
	d->smcs++;
}

static void call(struct direct *d, uint64_t x0, uint64_t x1, uint64_t x2,
		 uint64_t x3, uint32_t want, const char *what)
{
	uint64_t r[SMC_NR_REGS] = { x0, x1, x2, x3 };

	smc(d, r, want, what);
}

static uint64_t share(struct direct *d)
{
	uint64_t r[SMC_NR_REGS] = { FFA_FN64_MEM_SHARE, d->desc_len,
				    d->desc_len };

	/* A host writes its TX buffer before every call, as the runner does. */
	physmem_write(&d->w.pm, d->tx, d->desc, d->desc_len);
	smc(d, r, FFA_SUCCESS, "share");
	return (uint32_t)r[2] | (r[3] << 32);
}

static void direct_req(struct direct *d)
{
	uint64_t r[SMC_NR_REGS] = { FFA_MSG_SEND_DIRECT_REQ, SP_ID, 0,
				    1, 2, 3, 4, 5 };

	smc(d, r, FFA_MSG_SEND_DIRECT_RESP, "direct request");
}

/* Kept out of line: callgrind collects from its entry to its return. */
static void __attribute__((noinline)) bench_sequence(struct direct *d,
						     unsigned long rounds)
{
	unsigned long i;
	uint64_t handle;

	call(d, FFA_VERSION, FFA_VERSION_1_1, 0, 0, FFA_VERSION_1_1, "version");
	call(d, FFA_FN64_RXTX_MAP, d->tx, d->rx,
	     hyp_page_size() / FFA_PAGE_SIZE, FFA_SUCCESS, "map");
	for (i = 0; i < rounds; i++) {
		handle = share(d);
		call(d, FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0,
		     FFA_SUCCESS, "reclaim");
		direct_req(d);
	}
	call(d, FFA_RXTX_UNMAP, 0, 0, 0, FFA_SUCCESS, "unmap");
}

static void build_descriptor(struct direct *d)
{
	struct desc_spec *spec = calloc(1, sizeof(*spec));

	if (!spec)
		exit(1);
	desc_spec_init(spec, FFA_VERSION_1_1);
	spec->attrs = FFA_ATTRS_NORMAL_WB_IS;
	spec->nr_receivers = 1;
	spec->receivers[0].id = SP_ID;
	spec->receivers[0].perms = FFA_PERMS(FFA_DATA_RW, 0);
	spec->nr_ranges = 1;
	spec->ranges[0].address = d->buf;
	spec->ranges[0].pages = hyp_page_size() / FFA_PAGE_SIZE;
	d->desc_len = desc_build(spec, d->desc, sizeof(d->desc));
	free(spec);
	if (!d->desc_len)
		die("descriptor", 0);
}

static void boot(struct direct *d)
{
	d->tx = bench_boot_one_sp(&d->w, "bench-direct");
	d->rx = d->tx + hyp_page_size();
	d->buf = d->rx + hyp_page_size();
	if (hyp_env_ffa_init())
		die("hyp_ffa_init", 0);
	build_descriptor(d);
}

int main(int argc, char **argv)
{
	static struct direct d;
	unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 0) : 100;
	double t0;

	boot(&d);
	t0 = bench_seconds();
	bench_sequence(&d, rounds);
	printf("smcs %lu\nseconds %.9f\n", d.smcs, bench_seconds() - t0);
	world_destroy(&d.w);
	return 0;
}
