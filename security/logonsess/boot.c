// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the boot identity
 *
 * Session IDs start again at 0x3e8 after every boot, so an ID names a
 * session only together with the boot it was given in. The boot ID tells
 * boots apart: file labels are bound to it, and it is shown in
 * /sys/kernel/security/logonsess/boot_id.
 *
 * It is drawn when the module initialises, before any task exists that
 * could label a file or read it. The kernel's own boot ID
 * (/proc/sys/kernel/random/boot_id) is private to the random driver and
 * drawn on first read. The random pool may be thinly seeded that early, so
 * the wall clock and the cycle counter are mixed in: two boots of the same
 * image with the same seed still differ.
 */

#include <linux/random.h>
#include <linux/timekeeping.h>
#include <linux/timex.h>

#include "boot.h"

u8 logonsess_boot_id[LOGONSESS_BOOT_ID_SIZE] __ro_after_init;

static void __init logonsess_boot_id_mix(u64 value, unsigned int offset)
{
	int i;

	for (i = 0; i < sizeof(value); i++)
		logonsess_boot_id[(offset + i) % LOGONSESS_BOOT_ID_SIZE] ^=
			value >> (8 * i);
}

/**
 * logonsess_boot_id_init - draw this boot's ID
 *
 * Called once, from the module's init, before any label is read.
 */
void __init logonsess_boot_id_init(void)
{
	get_random_bytes(logonsess_boot_id, sizeof(logonsess_boot_id));
	logonsess_boot_id_mix(ktime_get_real_ns(), 0);
	logonsess_boot_id_mix(random_get_entropy(), sizeof(u64));
}
