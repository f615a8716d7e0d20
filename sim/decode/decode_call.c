// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parameter registers of each FF-A function (DEN0077A, FF-A 1.0 to
 * 1.2), from w1 on.  A function whose parameters ffa-sim does not
 * describe in detail says so for its non-zero registers instead of
 * calling them wrong.
 */
#include <stdio.h>
#include <string.h>

#include "sim/decode/decode_internal.h"
#include "spmc_mock/ffa_abi.h"

#define FFA_FEATURE_NPI		0x1U
#define FFA_FEATURE_SRI		0x2U
#define FFA_FEATURE_MEI		0x3U

static void not_detailed(struct dec *d)
{
	d->leftover = "parameter (not described by ffa-sim)";
}

static void args_interrupt(struct dec *d)
{
	uint32_t w1 = dec_w32(d, 1);
	char *ep = decode_endpoint((uint16_t)(w1 >> 16));

	dec_w(d, 1, "endpoint %s, vCPU %u", ep, w1 & 0xffff);
	dec_w(d, 2, "interrupt ID %u", dec_w32(d, 2));
	g_free(ep);
}

static void args_version(struct dec *d)
{
	bool bad = false;
	char *v = decode_version(dec_w32(d, 1), &bad);
	struct decode_field *f = dec_w(d, 1, "version %s (the caller's)", v);

	if (bad)
		dec_problem(d, f, "bit 31 of a version must be zero");
	dec_brief(d, "%s", v);
	g_free(v);
}

static const char *feature_words(uint32_t id)
{
	switch (id) {
	case FFA_FEATURE_NPI:
		return "notification pending interrupt";
	case FFA_FEATURE_SRI:
		return "schedule receiver interrupt";
	case FFA_FEATURE_MEI:
		return "managed exit interrupt";
	}
	return NULL;
}

static void args_features(struct dec *d)
{
	uint32_t w1 = dec_w32(d, 1);
	const char *name, *feat;
	struct decode_field *f;

	if (w1 & SMCCC_FAST_CALL) {
		name = ffa_func_name(w1);
		dec_w(d, 1, "function %s", name ? name :
		      "not defined by FF-A up to 1.2");
		dec_brief(d, "%s", name ? name : "an unknown function");
	} else {
		feat = feature_words(w1 & 0xff);
		f = dec_w(d, 1, "feature ID %u: %s", w1 & 0xff,
			  feat ? feat : "not defined up to FF-A 1.2");
		dec_mbz(d, f, 1, 0x7fffff00, "30:8 of a feature ID");
		dec_brief(d, "feature %u", w1 & 0xff);
	}
	if (d->r[2])
		dec_w(d, 2, "input properties %#x", dec_w32(d, 2));
}

static void args_rx_release(struct dec *d)
{
	struct decode_field *f;

	if (!d->r[1])
		return;
	f = dec_w(d, 1, "VM ID 0x%04x (a hypervisor releasing for a VM)",
		  dec_w32(d, 1) & 0xffff);
	dec_mbz(d, f, 1, 0xffff0000, "31:16");
}

static void args_rxtx_map(struct dec *d)
{
	uint32_t w3 = dec_w32(d, 3), pages = w3 & FFA_RXTX_PAGE_COUNT_MASK;
	uint64_t tx = d->smc64 ? d->r[1] : dec_w32(d, 1);
	uint64_t rx = d->smc64 ? d->r[2] : dec_w32(d, 2);
	struct decode_field *f;

	f = dec_x(d, 1, "TX buffer at %#llx", (unsigned long long)tx);
	if (tx % FFA_PAGE_SIZE)
		dec_problem(d, f, "not 4K-aligned");
	f = dec_x(d, 2, "RX buffer at %#llx", (unsigned long long)rx);
	if (rx % FFA_PAGE_SIZE)
		dec_problem(d, f, "not 4K-aligned");
	f = dec_w(d, 3, "%u page%s of 4K each", pages, pages == 1 ? "" : "s");
	if (!pages)
		dec_problem(d, f, "a page count of 0 maps nothing");
	dec_mbz(d, f, 3, ~FFA_RXTX_PAGE_COUNT_MASK, "31:6");
	dec_brief(d, "TX %#llx, RX %#llx, %u page%s", (unsigned long long)tx,
		  (unsigned long long)rx, pages, pages == 1 ? "" : "s");
}

