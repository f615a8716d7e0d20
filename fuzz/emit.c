// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs as YAML scenarios.  Every value is written as the expression
 * the fuzzer meant (page(p, 3), h5.lo, version(1, 1)), which the runner
 * evaluates to exactly what fz_resolve() gave: the machine's layout is the
 * one fz_emit_setup() describes, and handles are captured under the name
 * of the step that got them back.
 */
#include <stdio.h>
#include <string.h>

#include <generated/sim_variant.h>

#include "fuzz/emit.h"
#include "fuzz/machine.h"
#include "proxy/hyp/hyp.h"
#include "sim/lang/scenario.h"
#include "sim/lang/words.h"
#include "spmc_mock/ffa_abi.h"

void fz_emit_setup(GString *o, const struct fz_setup *s)
{
	static const char *const versions[] = { "1.2", "1.1", "1.0" };
	static const char *const mins[] = { "4K", "16K", "64K" };

	g_string_append_printf(o, "setup:\n  spmc:\n    version: %s\n",
			       versions[s->version]);
	if (s->retrieve_frag)
		g_string_append_printf(o, "    retrieve_fragment: %u\n",
				       16u * s->retrieve_frag);
	if (s->policy)
		g_string_append_printf(o, "    after_negotiation: %s\n",
				       scen_policy_words[s->policy]);
	if (s->version_first)
		g_string_append(o, "    version_first: yes\n");
	if (s->rxtx_min)
		g_string_append_printf(o, "    rxtx_min: %s\n", mins[s->rxtx_min]);
	g_string_append_printf(o,
		"    partitions: [{ id: %#x, name: sp1 }, { id: %#x, name: sp2 }]\n"
		"  memory:\n"
		"    dram_base: %#llx\n"
		"    dram_size: pages(%d)\n"
		"    mmio: [{ name: mmio, base: %#llx, size: PAGE_SIZE }]\n"
		"  pages:\n"
		"    - { name: p, count: %d }\n"
		"    - { name: hp, owner: hyp }\n"
		"    - { name: gp, owner: guest }\n",
		FZ_PART_1, FZ_PART_2, FZ_DRAM_BASE, FZ_DRAM_PAGES,
		FZ_MMIO_BASE, FZ_P_PAGES);
}

/* A YAML double-quoted scalar. */
static void quoted(GString *o, const char *text)
{
	g_string_append_c(o, '"');
	for (; *text; text++) {
		if (*text == '"' || *text == '\\')
			g_string_append_c(o, '\\');
		g_string_append_c(o, *text);
	}
	g_string_append_c(o, '"');
}

/* An expression as a flow-style value: a comma would end it unquoted. */
static void flow(GString *o, const char *expr)
{
	if (strchr(expr, ','))
		quoted(o, expr);
	else
		g_string_append(o, expr);
}

static void number(GString *o, uint64_t v)
{
	if (v < 10)
		g_string_append_printf(o, "%llu", (unsigned long long)v);
	else
		g_string_append_printf(o, "%#llx", (unsigned long long)v);
}

/* The handle FV_HANDLE @v named when step @i ran. */
static const struct fz_handle *handle_at(const struct fz_play *pl,
					 unsigned int i, uint64_t v)
{
	unsigned int n = 0, back = v & 3;

	while (n < pl->nr_handles && pl->handles[n].op < i)
		n++;
	return back < n ? &pl->handles[n - 1 - back] : NULL;
}

static void fid_text(GString *o, uint64_t v)
{
	uint32_t fid = fz_fid_base(v);
	const char *name = ffa_func_name(fid);

	switch ((v >> 8) & 3) {
	case FF_SVE_HINT:
		g_string_append_printf(o, "%s | SMCCC_SVE_HINT", name);
		break;
	case FF_UPPER:
		g_string_append_printf(o, "%s | 1 << 32", name);
		break;
	case FF_OTHER_CONV:
		name = ffa_func_name(fid ^ SMCCC_SMC64);
		if (name)
			g_string_append(o, name);
		else
			number(o, fid ^ SMCCC_SMC64);
		break;
	default:
		g_string_append(o, name);
		break;
	}
}

