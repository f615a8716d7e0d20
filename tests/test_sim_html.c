// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim run --html, without a browser (tests/html-check.sh has one):
 * the page must be well-formed (GMarkup reads it, see html_dom_util.c),
 * carry text from scenarios and registers only as text whatever it holds,
 * point at nothing outside itself, and show for each scenario its verdict,
 * its steps, its sequence diagram and its page map.  The picture carried
 * back from the scenario's process must survive the trip and refuse
 * bytes that are not one.
 *
 * Run from the repository root, like every unit test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "proxy/hyp/hyp.h"
#include "sim/view/picture.h"
#include "sim/view/report.h"
#include "tests/check_util.h"
#include "tests/html_dom_util.h"
#include "tests/report_parse_util.h"
#include "tests/spawn_util.h"

#define HOSTILE	"<script>alert('x')</script> & \"q\" <img src=x onerror=y>"
#define FLOW	"tests/explain/flow.yaml"
#define CLI	"tests/cli"

/* The page at @path, which must be well-formed, as a tree. */
#define parse_file(path) parse_file_at((path), __FILE__, __LINE__)

static struct dom_node *parse_file_at(const char *path, const char *file,
				      int line)
{
	struct dom_node *doc;
	char *text = NULL, *why = NULL;

	check_setup_at(g_file_get_contents(path, &text, NULL, NULL),
		       "reading the page", file, line);
	doc = dom_parse(text, &why);
	if (!doc)
		fail_at(file, line, "%s is not well-formed: %s: browsers would guess, and guess differently",
			path, why);
	g_free(text);
	return doc;
}

static void add_item(struct explain *e, enum explain_item_kind kind,
		     int from, int to, const char *text, bool regs)
{
	struct explain_item *it = g_new0(struct explain_item, 1);

	it->kind = kind;
	it->from = from;
	it->to = to;
	it->text = g_strdup(text);
	if (regs) {
		it->regs = g_new0(uint64_t, SMC_NR_REGS);
		it->regs[0] = 0x84000063;	/* FFA_VERSION */
		it->regs[1] = 0x10001;
	}
	g_ptr_array_add(e->items, it);
}

static void add_actor(struct explain *e, const char *id, const char *label)
{
	struct explain_actor_def *a = g_new0(struct explain_actor_def, 1);

	a->id = g_strdup(id);
	a->label = g_strdup(label);
	a->name = g_strdup(label);
	g_ptr_array_add(e->actors, a);
}

/* A picture made by hand, with @text wherever the child puts text. */
static struct scen_picture *picture_by_hand(const char *text)
{
	struct scen_picture *p = g_new0(struct scen_picture, 1);
	struct picture_row *row = g_new0(struct picture_row, 1);
	static const uint8_t before[] = { PW_OWNED_BY_HOST, PW_OWNED_BY_HOST,
					  PW_OWNED_BY_GUEST };
	static const uint8_t after[] = { PW_SHARED_WITH_FFA, PW_OWNED_BY_HOST,
					 0xee };

	p->explain.actors = g_ptr_array_new();
	p->explain.items = g_ptr_array_new();
	add_actor(&p->explain, "Host", "Host");
	add_actor(&p->explain, "EL2", text);
	add_item(&p->explain, EXPLAIN_SECTION, 0, 0, text, false);
	add_item(&p->explain, EXPLAIN_CALL, 0, 1, text, true);
	add_item(&p->explain, EXPLAIN_NOTE, 1, 1, text, false);
	p->explain.outcome = g_strdup(text);
	p->page_size = 4096;
	p->booted = true;
	p->rows = g_ptr_array_new();
	row->name = g_strdup(text);
	row->pa = 0x80000000;
	row->nr_pages = sizeof(before);
	row->before = g_memdup2(before, sizeof(before));
	row->after = g_memdup2(after, sizeof(after));
	g_ptr_array_add(p->rows, row);
	p->trace = g_strdup(text);
	return p;
}

