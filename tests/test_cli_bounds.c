// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim run and explain on hostile command lines and folders, end to
 * end (FFA_SIM_BIN): a walk that cannot loop or skip in silence, filters
 * and timeouts that cannot make a run green by mistake, scenario text
 * that cannot reach a terminal as escapes, reports that are refused
 * before the run or written whole, KTAP that streams.  The folders are
 * made here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "tests/check_util.h"
#include "tests/report_parse_util.h"
#include "tests/spawn_util.h"

#define GOOD	"tests/cli/calls/version.yaml"

/* The test's own files, each failure at the caller's line. */
#define tmp_dir() make_tmp_dir_at(__FILE__, __LINE__)
#define rm_rf(dir) rm_rf_at((dir), __FILE__, __LINE__)
#define copy_good(dir, name) copy_good_at((dir), (name), __FILE__, __LINE__)
#define link_in(dir, target, name) \
	link_in_at((dir), (target), (name), __FILE__, __LINE__)

static void rm_rf_at(const char *dir, const char *file, int line)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	check_setup_at(system(cmd) == 0, cmd, file, line);
	g_free(cmd);
}

static char *path_in(const char *dir, const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static void copy_good_at(const char *dir, const char *name, const char *file,
			 int line)
{
	char *text = NULL, *to = path_in(dir, name);
	gsize len = 0;

	check_setup_at(g_file_get_contents(GOOD, &text, &len, NULL),
		       "reading " GOOD, file, line);
	write_test_file_at(to, text, (long)len, file, line);
	g_free(text);
	g_free(to);
}

static void link_in_at(const char *dir, const char *target, const char *name,
		       const char *file, int line)
{
	char *at = path_in(dir, name);

	check_setup_at(symlink(target, at) == 0, "making a symbolic link",
		       file, line);
	g_free(at);
}

/* @text (named @what) holds @want; @why says what its absence would mean. */
#define assert_contains(what, text, want, why) \
	check_has_at((what), (text), (want), "" why, __FILE__, __LINE__)

static unsigned int count_of(const char *text, const char *needle)
{
	unsigned int n = 0;

	for (; (text = strstr(text, needle)); text += strlen(needle))
		n++;
	return n;
}

/*
 * Two links to `.` made the walk exponential, one loaded the same file
 * 41 times: each real folder is walked once, so the scenario runs once.
 */
static void test_walk_symlink_loops(void **state)
{
	char *dir = tmp_dir();
	struct spawned r;

	(void)state;
	copy_good(dir, "s.yaml");
	link_in(dir, ".", "a");
	link_in(dir, ".", "b");
	link_in(dir, ".", "self");
	spawn_sim(&r, NULL, "run", "--list", dir, NULL);
	spawned_assert_status(&r, 0);
	assert_contains("the list", r.out, "1 scenario\n",
			"links back into the folder are not followed again");
	assert_int_equal(count_of(r.out, "cli-version"), 1);
	spawned_free(&r);
	rm_rf(dir);
	g_free(dir);
}

/*
 * What is not a regular file is refused with its reason and fails the
 * run, without being read: a FIFO blocked the run for ever (this test
 * would hang), /dev/zero grew until GLib aborted.  A symlink loop and a
 * dangling link named *.yaml cannot be read: errors too, never skipped.
 */
static void test_walk_refuses_what_it_cannot_read(void **state)
{
	char *dir = tmp_dir(), *fifo = path_in(dir, "fifo.yaml");
	struct spawned r;

	(void)state;
	copy_good(dir, "s.yaml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	link_in(dir, "/dev/zero", "zero.yaml");
	link_in(dir, "loop2", "loop1");
	link_in(dir, "loop1", "loop2");
	link_in(dir, "/nonexistent", "gone.yaml");
	link_in(dir, "/nonexistent", "gone-not-a-scenario");
	spawn_sim(&r, NULL, "run", dir, NULL);
	spawned_assert_status(&r, 1);
	assert_contains("stdout", r.out, "fifo.yaml: cannot read: a FIFO, not a regular file",
			"a FIFO is named, not waited on");
	assert_contains("stdout", r.out, "zero.yaml: cannot read: a device, not a regular file",
			"a device is named, not read forever");
	assert_contains("stdout", r.out, "loop1: cannot read: Too many levels of symbolic links",
			"a link loop is named, not followed");
	assert_contains("stdout", r.out, "gone.yaml: cannot read: No such file or directory",
			"a dangling link is named");
	assert_null(strstr(r.out, "gone-not-a-scenario"));
	assert_contains("stdout", r.out, "PASS  cli-version",
			"the good scenario still runs beside the bad files");
	assert_contains("stdout", r.out, "1 passed, 5 failed",
			"each unreadable file counts as a failure");
	spawned_free(&r);
	rm_rf(dir);
	g_free(fifo);
	g_free(dir);
}

/*
 * An unreadable subfolder was skipped and the run passed.  Root reads
 * anything, so the check needs another user; as root the loop above
 * covers the same path of the walk (an entry that cannot be read).
 */
static void test_walk_unreadable_folder(void **state)
{
	char *dir = tmp_dir(), *sub = path_in(dir, "sub");
	struct spawned r;

	(void)state;
	if (!geteuid()) {
		rm_rf(dir);
		g_free(sub);
		g_free(dir);
		print_message("skipped: root reads a folder whatever its mode, so nothing is unreadable\n");
		skip();
	}
	copy_good(dir, "s.yaml");
	assert_int_equal(mkdir(sub, 0), 0);
	spawn_sim(&r, NULL, "run", dir, NULL);
	spawned_assert_status(&r, 1);
	assert_contains("stdout", r.out, "sub: cannot read the folder: Permission denied",
			"an unreadable folder is named, not skipped");
	spawned_free(&r);
	chmod(sub, 0700);
	rm_rf(dir);
	g_free(sub);
	g_free(dir);
}

/* A typo in a CI filter ran nothing and passed. */
static void test_filter_matching_nothing(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "run", "--filter", "no-such-scenario", "tests/cli",
		  NULL);
	spawned_assert_status(&r, 2);
	assert_string_equal(r.err, "ffa-sim run: --filter 'no-such-scenario' matches no scenario (see them with --list)\n");
	assert_string_equal(r.out, "");
	spawned_free(&r);

	/* One good filter does not hide a typo in another. */
	spawn_sim(&r, NULL, "run", "--list", "--filter", "cli-version",
		  "--filter", "tag:no-such-tag", "tests/cli", NULL);
	spawned_assert_status(&r, 2);
	assert_string_equal(r.err, "ffa-sim run: --filter 'tag:no-such-tag' matches no scenario (see them with --list)\n");
	spawned_free(&r);
}

static void test_no_scenario_at_all(void **state)
{
	char *dir = tmp_dir(), *want;
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "run", dir, NULL);
	spawned_assert_status(&r, 2);
	want = g_strdup_printf("ffa-sim run: no scenario file under %s\n", dir);
	assert_string_equal(r.err, want);
	g_free(want);
	spawned_free(&r);
	rm_rf(dir);
	g_free(dir);
}

