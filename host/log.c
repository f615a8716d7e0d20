// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log, WARN and BUG of the host kernel, and how a driver action
 * is cut short: a BUG, or an SMC that did not come back from EL2, jumps
 * back to where the action started, as the real machine would stop there.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

#include <linux/kernel.h>

#include "host/internal.h"
#include "hw/last_words.h"

#define HOST_LOG_MAX	256

/* CPUs of a concurrently: group that run at once log at once. */
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char *log_lines[HOST_LOG_MAX];
static size_t log_count;
static unsigned int warn_count;

__thread struct host_catch *host_catch;

static void log_add(char *line)
{
	pthread_mutex_lock(&log_mu);
	if (log_count == HOST_LOG_MAX) {
		free(log_lines[0]);
		memmove(log_lines, log_lines + 1,
			sizeof(log_lines[0]) * (HOST_LOG_MAX - 1));
		log_count--;
	}
	log_lines[log_count++] = line;
	pthread_mutex_unlock(&log_mu);
}

void host_printk(const char *level, const char *fmt, ...)
{
	char buf[HOST_LOG_LINE];
	size_t len;
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	len = strlen(buf);
	while (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	log_add(strdup(buf));
}

char **host_log_take(size_t *count)
{
	char **lines;

	pthread_mutex_lock(&log_mu);
	*count = log_count;
	lines = malloc((log_count + 1) * sizeof(*lines));
	if (lines) {
		memcpy(lines, log_lines, log_count * sizeof(*lines));
		lines[log_count] = NULL;
		log_count = 0;
	} else {
		*count = 0;
	}
	pthread_mutex_unlock(&log_mu);
	return lines;
}

void host_log_clear(void)
{
	size_t i;

	pthread_mutex_lock(&log_mu);
	for (i = 0; i < log_count; i++)
		free(log_lines[i]);
	log_count = 0;
	pthread_mutex_unlock(&log_mu);
}

void host_log_reset(void)
{
	host_log_clear();
	__atomic_store_n(&warn_count, 0, __ATOMIC_RELAXED);
}

unsigned int host_warnings(void)
{
	return __atomic_load_n(&warn_count, __ATOMIC_RELAXED);
}

void host_warn(const char *file, int line, const char *cond)
{
	__atomic_add_fetch(&warn_count, 1, __ATOMIC_RELAXED);
	host_printk(KERN_WARNING, "WARNING at %s:%d: %s", file, line, cond);
}

void host_stop(void)
{
	struct host_catch *c = host_catch;

	if (!c) {
		fprintf(stderr, "ffa-sim: the host kernel stopped outside a driver action\n");
		last_words_say("the host kernel stopped outside a driver action");
		abort();
	}
	host_catch = NULL;
	siglongjmp(c->env, 1);
}

void host_bug(const char *file, int line, const char *cond)
{
	struct host_outcome *o = host_catch ? host_catch->o : NULL;

	host_printk(KERN_ERR, "kernel BUG at %s:%d: %s", file, line, cond);
	if (o) {
		o->stop = HOST_STOPPED_BUG;
		o->file = file;
		o->line = line;
		o->what = cond;
	}
	host_stop();
}

void host_run(struct host_outcome *o, void (*fn)(void *arg), void *arg)
{
	struct host_catch c = { .o = o };

	memset(o, 0, sizeof(*o));
	o->stop = HOST_RETURNED;
	host_catch = &c;
	if (sigsetjmp(c.env, 1) == 0)
		fn(arg);
	host_catch = NULL;
}
