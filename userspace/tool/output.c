// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the outputs of logonsessions share: CSV fields, JSON strings,
 * times and text cells.
 */

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "output.h"

/*
 * A CSV field: quoted (RFC 4180) when it holds the separator or a quote.
 * With tabs there is no quoting: a tab or a line break would split the
 * row, so those (which only a hex-encoded audit string can hold) become
 * spaces.
 */
void csv_field(const char *v, char sep, bool last)
{
	if (sep == ',' && strpbrk(v, ",\"\r\n")) {
		putchar('"');
		for (; *v; v++) {
			if (*v == '"')
				putchar('"');
			putchar(*v);
		}
		putchar('"');
	} else if (sep != ',') {
		for (; *v; v++)
			putchar(*v == '\t' || *v == '\r' || *v == '\n' ? ' ' : *v);
	} else {
		fputs(v, stdout);
	}
	putchar(last ? '\n' : sep);
}

/* The length of the valid UTF-8 sequence at @c (RFC 3629), or 0. */
static size_t utf8_len(const unsigned char *c)
{
	size_t len, i;
	uint32_t cp;

	if (*c < 0x80)
		return 1;
	if (*c >= 0xc2 && *c <= 0xdf)
		len = 2, cp = *c & 0x1f;
	else if (*c >= 0xe0 && *c <= 0xef)
		len = 3, cp = *c & 0x0f;
	else if (*c >= 0xf0 && *c <= 0xf4)
		len = 4, cp = *c & 0x07;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((c[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (c[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * A JSON string (RFC 8259): UTF-8 as it is, control characters escaped,
 * and a byte that is not UTF-8 (comm may hold any) as U+FFFD, so that the
 * output is always valid JSON.
 */
void json_string(const char *v)
{
	const unsigned char *c = (const unsigned char *)v;

	putchar('"');
	while (*c) {
		size_t len = utf8_len(c);

		if (*c == '"' || *c == '\\') {
			printf("\\%c", *c);
		} else if (*c < ' ' || *c == 0x7f) {
			printf("\\u%04x", *c);
		} else if (!len) {
			fputs("\\ufffd", stdout);
			len = 1;
		} else {
			fwrite(c, 1, len, stdout);
		}
		c += len ? len : 1;
	}
	putchar('"');
}

/*
 * A value in a text table or line: bytes that are not printable ASCII (a
 * hex-encoded audit string may hold any) as '?', so that a crafted origin
 * cannot fake rows or move the terminal; spaces too, but for a text that
 * is the last of its line.
 */
void print_cell(const char *v, bool spaces)
{
	for (; *v; v++)
		putchar((*v > ' ' || (spaces && *v == ' ')) && *v <= '~' ? *v : '?');
}

/*
 * @ms (milliseconds since the epoch) in ISO 8601: UTC with a Z, or local
 * time with its offset (+01:00); to the second, or to the millisecond.
 */
void format_time(int64_t ms, bool with_ms, bool local, char *buf, size_t size)
{
	time_t t = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	int frac = (int)(ms - (int64_t)t * 1000);
	char date[32], zone[16] = "Z";
	struct tm tm;

	if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)) ||
	    !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, size, "?");
		return;
	}
	if (local) {
		int off = (int)(tm.tm_gmtoff / 60);

		snprintf(zone, sizeof(zone), "%c%02d:%02d", off < 0 ? '-' : '+',
			 abs(off) / 60 % 100, abs(off) % 60);
	}
	if (with_ms)
		snprintf(buf, size, "%s.%03d%s", date, frac, zone);
	else
		snprintf(buf, size, "%s%s", date, zone);
}
