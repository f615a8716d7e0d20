// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parent's side of the workers (isolate_internal.h has the records).
 *
 * Each worker runs one job at a time, so a death or an overrun belongs to
 * exactly one scenario.  A worker is replaced after a scenario that did
 * not end in a pass, a failure or a skip (a fault or BUG in EL2 may have
 * left anything behind), after a time limit, after a death, after a
 * scenario that drove Linux's FF-A driver (whose statics nothing puts
 * back), and after each scenario when it cannot put ffa.c's statics back.  A job handed to
 * a worker that died before starting it is handed out again.  Forks that
 * fail are retried while the other workers go on: a slot waits, a
 * scenario never fails for it, unless no process at all can be started
 * for FORK_PATIENCE seconds.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/exec/record.h"
#include "sim/exec/tsan_report.h"
#include "sim/run/isolate_internal.h"
#include "sim/run/sanitizer_report.h"
#include "sim/view/picture.h"

#define FORK_PATIENCE	30.0	/* seconds without any process */
#define FORK_RETRY_MS	100
#define JOBS_PER_CPU	4
#define MAX_REQUEUES	3
#define RACE_RUNS	5	/* under ThreadSanitizer: see run_again() */

struct worker {
	pid_t pid;		/* 0: the slot is empty */
	int fd;
	int report_fd;		/* the sanitizer's report, or -1 */
	struct isolate_slot *slot;	/* shared with the worker */
	GByteArray *buf;	/* what came and is not a whole record yet */
	int job;		/* -1: idle */
	struct scen_result *r;	/* the job's result as it comes */
	double started;
	double moved;		/* when the job last moved on (slot->moves) */
	uint32_t moves;
	bool killed, reusable;
	unsigned int ran;
	int run;		/* the file it loaded last, as a run of jobs; -1 */
};

struct isolate_pool {
	struct isolate_opts opts;
	unsigned int n;
	struct worker *w;
	GPtrArray *inherited;
	GArray *leaving;	/* of pid_t: closed, not yet reaped */
	double failing_since;	/* first failed fork with none alive, or 0 */
	char *fork_error;
};

/*
 * A file's scenarios are neighbours among the jobs: a run of jobs.  Each
 * run hands its jobs out in order from run_next; skip leads past runs
 * with none left (runs only ever empty), first_open is the first with
 * some left.
 */
