#!/usr/bin/env bash
# Installs the Debian 12 packages Wijkstem needs, or says which apt-get line to run.
# Everything comes from Debian: nothing is downloaded at build time.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libimgui-dev libglfw3-dev libgl-dev libfreetype-dev
  libsqlite3-dev libstb-dev doctest-dev nlohmann-json3-dev
  libboost-dev libssl-dev libcurl4-openssl-dev libsodium-dev
  libespeak-ng-dev espeak-ng-data libfribidi-dev libzip-dev libqrencode-dev
  fonts-dejavu-core fonts-noto-core
  xvfb xauth libgl1-mesa-dri sqlite3 curl openssl python3
  chromium chromium-driver python3-selenium python3-cryptography
  libsystemd-dev
  cage xwayland dpkg-dev file   # the packaged kiosk in cage (tests/e2e_package.sh), CPack's shlibdeps
  postgresql-15                 # the tests' own PostgreSQL (tests/pg_cluster.sh, docs/postgresql.md)
  libpqxx-dev                   # the store on PostgreSQL (store/db_postgres.cpp)
  nginx-light iproute2          # two store processes behind nginx, ss (tests/e2e_two_stores.sh)
)
# `install-deps.sh fuzz` (make fuzz): Debian's clang and its libFuzzer too.
[[ "${1:-}" == fuzz ]] && packages+=(clang-14 libclang-rt-14-dev)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  echo "Installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Wijkstem needs these Debian packages. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
