#!/usr/bin/env bash
# Test figures of the last `mvn verify` (or `mvn test`): tests, failures and skips, the sum of the test classes'
# times, the slowest classes, the number of Spring contexts started, and the HTTP sign-ups the run made.
# Usage: bench/test-times.sh [project-dir] [verify-log]   (run `mvn -B verify | tee verify.log` first)
set -euo pipefail
dir=${1:-.}
log=${2:-}
reports="$dir/target/surefire-reports"
[[ -d $reports ]] || { echo "no $reports: run the tests first" >&2; exit 1; }

python3 - "$reports" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
rows, tests, failures, errors, skipped = [], 0, 0, 0, 0
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    suite = ET.parse(f).getroot()
    tests += int(suite.get("tests", 0)); failures += int(suite.get("failures", 0))
    errors += int(suite.get("errors", 0)); skipped += int(suite.get("skipped", 0))
    rows.append((float(suite.get("time", 0)), suite.get("name")))
rows.sort(reverse=True)
print(f"classes {len(rows)}  tests {tests}  failures {failures}  errors {errors}  skipped {skipped}")
print(f"sum of class times {sum(t for t, _ in rows):.1f} s")
print("slowest classes:")
for t, name in rows[:12]:
    print(f"  {t:8.1f} s  {name}")
PY
if [[ -n $log && -f $log ]]; then
  # a test context logs "Starting <test class> using Java" once, when it is created (io.traveler logs at info)
  echo "Spring test contexts started: $(grep -cE 'Starting [A-Za-z]+(Tests|Properties) using Java' "$log" || true)"
  grep -o 'Total time: .*' "$log" | tail -1 || true
fi
if [[ -f $dir/target/http-sign-ups.txt ]]; then
  echo "HTTP sign-ups (Api.signUp): $(cat "$dir/target/http-sign-ups.txt")"
fi
