// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smoke flow: the shortest run that proves a variant works end to end.
 * Boot EL2 over the mock SPMC, negotiate, map the host's mailboxes, share
 * one page with a partition and reclaim it, printing every hop.  It is the
 * main job until the scenario suite takes over.
 */
#include <stdio.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/cli/smoke.h"
#include "sim/exec/world.h"
#include "spmc_mock/spmc.h"

#define SMOKE_SP	0x8001

struct smoke {
	struct world w;
	uint64_t tx, rx, buf;
	unsigned int failures;
};

/* Function name, or the raw value (a version, an SMCCC error). */
static const char *fid_name(uint64_t x0)
{
	static char raw[24];
	const char *name = ffa_func_name((uint32_t)x0);

	if (name)
		return name;
	snprintf(raw, sizeof(raw), "%#llx", (unsigned long long)x0);
	return raw;
}

static void print_regs(const char *dir, const struct smc_regs *r)
{
	printf("      %s %s x1=%#llx x2=%#llx x3=%#llx\n", dir,
	       fid_name(r->x[0]), (unsigned long long)r->x[1],
	       (unsigned long long)r->x[2], (unsigned long long)r->x[3]);
}

static void print_events(void)
{
	const struct hyp_event *ev;
	size_t n, i;

	ev = hyp_events(&n);
	for (i = 0; i < n; i++) {
		switch (ev[i].kind) {
		case HYP_EV_SMC_TO_EL3:
			printf("    %s -> SPMC\n",
			       ev[i].origin == SMC_FROM_HYP ? "EL2" : "host (passed through)");
			print_regs("in ", &ev[i].in);
			print_regs("out", &ev[i].out);
			break;
		case HYP_EV_PAGE_OP:
			printf("    EL2 %s(pfn %#llx, %llu) = %d\n",
			       hyp_op_name(ev[i].op),
			       (unsigned long long)ev[i].pfn,
			       (unsigned long long)ev[i].nr_pages, ev[i].ret);
			break;
		case HYP_EV_WARN:
			printf("    WARN at %s:%d in %s: %s\n", ev[i].file,
			       ev[i].line, ev[i].func, ev[i].what);
			break;
		case HYP_EV_TRACE:
			break;
		}
	}
}

#define ANY_X0	(~0ULL)

/* One host SMC; the step fails unless x0 comes back as want_x0 (or ANY_X0). */
static void step(struct smoke *s, const char *what, uint64_t regs[SMC_NR_REGS],
		 uint64_t want_x0)
{
	struct hyp_fault fault;
	enum hyp_exit ex;

	printf("  %s: host %s\n", what, fid_name(regs[0]));
	ex = hyp_host_smc(regs, &fault);
	print_events();
	if (ex == HYP_EXIT_FAULT || ex == HYP_EXIT_BUG) {
		printf("  FAIL: %s in EL2 at %#llx (%s)\n", fault.what,
		       (unsigned long long)fault.addr, fault.region);
		s->failures++;
		return;
	}
	printf("  -> %s x2=%#llx x3=%#llx\n", fid_name(regs[0]),
	       (unsigned long long)regs[2], (unsigned long long)regs[3]);
	if ((want_x0 != ANY_X0 && regs[0] != want_x0) || hyp_locks_held()) {
		printf("  FAIL: expected %s%s\n", fid_name(want_x0),
		       hyp_locks_held() ? ", and no hyp lock held" : "");
		s->failures++;
	}
}

static void set_regs(uint64_t r[SMC_NR_REGS], uint64_t x0, uint64_t x1,
		     uint64_t x2, uint64_t x3)
{
	memset(r, 0, SMC_NR_REGS * sizeof(r[0]));
	r[0] = x0;
	r[1] = x1;
	r[2] = x2;
	r[3] = x3;
}

