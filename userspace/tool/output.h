/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the outputs of logonsessions share: CSV fields, JSON strings,
 * times and text cells.
 */
#ifndef LOGONSESSIONS_OUTPUT_H
#define LOGONSESSIONS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum output { OUT_TEXT, OUT_CSV, OUT_JSON };

/* Room for any time format_time() writes, with its NUL. */
#define TIME_TEXT_SIZE 40

void csv_field(const char *v, char sep, bool last);
void json_string(const char *v);
void print_cell(const char *v, bool spaces);
void format_time(int64_t ms, bool with_ms, bool local, char *buf,
		 size_t size);

#endif
