#!/usr/bin/env bash
# Installs what this repository needs on a fresh Debian machine that has Node 20 and npm:
# pnpm 10, the workspace's packages (building the LightGBM addon), and with --system-deps the OS
# packages the integration tests and benchmark peers use. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--system-deps" ]]; then
  bash scripts/install-system-deps.sh
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  echo "bootstrap: installing pnpm 10 with npm (corepack's signature check fails against this registry)"
  npm install -g pnpm@10
fi

if [[ "${CI:-}" == "true" ]]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
