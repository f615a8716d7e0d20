// SPDX-License-Identifier: GPL-2.0-only
/*
 * The child writes records "type byte, u32 length, payload": 'S' when a
 * step starts (payload: its index), 'P' before the result when the run
 * took a picture for --html (sim/picture.h), 'R' once with the result
 * serialised as a GVariant.  Whatever the child managed to say before
 * dying tells the parent where it died.  A record the parent does not
 * know is skipped, so a new kind never changes the old ones.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/exec.h"
#include "sim/isolate.h"
#include "sim/picture.h"
#include "sim/record.h"

#define RESULT_TYPE	"(ussda(sub))"

struct job {
	pid_t pid;
	int fd;
	unsigned int idx;	/* into scens */
	GByteArray *buf;
	double started;
	bool killed;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child_step_started(void *ctx, unsigned int idx,
			       const struct step *st)
{
	uint32_t i = idx;

	(void)st;
	record_put(*(int *)ctx, 'S', &i, sizeof(i));
}

static GVariant *result_to_variant(const struct scen_result *r)
{
	GVariantBuilder steps;
	unsigned int i;

	g_variant_builder_init(&steps, G_VARIANT_TYPE("a(sub)"));
	for (i = 0; i < r->steps->len; i++) {
		const struct scen_step_result *s =
			&g_array_index(r->steps, struct scen_step_result, i);

		g_variant_builder_add(&steps, "(sub)", s->title, s->line, s->ok);
	}
	return g_variant_new(RESULT_TYPE, r->status,
			     r->message ? r->message : "",
			     r->trace ? r->trace : "", r->seconds, &steps);
}

#ifdef SIM_COVERAGE
void __gcov_dump(void);
#else
static inline void __gcov_dump(void)
{
}
#endif

static void __attribute__((noreturn)) child(const struct scenario *s,
					    const struct isolate_opts *opts,
					    int fd)
{
	struct exec_hooks hooks = { .step_started = child_step_started,
				    .ctx = &fd };
	struct scen_result *r = scen_result_new(s->id, s->file, s->line);
	GVariant *v;

	(opts->child_run ? opts->child_run : exec_scenario)(s, opts->trace,
							   &hooks, r);
	if (r->picture) {
		GBytes *pic = scen_picture_to_bytes(r->picture);
		gsize len;
		const void *data = g_bytes_get_data(pic, &len);

		record_put(fd, 'P', data, (uint32_t)len);
		g_bytes_unref(pic);
	}
	v = g_variant_ref_sink(result_to_variant(r));
	record_put(fd, 'R', g_variant_get_data(v),
		   (uint32_t)g_variant_get_size(v));
	/* _exit() skips the coverage counters' atexit writer. */
	__gcov_dump();
	_exit(0);
}

static bool start_job(struct job *j, const struct scenario *s,
		      const struct isolate_opts *opts, unsigned int idx)
{
	int fd;

	j->pid = record_fork(&fd);
	if (j->pid < 0)
		return false;
	if (!j->pid)
		child(s, opts, fd);
	j->fd = fd;
	j->idx = idx;
	j->buf = g_byte_array_new();
	j->started = now();
	j->killed = false;
	return true;
}

static void result_from_variant(struct scen_result *r, const void *data,
				size_t len)
{
	void *copy = g_memdup2(data, len);
	GVariant *v = g_variant_new_from_data(G_VARIANT_TYPE(RESULT_TYPE),
					      copy, len, FALSE, g_free, copy);
	const char *message, *trace, *title;
	GVariantIter *steps;
	guint32 status, line;
	gboolean ok;

	g_variant_ref_sink(v);
	g_variant_get(v, "(u&s&sda(sub))", &status, &message, &trace,
		      &r->seconds, &steps);
	r->status = (enum scen_status)status;
	r->message = *message ? g_strdup(message) : NULL;
	r->trace = *trace ? g_strdup(trace) : NULL;
	while (g_variant_iter_loop(steps, "(&sub)", &title, &line, &ok))
		scen_result_add_step(r, title, line, ok);
	g_variant_iter_free(steps);
	g_variant_unref(v);
}

/* Walk the records: the last step started, and the result if any. */
static bool parse_records(const GByteArray *buf, struct scen_result *r,
			  int *last_step)
{
	size_t off = 0;
	uint32_t len, idx;

	*last_step = -1;
	while (off + 5 <= buf->len) {
		memcpy(&len, buf->data + off + 1, sizeof(len));
		if (off + 5 + len > buf->len)
			break;
		if (buf->data[off] == 'S' && len == sizeof(idx)) {
			memcpy(&idx, buf->data + off + 5, sizeof(idx));
			*last_step = (int)idx;
		} else if (buf->data[off] == 'P' && !r->picture) {
			r->picture = scen_picture_from_bytes(buf->data + off + 5,
							     len);
		} else if (buf->data[off] == 'R') {
			result_from_variant(r, buf->data + off + 5, len);
			return true;
		}
		off += 5 + len;
	}
	return false;
}

static char *where(const struct scenario *s, int step)
{
	const struct step *st;

	if (step < 0 || (unsigned int)step >= s->steps->len)
		return g_strdup_printf("%s:%u: setup", s->file, s->line);
	st = g_ptr_array_index(s->steps, step);
	return g_strdup_printf("%s:%u: step %d (%s)", s->file, st->pos.line,
			       step + 1, st->title);
}