/* 0, -5 and nan silently became 10 seconds. */
static void test_timeout_values(void **state)
{
	static const char *const bad[][2] = {
		{ "0", "0" }, { "-5", "-5" }, { "nan", "nan" },
		{ "inf", "inf" }, { "100000", "100000" },
	};
	unsigned int i;
	struct spawned r;
	char *want;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		spawn_sim(&r, NULL, "run", "--timeout", bad[i][0], GOOD, NULL);
		spawned_assert_status(&r, 2);
		want = g_strdup_printf("ffa-sim run: --timeout is seconds, more than 0 and at most 86400, not %s\n",
				       bad[i][1]);
		assert_string_equal(r.err, want);
		g_free(want);
		spawned_free(&r);
	}
	spawn_sim(&r, NULL, "run", "--timeout", "0.5", GOOD, NULL);
	spawned_assert_status(&r, 0);
	spawned_free(&r);
}

/*
 * A case label may hold anything, an OSC 52 clipboard write included:
 * --list and explain printed it raw.  Cleaned, as run already did.
 */
static void test_no_escapes_reach_the_terminal(void **state)
{
	static const char *const cmds[][2] = {
		{ "run", "--list" }, { "explain", "--text" },
		{ "explain", "--markdown-none" },
	};
	char *dir = tmp_dir(), *file = path_in(dir, "esc.yaml");
	unsigned int i;
	struct spawned r;

	(void)state;
	assert_true(g_file_set_contents(file,
		"name: esc\ndescription: d\n"
		"cases:\n  - { case: \"x\\e]52;c;aGVsbG8=\\a\", v: 1 }\n"
		"steps:\n  - call: FFA_VERSION\n    x1: version(1, 1)\n"
		"    \"key\\e[2J\": 1\n", -1, NULL));
	/* The unknown key is a load error: its diagnostic is cleaned too. */
	spawn_sim(&r, NULL, "explain", file, NULL);
	spawned_assert_status(&r, 2);
	assert_null(strchr(r.err, '\033'));
	assert_contains("stderr", r.err, "unknown key 'key [2J'",
			"the key is named with its escape made harmless");
	spawned_free(&r);

	assert_true(g_file_set_contents(file,
		"name: esc\ndescription: d\n"
		"cases:\n  - { case: \"x\\e]52;c;aGVsbG8=\\a\", v: 1 }\n"
		"steps:\n  - call: FFA_VERSION\n    x1: version(1, 1)\n", -1,
		NULL));
	for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
		if (!strcmp(cmds[i][1], "--markdown-none"))
			spawn_sim(&r, NULL, cmds[i][0], file, NULL);
		else
			spawn_sim(&r, NULL, cmds[i][0], cmds[i][1], file, NULL);
		spawned_assert_status(&r, 0);
		assert_contains(r.cmd, r.out, "esc[x ]52;c;aGVsbG8= ]",
				"escapes reach no terminal, and the text stays");
		assert_null(strchr(r.out, '\033'));
		assert_null(strchr(r.out, '\a'));
		spawned_free(&r);
	}
	unlink(file);
	rm_rf(dir);
	g_free(file);
	g_free(dir);
}


