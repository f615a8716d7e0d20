// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bytes to a driver program.  Five bytes of set-up (as the proxy
 * fuzzer's), then each call as a kind byte (low nibble: the
 * kind, bits 4-5: the CPU) and the fields of that kind only, so that
 * libFuzzer's byte mutations mostly change one call's meaning.  Decoding
 * never fails.
 */
#include <string.h>

#include "fuzz/driver/drv_prog.h"

static bool more(const struct fz_reader *r)
{
	return r->off < r->n;
}

const char *df_kind_name(enum df_kind kind)
{
	static const char *const names[] = {
		[DF_BIND] = "bind", [DF_INFO] = "partition_info",
		[DF_DIRECT] = "send_direct_req",
		[DF_DIRECT2] = "send_direct_req2",
		[DF_INDIRECT] = "send_indirect", [DF_SHARE] = "share",
		[DF_LEND] = "lend", [DF_RECLAIM] = "reclaim",
		[DF_NOTIFY] = "notify_request",
		[DF_UNNOTIFY] = "notify_relinquish",
	};

	return kind < DF_NR_KINDS ? names[kind] : "?";
}

static void decode_data(struct fz_reader *r, struct df_call *c, unsigned int max)
{
	unsigned int i;

	c->nr_data = fz_take(r, 1) % (max + 1);
	for (i = 0; i < c->nr_data; i++)
		c->data[i] = fz_take(r, 8);
}

/* Whole host pages of DRAM: the driver takes struct pages. */
static void decode_mem(struct fz_reader *r, struct df_call *c)
{
	unsigned int opts = fz_take(r, 1), i;

	c->own_buffer = opts & 1;
	c->per_page = opts & 2;
	c->has_flags = opts & 4;
	c->has_tag = opts & 8;
	if (c->has_flags)
		c->flags = fz_take(r, 4);
	if (c->has_tag)
		c->tag = fz_take(r, 8);
	c->nr_receivers = 1 + fz_take(r, 1) % DF_MAX_RECEIVERS;
	for (i = 0; i < c->nr_receivers; i++) {
		c->rcv[i].who = fz_take(r, 1) % 4;
		c->rcv[i].perms = fz_take(r, 1);
		if (c->rcv[i].who == DW_RAW)
			c->rcv[i].id = fz_take(r, 2);
	}
	c->nr_ranges = 1 + fz_take(r, 1) % DF_MAX_RANGES;
	for (i = 0; i < c->nr_ranges; i++) {
		c->range[i].page = fz_take(r, 1) % FZ_DRAM_PAGES;
		c->range[i].pages = 1 + fz_take(r, 1) % (FZ_DRAM_PAGES -
						       c->range[i].page);
	}
}

static void decode_call(struct fz_reader *r, struct df_call *c)
{
	unsigned int head = fz_take(r, 1), b;

	memset(c, 0, sizeof(*c));
	c->kind = (head & 0xf) % DF_NR_KINDS;
	c->cpu = (head >> 4) % DF_MAX_CPUS;
	switch (c->kind) {
	case DF_BIND:
		c->target = fz_take(r, 1) % 2;
		break;
	case DF_INFO:
		c->target = fz_take(r, 1) % 3;
		break;
	case DF_DIRECT:
	case DF_DIRECT2:
		c->target = fz_take(r, 1) % 2;
		decode_data(r, c, c->kind == DF_DIRECT ? 5 : 14);
		break;
	case DF_INDIRECT:
		c->target = fz_take(r, 1) % 2;
		c->nr_bytes = 1 + fz_take(r, 1) % DF_MAX_BYTES;
		for (b = 0; b < c->nr_bytes; b++)
			c->bytes[b] = fz_take(r, 1);
		break;
	case DF_SHARE:
	case DF_LEND:
		decode_mem(r, c);
		break;
	case DF_RECLAIM:
		b = fz_take(r, 1);
		c->raw_handle = b & 0x80;
		c->back = b & 3;
		c->has_flags = b & 0x40;
		if (c->raw_handle)
			c->handle = fz_take(r, 8);
		if (c->has_flags)
			c->flags = fz_take(r, 4);
		break;
	case DF_NOTIFY:
	case DF_UNNOTIFY:
		b = fz_take(r, 1);
		c->target = b & 1;
		c->per_vcpu = c->kind == DF_NOTIFY && (b & 2);
		c->notify_id = fz_take(r, 1) % 64;
		break;
	}
}

void df_decode(const uint8_t *data, size_t size, struct df_prog *p)
{
	struct fz_reader r = { .p = data, .n = size };

	memset(p, 0, sizeof(*p));
	p->setup.version = fz_take(&r, 1) % 3;
	p->setup.retrieve_frag = fz_take(&r, 1) % 64;
	p->setup.policy = fz_take(&r, 1) % 3;
	p->setup.version_first = fz_take(&r, 1) & 1;
	p->setup.rxtx_min = fz_take(&r, 1) % 3;
	while (more(&r) && p->nr_calls < DF_MAX_CALLS)
		decode_call(&r, &p->calls[p->nr_calls++]);
}
