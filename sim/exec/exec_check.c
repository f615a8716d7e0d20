// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checking what a step expects: the registers the host got back, the
 * WARNs EL2 raised, captures, and the state named under then:.  Every
 * mismatch becomes one line saying what was expected and what came,
 * decoded into FF-A terms.
 */
#include <stdio.h>
#include <string.h>

#include "sim/decode/decode.h"
#include "sim/exec/exec_internal.h"

/* w0 = -1 is the 32-bit form of SMCCC's NOT_SUPPORTED: decode it so. */
static uint64_t widen_w0(int reg, bool low32, uint64_t v)
{
	return reg == 0 && low32 && v == 0xffffffffULL ? ~0ULL : v;
}

static void reg_mismatch(struct exec *x, int reg, bool low32, uint64_t want,
			 uint64_t got, const uint64_t *regs,
			 const uint64_t *request)
{
	char *w = decode_reg(request, regs, reg, widen_w0(reg, low32, want));
	char *g = decode_reg(request, regs, reg, widen_w0(reg, low32, got));
	char code[64] = "";

	/* FFA_ERROR alone does not say which error: w2 does. */
	if (reg == 0 && (uint32_t)got == FFA_ERROR && regs) {
		const char *name = ffa_error_name((int32_t)regs[2]);

		if (name)
			snprintf(code, sizeof(code), " (w2 = %s)", name);
		else
			snprintf(code, sizeof(code), " (w2 = %d)",
				 (int32_t)regs[2]);
	}
	exec_fail(x, "%c%d: expected %s, got %s%s", low32 ? 'w' : 'x', reg, w,
		  g, code);
	g_free(w);
	g_free(g);
}

/*
 * One register against its expectation.  @before is what the register
 * held before the call (for `unchanged`).
 */
static void check_reg(struct exec *x, const struct reg_expect *re, int reg,
		      const uint64_t *regs, const uint64_t *before,
		      const uint64_t *request)
{
	uint64_t lim = re->low32 ? 0xffffffffULL : ~0ULL;
	uint64_t got = regs[reg] & lim, want, mask = lim;

	switch (re->check) {
	case REG_UNSET:
		return;
	case REG_UNCHANGED:
		want = before[reg] & lim;
		if (got != want) {
			char *w = decode_reg(NULL, before, reg, want);
			char *g = decode_reg(request, regs, reg, got);

			exec_fail(x, "%c%d: expected unchanged %s, got %s",
				  re->low32 ? 'w' : 'x', reg, w, g);
			g_free(w);
			g_free(g);
		}
		return;
	case REG_MASKED:
		if (!exec_eval(x, re->mask, &mask))
			return;
		mask &= lim;
		/* fall through */
	case REG_EXACT:
		if (!exec_eval(x, re->value, &want))
			return;
		want &= lim;
		if ((got & mask) != (want & mask))
			reg_mismatch(x, reg, re->low32, want & mask, got & mask,
				     regs, request);
	}
}

static bool warn_matches(const struct hyp_event *ev, const char *want)
{
	char *where = g_strdup_printf("%s:%d in %s", kernel_tree_path(ev->file),
				      ev->line, ev->func ? ev->func : "?");
	bool hit = (ev->what && strstr(ev->what, want)) || strstr(where, want);

	g_free(where);
	return hit;
}

static void match_warns(struct exec *x, const struct step_expect *ex,
			const struct step_expect *alt)
{
	/* The loader keeps each list within EXPECT_MAX_WARNS. */
	const char *want[2 * EXPECT_MAX_WARNS];
	bool used[2 * EXPECT_MAX_WARNS] = { false };
	const struct hyp_event *ev;
	unsigned int nr_want = 0;
	size_t n, i, j;

	for (j = 0; j < ex->nr_warns; j++)
		want[nr_want++] = ex->warns[j];
	for (j = 0; alt && j < alt->nr_warns; j++)
		want[nr_want++] = alt->warns[j];
	ev = hyp_events(&n);
	for (i = 0; i < n; i++) {
		bool expected = false;

		if (ev[i].kind != HYP_EV_WARN)
			continue;
		for (j = 0; j < nr_want; j++) {
			if (!used[j] && warn_matches(&ev[i], want[j])) {
				used[j] = expected = true;
				break;
			}
		}
		if (expected)
			continue;
		if (hyp_warn_continues())
			exec_note_continued(x, &ev[i]);
		else
			exec_fail(x, "unexpected WARN at %s:%d in %s: %s",
				  kernel_tree_path(ev[i].file), ev[i].line,
				  ev[i].func ? ev[i].func : "?",
				  ev[i].what ? ev[i].what : "");
	}
	for (j = 0; j < nr_want; j++)
		if (!used[j])
			exec_fail(x, "expected a WARN matching '%s', none fired",
				  want[j]);
}

