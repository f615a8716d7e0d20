// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim explain: the Mermaid it prints must be a valid sequenceDiagram,
 * which a small structural checker below decides (participants declared
 * before use and once, "A->>B: text" and "A-->>B: text" arrows, notes,
 * and no text that ends a Mermaid statement early: ';', a '#' that starts
 * no entity code, '<' or '>').  The checker is tested on broken diagrams
 * first, then run on the fixture tests/explain/flow.yaml, whose drawing
 * must also show the real hops, and on scenarios of the suite.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "sim/view/explain.h"
#include "tests/check_util.h"
#include "tests/spawn_util.h"

#define FLOW	"tests/explain/flow.yaml"

/* ---- the checker ---- */

struct mermaid {
	GHashTable *ids;
	unsigned int arrows, notes;
	char *why;		/* the first problem, with its line */
};

static size_t id_len(const char *p)
{
	size_t n = 0;

	if (!g_ascii_isalpha(*p))
		return 0;
	while (g_ascii_isalnum(p[n]) || p[n] == '_')
		n++;
	return n;
}

/* Text after a ':' or an "as": Mermaid ends a statement at ';' or '#'. */
static const char *text_problem(const char *t)
{
	const char *p, *q;

	if (!*t || !strcmp(t, "end"))
		return "empty text, or the keyword end";
	for (p = t; *p; p++) {
		if (*p == '#') {
			for (q = p + 1; g_ascii_isalnum(*q); q++)
				;
			if (q == p + 1 || *q != ';')
				return "a '#' that starts no entity code";
			p = q;
		} else if (*p == ';') {
			return "a ';', which ends the statement";
		} else if (*p == '<' || *p == '>') {
			return "a '<' or '>', which may be taken for HTML";
		}
	}
	return NULL;
}

/* An ID that a participant line declared; advances *p past it. */
static const char *known_id(struct mermaid *m, const char **p)
{
	size_t n = id_len(*p);
	char *id = g_strndup(*p, n);
	bool known = n && g_hash_table_contains(m->ids, id);

	g_free(id);
	*p += n;
	return !n ? "a participant ID" : known ? NULL : "an undeclared participant";
}

static const char *participant(struct mermaid *m, const char *p)
{
	size_t n = id_len(p);
	char *id = g_strndup(p, n);
	const char *why = NULL;

	if (!n)
		why = "a participant without an ID";
	else if (g_hash_table_contains(m->ids, id))
		why = "a participant declared twice";
	else if (p[n] && !g_str_has_prefix(p + n, " as "))
		why = "a participant followed by something else than \"as\"";
	else if (p[n])
		why = text_problem(p + n + 4);
	g_hash_table_add(m->ids, id);
	return why;
}

static const char *note(struct mermaid *m, const char *p)
{
	static const char *const where[] = { "over ", "left of ", "right of " };
	const char *why;
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(where); i++)
		if (g_str_has_prefix(p, where[i]))
			break;
	if (i == G_N_ELEMENTS(where))
		return "a note that is not over, left of or right of";
	p += strlen(where[i]);
	if ((why = known_id(m, &p)))
		return why;
	if (*p == ',' && i == 0 && (p++, (why = known_id(m, &p))))
		return why;
	if (strncmp(p, ": ", 2))
		return "a note without ': '";
	m->notes++;
	return text_problem(p + 2);
}

static const char *arrow(struct mermaid *m, const char *p)
{
	static const char *const arrows[] = {
		"-->>", "->>", "-->", "->", "--x", "-x", "--)", "-)",
	};
	const char *why;
	unsigned int i;

	if ((why = known_id(m, &p)))
		return why;
	for (i = 0; i < G_N_ELEMENTS(arrows); i++)
		if (g_str_has_prefix(p, arrows[i]))
			break;
	if (i == G_N_ELEMENTS(arrows))
		return "not a statement of a sequenceDiagram";
	p += strlen(arrows[i]);
	if ((why = known_id(m, &p)))
		return why;
	if (strncmp(p, ": ", 2))
		return "an arrow without ': '";
	m->arrows++;
	return text_problem(p + 2);
}

