// SPDX-License-Identifier: GPL-2.0-only
/*
 * The descriptors a host SMC carried, for the trace, explain and the HTML
 * page: the host's own (read from its TX buffer, where it wrote it) and
 * each one the SPMC read from a TX buffer or wrote to an RX buffer while
 * the call was under way, numbered by the SMC to the SPMC it came with.
 * With a folder given (run --save-descriptors), each is also saved there
 * as raw bytes, which decode --descriptor reads back.
 */
#include <stdio.h>
#include <string.h>

#include "sim/exec/exec_internal.h"
#include "sim/exec/trace.h"
#include "spmc_mock/ffa_abi.h"

static char *save_dir;

void exec_set_descriptor_dir(const char *dir)
{
	g_free(save_dir);
	save_dir = dir ? g_strdup(dir) : NULL;
}

/* The SMCs to the SPMC so far in this host SMC: the next one's index. */
static int el3_calls_so_far(void)
{
	const struct hyp_event *ev;
	size_t n, i;
	int count = 0;

	ev = hyp_events(&n);
	for (i = 0; i < n; i++)
		count += ev[i].kind == HYP_EV_SMC_TO_EL3;
	return count;
}

struct carried *carried_new(void)
{
	return g_new0(struct carried, 1);
}

/* Empty, records kept: only a saved name is the SMC's own. */
void carried_reset(struct carried *c)
{
	unsigned int i;

	for (i = 0; i < c->len; i++) {
		g_free(c->descs[i]->saved);
		c->descs[i]->saved = NULL;
	}
	c->len = 0;
}

void carried_free(struct carried *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < c->nr; i++)
		trace_desc_free(c->descs[i]);
	g_free(c->descs);
	g_free(c);
}

/*
 * The next record of @c with room for @len bytes, which the caller
 * writes: a kept one if there is one (grown if it must), else a new one.
 * One allocation each: the bytes follow the record (trace_desc_free()).
 */
static struct trace_desc *next_desc(struct carried *c, int el3, bool to_spmc,
				    size_t len)
{
	struct trace_desc *d = NULL;

	if (c->len < c->nr)
		d = c->descs[c->len];
	if (!d || d->room < len) {
		d = g_realloc(d, sizeof(*d) + len);
		d->room = len;
		d->saved = NULL;
	}
	if (c->len == c->nr) {
		if (c->nr == c->room) {
			c->room = c->room ? 2 * c->room : 4;
			c->descs = g_renew(struct trace_desc *, c->descs,
					   c->room);
		}
		c->nr++;
	}
	c->descs[c->len++] = d;
	d->el3 = el3;
	d->to_spmc = to_spmc;
	d->bytes = (uint8_t *)(d + 1);
	d->len = len;
	return d;
}

static void seen(void *ctx, bool to_spmc, const void *bytes, size_t len)
{
	struct exec *x = ctx;

	if (x->carrying)
		memcpy(next_desc(x->carried, el3_calls_so_far(), to_spmc,
				 len)->bytes, bytes, len);
}

void exec_carried_init(struct exec *x)
{
	x->carried = carried_new();
	spmc_set_desc_observer(x->w.spmc, seen, x);
}

/* The bytes a memory call of the host's has in its TX buffer, if any. */
static size_t host_desc_len(const struct exec *x, const uint64_t *in)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in[0]);
	uint64_t len;

	switch (fid & ~SMCCC_SMC64) {
	case FFA_MEM_DONATE & ~SMCCC_SMC64:
	case FFA_MEM_LEND & ~SMCCC_SMC64:
	case FFA_MEM_SHARE & ~SMCCC_SMC64:
		/* x3 set: a buffer of its own, which pKVM refuses. */
		len = in[3] ? 0 : (uint32_t)in[2];
		break;
	case FFA_MEM_FRAG_TX:
		len = (uint32_t)in[3];
		break;
	default:
		return 0;
	}
	if (!x->mapped || !len)
		return 0;
	return len < x->mbox_bytes ? len : x->mbox_bytes;
}

void exec_carried_start(struct exec *x, const uint64_t *in)
{
	size_t len = host_desc_len(x, in);
	struct trace_desc *d;

	if (!x->carried)
		return;
	carried_reset(x->carried);
	x->carrying = true;
	if (!len)
		return;
	/* Read straight into its record; one the read fails is dropped. */
	d = next_desc(x->carried, -1, true, len);
	if (physmem_read(&x->w.pm, x->tx, d->bytes, len))
		x->carried->len--;
}

/* "scenario[case]" -> "scenario_case_", for a file name. */
static char *file_safe(const char *id)
{
	char *s = g_strdup(id), *p;

	for (p = s; *p; p++)
		if (!g_ascii_isalnum(*p) && !strchr("._-", *p))
			*p = '_';
	return s;
}

static void save(struct exec *x, struct trace_desc *d, unsigned int k)
{
	char *id = file_safe(x->s->id);
	char *name = g_strdup_printf("%s.step%u.%u-%s.bin", id, x->step_no + 1,
				     k, d->el3 < 0 ? "host" :
				     d->to_spmc ? "to-spmc" : "from-spmc");
	char *path = g_build_filename(save_dir, name, NULL);
	GError *err = NULL;

	if (g_file_set_contents(path, (const char *)d->bytes, (gssize)d->len,
				&err)) {
		d->saved = path;
		path = NULL;
	} else {
		exec_fail(x, "--save-descriptors: %s", err->message);
		g_error_free(err);
	}
	g_free(path);
	g_free(name);
	g_free(id);
}

void exec_carried_stop(struct exec *x)
{
	unsigned int i;

	x->carrying = false;
	if (!save_dir || !x->carried)
		return;
	for (i = 0; i < x->carried->len; i++)
		save(x, x->carried->descs[i], i + 1);
}

void exec_carried_free(struct exec *x)
{
	carried_free(x->carried);
	x->carried = NULL;
}