/* A one-page share descriptor in the layout of the negotiated version. */
static uint32_t write_share(struct smoke *s, uint32_t version)
{
	uint32_t emad = ffa_emad_size_for(version);
	uint32_t comp = FFA_MTD_SIZE_1_1 + emad;
	uint32_t pages = hyp_page_size() / FFA_PAGE_SIZE;
	uint8_t d[256] = { 0 };

	ffa_put16(d + FFA_MTD_ATTRS, FFA_ATTRS_NORMAL_WB_IS);
	ffa_put32(d + FFA_MTD_EMAD_SIZE, emad);
	ffa_put32(d + FFA_MTD_EMAD_COUNT, 1);
	ffa_put32(d + FFA_MTD_EMAD_OFFSET, FFA_MTD_SIZE_1_1);
	ffa_put16(d + FFA_MTD_SIZE_1_1 + FFA_EMAD_ID, SMOKE_SP);
	d[FFA_MTD_SIZE_1_1 + FFA_EMAD_PERMS] = FFA_PERMS(FFA_DATA_RW, 0);
	ffa_put32(d + FFA_MTD_SIZE_1_1 + FFA_EMAD_COMP_OFFSET, comp);
	ffa_put32(d + comp + FFA_COMP_TOTAL_PAGES, pages);
	ffa_put32(d + comp + FFA_COMP_RANGE_COUNT, 1);
	ffa_put64(d + comp + FFA_COMP_SIZE, s->buf);
	ffa_put32(d + comp + FFA_COMP_SIZE + 8, pages);
	physmem_write(&s->w.pm, s->tx, d, comp + FFA_COMP_SIZE + 16);
	return comp + FFA_COMP_SIZE + 16;
}

static void flow(struct smoke *s)
{
	uint64_t r[SMC_NR_REGS], handle;
	uint32_t version, len;

	set_regs(r, FFA_VERSION, FFA_VERSION_1_2, 0, 0);
	step(s, "negotiate", r, ANY_X0);
	version = (uint32_t)r[0];
	printf("  negotiated FF-A %u.%u\n", FFA_VERSION_MAJOR(version),
	       FFA_VERSION_MINOR(version));
	if (FFA_VERSION_MAJOR(version) != 1 || version < FFA_VERSION_1_1) {
		printf("  FAIL: no usable FF-A version\n");
		s->failures++;
		return;
	}

	set_regs(r, FFA_ID_GET, 0, 0, 0);
	step(s, "own ID", r, FFA_SUCCESS);

	set_regs(r, FFA_FN64_RXTX_MAP, s->tx, s->rx,
		 hyp_page_size() / FFA_PAGE_SIZE);
	step(s, "map mailboxes", r, FFA_SUCCESS);

	len = write_share(s, version);
	set_regs(r, FFA_FN64_MEM_SHARE, len, len, 0);
	step(s, "share a page", r, FFA_SUCCESS);
	handle = (r[2] & 0xffffffffULL) | (r[3] << 32);

	set_regs(r, FFA_MEM_RECLAIM, handle & 0xffffffffULL, handle >> 32, 0);
	step(s, "reclaim it", r, FFA_SUCCESS);
	if (spmc_txn_count(s->w.spmc)) {
		printf("  FAIL: the SPMC still holds %u handle(s)\n",
		       spmc_txn_count(s->w.spmc));
		s->failures++;
	}
}

static int smoke_setup(struct smoke *s)
{
	struct world_config cfg;
	char err[256];

	world_config_default(&cfg);
	cfg.spmc.nr_partitions = 1;
	cfg.spmc.partitions[0].id = SMOKE_SP;
	cfg.spmc.partitions[0].exec_ctx_count = 1;
	if (world_create(&s->w, &cfg, err, sizeof(err))) {
		fprintf(stderr, "ffa-sim: %s\n", err);
		return -1;
	}
	s->tx = cfg.dram_base;
	s->rx = s->tx + hyp_page_size();
	s->buf = s->rx + hyp_page_size();
	return 0;
}

int smoke_run(void)
{
	struct smoke s = { 0 };
	int ret;

	if (smoke_setup(&s))
		return 2;
	printf("smoke: hyp_ffa_init() over the mock SPMC\n");
	ret = hyp_env_ffa_init();
	print_events();
	if (ret) {
		printf("  FAIL: hyp_ffa_init() returned %d\n", ret);
		s.failures++;
	} else {
		flow(&s);
	}
	printf("%u passed, %u failed\n", s.failures ? 0 : 1,
	       s.failures ? 1 : 0);
	world_destroy(&s.w);
	return s.failures ? 1 : 0;
}
