#!/bin/sh
# Guest test, on the debug kernel: rounds of the stress program and the
# fuzzer (settings in /tests/stress.conf: WORKERS, OPS, FUZZ, SEED,
# MINUTES), then an explicit kmemleak scan; any BUG, WARNING, KASAN,
# lockdep, RCU stall, debugobjects or kmemleak report fails the run.
. /tests/tap.sh
. /tests/stress.conf

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
