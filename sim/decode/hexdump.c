// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading hex dumps.  A line is: an optional log prefix ("[  1.2] ffa:
 * "), an optional offset ("00000010:" or, for hexdump -C and od, a first
 * column of six or more digits), the bytes, and an optional character
 * column (after '|', or after the first two blanks in a row once the
 * bytes began).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/decode/hexdump.h"

struct reader {
	GByteArray *out;
	GByteArray *last;	/* the previous line's bytes, for '*' */
	bool repeat;		/* a '*' came: fill up to the next offset */
	bool offsets;		/* lines carry offsets */
	bool words;		/* hexdump's default: 16-bit little-endian words */
	bool octal;		/* od's default offsets */
	unsigned int lineno;
	char *err;
};

bool hexdump_is_text(const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!g_ascii_isprint(data[i]) &&
		    (!data[i] || !strchr("\t\r\n", data[i])))
			return false;
	return len > 0;
}

static bool all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!g_ascii_isxdigit(s[i]))
			return false;
	return len > 0;
}

static void __attribute__((format(printf, 2, 3)))
fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	r->err = g_strdup_printf("line %u: %s", r->lineno, msg);
	g_free(msg);
}

static size_t word_len(const char *p)
{
	return strcspn(p, " \t");
}

static const char *skip_blanks(const char *p)
{
	return p + strspn(p, " \t");
}

/*
 * Before the bytes: "[ 12.3] ffa: desc: 00000010:".  The last word ending
 * in ':' among the first four ends the prefix; a hex one is the offset.
 */
static char *skip_prefix(char *s, bool *has_off, uint64_t *off)
{
	const char *p, *word = NULL, *end = NULL;
	unsigned int i;
	size_t n;

	s = g_strchug(s);
	if (*s == '[' && (p = strchr(s, ']')))
		s = g_strchug((char *)p + 1);
	for (p = s, i = 0; i < 4 && *p; i++, p = skip_blanks(p + n)) {
		n = word_len(p);
		if (n > 1 && p[n - 1] == ':') {
			word = p;
			end = p + n;
		}
	}
	if (!end)
		return s;
	if (all_hex(word, (size_t)(end - word - 1))) {
		*has_off = true;
		*off = strtoull(word, NULL, 16);
	}
	return (char *)end;
}

/* "0000010  00 11 22": a first column of 6+ digits before shorter groups. */
static char *bare_offset(char *s, bool *has_off, uint64_t *off)
{
	char *end;
	size_t n;

	s = g_strchug(s);
	n = strcspn(s, " \t");
	if (n < 6 || !all_hex(s, n) || !s[n])
		return s;
	end = (char *)skip_blanks(s + n);
	if (!*end || strcspn(end, " \t") >= n)
		return s;
	*has_off = true;
	*off = strtoull(s, NULL, 16);
	return end;
}

static bool add_token(struct reader *r, char *tok, GByteArray *line)
{
	size_t n;
	uint8_t b;

	if (!strncmp(tok, "0x", 2) || !strncmp(tok, "0X", 2))
		tok += 2;
	n = strlen(tok);
	while (n && (tok[n - 1] == ',' || tok[n - 1] == ';'))
		n--;
	if (!n || (n == 1 && (*tok == '{' || *tok == '}')))
		return true;
	if (!all_hex(tok, n) || n % 2) {
		fail(r, "'%.*s' is not hex bytes", (int)n, tok);
		return false;
	}
	for (; n; n -= 2, tok += 2) {
		b = (uint8_t)(g_ascii_xdigit_value(tok[0]) << 4 |
			      g_ascii_xdigit_value(tok[1]));
		g_byte_array_append(line, &b, 1);
	}
	return true;
}

/* Bring the output up to @off: the repeated lines of a '*', or nothing. */
static bool reach(struct reader *r, uint64_t off)
{
	/* A dump claims its own length: keep a hostile one from filling memory. */
	if (off > HEXDUMP_MAX_LEN) {
		fail(r, "offset %#llx is past the %u bytes a descriptor may have",
		     (unsigned long long)off, HEXDUMP_MAX_LEN);
		return false;
	}
	while (r->repeat && r->last->len && r->out->len < off)
		g_byte_array_append(r->out, r->last->data,
				    MIN(r->last->len, off - r->out->len));
	r->repeat = false;
	if (off != r->out->len) {
		fail(r, "offset %#llx, but %u bytes came before",
		     (unsigned long long)off, r->out->len);
		return false;
	}
	return true;
}

/* Every token @n digits long (and of @digits), at least one. */
static bool all_groups(char **tok, size_t n, const char *digits)
{
	unsigned int count = 0;

	for (; *tok; tok++) {
		if (!**tok)
			continue;
		if (strlen(*tok) != n || strspn(*tok, digits) != n)
			return false;
		count++;
	}
	return count > 0;
}

/* "c359" of a 16-bit word dump holds the bytes 59 c3. */
static void swap_word(char *tok)
{
	char a = tok[0], b = tok[1];

	tok[0] = tok[2];
	tok[1] = tok[3];
	tok[2] = a;
	tok[3] = b;
}

