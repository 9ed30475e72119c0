#!/usr/bin/env bash
# Prints one Surefire-style line that totals every JUnit report of the build (surefire: unit and
# @QuarkusTest suites; failsafe: integration tests and the e2e suite; the load generator's unit
# tests), so the last line of a CI run
# counts all tests, not only the last plugin's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shopt -s nullglob
reports=(target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml bench/target/surefire-reports/TEST-*.xml)
run=0 failures=0 errors=0 skipped=0
for report in "${reports[@]}"; do
  # The root <testsuite> element carries the counts of its file.
  header="$(grep -m1 -o '<testsuite [^>]*>' "$report" || true)"
  for attr in tests failures errors skipped; do
    value="$(sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p" <<<"$header")"
    value="${value:-0}"
    case "$attr" in
      tests) run=$((run + value)) ;;
      failures) failures=$((failures + value)) ;;
      errors) errors=$((errors + value)) ;;
      skipped) skipped=$((skipped + value)) ;;
    esac
  done
done
echo "ci: ${#reports[@]} test reports"
echo "[INFO] Tests run: $run, Failures: $failures, Errors: $errors, Skipped: $skipped"
