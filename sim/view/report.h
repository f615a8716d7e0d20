/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reporters: how a run's results reach people and tools.  Human text
 * and KTAP (for kernel developers and their tools) stream one scenario
 * at a time as it finishes; JUnit XML (for CI) and the HTML page for
 * people who want the pictures describe the whole run once it is over,
 * written whole or not at all.  All of them print a scenario's text (ids,
 * messages, reasons) through the same cleaning, because that text comes
 * from scenario files and from the code under test, not from us.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/exec/result.h"

/* "PASS  id", "FAIL  id (file:line)" + message, ...; ANSI colour if @color. */
void report_human_result(FILE *out, const struct scen_result *r, bool color);
/* The run's notices, then the closing "N passed, N failed..." line. */
void report_human_summary(FILE *out, const struct run_summary *s,
			  bool color);

/* KTAP version 1: one nested subtest per scenario, one line per step. */
void report_tap(FILE *out, const struct run_summary *s);
/*
 * The same as the run goes, so that a job killed halfway leaves KTAP for
 * what ran: the header with @planned results and the notices so far,
 * then each result as it comes (@n counts from 1), then the notices
 * added since the first @notices_printed and the closing line.
 */
void report_tap_begin(FILE *out, unsigned int planned,
		      const struct run_summary *s);
void report_tap_result(FILE *out, unsigned int n, const struct scen_result *r);
void report_tap_end(FILE *out, const struct run_summary *s,
		    unsigned int notices_printed);

/* JUnit XML into @path: 0, or -1 with the reason in @err. */
int report_junit(const char *path, const struct run_summary *s, char *err,
		 size_t errlen);

/*
 * One self-contained HTML page into @path (report_html.c), with the
 * pictures of the results that have one: 0, or -1 with the reason in @err.
 */
int report_html(const char *path, const struct run_summary *s, char *err,
		size_t errlen);

/* One line per scenario for compare (report_results.c): 0 or -1 + @err. */
int report_results(const char *path, const struct run_summary *s, char *err,
		   size_t errlen);
/* "step N (title): first line of the failure", "" for a pass. */
char *report_first_difference(const struct scen_result *r);

/* Helpers the reporters share. */

/* A copy of @text (NULL reads as "") with every control character a space. */
char *report_one_line(const char *text);
/* In place: every control character but newline and tab becomes a space. */
void report_clean_lines(GString *text);
/* Each line of @text after @prefix, cleaned as report_one_line() does. */
void report_lines(FILE *out, const char *prefix, const char *text);
/* "listed as failing (reason) but passed", for an unexpected pass. */
char *report_xpass_text(const struct scen_result *r);
/*
 * What the expectations file makes of a listed scenario, on one line:
 * the reason of a known failure ("still failing as on the base: ..." on a
 * variant with a series), "fixed by the series (...)", or "fails
 * differently ... than recorded (reason)".  NULL for other verdicts.
 */
char *report_verdict_note(const struct scen_result *r);
/* A scenario that fails differently: "recorded: X" and "now: Y" lines. */
char *report_outcomes_text(const struct scen_result *r);
/*
 * What the client got at each driver: step that ran, a line each ("step
 * 3 (driver share, line 27): the client got ret 0, handle 0x..."), or
 * NULL for a scenario without one.
 */
char *report_client_got(const struct scen_result *r);
/*
 * @text (NULL reads as "") escaped for XML and HTML, in text and in
 * quoted attributes alike; what XML cannot carry becomes U+FFFD.
 */
char *report_xml_escape(const char *text);
void report_xml_append(GString *out, const char *text);
/*
 * @text into the file @path, whole or not at all (a temporary file beside
 * it, renamed into place): 0, or -1 with the reason in @err.
 */
int report_write_file(const char *path, const GString *text, char *err,
		      size_t errlen);
/*
 * Before a run: can a report be written to @path?  Not when it is a
 * folder or not a regular file (/dev/full), or its folder is missing or
 * takes no new file.  0, or -1 with the reason in @err.
 */
int report_output_check(const char *path, char *err, size_t errlen);

#endif /* SIM_REPORT_H */
