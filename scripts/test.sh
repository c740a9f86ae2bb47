#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine with Node 20, as root:
# installs the Debian packages (ExaBGP, BIRD, FRR, nginx, PostgreSQL, dnsmasq, …),
# the npm dependencies, builds, then runs every vitest project. Each test starts the
# servers it needs itself, on loopback or in network namespaces it creates.
# Ends with the line `N passed, N failed` counted from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh || exit 1
rm -f vitest.json
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json=vitest.json "$@"
node scripts/count-results.mjs vitest.json
