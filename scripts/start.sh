#!/usr/bin/env bash
# Quick start: prepares the machine, then runs exaplug's main job on
# examples/single-node/exaplug.yaml under a real ExaBGP and BIRD on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
exec npm run --silent demo -- "$@"
