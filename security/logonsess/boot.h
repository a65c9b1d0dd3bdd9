/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the boot identity
 */

#ifndef _SECURITY_LOGONSESS_BOOT_H
#define _SECURITY_LOGONSESS_BOOT_H

#include <linux/init.h>
#include <linux/types.h>

/* Bytes in the boot ID; it is shown as twice as many hex digits. */
#define LOGONSESS_BOOT_ID_SIZE	16

extern u8 logonsess_boot_id[LOGONSESS_BOOT_ID_SIZE];

void __init logonsess_boot_id_init(void);

#endif /* _SECURITY_LOGONSESS_BOOT_H */
