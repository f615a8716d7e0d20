// SPDX-License-Identifier: GPL-2.0-only
/*
 * The run as one HTML page that needs nothing else: no script, no font,
 * no picture from anywhere, so it can be attached to a CI job or a mail
 * and read offline.  An index (the failures first, then every scenario by
 * folder), then a section per scenario: where it is, what it is for, why
 * it failed, and closed until opened (<details>, so that a page of
 * hundreds of scenarios lays out quickly) its steps and, where the run
 * took a picture (sim/view/picture.h), the sequence diagram as inline
 * SVG, the page map and the hops with their registers decoded.
 *
 * A section's class is its verdict (pass, fail, crash, skip, known,
 * xpass): the style colours by it, and tools can count by it.
 */
#include <string.h>

#include "sim/view/report.h"
#include "sim/view/report_html.h"

static const char style[] =
	"body{font-family:sans-serif;margin:0 1.5em 3em;color:#212121;line-height:1.4}\n"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-bottom:0.2em}h3{font-size:1em;margin:1em 0 0.3em}h4{font-size:0.9em;margin:0.6em 0 0.2em}\n"
	"code,pre,.where,.addr,td.raw,table.regs th{font-family:monospace}\n"
	"pre{background:#f5f5f5;padding:0.5em;white-space:pre-wrap;overflow-wrap:anywhere}\n"
	".verdict{display:inline-block;min-width:4.2em;text-align:center;font:bold 0.8em monospace;padding:0.15em 0.3em;border-radius:3px;color:#fff;background:#757575}\n"
	".pass .verdict,.fixed .verdict{background:#2e7d32}.fail .verdict,.crash .verdict,.xpass .verdict{background:#c62828}\n"
	".skip .verdict{background:#f9a825}.known .verdict{background:#00838f}\n"
	"table.index td{padding:0.1em 0.6em}table.index td.where{color:#616161}\n"
	"details.folder>summary{font-weight:bold;margin-top:0.3em}h2.failures{color:#c62828}\n"
	"details.body>summary{color:#455a64;margin-top:0.5em}\n"
	"section.scenario{border-top:4px solid #bdbdbd;margin-top:2.5em;padding-top:0.3em}\n"
	"section.pass,section.fixed{border-color:#2e7d32}section.fail,section.crash,section.xpass{border-color:#c62828}\n"
	"section.skip{border-color:#f9a825}section.known{border-color:#00838f}\n"
	".where{color:#616161}.known-reason{color:#00838f}\n"
	"ol.steps li.failed{color:#c62828;font-weight:bold}.line{color:#9e9e9e;font-size:0.85em}\n"
	".got{font-family:monospace;font-size:0.85em}\n"
	".diagram{overflow-x:auto}\n"
	"ol.hops{list-style:none;padding-left:1em;margin:0}ol.hops li{font-size:0.9em}\n"
	".who{display:inline-block;min-width:10em;color:#455a64}li.note{color:#6d4c41}\n"
	"table.regs{margin:0.2em 0 0.5em 2em;border-collapse:collapse}table.regs th,table.regs td{padding:0 0.7em;text-align:left;vertical-align:top}\n"
	"tr.problem td{color:#c62828}summary{cursor:pointer}li:target{background:#fff59d}\n"
	"table.pagemap{border-collapse:collapse}table.pagemap th,table.pagemap td{padding:0.15em 0.6em;text-align:left}\n"
	"th.unnamed{font-weight:normal;font-style:italic}\n"
	".pg{display:inline-block;min-width:1.8em;height:1.8em;line-height:1.8em;text-align:center;font:0.8em monospace;margin:1px;border:1px solid #78909c;box-sizing:border-box}\n"
	".pg.run{padding:0 0.3em}.pg.changed{outline:2px solid #212121}\n"
	".owned-by-host{background:#eceff1}.shared-with-ffa{background:#ffb74d}.shared-with-hyp{background:#4fc3f7}\n"
	".owned-by-hyp{background:#9575cd;color:#fff}.owned-by-guest{background:#81c784}.no-owner{background:#fff;border-style:dashed}\n"
	".unknown{background:#212121;color:#fff}.legend{font-size:0.85em;color:#424242}\n";

static void put(GString *out, const char *text)
{
	report_xml_append(out, text);
}

static const char *verdict_class(const struct scen_result *r)
{
	switch (r->verdict) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_FAIL:
		return r->status == SCEN_CRASH ? "crash" : "fail";
	case VERDICT_SKIP:
		return "skip";
	case VERDICT_KNOWN_FAIL:
		return "known";
	case VERDICT_UNEXPECTED_PASS:
		return "xpass";
	case VERDICT_FIXED:
		return "fixed";
	case VERDICT_FAILS_DIFFERENTLY:
		return "fail";
	}
	return "fail";
}