static void page_text(GString *o, uint64_t v)
{
	static const char *const offsets[FZ_PAGE_OFFSETS] = {
		"", " + 4K", " + 1", " + PAGE_SIZE / 2", " - 4K",
	};
	unsigned int region = v & 0xff;

	if (region == 0)
		g_string_append(o, "p");
	else if (region < FZ_P_PAGES)
		g_string_append_printf(o, "page(p, %u)", region);
	else if (region == FR_HP)
		g_string_append(o, "hp");
	else if (region == FR_GP)
		g_string_append(o, "gp");
	else if (region == FR_MMIO)
		g_string_append(o, "mmio");
	else
		number(o, fz_region_pa(region));
	g_string_append(o, offsets[(v >> 8) & 0xff]);
}

/* Value @v as step @i used it. */
static char *val_text(const struct fz_play *pl, unsigned int i,
		      const struct fz_val *v)
{
	static const char *const parts[] = { ".lo", ".hi", "", " + 1" };
	GString *o = g_string_new(NULL);
	const struct fz_handle *h;

	switch (v->kind) {
	case FV_RAW:
		number(o, v->v);
		break;
	case FV_CONST:
		g_string_append(o, fz_consts[v->v].text);
		break;
	case FV_PAGE:
		page_text(o, v->v);
		break;
	case FV_HANDLE:
		h = handle_at(pl, i, v->v);
		if (h)
			g_string_append_printf(o, "h%u%s", h->op,
					       parts[(v->v >> 2) & 3]);
		else
			number(o, ((v->v >> 2) & 3) == FH_NEXT);
		break;
	case FV_FID:
		fid_text(o, v->v);
		break;
	default:
		g_string_append(o, "0");
		break;
	}
	return g_string_free(o, FALSE);
}

static void reg_line(GString *o, const struct fz_play *pl, unsigned int i,
		     int r, const struct fz_val *v)
{
	char *t = val_text(pl, i, v);

	g_string_append_printf(o, "    x%d: %s\n", r, t);
	g_free(t);
}

static void emit_call(GString *o, const struct fz_play *pl, unsigned int i,
		      const struct fz_call *c)
{
	char *t = val_text(pl, i, &c->fid);
	uint32_t fid;
	int r;

	/*
	 * call: reads a bare word as a function's name; any other name (a
	 * page, a capture, a constant such as SPMC_ID) goes in parentheses.
	 */
	if (g_ascii_isalpha(t[0]) && !strpbrk(t, " |+(<") &&
	    !ffa_func_lookup(t, &fid))
		g_string_append_printf(o, "  - call: (%s)\n", t);
	else
		g_string_append_printf(o, "  - call: %s\n", t);
	g_free(t);
	for (r = 1; r < SMC_NR_REGS; r++)
		if (c->set & (1U << r))
			reg_line(o, pl, i, r, &c->x[r]);
}

static void emit_receivers(GString *o, const struct fz_mem *m)
{
	unsigned int k;

	g_string_append(o, "      to:\n");
	for (k = 0; k < m->nr_receivers; k++) {
		const struct fz_receiver *r = &m->rcv[k];

		g_string_append(o, "        - { id: ");
		if (r->id == FZ_PART_1 || r->id == FZ_PART_2)
			g_string_append(o, r->id == FZ_PART_1 ? "sp1" : "sp2");
		else
			number(o, r->id);
		g_string_append(o, ", perms: ");
		number(o, r->perms);
		if (r->flags) {
			g_string_append(o, ", flags: ");
			number(o, r->flags);
		}
		g_string_append(o, " }\n");
	}
}

static void emit_ranges(GString *o, const struct fz_play *pl, unsigned int i,
			const struct fz_mem *m)
{
	unsigned int k;

	g_string_append(o, "      ranges:\n");
	for (k = 0; k < m->nr_ranges; k++) {
		char *t = val_text(pl, i, &m->range[k].at);

		g_string_append(o, "        - { at: ");
		flow(o, t);
		g_string_append(o, ", ffa_pages: ");
		number(o, m->range[k].ffa_pages);
		g_string_append(o, " }\n");
		g_free(t);
	}
}

