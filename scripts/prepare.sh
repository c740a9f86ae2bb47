#!/usr/bin/env bash
# Everything `npm start` and `npm test` need on a fresh Debian 12 + Node 20 machine, as root:
# the Debian packages (only the missing ones), the npm dependencies from the lock file
# (only when they changed), and a build. Output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
# verdaccio (the local registry of the publish test) lives apart: not a workspace dependency.
if [ ! -d tools/verdaccio/node_modules ] || [ tools/verdaccio/package-lock.json -nt tools/verdaccio/node_modules/.package-lock.json ]; then
  npm ci --prefix tools/verdaccio --no-audit --no-fund >&2
fi
npm run build >&2
