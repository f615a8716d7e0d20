// SPDX-License-Identifier: GPL-2.0-only
/*
 * What an answer carries: FFA_ERROR's code, and FFA_SUCCESS's results,
 * which mean what the call they answer defines (a handle after a share,
 * an ID after ID_GET, buffer sizes after FEATURES(RXTX_MAP)).  Without
 * that call the results can only be listed.
 */
#include <stdio.h>

#include "sim/decode/decode_internal.h"
#include "spmc_mock/ffa_abi.h"

void decode_error(struct dec *d)
{
	int32_t err = (int32_t)dec_w32(d, 2);
	const char *name = ffa_error_name(err);

	d->answer = true;
	if (name) {
		dec_w(d, 2, "%s (%d)", name, err);
		dec_brief(d, "%s", name);
	} else {
		dec_w(d, 2, "error %d, not defined up to FF-A 1.2", err);
		dec_brief(d, "error %d", err);
	}
}

static const char *const min_words[] = { "4K", "64K", "16K", "reserved (3)" };

static void features_rxtx(struct dec *d)
{
	uint32_t w2 = dec_w32(d, 2), min = w2 & 3, max = w2 >> 16;
	struct decode_field *f;

	f = dec_w(d, 2, "minimum buffer %s, maximum %u page%s%s",
		  min_words[min], max, max == 1 ? "" : "s",
		  max ? "" : " (no maximum given)");
	if (min == 3)
		dec_problem(d, f, "the minimum size code 3 is reserved");
	dec_mbz(d, f, 2, 0xfffc, "15:2");
	dec_brief(d, "minimum %s", min_words[min]);
	if (max)
		dec_brief(d, "maximum %u page%s", max, max == 1 ? "" : "s");
}

static void features_answer(struct dec *d)
{
	uint32_t asked = ffa_fid_strip_hint(d->req[1]);

	if (asked == FFA_RXTX_MAP || asked == FFA_FN64_RXTX_MAP) {
		features_rxtx(d);
	} else if (asked >= 1 && asked <= 3) {
		dec_w(d, 2, "interrupt ID %u", dec_w32(d, 2));
		dec_brief(d, "interrupt %u", dec_w32(d, 2));
	} else {
		d->leftover = "interface properties";
	}
}

static void id_answer(struct dec *d, const char *whose)
{
	uint32_t w2 = dec_w32(d, 2);
	char *ep = decode_endpoint((uint16_t)w2);
	struct decode_field *f = dec_w(d, 2, "%s ID %s", whose, ep);

	dec_mbz(d, f, 2, 0xffff0000, "31:16");
	dec_brief(d, "ID 0x%04x", w2 & 0xffff);
	g_free(ep);
}

static void partition_info_answer(struct dec *d)
{
	uint32_t count = dec_w32(d, 2), size = dec_w32(d, 3);

	dec_w(d, 2, "%u partition%s", count, count == 1 ? "" : "s");
	dec_brief(d, "%u partition%s", count, count == 1 ? "" : "s");
	if (!d->r[3])
		return;
	dec_w(d, 3, "descriptors of %u bytes each%s", size,
	      size == FFA_PARTINFO_DESC_SIZE_1_1 ? " (FF-A 1.1 layout)" : "");
}

static void notification_get_answer(struct dec *d)
{
	static const char *const from[] = { "partitions", "VMs", "the framework" };
	int i;

	for (i = 0; i < 3; i++) {
		int lo = 2 + 2 * i;
		uint64_t bits = dec_w32(d, lo) |
				(uint64_t)dec_w32(d, lo + 1) << 32;

		if (bits)
			dec_group(d, lo, lo + 1, DEC_PAIR,
				  "pending from %s: %#llx", from[i],
				  (unsigned long long)bits);
	}
}

static void partition_info_regs_answer(struct dec *d)
{
	uint64_t x2 = d->r[2];

	dec_x(d, 2, "last index %u, this one %u, tag %u, descriptors of %u bytes",
	      (unsigned int)(x2 & 0xffff), (unsigned int)(x2 >> 16 & 0xffff),
	      (unsigned int)(x2 >> 32 & 0xffff), (unsigned int)(x2 >> 48));
	dec_payload(d, 3, 17, "partition information");
}

void decode_success(struct dec *d)
{
	uint32_t req;

	d->answer = true;
	if (!d->req) {
		d->leftover = "result, as the call defines (give it with --answer-to)";
		return;
	}
	req = ffa_fid_strip_hint(d->req[0]);
	switch (req) {
	case FFA_FEATURES:
		features_answer(d);
		break;
	case FFA_ID_GET:
		id_answer(d, "the caller's");
		break;
	case FFA_SPM_ID_GET:
		id_answer(d, "the SPMC's");
		break;
	case FFA_PARTITION_INFO_GET:
		partition_info_answer(d);
		break;
	case FFA_MEM_SHARE: case FFA_FN64_MEM_SHARE:
	case FFA_MEM_LEND: case FFA_FN64_MEM_LEND:
	case FFA_MEM_DONATE: case FFA_FN64_MEM_DONATE:
	case FFA_MEM_FRAG_TX:
		dec_handle(d, 2, 3);
		break;
	case FFA_NOTIFICATION_GET:
		notification_get_answer(d);
		break;
	case FFA_FN64_PARTITION_INFO_GET_REGS:
		partition_info_regs_answer(d);
		break;
	case FFA_MEM_PERM_GET: case FFA_FN64_MEM_PERM_GET:
	case FFA_NOTIFICATION_INFO_GET: case FFA_FN64_NOTIFICATION_INFO_GET:
		d->leftover = "result (not described by ffa-sim)";
		break;
	}
}
