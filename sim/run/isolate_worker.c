// SPDX-License-Identifier: GPL-2.0-only
/*
 * A worker: takes jobs from the parent one at a time, finds the scenario
 * (loading its file here, so that the parent never hands over the suite),
 * puts ffa.c's statics back, runs it and sends the result.  Everything
 * else of the machine (DRAM, the mock SPMC, the EL2 model) is built and
 * torn down by exec_scenario() itself.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "proxy/hyp/hyp.h"
#include "sim/exec/exec.h"
#include "sim/exec/record.h"
#include "sim/run/isolate_internal.h"
#include "sim/view/picture.h"

#ifdef SIM_COVERAGE
void __gcov_dump(void);
#else
static inline void __gcov_dump(void)
{
}
#endif

/*
 * ThreadSanitizer reports a race once per process: a race one scenario
 * found would hide the same race in the next scenario of a worker.  Under
 * it each scenario gets a fresh worker, as every scenario once had.
 */
#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN	true
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN	true
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN	false
#endif

struct job {
	uint32_t job, index;
	const char *file, *id;
	GByteArray *raw;
};

/* The last file loaded: a file of many cases is loaded once. */
struct file_cache {
	char *path;
	GPtrArray *scens;	/* of struct scenario * */
	char *error;		/* why it did not load, or NULL */
};

static bool read_all(int fd, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* The next 'J' record; false when the parent closed the socket. */
static bool next_job(int fd, struct job *j)
{
	uint8_t type;
	uint32_t len;
	const char *end;

	for (;;) {
		if (!read_all(fd, &type, 1) || !read_all(fd, &len, sizeof(len)))
			return false;
		g_byte_array_set_size(j->raw, len + 1);
		if (!read_all(fd, j->raw->data, len))
			return false;
		j->raw->data[len] = 0;
		if (type != 'J' || len < 8)
			continue;
		memcpy(&j->job, j->raw->data, 4);
		memcpy(&j->index, j->raw->data + 4, 4);
		j->file = (const char *)j->raw->data + 8;
		end = memchr(j->file, 0, len - 8);
		if (!end)
			continue;
		j->id = end + 1;
		return true;
	}
}

static void cache_load(struct file_cache *c, const char *path)
{
	struct diag d;
	unsigned int i;

	if (c->path && !strcmp(c->path, path))
		return;
	g_free(c->path);
	g_free(c->error);
	c->error = NULL;
	if (c->scens)
		g_ptr_array_unref(c->scens);
	c->path = g_strdup(path);
	c->scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	diag_init(&d);
	if (!scenario_load_file(path, hyp_page_size(), c->scens, &d)) {
		GString *m = g_string_new(NULL);

		for (i = 0; i < diag_count(&d); i++)
			g_string_append_printf(m, "\n  %s", diag_message(&d, i));
		c->error = g_string_free(m, FALSE);
	}
	diag_free(&d);
}

/* The file changed since the parent loaded it: say so, run nothing. */
static const struct scenario *find(struct file_cache *c, const struct job *j,
				   char **why)
{
	const struct scenario *s;
	unsigned int i;

	cache_load(c, j->file);
	if (c->error) {
		*why = g_strdup_printf("%s: does not load any more:%s", j->file,
				       c->error);
		return NULL;
	}
	if (j->index < c->scens->len) {
		s = c->scens->pdata[j->index];
		if (!strcmp(s->id, j->id))
			return s;
	}
	for (i = 0; i < c->scens->len; i++) {
		s = c->scens->pdata[i];
		if (!strcmp(s->id, j->id))
			return s;
	}
	*why = g_strdup_printf("%s: scenario '%s' is no longer in the file",
			       j->file, j->id);
	return NULL;
}

static bool drives_linux(const struct step *st)
{
	unsigned int i;

	if (st->kind == STEP_DRIVER)
		return true;
	if (st->kind != STEP_CONCURRENT || !st->group)
		return false;
	for (i = 0; i < st->group->nr_items; i++)
		if (drives_linux(st->group->items[i]))
			return true;
	return false;
}

/*
 * Linux's FF-A driver (host/) keeps state in statics that nothing puts
 * back: a worker that brought it up takes no further scenario.
 */
static bool leaves_state(const struct scenario *s)
{
	unsigned int i;

	for (i = 0; i < s->steps->len; i++)
		if (drives_linux(s->steps->pdata[i]))
			return true;
	return false;
}

static void step_started(void *ctx, unsigned int idx, const struct step *st)
{
	struct isolate_slot *slot = ctx;

	slot->line = st->pos.line;
	g_strlcpy(slot->title, st->title, sizeof(slot->title));
	__atomic_store_n(&slot->step, (int32_t)idx, __ATOMIC_RELEASE);
	__atomic_add_fetch(&slot->moves, 1, __ATOMIC_RELEASE);
}

static void moved_on(void *ctx)
{
	struct isolate_slot *slot = ctx;

	__atomic_add_fetch(&slot->moves, 1, __ATOMIC_RELEASE);
}

static void send_result(int fd, struct scen_result *r)
{
	GVariant *v;

	if (r->picture) {
		GBytes *pic = scen_picture_to_bytes(r->picture);
		gsize len;
		const void *data = g_bytes_get_data(pic, &len);

		record_put(fd, 'P', data, (uint32_t)len);
		g_bytes_unref(pic);
	}
	v = g_variant_ref_sink(isolate_result_to_variant(r));
	record_put(fd, 'R', g_variant_get_data(v),
		   (uint32_t)g_variant_get_size(v));
	g_variant_unref(v);
}

static void run_job(const struct isolate_opts *opts, GPtrArray *inherited,
		    struct file_cache *cache, struct isolate_slot *slot,
		    int fd, const struct job *j)
{
	struct exec_hooks hooks = { .step_started = step_started,
				    .progress = moved_on, .ctx = slot };
	const struct scenario *s = NULL;
	struct scen_result *r;
	char *why = NULL;

	slot->step = -1;
	slot->line = 0;
	slot->title[0] = 0;
	last_words_forget();
	__atomic_store_n(&slot->job, j->job + 1, __ATOMIC_RELEASE);
	if (inherited)
		s = j->job < inherited->len ? inherited->pdata[j->job] : NULL;
	else
		s = find(cache, j, &why);
	if (!s) {
		r = scen_result_new(j->id, j->file, 0);
		r->status = SCEN_FAIL;
		r->message = why ? why : g_strdup("no such scenario");
	} else {
		r = scen_result_new(s->id, s->file, s->line);
		(opts->child_run ? opts->child_run : exec_scenario)(s,
							opts->trace, &hooks, r);
		if (leaves_state(s))
			record_put(fd, 'X', NULL, 0);
	}
	send_result(fd, r);
	scen_result_free(r);
}

void isolate_worker_main(const struct isolate_opts *opts, GPtrArray *inherited,
			 struct isolate_slot *slot, int fd)
{
	struct file_cache cache = { 0 };
	struct job j = { .raw = g_byte_array_new() };
	bool reusable = hyp_statics_save() && !UNDER_TSAN;
	uint32_t flags = reusable ? ISOLATE_REUSABLE : 0;
	unsigned int ran = 0;

	record_put(fd, 'H', &flags, sizeof(flags));
	while (next_job(fd, &j)) {
		if (ran++)
			hyp_statics_restore();
		run_job(opts, inherited, &cache, slot, fd, &j);
	}
	/* _exit() skips the coverage counters' atexit writer. */
	__gcov_dump();
	_exit(0);
}
