// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim decode: register values or a memory transaction descriptor in
 * FF-A terms, for someone holding a log line or a dump and the spec open.
 *
 *   ffa-sim decode 0x84000063 0x10002
 *   ffa-sim decode x0=0xc4000073 x1=0x60 x2=0x60
 *   ffa-sim decode --answer-to 'FFA_FEATURES FFA_FN64_RXTX_MAP' 0x84000061 0 0x10000
 *   dmesg | ffa-sim decode --stdin
 *   ffa-sim decode --descriptor desc.bin --layout 1.1
 *
 * Exit status: 0 when nothing is flagged, 1 when a value breaks a rule,
 * 2 when the input cannot be read.
 */
#include <stdio.h>
#include <string.h>

#include "sim/cli/cmd.h"
#include "sim/view/report.h"
#include "sim/decode/decode.h"
#include "sim/decode/decode_desc.h"
#include "sim/decode/decode_input.h"
#include "sim/decode/hexdump.h"
#include "spmc_mock/ffa_abi.h"

struct decode_opts {
	gboolean from_stdin;
	char *answer_to, *descriptor, *layout;
};

static int print_regs(const uint64_t *request, const uint64_t *regs,
		      const char *indent)
{
	GString *out = g_string_new(NULL);
	struct decoded d;
	unsigned int problems;

	decode_smc(request, regs, &d);
	decoded_print(&d, indent, out);
	fputs(out->str, stdout);
	problems = d.problems;
	decoded_free(&d);
	g_string_free(out, TRUE);
	return problems ? 1 : 0;
}

/*
 * The call an answer answers, as given: a name alone says nothing of its
 * arguments, so "FFA_VERSION" must not print as "FFA_VERSION 0.0".
 */
static char *answered_call(const char *given, const uint64_t *req)
{
	char **words = g_strsplit_set(given, " \t", -1);
	unsigned int n = 0;
	char **w;
	const char *name;

	for (w = words; *w; w++)
		n += **w != '\0';
	g_strfreev(words);
	name = ffa_func_name((uint32_t)req[0]);
	if (n == 1 && !strchr(given, '=') && name)
		return g_strdup(name);
	return decode_brief(NULL, req);
}

static int from_args(char **args, int n, const char *answer_to)
{
	uint64_t regs[SMC_NR_REGS], req[SMC_NR_REGS];
	char *err = NULL, *brief;

	if (answer_to && !decode_parse_args((char **)&answer_to, 1, req, &err)) {
		fprintf(stderr, "ffa-sim decode: --answer-to: %s\n", err);
		g_free(err);
		return 2;
	}
	if (!decode_parse_args(args, n, regs, &err)) {
		fprintf(stderr, "ffa-sim decode: %s\n", err);
		g_free(err);
		return 2;
	}
	if (answer_to) {
		brief = answered_call(answer_to, req);
		printf("answer to %s\n", brief);
		g_free(brief);
	}
	return print_regs(answer_to ? req : NULL, regs, "");
}

static int print_set(const struct paste_set *s)
{
	/* A pasted log may hold escapes: none reaches the terminal. */
	char *brief, *text = report_one_line(s->text);

	if (s->first_line == s->last_line)
		printf("line %u: %s\n", s->first_line, text);
	else
		printf("lines %u-%u: %s\n", s->first_line, s->last_line,
		       text);
	g_free(text);
	if (s->error) {
		printf("  ! %s\n", s->error);
		return 1;
	}
	if (s->has_request) {
		brief = decode_brief(NULL, s->request);
		printf("  answers line %u: %s\n", s->request_line, brief);
		g_free(brief);
	}
	return print_regs(s->has_request ? s->request : NULL, s->regs, "  ");
}

/* Longer lines are no log line and no register dump: skipped, said. */
#define DECODE_MAX_LINE		65536

/*
 * The next line of @in into @line, without its line ending, however long
 * it is (a long line is not two lines); only its first DECODE_MAX_LINE
 * bytes are kept, and *too_long says there were more.  False at the end.
 */
