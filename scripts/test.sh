#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine with Node 20, as root:
# installs the Debian packages (ExaBGP, BIRD, FRR, nginx, PostgreSQL, dnsmasq, …),
# the npm dependencies, builds, then runs every vitest project. Each test starts the
# servers it needs itself, on loopback or in network namespaces it creates.
# Ends with the line `N passed, N failed` counted from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh || exit 1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2 || exit 1
fi
npm run build >&2 || exit 1
rm -f vitest.json
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json=vitest.json "$@"
node scripts/count-results.mjs vitest.json
