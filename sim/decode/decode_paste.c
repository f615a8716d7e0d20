// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register sets in pasted text, line by line:
 *
 * - ffa-sim's own --trace lines ("EL2 -> SPMC: FFA_MEM_SHARE x1=0x60"),
 *   read back through the names decode_regs() printed; an answer ("SPMC
 *   -> EL2: ...") is paired with the call it answers;
 * - lines naming registers: x0=0x84000063, "x1 : 0000000000000060"
 *   (arm64 register dumps, three to a line and x0 last), a2=... or w2=...
 *   The values are hexadecimal with or without 0x, as logs print them.
 *   A set ends at the line that holds x0, at a register seen twice, or at
 *   a line without registers;
 * - else a line whose 0x numbers include an FF-A function ID: that one is
 *   x0 and the numbers after it x1, x2, ...
 *
 * An answer found the generic way (x0 FFA_SUCCESS, FFA_ERROR, a version)
 * is taken to answer the call found just before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/decode/decode_input.h"
#include "spmc_mock/ffa_abi.h"

struct paste {
	GRegex *arrow, *named, *number;
	unsigned int lineno;
	struct paste_set *open;		/* named registers still coming */
	uint32_t seen;
	GHashTable *pending;		/* "from>to" -> struct paste_set */
	struct paste_set *last_call;	/* for pairing generic answers */
};

struct paste *paste_new(void)
{
	struct paste *p = g_new0(struct paste, 1);

	p->arrow = g_regex_new("(host|driver|EL2|SPMC)( \\(passed through\\))? -> (host|driver|EL2|SPMC): (.*)$",
			       0, 0, NULL);
	p->named = g_regex_new("(?<![A-Za-z0-9_])([xwa])([0-9]{1,2})\\s*[:=]\\s*(?:0x)?([0-9a-fA-F]{1,16})(?![0-9A-Za-z_])",
			       0, 0, NULL);
	p->number = g_regex_new("(?<![0-9A-Za-z_])0x([0-9a-fA-F]{1,16})(?![0-9A-Za-z_])",
				0, 0, NULL);
	p->pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   (GDestroyNotify)paste_set_free);
	return p;
}

void paste_set_free(struct paste_set *s)
{
	if (!s)
		return;
	g_free(s->text);
	g_free(s->error);
	g_free(s);
}

void paste_free(struct paste *p)
{
	g_regex_unref(p->arrow);
	g_regex_unref(p->named);
	g_regex_unref(p->number);
	g_hash_table_destroy(p->pending);
	paste_set_free(p->open);
	paste_set_free(p->last_call);
	g_free(p);
}

static struct paste_set *new_set(struct paste *p, const char *line)
{
	struct paste_set *s = g_new0(struct paste_set, 1);

	s->first_line = s->last_line = p->lineno;
	s->text = g_strstrip(g_strdup(line));
	return s;
}

static struct paste_set *copy_set(const struct paste_set *s)
{
	struct paste_set *c = g_memdup2(s, sizeof(*s));

	c->text = g_strdup(s->text);
	c->error = g_strdup(s->error);
	return c;
}

static bool is_answer(const uint64_t *regs)
{
	uint32_t w0 = (uint32_t)regs[0];

	return w0 == FFA_SUCCESS || w0 == FFA_FN64_SUCCESS ||
	       w0 == FFA_ERROR || w0 == (uint32_t)SMCCC_RET_NOT_SUPPORTED ||
	       !(regs[0] >> 31);
}

static void answers(struct paste_set *s, const struct paste_set *call)
{
	s->has_request = true;
	memcpy(s->request, call->regs, sizeof(s->request));
	s->request_line = call->last_line;
}

/* A set found the generic way: pair it, remember calls, hand it out. */
static void emit(struct paste *p, struct paste_set *s, GPtrArray *out)
{
	if (!s->error && is_answer(s->regs) && p->last_call) {
		answers(s, p->last_call);
		paste_set_free(p->last_call);
		p->last_call = NULL;
	} else if (!s->error) {
		paste_set_free(p->last_call);
		p->last_call = copy_set(s);
	}
	g_ptr_array_add(out, s);
}

static void flush_open(struct paste *p, GPtrArray *out)
{
	if (!p->open)
		return;
	if (!(p->seen & 1))
		p->open->error = g_strdup("registers without x0: no function to decode them by");
	emit(p, p->open, out);
	p->open = NULL;
	p->seen = 0;
}

/* ---- ffa-sim's own trace lines ---- */

static bool version_word(const char *w, uint64_t *x0)
{
	unsigned int major, minor;
	char end;

	if (sscanf(w, "%u.%u%c", &major, &minor, &end) != 2 ||
	    major > 0x7fff || minor > 0xffff)
		return false;
	*x0 = FFA_MAKE_VERSION(major, minor);
	return true;
}

static bool trace_x0(char **w, unsigned int *i, uint64_t *regs)
{
	uint32_t fid;
	char *end;

	if (ffa_func_lookup(w[*i], &fid)) {
		regs[0] = fid;
	} else if (!strcmp(w[*i], "version") && w[*i + 1] &&
		   version_word(w[*i + 1], &regs[0])) {
		(*i)++;
	} else if (!strcmp(w[*i], "SMCCC") && w[*i + 1] &&
		   !strcmp(w[*i + 1], "NOT_SUPPORTED")) {
		regs[0] = SMCCC_RET_NOT_SUPPORTED;
		(*i)++;
	} else {
		regs[0] = strtoull(w[*i], &end, 0);
		if (*end || end == w[*i])
			return false;
	}
	(*i)++;
	return true;
}

