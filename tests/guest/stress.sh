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

# A label is stored in one write: fail each allocation of a setxattr in
# turn on ext4 (an image on a loop device), then read the label back from
# the disk.
t=$(date +%s)
mkdir -p /mnt/failnth
cp /tests/disk.img /tmp/disk.img
loop=$(losetup -f)
if losetup "$loop" /tmp/disk.img && mount -t ext4 "$loop" /mnt/failnth; then
	chmod 0755 /mnt/failnth
	tap_program failnth_label ./logonsess_failnth_label "$loop" /mnt/failnth
	umount /mnt/failnth
	losetup -d "$loop"
else
	not_ok "mount the ext4 image on a loop device"
fi
rm -f /tmp/disk.img
echo "# failnth_label: $(($(date +%s) - t)) s"

# The reaper destroys any number of sessions in one work item: it must
# yield. The soft lockup detector is made sensitive meanwhile (a report
# after 2 s; the kernel is not preemptible). An RCU stall report is not
# expected even from a reaper that never yields: with PREEMPT_COUNT a tick
# outside a preempt-disabled section is a quiescent state.
#
# Under TCG a vCPU that the host does not run for 2 s (or one spinning on a
# lock held by such a vCPU) is reported as a soft lockup of whatever it
# was doing: only reports that involve logonsess count against the reaper;
# the others are shown, and kept out of the kernel log check below, which
# runs with the usual thresholds.
LOCKUPS='soft lockup|rcu: INFO|self-detected stall|detected stalls'
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
echo "logonsess-stress: reap end" >/dev/kmsg
# The window's lockup reports (from their first line to the end of their
# stack trace), those that involve logonsess, the rest of the window.
dmesg | sed -n '/logonsess-stress: reap start/,/logonsess-stress: reap end/p' |
	awk -v pat="$LOCKUPS" '
		$0 ~ pat { n++; left = 60; inrep = 1 }
		inrep {
			rep[n] = rep[n] $0 "\n"
			if ($0 ~ /logonsess/)
				ours[n] = 1
			if ($0 ~ /<\/TASK>/ || --left == 0)
				inrep = 0
			next
		}
		{ print > "/tmp/reap-rest" }
		END {
			printf "" > "/tmp/reap-ours"
			printf "" > "/tmp/reap-others"
			for (i = 1; i <= n; i++)
				printf "%s", rep[i] > (ours[i] ? "/tmp/reap-ours" : "/tmp/reap-others")
		}'
touch /tmp/reap-rest
if [ -s /tmp/reap-ours ]; then
	not_ok "reap: no soft lockup or RCU stall in logonsess while $REAP sessions are destroyed" \
		"$(head -n 40 /tmp/reap-ours)"
else
	ok "reap: no soft lockup or RCU stall in logonsess while $REAP sessions are destroyed"
fi
if [ -s /tmp/reap-others ]; then
	echo "# lockup reports elsewhere meanwhile (a vCPU the host did not run?):"
	grep -E "$LOCKUPS|Workqueue:|RIP:" /tmp/reap-others | head -n 12 | sed 's/^/#   /'
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

# The whole log, but for the lockup reports of the reaper's window.
dmesg | sed '/logonsess-stress: reap start/,/logonsess-stress: reap end/d' >/tmp/dmesg
cat /tmp/reap-rest >>/tmp/dmesg
PATTERNS='BUG:|WARNING:|KASAN:|Oops|ODEBUG:|rcu: INFO|self-detected stall|blocked for more than|soft lockup|possible recursive locking|circular locking|suspicious RCU usage|unreferenced object|refcount_t:'
if grep -Eq "$PATTERNS" /tmp/dmesg; then
	not_ok "no BUG, WARNING, KASAN, lockdep, RCU stall or leak in the kernel log" \
		"$(grep -E -A12 "$PATTERNS" /tmp/dmesg | head -n 60)"
else
	ok "no BUG, WARNING, KASAN, lockdep, RCU stall or leak in the kernel log"
fi
echo "# kernel warnings counted: $(grep -c 'WARNING:' /tmp/dmesg)"
finish
