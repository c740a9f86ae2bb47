#!/usr/bin/env bash
# Quick start: prepares the machine, then runs exaplug's main job on
# examples/single-node/exaplug.yaml under a real ExaBGP and BIRD on loopback.
# `npm start -- --config my.yaml` runs your config instead (docs/run-your-check-live.md).
set -euo pipefail
# npm runs this from the checkout's root; a relative --config means where `npm start` was typed.
from="${INIT_CWD:-$PWD}"
args=()
while (($#)); do
  case "$1" in
    --config) args+=(--config "$(cd "$from" && realpath -m -- "${2:?--config needs a file}")"); shift 2 ;;
    --config=*) args+=(--config "$(cd "$from" && realpath -m -- "${1#--config=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
exec npm run --silent demo -- "${args[@]}"
