// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariants after a step look only at what the step changed
 * (sim/exec/invariants.c).  Each test brings a machine up, lets the real proxy
 * map the host's mailboxes, then breaks one invariant behind the proxy's
 * back, the way a broken proxy or SPMC would, and requires the next check
 * to name it: a stuck page, a leaked pin, an SPMC-held page that is not
 * shared with FF-A.  Several breakages change no page the step touched
 * (the SPMC lets go of a handle) or leave no event behind (an unpin), the
 * cases an incremental check could miss.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sim/exec/exec_internal.h"
#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

/* The hyp's own transitions, as nvhe/mem_protect.h declares them. */
int __pkvm_host_share_hyp(unsigned long long pfn);
int __pkvm_host_share_ffa(unsigned long long pfn, unsigned long long n);
int __pkvm_host_unshare_ffa(unsigned long long pfn, unsigned long long n);
int hyp_pin_shared_mem(void *from, void *to);
void hyp_unpin_shared_mem(void *from, void *to);

static struct scen_setup setup_model;
static struct step no_stuck;
static struct exec x;
static uint64_t pg, tx, rx, buf;
static uint64_t answer[SMC_NR_REGS];	/* of the last host SMC */

/* A host SMC through the proxy; x0 of the answer.  A fault fails the caller. */
#define host_smc(x0, x1, x2, x3) \
	host_smc_at((x0), (x1), (x2), (x3), __FILE__, __LINE__)

static uint64_t host_smc_at(uint64_t x0, uint64_t x1, uint64_t x2,
			    uint64_t x3, const char *file, int line)
{
	uint64_t r[SMC_NR_REGS] = { x0, x1, x2, x3 };
	struct hyp_fault fault;
	enum hyp_exit exit = hyp_host_smc(r, &fault);

	if (exit > HYP_EXIT_REJECTED)
		fail_at(file, line, "SMC %#llx: EL2 exit %d, expected an answer: the machine is set up by calls the proxy handles",
			(unsigned long long)x0, exit);
	memcpy(answer, r, sizeof(answer));
	return r[0];
}

/* One check, as after a step: what it found, "" when nothing. */
static const char *check(void)
{
	g_string_truncate(x.fail, 0);
	exec_check_invariants(&x, &no_stuck);
	return x.fail->str;
}

/* The next check names @what, the invariant the test broke. */
#define assert_found(what) assert_found_at((what), __FILE__, __LINE__)

static void assert_found_at(const char *what, const char *file, int line)
{
	const char *got = check();

	if (!strstr(got, what))
		fail_at(file, line, "expected the check to find \"%s\"; it said \"%s\": a broken invariant must be named",
			what, got);
}

static void *va(uint64_t pa)
{
	return physmem_ptr(&x.w.pm, pa);
}

static int setup(void **state)
{
	struct world_config cfg;
	struct spmc_partition_cfg *p;
	char err[256];

	(void)state;
	memset(&x, 0, sizeof(x));
	world_config_default(&cfg);
	cfg.spmc.version = FFA_VERSION_1_1;
	cfg.spmc.nr_partitions = 1;
	p = &cfg.spmc.partitions[0];
	p->id = T_SP1;
	p->exec_ctx_count = 1;
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64;
	if (world_create(&x.w, &cfg, err, sizeof(err)))
		return -1;
	pg = hyp_page_size();
	x.page_size = pg;
	x.fail = g_string_new(NULL);
	x.stuck = g_array_new(FALSE, FALSE, sizeof(struct stuck_span));
	names_init(&x.names, &setup_model, pg);
	tx = cfg.dram_base;
	rx = tx + pg;
	buf = rx + pg;
	if (hyp_env_ffa_init() ||
	    host_smc(FFA_VERSION, FFA_VERSION_1_1, 0, 0) != FFA_VERSION_1_1 ||
	    host_smc(FFA_FN64_RXTX_MAP, tx, rx, pg / FFA_PAGE_SIZE) !=
	    FFA_SUCCESS)
		return -1;
	x.mapped = true;
	x.tx = tx;
	x.rx = rx;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	exec_invariants_free(&x);
	world_destroy(&x.w);
	names_free(&x.names);
	g_string_free(x.fail, TRUE);
	g_array_free(x.stuck, TRUE);
	return 0;
}