static bool read_line(FILE *in, GString *line, bool *too_long)
{
	char chunk[4096];
	bool any = false;
	size_t n;

	g_string_truncate(line, 0);
	*too_long = false;
	while (fgets(chunk, sizeof(chunk), in)) {
		any = true;
		n = strlen(chunk);
		if (line->len + n > DECODE_MAX_LINE + 1)
			*too_long = true;
		else
			g_string_append_len(line, chunk, (gssize)n);
		if (n && chunk[n - 1] == '\n')
			break;
	}
	while (line->len && (line->str[line->len - 1] == '\n' ||
			     line->str[line->len - 1] == '\r'))
		g_string_truncate(line, line->len - 1);
	return any;
}

/*
 * Line by line as the input comes, each set printed as soon as it is
 * complete, in constant memory: `dmesg -w | ffa-sim decode --stdin`
 * prints while dmesg runs, and a log of any size fits.
 */
static int from_stdin(void)
{
	GPtrArray *sets = g_ptr_array_new_with_free_func((GDestroyNotify)paste_set_free);
	struct paste *p = paste_new();
	GString *line = g_string_new(NULL);
	unsigned int i, printed = 0, lineno = 0;
	bool too_long, more;
	int ret = 0;

	do {
		more = read_line(stdin, line, &too_long);
		if (more) {
			lineno++;
			if (too_long)
				fprintf(stderr, "ffa-sim decode: line %u is longer than %u bytes: skipped\n",
					lineno, DECODE_MAX_LINE);
			paste_line(p, too_long ? "" : line->str, sets);
		} else {
			paste_finish(p, sets);
		}
		for (i = 0; i < sets->len; i++) {
			if (printed++)
				putchar('\n');
			ret |= print_set(sets->pdata[i]);
		}
		if (sets->len)
			fflush(stdout);
		g_ptr_array_set_size(sets, 0);
	} while (more);
	if (!printed) {
		fprintf(stderr, "ffa-sim decode: no register values found in the input\n");
		ret = 2;
	}
	g_string_free(line, TRUE);
	paste_free(p);
	g_ptr_array_unref(sets);
	return ret;
}

static bool parse_layout(const char *text, uint32_t *layout)
{
	if (!text)
		*layout = 0;
	else if (!strcmp(text, "1.0"))
		*layout = FFA_VERSION_1_0;
	else if (!strcmp(text, "1.1"))
		*layout = FFA_VERSION_1_1;
	else if (!strcmp(text, "1.2"))
		*layout = FFA_VERSION_1_2;
	else
		return false;
	return true;
}

static bool read_input(const char *path, GByteArray *bytes, char **err)
{
	GError *error = NULL;
	gchar *data = NULL;
	gsize len = 0;
	bool ok;

	if (strcmp(path, "-")) {
		if (!g_file_get_contents(path, &data, &len, &error)) {
			*err = g_strdup(error->message);
			g_error_free(error);
			return false;
		}
	} else {
		GString *s = g_string_new(NULL);
		char chunk[4096];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), stdin)))
			g_string_append_len(s, chunk, (gssize)n);
		len = s->len;
		data = g_string_free(s, FALSE);
	}
	if (!hexdump_is_text((const uint8_t *)data, len)) {
		g_byte_array_append(bytes, (const uint8_t *)data, (guint)len);
		ok = len > 0;
		if (!ok)
			*err = g_strdup("empty");
	} else {
		ok = hexdump_parse(data, bytes, err);
	}
	g_free(data);
	return ok;
}