/*
 * A report that cannot be written was found out only after the suite
 * ran.  Each bad path is refused first: nothing runs, nothing printed.
 */
static void test_outputs_refused_before_the_run(void **state)
{
	static const char *const bad[][2] = {
		{ "/nonexistent/r.xml", "/nonexistent/r.xml: no folder /nonexistent: No such file or directory" },
		{ "/tmp", "/tmp: is a folder" },
		{ "/dev/full", "/dev/full: not a regular file" },
		/* Root may write anywhere on disk, but not new files in /proc. */
		{ "/proc/r.xml", "/proc/r.xml: cannot write in /proc: No such file or directory" },
	};
	static const char *const opts[] = { "--junit", "--results", "--html" };
	unsigned int i, j;
	struct spawned r;
	char *want;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(bad); i++) {
		for (j = 0; j < G_N_ELEMENTS(opts); j++) {
			spawn_sim(&r, NULL, "run", opts[j], bad[i][0], GOOD,
				  NULL);
			spawned_assert_status(&r, 2);
			want = g_strdup_printf("ffa-sim run: %s %s\n", opts[j],
					       bad[i][1]);
			assert_string_equal(r.err, want);
			assert_string_equal(r.out, "");
			g_free(want);
			spawned_free(&r);
		}
	}
}

/* Files in @dir other than @keep: leftovers of a write that failed. */
#define others_in(dir, keep) others_in_at((dir), (keep), __FILE__, __LINE__)

