/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* liblogonsess: helpers shared by its files, not exported. */

#ifndef LOGONSESS_INTERNAL_H
#define LOGONSESS_INTERNAL_H

#include <stdbool.h>

bool ls_valid_value(const char *value);
int ls_open_error(int err);

#endif /* LOGONSESS_INTERNAL_H */
