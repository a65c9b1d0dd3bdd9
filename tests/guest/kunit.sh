#!/bin/sh
# Guest test, on the debug kernel: the KUnit suites of logonsess
# (security/logonsess/logonsess_test.c), which ran at boot with KASAN,
# lockdep and kmemleak watching. One TAP line per test case, from the
# results KUnit keeps in debugfs; a skipped case counts as a failure.
. /tests/tap.sh

mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
SUITES="logonsess_sid logonsess_session logonsess_label"
SPLAT='BUG:|WARNING:|refcount_t:|possible recursive locking|suspicious RCU usage'

for suite in $SUITES; do
	results=/sys/kernel/debug/kunit/$suite/results
	if [ ! -r "$results" ]; then
		not_ok "KUnit suite $suite ran at boot" "no $results"
		continue
	fi
	# The cases are the indented result lines; the suite's own is not.
	sed -n -e 's/^[[:space:]]\{1,\}ok [0-9]\{1,\} \([a-z_0-9]*\) # SKIP.*/SKIP \1/p' \
		-e 's/^[[:space:]]\{1,\}ok [0-9]\{1,\} \([a-z_0-9]*\)$/PASS \1/p' \
		-e 's/^[[:space:]]\{1,\}not ok [0-9]\{1,\} \([a-z_0-9]*\).*/FAIL \1/p' \
		"$results" >/tmp/kunit-cases
	[ -s /tmp/kunit-cases ] ||
		not_ok "KUnit suite $suite has test cases" "$(cat "$results")"
	while read -r result name; do
		case $result in
		PASS) ok "kunit $suite.$name" ;;
		SKIP) not_ok "kunit $suite.$name (skipped)" ;;
		*) not_ok "kunit $suite.$name" "$(grep -B20 " $name\$" "$results" | head -n 20)" ;;
		esac
	done </tmp/kunit-cases
done

# A splat while the suites ran (KASAN, lockdep, a refcount warning).
if dmesg | grep -Eq "$SPLAT"; then
	not_ok "no kernel warning while the suites ran" \
		"$(dmesg | grep -E -A12 "$SPLAT" | head -n 40)"
else
	ok "no kernel warning while the suites ran"
fi
finish
