#!/usr/bin/env bash
# The rule engine alone (issue 13: validate and price a configuration of a product with 200 rules over 30 options in
# under 20 ms): RuleEngineTests#measureTwoHundredRulesOverThirtyOptions builds the rules in memory
# (every type, CEL conditions and computed values), warms up, then evaluates 400 times alternating with the same
# values checked against the options alone (the baseline), and prints p50/p95 of both. No database, no HTTP: the
# whole request is measured by bench/configurator.sh.
# Usage: bench/rule-engine.sh   (needs the offline Maven repository; ROUNDS (3) runs)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
for ((round = 1; round <= rounds; round++)); do
  mvn -q -o test -Dtest='RuleEngineTests#measureTwoHundredRulesOverThirtyOptions' -Dtraveler.bench=rule-engine \
    -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null | grep -a '^rule-engine:' | sed "s/^/round $round: /"
done