static void emit_mem(GString *o, const struct fz_play *pl, unsigned int i,
		     const struct fz_mem *m)
{
	static const char *const ops[] = { "", "share", "lend", "donate" };
	static const char *const layouts[] = { "1.0", "1.1", "1.2" };
	unsigned int k;
	int r;

	g_string_append_printf(o, "  - %s:\n      layout: %s\n", ops[m->type],
			       layouts[m->layout]);
	if (m->smc32)
		g_string_append(o, "      abi: smc32\n");
	if (m->sender)
		g_string_append_printf(o, "      sender: %#x\n", m->sender);
	g_string_append(o, "      attributes: ");
	number(o, m->attrs);
	g_string_append(o, "\n");
	if (m->flags)
		g_string_append_printf(o, "      flags: %#x\n", m->flags);
	if (m->tag)
		g_string_append_printf(o, "      tag: %#llx\n",
				       (unsigned long long)m->tag);
	if (m->handle)
		g_string_append_printf(o, "      handle: %#llx\n",
				       (unsigned long long)m->handle);
	emit_receivers(o, m);
	emit_ranges(o, pl, i, m);
	if (m->overridden) {
		const char *sep = "";

		g_string_append(o, "      override: { ");
		for (k = 0; k < DESC_F_NR_FIELDS; k++) {
			if (!(m->overridden & (1U << k)))
				continue;
			g_string_append_printf(o, "%s%s: ", sep,
					       desc_field_name(k));
			number(o, m->override[k]);
			sep = ", ";
		}
		g_string_append(o, " }\n");
	}
	if (m->nr_pokes) {
		g_string_append(o, "      poke:\n");
		for (k = 0; k < m->nr_pokes; k++) {
			g_string_append_printf(o, "        - { offset: %u, size: %u, value: ",
					       m->poke[k].offset, m->poke[k].size);
			number(o, m->poke[k].value);
			g_string_append(o, " }\n");
		}
	}
	if (m->fragment)
		g_string_append_printf(o, "      fragment: %u\n", m->fragment);
	for (r = 1; r < 5; r++)
		if (m->set & (1U << r))
			reg_line(o, pl, i, r, &m->x[r]);
}

static void emit_frag(GString *o, const struct fz_play *pl, unsigned int i,
		      const struct fz_frag *f)
{
	char *t;

	if (!f->length && !f->has_handle) {
		g_string_append(o, "  - frag_tx: next\n");
		return;
	}
	g_string_append(o, "  - frag_tx: { ");
	if (f->length)
		g_string_append_printf(o, "length: %u%s", f->length,
				       f->has_handle ? ", " : "");
	if (f->has_handle) {
		t = val_text(pl, i, &f->handle);
		g_string_append(o, "handle: ");
		flow(o, t);
		g_free(t);
	}
	g_string_append(o, " }\n");
}

static void times_text(GString *o, unsigned int times)
{
	if (!times)
		g_string_append(o, ", times: always");
	else if (times > 1)
		g_string_append_printf(o, ", times: %u", times);
}

static void emit_inject_spmc(GString *o, const struct fz_play *pl,
			     unsigned int i, const struct fz_inject_spmc *in)
{
	uint32_t fid = fz_spmc_fids[in->fid];
	const char *err = ffa_error_name((int32_t)pl->rec[i].spmc_error);
	char *t;

	g_string_append_printf(o, "  - inject: { spmc: %s, ",
			       fid ? ffa_func_name(fid) : "any");
	if (in->kind == SPMC_FAULT_ERROR) {
		g_string_append(o, "error: ");
		if (err) {
			g_string_append(o, err);
		} else {
			t = val_text(pl, i, &in->value);
			flow(o, t);
			g_free(t);
		}
	} else {
		t = val_text(pl, i, &in->value);
		g_string_append_printf(o, "corrupt: %s, value: ",
				       scen_corrupt_words[in->kind]);
		flow(o, t);
		g_free(t);
	}
	times_text(o, in->times);
	g_string_append(o, " }\n");
}