/* The WARNs of the step's expect:, and of one of its one_of: answers. */
static void check_warns(struct exec *x, const struct step_expect *ex,
			const struct step_expect *alt)
{
	/* Most calls raise no WARN and expect none: nothing to match. */
	if (hyp_warn_count() || ex->nr_warns || (alt && alt->nr_warns))
		match_warns(x, ex, alt);
}

static const char *base_name(const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;

	return slash ? slash + 1 : file ? file : "?";
}

/*
 * "hyp panic: WARN at ffa.c:446 in do_ffa_mem_frag_tx: COND": the first
 * line of every outcome that ends the machine.  A memory fault's line is
 * written by the step (it knows the simulated addresses).
 */
void exec_fail_panic(struct exec *x, const struct hyp_fault *f)
{
	exec_fail(x, "hyp panic: %s at %s:%d in %s: %s",
		  f->warn ? "WARN" : "BUG", base_name(f->file), f->line,
		  f->func ? f->func : "?", f->what ? f->what : "");
}

/*
 * --continue-past-warn: the WARN did not stop EL2, but on hardware it
 * would have.  The first one becomes the scenario's outcome at its end.
 */
void exec_note_continued(struct exec *x, const struct hyp_event *ev)
{
	if (x->continued)
		return;
	x->continued = g_strdup_printf("hyp panic on hardware: WARN at %s:%d in %s: %s (--continue-past-warn went on past it)",
				       base_name(ev->file), ev->line,
				       ev->func ? ev->func : "?",
				       ev->what ? ev->what : "");
	x->continued_step = x->step_no;
}

/*
 * Which code a panic hit, for a person at the report: a fault's function
 * and line (a WARN's or BUG's are in its first line already), then a
 * short backtrace.  Lines of their own, after the outcome's first line,
 * which says what happened, not where the code was compiled.
 */
void exec_fail_where(struct exec *x, const struct hyp_fault *f,
		     bool fault)
{
	struct hyp_code_loc loc;
	char bt[512];

	if (fault && hyp_fault_where(f, &loc))
		exec_fail(x, "in %s (%s:%d)", loc.func,
			  loc.file ? loc.file : "?", loc.line);
	hyp_backtrace_text(f, bt, sizeof(bt));
	if (*bt)
		exec_fail(x, "backtrace: %s", bt);
}

/*
 * The step's call ended in a WARN or BUG, a hyp panic: did the step
 * expect exactly that?  An expected WARN must match the one that fired.
 */
bool exec_panic_expected(struct exec *x, const struct step *st)
{
	const struct step_expect *ex = &st->expect;
	struct hyp_event ev = {
		.file = x->fault.file, .line = x->fault.line,
		.func = x->fault.func, .what = x->fault.what,
	};
	unsigned int j;

	if (!x->fault.warn)
		return ex->bug;
	for (j = 0; j < ex->nr_warns; j++)
		if (warn_matches(&ev, ex->warns[j]))
			return ex->nr_warns == 1;
	return false;
}

static const char *path_word(int exit)
{
	switch (exit) {
	case HYP_EXIT_HANDLED:
		return "handled by the proxy";
	case HYP_EXIT_FORWARDED:
		return "forwarded to EL3";
	case HYP_EXIT_REJECTED:
		return "refused by EL2";
	}
	return "lost in EL2";
}

