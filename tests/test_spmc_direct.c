// SPDX-License-Identifier: GPL-2.0-only
/* Mock SPMC: direct messages (REQ 32/64, REQ2, framework messages). */
#include <string.h>

#include "tests/spmc_test_util.h"

static struct smc_regs request(struct fx *f, uint64_t fid, uint64_t w1,
			       uint64_t w2, uint64_t base,
			       struct smc_regs *in)
{
	struct smc_regs out;
	unsigned int i;

	memset(in, 0, sizeof(*in));
	in->x[0] = fid;
	in->x[1] = w1;
	in->x[2] = w2;
	for (i = 3; i < SMC_NR_REGS; i++)
		in->x[i] = base + i;
	fx_smc(f, SMC_FROM_HOST, in, &out);
	return out;
}

static void test_req32_echo(void **state)
{
	struct spmc_msg_info msg;
	struct smc_regs in, r;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1, 0,
		    0xaaaa000100000000ULL, &in);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP);
	assert_int_equal(r.x[1], (uint32_t)T_SP1 << 16);
	assert_int_equal(r.x[2], 0);
	for (i = 3; i < 8; i++)		/* 32-bit: only w3..w7 */
		assert_int_equal(r.x[i], i);
	for (i = 8; i < SMC_NR_REGS; i++)	/* preserved */
		assert_int_equal(r.x[i], in.x[i]);
	assert_true(spmc_partition_last_msg(f.spmc, T_SP1, &msg));
	assert_int_equal(msg.count, 1);
	assert_int_equal(msg.fid, FFA_MSG_SEND_DIRECT_REQ);
	assert_memory_equal(&msg.regs, &in, sizeof(in));
	assert_false(msg.framework);
	fx_fini(&f);
}

static void test_req64_echo_and_fixed(void **state)
{
	struct spmc_msg_info m1, m2;
	struct smc_regs in, r;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_2);
	f.cfg.partitions[1].behaviour = SPMC_DIRECT_FIXED;
	f.cfg.partitions[1].fixed_resp[3] = 0x1111;
	f.cfg.partitions[1].fixed_resp[7] = 0x7777;
	fx_start(&f);
	r = request(&f, FFA_FN64_MSG_SEND_DIRECT_REQ, T_SP1, 0,
		    0xbbbb000100000000ULL, &in);
	assert_int_equal(r.x[0], FFA_FN64_MSG_SEND_DIRECT_RESP);
	for (i = 3; i < 8; i++)
		assert_int_equal(r.x[i], 0xbbbb000100000000ULL + i);
	for (i = 8; i < SMC_NR_REGS; i++)
		assert_int_equal(r.x[i], 0);
	r = request(&f, FFA_FN64_MSG_SEND_DIRECT_REQ, T_SP2, 0, 0, &in);
	assert_int_equal(r.x[1], (uint32_t)T_SP2 << 16);
	assert_int_equal(r.x[3], 0x1111);
	assert_int_equal(r.x[4], 0);
	assert_int_equal(r.x[7], 0x7777);
	assert_true(spmc_partition_last_msg(f.spmc, T_SP1, &m1));
	assert_true(spmc_partition_last_msg(f.spmc, T_SP2, &m2));
	assert_true(m2.seq > m1.seq);
	fx_fini(&f);
}

static void test_req_errors(void **state)
{
	struct spmc_msg_info msg;
	struct smc_regs in, r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, (1u << 16) | T_SP1, 0, 0,
		    &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "spoofed sender");
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, (0x8002u << 16) | T_SP1, 0,
		    0, &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "secure sender");
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, 0x8042, 0, 0, &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "no such SP");
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1, 5, 0, &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "w2 MBZ");
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP3, 0, 0, &in);
	assert_error(&r, FFA_RET_DENIED, "cannot receive");
	r = request(&f, FFA_MSG_SEND_DIRECT_RESP, (uint32_t)T_SP1 << 16, 0,
		    0, &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS,
		     "only a partition sends DIRECT_RESP; the host may not");
	assert_true(spmc_partition_last_msg(f.spmc, T_SP1, &msg));
	assert_int_equal(msg.count, 0);
	fx_fini(&f);
	/* With any_nwd_sender a VM ID is fine. */
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.any_nwd_sender = true;
	fx_start(&f);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, (1u << 16) | T_SP1, 0, 0,
		    &in);
	assert_int_equal(r.x[1], ((uint32_t)T_SP1 << 16) | 1);
	fx_fini(&f);
}

static void test_framework(void **state)
{
	struct spmc_msg_info msg;
	struct smc_regs in, r;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1,
		    FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_CREATED_REQ, 0, &in);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP);
	assert_int_equal(r.x[2],
			 FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_CREATED_RESP);
	assert_int_equal(r.x[3], 0);
	assert_true(spmc_partition_last_msg(f.spmc, T_SP1, &msg));
	assert_true(msg.framework);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1,
		    FFA_MSG_FLAG_FRAMEWORK | 0x9, 0, &in);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "unknown type");
	fx_fini(&f);
}

