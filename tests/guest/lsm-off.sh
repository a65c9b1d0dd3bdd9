#!/bin/sh
# Guest test: a kernel built with logonsess but booted with an lsm= list
# without it boots normally and nothing of logonsess runs.
. /tests/tap.sh

check "the kernel command line names an lsm= list" grep -q 'lsm=' /proc/cmdline
check "logonsess is not in /sys/kernel/security/lsm" \
	sh -c '! grep -qw logonsess /sys/kernel/security/lsm'
check "there is no logonsess directory in securityfs" test ! -e "$LS"
check "processes fork and exec" sh -c 'sh -c "exec true"'
check "an unprivileged user can run programs" setuidgid user ls /
check "the LSM did not initialize" sh -c '! dmesg | grep -q "logonsess: initialized"'
check "no kernel warnings" sh -c "! dmesg | grep -E 'BUG:|WARNING:|KASAN:|kmemleak|Oops'"

finish