/* Path and registers: what an expect: and each one_of: answer say. */
static void check_answer(struct exec *x, const struct step_expect *ex)
{
	uint32_t left;
	int i;

	if (ex->path >= 0 && (int)x->exit != ex->path)
		exec_fail(x, "path: expected the call %s, it was %s",
			  path_word(ex->path), path_word(x->exit));
	x->names.regs = x->out;
	/* Most steps name one or two registers: the others are not visited. */
	for (left = ex->reg_mask; left; left &= left - 1) {
		i = __builtin_ctz(left);
		check_reg(x, &ex->regs[i], i, x->out, x->in, x->in);
	}
	x->names.regs = NULL;
}

/* At least one answer holds; else say why each does not. */
static void check_one_of(struct exec *x, const struct step_expect *ex)
{
	GString *fail = x->fail, *why = g_string_new(NULL);
	bool held = false;
	unsigned int i;
	char **lines;
	char *text;

	for (i = 0; i < ex->nr_one_of && !held; i++) {
		x->fail = g_string_new(NULL);
		check_answer(x, &ex->one_of[i]);
		check_warns(x, ex, &ex->one_of[i]);
		held = !x->fail->len;
		lines = g_strsplit(x->fail->str, "\n", -1);
		text = g_strjoinv("\n     ", lines);
		g_string_append_printf(why, "\n  %u. %s", i + 1, text);
		g_free(text);
		g_strfreev(lines);
		g_string_free(x->fail, TRUE);
		x->fail = fail;
	}
	if (!held)
		exec_fail(x, "none of the %u answers of one_of: came:%s",
			  ex->nr_one_of, why->str);
	g_string_free(why, TRUE);
}

void exec_check_expect(struct exec *x, const struct step *st)
{
	check_answer(x, &st->expect);
	if (st->expect.nr_one_of)
		check_one_of(x, &st->expect);
	else
		check_warns(x, &st->expect, NULL);
}

void exec_captures(struct exec *x, const struct step *st)
{
	unsigned int i;
	uint64_t v;

	x->names.regs = x->out;
	for (i = 0; i < st->nr_captures; i++)
		if (exec_eval(x, st->captures[i].value, &v))
			names_set_capture_at(&x->names, st->captures[i].slot,
					     st->captures[i].name, v);
	x->names.regs = NULL;
}

static void then_pages(struct exec *x, const struct then_check *c)
{
	struct hyp_page_info info;
	uint64_t first, last, pa, pins = 0;

	if (!exec_eval(x, c->first, &first) || !exec_eval(x, c->last, &last) ||
	    (c->pins && !exec_eval(x, c->pins, &pins)))
		return;
	if (last < first) {
		exec_fail(x, "%s: the last page %#llx is below the first %#llx",
			  c->subject, (unsigned long long)last,
			  (unsigned long long)first);
		return;
	}
	/* A span no machine has would walk for ever: name it instead. */
	if (last - first >= x->w.pm.dram_size) {
		exec_fail(x, "%s: %#llx..%#llx is larger than DRAM", c->subject,
			  (unsigned long long)first, (unsigned long long)last);
		return;
	}
	for (pa = first; pa <= last; pa += x->page_size) {
		int word;

		hyp_page_info(pa, &info);
		word = page_word_of(&info);
		if (c->word >= 0 && word != c->word)
			exec_fail(x, "%s: page %#llx is %s, expected %s",
				  c->subject, (unsigned long long)pa,
				  page_word_name(word), page_word_name(c->word));
		if (c->pins && info.pins != pins)
			exec_fail(x, "%s: page %#llx has %u pins, expected %llu",
				  c->subject, (unsigned long long)pa, info.pins,
				  (unsigned long long)pins);
	}
}

static void collect_handle(void *ctx, const struct spmc_txn_info *info)
{
	g_array_append_val((GArray *)ctx, info->handle);
}

static bool in_values(const GArray *a, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < a->len; i++)
		if (g_array_index(a, uint64_t, i) == v)
			return true;
	return false;
}