static void verdict_badge(GString *out, const struct scen_result *r)
{
	char *label = g_ascii_strup(verdict_class(r), -1);

	g_string_append_printf(out, "<span class=\"verdict\">%s</span>", label);
	g_free(label);
}

static void where(GString *out, const struct scen_result *r)
{
	put(out, r->file);
	if (r->line)
		g_string_append_printf(out, ":%u", r->line);
}

static void head(GString *out, const struct run_summary *s)
{
	char *line = run_summary_line(s);
	unsigned int i;

	g_string_append(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>ffa-sim run on ");
	put(out, s->variant);
	g_string_append_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>ffa-sim run on <span class=\"variant\">",
			       style);
	put(out, s->variant);
	g_string_append(out, "</span></h1>\n<p class=\"summary\">");
	put(out, line);
	g_string_append(out, "</p>\n");
	if (s->notices->len) {
		g_string_append(out, "<ul class=\"notices\">\n");
		for (i = 0; i < s->notices->len; i++) {
			g_string_append(out, "<li>");
			put(out, s->notices->pdata[i]);
			g_string_append(out, "</li>\n");
		}
		g_string_append(out, "</ul>\n");
	}
	g_string_append(out, "</header>\n");
	g_free(line);
}

static bool failed(const struct scen_result *r)
{
	return r->verdict == VERDICT_FAIL ||
	       r->verdict == VERDICT_UNEXPECTED_PASS;
}

static void index_row(GString *out, const struct scen_result *r,
		      unsigned int n)
{
	g_string_append_printf(out, "<tr class=\"%s\"><td>", verdict_class(r));
	verdict_badge(out, r);
	g_string_append_printf(out, "</td><td><a href=\"#s%u\">", n);
	put(out, r->id);
	g_string_append(out, "</a></td><td class=\"where\">");
	where(out, r);
	g_string_append(out, "</td></tr>\n");
}

/* The folder a scenario's file is in, as the run named it. */
static char *folder_of(const struct scen_result *r)
{
	return g_path_get_dirname(r->file);
}

/* "12 passed, 1 failed" of the scenarios of @folder. */
static void folder_counts(GString *out, const struct run_summary *s,
			  const char *folder)
{
	static const char *const names[] = { "pass", "fail", "crash", "skip",
					     "known", "xpass" };
	unsigned int counts[G_N_ELEMENTS(names)] = { 0 }, i, j;
	bool first = true;

	for (i = 0; i < s->results->len; i++) {
		const struct scen_result *r = s->results->pdata[i];
		char *f = folder_of(r);

		for (j = 0; !strcmp(f, folder) && j < G_N_ELEMENTS(names); j++)
			counts[j] += !strcmp(verdict_class(r), names[j]);
		g_free(f);
	}
	for (j = 0; j < G_N_ELEMENTS(names); j++) {
		if (!counts[j])
			continue;
		g_string_append_printf(out, "%s%u %s", first ? "" : ", ",
				       counts[j], names[j]);
		first = false;
	}
}

/*
 * Failures first, so that the reason to open the page is at its top;
 * then every scenario by folder, each folder closed until opened, so
 * that the index of a suite of hundreds stays one screen.
 */
static void index_table(GString *out, const struct run_summary *s)
{
	GPtrArray *folders = g_ptr_array_new_with_free_func(g_free);
	unsigned int i, j, nfail = 0;

	g_string_append(out, "<nav>\n");
	for (i = 0; i < s->results->len; i++)
		nfail += failed(s->results->pdata[i]);
	if (nfail) {
		g_string_append_printf(out, "<h2 class=\"failures\">%u failure%s</h2>\n<table class=\"index failures\">\n<tbody>\n",
				       nfail, nfail == 1 ? "" : "s");
		for (i = 0; i < s->results->len; i++)
			if (failed(s->results->pdata[i]))
				index_row(out, s->results->pdata[i], i + 1);
		g_string_append(out, "</tbody>\n</table>\n");
	}
	for (i = 0; i < s->results->len; i++) {
		char *f = folder_of(s->results->pdata[i]);

		if (!g_ptr_array_find_with_equal_func(folders, f, g_str_equal,
						      NULL))
			g_ptr_array_add(folders, f);
		else
			g_free(f);
	}
	for (j = 0; j < folders->len; j++) {
		const char *folder = folders->pdata[j];

		g_string_append(out, "<details class=\"folder\"><summary><span class=\"folder\">");
		put(out, folder);
		g_string_append(out, "</span>: ");
		folder_counts(out, s, folder);
		g_string_append(out, "</summary>\n<table class=\"index\">\n<tbody>\n");
		for (i = 0; i < s->results->len; i++) {
			char *f = folder_of(s->results->pdata[i]);

			if (!strcmp(f, folder))
				index_row(out, s->results->pdata[i], i + 1);
			g_free(f);
		}
		g_string_append(out, "</tbody>\n</table>\n</details>\n");
	}
	g_string_append(out, "</nav>\n");
	g_ptr_array_unref(folders);
}

