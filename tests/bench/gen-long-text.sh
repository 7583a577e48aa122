#!/bin/sh
# Writes sample 001 with texts.reason_total replaced by BYTES bytes (default
# 50000) of UNIT repeated (default "abcd": a run with no break opportunity,
# the case that was quadratic in Pango) to standard output.
bytes=${1:-50000}
unit=${2:-abcd}
awk -v bytes="$bytes" -v unit="$unit" '
    /^  reason_total: / && !done {
        t = ""; while (length(t) < bytes) t = t unit;
        print "  reason_total: " t; done = 1; next
    }
    { print }' samples/zhengzhou-services-2021.yaml
