#!/bin/sh
# Example for README: a remote logon and its end, as audit records in the
# kernel log. Run with:
#   scripts/build-qemu.sh --append audit=1 --run tests/guest/audit-demo.sh
LS=/sys/kernel/security/logonsess
sh -c "echo 'type=remote_interactive user=S-1-5-21-1-2-3-1001 auth=sshd-publickey origin=192.0.2.7:50022' > $LS/logon && cat $LS/self"
sleep 1
dmesg | grep 'type=1427' | sed 's/^\[[^]]*\] //'
dmesg | grep -q 'type=1427.*op=destroy'
