#!/usr/bin/env bash
# The long chaos run: 10,000 instructions over the five providers, faults on in the sandbox, the job SIGKILLed at 20
# random moments and run again until it ends; then the ledger against the sandbox's record (see bench/README.md).
# Extra arguments go to the scenario, e.g. --seed 42 to meet the same faults and kills again.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" chaos --instructions 10000 --kills 20 "$@"
