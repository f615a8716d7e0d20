// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC: configuration, dispatch, register conventions, no-FF-A mode,
 * version negotiation, ID_GET, SPM_ID_GET, FEATURES.
 */
#include <stdio.h>
#include <string.h>

#include "tests/check_util.h"
#include "tests/spmc_test_util.h"

/*
 * spmc_create() refuses the configuration with a message holding
 * @needle: a bad configuration must be named, never half-built.
 */
#define expect_create_fails(f, needle) \
	expect_create_fails_at((f), (needle), __FILE__, __LINE__)

static void expect_create_fails_at(struct fx *f, const char *needle,
				   const char *file, int line)
{
	char err[128] = "";
	struct spmc *s = spmc_create(&f->cfg, &f->pm, err, sizeof(err));

	if (s)
		fail_at(file, line, "spmc_create() accepted a configuration it should refuse with '%s'",
			needle);
	check_has_at("spmc_create()'s message", err, needle,
		     "the message names what is wrong", file, line);
}

static void test_config_rejects(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.partitions[1].id = 0x0002;
	expect_create_fails(&f, "bit 15");
	f.cfg.partitions[1].id = T_SP1;
	expect_create_fails(&f, "twice");
	f.cfg.partitions[1].id = T_SP2;
	f.cfg.version = FFA_MAKE_VERSION(1, 3);
	expect_create_fails(&f, "unknown FF-A version");
	f.cfg.version = FFA_VERSION_1_1;
	f.cfg.rxtx_max_pages = 4;
	expect_create_fails(&f, "needs FF-A 1.2");
	f.cfg.rxtx_max_pages = 0;
	f.cfg.no_ffa = true;
	expect_create_fails(&f, "no_ffa");
	f.cfg.no_ffa = false;
	f.cfg.rxtx_min_code = 3;
	expect_create_fails(&f, "reserved");
	f.cfg.rxtx_min_code = 0;
	fx_start(&f);		/* and the fixed config is accepted */
	fx_fini(&f);
}

static void test_no_ffa(void **state)
{
	struct smc_regs in = { .x = { FFA_VERSION, FFA_VERSION_1_1 } };
	struct smc_regs out;
	struct fx f;
	unsigned int i;

	(void)state;
	fx_init(&f, FFA_VERSION_1_2);
	f.cfg.no_ffa = true;
	f.cfg.nr_partitions = 0;
	fx_start(&f);
	for (i = 2; i < SMC_NR_REGS; i++)
		in.x[i] = 0x1000 + i;
	fx_smc(&f, SMC_FROM_HOST, &in, &out);
	/* EL3 writes x0 only: the rest is what the caller left there. */
	assert_int_equal(out.x[0], SMCCC_RET_NOT_SUPPORTED);
	assert_int_equal(out.x[1], FFA_VERSION_1_1);
	for (i = 2; i < SMC_NR_REGS; i++)
		assert_int_equal(out.x[i], 0x1000 + i);
	out = fx_call(&f, FFA_FN64_MEM_SHARE, 64, 64, 0, 0, 0);
	assert_int_equal(out.x[0], SMCCC_RET_NOT_SUPPORTED);
	out = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_int_equal(out.x[0], SMCCC_RET_NOT_SUPPORTED);
	fx_fini(&f);
}

static void test_non_ffa_smc(void **state)
{
	static const uint64_t fids[] = {
		0x84000000,	/* PSCI_VERSION: standard owner, not FF-A */
		0x8400005f,	/* just below the FF-A range */
		0x82000060,	/* SiP owner */
		0x04000063,	/* yielding call */
		0xC6000063,	/* OEM owner, 64-bit */
	};
	struct fx f;
	unsigned int i;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	for (i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct smc_regs r = fx_call(&f, fids[i], 1, 2, 3, 4, 5);

		assert_int_equal(r.x[0], SMCCC_RET_NOT_SUPPORTED);
		assert_int_equal(r.x[1], 1);
		assert_int_equal(r.x[5], 5);
	}
	fx_fini(&f);
}

static void test_unimplemented_ffa(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_2);
	r = fx_call(&f, FFA_MSG_POLL, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "FFA_MSG_POLL is not modelled: refused, not answered");
	r = fx_call(&f, FFA_NOTIFICATION_BIND, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "notifications are not modelled: refused");
	r = fx_call(&f, FFA_SMC32(0xff), 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "an unknown FF-A function ID is refused");
	fx_fini(&f);
}

