#!/bin/sh
# Guest test, on the debug kernel: logons with each of their allocations
# failed in turn (fault injection), one work item destroying REAP sessions
# under tight lockup and stall detectors, then rounds of the stress program
# and the fuzzer (settings in /tests/stress.conf: WORKERS, OPS, FUZZ, SEED,
# MINUTES, REAP), then an explicit kmemleak scan; any BUG, WARNING, KASAN,
# lockdep, RCU stall, debugobjects or kmemleak report fails the run.
. /tests/tap.sh
. /tests/stress.conf
: "${REAP:=20000}"

mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
KMEMLEAK=/sys/kernel/debug/kmemleak
check "kmemleak is on" test -w "$KMEMLEAK"
# Only what this run leaks: forget the suspects of the boot.
echo scan > "$KMEMLEAK"
echo clear > "$KMEMLEAK"

# report DESCRIPTION COMMAND...: like check, but always shows the output.
report() {
	desc=$1
	shift
	if "$@" >/tmp/report 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
	fi
	sed 's/^/#   /' /tmp/report
}

# tap_program NAME COMMAND...: the program's "ok - X" and "not ok - X"
# lines become TAP lines "NAME: X", the rest comments; a program that fails
# without saying what is a failure too.
tap_program() {
	name=$1
	shift
	"$@" >/tmp/program 2>&1
	status=$?
	failed_before=$tap_failed
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "$name: ${line#ok - }" ;;
		"not ok - "*) not_ok "$name: ${line#not ok - }" ;;
		"#"*) echo "$line" ;;
		*) echo "#   $line" ;;
		esac
	done </tmp/program
	if [ "$status" -ne 0 ] && [ "$tap_failed" -eq "$failed_before" ]; then
		not_ok "$name exited with status $status"
	fi
}

# A failed logon is side-effect free: fail each allocation of a logon in
# turn (fail-nth); no ID consumed, no counter moved.
t=$(date +%s)
tap_program failnth ./logonsess_failnth
echo "# failnth: $(($(date +%s) - t)) s"

# The reaper destroys any number of sessions in one work item: it must
# yield. The detectors are made sensitive meanwhile (a soft lockup after
# 2 s, an RCU stall after 3 s; the kernel is not preemptible).
LOCKUPS='soft lockup|rcu: INFO|self-detected stall|detected stalls|hogged CPU'
thresh=$(cat /proc/sys/kernel/watchdog_thresh)
stall=$(cat /sys/module/rcupdate/parameters/rcu_cpu_stall_timeout)
echo 1 >/proc/sys/kernel/watchdog_thresh
echo 3 >/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout
echo "logonsess-stress: reap start" >/dev/kmsg
t=$(date +%s)
tap_program reap ./logonsess_reap -n "$REAP"
sleep 1
echo "$thresh" >/proc/sys/kernel/watchdog_thresh
echo "$stall" >/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout
dmesg | sed -n '/logonsess-stress: reap start/,$p' >/tmp/reap-dmesg
if grep -Eq "$LOCKUPS" /tmp/reap-dmesg; then
	not_ok "reap: no soft lockup or RCU stall while $REAP sessions are destroyed" \
		"$(grep -E -A14 "$LOCKUPS" /tmp/reap-dmesg | head -n 40)"
else
	ok "reap: no soft lockup or RCU stall while $REAP sessions are destroyed"
fi
echo "# reap: $(($(date +%s) - t)) s"

start=$(date +%s)
round=0
while :; do
	round=$((round + 1))
	seed=$((SEED + round - 1))
	report "round $round: stress, $WORKERS workers x $OPS operations, seed $seed" \
		./logonsess_stress -w "$WORKERS" -n "$OPS" -s "$seed"
	report "round $round: fuzz, $FUZZ writes, seed $seed" \
		./logonsess_fuzz -n "$FUZZ" -s "$seed"
	elapsed=$(($(date +%s) - start))
	[ "$elapsed" -ge $((MINUTES * 60)) ] && break
done
echo "# $round rounds in $elapsed s of guest time"

# kmemleak reports an object once it has been unreferenced for 5 s, after
# two scans.
sleep 6
echo scan > "$KMEMLEAK"
echo scan > "$KMEMLEAK"
cat "$KMEMLEAK" >/tmp/leaks
if [ -s /tmp/leaks ]; then
	not_ok "kmemleak reports no leak" "$(head -n 40 /tmp/leaks)"
else
	ok "kmemleak reports no leak"
fi

dmesg >/tmp/dmesg
PATTERNS='BUG:|WARNING:|KASAN:|Oops|ODEBUG:|rcu: INFO|self-detected stall|blocked for more than|soft lockup|possible recursive locking|circular locking|suspicious RCU usage|unreferenced object|refcount_t:'
if grep -Eq "$PATTERNS" /tmp/dmesg; then
	not_ok "no BUG, WARNING, KASAN, lockdep, RCU stall or leak in the kernel log" \
		"$(grep -E -A12 "$PATTERNS" /tmp/dmesg | head -n 60)"
else
	ok "no BUG, WARNING, KASAN, lockdep, RCU stall or leak in the kernel log"
fi
echo "# kernel warnings counted: $(grep -c 'WARNING:' /tmp/dmesg)"
finish