/*
 * Plain hexdump (and od -x) print 16-bit words after an offset with no
 * colon: "0000000 c359 fbd9", in the machine's little-endian order.  od's
 * default prints octal words, which are no hex at all.
 */
static bool word_groups(struct reader *r, char **tok, bool bare)
{
	char **t;

	if (!bare)
		return true;
	if (all_groups(tok, 6, "01234567")) {
		fail(r, "octal words, as od prints by default, are no hex bytes: dump with od -A x -t x1z, hexdump -C or xxd");
		return false;
	}
	if (!r->words && r->out->len == 0 && all_groups(tok, 4, "0123456789abcdefABCDEF"))
		r->words = true;
	if (!r->words)
		return true;
	for (t = tok; *t; t++) {
		if (!**t)
			continue;
		if (strlen(*t) != 4 || !all_hex(*t, 4)) {
			fail(r, "'%s' is not a 16-bit word, as the lines before it were", *t);
			return false;
		}
		swap_word(*t);
	}
	return true;
}

static bool data_tokens(struct reader *r, char *s, bool piped, bool bare)
{
	GByteArray *line = g_byte_array_new();
	char *gap = piped ? NULL : strstr(g_strchug(s), "  ");
	char **tok, **t;
	bool ok;

	/* hexdump -x spaces its words widely: no character column there. */
	tok = g_strsplit_set(s, " \t", -1);
	if (bare && (r->words || (!r->out->len &&
				  all_groups(tok, 4, "0123456789abcdefABCDEF"))))
		gap = NULL;
	if (gap) {
		*gap = '\0';
		g_strfreev(tok);
		tok = g_strsplit_set(s, " \t", -1);
	}
	ok = word_groups(r, tok, bare);
	for (t = tok; ok && *t; t++)
		ok = add_token(r, *t, line);
	if (ok && line->len) {
		g_byte_array_append(r->out, line->data, line->len);
		g_byte_array_set_size(r->last, 0);
		g_byte_array_append(r->last, line->data, line->len);
	}
	g_strfreev(tok);
	g_byte_array_unref(line);
	return ok;
}

/* hexdump -C: "...  |..../...|"; its bytes have double blanks inside. */
static char *pipe_column(char *s)
{
	size_t n = strlen(s);
	char *bar = strchr(s, '|');

	return n && s[n - 1] == '|' && bar != s + n - 1 ? bar : NULL;
}

/*
 * od prints its offsets in octal unless told otherwise: "0000020" after
 * 16 bytes.  Read them so once hex does not fit and octal does.
 */
static uint64_t bare_offset_value(struct reader *r, const char *digits,
				  size_t n, uint64_t hex)
{
	char buf[24];
	uint64_t oct;

	if (n >= sizeof(buf) || strspn(digits, "01234567") < n)
		return hex;
	memcpy(buf, digits, n);
	buf[n] = '\0';
	oct = strtoull(buf, NULL, 8);
	if (!r->octal && (hex == r->out->len || oct != r->out->len))
		return hex;
	r->octal = true;
	return oct;
}

/* A 16-bit word dump of an odd length pads its last word with a zero. */
static bool reach_end(struct reader *r, uint64_t off)
{
	if (r->words && r->out->len && off == r->out->len - 1U) {
		g_byte_array_set_size(r->out, r->out->len - 1);
		return true;
	}
	return reach(r, off);
}

static bool one_line(struct reader *r, char *s)
{
	bool has_off = false, bare = false;
	uint64_t off = 0;
	char *bar, *first;

	if (!strcmp(g_strstrip(s), "*")) {
		r->repeat = true;
		return true;
	}
	bar = pipe_column(s);
	if (bar)
		*bar = '\0';
	s = skip_prefix(s, &has_off, &off);
	if (!has_off) {
		first = g_strchug(s);
		s = bare_offset(s, &has_off, &off);
		bare = has_off;
		if (bare)
			off = bare_offset_value(r, first,
						strcspn(first, " \t"), off);
	}
	if (!has_off && r->offsets && all_hex(g_strstrip(s), strlen(s)) &&
	    strlen(s) >= 6) {
		/* od and hexdump end with the total length alone. */
		return reach_end(r, bare_offset_value(r, s, strlen(s),
					strtoull(s, NULL, 16)));
	}
	if (has_off) {
		r->offsets = true;
		if (!reach(r, off))
			return false;
	}
	return data_tokens(r, s, bar != NULL, bare);
}

/*
 * Lines are cut one at a time: g_strsplit() searches with strstr(), which
 * under ASan measures the whole rest of the text at every line, so a dump
 * of a megabyte took minutes there.
 */
bool hexdump_parse(const char *text, GByteArray *out, char **err)
{
	struct reader r = { .out = out, .last = g_byte_array_new() };
	char *copy = g_strdup(text), *line, *next;
	bool ok = true;

	for (line = copy; ok && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		r.lineno++;
		if (!*g_strstrip(line))
			continue;
		ok = one_line(&r, line);
	}
	if (ok && !out->len) {
		r.err = g_strdup("no bytes in the dump");
		ok = false;
	}
	if (!ok)
		*err = r.err;
	g_free(copy);
	g_byte_array_unref(r.last);
	return ok;
}