static const char *statement(struct mermaid *m, const char *line)
{
	const char *p = line + strspn(line, " ");

	if (g_str_has_prefix(p, "%%"))
		return NULL;
	if (g_str_has_prefix(p, "participant "))
		return participant(m, p + strlen("participant "));
	if (g_str_has_prefix(p, "Note "))
		return note(m, p + strlen("Note "));
	return arrow(m, p);
}

/* True when @text is a sequenceDiagram; else m->why says where not. */
static bool mermaid_check(struct mermaid *m, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	const char *why = NULL;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!lines[0] || strcmp(lines[0], "sequenceDiagram"))
		why = "the first line is not sequenceDiagram";
	for (i = 1; !why && lines[i]; i++)
		if (*lines[i])
			why = statement(m, lines[i]);
	if (why)
		m->why = g_strdup_printf("line %u: %s: %s", i, why,
					 lines[i ? i - 1 : 0]);
	g_strfreev(lines);
	return !why;
}

static void mermaid_free(struct mermaid *m)
{
	g_hash_table_destroy(m->ids);
	g_free(m->why);
}

static void test_checker(void **state)
{
	static const char *const bad[] = {
		"flowchart LR\n",
		"sequenceDiagram\n    A->>B: hi\n",
		"sequenceDiagram\n    participant A\n    participant A\n",
		"sequenceDiagram\n    participant A\n    participant B\n    A->>B: a; b\n",
		"sequenceDiagram\n    participant A\n    participant B\n    A->>B: #1 hop\n",
		"sequenceDiagram\n    participant A\n    participant B\n    A->>B: x -> y\n",
		"sequenceDiagram\n    participant A\n    participant B\n    A->>B hi\n",
		"sequenceDiagram\n    participant A\n    Note over A B: x\n",
		"sequenceDiagram\n    participant A\n    Note above A: x\n",
		"sequenceDiagram\n    participant A as a;b\n",
		"sequenceDiagram\n    participant A\n    participant B\n    A=>B: x\n",
		"sequenceDiagram\n    participant A\n    Note over A: end\n",
	};
	static const char good[] =
		"sequenceDiagram\n"
		"    %% a comment\n"
		"    participant A as the host (0x0)\n"
		"    participant B\n"
		"    Note over A,B: step 1: call\n"
		"    A->>B: FFA_VERSION 1.2 #59; x #62; y #35;1\n"
		"    B-->>A: version 1.1\n"
		"    Note over B: stage-2: ok\n";
	struct mermaid m;
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		if (mermaid_check(&m, bad[i]))
			fail_msg("the checker took\n%s", bad[i]);
		mermaid_free(&m);
	}
	if (!mermaid_check(&m, good))
		fail_msg("%s", m.why);
	assert_int_equal(m.arrows, 2);
	assert_int_equal(m.notes, 2);
	mermaid_free(&m);
}

/* ---- drawing ---- */

/* The checks of a drawing, each at the caller's line. */
#define assert_mermaid(cmd, text) \
	assert_mermaid_at((cmd), (text), __FILE__, __LINE__)
#define assert_line(cmd, text, want) \
	assert_line_at((cmd), (text), (want), __FILE__, __LINE__)
#define assert_line_with(cmd, text, prefix, part) \
	assert_line_with_at((cmd), (text), (prefix), (part), __FILE__, \
			    __LINE__)

/* @text is a sequenceDiagram Mermaid draws, with at least one arrow. */
static void assert_mermaid_at(const char *cmd, const char *text,
			      const char *file, int line)
{
	struct mermaid m;

	if (!mermaid_check(&m, text))
		fail_at(file, line, "%s: not a valid sequenceDiagram: %s: Mermaid would draw nothing\n%s",
			cmd, m.why, text);
	if (m.arrows <= 0)
		fail_at(file, line, "%s: a diagram without arrows, expected the flow's hops\n%s",
			cmd, text);
	mermaid_free(&m);
}

