// SPDX-License-Identifier: GPL-2.0-only
/*
 * A failing step says what differed, not only that something did: the
 * first differing offset of compared bytes with the expected and actual
 * bytes from there, the SPMC's reason for refusing a partition action,
 * the error code in w2 when FFA_ERROR came instead of success, and the
 * descriptors each of the last hops carried.  Each scenario runs in a
 * child, as ffa-sim run does it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "host/host.h"
#include "proxy/hyp/hyp.h"
#include "sim/lang/scenario.h"
#include "sim/run/isolate.h"
#include "tests/check_util.h"

/* The host shares a page holding "ping"; %s are the partition's steps. */
static const char flow[] =
	"name: %s\n"
	"description: a step that fails, to read its message\n"
	"setup:\n"
	"  spmc: { version: 1.1, partitions: [{ id: 0x8001, name: sp1 }] }\n"
	"  pages: [tx, rx, buf]\n"
	"steps:\n"
	"  - call: FFA_VERSION\n"
	"    x1: version(1, 1)\n"
	"  - call: FFA_FN64_RXTX_MAP\n"
	"    x1: tx\n"
	"    x2: rx\n"
	"    x3: PAGE_SIZE / FFA_PAGE_SIZE\n"
	"  - host_write: { at: buf, text: \"ping\" }\n"
	"  - share: { to: [{ id: sp1, access: rw }], ranges: [{ at: buf }] }\n"
	"    expect: FFA_SUCCESS\n"
	"    capture: { handle: w2 | w3 << 32 }\n"
	"%s";

#define SHARE_AND_RECLAIM \
	"  - share: { to: [{ id: sp1, access: rw }], ranges: [{ at: buf }] }\n" \
	"    capture: { handle: w2 | w3 << 32 }\n" \
	"  - call: FFA_MEM_RECLAIM\n" \
	"    x1: handle.lo\n" \
	"    x2: handle.hi\n"

static const struct failing {
	const char *name, *steps, *message[2];
} failing[] = {
	{ "sp-read-other-bytes",
	  "  - retrieve: { by: sp1, handle: handle }\n"
	  "  - sp_read: { by: sp1, handle: handle, text: \"pinG\" }\n",
	  { "sp_read: partition 0x8001: the bytes differ from offset 0x3 on (1 of 4 differ): expected 47, got 67" } },
	{ "memory-other-bytes",
	  "  - retrieve: { by: sp1, handle: handle }\n"
	  "  - sp_write: { by: sp1, handle: handle, offset: 4, text: \"pong\" }\n"
	  "    then:\n"
	  "      memory buf: \"pingpon!\"\n",
	  { "memory buf: the bytes differ from offset 0x7 on (1 of 8 differ): expected 21, got 67" } },
	{ "sp-write-read-only",
	  "  - retrieve: { by: sp1, handle: handle, access: ro }\n"
	  "  - sp_write: { by: sp1, handle: handle, text: \"pong\" }\n",
	  { "sp_write: expected ok, got DENIED: partition 0x8001 retrieved handle 0x",
	    " read-only" } },
	{ "sp-write-not-retrieved",
	  "  - sp_write: { by: sp1, handle: handle, text: \"pong\" }\n",
	  { "sp_write: expected ok, got DENIED: partition 0x8001 has not retrieved handle 0x" } },
	{ "sp-write-past-the-end",
	  "  - retrieve: { by: sp1, handle: handle }\n"
	  "  - sp_write: { by: sp1, handle: handle, offset: PAGE_SIZE - 2, text: \"pong\" }\n",
	  { "sp_write: expected ok, got INVALID_PARAMETERS: bytes ",
	    " are past the " } },
	{ "reclaim-while-retrieved",
	  "  - retrieve: { by: sp1, handle: handle }\n"
	  "  - call: FFA_MEM_RECLAIM\n"
	  "    x1: handle.lo\n"
	  "    x2: handle.hi\n"
	  "    expect: FFA_SUCCESS\n",
	  { "x0: expected FFA_SUCCESS (0x84000061), got FFA_ERROR (0x84000060) (w2 = DENIED)" } },
	/*
	 * The last hops show each descriptor an SMC carried, in records a
	 * hop keeps for the SMCs after it: by the last reclaim, the records
	 * of earlier shares and reclaims (other lengths) are refilled.
	 */
	{ "descriptors-in-reused-records",
	  "  - call: FFA_MEM_RECLAIM\n"
	  "    x1: handle.lo\n"
	  "    x2: handle.hi\n"
	  SHARE_AND_RECLAIM SHARE_AND_RECLAIM SHARE_AND_RECLAIM
	  SHARE_AND_RECLAIM SHARE_AND_RECLAIM SHARE_AND_RECLAIM
	  SHARE_AND_RECLAIM
	  "  - share: { to: [{ id: sp1, access: rw }], ranges: [{ at: buf }] }\n"
	  "    capture: { handle: w2 | w3 << 32 }\n"
	  "  - call: FFA_MEM_RECLAIM\n"
	  "    x1: handle.lo\n"
	  "    x2: handle.hi\n"
	  "    expect: FFA_ERROR\n",
	  { "\n        EL2 -> SPMC: FFA_FN64_MEM_RETRIEVE_REQ x1=0x30 x2=0x30\n"
	    "          descriptor, 48 bytes: the hypervisor's retrieve request of handle 0x",
	    "\n        SPMC -> EL2: FFA_MEM_RETRIEVE_RESP x1=0x60 x2=0x60\n"
	    "          descriptor, 96 bytes: from 0x0000, normal memory, write-back, inner shareable, non-secure (set by the SPMC)" } },
};

static void keep(void *ctx, struct scen_result *r)
{
	g_ptr_array_add(ctx, r);
}

