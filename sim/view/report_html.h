/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parts of the HTML report (report_html.c) that show a scenario's
 * picture: the page map and the hops with their registers decoded.
 * Every piece of text goes through report_xml_append(): it comes from
 * scenario files and from registers, not from us.
 *
 * The page is written so that an XML parser reads it too (every element
 * closed, attributes quoted, no named entities but XML's own): the tests
 * check its structure that way, without a browser.
 */
#ifndef SIM_REPORT_HTML_H
#define SIM_REPORT_HTML_H

#include <glib.h>

#include "sim/view/picture.h"

/* The map of page states before the first step and after the last. */
void html_page_map(GString *out, const struct scen_picture *p);
/*
 * Each hop in order under its step, the registers of each message in a
 * <details> whose id is @anchor followed by the item's index: where the
 * diagram's arrows link.
 */
void html_hops(GString *out, const struct scen_picture *p,
	       const char *anchor);

#endif /* SIM_REPORT_HTML_H */
