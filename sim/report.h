/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reporters: how a run's results reach people and tools.  Human text
 * streams one line per scenario as it finishes; KTAP (for kernel
 * developers and their tools) and JUnit XML (for CI) describe the whole
 * run once it is over, and so does the HTML page for people who want
 * the pictures.  All of them print a scenario's text (ids,
 * messages, reasons) through the same cleaning, because that text comes
 * from scenario files and from the code under test, not from us.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/result.h"

/* "PASS  id", "FAIL  id (file:line)" + message, ...; ANSI colour if @color. */
void report_human_result(FILE *out, const struct scen_result *r, bool color);
/* The run's notices, then the closing "N passed, N failed..." line. */
void report_human_summary(FILE *out, const struct run_summary *s,
			  bool color);

/* KTAP version 1: one nested subtest per scenario, one line per step. */
void report_tap(FILE *out, const struct run_summary *s);

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
/* Each line of @text after @prefix, cleaned as report_one_line() does. */
void report_lines(FILE *out, const char *prefix, const char *text);
/* "listed as failing (reason) but passed", for an unexpected pass. */
char *report_xpass_text(const struct scen_result *r);
/*
 * @text (NULL reads as "") escaped for XML and HTML, in text and in
 * quoted attributes alike; what XML cannot carry becomes U+FFFD.
 */
char *report_xml_escape(const char *text);
void report_xml_append(GString *out, const char *text);
/* @text into the file @path: 0, or -1 with the reason in @err. */
int report_write_file(const char *path, const GString *text, char *err,
		      size_t errlen);

#endif /* SIM_REPORT_H */
