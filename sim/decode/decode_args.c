// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register values given as arguments.  Values are expressions of the
 * scenario language, evaluated without a scenario, so the names a
 * scenario writer knows (functions, errors, version(1, 2)) work here too
 * and a typo gets the same "did you mean" as in a scenario file.
 */
#include <stdio.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/decode/decode_input.h"
#include "sim/lang/names.h"

/* "x3", "w2", "a0" (struct arm_smccc_1_2_regs) -> 3, 2, 0; else -1. */
static int register_number(const char *name, size_t len, bool *low32)
{
	char *end;
	long n;

	if (len < 2 || len > 3 || !strchr("xwa", name[0]) ||
	    !g_ascii_isdigit(name[1]))
		return -1;
	n = strtol(name + 1, &end, 10);
	if (end != name + len || (len == 3 && name[1] == '0'))
		return -1;
	*low32 = name[0] == 'w';
	return n < SMC_NR_REGS ? (int)n : SMC_NR_REGS;
}

/*
 * Does a blank at @at, after the word so far @w, sit inside an expression
 * ("HOST_ID << 16 | 0x8001")?  Yes next to a binary operator; a '-' after
 * a blank starts a value of its own ("0x10 -2").
 */
static bool blank_inside(const GString *w, const char *at)
{
	char last = w->len ? w->str[w->len - 1] : '\0';

	while (g_ascii_isspace(*at))
		at++;
	return w->len && *at &&
	       (strchr("+-*/%&|^<>~=", last) || strchr("+*/%&|^<>", *at));
}

/*
 * Split @arg at blanks outside parentheses and outside expressions:
 * "version(1, 2) 0x60" is two values, "HOST_ID << 16 | 0x8001" one.
 */
static void split_words(const char *arg, GPtrArray *words)
{
	GString *w = g_string_new(NULL);
	int depth = 0;

	for (; ; arg++) {
		if (*arg && g_ascii_isspace(*arg) && depth <= 0 &&
		    blank_inside(w, arg)) {
			g_string_append_c(w, ' ');
			continue;
		}
		if (!*arg || (g_ascii_isspace(*arg) && depth <= 0)) {
			if (w->len)
				g_ptr_array_add(words, g_strdup(w->str));
			g_string_truncate(w, 0);
			if (!*arg)
				break;
			continue;
		}
		depth += *arg == '(' ? 1 : *arg == ')' ? -1 : 0;
		g_string_append_c(w, *arg);
	}
	g_string_free(w, TRUE);
}

/* "value:1:5: unknown name 'x'" -> "unknown name 'x'": one word, no lines. */
static const char *without_position(const char *msg)
{
	const char *p = msg + strlen("value:1:");

	p += strspn(p, "0123456789");
	return g_str_has_prefix(msg, "value:1:") && !strncmp(p, ": ", 2) ?
	       p + 2 : msg;
}

static bool eval(struct names *n, const char *word, const char *text,
		 uint64_t *v, char **err)
{
	struct expr_env env = names_env(n);
	struct diag d;
	bool ok;

	diag_init(&d);
	ok = expr_eval_text(text, (struct src_pos){ "value", 1, 1 }, &env, v,
			    &d);
	if (!ok)
		*err = g_strdup_printf("'%s': %s", word,
				       without_position(diag_message(&d, 0)));
	diag_free(&d);
	return ok;
}

static bool one_word(struct names *n, const char *word, int *next,
		     uint64_t *regs, char **err)
{
	const char *eq = strchr(word, '='), *w = word;
	bool low32 = false;
	int reg = *next;
	uint64_t v;

	if (eq) {
		reg = register_number(w, (size_t)(eq - w), &low32);
		if (reg < 0) {
			*err = g_strdup_printf("'%s': expected a register x0..x17 or w0..w17 before '='",
					       w);
			return false;
		}
	}
	if (reg >= SMC_NR_REGS) {
		*err = g_strdup_printf("'%s': an SMC has only x0..x17", word);
		return false;
	}
	if (eq)
		w = eq + 1;
	if (!eval(n, word, w, &v, err))
		return false;
	regs[reg] = low32 ? (uint32_t)v : v;
	*next = reg + 1;
	return true;
}

bool decode_parse_args(char **args, int nargs, uint64_t regs[SMC_NR_REGS],
		       char **err)
{
	GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
	struct scen_setup none = { 0 };
	struct names n;
	bool ok = true;
	int i, next = 0;

	for (i = 0; i < nargs; i++)
		split_words(args[i], words);
	names_init(&n, &none, hyp_page_size());
	memset(regs, 0, SMC_NR_REGS * sizeof(*regs));
	if (!words->len) {
		*err = g_strdup("no register values given");
		ok = false;
	}
	for (i = 0; ok && i < (int)words->len; i++)
		ok = one_word(&n, words->pdata[i], &next, regs, err);
	names_free(&n);
	g_ptr_array_unref(words);
	return ok;
}