struct run {
	struct isolate_pool *p;
	GPtrArray *items;
	unsigned int *run_of;	/* job -> its run */
	unsigned int *run_next, *run_end, *skip;	/* by run */
	unsigned int nr_runs, first_open;
	GArray *again;		/* of unsigned int: jobs to hand out again */
	unsigned int *requeued;
	unsigned int *race_runs;	/* clean runs under ThreadSanitizer */
	struct scen_result **done;
	unsigned int reported;
	void (*report)(void *ctx, struct scen_result *r);
	void *ctx;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

unsigned int isolate_max_jobs(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return (unsigned int)(cpus > 0 ? cpus : 1) * JOBS_PER_CPU;
}

struct isolate_item *isolate_item_new(const struct scenario *s,
				      unsigned int index)
{
	struct isolate_item *it = g_new0(struct isolate_item, 1);
	unsigned int i;

	it->id = g_strdup(s->id);
	it->file = g_strdup(s->file);
	it->line = s->line;
	it->index = index;
	it->description = g_strdup(s->description);
	it->tags = g_ptr_array_new_full(s->tags->len, g_free);
	g_ptr_array_extend(it->tags, s->tags, (GCopyFunc)(void *)g_strdup,
			   NULL);
	it->steps = g_ptr_array_new_full(s->steps->len, g_free);
	for (i = 0; i < s->steps->len; i++) {
		const struct step *st = s->steps->pdata[i];

		g_ptr_array_add(it->steps, g_strdup(st->title));
		it->cpus_at_once |= st->kind == STEP_CONCURRENT;
	}
	return it;
}

void isolate_item_free(struct isolate_item *it)
{
	if (!it)
		return;
	g_free(it->id);
	g_free(it->file);
	g_free(it->description);
	g_ptr_array_unref(it->tags);
	g_ptr_array_unref(it->steps);
	g_free(it);
}

/* The child: none of the other workers' sockets, and dies with us. */
static void __attribute__((noreturn)) become_worker(struct isolate_pool *p,
						     struct worker *w, int fd,
						     int report_fd, pid_t parent)
{
	unsigned int k;

	for (k = 0; k < p->n; k++) {
		if (&p->w[k] == w || !p->w[k].pid)
			continue;
		close(p->w[k].fd);
		if (p->w[k].report_fd >= 0)
			close(p->w[k].report_fd);
	}
	sanitizer_report_to(report_fd);
	last_words_at(w->slot->last_words, sizeof(w->slot->last_words));
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	isolate_worker_main(&p->opts, p->inherited, w->slot, fd);
}

static bool spawn(struct isolate_pool *p, struct worker *w)
{
	pid_t parent = getpid(), pid;
	int sv[2], err, report_fd;

	if (!w->slot) {
		void *m = mmap(NULL, sizeof(*w->slot), PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			return false;
		w->slot = m;
	}
	memset(w->slot, 0, sizeof(*w->slot));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return false;
	report_fd = sanitizer_report_open();
	/* What stdio holds would be written twice. */
	fflush(NULL);
	pid = p->opts.fork_fn ? p->opts.fork_fn() : fork();
	if (pid < 0) {
		err = errno;
		close(sv[0]);
		close(sv[1]);
		if (report_fd >= 0)
			close(report_fd);
		errno = err;
		return false;
	}
	if (!pid) {
		close(sv[0]);
		become_worker(p, w, sv[1], report_fd, parent);
	}
	close(sv[1]);
	*w = (struct worker){ .pid = pid, .fd = sv[0], .report_fd = report_fd,
			      .slot = w->slot, .buf = g_byte_array_new(),
			      .job = -1, .run = -1 };
	return true;
}

static unsigned int alive(const struct isolate_pool *p)
{
	unsigned int k, n = 0;

	for (k = 0; k < p->n; k++)
		n += p->w[k].pid != 0;
	return n;
}

/* Fill empty slots; remember since when nothing at all could start. */
static void spawn_missing(struct isolate_pool *p)
{
	unsigned int k;

	for (k = 0; k < p->n; k++) {
		if (p->w[k].pid || spawn(p, &p->w[k]))
			continue;
		g_free(p->fork_error);
		p->fork_error = g_strdup(strerror(errno));
		break;
	}
	if (alive(p))
		p->failing_since = 0;
	else if (!p->failing_since)
		p->failing_since = now();
}

static struct isolate_pool *pool_start(const struct isolate_opts *opts,
				       GPtrArray *inherited)
{
	struct isolate_pool *p = g_new0(struct isolate_pool, 1);
	unsigned int k;

	p->opts = *opts;
	p->n = opts->jobs ? opts->jobs : 1;
	p->w = g_new0(struct worker, p->n);
	for (k = 0; k < p->n; k++)
		p->w[k].report_fd = -1;
	p->inherited = inherited;
	p->leaving = g_array_new(FALSE, FALSE, sizeof(pid_t));
	spawn_missing(p);
	return p;
}

struct isolate_pool *isolate_pool_start(const struct isolate_opts *opts)
{
	return pool_start(opts, NULL);
}

static void reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

static void reap_leaving(struct isolate_pool *p, bool block)
{
	unsigned int i = 0;
	int status;

	while (i < p->leaving->len) {
		pid_t pid = g_array_index(p->leaving, pid_t, i);

		if (block)
			reap(pid, &status);
		if (block || waitpid(pid, &status, WNOHANG) != 0)
			g_array_remove_index_fast(p->leaving, i);
		else
			i++;
	}
}

static void worker_clear(struct worker *w)
{
	if (w->r)
		scen_result_free(w->r);
	g_byte_array_free(w->buf, TRUE);
	if (w->report_fd >= 0)
		close(w->report_fd);
	*w = (struct worker){ .slot = w->slot, .job = -1, .report_fd = -1,
			      .run = -1 };
}

/* A worker done with its last job: closing its socket ends it. */
static void retire(struct isolate_pool *p, struct worker *w)
{
	close(w->fd);
	g_array_append_val(p->leaving, w->pid);
	worker_clear(w);
}

void isolate_pool_stop(struct isolate_pool *p)
{
	unsigned int k;

	for (k = 0; k < p->n; k++) {
		if (p->w[k].pid)
			retire(p, &p->w[k]);
		if (p->w[k].slot)
			munmap(p->w[k].slot, sizeof(*p->w[k].slot));
	}
	reap_leaving(p, true);
	g_array_free(p->leaving, TRUE);
	g_free(p->fork_error);
	g_free(p->w);
	g_free(p);
}

static bool send_job(struct worker *w, const struct isolate_item *it,
		     unsigned int job)
{
	GByteArray *rec = g_byte_array_new();
	uint32_t len = (uint32_t)(8 + strlen(it->file) + 1 + strlen(it->id) + 1);
	uint32_t idx = it->index, j = job;
	const uint8_t *p;
	size_t left;
	bool ok = true;

	g_byte_array_append(rec, (const uint8_t *)"J", 1);
	g_byte_array_append(rec, (const uint8_t *)&len, 4);
	g_byte_array_append(rec, (const uint8_t *)&j, 4);
	g_byte_array_append(rec, (const uint8_t *)&idx, 4);
	g_byte_array_append(rec, (const uint8_t *)it->file, strlen(it->file) + 1);
	g_byte_array_append(rec, (const uint8_t *)it->id, strlen(it->id) + 1);
	for (p = rec->data, left = rec->len; left && ok;) {
		ssize_t n = send(w->fd, p, left, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		if (ok) {
			p += n;
			left -= (size_t)n;
		}
	}
	g_byte_array_free(rec, TRUE);
	return ok;
}

static struct scen_result *result_for(const struct isolate_item *it)
{
	return scen_result_new(it->id, it->file, it->line);
}

/*
 * ThreadSanitizer keeps the last four accesses to each 8 bytes and drops
 * one at random for a fifth, so one run of CPUs at once can miss a race
 * that the next run shows (the version flag's race went unseen in about
 * one run in twenty).  Under it a scenario with a concurrently: step
 * passes only after RACE_RUNS runs in a row, each in a fresh process, saw
 * no race; the first run that fails is its result.
 */
static bool run_again(struct run *rn, unsigned int job, struct scen_result *r)
{
	const struct isolate_item *it = rn->items->pdata[job];

	if (!it->cpus_at_once || !tsan_report_active() ||
	    r->status != SCEN_PASS || ++rn->race_runs[job] >= RACE_RUNS)
		return false;
	scen_result_free(r);
	g_array_append_val(rn->again, job);
	return true;
}

/* The item's own fields, which the worker does not send back. */
static void complete(struct run *rn, unsigned int job, struct scen_result *r)
{
	const struct isolate_item *it = rn->items->pdata[job];

	if (run_again(rn, job, r))
		return;
	g_ptr_array_extend(r->tags, it->tags, (GCopyFunc)(void *)g_strdup,
			   NULL);
	g_free(r->description);
	r->description = g_strdup(it->description);
	rn->done[job] = r;
}

static char *where(const struct isolate_item *it, const struct isolate_slot *sl)
{
	char title[ISOLATE_TITLE_LEN];

	if (sl->step < 0)
		return g_strdup_printf("%s:%u: setup", it->file, it->line);
	memcpy(title, sl->title, sizeof(title));
	title[sizeof(title) - 1] = 0;
	return g_strdup_printf("%s:%u: step %d (%s)", it->file, sl->line,
			       sl->step + 1, title);
}

/*
 * ": " and what the dead process said last, or "": its signal alone
 * would let an expectation of one deliberate death match any other.
 */
static char *after_last_words(const char *buf, size_t len)
{
	char words[LAST_WORDS_LEN];
	size_t n = len < sizeof(words) ? len : sizeof(words);

	/* A process killed mid-sentence leaves no NUL. */
	memcpy(words, buf, n);
	words[n - 1] = 0;
	return words[0] ? g_strconcat(": ", words, NULL) : g_strdup("");
}

static void crashed(struct run *rn, struct worker *w, int status)
{
	const struct isolate_item *it = rn->items->pdata[w->job];
	struct scen_result *r = result_for(it);
	char *at = where(it, w->slot);
	char *sanitizer = sanitizer_report_take(w->report_fd);
	char *said = after_last_words(w->slot->last_words,
				      sizeof(w->slot->last_words));

	r->status = SCEN_CRASH;
	/* Its second line is no part of the outcome (scen_result_outcome()). */
	if (sanitizer)
		r->message = g_strdup_printf("%s:\n  %s\n  (the sanitizer's whole report is on the runner's stderr)",
					     at, sanitizer);
	else if (w->killed)
		r->message = g_strdup_printf("%s:\n  time limit of %g s exceeded with no step started and no order explored: the scenario hangs",
					     at, rn->p->opts.timeout);
	else if (WIFSIGNALED(status))
		r->message = g_strdup_printf("%s:\n  the scenario's process died of %s%s",
					     at, strsignal(WTERMSIG(status)),
					     said);
	else
		r->message = g_strdup_printf("%s:\n  the scenario's process exited with %d before reporting%s",
					     at, WEXITSTATUS(status), said);
	g_free(said);
	g_free(at);
	g_free(sanitizer);
	r->seconds = now() - w->started;
	complete(rn, (unsigned int)w->job, r);
}

/* The worker's socket closed: it is gone, with its job if it had one. */
static void worker_gone(struct run *rn, struct worker *w)
{
	unsigned int job = (unsigned int)w->job;
	int status = 0;

	close(w->fd);
	reap(w->pid, &status);
	if (w->job >= 0) {
		bool started = w->slot->job == job + 1;

		if (started || w->killed || rn->requeued[job] >= MAX_REQUEUES) {
			crashed(rn, w, status);
		} else {
			/* Its report, if any, still goes to stderr. */
			g_free(sanitizer_report_take(w->report_fd));
			rn->requeued[job]++;
			g_array_append_val(rn->again, job);
		}
	}
	worker_clear(w);
}

static bool reusable(const struct worker *w, const struct scen_result *r,
		     const struct isolate_opts *opts)
{
	if (!w->reusable || (opts->per_worker && w->ran >= opts->per_worker))
		return false;
	return r->status == SCEN_PASS || r->status == SCEN_FAIL ||
	       r->status == SCEN_SKIP;
}

static void got_result(struct run *rn, struct worker *w, const uint8_t *data,
		       uint32_t len)
{
	const struct isolate_item *it;
	struct scen_result *r;
	unsigned int job;
	bool keep;

	if (w->job < 0)
		return;
	it = rn->items->pdata[w->job];
	r = w->r ? w->r : result_for(it);
	w->r = NULL;
	isolate_result_from_variant(r, data, len);
	job = (unsigned int)w->job;
	w->job = -1;
	w->ran++;
	keep = reusable(w, r, &rn->p->opts);
	complete(rn, job, r);
	if (!keep)
		retire(rn->p, w);
}

/* Act on every whole record that came; false when the worker retired. */
static bool take_records(struct run *rn, struct worker *w)
{
	const uint8_t *payload;
	size_t off = 0;
	uint32_t len, flags;
	char type;

	while (w->pid && record_next(w->buf, &off, &type, &payload, &len)) {
		if (type == 'H' && len >= sizeof(flags)) {
			memcpy(&flags, payload, sizeof(flags));
			w->reusable = flags & ISOLATE_REUSABLE;
		} else if (type == 'X') {
			w->reusable = false;
		} else if (type == 'P' && w->job >= 0) {
			const struct isolate_item *it = rn->items->pdata[w->job];

			if (!w->r)
				w->r = result_for(it);
			if (!w->r->picture)
				scen_result_attach_picture(w->r,
					scen_picture_from_bytes(payload, len),
					scen_picture_free);
		} else if (type == 'R') {
			got_result(rn, w, payload, len);
		}
	}
	if (!w->pid)
		return false;
	g_byte_array_remove_range(w->buf, 0, (guint)off);
	return true;
}

static void drain(struct run *rn, struct worker *w)
{
	uint8_t chunk[16384];
	ssize_t n;

	n = read(w->fd, chunk, sizeof(chunk));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		worker_gone(rn, w);
		return;
	}
	g_byte_array_append(w->buf, chunk, (guint)n);
	take_records(rn, w);
}

static const char *job_file(const struct run *rn, unsigned int job)
{
	return ((const struct isolate_item *)rn->items->pdata[job])->file;
}

static void runs_init(struct run *rn)
{
	unsigned int i, r = 0, n = rn->items->len;

	rn->run_of = g_new(unsigned int, n + 1);
	rn->run_next = g_new(unsigned int, n + 1);
	rn->run_end = g_new(unsigned int, n + 1);
	rn->skip = g_new(unsigned int, n + 1);
	for (i = 0; i < n; i++) {
		if (i && strcmp(job_file(rn, i), job_file(rn, i - 1)))
			r++;
		if (!i || rn->run_of[i - 1] != r) {
			rn->run_next[r] = i;
			rn->skip[r] = r + 1;
		}
		rn->run_of[i] = r;
		rn->run_end[r] = i + 1;
	}
	rn->nr_runs = n ? r + 1 : 0;
	rn->first_open = 0;
}

static void runs_free(struct run *rn)
{
	g_free(rn->run_of);
	g_free(rn->run_next);
	g_free(rn->run_end);
	g_free(rn->skip);
}

static bool run_open(const struct run *rn, unsigned int r)
{
	return rn->run_next[r] < rn->run_end[r];
}

/* The first run from @r on with jobs left; nr_runs if none. */
static unsigned int open_from(struct run *rn, unsigned int r)
{
	unsigned int found = r, next;

	while (found < rn->nr_runs && !run_open(rn, found))
		found = rn->skip[found];
	/* The runs passed stay empty: lead them straight there. */
	for (; r < found; r = next) {
		next = rn->skip[r];
		rn->skip[r] = found;
	}
	return found;
}

static unsigned int take(struct run *rn, unsigned int r)
{
	unsigned int job = rn->run_next[r]++;

	rn->first_open = open_from(rn, rn->first_open);
	return job;
}

/* Has a worker other than @w the file of run @r loaded? */
static bool held_by_other(const struct run *rn, const struct worker *w,
			  unsigned int r)
{
	unsigned int k;

	for (k = 0; k < rn->p->n; k++) {
		const struct worker *o = &rn->p->w[k];

		if (o != w && o->pid && o->run == (int)r)
			return true;
	}
	return false;
}

/*
 * A worker keeps the file it loaded last (isolate_worker.c): it goes on
 * with that file, else starts a file no other worker holds, else helps
 * with the first file left, so that a file is loaded by one worker
 * rather than by each in turn.  Which worker runs a job changes no
 * result, and results are reported in the order of the jobs.
 */
static bool next_job(struct run *rn, const struct worker *w,
		     unsigned int *job)
{
	unsigned int r, tried;

	if (rn->again->len) {
		*job = g_array_index(rn->again, unsigned int, rn->again->len - 1);
		g_array_set_size(rn->again, rn->again->len - 1);
		return true;
	}
	if (rn->first_open >= rn->nr_runs)
		return false;
	if (w && w->run >= 0 && run_open(rn, (unsigned int)w->run)) {
		*job = take(rn, (unsigned int)w->run);
		return true;
	}
	r = rn->first_open;
	for (tried = 0; w && r < rn->nr_runs && tried <= rn->p->n; tried++) {
		if (!held_by_other(rn, w, r)) {
			*job = take(rn, r);
			return true;
		}
		r = open_from(rn, r + 1);
	}
	*job = take(rn, rn->first_open);
	return true;
}

static bool work_left(const struct run *rn)
{
	return rn->again->len || rn->first_open < rn->nr_runs;
}

static void dispatch(struct run *rn)
{
	struct isolate_pool *p = rn->p;
	unsigned int k, job;

	for (k = 0; k < p->n && work_left(rn); k++) {
		struct worker *w = &p->w[k];

		if (!w->pid || w->job >= 0 || !next_job(rn, w, &job))
			continue;
		w->job = (int)job;
		w->run = (int)rn->run_of[job];
		w->started = w->moved = now();
		w->moves = __atomic_load_n(&w->slot->moves, __ATOMIC_ACQUIRE);
		w->killed = false;
		/* A worker that cannot take it died: the read end says so. */
		send_job(w, rn->items->pdata[job], job);
	}
}

/* Nothing could start for FORK_PATIENCE seconds: the rest cannot run. */
static void give_up(struct run *rn)
{
	unsigned int job;

	while (next_job(rn, NULL, &job)) {
		struct scen_result *r = result_for(rn->items->pdata[job]);

		r->status = SCEN_CRASH;
		r->message = g_strdup_printf("%s:%u: setup:\n  cannot start a process for it: %s (none could start for %.0f s)",
					     r->file, r->line,
					     rn->p->fork_error ? rn->p->fork_error : "?",
					     FORK_PATIENCE);
		complete(rn, job, r);
	}
}

/*
 * A job hangs when it has not moved on (a step started, an order of a
 * concurrently: step explored) for the time limit.  Counting from the
 * job's start instead would call a step that explores hundreds of orders
 * hung whenever the machine is loaded.
 */
static void check_time(struct run *rn, double t)
{
	struct isolate_pool *p = rn->p;
	unsigned int k;

	for (k = 0; k < p->n; k++) {
		struct worker *w = &p->w[k];
		uint32_t moves;

		if (!w->pid || w->job < 0 || w->killed)
			continue;
		moves = __atomic_load_n(&w->slot->moves, __ATOMIC_ACQUIRE);
		if (moves != w->moves) {
			w->moves = moves;
			w->moved = t;
		} else if (t - w->moved > p->opts.timeout) {
			kill(w->pid, SIGKILL);
			w->killed = true;
		}
	}
}

static void poll_workers(struct run *rn)
{
	struct isolate_pool *p = rn->p;
	struct pollfd pfd[p->n];
	struct worker *which[p->n];
	unsigned int k, n = 0;

	for (k = 0; k < p->n; k++) {
		if (!p->w[k].pid)
			continue;
		pfd[n] = (struct pollfd){ .fd = p->w[k].fd, .events = POLLIN };
		which[n++] = &p->w[k];
	}
	if (poll(pfd, n, n ? 100 : FORK_RETRY_MS) < 0 && errno != EINTR)
		return;
	for (k = 0; k < n; k++)
		if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))
			drain(rn, which[k]);
	check_time(rn, now());
}

