#!/bin/sh
# Runs each cmocka test binary: one line a suite with its counts, and one
# summary line ("LABEL: N passed, N failed"). What the tests print (the
# error messages they provoke on purpose among it) goes to LOG; a failing
# suite's own output is shown too, so its failure can be read here.
# Usage: run-tests.sh LABEL LOG TEST...
label=$1; log=$2; shift 2
: > "$log"
passed=0; failed=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    { echo "==== $t (exit $rc)"; echo "$out"; } >> "$log"
    p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    if [ "$rc" -ne 0 ] && [ -z "$f" ]; then f=1; fi
    printf '  %-24s %3s passed' "$(basename "$t")" "${p:-0}"
    if [ "${f:-0}" -ne 0 ]; then
        printf ', %s FAILED (exit %s)\n' "$f" "$rc"
        echo "$out" | sed 's/^/    | /'
    else
        echo
    fi
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$label: $passed passed, $failed failed (what the tests printed: $log)"
[ "$failed" -eq 0 ]
