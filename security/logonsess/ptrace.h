/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - ptrace across sessions
 */

#ifndef _SECURITY_LOGONSESS_PTRACE_H
#define _SECURITY_LOGONSESS_PTRACE_H

#include <linux/init.h>

void __init logonsess_add_ptrace_hooks(void);

#endif /* _SECURITY_LOGONSESS_PTRACE_H */