static void about(GString *out, const struct scen_result *r)
{
	char seconds[G_ASCII_DTOSTR_BUF_SIZE];
	unsigned int i;

	g_ascii_formatd(seconds, sizeof(seconds), "%.3f", r->seconds);
	g_string_append(out, "<p class=\"where\">");
	where(out, r);
	g_string_append_printf(out, ", %s s", seconds);
	for (i = 0; i < r->tags->len; i++) {
		g_string_append(out, i ? ", " : ", tags: ");
		put(out, r->tags->pdata[i]);
	}
	g_string_append(out, "</p>\n");
	if (r->description) {
		g_string_append(out, "<p class=\"description\">");
		put(out, r->description);
		g_string_append(out, "</p>\n");
	}
}

static void why(GString *out, const struct scen_result *r)
{
	char *note = report_verdict_note(r), *both;

	if (r->verdict == VERDICT_KNOWN_FAIL) {
		g_string_append(out, "<p class=\"known-reason\">Known failure: ");
		put(out, note);
		g_string_append(out, "</p>\n");
	} else if (note) {
		g_string_append(out, "<p class=\"known-reason\">");
		put(out, note);
		g_string_append(out, "</p>\n");
	}
	if (r->verdict == VERDICT_FAILS_DIFFERENTLY) {
		both = report_outcomes_text(r);
		g_string_append(out, "<pre class=\"outcomes\">");
		put(out, both);
		g_string_append(out, "</pre>\n");
		g_free(both);
	}
	g_free(note);
	if (r->message) {
		g_string_append(out, "<pre class=\"message\">");
		put(out, r->message);
		g_string_append(out, "</pre>\n");
	}
}

static void steps(GString *out, const struct scen_result *r)
{
	unsigned int i;

	g_string_append(out, "<h3>Steps</h3>\n");
	if (!r->steps->len) {
		g_string_append(out, "<p class=\"steps none\">No step ran.</p>\n");
		return;
	}
	g_string_append(out, "<ol class=\"steps\">\n");
	for (i = 0; i < r->steps->len; i++) {
		const struct scen_step_result *st =
			&g_array_index(r->steps, struct scen_step_result, i);

		g_string_append_printf(out, "<li class=\"%s\">",
				       st->ok ? "ok" : "failed");
		put(out, st->title);
		g_string_append_printf(out, " <span class=\"line\">line %u%s</span>",
				       st->line, st->ok ? "" : ", failed");
		if (st->got) {
			g_string_append(out, " <span class=\"got\">the client got ");
			put(out, st->got);
			g_string_append(out, "</span>");
		}
		g_string_append(out, "</li>\n");
	}
	g_string_append(out, "</ol>\n");
}

static void picture(GString *out, const struct scen_result *r,
		    unsigned int n)
{
	const struct scen_picture *p = r->picture;
	char *anchor = g_strdup_printf("s%u-h", n);
	char *title = g_strdup_printf("Sequence of %s", r->id);

	g_string_append(out, "<h3>Sequence</h3>\n<div class=\"diagram\">\n");
	explain_svg(&p->explain, title, anchor, out);
	g_string_append(out, "</div>\n<h3>Pages</h3>\n");
	html_page_map(out, p);
	g_string_append(out, "<h3>Hops</h3>\n");
	html_hops(out, p, anchor);
	if (p->trace) {
		g_string_append(out, "<details class=\"trace\"><summary>The trace, as --trace prints it</summary><pre>");
		put(out, p->trace);
		g_string_append(out, "</pre></details>\n");
	}
	g_free(anchor);
	g_free(title);
}

static void section(GString *out, const struct scen_result *r,
		    unsigned int n)
{
	g_string_append_printf(out, "<section class=\"scenario %s\" id=\"s%u\">\n<h2>",
			       verdict_class(r), n);
	verdict_badge(out, r);
	g_string_append(out, " <span class=\"id\">");
	put(out, r->id);
	g_string_append(out, "</span></h2>\n");
	about(out, r);
	why(out, r);
	/* Closed until opened: a suite's page lays out only its headings. */
	g_string_append(out, "<details class=\"body\"><summary>Steps, sequence, pages and hops</summary>\n");
	steps(out, r);
	if (r->picture)
		picture(out, r, n);
	g_string_append(out, "</details>\n</section>\n");
}

static GString *html_document(const struct run_summary *s)
{
	GString *out = g_string_new(NULL);
	unsigned int i;

	head(out, s);
	index_table(out, s);
	g_string_append(out, "<main>\n");
	for (i = 0; i < s->results->len; i++)
		section(out, s->results->pdata[i], i + 1);
	g_string_append(out, "</main>\n</body>\n</html>\n");
	return out;
}

int report_html(const char *path, const struct run_summary *s, char *err,
		size_t errlen)
{
	GString *html = html_document(s);
	int ret = report_write_file(path, html, err, errlen);

	g_string_free(html, TRUE);
	return ret;
}
