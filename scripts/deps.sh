#!/bin/sh
# Installs the Debian packages budgetgen needs, only those missing.
# `deps.sh test` adds what only the tests use: an independent XLSX reader
# (python3-openpyxl), LibreOffice Calc to recalculate and print the
# workbooks, with Carlito, which has the metrics of Calibri, the workbooks'
# default font that Excel measures column widths in, and clang with its
# libFuzzer runtime for the fuzz harnesses (make fuzz).
set -eu
PKGS="build-essential pkg-config libcairo2-dev libpango1.0-dev libxlsxwriter-dev \
libharfbuzz-dev libcmocka-dev libfyaml-dev libzip-dev libxml2-dev fonts-noto-cjk poppler-utils libpoppler-glib-dev"
if [ "${1:-}" = test ]; then
    PKGS="$PKGS python3 python3-openpyxl python3-yaml libreoffice-calc-nogui fonts-crosextra-carlito \
clang libclang-rt-14-dev"
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

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    # Nothing here can install: say exactly what root must run.
    echo "deps: 缺少 Debian 软件包：$missing" >&2
    echo "deps: 请以 root 身份运行：apt-get update && $line" >&2
    exit 1
fi
echo "deps: 安装缺少的软件包：$missing" >&2
$SUDO apt-get update -q
# env passes DEBIAN_FRONTEND through sudo, which clears the environment.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