static void test_sve_hint_and_regs(void **state)
{
	struct smc_regs in = { .x = { FFA_ID_GET | SMCCC_SVE_HINT } };
	struct smc_regs out;
	struct fx f;
	unsigned int i;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	for (i = 1; i < SMC_NR_REGS; i++)
		in.x[i] = 0xdead0000ULL + i;
	fx_smc(&f, SMC_FROM_HOST, &in, &out);
	assert_int_equal(out.x[0], FFA_SUCCESS);
	for (i = 1; i < 8; i++)
		assert_int_equal(out.x[i], 0);	/* w2 = ID 0 */
	for (i = 8; i < SMC_NR_REGS; i++)
		assert_int_equal(out.x[i], 0xdead0000ULL + i);
	/* SMC64: x8..x17 belong to the callee and read as zero. */
	in.x[0] = FFA_FN64_RXTX_MAP;
	in.x[1] = T_TX;
	in.x[2] = T_RX;
	in.x[3] = 1;
	fx_smc(&f, SMC_FROM_HOST, &in, &out);
	assert_error(&out, FFA_RET_DENIED, "fx_ready mapped already");
	for (i = 8; i < SMC_NR_REGS; i++)
		assert_int_equal(out.x[i], 0);
	fx_fini(&f);
}

static void test_version_basic(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	fx_start(&f);
	assert_int_equal(spmc_negotiated_version(f.spmc), 0);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_1);	/* own version */
	assert_int_equal(spmc_negotiated_version(f.spmc), 0); /* too new */
	r = fx_call(&f, FFA_VERSION, FFA_MAKE_VERSION(2, 0), 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_1);
	assert_int_equal(spmc_negotiated_version(f.spmc), 0);
	r = fx_call(&f, FFA_VERSION, 0x80010001, 0, 0, 0, 0);
	assert_int_equal(r.x[0], SMCCC_RET_NOT_SUPPORTED);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_1);
	assert_int_equal(spmc_negotiated_version(f.spmc), FFA_VERSION_1_1);
	/* Default policy: pKVM's later downgrade for the host is honoured. */
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "FFA_ID_GET is answered at the negotiated 1.1");
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_1);
	assert_int_equal(spmc_negotiated_version(f.spmc), FFA_VERSION_1_0);
	fx_fini(&f);
}

/*
 * Under @policy, a downgrade after a call at the negotiated version is
 * answered @expect and leaves the version as it was.
 */
#define check_locked(policy, expect) \
	check_locked_at((policy), (expect), __FILE__, __LINE__)

static void check_locked_at(enum spmc_version_policy policy, uint64_t expect,
			    const char *file, int line)
{
	struct fx f;
	struct smc_regs r;

	fx_init(&f, FFA_VERSION_1_2);
	f.cfg.version_policy = policy;
	fx_start(&f);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
	check_int(r.x[0], FFA_VERSION_1_2, "the SPMC answers its own version");
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	check_int(spmc_negotiated_version(f.spmc), FFA_VERSION_1_1,
		  "a downgrade before any other call is honoured");
	r = fx_call(&f, FFA_FEATURES, FFA_RXTX_MAP, 0, 0, 0, 0);
	check_ffa_success(&r, "RXTX_MAP is supported, and the call locks the version",
			  file, line);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	check_int(r.x[0], expect, "the policy's answer to a late downgrade");
	check_int(spmc_negotiated_version(f.spmc), FFA_VERSION_1_1,
		  "a locked version does not move");
	fx_fini(&f);
}


static void test_version_locked(void **state)
{
	(void)state;
	check_locked(SPMC_VERSION_LOCK_REPORT, FFA_VERSION_1_1);
	check_locked(SPMC_VERSION_LOCK_REFUSE, SMCCC_RET_NOT_SUPPORTED);
}

static void test_require_version_first(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.require_version_first = true;
	fx_start(&f);
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "require_version_first: no call before FFA_VERSION");
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "FFA_VERSION has come, so FFA_ID_GET is answered");
	fx_fini(&f);
}

static void test_id_get_spm_id_get(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.spmc_id = 0x8123;
	fx_start(&f);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	r = fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "FFA_ID_GET answers the caller's ID in w2");
	assert_int_equal(r.x[2], 0);
	r = fx_call(&f, FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	assert_success(&r, "FFA_SPM_ID_GET answers the SPMC's ID in w2 at 1.1");
	assert_int_equal(r.x[2], 0x8123);
	fx_fini(&f);
	/* SPM_ID_GET is 1.1: a 1.0 caller does not have it. */
	fx_ready(&f, FFA_VERSION_1_0);
	r = fx_call(&f, FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "SPM_ID_GET is new in 1.1: a 1.0 caller lacks it");
	fx_fini(&f);
}

