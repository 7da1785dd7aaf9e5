// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/umm_file.c - the tests read and write pseudo files
 *
 * As a script would: /proc, /sys and debugfs files through the kernel's
 * pseudo file registry (kernel_read_file_path(), kernel_write_file_path()),
 * values found by the key that starts their line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test_lib.h"

#include <linux/pseudo_fs.h>
#include <linux/slab.h>

#define TRACING		"/sys/kernel/debug/tracing/"

char *read_file(const char *path)
{
	char *buf, *copy;
	ssize_t len = kernel_read_file_path(path, &buf);

	if (len < 0)
		return NULL;
	copy = strndup(buf, len);
	kfree(buf);
	return copy;
}

char *read_file_buf(const char *path, char *buf, size_t size)
{
	char *text;

	buf[0] = '\0';
	if (kernel_read_file_path(path, &text) >= 0) {
		snprintf(buf, size, "%s", text);
		kfree(text);
	}
	return buf;
}

int write_file(const char *path, const char *text)
{
	ssize_t ret = kernel_write_file_path(path, text, strlen(text));

	return ret < 0 ? ret : 0;
}

int echo_file(const char *path, const char *val)
{
	char *text;
	int ret;

	if (asprintf(&text, "%s\n", val) < 0)
		return -ENOMEM;
	ret = write_file(path, text);
	free(text);
	return ret;
}

int write_knob(const char *path, unsigned long val)
{
	char num[32];

	snprintf(num, sizeof(num), "%lu\n", val);
	return write_file(path, num);
}

long file_value(const char *path, const char *key)
{
	char *text = read_file(path), *line;
	size_t len = key ? strlen(key) : 0;
	long val = -1;

	if (!text)
		return -1;
	if (!key) {
		val = strtol(text, NULL, 0);
		free(text);
		return val;
	}
	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		if (!strncmp(line, key, len) &&
		    (line[len] == ' ' || line[len] == '\t')) {
			val = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	free(text);
	return val;
}

long vmstat_value(const char *key)
{
	return file_value("/proc/vmstat", key);
}

long migrated_pages(const char *kind)
{
	return file_value("/sys/kernel/debug/umm/migrated", kind);
}

int compact_memory(void)
{
	return write_file("/proc/sys/vm/compact_memory", "1\n");
}

void trace_release(void)
{
	write_file(TRACING "set_event", "\n");
	write_file(TRACING "free_buffer", "1\n");
}
