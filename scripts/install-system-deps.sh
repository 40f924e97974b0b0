#!/usr/bin/env bash
# Installs the OS packages the build and integration tests need: cmake and g++ (LightGBM addon),
# openssl, redis-server, and prometheus
# (which brings promtool). Idempotent: does nothing when the commands are already on PATH.
# Never starts the services: tests start their own on free ports.
#
#   scripts/install-system-deps.sh [extra-debian-package ...]
#   SYSTEM_DEPS_EXTRA="python3-statsmodels" scripts/install-system-deps.sh
#
# Extra packages (for example benchmark peers) are installed when dpkg does not have them.
set -euo pipefail

packages=()
want() {
  case " ${packages[*]} " in *" $1 "*) ;; *) packages+=("$1") ;; esac
}
command -v redis-server >/dev/null 2>&1 || want redis-server
command -v prometheus >/dev/null 2>&1 || want prometheus
command -v promtool >/dev/null 2>&1 || want prometheus
# The LightGBM addon compiles at `pnpm install`; the forecaster's TLS tests make certificates.
command -v cmake >/dev/null 2>&1 || want cmake
command -v g++ >/dev/null 2>&1 || want g++
command -v openssl >/dev/null 2>&1 || want openssl

# shellcheck disable=SC2206 # word splitting of the env var is the point: a space-separated list
extras=("$@" ${SYSTEM_DEPS_EXTRA:-})
for pkg in "${extras[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || want "$pkg"
done

if [ "${#packages[@]}" -eq 0 ]; then
  echo "install-system-deps: already installed: redis-server prometheus promtool cmake g++ openssl ${extras[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
install-system-deps: apt-get was not found, so this script cannot install: ${packages[*]}
Install them by hand with your system's package manager, so that these commands are on PATH:
  redis-server (Redis 7), prometheus and promtool (Prometheus 2.x)
for example 'brew install redis prometheus' on macOS or 'dnf install redis golang-github-prometheus' on Fedora.
MSG
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-system-deps: run as root or install sudo; then run: apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi

# Debian's postinst scripts start redis-server and prometheus through invoke-rc.d (or systemd where
# it runs). A policy-rc.d that answers 101 ("action forbidden") makes them skip that, so nothing
# starts and, in containers without an init system, nothing fails. An existing policy is left alone.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi

echo "install-system-deps: installing ${packages[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"

for cmd in redis-server prometheus promtool; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "install-system-deps: $cmd is still missing after the install" >&2; exit 1; }
done
echo "install-system-deps: done"
