// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "sim/exec/result.h"

static void step_clear(void *data)
{
	struct scen_step_result *step = data;

	g_free(step->title);
	g_free(step->got);
}

struct scen_result *scen_result_new(const char *id, const char *file,
				    unsigned int line)
{
	struct scen_result *r = g_new0(struct scen_result, 1);

	r->id = g_strdup(id);
	r->file = g_strdup(file);
	r->line = line;
	r->tags = g_ptr_array_new_with_free_func(g_free);
	r->steps = g_array_new(FALSE, TRUE, sizeof(struct scen_step_result));
	g_array_set_clear_func(r->steps, step_clear);
	r->unreached = g_ptr_array_new_with_free_func(g_free);
	r->status = SCEN_PASS;
	r->verdict = VERDICT_PASS;
	return r;
}

void scen_result_free(struct scen_result *r)
{
	if (!r)
		return;
	g_free(r->id);
	g_free(r->file);
	g_free(r->description);
	g_ptr_array_unref(r->tags);
	g_free(r->message);
	g_free(r->known_reason);
	g_free(r->known_outcome);
	g_free(r->trace);
	g_array_unref(r->steps);
	g_ptr_array_unref(r->unreached);
	if (r->picture)
		r->picture_free(r->picture);
	g_free(r);
}

void scen_result_attach_picture(struct scen_result *r, struct scen_picture *p,
				void (*picture_free)(struct scen_picture *p))
{
	if (r->picture)
		r->picture_free(r->picture);
	r->picture = p;
	r->picture_free = picture_free;
}

void scen_result_add_step(struct scen_result *r, const char *title,
			  unsigned int line, bool ok)
{
	struct scen_step_result step = {
		.title = g_strdup(title),
		.line = line,
		.ok = ok,
	};

	g_array_append_val(r->steps, step);
}

void scen_result_step_got(struct scen_result *r, const char *got)
{
	struct scen_step_result *step;

	if (!r->steps->len || !got)
		return;
	step = &g_array_index(r->steps, struct scen_step_result,
			      r->steps->len - 1);
	g_free(step->got);
	step->got = g_strdup(got);
}

/* Lower-case single words: they also appear in machine-read output. */
const char *scen_status_name(enum scen_status status)
{
	switch (status) {
	case SCEN_PASS:
		return "pass";
	case SCEN_FAIL:
		return "fail";
	case SCEN_SKIP:
		return "skip";
	case SCEN_CRASH:
		return "crash";
	}
	return "?";
}

const char *scen_verdict_name(enum scen_verdict verdict)
{
	switch (verdict) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_FAIL:
		return "fail";
	case VERDICT_SKIP:
		return "skip";
	case VERDICT_KNOWN_FAIL:
		return "known-fail";
	case VERDICT_UNEXPECTED_PASS:
		return "unexpected-pass";
	case VERDICT_FIXED:
		return "fixed";
	case VERDICT_FAILS_DIFFERENTLY:
		return "fails-differently";
	}
	return "?";
}

bool scen_verdict_is_failure(enum scen_verdict verdict)
{
	return verdict == VERDICT_FAIL || verdict == VERDICT_UNEXPECTED_PASS ||
	       verdict == VERDICT_FAILS_DIFFERENTLY;
}

static bool explored(const char *line)
{
	return strstr(line, " order explored breaks the scenario");
}

/*
 * "file:line: step N (title):" + the first line under it.  A concurrent
 * step whose explored order failed says so first (with a replay file in
 * the temporary folder, which is no part of how it failed), then what
 * failed in that order; under a CPU's heading ("cpu 0: call X (line 25):")
 * the first difference is the line after it.
 */
