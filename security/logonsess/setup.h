/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - registration
 */

#ifndef _SECURITY_LOGONSESS_SETUP_H
#define _SECURITY_LOGONSESS_SETUP_H

#include <linux/cache.h>
#include <linux/lsm_hooks.h>

extern bool logonsess_enabled;
extern struct lsm_blob_sizes logonsess_blob_sizes;
extern const struct lsm_id logonsess_lsmid;

#endif /* _SECURITY_LOGONSESS_SETUP_H */