/*
 * An SPMC set up with a schedule-receiver interrupt reports it through
 * FFA_FEATURES of feature ID 2 and offers FFA_NOTIFICATION_INFO_GET,
 * which has nothing pending; one without offers neither.
 */
static void test_schedule_receiver_interrupt(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_init(&f, FFA_VERSION_1_2);
	f.cfg.sri_intid = 8;
	fx_start(&f);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
	r = fx_call(&f, FFA_FEATURES, FFA_FEAT_SCHEDULE_RECEIVER_INT, 0, 0, 0,
		    0);
	assert_success(&r, "the SRI feature ID is answered when the SPMC donates one");
	assert_int_equal(r.x[2], 8);
	r = fx_call(&f, FFA_FEATURES, FFA_FEAT_NOTIFICATION_PENDING_INT, 0, 0,
		    0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "the NPI is for partitions, not the normal world: not donated");
	r = fx_call(&f, FFA_FN64_NOTIFICATION_INFO_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NO_DATA,
		     "no notification can be pending: INFO_GET has no data");
	fx_fini(&f);

	fx_init(&f, FFA_VERSION_1_2);
	fx_start(&f);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
	r = fx_call(&f, FFA_FEATURES, FFA_FEAT_SCHEDULE_RECEIVER_INT, 0, 0, 0,
		    0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "without an SRI set up, the feature ID is not supported");
	r = fx_call(&f, FFA_FN64_NOTIFICATION_INFO_GET, 0, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "without an SRI set up, INFO_GET is not offered");
	fx_fini(&f);
}

static void test_features(void **state)
{
	struct fx f;
	struct smc_regs r;

	(void)state;
	fx_init(&f, FFA_VERSION_1_2);
	f.cfg.rxtx_min_code = FFA_RXTX_MIN_16K;
	f.cfg.rxtx_max_pages = 32;
	fx_start(&f);
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0);
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_RXTX_MAP, 0, 0, 0, 0);
	assert_success(&r, "RXTX_MAP is supported and its sizes are in w2");
	assert_int_equal(r.x[2], (32 << 16) | FFA_RXTX_MIN_16K);
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_MEM_SHARE, 0, 0, 0, 0);
	assert_success(&r, "a 1.2 SPMC supports MEM_SHARE");
	assert_int_equal(r.x[2], 0);
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_MSG_SEND_DIRECT_REQ2, 0, 0, 0,
		    0);
	assert_success(&r, "a 1.2 SPMC supports DIRECT_REQ2");
	r = fx_call(&f, FFA_FEATURES, FFA_MSG_POLL, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "FFA_MSG_POLL is not modelled: FEATURES denies it");
	r = fx_call(&f, FFA_FEATURES, 1 /* NPI feature ID */, 0, 0, 0, 0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "an SPMC set up without interrupts answers no feature ID");
	/* Downgraded to 1.1: no REQ2, no max size field. */
	r = fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	r = fx_call(&f, FFA_FEATURES, FFA_FN64_MSG_SEND_DIRECT_REQ2, 0, 0, 0,
		    0);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "DIRECT_REQ2 is 1.2: a caller downgraded to 1.1 lacks it");
	r = fx_call(&f, FFA_FEATURES, FFA_RXTX_MAP, 0, 0, 0, 0);
	assert_success(&r,
		       "RXTX_MAP stays supported after the downgrade to 1.1");
	assert_int_equal(r.x[2], FFA_RXTX_MIN_16K);
	fx_fini(&f);
}

struct log_capture {
	unsigned int calls;
	char last[256];
};

static void capture_log(void *ctx, const char *fmt, ...)
{
	struct log_capture *c = ctx;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->last, sizeof(c->last), fmt, ap);
	va_end(ap);
	c->calls++;
}

static void test_log(void **state)
{
	struct log_capture cap = { 0 };
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	spmc_set_log(f.spmc, capture_log, &cap);
	fx_call(&f, FFA_ID_GET, 0, 0, 0, 0, 0);
	assert_true(cap.calls >= 1);
	assert_non_null(strstr(cap.last, "FFA_ID_GET"));
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_rejects),
		cmocka_unit_test(test_no_ffa),
		cmocka_unit_test(test_non_ffa_smc),
		cmocka_unit_test(test_unimplemented_ffa),
		cmocka_unit_test(test_sve_hint_and_regs),
		cmocka_unit_test(test_version_basic),
		cmocka_unit_test(test_version_locked),
		cmocka_unit_test(test_require_version_first),
		cmocka_unit_test(test_id_get_spm_id_get),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_schedule_receiver_interrupt),
		cmocka_unit_test(test_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