/*
 * wN [31:16]: the VM a hypervisor acts for, when it forwards a call of
 * that VM; [15:0] MBZ.  Zero from anyone acting for itself.
 */
static void vm_endpoint(struct dec *d, int reg, const char *role,
			const char *doing)
{
	struct decode_field *f;
	char *ep;

	if (!d->r[reg])
		return;
	ep = decode_endpoint((uint16_t)(dec_w32(d, reg) >> 16));
	f = dec_w(d, reg, "%s %s (a hypervisor %s for a VM)", role, ep, doing);
	dec_mbz(d, f, reg, 0xffff, "15:0");
	g_free(ep);
}

static void args_rxtx_unmap(struct dec *d)
{
	vm_endpoint(d, 1, "endpoint", "unmapping");
}

static void args_partition_info(struct dec *d)
{
	uint8_t uuid[16];
	struct decode_field *f;
	char *words;
	int i;

	for (i = 0; i < 4; i++)
		ffa_put32(uuid + 4 * i, dec_w32(d, 1 + i));
	words = decode_uuid(uuid);
	dec_group(d, 1, 4, DEC_SPAN, "UUID %s", words);
	dec_brief(d, "UUID %s", words);
	g_free(words);
	if (!d->r[5])
		return;
	f = dec_w(d, 5, "flags: %s", dec_w32(d, 5) & FFA_PARTINFO_COUNT_ONLY ?
		  "count only, fill no descriptors" : "none");
	dec_mbz(d, f, 5, ~FFA_PARTINFO_COUNT_ONLY, "31:1");
	if (dec_w32(d, 5) & FFA_PARTINFO_COUNT_ONLY)
		dec_brief(d, "count only");
}

static void args_run(struct dec *d)
{
	uint32_t w1 = dec_w32(d, 1);
	char *ep = decode_endpoint((uint16_t)(w1 >> 16));

	dec_w(d, 1, "endpoint %s, vCPU %u", ep, w1 & 0xffff);
	dec_brief(d, "0x%04x vCPU %u", w1 >> 16, w1 & 0xffff);
	g_free(ep);
}

static const char *framework_words(uint32_t type)
{
	switch (type) {
	case FFA_FWK_PSCI_REQ:
		return "PSCI request";
	case FFA_FWK_PSCI_RESP:
		return "PSCI response";
	case FFA_FWK_VM_CREATED_REQ:
		return "VM created";
	case FFA_FWK_VM_CREATED_RESP:
		return "VM created response";
	case FFA_FWK_VM_DESTROYED_REQ:
		return "VM destroyed";
	case FFA_FWK_VM_DESTROYED_RESP:
		return "VM destroyed response";
	}
	return "not defined up to FF-A 1.2";
}

static void direct_flags(struct dec *d)
{
	uint32_t w2 = dec_w32(d, 2), type = w2 & FFA_MSG_FRAMEWORK_TYPE_MASK;
	struct decode_field *f;

	if (!(w2 & FFA_MSG_FLAG_FRAMEWORK)) {
		if (!d->r[2])
			return;
		f = dec_w(d, 2, "flags: partition message");
		dec_mbz(d, f, 2, ~FFA_MSG_FLAG_FRAMEWORK, "30:0");
		return;
	}
	f = dec_w(d, 2, "flags: framework message, type %#x (%s)", type,
		  framework_words(type));
	dec_mbz(d, f, 2, 0x7fffff00, "30:8");
	dec_brief(d, "framework message %#x", type);
}