char *scen_result_outcome(const struct scen_result *r)
{
	unsigned int i = 1;
	char *head, *replay;
	char **lines;
	GString *out;

	if (!r->message || r->status == SCEN_PASS)
		return g_strdup("");
	lines = g_strsplit(r->message, "\n", 6);
	head = lines[0] ? strstr(lines[0], ": ") : NULL;
	head = head ? head + 2 : lines[0];
	out = g_string_new(head ? head : "");
	if (lines[0] && lines[1] && explored(g_strstrip(lines[1]))) {
		replay = strstr(lines[1], "; replay: ");
		if (replay)
			*replay = '\0';
		g_string_append_printf(out, " %s:", lines[1]);
		i = 2;
	}
	for (; lines[0] && lines[i] && i < 5; i++) {
		g_strstrip(lines[i]);
		if (i > 1 && g_str_has_prefix(lines[i], "last hops"))
			break;
		g_string_append_printf(out, " %s", lines[i]);
		if (!g_str_has_suffix(lines[i], ":"))
			break;
	}
	g_strfreev(lines);
	return g_string_free(out, FALSE);
}

static bool is_name_char(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '/' ||
	       c == '.';
}

/* Does @p, just past a ':', end a source file name "x.c" or "x.h"? */
static bool after_source_name(const char *start, const char *colon)
{
	return colon - start >= 3 && colon[-2] == '.' &&
	       (colon[-1] == 'c' || colon[-1] == 'h') &&
	       is_name_char(colon[-3]);
}

char *scen_outcome_key(const char *outcome)
{
	GString *key = g_string_new(NULL);
	const char *p = outcome ? outcome : "";

	while (*p) {
		if (*p == ':' && g_ascii_isdigit(p[1]) &&
		    after_source_name(outcome, p)) {
			for (p++; g_ascii_isdigit(*p); p++)
				;
			continue;
		}
		if (g_ascii_isspace(*p)) {
			if (key->len && key->str[key->len - 1] != ' ')
				g_string_append_c(key, ' ');
			p++;
			continue;
		}
		g_string_append_c(key, *p++);
	}
	while (key->len && key->str[key->len - 1] == ' ')
		g_string_truncate(key, key->len - 1);
	return g_string_free(key, FALSE);
}

bool scen_outcomes_match(const char *a, const char *b)
{
	char *ka = scen_outcome_key(a), *kb = scen_outcome_key(b);
	bool same = !strcmp(ka, kb);

	g_free(ka);
	g_free(kb);
	return same;
}

void run_summary_init(struct run_summary *s, const char *variant)
{
	s->results = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scen_result_free);
	s->notices = g_ptr_array_new_with_free_func(g_free);
	s->variant = g_strdup(variant);
	s->passed = 0;
	s->failed = 0;
	s->skipped = 0;
	s->known_failures = 0;
	s->fixed = 0;
	s->stale = 0;
}

void run_summary_add(struct run_summary *s, struct scen_result *r)
{
	g_ptr_array_add(s->results, r);
	switch (r->verdict) {
	case VERDICT_PASS:
		s->passed++;
		break;
	case VERDICT_FAIL:
	case VERDICT_FAILS_DIFFERENTLY:
		s->failed++;
		break;
	case VERDICT_UNEXPECTED_PASS:
		s->stale++;
		/* fall through */
	case VERDICT_FIXED:
		s->fixed++;
		break;
	case VERDICT_SKIP:
		s->skipped++;
		break;
	case VERDICT_KNOWN_FAIL:
		s->known_failures++;
		break;
	}
}

void run_summary_free(struct run_summary *s)
{
	if (s->results)
		g_ptr_array_unref(s->results);
	if (s->notices)
		g_ptr_array_unref(s->notices);
	g_free(s->variant);
	s->results = NULL;
	s->notices = NULL;
	s->variant = NULL;
}

bool run_summary_is_red(const struct run_summary *s)
{
	return s->failed || s->stale;
}

char *run_summary_line(const struct run_summary *s)
{
	GString *line = g_string_new(NULL);

	g_string_append_printf(line, "%u passed, %u failed", s->passed,
			       s->failed);
	if (s->fixed)
		g_string_append_printf(line, ", %u fixed", s->fixed);
	if (s->skipped)
		g_string_append_printf(line, ", %u skipped", s->skipped);
	if (s->known_failures)
		g_string_append_printf(line, ", %u known failure%s",
				       s->known_failures,
				       s->known_failures == 1 ? "" : "s");
	return g_string_free(line, FALSE);
}
