#!/bin/sh
# Writes budgetgen(1) in roff from the program's own --help, so that the
# manual page cannot drift from the help text. Usage: manpage.sh BINARY
set -eu
bin=$1
version=$("$bin" --version | sed 's/^budgetgen //')
echo ".TH BUDGETGEN 1 \"\" \"budgetgen $version\" \"User Commands\""
echo ".SH NAME"
echo "budgetgen \\- 部门预算公开文件生成工具"
echo ".SH DESCRIPTION"
echo ".nf"
# roff: a leading dot or apostrophe would be a request; backslashes escape.
"$bin" --help | sed -e 's/\\/\\\\/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
echo ".fi"