/* @text has the whole line @want. */
static void assert_line_at(const char *cmd, const char *text,
			   const char *want, const char *file, int line)
{
	char *whole = g_strdup_printf("\n%s\n", want);

	if (!strstr(text, whole))
		fail_at(file, line, "%s: no line\n%s\nin the drawing, which must show it whole\n%s",
			cmd, want, text);
	g_free(whole);
}

/* A line that starts with @prefix and holds @part. */
static void assert_line_with_at(const char *cmd, const char *text,
				const char *prefix, const char *part,
				const char *file, int line)
{
	char **lines = g_strsplit(text, "\n", -1);
	bool found = false;
	char **l;

	for (l = lines; *l && !found; l++)
		found = g_str_has_prefix(*l, prefix) && strstr(*l, part);
	g_strfreev(lines);
	if (!found)
		fail_at(file, line, "%s: no line starting '%s' with '%s': the drawing must show that hop\n%s",
			cmd, prefix, part, text);
}


/* Items with every character Mermaid cares about, drawn by hand. */
static void test_escaping(void **state)
{
	static const char yaml[] =
		"name: esc\n"
		"description: d\n"
		"setup: { spmc: { partitions: [{ id: 0x8001, name: sp1 }] } }\n"
		"steps:\n"
		"  - call: FFA_VERSION\n";
	static const char want[] =
		"sequenceDiagram\n"
		"    %% esc: esc.yaml:1, run on v\n"
		"    participant Host\n"
		"    participant EL2 as EL2 proxy\n"
		"    participant SPMC\n"
		"    participant P8001 as sp1 (0x8001)\n"
		"    Note over Host,P8001: boot\n"
		"    Host->>EL2: a#59; b #35;1 #60;c#62;\n"
		"    EL2-->>Host: -\n"
		"    Note over P8001: two lines\n"
		"    Note over Host,P8001: ok\n";
	GPtrArray *scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	struct explain_item *it;
	GString *out = g_string_new(NULL);
	struct explain e;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_true(scenario_load_string("esc.yaml", yaml, 4096, scens, &d));
	explain_init(&e, scens->pdata[0]);
	e.variant = "v";
	it = g_new0(struct explain_item, 1);
	*it = (struct explain_item){ .kind = EXPLAIN_CALL, .from = EXPLAIN_HOST,
				     .to = EXPLAIN_EL2, .text = g_strdup("a; b #1 <c>") };
	g_ptr_array_add(e.items, it);
	it = g_new0(struct explain_item, 1);
	*it = (struct explain_item){ .kind = EXPLAIN_REPLY, .from = EXPLAIN_EL2,
				     .to = EXPLAIN_HOST, .text = g_strdup("") };
	g_ptr_array_add(e.items, it);
	it = g_new0(struct explain_item, 1);
	*it = (struct explain_item){ .kind = EXPLAIN_NOTE, .from = EXPLAIN_PART0,
				     .to = EXPLAIN_PART0, .text = g_strdup("two\nlines") };
	g_ptr_array_add(e.items, it);
	e.outcome = g_strdup("ok");
	explain_mermaid(&e, out);
	if (strcmp(out->str, want))
		fail_msg("--- got\n%s--- want\n%s", out->str, want);
	assert_mermaid("by hand", out->str);
	explain_free(&e);
	g_string_free(out, TRUE);
	g_ptr_array_unref(scens);
	diag_free(&d);
}