static unsigned int others_in_at(const char *dir, const char *keep,
				 const char *file, int line)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	unsigned int n = 0;

	check_setup_at(d != NULL, "opening the test's folder", file, line);
	while ((name = g_dir_read_name(d)))
		if (strcmp(name, keep)) {
			print_error("left over: %s/%s\n", dir, name);
			n++;
		}
	g_dir_close(d);
	return n;
}

/*
 * A full disk in the middle of a report left half of it.  Here the disk
 * is "full" at 1 KiB (RLIMIT_FSIZE, SIGXFSZ ignored so write() fails with
 * EFBIG): the run says so, exits 2, and the previous report is whole.
 */
static void test_full_disk_keeps_the_previous_report(void **state)
{
	static const char *const opts[] = { "--junit", "--html" };
	char *dir = tmp_dir(), *report = path_in(dir, "report"), *text;
	const char *bin = getenv("FFA_SIM_BIN");
	unsigned int i;
	int status;
	pid_t pid;

	(void)state;
	assert_non_null(bin);
	for (i = 0; i < G_N_ELEMENTS(opts); i++) {
		assert_true(g_file_set_contents(report, "previous\n", -1, NULL));
		pid = fork();
		assert_true(pid >= 0);
		if (!pid) {
			struct rlimit lim = { 1024, 1024 };

			signal(SIGXFSZ, SIG_IGN);
			setrlimit(RLIMIT_FSIZE, &lim);
			freopen("/dev/null", "w", stdout);
			freopen("/dev/null", "w", stderr);
			execl(bin, bin, "run", opts[i], report, "tests/cli",
			      (char *)NULL);
			_exit(127);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 2);
		assert_true(g_file_get_contents(report, &text, NULL, NULL));
		assert_string_equal(text, "previous\n");
		g_free(text);
		assert_int_equal(others_in(dir, "report"), 0);
	}
	/* Without the limit the same run replaces it, whole. */
	{
		struct spawned r;

		spawn_sim(&r, NULL, "run", "--junit", report, "tests/cli",
			  NULL);
		spawned_assert_status(&r, 1);
		spawned_free(&r);
		assert_true(g_file_get_contents(report, &text, NULL, NULL));
		assert_true(g_str_has_suffix(text, "</testsuites>\n"));
		g_free(text);
		assert_int_equal(others_in(dir, "report"), 0);
	}
	rm_rf(dir);
	g_free(report);
	g_free(dir);
}

/* A scenario that runs for minutes: 100,000 random orders of a group. */
static const char slow_scenario[] =
	"name: slow\ndescription: many orders of a small group\n"
	"setup: { spmc: { version: 1.1 } }\n"
	"steps:\n  - call: FFA_VERSION\n    x1: version(1, 1)\n"
	"  - concurrently:\n"
	"      - { cpu: 0, call: FFA_ID_GET }\n"
	"      - { cpu: 1, call: FFA_ID_GET }\n"
	"    interleavings: 100000\n";

/*
 * --tap printed nothing until the run ended, so a CI job killed on its
 * time limit left no KTAP at all.  The first result must be there while
 * the second scenario still runs; then the job is killed.
 */
