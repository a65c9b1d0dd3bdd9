#!/bin/sh
# Guest test: booted with audit=0, logonsess emits no audit record.
. /tests/tap.sh

check "the kernel was booted with audit=0" grep -qw 'audit=0' /proc/cmdline
sh -c "echo 'type=interactive user=S-1-5-21-1 auth=pam_unix' > $LS/logon && exec sleep 1000" &
pid=$!
sleep 1
id=$(grep "^pid=$pid " "$LS/processes" | sed 's/.* id=\([^ ]*\) .*/\1/')
check "a session was created" test -n "$id"
check "it can be logged off" sh -c "echo id=$id > $LS/logoff"
wait "$pid" 2>/dev/null
check "and is destroyed" wait_for 10 sh -c "! grep -q '^id=$id ' $LS/sessions"
check "no logonsess audit record reached the kernel log" \
	sh -c "! dmesg | grep -q 'type=1427'"
finish
