// SPDX-License-Identifier: GPL-2.0-only
/*
 * The logonsess kfuncs where the example agent does not take them: the
 * credentials the cred_prepare and cred_free hooks are handed, which run
 * after logonsess's own hooks in the default lsm= order (bpf last).
 * Loaded by tests/guest/kfuncs.c.
 */

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

typedef unsigned int gfp_t;

struct cred {
} __attribute__((preserve_access_index));

extern __u64 bpf_logonsess_cred_id(const struct cred *cred) __ksym;
extern __u64 bpf_logonsess_current_cred_id(void) __ksym;

char LICENSE[] SEC("license") = "GPL";

/* The loader's process and its session, as its self file gives it. */
const volatile __u32 target_tgid;
const volatile __u64 target_id;

__u64 prepare_calls, prepare_mismatch, prepare_zero;
__u64 target_prepares, target_not_current, target_other_id;
__u64 free_calls, free_nonzero;

/* @new is a copy of @old, which logonsess has already filled in. */
SEC("lsm/cred_prepare")
int BPF_PROG(on_prepare, struct cred *new, const struct cred *old, gfp_t gfp)
{
	__u64 new_id = bpf_logonsess_cred_id(new);
	__u64 old_id = bpf_logonsess_cred_id(old);

	__sync_fetch_and_add(&prepare_calls, 1);
	if (new_id != old_id)
		__sync_fetch_and_add(&prepare_mismatch, 1);
	if (!new_id)
		__sync_fetch_and_add(&prepare_zero, 1);
	/* prepare_creds() in the loader copies current's own credentials. */
	if (bpf_get_current_pid_tgid() >> 32 == target_tgid) {
		__sync_fetch_and_add(&target_prepares, 1);
		if (bpf_logonsess_current_cred_id() != old_id)
			__sync_fetch_and_add(&target_not_current, 1);
		if (old_id != target_id)
			__sync_fetch_and_add(&target_other_id, 1);
	}
	return 0;
}

/* logonsess has put its reference: the ID must no longer be readable. */
SEC("lsm/cred_free")
int BPF_PROG(on_free, struct cred *cred)
{
	__sync_fetch_and_add(&free_calls, 1);
	if (bpf_logonsess_cred_id(cred))
		__sync_fetch_and_add(&free_nonzero, 1);
	return 0;
}
