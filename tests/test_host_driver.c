// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux's own FF-A driver of this variant's tree as the host of the real
 * proxy: its probe makes the init sequence through the host SMC path,
 * its bus gets a device per partition, a client bound by UUID shares and
 * lends pages and gets them back, and sends direct requests.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "host/host.h"
#include "sim/exec/world.h"
#include "spmc_mock/ffa_abi.h"
#include "tests/check_util.h"

#define MAX_SMCS	64

static struct world w;
/* What the host kernel's firmware interface says: 1.2 unless a test says. */
static uint32_t smccc_version = 0x10002;
/* The SGI the SPMC donates, with a GIC in the device tree: none unless set. */
static uint8_t sri_intid;
static uint32_t fids[MAX_SMCS];
static unsigned int nr_fids;
static const uint8_t sp1_uuid[16] = {
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
};

/*
 * The first SMC that EL2 neither handled nor forwarded: the observer runs
 * deep inside the driver, so the test that looks at the SMCs reports it.
 */
static struct {
	bool seen;
	uint32_t fid;
	enum hyp_exit exit;
} bad_exit;

static void record(void *ctx, const uint64_t *in, const uint64_t *out,
		   enum hyp_exit exit, const struct hyp_fault *fault)
{
	(void)ctx;
	(void)out;
	(void)fault;
	if (exit != HYP_EXIT_HANDLED && exit != HYP_EXIT_FORWARDED &&
	    !bad_exit.seen) {
		bad_exit.seen = true;
		bad_exit.fid = (uint32_t)in[0];
		bad_exit.exit = exit;
	}
	if (nr_fids < MAX_SMCS)
		fids[nr_fids++] = (uint32_t)in[0];
}

/*
 * A group's set-up that failed: where and what, for cmocka says only that
 * the set-up returned -1.  It fails the group as that return does.
 */
#define setup_failed(fmt, ...) \
	(print_error("%s:%d: set-up failed: " fmt "\n", __FILE__, __LINE__, \
		     __VA_ARGS__), -1)

static int setup(void **state)
{
	struct world_config cfg;
	struct host_config hc = {
		.smccc_version = smccc_version, .nr_cpus = 2, .gic = sri_intid != 0,
	};
	struct spmc_partition_cfg *p;
	char err[256];
	int rc;

	(void)state;
	memset(&bad_exit, 0, sizeof(bad_exit));
	world_config_default(&cfg);
	cfg.spmc.sri_intid = sri_intid;
	cfg.spmc.nr_partitions = 2;
	p = &cfg.spmc.partitions[0];
	p->id = 0x8001;
	memcpy(p->uuid, sp1_uuid, sizeof(sp1_uuid));
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64;
	p->exec_ctx_count = 1;
	p = &cfg.spmc.partitions[1];
	p->id = 0x8002;
	p->uuid[0] = 0x22;
	p->properties = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_AARCH64;
	p->exec_ctx_count = 1;
	if (world_create(&w, &cfg, err, sizeof(err)))
		return setup_failed("world_create() of the two-partition machine: %s",
				    err);
	rc = hyp_env_ffa_init();
	if (rc) {
		world_destroy(&w);
		return setup_failed("hyp_env_ffa_init() returned %d, expected 0: the proxy's hyp_ffa_init() refused the machine before the driver ran",
				    rc);
	}
	hc.pool_pa = cfg.dram_base + cfg.dram_size / 2;
	hc.pool_size = cfg.dram_size / 4;
	if (host_env_init(&w.pm, &hc, err, sizeof(err))) {
		world_destroy(&w);
		return setup_failed("host_env_init() (SMCCC %#x, %u CPUs, GIC %s): %s",
				    hc.smccc_version, hc.nr_cpus,
				    hc.gic ? "yes" : "no", err);
	}
	host_set_smc_observer(record, NULL);
	return 0;
}

/* rmmod before the machine goes: the next group's driver starts clean. */
static int teardown(void **state)
{
	struct host_outcome o;

	(void)state;
	if (host_driver_loaded())
		host_driver_unload(&o);
	host_env_exit();
	world_destroy(&w);
	if (bad_exit.seen) {
		/* A test that never asked made(): the group still fails. */
		print_error("SMC %#x ended in EL2 exit %d, expected handled or forwarded: the driver's calls must reach the SPMC\n",
			    bad_exit.fid, bad_exit.exit);
		return -1;
	}
	return 0;
}

