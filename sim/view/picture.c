// SPDX-License-Identifier: GPL-2.0-only
/*
 * Taking the picture: the scenario runs as `run` runs it, with explain
 * and the page watch both listening to the hops, and the runner's own
 * hooks (the step records a dying child leaves behind) still called.
 */
#include "proxy/hyp/hyp.h"
#include "sim/view/picture.h"

struct picture_job {
	const struct exec_hooks *outer;
	struct scen_picture *p;
	struct page_watch *pages;
};

static void job_step_started(void *ctx, unsigned int idx,
			     const struct step *st)
{
	struct picture_job *job = ctx;

	if (job->outer && job->outer->step_started)
		job->outer->step_started(job->outer->ctx, idx, st);
	explain_step_started(&job->p->explain, idx, st);
	page_watch_step(job->pages, idx, st->title);
}

static void job_progress(void *ctx)
{
	struct picture_job *job = ctx;

	if (job->outer && job->outer->progress)
		job->outer->progress(job->outer->ctx);
}

static void job_hop(void *ctx, const struct trace_hop *hop)
{
	struct picture_job *job = ctx;

	explain_hop(&job->p->explain, hop);
	page_watch_hop(job->pages, hop);
}

void picture_run(const struct scenario *s, bool trace,
		 const struct exec_hooks *hooks, struct scen_result *r)
{
	struct scen_picture *p = g_new0(struct scen_picture, 1);
	struct picture_job job = { .outer = hooks, .p = p };
	struct exec_hooks mine = { .step_started = job_step_started,
				   .progress = job_progress, .ctx = &job };

	p->rows = g_ptr_array_new();
	explain_init(&p->explain, s);
	job.pages = page_watch_new(s, hyp_page_size());
	trace_observe(job_hop, &job);
	exec_scenario(s, true, &mine, r);
	trace_observe(NULL, NULL);
	explain_finish(&p->explain, r);
	p->explain.s = NULL;
	page_watch_finish(job.pages, p);
	if (trace) {
		p->trace = g_strdup(r->trace);
	} else {
		p->trace = r->trace;
		r->trace = NULL;
	}
	scen_result_attach_picture(r, p, scen_picture_free);
}

static void row_free(struct picture_row *row)
{
	g_free(row->name);
	g_free(row->before);
	g_free(row->after);
	g_free(row->at);
	g_free(row);
}

void scen_picture_free(struct scen_picture *p)
{
	if (!p)
		return;
	explain_free(&p->explain);
	g_ptr_array_foreach(p->rows, (GFunc)(void *)row_free, NULL);
	g_ptr_array_free(p->rows, TRUE);
	if (p->moments)
		g_ptr_array_unref(p->moments);
	g_free(p->trace);
	g_free(p);
}