static void emit_inject_hyp(GString *o, const struct fz_inject_hyp *in)
{
	g_string_append_printf(o, "  - inject: { hyp: %s, error: %s",
			       scen_hyp_op_words[in->op], fz_errnos[in->err].name);
	if (in->after)
		g_string_append_printf(o, ", after: %u", in->after);
	times_text(o, in->times);
	g_string_append(o, " }\n");
}

static void status_text(GString *o, int status)
{
	const char *name = ffa_error_name(status);

	if (!status)
		g_string_append(o, "ok");
	else if (name)
		g_string_append(o, name);
	else
		g_string_append_printf(o, "%d", status);
}

static void emit_partition(GString *o, const struct fz_play *pl,
			   unsigned int i, const struct fz_op *op)
{
	const struct fz_sp *sp = &op->sp;
	char *t = val_text(pl, i, &sp->handle);

	g_string_append_printf(o, "  - %s: { by: %s, handle: ",
			       op->kind == FZ_RETRIEVE ? "retrieve" : "relinquish",
			       sp->part ? "sp2" : "sp1");
	flow(o, t);
	g_free(t);
	if (op->kind == FZ_RETRIEVE)
		g_string_append_printf(o, ", access: %s, exec: %s, type: %s",
				       fz_access_words[sp->access],
				       fz_exec_words[sp->exec],
				       fz_type_words[sp->type]);
	g_string_append(o, " }\n    expect: ");
	status_text(o, pl->rec[i].sp_status);
	g_string_append(o, "\n");
}

/* Whether a later step, before @end, names the handle step @j captured. */
static bool capture_used(const struct fz_prog *p, const struct fz_play *pl,
			 unsigned int j, unsigned int end)
{
	struct fz_val *vals[FZ_MAX_VALS];
	struct fz_op op;
	unsigned int i, k, n;

	for (i = j + 1; i < end; i++) {
		if (!pl->rec[i].ran)
			continue;
		op = p->ops[i];
		n = fz_op_vals(&op, vals);
		for (k = 0; k < n; k++) {
			const struct fz_handle *h;

			if (vals[k]->kind != FV_HANDLE)
				continue;
			h = handle_at(pl, i, vals[k]->v);
			if (h && h->op == j)
				return true;
		}
	}
	return false;
}

static void emit_expect(GString *o, const struct fz_play *pl, unsigned int i,
			bool finding)
{
	const struct fz_step_rec *rec = &pl->rec[i];
	const struct fz_finding *f = &pl->finding;
	unsigned int k;
	int r;

	if (!rec->nr_warns && !(finding && f->kind == FZ_LEAK))
		return;
	g_string_append(o, "    expect:\n");
	if (rec->nr_warns) {
		g_string_append(o, "      warn: [");
		for (k = 0; k < rec->nr_warns; k++) {
			if (k)
				g_string_append(o, ", ");
			quoted(o, rec->warns[k]);
		}
		g_string_append(o, "]\n");
	}
	if (finding && f->kind == FZ_LEAK)
		for (r = 1; r < SMC_NR_REGS; r++)
			if (f->leak_mask[r])
				g_string_append_printf(o,
					"      x%d: { value: 0, mask: %#llx }\n", r,
					(unsigned long long)f->leak_mask[r]);
}

