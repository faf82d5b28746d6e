#!/usr/bin/env bash
# cardsweep benchmarks: bench/run.sh SCENARIO [--instructions N]
#   throughput | latency | paced | cooldown | memory   (see bench/README.md)
# Builds target/cardsweep.jar when it is missing or older than the sources, then runs bench/Bench.java,
# which generates the input, starts the sandbox in its own process, runs the job, and prints one figure per line.
# Exit status: 0 when the sandbox recorded no limit violation and the run ended as it should, 1 otherwise, 2 on usage.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./cardsweep --help >/dev/null
exec java -Xmx2g bench/Bench.java "$@"