/* Every reference stays inside the page. */
/*
 * Nothing in the page fetches or runs anything, and every link stays in
 * it: the page is read offline, from CI artifacts.
 */
#define assert_self_contained(doc) \
	assert_self_contained_at((doc), __FILE__, __LINE__)

static void assert_self_contained_at(const struct dom_node *doc,
				     const char *file, int line)
{
	static const char *const fetching[] = {
		"script", "img", "iframe", "object", "embed", "link", "image",
		"use", "video", "audio", "source",
	};
	GPtrArray *all = dom_find(doc, NULL, NULL);
	unsigned int i, k;

	for (i = 0; i < all->len; i++) {
		const struct dom_node *n = all->pdata[i];
		const char *href = dom_attr(n, "href");

		for (k = 0; k < G_N_ELEMENTS(fetching); k++)
			if (!strcmp(n->name, fetching[k]))
				fail_at(file, line, "a <%s> element, which fetches or runs: the page must stand alone",
					n->name);
		if (dom_attr(n, "src") || dom_attr(n, "onerror") ||
		    dom_attr(n, "onclick") || dom_attr(n, "onload"))
			fail_at(file, line, "<%s> has an attribute that runs or fetches: the page must stand alone",
				n->name);
		if (href && href[0] != '#')
			fail_at(file, line, "<%s href=\"%s\"> leaves the page, which must stand alone",
				n->name, href);
		if (href && !strcmp(n->name, "a")) {
			GPtrArray *all_ids = dom_find(doc, NULL, NULL);
			bool found = false;

			for (k = 0; k < all_ids->len && !found; k++) {
				const char *id = dom_attr(all_ids->pdata[k], "id");

				found = id && !strcmp(id, href + 1);
			}
			g_ptr_array_free(all_ids, TRUE);
			if (!found)
				fail_at(file, line, "a link to %s, which no element has: a dead link",
					href);
		}
	}
	g_ptr_array_free(all, TRUE);
}

/* The text of a part of the page holds @needle. */
#define assert_contains(text, needle, why) \
	check_has_at("the text", (text), (needle), "" why, __FILE__, __LINE__)

static void test_hostile_text(void **state)
{
	struct run_summary sum;
	struct scen_result *r;
	struct dom_node *doc, *sec;
	char *path = report_temp_path("html"), *text, err[256];
	GPtrArray *svgs;

	(void)state;
	run_summary_init(&sum, "v" HOSTILE);
	g_ptr_array_add(sum.notices, g_strdup(HOSTILE));
	r = scen_result_new("id" HOSTILE, "f" HOSTILE, 3);
	r->description = g_strdup(HOSTILE "\x01\x1b[31m\xff");
	g_ptr_array_add(r->tags, g_strdup(HOSTILE));
	r->status = SCEN_FAIL;
	r->verdict = VERDICT_FAIL;
	r->message = g_strdup(HOSTILE "\nsecond line");
	scen_result_add_step(r, HOSTILE, 4, false);
	/* as a driver: step's client would have got it */
	scen_result_step_got(r, "ret -22 " HOSTILE);
	scen_result_attach_picture(r, picture_by_hand(HOSTILE),
				   scen_picture_free);
	run_summary_add(&sum, r);
	assert_int_equal(report_html(path, &sum, err, sizeof(err)), 0);

	doc = parse_file(path);
	assert_self_contained(doc);
	sec = dom_first(doc, "section", "scenario");
	assert_non_null(sec);
	assert_true(dom_has_class(sec, "fail"));
	text = dom_text(sec);
	assert_contains(text, "id" HOSTILE, "the ID is shown as text, escaped");
	assert_contains(text, HOSTILE "\xef\xbf\xbd\xef\xbf\xbd[31m\xef\xbf\xbd",
			"control bytes become U+FFFD, the rest stays");
	assert_contains(text, HOSTILE "\nsecond line",
			"the message keeps its lines");
	g_free(text);
	/* The step list says what the client got at a driver: step. */
	assert_non_null(dom_first(sec, "span", "got"));
	text = dom_text(dom_first(sec, "span", "got"));
	assert_string_equal(text, "the client got ret -22 " HOSTILE);
	g_free(text);
	svgs = dom_find(sec, "svg", NULL);
	assert_int_equal(svgs->len, 1);
	text = dom_text(svgs->pdata[0]);
	assert_contains(text, HOSTILE, "the diagram shows the text, escaped");
	g_free(text);
	g_ptr_array_free(svgs, TRUE);
	/* The byte no state has is drawn, as unknown. */
	assert_non_null(dom_first(sec, "span", "unknown"));
	assert_non_null(dom_first(sec, "span", "owned-by-guest"));
	dom_free(doc);
	run_summary_free(&sum);
	unlink(path);
	g_free(path);
}

