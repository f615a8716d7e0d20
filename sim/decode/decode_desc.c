// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory transaction descriptors, field by field (DEN0077A, "Memory
 * management": transaction descriptor, endpoint memory access descriptor,
 * composite memory region descriptor, constituent memory region
 * descriptor).  Offsets come from spmc_mock/ffa_abi.h, the one place the
 * project writes the layouts down.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/decode/decode.h"
#include "sim/decode/decode_desc.h"
#include "spmc_mock/ffa_abi.h"

#define MAX_COMPOSITES	8	/* distinct composite offsets described */

struct ddesc {
	const uint8_t *b;
	size_t len;
	uint32_t layout;
	GString *out;
	unsigned int problems;
	size_t described;		/* end of the last structure read */
	uint32_t emad_off, emad_size, emad_count, emad_end;
	unsigned int nr_comps;
	uint32_t comps[MAX_COMPOSITES];
	/*
	 * Endpoint ID -> 1 + the first endpoint with it, 0 for none: a
	 * dump of 4 MB holds 262,144 endpoints, too many to compare pairwise.
	 */
	uint32_t *first_with_id;
};

static void __attribute__((format(printf, 4, 5)))
field(struct ddesc *d, size_t off, const char *name, const char *fmt, ...)
{
	va_list ap;

	g_string_append_printf(d->out, "  @%-4zu %-17s ", off, name);
	va_start(ap, fmt);
	g_string_append_vprintf(d->out, fmt, ap);
	va_end(ap);
	g_string_append_c(d->out, '\n');
}

static void __attribute__((format(printf, 3, 4)))
problem(struct ddesc *d, size_t off, const char *fmt, ...)
{
	va_list ap;

	g_string_append_printf(d->out, "  ! @%zu: ", off);
	va_start(ap, fmt);
	g_string_append_vprintf(d->out, fmt, ap);
	va_end(ap);
	g_string_append_c(d->out, '\n');
	d->problems++;
}

/* Can @size bytes at @off be read?  If not, say so once, at @off. */
static bool fits(struct ddesc *d, size_t off, size_t size, const char *what)
{
	if (off <= d->len && size <= d->len - off)
		return true;
	problem(d, off, "%s (bytes %zu-%zu) lies past the end of the %zu bytes",
		what, off, off + size - 1, d->len);
	return false;
}

static void section(struct ddesc *d, const char *what, size_t off,
		    size_t size)
{
	g_string_append_printf(d->out, "%s, bytes %zu-%zu\n", what, off,
			       off + size - 1);
	d->described = MAX(d->described, off + size);
}

static void reserved(struct ddesc *d, size_t off, size_t size)
{
	static const uint8_t zero[16];
	bool clear = !memcmp(d->b + off, zero, size);

	field(d, off, "reserved", "%s", clear ? "0" : "not zero");
	if (!clear)
		problem(d, off, "reserved (%zu byte%s) must be zero", size,
			size == 1 ? "" : "s");
}

/* ---- the header ---- */

static void header_flags(struct ddesc *d)
{
	uint32_t f = ffa_get32(d->b + FFA_MTD_FLAGS);
	GString *s = g_string_new(NULL);

	if (f & FFA_MTD_FLAG_ZERO_MEMORY)
		g_string_append(s, ", zero memory");
	if (f & FFA_MTD_FLAG_TIME_SLICE)
		g_string_append(s, ", time slicing");
	if (f & (1U << 2))
		g_string_append(s, ", zero after relinquish (retrieve)");
	if (f & FFA_MTD_FLAG_TYPE_MASK)
		g_string_append_printf(s, ", transaction type %u (retrieve)",
				       (f & FFA_MTD_FLAG_TYPE_MASK) >>
				       FFA_MTD_FLAG_TYPE_SHIFT);
	if (f & 0x3e0)
		g_string_append_printf(s, ", alignment hint %#x (retrieve)",
				       (f >> 5) & 0x1f);
	field(d, FFA_MTD_FLAGS, "flags", "%#x%s%s", f, s->len ? ":" : "",
	      s->len ? s->str + 1 : "");
	if (f & 0xfffffc00)
		problem(d, FFA_MTD_FLAGS, "bits 31:10 are reserved and must be zero (%#x)",
			f & 0xfffffc00);
	g_string_free(s, TRUE);
}

