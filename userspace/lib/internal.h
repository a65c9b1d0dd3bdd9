/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* liblogonsess: helpers shared by its files, not exported. */

#ifndef LOGONSESS_INTERNAL_H
#define LOGONSESS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The attribute of the file labels (LOGONSESS_XATTR_NAME in the uapi). */
#define LS_XATTR_NAME "security.logonsess"

extern const char *ls_fs_dir;

bool ls_valid_value(const char *value);
int ls_open_error(int err);
int ls_format_label(uint64_t id, const char *boot_id, char *buf, size_t size);

#endif /* LOGONSESS_INTERNAL_H */