static bool trace_reg(const char *w, uint64_t *regs)
{
	unsigned int n;
	int32_t err;
	char *end;

	if (ffa_error_lookup(w, &err)) {
		regs[2] = (uint64_t)(int64_t)err;
		return true;
	}
	if (w[0] != 'x' || !g_ascii_isdigit(w[1]))
		return false;
	n = (unsigned int)strtoul(w + 1, &end, 10);
	if (*end != '=' || n >= SMC_NR_REGS)
		return false;
	regs[n] = strtoull(end + 1, &end, 0);
	return !*end;
}

/* "FFA_SUCCESS x2=0x5a000001 x3=0x1 [handled by the proxy]" */
static bool trace_body(const char *body, uint64_t *regs)
{
	char *copy = g_strdup(body), *cut = strstr(copy, " [");
	char **w;
	unsigned int i = 0;
	bool ok;

	if (cut)
		*cut = '\0';
	w = g_strsplit(g_strstrip(copy), " ", -1);
	ok = w[0] && trace_x0(w, &i, regs);
	for (; ok && w[i]; i++)
		ok = trace_reg(w[i], regs);
	g_strfreev(w);
	g_free(copy);
	return ok;
}

static void trace_line(struct paste *p, GMatchInfo *m, const char *line,
		       GPtrArray *out)
{
	char *from = g_match_info_fetch(m, 1), *to = g_match_info_fetch(m, 3);
	char *body = g_match_info_fetch(m, 4);
	struct paste_set *s = new_set(p, line), *call;
	char *key;

	if (!trace_body(body, s->regs))
		s->error = g_strdup("not a register set ffa-sim's trace prints");
	if (!strcmp(from, "SPMC") || !strcmp(to, "host") ||
	    !strcmp(to, "driver")) {
		key = g_strdup_printf("%s>%s", to, from);
		call = g_hash_table_lookup(p->pending, key);
		if (call && !s->error)
			answers(s, call);
		g_hash_table_remove(p->pending, key);
	} else {
		key = g_strdup_printf("%s>%s", from, to);
		if (!s->error)
			g_hash_table_replace(p->pending, g_strdup(key),
					     copy_set(s));
	}
	g_ptr_array_add(out, s);
	g_free(key);
	g_free(from);
	g_free(to);
	g_free(body);
}

/* ---- registers by name ---- */

static void named_reg(struct paste *p, GMatchInfo *m, const char *line,
		      GPtrArray *out)
{
	char *kind = g_match_info_fetch(m, 1), *num = g_match_info_fetch(m, 2);
	char *val = g_match_info_fetch(m, 3);
	unsigned int n = (unsigned int)strtoul(num, NULL, 10);
	uint64_t v = strtoull(val, NULL, 16);

	if (n < SMC_NR_REGS) {
		if (p->open && (p->seen & (1U << n)))
			flush_open(p, out);
		if (!p->open)
			p->open = new_set(p, line);
		p->open->last_line = p->lineno;
		p->open->regs[n] = kind[0] == 'w' ? (uint32_t)v : v;
		p->seen |= 1U << n;
	}
	g_free(kind);
	g_free(num);
	g_free(val);
}

static bool named_regs(struct paste *p, const char *line, GPtrArray *out)
{
	GMatchInfo *m;
	bool any = false;

	g_regex_match(p->named, line, 0, &m);
	for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
		named_reg(p, m, line, out);
		any = true;
	}
	g_match_info_free(m);
	if (p->open && (p->seen & 1))
		flush_open(p, out);
	return any;
}

/* ---- a function ID among 0x numbers ---- */

static bool numbers(struct paste *p, const char *line, GPtrArray *out)
{
	struct paste_set *s = NULL;
	unsigned int n = 0;
	GMatchInfo *m;
	uint64_t v;

	g_regex_match(p->number, line, 0, &m);
	for (; g_match_info_matches(m) && n < SMC_NR_REGS;
	     g_match_info_next(m, NULL)) {
		char *hex = g_match_info_fetch(m, 1);

		v = strtoull(hex, NULL, 16);
		g_free(hex);
		if (!s && (v >> 32 || !ffa_fid_is_ffa((uint32_t)v) ||
			   !ffa_func_name((uint32_t)v)))
			continue;
		if (!s)
			s = new_set(p, line);
		s->regs[n++] = v;
	}
	g_match_info_free(m);
	if (s)
		emit(p, s, out);
	return s;
}

void paste_line(struct paste *p, const char *line, GPtrArray *out)
{
	GMatchInfo *m;

	p->lineno++;
	if (g_regex_match(p->arrow, line, 0, &m)) {
		flush_open(p, out);
		trace_line(p, m, line, out);
		g_match_info_free(m);
		return;
	}
	g_match_info_free(m);
	if (named_regs(p, line, out))
		return;
	flush_open(p, out);
	numbers(p, line, out);
}

void paste_finish(struct paste *p, GPtrArray *out)
{
	flush_open(p, out);
}