static void header_common(struct ddesc *d)
{
	bool v1_0 = d->layout == FFA_VERSION_1_0, bad = false;
	uint16_t attrs = v1_0 ? d->b[FFA_MTD_ATTRS] :
				ffa_get16(d->b + FFA_MTD_ATTRS);
	uint64_t h = ffa_get64(d->b + FFA_MTD_HANDLE);
	char *w = decode_endpoint(ffa_get16(d->b + FFA_MTD_SENDER));

	field(d, FFA_MTD_SENDER, "sender", "%s", w);
	g_free(w);
	w = decode_attrs(attrs, v1_0, &bad);
	field(d, FFA_MTD_ATTRS, "attributes", "%#x: %s", attrs, w);
	g_free(w);
	if (bad)
		problem(d, FFA_MTD_ATTRS, "reserved attribute bits or encodings");
	if (v1_0)
		reserved(d, FFA_MTD_V1_0_RESERVED_3, 1);
	header_flags(d);
	w = decode_handle(h);
	field(d, FFA_MTD_HANDLE, "handle", "%s", w);
	g_free(w);
	field(d, FFA_MTD_TAG, "tag", "%#llx",
	      (unsigned long long)ffa_get64(d->b + FFA_MTD_TAG));
}

static void header_v1_0(struct ddesc *d)
{
	reserved(d, FFA_MTD_EMAD_SIZE, 4);
	d->emad_count = ffa_get32(d->b + FFA_MTD_EMAD_COUNT);
	field(d, FFA_MTD_EMAD_COUNT, "endpoint count", "%u", d->emad_count);
	d->emad_off = FFA_MTD_SIZE_1_0;
	d->emad_size = FFA_EMAD_SIZE_1_0;
}

static void header_v1_1(struct ddesc *d)
{
	uint32_t want = ffa_emad_size_for(d->layout);

	d->emad_size = ffa_get32(d->b + FFA_MTD_EMAD_SIZE);
	field(d, FFA_MTD_EMAD_SIZE, "endpoint size", "%u", d->emad_size);
	if (d->emad_size != want)
		problem(d, FFA_MTD_EMAD_SIZE, "FF-A %u.%u endpoint descriptors are %u bytes",
			FFA_VERSION_MAJOR(d->layout),
			FFA_VERSION_MINOR(d->layout), want);
	if (d->emad_size < FFA_EMAD_SIZE_1_0)
		d->emad_size = want;
	d->emad_count = ffa_get32(d->b + FFA_MTD_EMAD_COUNT);
	field(d, FFA_MTD_EMAD_COUNT, "endpoint count", "%u", d->emad_count);
	d->emad_off = ffa_get32(d->b + FFA_MTD_EMAD_OFFSET);
	field(d, FFA_MTD_EMAD_OFFSET, "endpoint offset", "%u", d->emad_off);
	if (d->emad_off < FFA_MTD_SIZE_1_1)
		problem(d, FFA_MTD_EMAD_OFFSET, "the endpoint array starts inside the %u-byte header",
			FFA_MTD_SIZE_1_1);
	else if (d->emad_off % 16)
		problem(d, FFA_MTD_EMAD_OFFSET, "not 16-byte aligned");
	reserved(d, FFA_MTD_RESERVED_36, 12);
}

static bool header(struct ddesc *d)
{
	size_t size = ffa_mtd_size_for(d->layout);

	if (!fits(d, 0, size, "the header"))
		return false;
	section(d, "header", 0, size);
	header_common(d);
	if (d->layout == FFA_VERSION_1_0)
		header_v1_0(d);
	else
		header_v1_1(d);
	if (!d->emad_count)
		problem(d, FFA_MTD_EMAD_COUNT, "no endpoints: a transaction needs at least one");
	return true;
}

/* ---- endpoint memory access descriptors ---- */