static void test_tap_streams(void **state)
{
	char *dir = tmp_dir(), *slow = path_in(dir, "slow.yaml");
	char *out = path_in(dir, "out.ktap"), *text = NULL;
	const char *bin = getenv("FFA_SIM_BIN");
	int status, waited;
	pid_t pid;

	(void)state;
	assert_non_null(bin);
	assert_true(g_file_set_contents(slow, slow_scenario, -1, NULL));
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		/* A group of its own, so the kill below ends its scenarios too. */
		setpgid(0, 0);
		freopen(out, "w", stdout);
		freopen("/dev/null", "w", stderr);
		execl(bin, bin, "run", "--tap", "--timeout", "600", GOOD, slow,
		      (char *)NULL);
		_exit(127);
	}
	for (waited = 0; waited < 600; waited++) {
		g_free(text);
		text = NULL;
		g_file_get_contents(out, &text, NULL, NULL);
		if (text && strstr(text, "\nok 1 cli-version\n"))
			break;
		g_usleep(100000);
	}
	kill(-pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!text || !strstr(text, "\nok 1 cli-version\n"))
		fail_msg("no KTAP result for the first scenario while the second ran; got:\n%s",
			 text ? text : "(nothing)");
	assert_true(g_str_has_prefix(text, "KTAP version 1\n1..2\n"));
	assert_null(strstr(text, "ok 2 slow"));
	g_free(text);
	rm_rf(dir);
	g_free(slow);
	g_free(out);
	g_free(dir);
}

/*
 * A scenario that failed at step 1 of 3 had a nested plan of 1..1: the
 * other two steps vanished.  They are in the plan, skipped.
 */
static void test_tap_unreached_steps_are_skipped(void **state)
{
	char *dir = tmp_dir(), *file = path_in(dir, "early.yaml");
	GPtrArray *tests;
	struct ktap_test *t;
	struct spawned r;

	(void)state;
	assert_true(g_file_set_contents(file,
		"name: early\ndescription: fails at its first step\n"
		"steps:\n  - call: FFA_VERSION\n    x1: version(1, 1)\n"
		"    expect: { x0: 5 }\n"
		"  - call: FFA_ID_GET\n"
		"  - call: FFA_FEATURES\n    x1: FFA_VERSION\n", -1, NULL));
	spawn_sim(&r, NULL, "run", "--tap", file, NULL);
	spawned_assert_status(&r, 1);
	tests = ktap_parse(r.out, NULL);
	assert_int_equal(tests->len, 1);
	t = ktap_at(tests, 0);
	assert_false(t->ok);
	assert_non_null(t->children);
	assert_int_equal(t->children->len, 3);
	assert_false(ktap_at(t->children, 0)->ok);
	assert_true(ktap_at(t->children, 1)->ok);
	assert_string_equal(ktap_at(t->children, 1)->name, "call FFA_ID_GET");
	assert_string_equal(ktap_at(t->children, 1)->directive, "SKIP");
	assert_string_equal(ktap_at(t->children, 1)->reason, "not reached");
	assert_string_equal(ktap_at(t->children, 2)->name, "call FFA_FEATURES");
	assert_string_equal(ktap_at(t->children, 2)->directive, "SKIP");
	assert_int_equal(ktap_outcome(t), KTAP_FAIL);
	g_ptr_array_unref(tests);
	spawned_free(&r);
	rm_rf(dir);
	g_free(file);
	g_free(dir);
}

/* ---- decode --stdin ---- */

/* @text as a file in @dir, for a standard input. */
#define input_file(dir, text, len) \
	input_file_at((dir), (text), (len), __FILE__, __LINE__)

static char *input_file_at(const char *dir, const char *text, gssize len,
			   const char *file, int line)
{
	char *path = path_in(dir, "in.txt");

	write_test_file_at(path, text, len, file, line);
	return path;
}

/*
 * `dmesg -w | ffa-sim decode --stdin` printed nothing until the end of
 * its input.  One line in, its decoding out, with the input still open.
 */
