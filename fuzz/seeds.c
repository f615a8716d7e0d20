// SPDX-License-Identifier: GPL-2.0-only
/*
 * The seed corpus, made from the scenario suite: each scenario (each case)
 * becomes a program that does what its steps do, so the fuzzer starts from
 * every flow the suite knows (negotiation, mapping, sharing in fragments,
 * reclaim, injected faults) instead of finding them again.
 *
 * The scenario is loaded by the suite's own loader and its steps are
 * played on the fuzzer's machine one by one, evaluating each expression as
 * the runner would, captures included.  The values are then made symbolic
 * where they can be: an address in the scenario's first pages becomes the
 * same page of "p", a captured handle becomes "the handle of that step",
 * a known constant or function ID stays one.  The machine is not the
 * scenario's (one layout for all), so a seed is a starting point, not a
 * replay: the scenario file remains the test.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz/harness.h"
#include "fuzz/machine.h"
#include "fuzz/play.h"
#include "sim/lang/names.h"
#include "sim/lang/scenario.h"
#include "spmc_mock/ffa_abi.h"

struct conv {
	const struct scenario *s;
	struct names names;
	struct fz_prog *p;
	struct fz_play pl;
	uint32_t negotiated;
	bool failed;
};

static uint64_t eval(struct conv *c, const struct expr *e, uint64_t dflt)
{
	struct expr_env env = names_env(&c->names);
	struct diag d;
	uint64_t v = dflt;

	if (!e)
		return dflt;
	diag_init(&d);
	if (!expr_eval(e, &env, &v, &d))
		c->failed = true;
	diag_free(&d);
	return v;
}

/* Does @e name one of the scenario's captures (likely a handle)? */
static bool names_capture(struct conv *c, const struct expr *e)
{
	const char *text = expr_text(e);
	unsigned int i, k;

	for (i = 0; i < c->s->steps->len; i++) {
		const struct step *st = c->s->steps->pdata[i];

		for (k = 0; k < st->nr_captures; k++)
			if (strstr(text, st->captures[k].name))
				return true;
	}
	return false;
}

static bool as_handle(struct conv *c, uint64_t v, struct fz_val *out)
{
	unsigned int back, part;

	for (back = 0; back < 4 && back < c->pl.nr_handles; back++) {
		uint64_t h = c->pl.handles[c->pl.nr_handles - 1 - back].value;
		uint64_t forms[4] = { (uint32_t)h, h >> 32, h, h + 1 };

		for (part = 0; part < 4; part++) {
			if (forms[part] == v) {
				*out = (struct fz_val){ FV_HANDLE, back | part << 2 };
				return true;
			}
		}
	}
	return false;
}

static bool as_page(struct conv *c, uint64_t v, struct fz_val *out)
{
	unsigned int region, off;

	if (c->s->setup.dram_base != FZ_DRAM_BASE)
		return false;
	for (off = 0; off < FZ_PAGE_OFFSETS; off++)
		for (region = 0; region < FZ_P_PAGES; region++)
			if (fz_page_pa(region | off << 8) == v) {
				*out = (struct fz_val){ FV_PAGE, region | off << 8 };
				return true;
			}
	return false;
}

/* A constant, preferring the one written the way the scenario wrote it. */
static bool as_const(const struct expr *e, uint64_t v, struct fz_val *out)
{
	unsigned int i;

	for (i = 0; e && i < fz_nr_consts; i++) {
		if (!strcmp(fz_consts[i].text, expr_text(e))) {
			*out = (struct fz_val){ FV_CONST, i };
			return true;
		}
	}
	for (i = 0; i < fz_nr_consts; i++) {
		uint64_t k = fz_consts[i].value ?
			     fz_consts[i].value(fz_m.page_size) : fz_consts[i].fixed;

		if (k == v) {
			*out = (struct fz_val){ FV_CONST, i };
			return true;
		}
	}
	return false;
}

