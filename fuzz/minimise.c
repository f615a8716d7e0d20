// SPDX-License-Identifier: GPL-2.0-only
/*
 * Probing and minimising in child processes.  A finding may leave EL2 in
 * no state to go on from (a fault abandons ffa.c with a lock held), may
 * never return (a loop on an SPMC answer), or may be a sanitizer report
 * that ends the process: each probe forks, plays the program from a fresh
 * machine, and tells the parent through a shared page which step it was
 * in and what it found.  Minimising costs a few hundred probes; inputs
 * that get here are rare.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz/minimise.h"
#include "sim/run/sanitizer_report.h"
#include "spmc_tfa/tfa.h"
#include "spmc_mock/ffa_abi.h"

#define PROBE_SECONDS	10

struct progress {
	int step;		/* the step being played */
	char call[64];		/* its name in a signature */
	bool done;
	struct fz_finding f;
};

/* The function step @i is about to call, for the signature of a hang. */
static uint32_t step_fid(const struct fz_play *pl, const struct fz_op *op)
{
	uint32_t n;

	switch (op->kind) {
	case FZ_CALL:
		return (uint32_t)fz_resolve(pl, &op->call.fid);
	case FZ_MEM_SEND:
		n = op->mem.type == FFA_MTD_TYPE_SHARE ? 0x73 :
		    op->mem.type == FFA_MTD_TYPE_LEND ? 0x72 : 0x71;
		return op->mem.smc32 ? FFA_SMC32(n) : FFA_SMC64(n);
	case FZ_FRAG_TX:
		return FFA_MEM_FRAG_TX;
	default:
		return 0;
	}
}

static void child(const struct fz_prog *p, struct progress *pr, int errfd)
{
	static struct fz_play pl;
	unsigned int i;

	dup2(errfd, STDERR_FILENO);
	alarm(PROBE_SECONDS);
	if (fz_play_begin(&pl, p)) {
		for (i = 0; i < p->nr_ops; i++) {
			pr->step = i;
			fz_step_name(&pl, i, step_fid(&pl, &p->ops[i]),
				     pr->call, sizeof(pr->call));
			if (!fz_play_step(&pl, i))
				break;
		}
	}
	pr->f = pl.finding;
	pr->done = true;
	_exit(0);
}

/*
 * TF-A's EL3 stops the process with one line that names the panic or the
 * failed assertion (spmc_tfa/include/assert.h): that line, from "TF-A".
 */
static bool tfa_fatal_line(const char *buf, char *out, size_t len)
{
	const char *s = strstr(buf, TFA_FATAL_PREFIX);

	if (!s)
		return false;
	s += strlen("ffa-sim: ");
	snprintf(out, len, "%.*s", (int)strcspn(s, "\n"), s);
	return true;
}

/*
 * What the child's death says on its stderr: TF-A's fatal line (the
 * engine's UBSan reports do not stop it, so one may come first), else the
 * sanitizer's error and the first frame of ours, as the runner names a
 * worker's (sanitizer_report_name()), else only "killed".
 */
static void summary(int fd, char *out, size_t len)
{
	static char buf[65536];
	char *name;
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	if (tfa_fatal_line(buf, out, len))
		return;
	name = sanitizer_report_name(buf);
	snprintf(out, len, "%s", name ? name : "killed");
	g_free(name);
}

