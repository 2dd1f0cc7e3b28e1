#!/bin/sh
# Runs every test binary and sums cmocka's counts into one closing line:
#   N passed, N failed
# Exits non-zero when any test failed or a binary crashed.
passed=0; failed=0; status=0
for t in "$@"; do
  out=$("$t" 2>&1); rc=$?
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$t: exited with status $rc"; failed=$((failed + 1))
  fi
  [ $rc -ne 0 ] && status=1
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $status -eq 0 ]