static struct scen_result *finish_job(struct job *j, const struct scenario *s,
				      const struct isolate_opts *opts)
{
	struct scen_result *r = scen_result_new(s->id, s->file, s->line);
	int status = 0, step;
	char *at;

	while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
		;
	close(j->fd);
	if (!parse_records(j->buf, r, &step)) {
		at = where(s, step);
		r->status = SCEN_CRASH;
		if (j->killed)
			r->message = g_strdup_printf("%s:\n  time limit of %g s exceeded: the scenario hangs",
						     at, opts->timeout);
		else if (WIFSIGNALED(status))
			r->message = g_strdup_printf("%s:\n  the scenario's process died of %s",
						     at, strsignal(WTERMSIG(status)));
		else
			r->message = g_strdup_printf("%s:\n  the scenario's process exited with %d before reporting",
						     at, WEXITSTATUS(status));
		g_free(at);
		r->seconds = now() - j->started;
	}
	g_ptr_array_extend(r->tags, s->tags, (GCopyFunc)(void *)g_strdup, NULL);
	r->description = g_strdup(s->description);
	g_byte_array_free(j->buf, TRUE);
	return r;
}

/* Read what is there; true at end of file. */
static bool drain(struct job *j)
{
	uint8_t chunk[4096];
	ssize_t n;

	n = read(j->fd, chunk, sizeof(chunk));
	if (n < 0)
		return errno != EINTR && errno != EAGAIN;
	if (n == 0)
		return true;
	g_byte_array_append(j->buf, chunk, (guint)n);
	return false;
}

struct run_state {
	GPtrArray *scens;
	const struct isolate_opts *opts;
	struct job *jobs;
	unsigned int running, next;
	struct scen_result **done;	/* by index, until reported in order */
	unsigned int reported;
	void (*report)(void *ctx, struct scen_result *r);
	void *ctx;
};

static void report_in_order(struct run_state *st)
{
	while (st->reported < st->scens->len && st->done[st->reported]) {
		st->report(st->ctx, st->done[st->reported]);
		st->reported++;
	}
}

static void fill_slots(struct run_state *st)
{
	while (st->running < st->opts->jobs && st->next < st->scens->len) {
		struct job *j = &st->jobs[st->running];
		const struct scenario *s = g_ptr_array_index(st->scens, st->next);

		if (!start_job(j, s, st->opts, st->next)) {
			struct scen_result *r = scen_result_new(s->id, s->file,
								 s->line);

			r->status = SCEN_CRASH;
			r->message = g_strdup_printf("cannot start a process: %s",
						     strerror(errno));
			st->done[st->next++] = r;
			continue;
		}
		st->next++;
		st->running++;
	}
}

static void end_job(struct run_state *st, unsigned int k)
{
	struct job *j = &st->jobs[k];

	st->done[j->idx] = finish_job(j, g_ptr_array_index(st->scens, j->idx),
				      st->opts);
	st->jobs[k] = st->jobs[--st->running];
}

static void poll_jobs(struct run_state *st)
{
	struct pollfd pfd[st->running];
	unsigned int k;
	double t = now();

	for (k = 0; k < st->running; k++)
		pfd[k] = (struct pollfd){ .fd = st->jobs[k].fd, .events = POLLIN };
	if (poll(pfd, st->running, 100) < 0 && errno != EINTR)
		return;
	for (k = st->running; k-- > 0;) {
		struct job *j = &st->jobs[k];

		if ((pfd[k].revents & (POLLIN | POLLHUP | POLLERR)) && drain(j)) {
			end_job(st, k);
			continue;
		}
		if (!j->killed && t - j->started > st->opts->timeout) {
			kill(j->pid, SIGKILL);
			j->killed = true;
		}
	}
}

void isolate_run_all(GPtrArray *scens, const struct isolate_opts *opts,
		     void (*done)(void *ctx, struct scen_result *r),
		     void *ctx)
{
	struct run_state st = {
		.scens = scens,
		.opts = opts,
		.jobs = g_new0(struct job, opts->jobs),
		.done = g_new0(struct scen_result *, scens->len + 1),
		.report = done,
		.ctx = ctx,
	};

	fill_slots(&st);
	while (st.running) {
		poll_jobs(&st);
		report_in_order(&st);
		fill_slots(&st);
	}
	report_in_order(&st);
	g_free(st.jobs);
	g_free(st.done);
}

/* Read the child's output until it closes the pipe or overruns @timeout. */
static bool collect(int fd, pid_t pid, double timeout, GByteArray *out)
{
	double end = now() + timeout;
	uint8_t chunk[4096];
	struct pollfd p;
	ssize_t n;

	for (;;) {
		if (now() >= end) {
			kill(pid, SIGKILL);
			return false;
		}
		p = (struct pollfd){ .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return true;
		g_byte_array_append(out, chunk, (guint)n);
	}
}

bool isolate_capture(char *(*fn)(void *ctx), void *ctx, double timeout,
		     GByteArray *out, char **why)
{
	int fd, status = 0;
	bool in_time;
	pid_t pid;
	char *text;

	pid = record_fork(&fd);
	if (pid < 0) {
		*why = g_strdup_printf("cannot start a process: %s", strerror(errno));
		return false;
	}
	if (!pid) {
		text = fn(ctx);
		record_write(fd, text, strlen(text));
		_exit(0);
	}
	in_time = collect(fd, pid, timeout, out);
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!in_time)
		*why = g_strdup_printf("time limit of %.0f s exceeded: the scenario hangs",
				       timeout);
	else if (WIFSIGNALED(status))
		*why = g_strdup_printf("the scenario's process died of %s",
				       strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status))
		*why = g_strdup_printf("the scenario's process exited with %d",
				       WEXITSTATUS(status));
	else
		return true;
	return false;
}