static void endpoint_flags(struct ddesc *d, size_t e)
{
	uint8_t f = d->b[e + FFA_EMAD_FLAGS];

	field(d, e + FFA_EMAD_FLAGS, "flags", "%#x%s", f,
	      f & FFA_EMAD_FLAG_NON_RETRIEVAL ? ": non-retrieval borrower" : "");
	if (f & ~FFA_EMAD_FLAG_NON_RETRIEVAL)
		problem(d, e + FFA_EMAD_FLAGS, "bits 7:1 are reserved and must be zero (%#x)",
			f & ~FFA_EMAD_FLAG_NON_RETRIEVAL);
}

static void note_composite(struct ddesc *d, uint32_t off)
{
	unsigned int i;

	for (i = 0; i < d->nr_comps; i++)
		if (d->comps[i] == off)
			return;
	if (d->nr_comps < MAX_COMPOSITES)
		d->comps[d->nr_comps++] = off;
}

static void endpoint_composite(struct ddesc *d, size_t e, unsigned int idx)
{
	size_t at = e + FFA_EMAD_COMP_OFFSET;
	uint32_t off = ffa_get32(d->b + at);

	if (!off) {
		field(d, at, "composite offset", "0: none (a retrieve request may leave it out)");
		return;
	}
	field(d, at, "composite offset", "%u", off);
	if (idx && d->nr_comps && off != d->comps[0])
		problem(d, at, "differs from endpoint 0's (%u): pKVM and Linux read one composite for all",
			d->comps[0]);
	if (off < d->emad_end)
		problem(d, at, "points into the header or the endpoint array (which ends at byte %u)",
			d->emad_end);
	else if (off % 16)
		problem(d, at, "not 16-byte aligned");
	else if ((uint64_t)off + FFA_COMP_SIZE > d->len)
		problem(d, at, "the composite (bytes %u-%llu) lies past the end of the %zu bytes",
			off, (unsigned long long)off + FFA_COMP_SIZE - 1, d->len);
	else
		note_composite(d, off);
}

static void endpoint_ids(struct ddesc *d, size_t e, unsigned int idx)
{
	uint16_t id = ffa_get16(d->b + e + FFA_EMAD_ID);
	bool bad = false;
	unsigned int j;
	char *w = decode_endpoint(id);

	field(d, e + FFA_EMAD_ID, "id", "%s", w);
	g_free(w);
	if (!d->first_with_id)
		d->first_with_id = g_new0(uint32_t, 1u << 16);
	j = d->first_with_id[id];
	if (j)
		problem(d, e + FFA_EMAD_ID, "endpoint %u has the same ID", j - 1);
	else
		d->first_with_id[id] = idx + 1;
	w = decode_perms(d->b[e + FFA_EMAD_PERMS], &bad);
	field(d, e + FFA_EMAD_PERMS, "permissions", "%#x: %s",
	      d->b[e + FFA_EMAD_PERMS], w);
	g_free(w);
	if (bad)
		problem(d, e + FFA_EMAD_PERMS, "reserved permission bits or encodings");
}

static void endpoint_tail(struct ddesc *d, size_t e)
{
	if (d->emad_size < FFA_EMAD_SIZE_1_2) {
		reserved(d, e + FFA_EMAD_RESERVED_1_0, 8);
		return;
	}
	field(d, e + FFA_EMAD_IMPDEF_1_2, "impdef", "%#llx %#llx",
	      (unsigned long long)ffa_get64(d->b + e + FFA_EMAD_IMPDEF_1_2),
	      (unsigned long long)ffa_get64(d->b + e + FFA_EMAD_IMPDEF_1_2 + 8));
	reserved(d, e + FFA_EMAD_RESERVED_1_2, 8);
}

static void endpoint(struct ddesc *d, unsigned int idx)
{
	size_t e = d->emad_off + (size_t)idx * d->emad_size;
	char *title = g_strdup_printf("endpoint %u", idx);

	section(d, title, e, d->emad_size);
	g_free(title);
	endpoint_ids(d, e, idx);
	endpoint_flags(d, e);
	endpoint_composite(d, e, idx);
	endpoint_tail(d, e);
}