/* @b, read back from the result pipe, is @a field for field. */
#define assert_same_picture(a, b) \
	assert_same_picture_at((a), (b), __FILE__, __LINE__)

static void assert_same_picture_at(const struct scen_picture *a,
				   const struct scen_picture *b,
				   const char *file, int line)
{
	const char *why = "the picture crosses the result pipe unchanged";
	unsigned int i;

	check_int(a->explain.actors->len, b->explain.actors->len, why);
	check_int(a->explain.items->len, b->explain.items->len, why);
	for (i = 0; i < a->explain.items->len; i++) {
		const struct explain_item *x = a->explain.items->pdata[i];
		const struct explain_item *y = b->explain.items->pdata[i];

		check_int(x->kind, y->kind, why);
		check_int(x->from, y->from, why);
		check_int(x->to, y->to, why);
		check_text_at("an item's text", x->text, y->text, why, file,
			      line);
		check_int(!x->regs, !y->regs, why);
		if (x->regs)
			check_mem(x->regs, y->regs,
				  SMC_NR_REGS * sizeof(uint64_t), why);
		check_true(!y->request,
			   "the request stays behind: the page needs no more");
	}
	check_text_at("the outcome", a->explain.outcome, b->explain.outcome,
		      why, file, line);
	check_int(a->page_size, b->page_size, why);
	check_int(a->rows->len, b->rows->len, why);
	for (i = 0; i < a->rows->len; i++) {
		const struct picture_row *x = a->rows->pdata[i];
		const struct picture_row *y = b->rows->pdata[i];

		check_text_at("a row's name", x->name, y->name, why, file,
			      line);
		check_int(x->pa, y->pa, why);
		check_int(x->nr_pages, y->nr_pages, why);
		check_mem(x->before, y->before, x->nr_pages, why);
		check_mem(x->after, y->after, x->nr_pages, why);
	}
	check_text_at("the trace", a->trace, b->trace, why, file, line);
}

static void test_picture_wire(void **state)
{
	struct scen_picture *p = picture_by_hand("text"), *q;
	struct explain_item *it;
	GBytes *b;
	const uint8_t *data;
	gsize len;

	(void)state;
	b = scen_picture_to_bytes(p);
	data = g_bytes_get_data(b, &len);
	q = scen_picture_from_bytes(data, len);
	assert_non_null(q);
	assert_same_picture(p, q);
	scen_picture_free(q);
	/* Cut short, or not a picture at all: none. */
	assert_null(scen_picture_from_bytes(data, len / 2));
	assert_null(scen_picture_from_bytes("garbage", 7));
	g_bytes_unref(b);

	/* An arrow to an actor that does not exist. */
	it = p->explain.items->pdata[1];
	it->to = 7;
	b = scen_picture_to_bytes(p);
	data = g_bytes_get_data(b, &len);
	assert_null(scen_picture_from_bytes(data, len));
	g_bytes_unref(b);
	scen_picture_free(p);
}