static void then_handles(struct exec *x, const struct then_check *c)
{
	GArray *have = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	GArray *want = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	unsigned int i;
	uint64_t h;

	spmc_for_each_txn(x->w.spmc, collect_handle, have);
	for (i = 0; i < c->nr_items; i++) {
		if (!exec_eval(x, c->items[i], &h))
			goto out;
		g_array_append_val(want, h);
		if (!in_values(have, h))
			exec_fail(x, "spmc handles: %#llx is not outstanding",
				  (unsigned long long)h);
	}
	for (i = 0; i < have->len; i++) {
		h = g_array_index(have, uint64_t, i);
		if (!in_values(want, h))
			exec_fail(x, "spmc handles: %#llx is outstanding, not expected",
				  (unsigned long long)h);
	}
out:
	g_array_free(have, TRUE);
	g_array_free(want, TRUE);
}

static void check_ids(struct exec *x, const struct then_check *c,
		      const char *what, struct expr **items, unsigned int n,
		      const struct spmc_txn_info *info, bool retrieved)
{
	unsigned int i, j, count = 0;
	uint64_t id;

	for (i = 0; i < n; i++) {
		if (!exec_eval(x, items[i], &id))
			return;
		for (j = 0; j < info->nr_receivers; j++)
			if (info->receivers[j].id == id &&
			    (!retrieved || info->receivers[j].retrieved))
				break;
		if (j == info->nr_receivers)
			exec_fail(x, "%s: %#llx is not among %s", c->subject,
				  (unsigned long long)id, what);
	}
	for (j = 0; j < info->nr_receivers; j++)
		count += !retrieved || info->receivers[j].retrieved;
	if (count != n)
		exec_fail(x, "%s: %u %s, expected %u", c->subject, count, what, n);
}

static void check_value(struct exec *x, const struct then_check *c,
			const char *what, const struct expr *e, uint64_t got)
{
	uint64_t want;

	if (e && exec_eval(x, e, &want) && want != got)
		exec_fail(x, "%s: %s %#llx, expected %#llx", c->subject, what,
			  (unsigned long long)got, (unsigned long long)want);
}

static void then_handle(struct exec *x, const struct then_check *c)
{
	struct spmc_txn_info info;
	uint64_t h;

	if (!exec_eval(x, c->handle, &h))
		return;
	if (!spmc_txn_find(x->w.spmc, h, &info)) {
		exec_fail(x, "%s: the SPMC holds no handle %#llx", c->subject,
			  (unsigned long long)h);
		return;
	}
	if (c->op >= 0 && (int)info.op != c->op)
		exec_fail(x, "%s: it is a %s, expected a %s", c->subject,
			  info.op == SPMC_MEM_SHARE ? "share" :
			  info.op == SPMC_MEM_LEND ? "lend" : "donation",
			  c->op == SPMC_MEM_SHARE ? "share" :
			  c->op == SPMC_MEM_LEND ? "lend" : "donation");
	if (c->complete >= 0 && info.complete != c->complete)
		exec_fail(x, "%s: %s, expected %s", c->subject,
			  info.complete ? "complete" : "still fragmented",
			  c->complete ? "complete" : "still fragmented");
	check_value(x, c, "tag", c->tag, info.tag);
	check_value(x, c, "attributes", c->attrs, info.attrs);
	if (c->has_receivers)
		check_ids(x, c, "receivers", c->items, c->nr_items, &info, false);
	if (c->has_retrieved)
		check_ids(x, c, "retrievers", c->retrieved, c->nr_retrieved,
			  &info, true);
}

/* Messages @id had been sent before the step; the loader knows @id. */
static uint64_t messages_before(const struct exec *x, uint16_t id)
{
	const struct spmc_config *cfg = &x->s->setup.spmc;
	int i = spmc_config_find(cfg, cfg->nr_partitions, id);

	return i >= 0 ? x->msg_count[i] : 0;
}

