// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building the fields of a decoded register set: one register as wN (32
 * bits) or xN (64), a value spread over two or four registers, the
 * problems found in a value, and the one-line summary.  A register a
 * field describes is marked used, so that whatever is left over can be
 * listed afterwards.
 */
#include <stdarg.h>
#include <stdio.h>

#include "sim/decode/decode_internal.h"
#include "spmc_mock/ffa_abi.h"

static char *hex(uint64_t v)
{
	return g_strdup_printf("%#llx", (unsigned long long)v);
}

static struct decode_field *add(struct dec *d, uint32_t mask, char *label,
				char *raw, char *text)
{
	struct decode_field *f = g_new0(struct decode_field, 1);

	f->label = label;
	f->raw = raw;
	f->text = text;
	d->used |= mask;
	g_ptr_array_add(d->out->fields, f);
	return f;
}

/* A wN whose bits 63:32 hold more than the sign of bits 31:0. */
static bool upper_set(uint64_t v)
{
	return v >> 32 && (int64_t)v != (int32_t)v;
}

static char *note_upper(char *text, int reg)
{
	char *more = g_strdup_printf("%s; bits 63:32 of x%d are not part of w%d",
				     text, reg, reg);

	g_free(text);
	return more;
}

static uint32_t span_mask(int first, int last)
{
	return (uint32_t)((1ULL << (last + 1)) - (1ULL << first));
}

struct decode_field *dec_w(struct dec *d, int reg, const char *fmt, ...)
{
	uint64_t v = d->r[reg];
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* A negative 32-bit value sign-extended to 64 bits is still itself. */
	if (upper_set(v))
		text = note_upper(text, reg);
	return add(d, 1U << reg, g_strdup_printf("w%d", reg), hex((uint32_t)v),
		   text);
}

struct decode_field *dec_x0(struct dec *d, char *text)
{
	return add(d, 1, g_strdup("x0"), hex(d->r[0]), text);
}

struct decode_field *dec_x(struct dec *d, int reg, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!d->smc64) {
		struct decode_field *f = dec_w(d, reg, "%s", text);

		g_free(text);
		return f;
	}
	return add(d, 1U << reg, g_strdup_printf("x%d", reg), hex(d->r[reg]),
		   text);
}

struct decode_field *dec_group(struct dec *d, int first, int last,
			       enum dec_group how, const char *fmt, ...)
{
	GString *raw = g_string_new(NULL);
	bool wide = how == DEC_XPAIR;
	char w = wide ? 'x' : 'w';
	va_list ap;
	char *text;
	int i;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	for (i = first; i <= last; i++) {
		g_string_append_printf(raw, "%s%#llx", i > first ? " " : "",
				       (unsigned long long)(wide ? d->r[i] :
							    (uint32_t)d->r[i]));
		if (!wide && upper_set(d->r[i]))
			text = note_upper(text, i);
	}
	return add(d, span_mask(first, last),
		   g_strdup_printf("%c%d%c%c%d", w, first,
				   how == DEC_SPAN ? '-' : '/', w, last),
		   g_string_free(raw, FALSE), text);
}

void dec_problem(struct dec *d, struct decode_field *f, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (f->problem) {
		char *both = g_strdup_printf("%s; %s", f->problem, p);

		g_free(p);
		g_free(f->problem);
		p = both;
	}
	f->problem = p;
	d->out->problems++;
}

void dec_mbz(struct dec *d, struct decode_field *f, int reg, uint32_t mask,
	     const char *bits)
{
	uint32_t set = dec_w32(d, reg) & mask;

	if (set)
		dec_problem(d, f, "bits %s must be zero (%#x)", bits, set);
}

void dec_brief(struct dec *d, const char *fmt, ...)
{
	va_list ap;

	g_string_append(d->brief, d->brief_args ? ", " : " ");
	d->brief_args = true;
	va_start(ap, fmt);
	g_string_append_vprintf(d->brief, fmt, ap);
	va_end(ap);
}

void dec_handle(struct dec *d, int lo, int hi)
{
	uint64_t h = dec_w32(d, lo) | (uint64_t)dec_w32(d, hi) << 32;
	char *words = decode_handle(h);

	dec_group(d, lo, hi, DEC_PAIR, "handle %s", words);
	dec_brief(d, "handle %#llx", (unsigned long long)h);
	g_free(words);
}

void dec_endpoints(struct dec *d, int reg, const char *hi_name,
		   const char *lo_name)
{
	uint32_t w = dec_w32(d, reg);
	char *hi = decode_endpoint((uint16_t)(w >> 16));
	char *lo = decode_endpoint((uint16_t)w);

	dec_w(d, reg, "%s %s, %s %s", hi_name, hi, lo_name, lo);
	g_free(hi);
	g_free(lo);
}

void dec_payload(struct dec *d, int first, int last, const char *what)
{
	int i;

	for (i = first; i <= last; i++) {
		if (d->r[i])
			dec_x(d, i, "%s", what);
		d->used |= 1U << i;
	}
}