static void endpoints(struct ddesc *d)
{
	uint64_t end = d->emad_off + (uint64_t)d->emad_size * d->emad_count;
	unsigned int i, n = d->emad_count;

	if (end > d->len) {
		n = d->emad_off < d->len ?
		    (unsigned int)((d->len - d->emad_off) / d->emad_size) : 0;
		problem(d, FFA_MTD_EMAD_COUNT, "%u endpoints end at byte %llu, past the end of the %zu bytes: %u fit",
			d->emad_count, (unsigned long long)end, d->len, n);
		end = d->emad_off + (uint64_t)d->emad_size * n;
	}
	d->emad_end = (uint32_t)end;
	for (i = 0; i < n; i++)
		endpoint(d, i);
}

/* ---- composites and their ranges ---- */

static uint64_t range(struct ddesc *d, size_t r, unsigned int idx)
{
	uint64_t addr = ffa_get64(d->b + r + FFA_CONS_ADDR);
	uint32_t pages = ffa_get32(d->b + r + FFA_CONS_PAGES);
	char *title = g_strdup_printf("range %u", idx);

	section(d, title, r, FFA_CONS_SIZE);
	g_free(title);
	field(d, r + FFA_CONS_ADDR, "address", "%#llx",
	      (unsigned long long)addr);
	if (addr % FFA_PAGE_SIZE)
		problem(d, r + FFA_CONS_ADDR, "not 4K-aligned");
	if (pages)
		field(d, r + FFA_CONS_PAGES, "pages", "%u (up to %#llx)",
		      pages, (unsigned long long)(addr +
		      (uint64_t)pages * FFA_PAGE_SIZE - 1));
	else
		field(d, r + FFA_CONS_PAGES, "pages", "0");
	if (!pages)
		problem(d, r + FFA_CONS_PAGES, "an empty range");
	else if (addr + (uint64_t)pages * FFA_PAGE_SIZE - 1 < addr)
		problem(d, r + FFA_CONS_PAGES, "the range wraps around the address space");
	reserved(d, r + FFA_CONS_RESERVED, 4);
	return pages;
}

struct span {
	uint64_t start, end;
	unsigned int idx;
};

static int by_start(const void *a, const void *b)
{
	const struct span *l = a, *r = b;

	if (l->start != r->start)
		return l->start < r->start ? -1 : 1;
	return l->idx < r->idx ? -1 : l->idx > r->idx;
}

/* A pair (later range, earlier range), for the order they are told in. */
static gint by_pair(gconstpointer a, gconstpointer b)
{
	const unsigned int *l = a, *r = b;

	if (l[1] != r[1])
		return l[1] < r[1] ? -1 : 1;
	return l[0] < r[0] ? -1 : l[0] > r[0];
}

/*
 * Sorted by address, a range overlaps the ones before it exactly when it
 * starts below the furthest end so far: each range that overlaps is told
 * once, against that one, in n log n (a descriptor may hold thousands).
 */
static void overlaps(struct ddesc *d, size_t first, unsigned int n)
{
	struct span *spans = g_new(struct span, n ? n : 1);
	GArray *pairs = g_array_new(FALSE, FALSE, 2 * sizeof(unsigned int));
	unsigned int i, m = 0, far = 0;

	for (i = 0; i < n; i++) {
		const uint8_t *r = d->b + first + (size_t)i * FFA_CONS_SIZE;
		uint64_t start = ffa_get64(r);
		uint64_t end = start + (uint64_t)ffa_get32(r + 8) *
				       FFA_PAGE_SIZE;

		/* Empty and wrapping ranges are problems of their own. */
		if (start < end)
			spans[m++] = (struct span){ start, end, i };
	}
	qsort(spans, m, sizeof(*spans), by_start);
	for (i = 1; i < m; i++) {
		const struct span *c = &spans[i], *f = &spans[far];

		if (c->start < f->end) {
			unsigned int pair[2] = { MAX(c->idx, f->idx),
						 MIN(c->idx, f->idx) };

			g_array_append_val(pairs, pair);
		}
		if (c->end > f->end)
			far = i;
	}
	g_array_sort(pairs, by_pair);
	for (i = 0; i < pairs->len; i++) {
		const unsigned int *pair = &g_array_index(pairs, unsigned int,
							   2 * i);

		problem(d, first + (size_t)pair[0] * FFA_CONS_SIZE,
			"range %u overlaps range %u", pair[0], pair[1]);
	}
	g_array_free(pairs, TRUE);
	g_free(spans);
}