/* The payload of the last indirect message (FFA_MSG_SEND2) it received. */
static void then_indirect(struct exec *x, const struct then_check *c)
{
	struct spmc_indirect_info info = { 0 };
	size_t kept;

	spmc_partition_last_indirect(x->w.spmc, c->part_id, &info);
	if (!info.count) {
		exec_fail(x, "%s: no indirect message was ever received", c->subject);
		return;
	}
	kept = MIN(info.size, sizeof(info.data));
	if (info.size != c->nr_bytes ||
	    memcmp(info.data, c->bytes, MIN(kept, c->nr_bytes)))
		exec_fail(x, "%s: the last indirect message holds %u bytes starting %02x %02x %02x %02x, not the %zu bytes expected",
			  c->subject, info.size, info.data[0], info.data[1],
			  info.data[2], info.data[3], c->nr_bytes);
}

static void then_message(struct exec *x, const struct then_check *c)
{
	struct spmc_msg_info info = { 0 };
	uint64_t before = messages_before(x, c->part_id), want;
	bool seen;
	int i;

	if (c->bytes)
		then_indirect(x, c);
	spmc_partition_last_msg(x->w.spmc, c->part_id, &info);
	seen = info.count > before;
	if (c->seen >= 0 && seen != c->seen)
		exec_fail(x, "%s: the partition %s this step's message", c->subject,
			  seen ? "received" : "did not receive");
	if (c->count) {
		if (!exec_eval(x, c->count, &want))
			return;
		if (info.count != want)
			exec_fail(x, "%s: %llu messages received, expected %llu",
				  c->subject, (unsigned long long)info.count,
				  (unsigned long long)want);
	}
	for (i = 0; i < SMC_NR_REGS; i++) {
		if (c->regs[i].check == REG_UNSET)
			continue;
		if (!info.count) {
			exec_fail(x, "%s: no message was ever received", c->subject);
			return;
		}
		check_reg(x, &c->regs[i], i, info.regs.x, x->in, NULL);
	}
}

static void then_memory(struct exec *x, const struct then_check *c)
{
	uint8_t *buf = g_malloc0(c->nr_bytes + 1);
	uint64_t at;

	if (exec_eval(x, c->addr, &at)) {
		if (physmem_read(&x->w.pm, at, buf, c->nr_bytes))
			exec_fail(x, "%s: %#llx is not DRAM", c->subject,
				  (unsigned long long)at);
		else
			exec_bytes_differ(x, c->subject, c->bytes, buf,
					  c->nr_bytes);
	}
	g_free(buf);
}

static void then_rx(struct exec *x, const struct then_check *c)
{
	struct spmc_rx_info info;
	uint64_t pages;

	spmc_rx_state(x->w.spmc, &info);
	if (c->mapped >= 0 && info.mapped != c->mapped)
		exec_fail(x, "spmc rx: the proxy's buffers are %smapped at the SPMC",
			  info.mapped ? "" : "not ");
	if (c->value && exec_eval(x, c->value, &pages) && info.pages != pages)
		exec_fail(x, "spmc rx: %u pages mapped, expected %llu",
			  info.pages, (unsigned long long)pages);
}

void exec_check_thens(struct exec *x, const struct step *st)
{
	uint32_t v;
	unsigned int i;

	/* then: may compare with what the call returned, as expect: does. */
	x->names.regs = x->out;
	for (i = 0; i < st->nr_thens; i++) {
		const struct then_check *c = st->thens[i];

		switch (c->kind) {
		case THEN_PAGES:
			then_pages(x, c);
			break;
		case THEN_HANDLES:
			then_handles(x, c);
			break;
		case THEN_HANDLE:
			then_handle(x, c);
			break;
		case THEN_MESSAGE:
			then_message(x, c);
			break;
		case THEN_MEMORY:
			then_memory(x, c);
			break;
		case THEN_RX:
			then_rx(x, c);
			break;
		case THEN_VERSION:
			v = spmc_negotiated_version(x->w.spmc);
			if (v != c->version)
				exec_fail(x, "spmc version: negotiated %u.%u, expected %u.%u",
					  FFA_VERSION_MAJOR(v), FFA_VERSION_MINOR(v),
					  FFA_VERSION_MAJOR(c->version),
					  FFA_VERSION_MINOR(c->version));
			break;
		}
	}
	x->names.regs = NULL;
}