static int from_descriptor(const char *path, const char *layout_text)
{
	GByteArray *bytes = g_byte_array_new();
	GString *out = g_string_new(NULL);
	char *err = NULL;
	uint32_t layout;
	int ret = 2;

	if (!parse_layout(layout_text, &layout)) {
		fprintf(stderr, "ffa-sim decode: --layout: '%s' is not 1.0, 1.1 or 1.2\n",
			layout_text);
	} else if (!read_input(path, bytes, &err)) {
		fprintf(stderr, "ffa-sim decode: %s: %s\n", path, err);
		g_free(err);
	} else {
		ret = decode_descriptor(bytes->data, bytes->len, layout, out) ?
		      1 : 0;
		fputs(out->str, stdout);
	}
	g_string_free(out, TRUE);
	g_byte_array_unref(bytes);
	return ret;
}

static const char summary[] =
	"Says what register values or a memory transaction descriptor mean in\n"
	"FF-A terms.  VALUEs set x0, x1, ... in turn; NAME=VALUE sets one\n"
	"register (x0..x17, or w0..w17 for the low 32 bits).  A VALUE is a\n"
	"number (0x hex, else decimal, -2 allowed) or a scenario expression:\n"
	"FFA_MEM_SHARE, INVALID_PARAMETERS, version(1, 2).  --stdin reads\n"
	"pasted lines instead: ffa-sim --trace output, and log lines with x0=,\n"
	"\"x0 : \" (arm64 register dumps) or 0x numbers around a function ID,\n"
	"whose values are read as hex.  Exit status: 0 when nothing is\n"
	"flagged, 1 when a value breaks a rule, 2 when the input is unusable.";

static bool parse(int *argc, char ***argv, struct decode_opts *o)
{
	const GOptionEntry entries[] = {
		{ "stdin", 0, 0, G_OPTION_ARG_NONE, &o->from_stdin,
		  "Read pasted log or trace lines from standard input", NULL },
		{ "answer-to", 'a', 0, G_OPTION_ARG_STRING, &o->answer_to,
		  "Decode the values as the answer to this call", "VALUES" },
		{ "descriptor", 'd', 0, G_OPTION_ARG_FILENAME, &o->descriptor,
		  "Decode a descriptor: raw bytes or a hex dump (- for stdin)",
		  "FILE" },
		{ "layout", 'l', 0, G_OPTION_ARG_STRING, &o->layout,
		  "The descriptor's layout: 1.0, 1.1 or 1.2 (default: guessed)",
		  "V" },
		{ NULL }
	};
	bool ok;
	int i;

	/* "-2" is a value, not an option: keep what GOption does not know. */
	ok = cmd_parse_options("decode", argc, argv, entries,
			       "[VALUE | NAME=VALUE]... - FF-A registers and descriptors in words",
			       summary, true);
	for (i = 1; ok && i < *argc; i++) {
		if (!strcmp((*argv)[i], "--")) {
			/* Everything after it is a value: drop the "--". */
			memmove(*argv + i, *argv + i + 1,
				(size_t)(*argc - i) * sizeof(**argv));
			(*argc)--;
			break;
		}
		if (!strncmp((*argv)[i], "--", 2)) {
			fprintf(stderr, "ffa-sim decode: unknown option %s (try --help)\n",
				(*argv)[i]);
			ok = false;
		}
	}
	return ok;
}

static int run(int argc, char **argv, const struct decode_opts *o)
{
	if (o->descriptor || o->layout) {
		if (!o->descriptor || argc > 1 || o->from_stdin) {
			fprintf(stderr, "ffa-sim decode: --descriptor FILE [--layout V] takes no register values\n");
			return 2;
		}
		return from_descriptor(o->descriptor, o->layout);
	}
	if (o->from_stdin) {
		if (argc > 1 || o->answer_to) {
			fprintf(stderr, "ffa-sim decode: --stdin takes no register values\n");
			return 2;
		}
		return from_stdin();
	}
	return from_args(argv + 1, argc - 1, o->answer_to);
}

int cmd_decode(int argc, char **argv)
{
	struct decode_opts o = { 0 };
	int ret = 2;

	if (parse(&argc, &argv, &o))
		ret = run(argc, argv, &o);
	g_free(o.answer_to);
	g_free(o.descriptor);
	g_free(o.layout);
	return ret;
}