/*
 * A step whose expect: fails stops there, its then: unchecked: then: was
 * written for the state after the call the step expected.  A driver: step
 * is a step like any other in this.  Each then: below would fail too.
 */
static const char then_flow[] =
	"name: %s\n"
	"description: a failed expect and a then that would fail\n"
	"setup:\n"
	"  spmc:\n"
	"    version: 1.2\n"
	"    partitions:\n"
	"      - { id: 0x8001, name: sp1, direct: fixed, response: { x3: 0xa } }\n"
	"steps:\n"
	"%s"
	"    then:\n"
	"      message to sp1: { x3: 9 }\n";

static const struct failing then_failing[] = {
	{ "then-after-call",
	  "  - call: FFA_VERSION\n"
	  "    x1: version(1, 2)\n"
	  "    expect: FFA_ERROR\n",
	  { "x0: expected FFA_ERROR" } },
	{ "then-after-driver",
	  "  - driver: load\n"
	  "  - driver: { op: bind, to: sp1 }\n"
	  "  - driver: { op: send_direct_req, to: sp1, data: [1, 2, 3, 4, 5] }\n"
	  "    expect: { ret: 1 }\n",
	  { "ret: expected 0x1 (1), the client got 0" } },
};

/* Load and run the @n scenarios, each @flow_text with its steps. */
#define run_failing(flow_text, f, n) \
	run_failing_at((flow_text), (f), (n), __FILE__, __LINE__)

static GPtrArray *run_failing_at(const char *flow_text,
				 const struct failing *f, size_t n,
				 const char *file, int line)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free);
	GPtrArray *results = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scen_result_free);
	struct isolate_opts opts = { .jobs = 2, .timeout = 30 };
	struct diag d;
	size_t i;

	diag_init(&d);
	for (i = 0; i < n; i++) {
		char *text = g_strdup_printf(flow_text, f[i].name, f[i].steps);

		if (!scenario_load_string(f[i].name, text, hyp_page_size(),
					  scens, &d)) {
			diag_print(&d, stderr);
			fail_at(file, line, "%s: the scenario does not load (diagnostics above): it must fail when run, not when loaded",
				f[i].name);
		}
		g_free(text);
	}
	diag_free(&d);
	isolate_run_all(scens, &opts, keep, results);
	g_ptr_array_unref(scens);
	check_int(results->len, n, "every scenario run gives a result");
	return results;
}

static void test_then_skipped_after_failed_expect(void **state)
{
	GPtrArray *results = run_failing(then_flow, then_failing,
					 G_N_ELEMENTS(then_failing));
	unsigned int i, j;

	(void)state;
	for (i = 0; i < results->len; i++) {
		const struct scen_result *r = results->pdata[i];
		const struct failing *f = NULL;

		for (j = 0; j < G_N_ELEMENTS(then_failing); j++)
			if (!strcmp(r->id, then_failing[j].name))
				f = &then_failing[j];
		assert_non_null(f);
		/* Built with DRIVER=no: a driver: step is skipped, saying so. */
		if (host_driver_absent() && strstr(f->steps, "driver:")) {
			if (r->status != SCEN_SKIP || !r->message ||
			    strcmp(r->message, host_driver_absent()))
				fail_msg("%s: on a variant without the driver, expected a skip saying\n  %s\ngot status %d:\n  %s",
					 r->id, host_driver_absent(), r->status,
					 r->message ? r->message : "(no message)");
			continue;
		}
		if (r->status != SCEN_FAIL || !r->message ||
		    !strstr(r->message, f->message[0]))
			fail_msg("%s: expected a failure saying\n  %s\ngot status %d:\n  %s",
				 r->id, f->message[0], r->status,
				 r->message ? r->message : "(no message)");
		if (strstr(r->message, "message to sp1"))
			fail_msg("%s: then: was checked after expect: failed:\n  %s\nsteps of every kind stop at their first failure",
				 r->id, r->message);
	}
	g_ptr_array_unref(results);
}

static void test_failures_say_what_differed(void **state)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free);
	GPtrArray *results = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scen_result_free);
	struct isolate_opts opts = { .jobs = 2, .timeout = 30 };
	unsigned int i, j;
	struct diag d;

	(void)state;
	diag_init(&d);
	for (i = 0; i < G_N_ELEMENTS(failing); i++) {
		char *text = g_strdup_printf(flow, failing[i].name,
					     failing[i].steps);

		if (!scenario_load_string(failing[i].name, text,
					  hyp_page_size(), scens, &d)) {
			diag_print(&d, stderr);
			fail_msg("%s: the scenario does not load", failing[i].name);
		}
		g_free(text);
	}
	diag_free(&d);
	isolate_run_all(scens, &opts, keep, results);
	assert_int_equal(results->len, G_N_ELEMENTS(failing));
	for (i = 0; i < results->len; i++) {
		const struct scen_result *r = results->pdata[i];
		const struct failing *f = NULL;

		for (j = 0; j < G_N_ELEMENTS(failing); j++)
			if (!strcmp(r->id, failing[j].name))
				f = &failing[j];
		assert_non_null(f);
		if (r->status != SCEN_FAIL)
			fail_msg("%s: expected a failure, got status %d: the step must fail",
				 r->id, r->status);
		for (j = 0; j < 2 && f->message[j]; j++)
			if (!r->message || !strstr(r->message, f->message[j]))
				fail_msg("%s: expected the failure to say\n  %s\ngot\n  %s\nso the reader learns what differed",
					 r->id, f->message[j],
					 r->message ? r->message : "(no message)");
	}
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failures_say_what_differed),
		cmocka_unit_test(test_then_skipped_after_failed_expect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