static void report_in_order(struct run *rn)
{
	while (rn->reported < rn->items->len && rn->done[rn->reported]) {
		rn->report(rn->ctx, rn->done[rn->reported]);
		rn->reported++;
	}
}

void isolate_pool_run(struct isolate_pool *p, GPtrArray *items,
		      void (*done)(void *ctx, struct scen_result *r),
		      void *ctx)
{
	struct run rn = {
		.p = p,
		.items = items,
		.again = g_array_new(FALSE, FALSE, sizeof(unsigned int)),
		.requeued = g_new0(unsigned int, items->len + 1),
		.race_runs = g_new0(unsigned int, items->len + 1),
		.done = g_new0(struct scen_result *, items->len + 1),
		.report = done,
		.ctx = ctx,
	};
	unsigned int k;

	runs_init(&rn);
	/* The runs a worker holds are this run's. */
	for (k = 0; k < p->n; k++)
		p->w[k].run = -1;
	while (rn.reported < items->len) {
		if (work_left(&rn))
			spawn_missing(p);
		if (!alive(p) && p->failing_since &&
		    now() - p->failing_since > FORK_PATIENCE)
			give_up(&rn);
		dispatch(&rn);
		poll_workers(&rn);
		reap_leaving(p, false);
		report_in_order(&rn);
	}
	g_array_free(rn.again, TRUE);
	g_free(rn.requeued);
	g_free(rn.race_runs);
	g_free(rn.done);
	runs_free(&rn);
}