static void test_decode_stdin_streams(void **state)
{
	const char *bin = getenv("FFA_SIM_BIN");
	char *argv[] = { (char *)bin, "decode", "--stdin", NULL };
	GString *got = g_string_new(NULL);
	int in, out, status, waited;
	struct pollfd pfd;
	char buf[4096];
	ssize_t n;
	GPid pid;

	(void)state;
	assert_non_null(bin);
	assert_true(g_spawn_async_with_pipes(NULL, argv, NULL,
					     G_SPAWN_DO_NOT_REAP_CHILD, NULL,
					     NULL, &pid, &in, &out, NULL, NULL));
	assert_int_equal(write(in, "x0=0x84000063 x1=0x10002\n", 25), 25);
	pfd.fd = out;
	pfd.events = POLLIN;
	for (waited = 0; waited < 300 && !strstr(got->str, "version 1.2");
	     waited++) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(out, buf, sizeof(buf));
		if (n <= 0)
			break;
		g_string_append_len(got, buf, n);
	}
	if (!strstr(got->str, "FFA_VERSION (SMC32)") ||
	    !strstr(got->str, "version 1.2"))
		fail_msg("no decoding while the input was still open; got:\n%s",
			 got->str);
	close(in);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(out);
	g_spawn_close_pid(pid);
	g_string_free(got, TRUE);
}

/*
 * A line longer than 4095 bytes was split into a wrong line 1 and a
 * bogus line 2.  It is one line; one longer than 64 KiB is skipped with
 * a message, and the lines after it keep their numbers.
 */
static void test_decode_long_lines(void **state)
{
	char *dir = tmp_dir(), *in;
	GString *text = g_string_new("noise\n");
	struct spawned r;

	(void)state;
	g_string_append_printf(text, "%*s x0=0x84000063 x1=0x10002\n", 5000, "");
	in = input_file(dir, text->str, (gssize)text->len);
	spawn_sim(&r, in, "decode", "--stdin", NULL);
	spawned_assert_status(&r, 0);
	assert_true(g_str_has_prefix(r.out, "line 2: x0=0x84000063 x1=0x10002\n"));
	assert_int_equal(count_of(r.out, "line "), 1);
	spawned_free(&r);
	g_free(in);

	g_string_assign(text, "");
	g_string_append_printf(text, "%*s x0=0x84000063\n", 70000, "");
	g_string_append(text, "x0=0x84000063 x1=0x10002\n");
	in = input_file(dir, text->str, (gssize)text->len);
	spawn_sim(&r, in, "decode", "--stdin", NULL);
	spawned_assert_status(&r, 0);
	assert_string_equal(r.err, "ffa-sim decode: line 1 is longer than 65536 bytes: skipped\n");
	assert_true(g_str_has_prefix(r.out, "line 2: x0=0x84000063 x1=0x10002\n"));
	spawned_free(&r);
	g_free(in);

	/* A pasted escape sequence is not replayed to the terminal. */
	in = input_file(dir, "x0=0x84000063 \033]52;c;aGVsbG8=\a x1=0x10002\n", -1);
	spawn_sim(&r, in, "decode", "--stdin", NULL);
	spawned_assert_status(&r, 0);
	assert_null(strchr(r.out, '\033'));
	assert_null(strchr(r.out, '\a'));
	spawned_free(&r);
	g_free(in);
	g_string_free(text, TRUE);
	rm_rf(dir);
	g_free(dir);
}

/*
 * Duplicate endpoint IDs were found by comparing every pair: a 4 MB dump
 * took 15 s.  The first endpoint with an ID is what each later one
 * names, however many there are.
 */