static bool as_fid(uint64_t v, struct fz_val *out)
{
	unsigned int i, form;

	for (i = 0; i < fz_nr_fids(); i++)
		for (form = 0; form < 4; form++)
			if (fz_fid_value(i | form << 8) == v) {
				*out = (struct fz_val){ FV_FID, i | form << 8 };
				return true;
			}
	return false;
}

/* The symbolic value closest to what expression @e gave. */
static struct fz_val symbolic(struct conv *c, const struct expr *e, uint64_t v,
			      bool fid_first)
{
	struct fz_val out = { FV_RAW, v };

	if (!v)
		return (struct fz_val){ FV_ZERO, 0 };
	if (fid_first && as_fid(v, &out))
		return out;
	if (e && names_capture(c, e) && as_handle(c, v, &out))
		return out;
	if (as_page(c, v, &out) || as_const(e, v, &out) || as_fid(v, &out))
		return out;
	return (struct fz_val){ FV_RAW, v };
}

static struct fz_val value(struct conv *c, const struct expr *e)
{
	return symbolic(c, e, eval(c, e, 0), false);
}

static uint8_t layout_index(uint32_t v)
{
	return v >= FFA_VERSION_1_2 ? 2 : v >= FFA_VERSION_1_1 ? 1 : 0;
}

static void conv_mem(struct conv *c, const struct step *st, struct fz_mem *m)
{
	const struct mem_send *ms = st->mem;
	bool share = ms->op == FFA_MTD_TYPE_SHARE;
	unsigned int k;
	int r;

	m->type = ms->op;
	m->smc32 = ms->smc32;
	m->layout = layout_index(ms->layout ? ms->layout :
				 c->negotiated ? c->negotiated : FFA_VERSION_1_1);
	m->sender = eval(c, ms->sender, 0);
	m->attrs = eval(c, ms->attrs, share || ms->nr_receivers > 1 ?
			FFA_ATTRS_NORMAL_WB_IS : 0);
	m->flags = eval(c, ms->flags, 0);
	m->tag = eval(c, ms->tag, 0);
	m->handle = eval(c, ms->handle, 0);
	m->nr_receivers = MIN(ms->nr_receivers, FZ_MAX_RECEIVERS);
	for (k = 0; k < m->nr_receivers; k++) {
		const struct mem_receiver_src *rs = &ms->receivers[k];

		m->rcv[k].id = eval(c, rs->id, 0);
		m->rcv[k].perms = eval(c, rs->perms,
				       FFA_PERMS(rs->data, rs->instr));
		m->rcv[k].flags = eval(c, rs->flags, 0);
	}
	m->nr_ranges = MIN(ms->nr_ranges, FZ_MAX_RANGES);
	for (k = 0; k < m->nr_ranges; k++) {
		const struct mem_range_src *rs = &ms->ranges[k];

		m->range[k].at = value(c, rs->address);
		m->range[k].ffa_pages = rs->ffa_pages ? eval(c, rs->ffa_pages, 1) :
			eval(c, rs->pages, 1) * (fz_m.page_size / FFA_PAGE_SIZE);
	}
	for (k = 0; k < DESC_F_NR_FIELDS; k++) {
		if (!ms->override[k])
			continue;
		m->overridden |= 1U << k;
		m->override[k] = eval(c, ms->override[k], 0);
	}
	m->nr_pokes = MIN(ms->nr_pokes, FZ_MAX_POKES);
	for (k = 0; k < m->nr_pokes; k++) {
		m->poke[k].offset = eval(c, ms->poke_offset[k], 0);
		m->poke[k].size = ms->poke_size[k];
		m->poke[k].value = eval(c, ms->poke_value[k], 0);
	}
	m->fragment = eval(c, ms->fragment, 0);
	for (r = 1; r < 5; r++) {
		if (!st->regs[r])
			continue;
		m->set |= 1U << r;
		m->x[r] = value(c, st->regs[r]);
	}
}

static int index_of_fid(uint32_t fid)
{
	unsigned int i;

	for (i = 0; i < fz_nr_spmc_fids; i++)
		if (fz_spmc_fids[i] == fid)
			return i;
	return -1;
}

