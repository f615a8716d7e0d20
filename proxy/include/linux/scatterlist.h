/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SG_MAX_SEGMENTS sets the size of the proxy's descriptor buffer
 * (hyp_ffa_proxy_pages()), so it must be the tree's own value: the build
 * extracts its definition from the tree's scatterlist.h into a generated
 * header rather than repeating the number here.
 */
#ifndef SIM_FAKE_LINUX_SCATTERLIST_H
#define SIM_FAKE_LINUX_SCATTERLIST_H

#include <generated/sg_limits.h>

struct scatterlist;
struct sg_table;

#endif
