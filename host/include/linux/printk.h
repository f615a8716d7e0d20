/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver's messages go to the host log (host/log.c), which scenarios
 * and traces read like dmesg: one line per message, with its level.
 */
#ifndef HOST_FAKE_LINUX_PRINTK_H
#define HOST_FAKE_LINUX_PRINTK_H

#define KERN_ERR	"3"
#define KERN_WARNING	"4"
#define KERN_INFO	"6"
#define KERN_DEBUG	"7"

void host_printk(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_err(fmt, ...)	host_printk(KERN_ERR, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	host_printk(KERN_WARNING, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	host_printk(KERN_INFO, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	host_printk(KERN_DEBUG, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once		pr_err
#define pr_warn_once		pr_warn

#endif
