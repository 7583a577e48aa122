#!/bin/sh
# Installs the Debian packages budgetgen needs, only those missing.
# `deps.sh test` adds what only the tests use: an independent XLSX reader
# (python3-openpyxl) and LibreOffice Calc to recalculate the workbooks.
set -eu
PKGS="build-essential pkg-config libcairo2-dev libpango1.0-dev libxlsxwriter-dev \
libcmocka-dev libfyaml-dev libzip-dev libxml2-dev fonts-noto-cjk poppler-utils"
if [ "${1:-}" = test ]; then
    PKGS="$PKGS python3 python3-openpyxl libreoffice-calc-nogui"
fi

missing=""
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