/*
 * Whether the driver made @fid.  An SMC of the driver's that EL2 refused,
 * faulted on or panicked in fails the caller's line first.
 */
#define made(fid) made_at((fid), __FILE__, __LINE__)

static bool made_at(uint32_t fid, const char *file, int line)
{
	unsigned int i;

	if (bad_exit.seen)
		fail_at(file, line, "SMC %#x ended in EL2 exit %d, expected handled (%d) or forwarded (%d): the driver's calls must reach the SPMC",
			bad_exit.fid, bad_exit.exit, HYP_EXIT_HANDLED,
			HYP_EXIT_FORWARDED);
	for (i = 0; i < nr_fids; i++)
		if (fids[i] == fid)
			return true;
	return false;
}

/*
 * rmmod and insmod: the driver's own exit path gives its buffers back to
 * EL2 and empties the bus, and a second probe makes the first one's
 * sequence again (its statics are what its init expects).
 */
#define unload_and_reload() unload_and_reload_at(__FILE__, __LINE__)

static void unload_and_reload_at(const char *file, int line)
{
	uint32_t first[MAX_SMCS];
	unsigned int nr_first, i;
	struct host_device devs[4];
	struct host_outcome o;

	nr_fids = 0;
	host_driver_unload(&o);
	check_int(o.stop, HOST_RETURNED, "the driver's exit returns");
	if (!made_at(FFA_RXTX_UNMAP, file, line))
		fail_at(file, line, "the driver's exit made no FFA_RXTX_UNMAP: EL2 would keep its buffers pinned");
	check_int(host_devices(devs, 4), 0, "the unload empties the bus");
	check_true(!host_driver_loaded(), "the driver is unloaded");

	nr_fids = 0;
	host_driver_load(&o);
	check_int(o.stop, HOST_RETURNED, "the driver's init returns");
	check_int(o.ret, 0, "a reload probes as the first load did");
	nr_first = nr_fids;
	memcpy(first, fids, sizeof(first));
	check_int(host_devices(devs, 4), 3, "one device per partition");
	check_int(devs[0].vm_id, 0x8001, "the first device is SP1's");

	/* The second cycle is the first again, SMC for SMC. */
	host_driver_unload(&o);
	nr_fids = 0;
	host_driver_load(&o);
	check_int(o.ret, 0, "a second reload probes too");
	check_int(nr_fids, nr_first,
		  "a reload makes the previous load's SMCs again");
	for (i = 0; i < nr_fids; i++)
		if (fids[i] != first[i])
			fail_at(file, line, "reload's SMC %u is %#x, the previous load's %#x: the unload left state behind",
				i, fids[i], first[i]);
}

/* The driver keeps static state, so the flow is one test, in order. */
static void test_probe_share_reclaim_direct(void **state)
{
	struct host_outcome o;
	struct host_device devs[4];
	struct host_mem_args *a = test_calloc(1, sizeof(*a));
	struct hyp_page_info info;
	uint64_t handle, data[14] = { 1, 2, 3, 4, 5 };
	int client;

	(void)state;
	host_driver_load(&o);
	assert_int_equal(o.stop, HOST_RETURNED);
	assert_int_equal(o.ret, 0);
	/* The probe's sequence, in the order the driver makes it. */
	assert_true(nr_fids > 5);
	assert_int_equal(fids[0], FFA_VERSION);
	assert_int_equal(fids[1], FFA_ID_GET);
	assert_int_equal(fids[2], FFA_FEATURES);
	assert_true(made(FFA_FN64_RXTX_MAP));
	assert_true(made(FFA_PARTITION_INFO_GET));
	assert_true(made(FFA_RX_RELEASE));

	/* A device per partition, plus the host's own. */
	assert_int_equal(host_devices(devs, 4), 3);
	assert_int_equal(devs[0].vm_id, 0x8001);
	assert_memory_equal(devs[0].uuid, sp1_uuid, 16);
	assert_int_equal(devs[1].vm_id, 0x8002);

	client = host_client_register(sp1_uuid, &o);
	assert_true(client >= 0);
	assert_int_equal(o.ret, 0);
	assert_int_equal(host_client_vm_id(client), 0x8001);

	a->use_txbuf = true;
	a->nr_receivers = 1;
	a->receivers[0].id = 0x8001;
	a->receivers[0].perms = 2;
	a->nr_ranges = 1;
	a->ranges[0].pa = w.pm.dram_base;
	a->ranges[0].pages = 2;
	host_client_mem(client, a, &handle, &o);
	assert_int_equal(o.stop, HOST_RETURNED);
	assert_int_equal(o.ret, 0);
	assert_true(handle != 0);
	assert_int_equal(hyp_page_info(w.pm.dram_base + w.pm.page_size, &info), 0);
	assert_int_equal(info.completer, HYP_COMPLETER_FFA);

	host_client_reclaim(client, handle, 0, &o);
	assert_int_equal(o.ret, 0);
	assert_int_equal(hyp_page_info(w.pm.dram_base, &info), 0);
	assert_int_equal(info.completer, HYP_COMPLETER_NONE);

	host_client_direct(client, false, data, &o);
	assert_int_equal(o.ret, 0);
	assert_int_equal(data[0], 1);
	assert_int_equal(data[4], 5);
	assert_int_equal(hyp_locks_held(), 0);
	test_free(a);
	unload_and_reload();
}

