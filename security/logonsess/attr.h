/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the LSM syscalls
 */

#ifndef _SECURITY_LOGONSESS_ATTR_H
#define _SECURITY_LOGONSESS_ATTR_H

#include <linux/init.h>

void __init logonsess_add_attr_hooks(void);

#endif /* _SECURITY_LOGONSESS_ATTR_H */
