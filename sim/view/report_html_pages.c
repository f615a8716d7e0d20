// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page map of a scenario: a row per named block of pages (and per run
 * of pages only a step touched), a coloured cell per page before the
 * first step and after each step that changed a state (a share's pages
 * shared with FF-A until the reclaim that gives them back).  A cell carries a letter as well as a
 * colour, so the map reads in print and to a screen reader too, and says
 * its address and state when pointed at.  Long runs of one state are one
 * cell with a count, so that a 512-page share stays one line.
 */
#include "sim/view/report.h"
#include "sim/view/report_html.h"
#include "sim/lang/scenario.h"
#include "sim/lang/words.h"

/* Up to this many equal pages are drawn one by one. */
#define RUN_MIN		6

static const char letters[PW_NR_WORDS] = {
	[PW_OWNED_BY_HOST] = 'H',
	[PW_SHARED_WITH_FFA] = 'F',
	[PW_SHARED_WITH_HYP] = 'S',
	[PW_OWNED_BY_HYP] = 'Y',
	[PW_OWNED_BY_GUEST] = 'G',
	[PW_NO_OWNER] = '-',
};

/* The word is the class; a byte the child made up is "unknown". */
static const char *state_class(uint8_t word)
{
	return word < PW_NR_WORDS ? page_word_name(word) : "unknown";
}

static char state_letter(uint8_t word)
{
	return word < PW_NR_WORDS ? letters[word] : '?';
}

static void cell(GString *out, const struct scen_picture *p,
		 const struct picture_row *row, unsigned int first,
		 unsigned int n, uint8_t word, bool changed)
{
	uint64_t pa = row->pa + first * p->page_size;

	g_string_append_printf(out, "<span class=\"pg %s%s%s\" title=\"%#llx",
			       state_class(word), n > 1 ? " run" : "",
			       changed ? " changed" : "",
			       (unsigned long long)pa);
	if (n > 1)
		g_string_append_printf(out, "-%#llx, %u pages",
				       (unsigned long long)(pa + n * p->page_size - 1),
				       n);
	g_string_append_printf(out, ": %s%s\">%c", state_class(word),
			       changed ? " (changed)" : "", state_letter(word));
	if (n > 1)
		g_string_append_printf(out, "&#215;%u", n);
	g_string_append(out, "</span>");
}

/*
 * One column of a row: runs of equal cells, drawn singly when short.
 * @prev is the column before (NULL for the first): a page whose state it
 * does not share is marked changed.
 */
static void cells(GString *out, const struct scen_picture *p,
		  const struct picture_row *row, const uint8_t *w,
		  const uint8_t *prev)
{
	unsigned int i = 0, n, k;

	g_string_append(out, "<td class=\"cells\">");
	while (i < row->nr_pages) {
		bool changed = prev && w[i] != prev[i];

		for (n = 1; i + n < row->nr_pages && w[i + n] == w[i] &&
		     (prev && w[i + n] != prev[i + n]) == changed; n++)
			;
		if (n >= RUN_MIN) {
			cell(out, p, row, i, n, w[i], changed);
		} else {
			for (k = 0; k < n; k++)
				cell(out, p, row, i + k, 1, w[i], changed);
		}
		i += n;
	}
	g_string_append(out, "</td>");
}

static void legend(GString *out)
{
	unsigned int w;

	g_string_append(out, "<p class=\"legend\">");
	for (w = 0; w < PW_NR_WORDS; w++)
		g_string_append_printf(out, "<span class=\"pg %s\">%c</span> %s ",
				       page_word_name(w), letters[w],
				       page_word_name(w));
	g_string_append(out, "<span class=\"pg owned-by-host changed\">H</span> changed by the steps</p>\n");
}

void html_page_map(GString *out, const struct scen_picture *p)
{
	unsigned int i, m, nm;

	if (!p->booted) {
		g_string_append(out, "<p class=\"pagemap none\">The machine did not come up: no page states.</p>\n");
		return;
	}
	if (!p->rows->len) {
		g_string_append(out, "<p class=\"pagemap none\">No named pages, and no step touched any.</p>\n");
		return;
	}
	nm = p->moments ? p->moments->len : 0;
	g_string_append(out, "<table class=\"pagemap\">\n<thead><tr><th>pages</th><th>at</th><th>before the first step</th>");
	for (m = 0; m < nm; m++) {
		g_string_append(out, "<th class=\"moment\">");
		report_xml_append(out, p->moments->pdata[m]);
		g_string_append(out, "</th>");
	}
	if (!nm)
		g_string_append(out, "<th>after the last step (no step changed a state)</th>");
	g_string_append(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < p->rows->len; i++) {
		const struct picture_row *row = p->rows->pdata[i];
		const uint8_t *prev = row->before;

		g_string_append(out, "<tr>");
		if (row->name) {
			g_string_append(out, "<th>");
			report_xml_append(out, row->name);
		} else {
			g_string_append(out, "<th class=\"unnamed\">touched");
		}
		g_string_append_printf(out, "</th><td class=\"addr\">%#llx</td>",
				       (unsigned long long)row->pa);
		cells(out, p, row, row->before, NULL);
		for (m = 0; m < nm && row->at; m++) {
			const uint8_t *now = row->at + (gsize)m * row->nr_pages;

			cells(out, p, row, now, prev);
			prev = now;
		}
		if (!nm)
			cells(out, p, row, row->after, row->before);
		g_string_append(out, "</tr>\n");
	}
	g_string_append(out, "</tbody>\n</table>\n");
	if (p->cut)
		g_string_append_printf(out, "<p class=\"cut\">Only the first %d pages are shown.</p>\n",
				       PICTURE_MAX_PAGES);
	legend(out);
}