/*
 * The driver needs SMCCC 1.2 (arm_smccc_1_2_smc), so over 1.0 its init
 * fails (6.x: ffa_init() itself, 7.x: its probe).  Unloading must then not run an
 * exit whose init failed: 6.12's ffa_exit() would unmap buffers it never
 * mapped and free a drv_info its init already freed.
 */
static void test_unload_after_failed_init(void **state)
{
	struct host_device devs[4];
	struct host_outcome o;

	(void)state;
	host_driver_load(&o);
	assert_int_equal(o.stop, HOST_RETURNED);
	if (!o.ret)
		fail_msg("the driver came up over SMCCC 1.0, where it needs 1.2");
	nr_fids = 0;
	host_driver_unload(&o);
	assert_int_equal(o.stop, HOST_RETURNED);
	if (made(FFA_RXTX_UNMAP))
		fail_msg("the unload unmapped buffers that the failed init never mapped: an exit ran whose init failed");
	assert_int_equal(host_devices(devs, 4), 0);
	assert_false(host_driver_loaded());
}

static int setup_smccc_1_0(void **state)
{
	smccc_version = 0x10000;
	return setup(state);
}

/*
 * An SPMC that donates SGI 8 and a device tree with the GIC: the probe
 * maps the interrupt, and raising it on a CPU runs the driver's handler
 * there, whose work asks FFA_NOTIFICATION_INFO_GET.  Another SGI reaches
 * no handler.
 */
static void test_schedule_receiver_interrupt(void **state)
{
	struct host_outcome o;

	(void)state;
	host_driver_load(&o);
	assert_int_equal(o.ret, 0);
	hyp_set_this_cpu(1);
	nr_fids = 0;
	host_raise_irq(8, &o);
	assert_int_equal(o.stop, HOST_RETURNED);
	if (o.ret)
		fail_msg("raising the SRI gave %d: the driver requested no handler for the interrupt the SPMC donates",
			 o.ret);
	if (!made(FFA_FN64_NOTIFICATION_INFO_GET))
		fail_msg("the SRI's handler made no FFA_NOTIFICATION_INFO_GET: its work did not run");
	host_raise_irq(9, &o);
	assert_int_equal(o.ret, -ENOENT);
	hyp_set_this_cpu(0);
}

static int setup_sri(void **state)
{
	smccc_version = 0x10002;
	sri_intid = 8;
	return setup(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_share_reclaim_direct),
	};
	const struct CMUnitTest failed_init[] = {
		cmocka_unit_test(test_unload_after_failed_init),
	};
	const struct CMUnitTest sri[] = {
		cmocka_unit_test(test_schedule_receiver_interrupt),
	};

	return cmocka_run_group_tests(tests, setup, teardown) |
	       cmocka_run_group_tests(failed_init, setup_smccc_1_0, teardown) |
	       cmocka_run_group_tests(sri, setup_sri, teardown);
}