static void direct_endpoints(struct dec *d)
{
	uint32_t w1 = dec_w32(d, 1);

	dec_endpoints(d, 1, "source", "destination");
	dec_brief(d, "0x%04x to 0x%04x", w1 >> 16, w1 & 0xffff);
}

static void args_direct(struct dec *d)
{
	direct_endpoints(d);
	direct_flags(d);
	dec_payload(d, 3, 7, "payload");
}

static void args_direct2(struct dec *d)
{
	uint8_t uuid[16];
	char *words;

	direct_endpoints(d);
	if (d->fid == FFA_FN64_MSG_SEND_DIRECT_REQ2) {
		ffa_put64(uuid, d->r[2]);
		ffa_put64(uuid + 8, d->r[3]);
		words = decode_uuid(uuid);
		dec_group(d, 2, 3, DEC_XPAIR, "protocol UUID %s", words);
		g_free(words);
	}
	dec_payload(d, 4, 17, "payload");
}

static void mem_lengths(struct dec *d)
{
	uint32_t total = dec_w32(d, 1), frag = dec_w32(d, 2);
	struct decode_field *f;

	dec_w(d, 1, "total length %u bytes", total);
	f = dec_w(d, 2, "fragment length %u bytes%s", frag,
		  frag == total ? " (the whole descriptor)" : "");
	if (frag > total)
		dec_problem(d, f, "longer than the total length");
	else if (!frag)
		dec_problem(d, f, "an empty fragment");
	if (frag == total)
		dec_brief(d, "%u bytes", total);
	else
		dec_brief(d, "%u of %u bytes", frag, total);
}

static void args_mem_send(struct dec *d)
{
	struct decode_field *f;

	mem_lengths(d);
	if (!d->r[3] && !d->r[4])
		return;
	f = dec_x(d, 3, "buffer at %#llx, not the TX buffer",
		  (unsigned long long)d->r[3]);
	if (d->r[3] % FFA_PAGE_SIZE)
		dec_problem(d, f, "not 4K-aligned");
	f = dec_w(d, 4, "%u page%s of 4K in that buffer", dec_w32(d, 4),
		  dec_w32(d, 4) == 1 ? "" : "s");
	if (!d->r[3] != !dec_w32(d, 4))
		dec_problem(d, f, "a buffer address and a page count come together");
}

static void args_retrieve_resp(struct dec *d)
{
	mem_lengths(d);
}

static void args_reclaim(struct dec *d)
{
	uint32_t w3 = dec_w32(d, 3);
	struct decode_field *f;

	dec_handle(d, 1, 2);
	if (!d->r[3])
		return;
	f = dec_w(d, 3, "flags: %s%s%s",
		  w3 & FFA_RECLAIM_ZERO_MEMORY ? "zero the memory" : "",
		  (w3 & FFA_RECLAIM_ZERO_MEMORY) &&
		  (w3 & FFA_RECLAIM_TIME_SLICE) ? ", " : "",
		  w3 & FFA_RECLAIM_TIME_SLICE ? "time slicing" :
		  w3 & FFA_RECLAIM_ZERO_MEMORY ? "" : "none");
	dec_mbz(d, f, 3, ~(FFA_RECLAIM_ZERO_MEMORY | FFA_RECLAIM_TIME_SLICE),
		"31:2");
}

static void args_handle(struct dec *d)
{
	dec_handle(d, 1, 2);
}

static void args_frag_rx(struct dec *d)
{
	dec_handle(d, 1, 2);
	dec_w(d, 3, "fragment offset %u bytes (what the receiver holds so far)",
	      dec_w32(d, 3));
	dec_brief(d, "offset %u", dec_w32(d, 3));
	vm_endpoint(d, 4, "endpoint", "acting");
}