static void test_flow(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "explain", FLOW, NULL);
	spawned_assert_status(&r, 0);
	assert_mermaid(r.cmd, r.out);
	assert_true(g_str_has_prefix(r.out,
		"sequenceDiagram\n"
		"    %% explain-flow: " FLOW ":5, run on "));
	assert_line(r.cmd, r.out, "    participant Host");
	assert_line(r.cmd, r.out, "    participant EL2 as EL2 proxy");
	assert_line(r.cmd, r.out, "    participant SPMC");
	assert_line(r.cmd, r.out, "    participant P8001 as sp1 (0x8001)");
	assert_line(r.cmd, r.out, "    participant P8002 as sp2 (0x8002)");
	assert_line(r.cmd, r.out, "    Note over Host,P8002: boot");
	assert_line(r.cmd, r.out, "    Note over EL2: hyp_ffa_init() = 0");
	assert_line(r.cmd, r.out, "    Note over Host,P8002: step 1: call FFA_VERSION");
	assert_line(r.cmd, r.out, "    Host->>EL2: FFA_VERSION 1.1");
	assert_line(r.cmd, r.out, "    EL2-->>Host: version 1.1");
	assert_line(r.cmd, r.out, "    Note over Host: writes into its own memory");
	assert_line_with(r.cmd, r.out, "    Host->>EL2: FFA_FN64_MEM_SHARE ", "bytes");
	assert_line_with(r.cmd, r.out, "    Note over EL2: stage-2 host_share_ffa pfn ", "page");
	assert_line(r.cmd, r.out, "    SPMC-->>EL2: FFA_SUCCESS handle 0x15a000001");
	assert_line(r.cmd, r.out, "    P8001->>SPMC: retrieve handle 0x15a000001 = ok");
	assert_line(r.cmd, r.out, "    Note over P8002: queues its answer to the next direct request");
	assert_line(r.cmd, r.out, "    SPMC->>P8002: FFA_MSG_SEND_DIRECT_REQ 0x0000 to 0x8002");
	assert_line(r.cmd, r.out, "    P8002-->>SPMC: FFA_MSG_SEND_DIRECT_RESP 0x8002 to 0x0000");
	assert_line_with(r.cmd, r.out, "    Note over EL2: ", "host_unshare_ffa");
	assert_line_with(r.cmd, r.out, "    Note over EL2: WARN at ffa.c:",
			 "in do_ffa_mem_reclaim: ffa_host_unshare_ranges(reg-#62;");
	assert_line_with(r.cmd, r.out, "    Note over EL2: hyp panic: WARN at ffa.c:",
			 "");
	assert_line(r.cmd, r.out, "    Note over Host,P8002: passed");
	spawned_free(&r);
}

static void test_flow_text(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "explain", "--text", FLOW, NULL);
	spawned_assert_status(&r, 0);
	assert_true(g_str_has_prefix(r.out,
		"explain-flow (" FLOW ":5, run on "));
	/* The version EL2 asks for at boot is the tree's own. */
	assert_non_null(strstr(r.out, "\n\nboot\n  EL2 -> SPMC: FFA_VERSION 1."));
	assert_line(r.cmd, r.out,
		    "  EL2: hyp_ffa_init() = 0\n"
		    "\n"
		    "step 1: call FFA_VERSION\n"
		    "  Host -> EL2: FFA_VERSION 1.1");
	assert_line(r.cmd, r.out,
		    "step 8: call FFA_MSG_SEND_DIRECT_REQ\n"
		    "  Host -> EL2: FFA_MSG_SEND_DIRECT_REQ 0x0000 to 0x8002");
	assert_line(r.cmd, r.out, "  sp2 -> SPMC: FFA_MSG_SEND_DIRECT_RESP 0x8002 to 0x0000");
	assert_true(g_str_has_suffix(r.out, "\n\npassed\n"));
	spawned_free(&r);
}