static int index_of_errno(uint64_t v)
{
	int err = (int)(int64_t)v;
	unsigned int i;

	if (err < 0)
		err = -err;
	for (i = 0; i < fz_nr_errnos; i++)
		if (fz_errnos[i].value == err)
			return i;
	return -1;
}

/* One step of the scenario as a step of the program; false: none. */
static bool conv_step(struct conv *c, const struct step *st, struct fz_op *op)
{
	int r, k;

	memset(op, 0, sizeof(*op));
	switch (st->kind) {
	case STEP_CALL:
		op->kind = FZ_CALL;
		op->call.fid = symbolic(c, st->regs[0], eval(c, st->regs[0], 0),
					true);
		for (r = 1; r < SMC_NR_REGS; r++) {
			if (!st->regs[r])
				continue;
			op->call.set |= 1U << r;
			op->call.x[r] = value(c, st->regs[r]);
		}
		return true;
	case STEP_MEM_SEND:
		op->kind = FZ_MEM_SEND;
		conv_mem(c, st, &op->mem);
		return true;
	case STEP_FRAG_TX:
		op->kind = FZ_FRAG_TX;
		op->frag.length = eval(c, st->frag_len, 0);
		op->frag.has_handle = st->frag_handle != NULL;
		if (st->frag_handle)
			op->frag.handle = value(c, st->frag_handle);
		return true;
	case STEP_INJECT_SPMC:
		k = index_of_fid(st->fault.fid);
		if (k < 0)
			return false;
		op->kind = FZ_INJECT_SPMC;
		op->ispmc.fid = k;
		op->ispmc.kind = st->fault.kind;
		op->ispmc.value = value(c, st->inj_value);
		op->ispmc.times = MIN(st->times, 3);
		return true;
	case STEP_INJECT_HYP:
		k = index_of_errno(eval(c, st->inj_value, 0));
		if (k < 0)
			return false;
		op->kind = FZ_INJECT_HYP;
		op->ihyp.op = st->hyp_op;
		op->ihyp.err = k;
		op->ihyp.after = MIN(st->skip, 3);
		op->ihyp.times = MIN(st->times, 3);
		return true;
	case STEP_RETRIEVE:
	case STEP_RELINQUISH:
		op->kind = st->kind == STEP_RETRIEVE ? FZ_RETRIEVE : FZ_RELINQUISH;
		op->sp.part = st->part_id == FZ_PART_2;
		op->sp.handle = value(c, st->handle);
		op->sp.access = st->data;
		op->sp.exec = st->instr;
		op->sp.type = st->mtd_type;
		return true;
	default:
		return false;
	}
}

static void note_version(struct conv *c)
{
	const uint64_t *in = c->pl.in, *out = c->pl.out;

	if (ffa_fid_strip_hint(in[0]) == FFA_VERSION &&
	    !(out[0] & (1ULL << 31)) && !(out[0] >> 32))
		c->negotiated = MIN((uint32_t)in[1], (uint32_t)out[0]);
}

static void conv_setup(const struct scen_setup *st, struct fz_setup *s)
{
	const struct spmc_config *cfg = &st->spmc;

	s->version = cfg->version == FFA_VERSION_1_2 ? 0 :
		     cfg->version == FFA_VERSION_1_1 ? 1 : 2;
	s->retrieve_frag = cfg->retrieve_frag_size / 16 < 64 &&
			   cfg->retrieve_frag_size % 16 == 0 ?
			   cfg->retrieve_frag_size / 16 : 0;
	s->policy = cfg->version_policy;
	s->version_first = cfg->require_version_first;
	s->rxtx_min = cfg->rxtx_min_code == FFA_RXTX_MIN_16K ? 1 :
		      cfg->rxtx_min_code == FFA_RXTX_MIN_64K ? 2 : 0;
}

