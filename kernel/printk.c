// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/printk.c - the kernel log
 *
 * Messages go to a ring buffer (read back by `dmesg`) and, when their level
 * is below console_loglevel, to the console, which is the host's stderr:
 * stdout stays for what the console's commands print, so scripts can parse
 * it while warnings remain visible.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/init.h>
#include <linux/ratelimit.h>
#include <asm/host_ops.h>

#define LOG_BUF_LEN	(128 << 10)
#define LINE_MAX_LEN	1024

/* console_loglevel, default_message_loglevel */
int console_printk[2] = { LOGLEVEL_NOTICE, LOGLEVEL_WARNING };

static char __log_buf[LOG_BUF_LEN];
static size_t log_head;		/* total bytes ever written */
static DEFINE_SPINLOCK(logbuf_lock);
static bool line_open;		/* last message did not end in '\n' */

static void log_store(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		__log_buf[(log_head + i) % LOG_BUF_LEN] = text[i];
	log_head += len;
}

static int printk_get_level(const char **fmt)
{
	const char *s = *fmt;

	if (s[0] == KERN_SOH_ASCII && s[1]) {
		*fmt = s + 2;
		if (s[1] >= '0' && s[1] <= '7')
			return s[1] - '0';
		if (s[1] == 'c')
			return -2;	/* continuation */
	}
	return -1;
}

/**
 * vprintk - format a message into the log and maybe onto the console
 * @fmt: format, optionally starting with a KERN_* level
 * @args: arguments
 *
 * Return: number of characters of the message (without the prefix).
 */
int vprintk(const char *fmt, va_list args)
{
	char line[LINE_MAX_LEN];
	size_t prefix = 0;
	int level, len;
	bool cont;

	level = printk_get_level(&fmt);
	cont = level == -2;
	if (level < 0)
		level = default_message_loglevel;

	spin_lock(&logbuf_lock);
	if (!cont || !line_open) {
		u64 ns = local_clock();

		if (line_open)
			line[prefix++] = '\n';
		prefix += scnprintf(line + prefix, sizeof(line) - prefix,
				    "[%5llu.%06llu] ", ns / 1000000000ULL,
				    (ns % 1000000000ULL) / 1000);
	}
	len = vscnprintf(line + prefix, sizeof(line) - prefix, fmt, args);
	line_open = len > 0 && line[prefix + len - 1] != '\n';
	log_store(line, prefix + len);
	spin_unlock(&logbuf_lock);

	if (level < console_loglevel)
		host_ops.write(HOST_STDERR, line, prefix + len);
	return len;
}

/**
 * printk - print a kernel message
 * @fmt: format string, optionally starting with a KERN_* level
 *
 * Return: number of characters printed.
 */
int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

/**
 * log_buf_copy - copy the retained part of the kernel log
 * @buf: destination
 * @size: its size
 *
 * Return: bytes copied (the newest @size bytes if the log is larger).
 */
size_t log_buf_copy(char *buf, size_t size)
{
	size_t avail, start, i;

	spin_lock(&logbuf_lock);
	avail = min_t(size_t, log_head, LOG_BUF_LEN);
	if (avail > size)
		avail = size;
	start = log_head - avail;
	for (i = 0; i < avail; i++)
		buf[i] = __log_buf[(start + i) % LOG_BUF_LEN];
	spin_unlock(&logbuf_lock);
	return avail;
}

/**
 * console_err - tell the user of the console what went wrong
 * @fmt: the message, one line, without a level
 *
 * Written to stderr as it is (no timestamp), the way a shell reports an
 * error, and kept in the log.  Used for boot parameter and console
 * command errors.
 */
void console_err(const char *fmt, ...)
{
	char line[LINE_MAX_LEN];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	/* Cut, the message stays one line and says so. */
	if (len >= (int)sizeof(line)) {
		len = sizeof(line) - 1;
		memcpy(line + len - 4, "...\n", 4);
	}
	spin_lock(&logbuf_lock);
	log_store(line, len);
	spin_unlock(&logbuf_lock);
	host_ops.write(HOST_STDERR, line, len);
}

/**
 * ___ratelimit - may a rate-limited event happen now?
 * @rs: the limit: at most @rs->burst events per @rs->interval jiffies
 * @func: the caller, for the "callbacks suppressed" message
 *
 * Return: true if it may.
 */
int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	int ok;

	spin_lock(&rs->lock);
	if (!rs->begin)
		rs->begin = jiffies;
	if (time_is_before_jiffies(rs->begin + rs->interval)) {
		if (rs->missed)
			pr_warn("%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = jiffies;
		rs->printed = 0;
		rs->missed = 0;
	}
	ok = rs->burst && rs->burst > rs->printed;
	if (ok)
		rs->printed++;
	else
		rs->missed++;
	spin_unlock(&rs->lock);
	return ok;
}

static int __init loglevel_setup(char *str)
{
	int level;

	if (kstrtoint(str, 10, &level) || level < 0 || level > 8)
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_kernel(char *str)
{
	console_loglevel = LOGLEVEL_ERR + 1;
	return 0;
}
early_param("quiet", quiet_kernel);

void dump_stack(void)
{
	const void *ra = __builtin_return_address(0);

	pr_warn("Call trace: called from %p\n", ra);
}