/* A share of the one page at @pa to T_SP1. */
static size_t share_desc(uint8_t *d, size_t cap, uint64_t pa,
			 const char *file, int line)
{
	struct desc_spec *spec = g_new(struct desc_spec, 1);
	size_t len;

	t_desc_default(spec, FFA_VERSION_1_1, FFA_FN64_MEM_SHARE);
	spec->ranges[0] = (struct desc_range){ pa, pg / FFA_PAGE_SIZE };
	len = desc_build(spec, d, cap);
	g_free(spec);
	if (!len)
		fail_at(file, line, "the share of one page does not fit %zu bytes: the test's buffer is too small",
			cap);
	return len;
}

/* The host shares @pa through the proxy; the handle. */
#define host_share(pa) host_share_at((pa), __FILE__, __LINE__)

static uint64_t host_share_at(uint64_t pa, const char *file, int line)
{
	uint8_t d[256];
	size_t len = share_desc(d, sizeof(d), pa, file, line);

	check_int(physmem_write(&x.w.pm, tx, d, len), 0,
		  "the host's TX is DRAM");
	check_int(host_smc_at(FFA_FN64_MEM_SHARE, len, len, 0, file, line),
		  FFA_SUCCESS, "a valid share of a host page goes through");
	return (uint32_t)answer[2] | (answer[3] << 32);
}

/* An SMC from EL2 straight to the SPMC, past the proxy's checks. */
static void hyp_to_spmc(uint64_t r0, uint64_t r1, uint64_t r2, uint64_t r3,
			struct smc_regs *out)
{
	struct smc_regs in = { .x = { r0, r1, r2, r3 } };

	spmc_smc(x.w.spmc, SMC_FROM_HYP, &in, out);
}

/* The SPMC is handed @pa in a share that the proxy never saw. */
#define spmc_takes(pa) spmc_takes_at((pa), __FILE__, __LINE__)

static void spmc_takes_at(uint64_t pa, const char *file, int line)
{
	struct spmc_rx_info mbox;
	struct smc_regs out;
	uint8_t d[256];
	size_t len = share_desc(d, sizeof(d), pa, file, line);

	spmc_rx_state(x.w.spmc, &mbox);
	check_true(mbox.mapped, "the proxy mapped its mailboxes at boot");
	check_int(physmem_write(&x.w.pm, mbox.tx_pa, d, len), 0,
		  "EL2's TX is DRAM");
	hyp_to_spmc(FFA_FN64_MEM_SHARE, len, len, 0, &out);
	check_int(out.x[0], FFA_SUCCESS,
		  "the SPMC takes the page, as a broken proxy would let it");
}

/* As assert_found(), with @pa put in @fmt. */
#define assert_found_page(fmt, pa) \
	assert_found_page_at((fmt), (pa), __FILE__, __LINE__)

static void assert_found_page_at(const char *fmt, uint64_t pa,
				 const char *file, int line)
{
	char *what = g_strdup_printf(fmt, (unsigned long long)pa);

	assert_found_at(what, file, line);
	g_free(what);
}


static void test_quiet_through_a_whole_flow(void **state)
{
	uint64_t handle;

	(void)state;
	assert_string_equal(check(), "");
	handle = host_share(buf);
	assert_string_equal(check(), "");
	assert_int_equal(host_smc(FFA_MEM_RECLAIM, (uint32_t)handle,
				  handle >> 32, 0), FFA_SUCCESS);
	assert_string_equal(check(), "");
	assert_int_equal(host_smc(FFA_RXTX_UNMAP, 0, 0, 0), FFA_SUCCESS);
	x.mapped = false;
	assert_string_equal(check(), "");
}

/* The SPMC forgets a handle: no page op happens, the page is stuck. */
static void test_stuck_when_the_spmc_lets_go(void **state)
{
	uint64_t handle;
	struct smc_regs out;

	(void)state;
	handle = host_share(buf);
	assert_string_equal(check(), "");
	hyp_to_spmc(FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, &out);
	assert_int_equal(out.x[0], FFA_SUCCESS);
	assert_found_page("invariant (availability): page %#llx is shared with FF-A but no transaction holds it (stuck)",
			  buf);
}

/* The hyp shares a page with FF-A that no transaction ever held. */
static void test_stuck_when_shared_behind_the_spmc(void **state)
{
	(void)state;
	assert_string_equal(check(), "");
	assert_int_equal(__pkvm_host_share_ffa(buf / pg, 1), 0);
	assert_found_page("page %#llx is shared with FF-A but no transaction holds it (stuck)",
			  buf);
}