static void args_frag_tx(struct dec *d)
{
	dec_handle(d, 1, 2);
	dec_w(d, 3, "fragment length %u bytes", dec_w32(d, 3));
	dec_brief(d, "%u bytes", dec_w32(d, 3));
	vm_endpoint(d, 4, "endpoint", "acting");
}

static void args_vm_id(struct dec *d)
{
	struct decode_field *f = dec_w(d, 1, "VM ID 0x%04x",
				       dec_w32(d, 1) & 0xffff);

	dec_mbz(d, f, 1, 0xffff0000, "31:16");
}

static void args_bitmap_create(struct dec *d)
{
	args_vm_id(d);
	dec_w(d, 2, "%u vCPUs", dec_w32(d, 2));
}

static void notif_bitmap(struct dec *d)
{
	uint64_t bits = dec_w32(d, 3) | (uint64_t)dec_w32(d, 4) << 32;

	dec_group(d, 3, 4, DEC_PAIR, "notifications %#llx",
		  (unsigned long long)bits);
}

static void args_notif_bind(struct dec *d)
{
	struct decode_field *f;

	dec_endpoints(d, 1, "sender", "receiver");
	if (d->fid == FFA_NOTIFICATION_BIND && d->r[2]) {
		f = dec_w(d, 2, "flags:%s", dec_w32(d, 2) & 1 ?
			  " per-vCPU" : " none");
		dec_mbz(d, f, 2, ~1U, "31:1");
	}
	notif_bitmap(d);
}

static void args_notif_set(struct dec *d)
{
	uint32_t w2 = dec_w32(d, 2);
	struct decode_field *f;

	dec_endpoints(d, 1, "sender", "receiver");
	f = dec_w(d, 2, "flags:%s%s, vCPU %u", w2 & 1 ? " per-vCPU" : "",
		  w2 & 2 ? " delay the schedule receiver interrupt" : "",
		  w2 >> 16);
	dec_mbz(d, f, 2, 0xfffc, "15:2");
	notif_bitmap(d);
}

static void args_notif_get(struct dec *d)
{
	uint32_t w1 = dec_w32(d, 1), w2 = dec_w32(d, 2);
	struct decode_field *f;
	char *ep = decode_endpoint((uint16_t)w1);

	dec_w(d, 1, "vCPU %u, receiver %s", w1 >> 16, ep);
	f = dec_w(d, 2, "bitmaps of:%s%s%s%s", w2 & 1 ? " partitions" : "",
		  w2 & 2 ? " VMs" : "", w2 & 4 ? " the SPMC" : "",
		  w2 & 8 ? " the hypervisor" : "");
	dec_mbz(d, f, 2, ~0xfU, "31:4");
	g_free(ep);
}

static void args_msg_send2(struct dec *d)
{
	struct decode_field *f;

	vm_endpoint(d, 1, "sender", "sending");
	if (d->r[2]) {
		f = dec_w(d, 2, "flags:%s", dec_w32(d, 2) & 2 ?
			  " delay the schedule receiver interrupt" : " none");
		dec_mbz(d, f, 2, ~2U, "31:2 and 0");
	}
}

static void args_entry_point(struct dec *d)
{
	dec_x(d, 1, "entry point at %#llx", (unsigned long long)d->r[1]);
}

static void args_mem_perm(struct dec *d)
{
	dec_x(d, 1, "base address %#llx", (unsigned long long)d->r[1]);
	if (d->fid == FFA_MEM_PERM_SET || d->fid == FFA_FN64_MEM_PERM_SET) {
		dec_w(d, 2, "%u pages", dec_w32(d, 2));
		dec_w(d, 3, "attributes %#x", dec_w32(d, 3));
	}
	not_detailed(d);
}