static void test_behaviours(void **state)
{
	struct smc_regs in, r;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.partitions[0].behaviour = SPMC_DIRECT_ERROR;
	f.cfg.partitions[0].error = FFA_RET_ABORTED;
	f.cfg.partitions[1].behaviour = SPMC_DIRECT_BUSY;
	fx_start(&f);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1, 0, 0, &in);
	assert_error(&r, FFA_RET_ABORTED,
		     "SP1 answers every request with its configured ABORTED");
	r = request(&f, FFA_FN64_MSG_SEND_DIRECT_REQ, T_SP2, 0, 0, &in);
	assert_error(&r, FFA_RET_BUSY,
		     "SP2 is configured busy: BUSY comes back, no response");
	fx_fini(&f);
}

static int scripted(void *ctx, uint16_t id, const struct smc_regs *req,
		    struct smc_regs *resp)
{
	int *calls = ctx;

	(*calls)++;
	if (req->x[3] == 0xbad)
		return FFA_RET_RETRY;
	resp->x[3] = req->x[3] + id;
	return 0;
}

static void test_scripted(void **state)
{
	struct smc_regs in, r;
	int calls = 0;
	struct fx f;

	(void)state;
	fx_init(&f, FFA_VERSION_1_1);
	f.cfg.partitions[0].behaviour = SPMC_DIRECT_SCRIPTED;
	fx_start(&f);
	r = request(&f, FFA_MSG_SEND_DIRECT_REQ, T_SP1, 0, 0, &in);
	assert_error(&r, FFA_RET_ABORTED, "no handler set");
	spmc_set_direct_handler(f.spmc, scripted, &calls);
	r = request(&f, FFA_FN64_MSG_SEND_DIRECT_REQ, T_SP1, 0, 0, &in);
	assert_int_equal(r.x[3], 3 + T_SP1);
	assert_int_equal(r.x[4], 0);
	in.x[3] = 0xbad;
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_error(&r, FFA_RET_RETRY,
		     "the handler's error reaches the caller as FFA_ERROR");
	assert_int_equal(calls, 2);
	fx_fini(&f);
}

static void test_req2(void **state)
{
	struct smc_regs in, r;
	uint64_t u_lo, u_hi;
	unsigned int i;
	struct fx f;

	(void)state;
	memcpy(&u_lo, t_uuid1, 8);	/* little-endian host, as AArch64 */
	memcpy(&u_hi, t_uuid1 + 8, 8);
	fx_ready(&f, FFA_VERSION_1_2);
	memset(&in, 0, sizeof(in));
	in.x[0] = FFA_FN64_MSG_SEND_DIRECT_REQ2;
	in.x[1] = T_SP1;
	in.x[2] = u_lo;
	in.x[3] = u_hi;
	for (i = 4; i < SMC_NR_REGS; i++)
		in.x[i] = 0xc0de000000000000ULL | i;
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_int_equal(r.x[0], FFA_FN64_MSG_SEND_DIRECT_RESP2);
	assert_int_equal(r.x[1], (uint32_t)T_SP1 << 16);
	assert_int_equal(r.x[2], 0);
	assert_int_equal(r.x[3], 0);
	for (i = 4; i < SMC_NR_REGS; i++)
		assert_int_equal(r.x[i], in.x[i]);
	in.x[2] = in.x[3] = 0;			/* nil UUID: any service */
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_int_equal(r.x[0], FFA_FN64_MSG_SEND_DIRECT_RESP2);
	in.x[2] = u_lo ^ 1;
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_error(&r, FFA_RET_INVALID_PARAMETERS, "wrong UUID");
	memcpy(&in.x[2], t_uuid2, 8);
	memcpy(&in.x[3], t_uuid2 + 8, 8);
	in.x[1] = T_SP2;			/* no REQ2 property */
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_error(&r, FFA_RET_DENIED,
		     "SP2 lacks the REQ2 property: REQ2 to it is denied");
	/* Negotiated down to 1.1: REQ2 does not exist. */
	fx_call(&f, FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	in.x[1] = T_SP1;
	in.x[2] = in.x[3] = 0;
	fx_smc(&f, SMC_FROM_HOST, &in, &r);
	assert_error(&r, FFA_RET_NOT_SUPPORTED,
		     "REQ2 is 1.2: a caller downgraded to 1.1 lacks it");
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_req32_echo),
		cmocka_unit_test(test_req64_echo_and_fixed),
		cmocka_unit_test(test_req_errors),
		cmocka_unit_test(test_framework),
		cmocka_unit_test(test_behaviours),
		cmocka_unit_test(test_scripted),
		cmocka_unit_test(test_req2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