static void test_leaked_pin_on_a_mailbox(void **state)
{
	(void)state;
	assert_string_equal(check(), "");
	assert_int_equal(hyp_pin_shared_mem(va(tx), va(tx) + pg), 0);
	assert_found_page("invariant: page %#llx is pinned 2 times, expected 1 (a mapped mailbox)",
			  tx);
}

static void test_leaked_pin_elsewhere(void **state)
{
	(void)state;
	assert_int_equal(__pkvm_host_share_hyp(buf / pg), 0);
	assert_string_equal(check(), "");
	assert_int_equal(hyp_pin_shared_mem(va(buf), va(buf) + pg), 0);
	assert_found_page("invariant: page %#llx is pinned 1 times, expected 0 (not a mapped mailbox)",
			  buf);
}

/* An unpin records no event: the check must see it all the same. */
static void test_lost_pin_without_an_event(void **state)
{
	(void)state;
	assert_string_equal(check(), "");
	hyp_unpin_shared_mem(va(rx), va(rx) + pg);
	assert_found_page("invariant: page %#llx is pinned 0 times, expected 1 (a mapped mailbox)",
			  rx);
}

static void test_spmc_holds_a_host_page(void **state)
{
	(void)state;
	assert_string_equal(check(), "");
	spmc_takes(buf);
	assert_found_page("invariant (safety): the SPMC holds %#llx (handle",
			  buf);
	assert_found("but the host stage-2 says owned-by-host");
}

static void test_spmc_holds_a_hyp_page(void **state)
{
	uint64_t hyp_page = hyp_proxy_pages_pa() + pg;

	(void)state;
	assert_string_equal(check(), "");
	spmc_takes(hyp_page);
	assert_found_page("invariant (safety): the SPMC holds %#llx (handle",
			  hyp_page);
	assert_found("but the host stage-2 says owned-by-hyp");
}

/* A held page goes back to the host while the SPMC still holds it. */
static void test_spmc_holds_a_page_unshared_under_it(void **state)
{
	(void)state;
	host_share(buf);
	assert_string_equal(check(), "");
	assert_int_equal(__pkvm_host_unshare_ffa(buf / pg, 1), 0);
	assert_found("but the host stage-2 says owned-by-host");
}

/*
 * The SPMC trades the proxy's mailboxes for host pages, behind the
 * proxy's back, each after checks that passed: found, and found again.
 */
static void test_spmc_maps_host_pages(void **state)
{
	struct smc_regs out;

	(void)state;
	assert_string_equal(check(), "");
	hyp_to_spmc(FFA_RXTX_UNMAP, 0, 0, 0, &out);
	assert_int_equal(out.x[0], FFA_SUCCESS);
	assert_string_equal(check(), "");	/* none mapped: none wrong */
	assert_string_equal(check(), "");
	hyp_to_spmc(FFA_FN64_RXTX_MAP, buf, buf + pg, pg / FFA_PAGE_SIZE,
		    &out);
	assert_int_equal(out.x[0], FFA_SUCCESS);
	assert_found_page("invariant: the SPMC maps mailboxes at %#llx/",
			  buf);
	assert_found_page("invariant: the SPMC maps mailboxes at %#llx/",
			  buf);
}

/*
 * Past what the record of changed pages holds, the check walks all of
 * DRAM: a stuck page among thousands of changes is still found.
 */
static void test_many_changes_walk_everything(void **state)
{
	unsigned int i;

	(void)state;
	assert_string_equal(check(), "");
	/* Alternating, so that no change repeats the one before it. */
	for (i = 0; i < 5000; i++)
		assert_int_equal(hyp_pages_set_owner(buf + (1 + i % 2) * pg, 1,
						     HYP_OWNER_HOST), 0);
	assert_int_equal(__pkvm_host_share_ffa(buf / pg, 1), 0);
	assert_found_page("page %#llx is shared with FF-A but no transaction holds it (stuck)",
			  buf);
	g_string_truncate(x.fail, 0);
	assert_int_equal(__pkvm_host_unshare_ffa(buf / pg, 1), 0);
	assert_string_equal(check(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_quiet_through_a_whole_flow),
		T(test_stuck_when_the_spmc_lets_go),
		T(test_stuck_when_shared_behind_the_spmc),
		T(test_leaked_pin_on_a_mailbox),
		T(test_leaked_pin_elsewhere),
		T(test_lost_pin_without_an_event),
		T(test_spmc_holds_a_host_page),
		T(test_spmc_holds_a_hyp_page),
		T(test_spmc_holds_a_page_unshared_under_it),
		T(test_spmc_maps_host_pages),
		T(test_many_changes_walk_everything),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