void fz_probe(const struct fz_prog *p, struct fz_finding *f)
{
	struct progress *pr = mmap(NULL, sizeof(*pr), PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char errpath[] = "/tmp/ffa-fuzz-probe-XXXXXX";
	int errfd = mkstemp(errpath), status = 0;
	char what[160];
	pid_t pid;

	memset(f, 0, sizeof(*f));
	if (pr == MAP_FAILED || errfd < 0) {
		perror("ffa-fuzz: probe");
		exit(2);
	}
	unlink(errpath);
	memset(pr, 0, sizeof(*pr));
	pr->step = -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child(p, pr, errfd);
	waitpid(pid, &status, 0);
	if (pr->done) {
		*f = pr->f;
	} else if (pr->step >= 0) {
		bool hang = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;

		f->kind = hang ? FZ_HANG : FZ_CRASH;
		f->op = pr->step;
		if (hang) {
			snprintf(f->what, sizeof(f->what),
				 "the call did not return in %d seconds",
				 PROBE_SECONDS);
			snprintf(f->sig, sizeof(f->sig), "hang %s", pr->call);
		} else {
			summary(errfd, what, sizeof(what));
			snprintf(f->what, sizeof(f->what), "%s", what);
			snprintf(f->sig, sizeof(f->sig), "crash %s %s",
				 pr->call, what);
		}
		/* Known ones are filtered here: they end the child uncounted. */
		if (fz_is_known(f->sig)) {
			memcpy(f->known, f->sig, sizeof(f->known));
			f->kind = FZ_NONE;
			f->sig[0] = '\0';
		}
	}
	close(errfd);
	munmap(pr, sizeof(*pr));
}

static bool same(const struct fz_finding *a, const struct fz_finding *b)
{
	return a->kind == b->kind && !strcmp(a->sig, b->sig);
}

/* Keep @cand in @p when it still finds @f. */
static bool try(struct fz_prog *p, const struct fz_prog *cand,
		struct fz_finding *f)
{
	struct fz_finding g;

	fz_probe(cand, &g);
	if (!same(&g, f))
		return false;
	*p = *cand;
	*f = g;
	return true;
}

static void remove_op(struct fz_prog *p, unsigned int i)
{
	memmove(&p->ops[i], &p->ops[i + 1],
		(p->nr_ops - i - 1) * sizeof(p->ops[0]));
	p->nr_ops--;
}

/* Counts candidate simplifications; the @which-th is the one to make. */
struct pick {
	unsigned int n, which;
};

static bool picked(struct pick *p)
{
	return p->n++ == p->which;
}

/* The bit of @mask that is picked, or -1. */
static int pick_bit(struct pick *p, uint32_t mask)
{
	int b;

	for (b = 0; b < 32; b++)
		if ((mask & (1U << b)) && picked(p))
			return b;
	return -1;
}

/* Drop the picked one of *@n items of @size bytes, keeping @min. */
static bool pick_item(struct pick *p, void *items, size_t size, uint8_t *n,
		      unsigned int min)
{
	char *base = items;
	unsigned int k;

	for (k = 0; *n > min && k < *n; k++) {
		if (!picked(p))
			continue;
		memmove(base + k * size, base + (k + 1) * size,
			(*n - k - 1) * size);
		(*n)--;
		return true;
	}
	return false;
}

static bool simplify_mem(struct pick *p, struct fz_mem *m)
{
	int b;

	if (pick_item(p, m->rcv, sizeof(m->rcv[0]), &m->nr_receivers, 1) ||
	    pick_item(p, m->range, sizeof(m->range[0]), &m->nr_ranges, 1) ||
	    pick_item(p, m->poke, sizeof(m->poke[0]), &m->nr_pokes, 0))
		return true;
	if ((b = pick_bit(p, m->overridden)) >= 0) {
		m->overridden &= ~(1U << b);
		return true;
	}
	if ((b = pick_bit(p, m->set)) >= 0) {
		m->set &= ~(1U << b);
		return true;
	}
	if ((m->tag || m->handle || m->flags || m->sender) && picked(p)) {
		m->tag = m->handle = 0;
		m->flags = 0;
		m->sender = 0;
		return true;
	}
	if (m->fragment && picked(p)) {
		m->fragment = 0;
		return true;
	}
	return false;
}

/* The @which-th simplification of step @op, in @out; false: none left. */
static bool simplify(const struct fz_op *op, unsigned int which,
		     struct fz_op *out)
{
	struct pick p = { .which = which };
	int b;

	*out = *op;
	switch (op->kind) {
	case FZ_CALL:
		b = pick_bit(&p, op->call.set);
		if (b >= 0)
			out->call.set &= ~(1U << b);
		return b >= 0;
	case FZ_MEM_SEND:
		return simplify_mem(&p, &out->mem);
	case FZ_FRAG_TX:
		if (op->frag.has_handle && picked(&p)) {
			out->frag.has_handle = 0;
			return true;
		}
		if (op->frag.length && picked(&p)) {
			out->frag.length = 0;
			return true;
		}
		return false;
	case FZ_INJECT_SPMC:
		if (op->ispmc.times != 1 && picked(&p)) {
			out->ispmc.times = 1;
			return true;
		}
		return false;
	case FZ_INJECT_HYP:
		if (op->ihyp.times != 1 && picked(&p)) {
			out->ihyp.times = 1;
			return true;
		}
		if (op->ihyp.after && picked(&p)) {
			out->ihyp.after = 0;
			return true;
		}
		return false;
	default:
		return false;
	}
}

void fz_minimise(struct fz_prog *p, struct fz_finding *f)
{
	static struct fz_prog cand;
	bool changed = true;
	unsigned int i, which;

	fz_probe(p, f);
	if (f->kind == FZ_NONE)
		return;
	while (changed) {
		changed = false;
		p->nr_ops = f->op + 1;
		for (i = p->nr_ops; i-- > 0;) {
			if (i >= p->nr_ops)
				continue;
			cand = *p;
			remove_op(&cand, i);
			if (try(p, &cand, f)) {
				changed = true;
				p->nr_ops = f->op + 1;
			}
		}
		for (i = 0; i < p->nr_ops; i++) {
			for (which = 0;; ) {
				cand = *p;
				if (!simplify(&p->ops[i], which, &cand.ops[i]))
					break;
				if (try(p, &cand, f))
					changed = true;
				else
					which++;
			}
		}
	}
}