static void emit_step(GString *o, const struct fz_prog *p,
		      const struct fz_play *pl, unsigned int i,
		      unsigned int end)
{
	const struct fz_op *op = &p->ops[i];
	const struct fz_step_rec *rec = &pl->rec[i];
	bool finding = pl->finding.kind != FZ_NONE && pl->finding.op == i;

	if (finding) {
		g_string_append(o, "  # the finding: ");
		g_string_append(o, pl->finding.what);
		g_string_append(o, "\n");
	}
	switch (op->kind) {
	case FZ_CALL:
		emit_call(o, pl, i, &op->call);
		break;
	case FZ_MEM_SEND:
		emit_mem(o, pl, i, &op->mem);
		break;
	case FZ_FRAG_TX:
		emit_frag(o, pl, i, &op->frag);
		break;
	case FZ_INJECT_SPMC:
		emit_inject_spmc(o, pl, i, &op->ispmc);
		break;
	case FZ_INJECT_HYP:
		emit_inject_hyp(o, &op->ihyp);
		break;
	default:
		emit_partition(o, pl, i, op);
		break;
	}
	emit_expect(o, pl, i, finding);
	if (rec->capture != FC_NONE && capture_used(p, pl, i, end))
		g_string_append_printf(o, "    capture: { h%u: %s }\n", i,
				       rec->capture == FC_SUCCESS ?
				       "w2 | w3 << 32" : "w1 | w2 << 32");
	if (rec->stuck) {
		g_string_append_printf(o, "    stuck:\n      pages: %#llx..%#llx\n      reason: ",
				       (unsigned long long)rec->stuck_first,
				       (unsigned long long)rec->stuck_last);
		quoted(o, rec->stuck_reason);
		g_string_append(o, "\n");
	}
}

char *fz_scenario_name(const char *sig)
{
	GString *o = g_string_new("fuzz-");
	bool dash = false;
	const char *s;

	for (s = sig; *s && o->len < 64; s++) {
		if (g_ascii_isalnum(*s)) {
			g_string_append_c(o, g_ascii_tolower(*s));
			dash = false;
		} else if (!dash) {
			g_string_append_c(o, '-');
			dash = true;
		}
	}
	while (o->str[o->len - 1] == '-')
		g_string_truncate(o, o->len - 1);
	return g_string_free(o, FALSE);
}

/* @text as the lines of a folded block scalar, indented by two. */
static void folded(GString *o, const char *text)
{
	char **words = g_strsplit(text, " ", -1);
	unsigned int i, col = 0;

	for (i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		if (!n)
			continue;
		if (col && col + 1 + n > 72) {
			g_string_append_c(o, '\n');
			col = 0;
		}
		g_string_append(o, col ? " " : "  ");
		g_string_append(o, words[i]);
		col += n + (col ? 1 : 2);
	}
	g_string_append_c(o, '\n');
	g_strfreev(words);
}

char *fz_emit_scenario(const struct fz_prog *p, const struct fz_play *pl,
		       const char *name)
{
	char *text;

	GString *o = g_string_new(NULL);
	unsigned int i, end = p->nr_ops, steps = 0;

	if (pl->finding.kind != FZ_NONE)
		end = pl->finding.op + 1;
	else if (pl->stop)	/* what the runner would fail on, left out */
		end = pl->stop_op;
	for (i = 0; i < end; i++)
		steps += pl->rec[i].ran;
	g_string_append_printf(o, "name: %s\ndescription: >\n", name);
	if (pl->finding.kind != FZ_NONE)
		text = g_strdup_printf("Found by ffa-fuzz (fuzz/) on %s: %s. The finding is in the last step; the steps before it set the machine up for it.",
				       SIM_VARIANT_NAME, pl->finding.what);
	else
		text = g_strdup_printf("A program of ffa-fuzz (fuzz/) replayed as a scenario; on %s it runs clean.",
				       SIM_VARIANT_NAME);
	folded(o, text);
	g_free(text);
	g_string_append_printf(o, "tags: [fuzz]\nrequires:\n  page_size: %zuK\n",
			       fz_m.page_size / 1024);
	fz_emit_setup(o, &p->setup);
	g_string_append(o, "steps:\n");
	if (!steps)
		g_string_append(o, "  - call: FFA_ID_GET\n");
	for (i = 0; i < end; i++)
		if (pl->rec[i].ran)
			emit_step(o, p, pl, i, end);
	return g_string_free(o, FALSE);
}