/* The fixture's verdicts, as the expectations file makes them. */
static const struct {
	const char *id, *cls;
} verdicts[] = {
	{ "explain-flow", "pass" },
	{ "cli-id-get", "pass" },
	{ "cli-version", "pass" },
	{ "cli-wrong-register", "fail" },
	{ "cli-known-failure", "known" },
	{ "cli-fails-differently", "fail" },
	{ "cli-listed-but-passes", "xpass" },
	{ "cli-only-64k", "skip" },
};

/* The page's section of scenario @id, which must be there. */
#define section_of(sections, id) \
	section_of_at((sections), (id), __FILE__, __LINE__)

static struct dom_node *section_of_at(GPtrArray *sections, const char *id,
				      const char *file, int line)
{
	unsigned int i;

	for (i = 0; i < sections->len; i++) {
		struct dom_node *s = sections->pdata[i];
		char *text = dom_text(dom_first(s, "span", "id"));
		bool match = !strcmp(text, id);

		g_free(text);
		if (match)
			return s;
	}
	fail_at(file, line, "no section for %s: the page shows every scenario of the run",
		id);
}


/* The section's one diagram names each of @names. */
#define assert_participants(sec, names) \
	assert_participants_at((sec), (names), __FILE__, __LINE__)

static void assert_participants_at(const struct dom_node *sec,
				   const char *const *names, const char *file,
				   int line)
{
	GPtrArray *svgs = dom_find(sec, "svg", NULL);
	char *text;

	check_int(svgs->len, 1, "one sequence diagram per scenario");
	text = dom_text(svgs->pdata[0]);
	for (; *names; names++)
		check_has_at("the diagram", text, *names,
			     "every party of the flow has its lifeline", file,
			     line);
	g_free(text);
	g_ptr_array_free(svgs, TRUE);
}

/*
 * The map's rows, a column per moment: "tx H>S>S" for a page host-owned
 * before the first step, shared with the hyp after each later moment.
 */
#define page_map(sec) page_map_at((sec), __FILE__, __LINE__)

static char *page_map_at(const struct dom_node *sec, const char *file,
			 int line)
{
	struct dom_node *map = dom_first(sec, "table", "pagemap");
	GPtrArray *rows;
	GString *out = g_string_new(NULL);
	unsigned int i, j;

	check_true(map != NULL, "a scenario that maps pages has a page map");
	rows = dom_find(map, "tr", NULL);
	for (i = 1; i < rows->len; i++) {
		GPtrArray *cells = dom_find(rows->pdata[i], "td", "cells");
		char *name = dom_text(dom_first(rows->pdata[i], "th", NULL));

		check_true(cells->len >= 2,
			   "a row shows the page before and after a step");
		g_string_append(out, name);
		for (j = 0; j < cells->len; j++) {
			char *text = dom_text(cells->pdata[j]);

			g_string_append_printf(out, "%s%s", j ? ">" : " ", text);
			g_free(text);
		}
		g_string_append_c(out, '\n');
		g_free(name);
		g_ptr_array_free(cells, TRUE);
	}
	g_ptr_array_free(rows, TRUE);
	return g_string_free(out, FALSE);
}

/* The map's column headings after "before the first step". */
/* The page map's columns after the first are @first and @second. */
#define assert_moments(sec, first, second) \
	assert_moments_at((sec), (first), (second), __FILE__, __LINE__)

static void assert_moments_at(const struct dom_node *sec, const char *first,
			      const char *second, const char *file, int line)
{
	GPtrArray *ths = dom_find(sec, "th", "moment");
	char *a, *b;

	if (ths->len != 2)
		fail_at(file, line, "the page map has %u columns after the first, expected 2: one per step that changed a state",
			ths->len);
	a = dom_text(ths->pdata[0]);
	b = dom_text(ths->pdata[1]);
	check_text_at("the first moment", a, first,
		      "a column names the step that changed a state", file,
		      line);
	check_text_at("the second moment", b, second,
		      "a column names the step that changed a state", file,
		      line);
	g_free(a);
	g_free(b);
	g_ptr_array_free(ths, TRUE);
}

