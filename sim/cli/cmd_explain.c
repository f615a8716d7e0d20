// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim explain FILE [--case LABEL] [--text]: a scenario as a Mermaid
 * sequence diagram (or plain text), for docs and review mails.  The
 * scenario is run, in a child process as `run` does since ffa.c's state
 * lives in statics, and the diagram is drawn from the hops that run
 * produced: the real SMCs, not what the scenario file suggests.
 */
#include <stdio.h>
#include <string.h>

#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "sim/cli/cmd.h"
#include "sim/exec/exec.h"
#include "sim/view/explain.h"
#include "sim/view/report.h"
#include "sim/run/isolate.h"

struct explain_opts {
	char *case_label;
	gboolean text;
	double timeout;
};

struct explain_job {
	const struct scenario *s;
	bool text;
};

/* In the child: run the scenario with the explainer watching, draw it. */
static char *draw(void *ctx)
{
	const struct explain_job *job = ctx;
	struct scen_result *r = scen_result_new(job->s->id, job->s->file,
						 job->s->line);
	struct exec_hooks hooks = { .step_started = explain_step_started };
	GString *out = g_string_new(NULL);
	struct explain e;

	explain_init(&e, job->s);
	e.variant = SIM_VARIANT_NAME;
	hooks.ctx = &e;
	trace_observe(explain_hop, &e);
	exec_scenario(job->s, false, &hooks, r);
	trace_observe(NULL, NULL);
	explain_finish(&e, r);
	if (job->text)
		explain_text(&e, out);
	else
		explain_mermaid(&e, out);
	/* Scenario text and the proxy's bytes: no escape reaches a terminal. */
	report_clean_lines(out);
	explain_free(&e);
	scen_result_free(r);
	return g_string_free(out, FALSE);
}

/* Is @label (up to its closing ']') @want, or "KEY=@want"? */
static bool label_is(const char *label, const char *want)
{
	const char *eq = strchr(label, '=');
	size_t n = strlen(want);

	if (!strncmp(label, want, n) && !strcmp(label + n, "]"))
		return true;
	return eq && !strncmp(eq + 1, want, n) && !strcmp(eq + 1 + n, "]");
}

/* "name[fn=X]" matches "fn=X", "X", "name" and the whole. */
static bool matches(const struct scenario *s, const char *want)
{
	const char *open = strchr(s->id, '[');
	size_t n = strlen(want);

	if (!strcmp(s->id, want))
		return true;
	if (open && !strncmp(s->id, want, n) && s->id + n == open)
		return true;
	return open && label_is(open + 1, want);
}

static void list_ids(GPtrArray *scens)
{
	unsigned int i;
	char *id;

	for (i = 0; i < scens->len; i++) {
		id = report_one_line(((const struct scenario *)
				      scens->pdata[i])->id);
		fprintf(stderr, "  %s\n", id);
		g_free(id);
	}
}

static const struct scenario *choose(GPtrArray *scens, const char *path,
				     const char *want)
{
	GPtrArray *pick = g_ptr_array_new();
	const struct scenario *s = NULL;
	unsigned int i;

	for (i = 0; i < scens->len; i++)
		if (!want || matches(scens->pdata[i], want))
			g_ptr_array_add(pick, scens->pdata[i]);
	if (pick->len == 1) {
		s = pick->pdata[0];
	} else if (!pick->len) {
		fprintf(stderr, "ffa-sim explain: %s has no scenario or case '%s'; it has:\n",
			path, want);
		list_ids(scens);
	} else {
		fprintf(stderr, "ffa-sim explain: %s holds %u scenarios%s%s; choose one with --case:\n",
			path, pick->len, want ? " matching " : "",
			want ? want : "");
		list_ids(pick);
	}
	g_ptr_array_unref(pick);
	return s;
}

static bool load(const char *path, GPtrArray *scens)
{
	bool ok = scenario_load_file_report(path, hyp_page_size(), scens,
					    stderr);

	if (ok && !scens->len) {
		fprintf(stderr, "ffa-sim explain: %s holds no scenario\n", path);
		ok = false;
	}
	return ok;
}

static int explain_one(const struct scenario *s, const struct explain_opts *o)
{
	struct explain_job job = { .s = s, .text = o->text };
	GByteArray *out = g_byte_array_new();
	char *why = NULL;
	int ret = 0;

	if (isolate_capture(draw, &job, o->timeout > 0 ? o->timeout : ISOLATE_DEFAULT_TIMEOUT, out,
			    &why)) {
		fwrite(out->data, 1, out->len, stdout);
	} else {
		fprintf(stderr, "ffa-sim explain: %s: %s\n", s->id, why);
		g_free(why);
		ret = 2;
	}
	g_byte_array_unref(out);
	return ret;
}

static const char summary[] =
	"Runs one scenario and draws what happened as a Mermaid\n"
	"sequenceDiagram (participants Host, EL2 proxy, SPMC and each\n"
	"partition, and with driver: steps the client driver and Linux's\n"
	"FF-A driver), or as text with --text.  A file with several scenarios\n"
	"or cases needs --case: the case label, the scenario name or\n"
	"name[label].  A failing scenario is drawn up to where it failed.\n"
	"Exit status 0 when drawn, 2 when the file does not load or the run\n"
	"dies.";

static bool parse(int *argc, char ***argv, struct explain_opts *o)
{
	const GOptionEntry entries[] = {
		{ "case", 'c', 0, G_OPTION_ARG_STRING, &o->case_label,
		  "The scenario or case of FILE to draw", "LABEL" },
		{ "text", 't', 0, G_OPTION_ARG_NONE, &o->text,
		  "Plain text instead of Mermaid", NULL },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->timeout,
		  "Seconds the run may take (default " ISOLATE_DEFAULT_TIMEOUT_TEXT ")", "S" },
		{ NULL }
	};
	bool ok;

	ok = cmd_parse_options("explain", argc, argv, entries,
			       "FILE - a scenario as a sequence diagram",
			       summary, false);
	if (ok && *argc != 2) {
		fprintf(stderr, "ffa-sim explain: give one scenario file (try --help)\n");
		ok = false;
	}
	return ok;
}

int cmd_explain(int argc, char **argv)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	struct explain_opts o = { 0 };
	const struct scenario *s;
	int ret = 2;

	if (parse(&argc, &argv, &o) && load(argv[1], scens) &&
	    (s = choose(scens, argv[1], o.case_label)))
		ret = explain_one(s, &o);
	g_ptr_array_unref(scens);
	g_free(o.case_label);
	return ret;
}