static unsigned int ranges_that_fit(struct ddesc *d, uint32_t c,
				    uint32_t count)
{
	size_t first = (size_t)c + FFA_COMP_SIZE;
	uint64_t end = first + (uint64_t)count * FFA_CONS_SIZE;
	unsigned int n = count;

	if (end > d->len) {
		n = (unsigned int)((d->len - first) / FFA_CONS_SIZE);
		problem(d, c + FFA_COMP_RANGE_COUNT, "%u ranges end at byte %llu, past the end of the %zu bytes: %u fit",
			count, (unsigned long long)end, d->len, n);
	}
	return n;
}

static void composite(struct ddesc *d, uint32_t c)
{
	uint32_t total = ffa_get32(d->b + c + FFA_COMP_TOTAL_PAGES);
	uint32_t count = ffa_get32(d->b + c + FFA_COMP_RANGE_COUNT);
	size_t first = (size_t)c + FFA_COMP_SIZE;
	uint64_t sum = 0;
	unsigned int i, n;

	section(d, "composite", c, FFA_COMP_SIZE);
	field(d, c + FFA_COMP_TOTAL_PAGES, "total pages", "%u", total);
	field(d, c + FFA_COMP_RANGE_COUNT, "range count", "%u", count);
	if (!count)
		problem(d, c + FFA_COMP_RANGE_COUNT, "no ranges: nothing to share");
	reserved(d, c + FFA_COMP_RESERVED, 8);
	n = ranges_that_fit(d, c, count);
	for (i = 0; i < n; i++)
		sum += range(d, first + (size_t)i * FFA_CONS_SIZE, i);
	if (n == count && sum != total)
		problem(d, c + FFA_COMP_TOTAL_PAGES, "the ranges add up to %llu page%s, not %u",
			(unsigned long long)sum, sum == 1 ? "" : "s", total);
	overlaps(d, first, n);
}

/* ---- the layout ---- */

static uint32_t guess(const uint8_t *b, size_t len, GString *why)
{
	uint32_t size;

	if (len < FFA_MTD_EMAD_SIZE + 4) {
		g_string_assign(why, "too short to tell: read as 1.1");
		return FFA_VERSION_1_1;
	}
	size = ffa_get32(b + FFA_MTD_EMAD_SIZE);
	if (!size) {
		g_string_assign(why, "@24 is zero, a reserved field in 1.0 and the endpoint size from 1.1 on");
		return FFA_VERSION_1_0;
	}
	if (size == FFA_EMAD_SIZE_1_2) {
		g_string_assign(why, "endpoint size 32 at @24");
		return FFA_VERSION_1_2;
	}
	g_string_printf(why, size == FFA_EMAD_SIZE_1_0 ?
			"endpoint size %u at @24" :
			"@24 holds %u, no layout's endpoint size: read as 1.1",
			size);
	return FFA_VERSION_1_1;
}

static void intro(struct ddesc *d, uint32_t asked)
{
	GString *why = g_string_new(NULL);

	d->layout = asked ? asked : guess(d->b, d->len, why);
	g_string_append_printf(d->out, "layout %u.%u", FFA_VERSION_MAJOR(d->layout),
			       FFA_VERSION_MINOR(d->layout));
	if (asked)
		g_string_append(d->out, ", as given");
	else
		g_string_append_printf(d->out, ", guessed from the header (%s; --layout chooses)",
				       why->str);
	g_string_append_printf(d->out, ", %zu bytes\n", d->len);
	g_string_free(why, TRUE);
}