/* The descriptor of the share, at the host's hop: fields and bytes. */
/* The share's descriptor is shown at its hops, as fields and as bytes. */
#define assert_descriptor(sec) assert_descriptor_at((sec), __FILE__, __LINE__)

static void assert_descriptor_at(const struct dom_node *sec, const char *file,
				 int line)
{
	GPtrArray *notes = dom_find(sec, "li", "desc");
	struct dom_node *fields, *bytes;
	char *text;

	if (notes->len < 2)
		fail_at(file, line, "%u descriptor notes, expected the share's at the host's hop and at EL2's",
			notes->len);
	text = dom_text(notes->pdata[0]);
	check_has_at("the note", text, "descriptor, 96 bytes: from 0x0000",
		     "the note sums the descriptor up", file, line);
	check_has_at("the note", text, "to 0x8001 read-write",
		     "the note names the receiver and its access", file, line);
	g_free(text);
	fields = dom_first(notes->pdata[0], "pre", "descriptor");
	bytes = dom_first(notes->pdata[0], "pre", "bytes");
	check_true(fields && bytes,
		   "the note holds the decoded fields and the bytes");
	text = dom_text(fields);
	check_has_at("the fields", text, "@80   address           ",
		     "each field is shown at its offset", file, line);
	g_free(text);
	text = dom_text(bytes);
	check_has_at("the bytes", text, "00000000: 0000 2f00",
		     "the bytes are a hex dump decode can read back", file,
		     line);
	g_free(text);
	g_ptr_array_free(notes, TRUE);
}

static void test_run_page(void **state)
{
	static const char *const actors[] = { "Host", "EL2 proxy", "SPMC", NULL };
	static const char *const flow_actors[] = { "sp1 (0x8001)",
						   "sp2 (0x8002)", NULL };
	char *path = report_temp_path("html"), *map;
	struct dom_node *doc, *flow, *regs;
	GPtrArray *sections;
	struct spawned r;
	unsigned int i;

	(void)state;
	spawn_sim(&r, NULL, "run", "--html", path, CLI, FLOW, NULL);
	spawned_assert_status(&r, 1);
	doc = parse_file(path);
	assert_self_contained(doc);
	sections = dom_find(doc, "section", "scenario");
	assert_int_equal(sections->len, G_N_ELEMENTS(verdicts) + 1);
	for (i = 0; i < G_N_ELEMENTS(verdicts); i++) {
		struct dom_node *sec = section_of(sections, verdicts[i].id);
		const char *cls = verdicts[i].cls;

		if (!strcmp(cls, "skip") && hyp_page_size() == 65536)
			cls = "pass";
		if (!dom_has_class(sec, cls))
			fail_msg("%s: class '%s', expected %s", verdicts[i].id,
				 dom_attr(sec, "class"), cls);
		assert_participants(sec, actors);
		assert_non_null(dom_first(sec, strcmp(cls, "skip") ? "ol" : "p",
					  "steps"));
	}
	flow = section_of(sections, "explain-flow");
	assert_participants(flow, flow_actors);
	/*
	 * A column after each step that changed a state: RXTX_MAP shares tx
	 * and rx with the hyp, the share gives buf to FF-A, and the reclaim
	 * whose unshare was refused changes nothing: buf stays shared.
	 */
	map = page_map(flow);
	assert_string_equal(map, "tx H>S>S\nrx H>S>S\nbuf H>H>F\n");
	assert_moments(flow, "after step 2 (call FFA_FN64_RXTX_MAP)",
		       "after step 4 (share)");
	g_free(map);
	assert_descriptor(flow);
	/* The first hop of boot, EL2's FFA_VERSION, decoded. */
	regs = dom_first(flow, "table", "regs");
	assert_non_null(regs);
	map = dom_text(regs);
	assert_contains(map, "FFA_VERSION",
			"the registers of a hop are decoded");
	g_free(map);
	g_ptr_array_free(sections, TRUE);
	dom_free(doc);
	spawned_free(&r);
	unlink(path);
	g_free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_picture_wire),
		cmocka_unit_test(test_run_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
