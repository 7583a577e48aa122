#!/bin/sh
# Runs each cmocka test binary and ends with one summary line
# ("N passed, N failed"); fails if any test failed.
passed=0; failed=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    echo "$out"
    p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    if [ "$rc" -ne 0 ] && [ -z "$f" ]; then f=1; echo "FAILED: $t exited $rc"; fi
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
