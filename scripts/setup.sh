#!/usr/bin/env bash
# Installs the Debian 12 packages entgraph needs to build and test, and nothing when all are present.
# Run as root (or through sudo): it calls apt-get.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-graph-dev libgraphviz-dev libicu-dev libcli11-dev libsqlite3-dev
  nlohmann-json3-dev libxxhash-dev libgtest-dev googletest libbenchmark-dev
  python3
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=sudo
  else
    echo "setup: these packages are missing and this is not root: ${missing[*]}" >&2
    echo "setup: run this script as root, or install them with apt-get" >&2
    exit 2
  fi
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