static void test_decode_duplicate_endpoints(void **state)
{
	enum { N = 3000 };
	char *dir = tmp_dir(), *file = path_in(dir, "desc.bin");
	GByteArray *b = g_byte_array_new();
	uint8_t hdr[48] = { 0 }, emad[16] = { 0 };
	struct spawned r;
	unsigned int i;
	char want[64];

	(void)state;
	hdr[0] = 0x00; hdr[1] = 0x80;		/* sender 0x8000 */
	hdr[2] = 0x2f;				/* normal memory */
	hdr[24] = 16;				/* endpoint descriptor size */
	hdr[28] = N & 0xff; hdr[29] = N >> 8;	/* count */
	hdr[32] = 48;				/* endpoints at 48 */
	g_byte_array_append(b, hdr, sizeof(hdr));
	for (i = 0; i < N; i++) {
		emad[0] = (uint8_t)(1 + i % 7);
		emad[1] = 0x80;
		emad[2] = 2;
		g_byte_array_append(b, emad, sizeof(emad));
	}
	assert_true(g_file_set_contents(file, (const char *)b->data, b->len,
					NULL));
	spawn_sim(&r, NULL, "decode", "--descriptor", file, NULL);
	spawned_assert_status(&r, 1);
	/* Endpoints 7.. repeat 0..6; each names the first with its ID. */
	assert_int_equal(count_of(r.out, "has the same ID"), N - 7);
	snprintf(want, sizeof(want), "! @%u: endpoint %u has the same ID",
		 48 + 16 * (N - 5), (N - 5) % 7);
	assert_contains("the decoding", r.out, want,
			"the first duplicate endpoint is named with its ID");
	spawned_free(&r);
	g_byte_array_unref(b);
	rm_rf(dir);
	g_free(file);
	g_free(dir);
}

/* ---- small truths ---- */

/*
 * compare --variant /bin/true --variant /bin/false reported 0
 * differences and passed: neither is an ffa-sim binary.
 */
static void test_compare_needs_ffa_sim_binaries(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "compare", "--variant", "/bin/true", "--variant",
		  "/bin/false", "tests/cli", NULL);
	spawned_assert_status(&r, 2);
	assert_string_equal(r.err, "ffa-sim compare: /bin/true is not an ffa-sim binary (its --version does not say ffa-sim)\n");
	assert_string_equal(r.out, "");
	spawned_free(&r);
}

/*
 * The docs' own example value, "HOST_ID << 16 | 0x8001", failed because
 * arguments split at blanks; it is one value, the same as its result.
 */
static void test_decode_expression_with_blanks(void **state)
{
	struct spawned a, b;

	(void)state;
	spawn_sim(&a, NULL, "decode", "FFA_MSG_SEND_DIRECT_REQ",
		  "HOST_ID << 16 | 0x8001", NULL);
	spawned_assert_status(&a, 0);
	spawn_sim(&b, NULL, "decode", "FFA_MSG_SEND_DIRECT_REQ",
		  "(HOST_ID<<16)|0x8001", NULL);
	spawned_assert_status(&b, 0);
	assert_string_equal(a.out, b.out);
	assert_contains("the decoding", a.out, "destination 0x8001",
			"the expression is evaluated to the endpoint");
	spawned_free(&a);
	spawned_free(&b);

	/* A blank still separates values, a negative one too. */
	spawn_sim(&a, NULL, "decode", "0x84000060 0 -2", NULL);
	spawned_assert_status(&a, 0);
	assert_contains("the decoding", a.out, "w2  0xfffffffe  INVALID_PARAMETERS (-2)",
			"a negative value is one value, not a separator");
	spawned_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_symlink_loops),
		cmocka_unit_test(test_walk_refuses_what_it_cannot_read),
		cmocka_unit_test(test_walk_unreadable_folder),
		cmocka_unit_test(test_filter_matching_nothing),
		cmocka_unit_test(test_no_scenario_at_all),
		cmocka_unit_test(test_timeout_values),
		cmocka_unit_test(test_no_escapes_reach_the_terminal),
		cmocka_unit_test(test_outputs_refused_before_the_run),
		cmocka_unit_test(test_full_disk_keeps_the_previous_report),
		cmocka_unit_test(test_tap_streams),
		cmocka_unit_test(test_tap_unreached_steps_are_skipped),
		cmocka_unit_test(test_decode_stdin_streams),
		cmocka_unit_test(test_decode_long_lines),
		cmocka_unit_test(test_decode_duplicate_endpoints),
		cmocka_unit_test(test_compare_needs_ffa_sim_binaries),
		cmocka_unit_test(test_decode_expression_with_blanks),
	};

	return cmocka_run_group_tests_name("cli_bounds", tests, NULL, NULL);
}