/* Scenarios of the suite, a failing one, and a case chosen by label. */
static void test_suite_scenarios(void **state)
{
	static const char *const runs[][2] = {
		{ "scenarios/memory/share-reclaim.yaml", NULL },
		{ "scenarios/memory/reclaim-unshare-fails.yaml", NULL },
		{ "scenarios/memory/partition-uses-memory.yaml", NULL },
		{ "scenarios/direct/scripted.yaml", NULL },
		{ "scenarios/direct/echo.yaml", "FFA_FN64_MSG_SEND_DIRECT_REQ" },
		{ "scenarios/version/negotiate.yaml", "asked=version(1, 1)" },
		{ "tests/cli/outcomes/wrong-register.yaml", NULL },
	};
	struct spawned r;
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(runs); i++) {
		if (runs[i][1])
			spawn_sim(&r, NULL, "explain", runs[i][0], "--case",
				  runs[i][1], NULL);
		else
			spawn_sim(&r, NULL, "explain", runs[i][0], NULL);
		spawned_assert_status(&r, 0);
		assert_mermaid(r.cmd, r.out);
		spawned_free(&r);
	}
	spawn_sim(&r, NULL, "explain", "tests/cli/outcomes/wrong-register.yaml",
		  NULL);
	assert_true(g_str_has_suffix(r.out,
		"    Note over Host,SPMC: failed at step 1: w0: expected 1.0 (0x10000), got 1.1 (0x10001)\n"));
	spawned_free(&r);
}

/*
 * Two host CPUs are two lanes: each CPU's FFA_PARTITION_INFO_GET is drawn
 * from its own, in Mermaid (one participant each) and in text.
 */
static void test_cpu_lanes(void **state)
{
	static const char file[] = "scenarios/concurrency/partinfo.yaml";
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "explain", file, NULL);
	spawned_assert_status(&r, 0);
	assert_mermaid(r.cmd, r.out);
	if (!strstr(r.out, "    participant Host as Host CPU 0\n    participant Host1 as Host CPU 1\n    participant EL2 as EL2 proxy\n"))
		fail_msg("%s: expected a lane per host CPU before EL2:\n%s", file, r.out);
	if (!strstr(r.out, "    Host1->>EL2: FFA_PARTITION_INFO_GET"))
		fail_msg("%s: CPU 1's call is not drawn from its lane:\n%s", file, r.out);
	spawned_free(&r);

	spawn_sim(&r, NULL, "explain", file, "--text", NULL);
	spawned_assert_status(&r, 0);
	assert_non_null(strstr(r.out, "  Host CPU 0 -> EL2: FFA_PARTITION_INFO_GET"));
	assert_non_null(strstr(r.out, "  Host CPU 1 -> EL2: FFA_PARTITION_INFO_GET"));
	spawned_free(&r);
}

static void test_refuses(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "explain", "scenarios/direct/echo.yaml", NULL);
	spawned_assert_status(&r, 2);
	assert_true(g_str_has_prefix(r.err, "ffa-sim explain: scenarios/direct/echo.yaml holds "));
	assert_non_null(strstr(r.err, "; choose one with --case:\n  direct-request-echo[fn="));
	spawned_free(&r);

	spawn_sim(&r, NULL, "explain", FLOW, "--case", "nope", NULL);
	spawned_assert_status(&r, 2);
	assert_string_equal(r.err,
		"ffa-sim explain: " FLOW " has no scenario or case 'nope'; it has:\n"
		"  explain-flow\n");
	spawned_free(&r);

	spawn_sim(&r, NULL, "explain", "tests/cli-broken/unknown-key.yaml", NULL);
	spawned_assert_status(&r, 2);
	assert_true(g_str_has_prefix(r.err, "tests/cli-broken/unknown-key.yaml:7:5: unknown key 'expcet'"));
	assert_string_equal(r.out, "");
	spawned_free(&r);

	spawn_sim(&r, NULL, "explain", NULL);
	spawned_assert_status(&r, 2);
	assert_string_equal(r.err, "ffa-sim explain: give one scenario file (try --help)\n");
	spawned_free(&r);

	spawn_sim(&r, NULL, "explain", "/nonexistent.yaml", NULL);
	spawned_assert_status(&r, 2);
	spawned_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_flow_text),
		cmocka_unit_test(test_suite_scenarios),
		cmocka_unit_test(test_cpu_lanes),
		cmocka_unit_test(test_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
