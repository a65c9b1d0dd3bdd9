/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the stored value of a label
 */

#ifndef _SECURITY_LOGONSESS_LABEL_VALUE_H
#define _SECURITY_LOGONSESS_LABEL_VALUE_H

#include <linux/bits.h>
#include <linux/types.h>

/*
 * What an inode's label is, in one word that the permission hook reads
 * without a lock. Session IDs start at 0x3e4 and stop below bit 63.
 */
#define LOGONSESS_LABEL_UNKNOWN	0		/* not read yet */
#define LOGONSESS_LABEL_NONE	1		/* no label */
#define LOGONSESS_LABEL_STALE	BIT_ULL(63)	/* | the ID: admits nobody */

/* "S-1-5-5-4294967295-4294967295 boot=" and 32 hex digits, and a NUL */
#define LOGONSESS_LABEL_TEXT_SIZE	80

int logonsess_label_parse(const char *value, size_t len, u64 *label);
u64 logonsess_label_from_stored(const char *value, size_t len);
int logonsess_label_format(u64 label, char buf[LOGONSESS_LABEL_TEXT_SIZE]);

#endif /* _SECURITY_LOGONSESS_LABEL_VALUE_H */
