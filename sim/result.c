// SPDX-License-Identifier: GPL-2.0-only
#include "sim/picture.h"
#include "sim/result.h"

static void step_clear(void *data)
{
	struct scen_step_result *step = data;

	g_free(step->title);
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
	g_free(r->trace);
	g_array_unref(r->steps);
	scen_picture_free(r->picture);
	g_free(r);
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
	}
	return "?";
}

bool scen_verdict_is_failure(enum scen_verdict verdict)
{
	return verdict == VERDICT_FAIL || verdict == VERDICT_UNEXPECTED_PASS;
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
}

void run_summary_add(struct run_summary *s, struct scen_result *r)
{
	g_ptr_array_add(s->results, r);
	switch (r->verdict) {
	case VERDICT_PASS:
		s->passed++;
		break;
	case VERDICT_FAIL:
	case VERDICT_UNEXPECTED_PASS:
		s->failed++;
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

char *run_summary_line(const struct run_summary *s)
{
	GString *line = g_string_new(NULL);

	g_string_append_printf(line, "%u passed, %u failed", s->passed,
			       s->failed);
	if (s->skipped)
		g_string_append_printf(line, ", %u skipped", s->skipped);
	if (s->known_failures)
		g_string_append_printf(line, ", %u known failure%s",
				       s->known_failures,
				       s->known_failures == 1 ? "" : "s");
	return g_string_free(line, FALSE);
}
