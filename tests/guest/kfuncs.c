// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfuncs: load tests/guest/kfuncs.bpf.c, make credentials (forks, and
 * setresuid() in this process), wait until some are freed, and print the
 * BPF program's counters as key=value pairs on one line, after this
 * process's logon ID as its self file gives it (logon_id=).
 */

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "kfuncs.skel.h"

/* The ID of this process's session: "id=0x3e9 type=..." in self. */
static int self_id(uint64_t *id)
{
	FILE *f = fopen("/sys/kernel/security/logonsess/self", "re");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "id=%" SCNx64, id) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

int main(void)
{
	struct kfuncs_bpf *skel;
	uint64_t id;
	int i, err;

	if (self_id(&id)) {
		perror("kfuncs: /sys/kernel/security/logonsess/self");
		return 1;
	}
	skel = kfuncs_bpf__open();
	if (!skel) {
		perror("kfuncs: open");
		return 1;
	}
	skel->rodata->target_tgid = getpid();
	skel->rodata->target_id = id;
	err = kfuncs_bpf__load(skel);
	if (!err)
		err = kfuncs_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "kfuncs: load or attach: %d\n", err);
		kfuncs_bpf__destroy(skel);
		return 1;
	}
	for (i = 0; i < 20; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("kfuncs: fork");
			return 1;
		}
		if (!pid)
			_exit(0);
		waitpid(pid, NULL, 0);
		if (setresuid(-1, i & 1 ? 0 : 1000, -1)) {
			perror("kfuncs: setresuid");
			return 1;
		}
	}
	if (setresuid(-1, 0, -1))
		return 1;
	/* Credentials are freed after a grace period. */
	for (i = 0; i < 100 && !skel->bss->free_calls; i++)
		usleep(50000);
	kfuncs_bpf__detach(skel);
	printf("logon_id=%#" PRIx64 " prepare_calls=%llu prepare_mismatch=%llu "
	       "prepare_zero=%llu target_prepares=%llu target_not_current=%llu "
	       "target_other_id=%llu free_calls=%llu free_nonzero=%llu\n", id,
	       (unsigned long long)skel->bss->prepare_calls,
	       (unsigned long long)skel->bss->prepare_mismatch,
	       (unsigned long long)skel->bss->prepare_zero,
	       (unsigned long long)skel->bss->target_prepares,
	       (unsigned long long)skel->bss->target_not_current,
	       (unsigned long long)skel->bss->target_other_id,
	       (unsigned long long)skel->bss->free_calls,
	       (unsigned long long)skel->bss->free_nonzero);
	kfuncs_bpf__destroy(skel);
	return 0;
}