static void outro(struct ddesc *d)
{
	if (d->described && d->described < d->len)
		g_string_append_printf(d->out, "bytes %zu-%zu follow the last structure: not part of the descriptor\n",
				       d->described, d->len - 1);
	if (d->problems)
		g_string_append_printf(d->out, "%u problem%s\n", d->problems,
				       d->problems == 1 ? "" : "s");
	else
		g_string_append(d->out, "no problems found\n");
}

unsigned int decode_descriptor(const uint8_t *buf, size_t len,
			       uint32_t layout, GString *out)
{
	struct ddesc d = { .b = buf, .len = len, .out = out };
	unsigned int i;

	intro(&d, layout);
	if (header(&d)) {
		endpoints(&d);
		for (i = 0; i < d.nr_comps; i++)
			composite(&d, d.comps[i]);
	}
	outro(&d);
	g_free(d.first_with_id);
	return d.problems;
}

/* ---- in one line ---- */

/* "  @50   permissions       0x6: read-write, no execute" -> its value. */
static const char *field_value(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(line, "  @", 3))
		return NULL;
	line += 3 + strspn(line + 3, "0123456789");
	line += strspn(line, " ");
	if (strncmp(line, name, n) || line[n] != ' ')
		return NULL;
	return line + n + strspn(line + n, " ");
}

/* "0x2f: normal memory, write-back" -> "normal memory, write-back" */
static const char *after_colon(const char *v)
{
	const char *c = strstr(v, ": ");

	return c ? c + 2 : v;
}

/* "0x8001 (secure)" -> "0x8001" */
static void first_word(GString *out, const char *v)
{
	g_string_append_len(out, v, (gssize)strcspn(v, " "));
}

/* Ranges named in one line; the rest are counted. */
#define BRIEF_RANGES	4

struct brief {
	GString *out;
	unsigned int endpoints, ranges;
	char *address;
};

static void brief_line(struct brief *b, const char *l)
{
	const char *v;

	if ((v = field_value(l, "sender"))) {
		g_string_append(b->out, "from ");
		first_word(b->out, v);
	} else if ((v = field_value(l, "attributes"))) {
		g_string_append_printf(b->out, ", %s", after_colon(v));
	} else if ((v = field_value(l, "flags")) && !b->endpoints &&
		   strcmp(v, "0")) {
		g_string_append_printf(b->out, ", flags %s", v);
	} else if ((v = field_value(l, "handle")) && strcmp(v, "0")) {
		g_string_append(b->out, ", handle ");
		first_word(b->out, v);
	} else if ((v = field_value(l, "id"))) {
		g_string_append(b->out, b->endpoints++ ? "; " : ", to ");
		first_word(b->out, v);
	} else if ((v = field_value(l, "permissions"))) {
		g_string_append_printf(b->out, " %s", after_colon(v));
	} else if ((v = field_value(l, "address"))) {
		g_free(b->address);
		b->address = g_strdup(v);
	} else if ((v = field_value(l, "pages")) && b->address &&
		   b->ranges++ >= BRIEF_RANGES) {
		return;
	} else if ((v = field_value(l, "pages")) && b->address) {
		g_string_append(b->out, b->ranges > 1 ? "; " : ", ");
		first_word(b->out, v);
		g_string_append_printf(b->out, " page%s at %s",
				       strcmp(v, "1") && strncmp(v, "1 ", 2) ?
				       "s" : "", b->address);
	}
}

unsigned int decode_descriptor_brief(const uint8_t *buf, size_t len,
				     bool whole, GString *out)
{
	GString *full = g_string_new(NULL);
	struct brief b = { .out = out };
	unsigned int problems = decode_descriptor(buf, len, 0, full);
	char **lines = g_strsplit(full->str, "\n", -1);
	char **l;

	for (l = lines; *l; l++)
		brief_line(&b, *l);
	if (b.ranges > BRIEF_RANGES)
		g_string_append_printf(out, " and %u more ranges",
				       b.ranges - BRIEF_RANGES);
	if (problems && whole)
		g_string_append_printf(out, " (%u problem%s: decode --descriptor says which)",
				       problems, problems == 1 ? "" : "s");
	g_free(b.address);
	g_strfreev(lines);
	g_string_free(full, TRUE);
	return problems;
}
