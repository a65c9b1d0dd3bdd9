#!/bin/sh
# Guest test: the kselftests of tools/testing/selftests/logonsess/
# (logonsess_test, label_test), built statically by tests/run.sh. A
# skipped test is a failure here: the kernel under test has logonsess
# enabled.
cd /tests || exit 1
./logonsess_test >/tmp/selftests.out 2>&1
status=$?
./label_test >>/tmp/selftests.out 2>&1
status=$((status + $?))
cat /tmp/selftests.out
if grep -q '# SKIP' /tmp/selftests.out; then
	echo "not ok 999 - a selftest was skipped, but logonsess is enabled here"
	status=1
fi
exit "$status"