/* Returns false when the scenario says nothing a program can. */
static bool convert(const struct scenario *s, struct fz_prog *p)
{
	static struct conv c;
	unsigned int i, k;
	uint64_t v;

	memset(&c, 0, sizeof(c));
	memset(p, 0, sizeof(*p));
	if (s->setup.spmc.no_ffa || s->setup.smccc_version < SMCCC_VERSION_1_2)
		return false;
	c.s = s;
	c.p = p;
	conv_setup(&s->setup, &p->setup);
	names_init(&c.names, &s->setup, fz_m.page_size);
	if (!fz_play_begin(&c.pl, p)) {
		names_free(&c.names);
		return false;
	}
	for (i = 0; i < s->steps->len && p->nr_ops < FZ_MAX_OPS; i++) {
		const struct step *st = s->steps->pdata[i];
		unsigned int n = p->nr_ops;

		if (!conv_step(&c, st, &p->ops[n]) || c.failed)
			break;
		p->nr_ops++;
		if (!fz_play_step(&c.pl, n))
			break;
		note_version(&c);
		c.names.regs = c.pl.out;
		for (k = 0; k < st->nr_captures; k++) {
			v = eval(&c, st->captures[k].value, 0);
			names_set_capture(&c.names, st->captures[k].name, v);
		}
		c.names.regs = NULL;
	}
	names_free(&c.names);
	return p->nr_ops > 0;
}

static void file_name(const char *id, char *out, size_t len)
{
	size_t i;

	snprintf(out, len, "%s", id);
	for (i = 0; out[i]; i++)
		if (!g_ascii_isalnum(out[i]) && out[i] != '-' && out[i] != '.')
			out[i] = '_';
}

static void collect(const char *path, GPtrArray *files)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	const char *name;

	if (!dir) {
		if (g_str_has_suffix(path, ".yaml") || g_str_has_suffix(path, ".yml"))
			g_ptr_array_add(files, g_strdup(path));
		return;
	}
	while ((name = g_dir_read_name(dir))) {
		char *sub = g_build_filename(path, name, NULL);

		if (strcmp(name, "expectations"))
			collect(sub, files);
		g_free(sub);
	}
	g_dir_close(dir);
}

/*
 * Playing a scenario's steps may fault, hang or end the process in a
 * sanitizer report (the suite holds the proxy's known crashes): each one
 * is converted in a child, which writes the seed.
 */
static bool convert_in_child(const struct scenario *s, const char *path)
{
	static struct fz_prog p;
	static uint8_t buf[FZ_MAX_INPUT];
	int status = 0;
	size_t len;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		/* A finding on the way (the suite holds some) is no reason to stop. */
		fz_know_everything();
		dup2(null, STDERR_FILENO);
		alarm(10);
		if (!convert(s, &p) || !(len = fz_encode(&p, buf, sizeof(buf))))
			_exit(1);
		_exit(g_file_set_contents(path, (char *)buf, len, NULL) ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int fz_make_seeds(const char *outdir, char **paths, int n)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	unsigned int f, k, made = 0;
	int i;

	if (g_mkdir_with_parents(outdir, 0755)) {
		fprintf(stderr, "ffa-fuzz: cannot create %s: %s\n", outdir,
			strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++)
		collect(paths[i], files);
	for (f = 0; f < files->len; f++) {
		GPtrArray *scens = g_ptr_array_new();
		struct diag d;

		diag_init(&d);
		scenario_load_file(files->pdata[f], fz_m.page_size, scens, &d);
		for (k = 0; k < scens->len; k++) {
			struct scenario *s = scens->pdata[k];
			char name[256], *path;

			file_name(s->id, name, sizeof(name));
			path = g_build_filename(outdir, name, NULL);
			made += convert_in_child(s, path);
			g_free(path);
			scenario_free(s);
		}
		g_ptr_array_free(scens, TRUE);
		diag_free(&d);
	}
	printf("ffa-fuzz: %u seeds from %u scenario files in %s\n", made,
	       files->len, outdir);
	g_ptr_array_free(files, TRUE);
	return made ? 0 : 1;
}