static void args_console_log(struct dec *d)
{
	unsigned int n = dec_w32(d, 1), per = d->smc64 ? 8 : 4, i;
	GString *s = g_string_new(NULL);
	struct decode_field *f;

	for (i = 0; i < n && i < 6 * per; i++) {
		char c = (char)(d->r[2 + i / per] >> (8 * (i % per)));

		g_string_append_c(s, g_ascii_isprint(c) ? c : '.');
	}
	f = dec_w(d, 1, "%u character%s: \"%s\"", n, n == 1 ? "" : "s",
		  s->str);
	if (n > 6 * per)
		dec_problem(d, f, "at most %u fit in the registers", 6 * per);
	dec_payload(d, 2, 7, "characters");
	dec_brief(d, "\"%s\"", s->str);
	g_string_free(s, TRUE);
}

static void args_partition_info_regs(struct dec *d)
{
	uint32_t w3 = dec_w32(d, 3);
	uint8_t uuid[16];
	char *words;

	ffa_put64(uuid, d->r[1]);
	ffa_put64(uuid + 8, d->r[2]);
	words = decode_uuid(uuid);
	dec_group(d, 1, 2, DEC_XPAIR, "UUID %s", words);
	dec_w(d, 3, "start at index %u, tag %u", w3 & 0xffff, w3 >> 16);
	dec_brief(d, "UUID %s from %u", words, w3 & 0xffff);
	g_free(words);
}

static void args_none(struct dec *d)
{
	(void)d;
}

struct args_entry {
	unsigned int num;	/* function number, bits 15:0 */
	void (*fn)(struct dec *d);
};

static const struct args_entry args_table[] = {
	{ 0x62, args_interrupt },
	{ 0x63, args_version },
	{ 0x64, args_features },
	{ 0x65, args_rx_release },
	{ 0x66, args_rxtx_map },
	{ 0x67, args_rxtx_unmap },
	{ 0x68, args_partition_info },
	{ 0x69, args_none },		/* ID_GET */
	{ 0x6d, args_run },
	{ 0x6f, args_direct },
	{ 0x70, args_direct },
	{ 0x71, args_mem_send },	/* DONATE */
	{ 0x72, args_mem_send },	/* LEND */
	{ 0x73, args_mem_send },	/* SHARE */
	{ 0x74, args_mem_send },	/* RETRIEVE_REQ */
	{ 0x75, args_retrieve_resp },
	{ 0x76, args_none },		/* RELINQUISH */
	{ 0x77, args_reclaim },
	{ 0x78, args_handle },		/* MEM_OP_PAUSE */
	{ 0x79, args_handle },		/* MEM_OP_RESUME */
	{ 0x7a, args_frag_rx },
	{ 0x7b, args_frag_tx },
	{ 0x7c, args_none },		/* NORMAL_WORLD_RESUME */
	{ 0x7d, args_bitmap_create },
	{ 0x7e, args_vm_id },		/* BITMAP_DESTROY */
	{ 0x7f, args_notif_bind },
	{ 0x80, args_notif_bind },	/* UNBIND */
	{ 0x81, args_notif_set },
	{ 0x82, args_notif_get },
	{ 0x83, args_none },		/* NOTIFICATION_INFO_GET */
	{ 0x84, args_vm_id },		/* RX_ACQUIRE */
	{ 0x85, args_none },		/* SPM_ID_GET */
	{ 0x86, args_msg_send2 },
	{ 0x87, args_entry_point },
	{ 0x88, args_mem_perm },
	{ 0x89, args_mem_perm },
	{ 0x8a, args_console_log },
	{ 0x8b, args_partition_info_regs },
	{ 0x8c, args_none },		/* EL3_INTR_HANDLE */
	{ 0x8d, args_direct2 },
	{ 0x8e, args_direct2 },
};

void decode_call_args(struct dec *d)
{
	unsigned int num = d->fid & SMCCC_FUNC_MASK;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(args_table); i++) {
		if (args_table[i].num == num) {
			args_table[i].fn(d);
			return;
		}
	}
	/* MSG_POLL, MSG_WAIT, MSG_YIELD, MSG_SEND: partition-side calls. */
	not_detailed(d);
}
