// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mock SPMC: several threads at once, as several cores call a real SPMC.
 * Each thread sends direct requests whose payload is its own and must get
 * its own payload back; another reads the SPMC's books meanwhile.  A lost
 * update shows as a wrong message count, a mixed-up answer as a foreign
 * payload; under `make tsan` any unlocked access is a reported race.
 * cmocka's checks are not for threads: they count, the test checks.
 */
#include <pthread.h>
#include <string.h>

#include "tests/spmc_test_util.h"

#define THREADS		4
#define ROUNDS		400

struct worker {
	struct fx *f;
	unsigned int id;
	unsigned int wrong;		/* answers that were not ours */
};

static void *requester(void *arg)
{
	struct worker *w = arg;
	struct smc_regs in, out;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		memset(&in, 0, sizeof(in));
		in.x[0] = FFA_MSG_SEND_DIRECT_REQ;
		in.x[1] = T_SP1;
		in.x[3] = w->id;
		in.x[4] = i;
		spmc_smc(w->f->spmc, SMC_FROM_HOST, &in, &out);
		if (out.x[0] != FFA_MSG_SEND_DIRECT_RESP || out.x[3] != w->id ||
		    out.x[4] != i)
			w->wrong++;
		memset(&in, 0, sizeof(in));
		in.x[0] = FFA_ID_GET;
		spmc_smc(w->f->spmc, SMC_FROM_HYP, &in, &out);
		if (out.x[0] != FFA_SUCCESS || out.x[2] != 0)
			w->wrong++;
	}
	return NULL;
}

struct reader {
	struct fx *f;
	volatile int stop;
	unsigned int looks;
	unsigned int backwards;		/* counts that went down */
};

static void *book_reader(void *arg)
{
	struct reader *r = arg;
	struct spmc_msg_info msg;
	struct spmc_rx_info rx;
	uint64_t last = 0;

	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		if (spmc_partition_last_msg(r->f->spmc, T_SP1, &msg)) {
			if (msg.count < last)
				r->backwards++;
			last = msg.count;
		}
		spmc_rx_state(r->f->spmc, &rx);
		(void)spmc_txn_count(r->f->spmc);
		(void)spmc_negotiated_version(r->f->spmc);
		r->looks++;
	}
	return NULL;
}

static void test_threads_at_once(void **state)
{
	struct worker w[THREADS];
	struct reader r = { 0 };
	struct spmc_msg_info msg;
	pthread_t t[THREADS], rt;
	unsigned int i;
	struct fx f;

	(void)state;
	fx_ready(&f, FFA_VERSION_1_1);
	r.f = &f;
	assert_int_equal(pthread_create(&rt, NULL, book_reader, &r), 0);
	for (i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .f = &f, .id = 0x100 + i };
		assert_int_equal(pthread_create(&t[i], NULL, requester, &w[i]),
				 0);
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	pthread_join(rt, NULL);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(w[i].wrong, 0);
	assert_int_equal(r.backwards, 0);
	assert_true(spmc_partition_last_msg(f.spmc, T_SP1, &msg));
	assert_int_equal(msg.count, THREADS * ROUNDS);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