void isolate_run_all(GPtrArray *scens, const struct isolate_opts *opts,
		     void (*done)(void *ctx, struct scen_result *r),
		     void *ctx)
{
	GPtrArray *items = g_ptr_array_new_with_free_func(
				(GDestroyNotify)isolate_item_free);
	struct isolate_pool *p;
	unsigned int i;

	for (i = 0; i < scens->len; i++)
		g_ptr_array_add(items, isolate_item_new(scens->pdata[i], i));
	p = pool_start(opts, scens);
	isolate_pool_run(p, items, done, ctx);
	isolate_pool_stop(p);
	g_ptr_array_unref(items);
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

/* Why the child that isolate_capture() started did not finish. */
static char *capture_failed(bool in_time, int status, double timeout,
			    int report_fd, const char *last_words,
			    size_t len)
{
	char *sanitizer = sanitizer_report_take(report_fd), *why;
	char *said = after_last_words(last_words, len);

	if (sanitizer)
		why = g_strdup_printf("%s (the sanitizer's whole report is on stderr)",
				      sanitizer);
	else if (!in_time)
		why = g_strdup_printf("time limit of %.0f s exceeded: the scenario hangs",
				      timeout);
	else if (WIFSIGNALED(status))
		why = g_strdup_printf("the scenario's process died of %s%s",
				      strsignal(WTERMSIG(status)), said);
	else
		why = g_strdup_printf("the scenario's process exited with %d%s",
				      WEXITSTATUS(status), said);
	g_free(said);
	g_free(sanitizer);
	return why;
}

/* Shared with isolate_capture()'s child: where its last words go. */
static char *shared_last_words(void)
{
	void *m = mmap(NULL, LAST_WORDS_LEN, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	*(char *)m = 0;
	return m;
}

bool isolate_capture(char *(*fn)(void *ctx), void *ctx, double timeout,
		     GByteArray *out, char **why)
{
	int fd, status = 0, report_fd = sanitizer_report_open();
	char *last_words = shared_last_words();
	bool in_time, ok;
	pid_t pid;
	char *text;

	pid = record_fork(&fd);
	if (pid < 0) {
		*why = g_strdup_printf("cannot start a process: %s", strerror(errno));
		if (report_fd >= 0)
			close(report_fd);
		if (last_words)
			munmap(last_words, LAST_WORDS_LEN);
		return false;
	}
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		sanitizer_report_to(report_fd);
		last_words_at(last_words, last_words ? LAST_WORDS_LEN : 0);
		text = fn(ctx);
		record_write(fd, text, strlen(text));
		_exit(0);
	}
	in_time = collect(fd, pid, timeout, out);
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ok = in_time && WIFEXITED(status) && !WEXITSTATUS(status);
	if (!ok)
		*why = capture_failed(in_time, status, timeout, report_fd,
				      last_words ? last_words : "",
				      last_words ? LAST_WORDS_LEN : 1);
	if (report_fd >= 0)
		close(report_fd);
	if (last_words)
		munmap(last_words, LAST_WORDS_LEN);
	return ok;
}
