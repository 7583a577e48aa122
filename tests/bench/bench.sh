#!/bin/sh
# make bench, part two: budgetgen as a user runs it (whole processes), beside
# LibreOffice converting budgetgen's own workbooks of the same departments
# (soffice --headless --convert-to pdf), as ratios. Measurements only, never
# assertions: the figures go in the issue notes.
# Usage: bench.sh BUILD_DIR
build=${1:-build}
bin=$build/budgetgen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bgbench-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
samples="samples/zhengzhou-gov-office-2021.yaml samples/zhengzhou-services-2021.yaml samples/guancheng-bigdata-2023.json"

# wall seconds, CPU seconds and peak KB of one command: "WALL CPU KB"
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>&1
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$tmp/time"
}

# the median of three runs of a command, by wall time
median3() {
    for i in 1 2 3; do measure "$@"; done | sort -n | sed -n 2p
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f×", a / b; else print "-" }'; }

have_lo=no
if command -v soffice >/dev/null 2>&1; then
    have_lo=yes
    lo_profile="file://$tmp/lo-profile"
    # the first start writes LibreOffice's profile: not counted
    $bin render --xlsx -o "$tmp/warm" samples/zhengzhou-services-2021.yaml >/dev/null 2>&1
    soffice -env:UserInstallation="$lo_profile" --headless --convert-to pdf \
        --outdir "$tmp/warm" "$tmp/warm/114-2021.xlsx" >/dev/null 2>&1
fi

echo
echo "one department, PDF and XLSX, a cold process (median of 3)"
printf '%-40s %8s %8s %8s %10s %10s\n' file "wall ms" "CPU ms" "peak MB" "LO wall ms" "LO/budgetgen"
lo_cpu_total=0
for f in $samples; do
    set -- $(median3 $bin render -j 1 -o "$tmp/one" "$f")
    wall=$1 cpu=$2 kb=$3
    lo="-" r="-"
    if [ $have_lo = yes ]; then
        x=$(ls "$tmp/one"/*.xlsx | head -n 1)
        set -- $(median3 soffice -env:UserInstallation="$lo_profile" --headless \
            --convert-to pdf --outdir "$tmp/lo" "$x")
        lo=$(awk -v w="$1" 'BEGIN { printf "%.0f", w * 1000 }')
        lo_cpu_total=$(awk -v a="$lo_cpu_total" -v c="$2" 'BEGIN { print a + c }')
        r=$(ratio "$1" "$wall")
    fi
    printf '%-40s %8.0f %8.0f %8.1f %10s %10s\n' "$f" "$(awk -v w="$wall" 'BEGIN{print w*1000}')" \
        "$(awk -v c="$cpu" 'BEGIN{print c*1000}')" "$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$lo" "$r"
    rm -rf "$tmp/one" "$tmp/lo"
done

# A city: 100 departments, the two Zhengzhou samples in turn under codes
# 901-999 and 900 (a department is a real one's size: 46 and 56 pages).
mkdir -p "$tmp/city"
for i in $(seq 0 99); do
    if [ $((i % 2)) -eq 0 ]; then src=samples/zhengzhou-services-2021.yaml; else src=samples/zhengzhou-gov-office-2021.yaml; fi
    sed '0,/^  code: "[0-9]*"$/s//  code: "'"$((900 + i))"'"/' "$src" > "$tmp/city/d$i.yaml"
done
echo
echo "a batch: 100 departments the size of the samples"
for j in 1 2; do
    set -- $(measure $bin render -j $j -o "$tmp/city-out" "$tmp/city")
    pages=$(grep -o '"pages": [0-9]*' "$tmp/city-out/index.json" | awk '{ s += $2 } END { print s }')
    batch_cpu=$(awk -v c="$2" 'BEGIN{print c*10}')
    printf '  -j %d: %6.2f s wall, %6.1f ms CPU a department, %5.1f MB peak (a process), %s pages\n' \
        $j "$1" "$batch_cpu" "$(awk -v k="$3" 'BEGIN{print k/1024}')" "$pages"
    rm -rf "$tmp/city-out"
done
if [ $have_lo = yes ]; then
    lo_cpu=$(awk -v t="$lo_cpu_total" 'BEGIN { printf "%.0f", t / 3 * 1000 }')
    echo "  LibreOffice: $lo_cpu ms CPU a workbook (the three samples above); ratio to -j 2: $(ratio "$lo_cpu" "$batch_cpu")"
fi

# watch: from a save of one changed amount to the new PDF on disk.
mkdir -p "$tmp/watch"
cp samples/zhengzhou-services-2021.yaml "$tmp/watch/d.yaml"
$bin watch --pdf -o "$tmp/watch/out" "$tmp/watch/d.yaml" > "$tmp/watch/log" 2>/dev/null &
wpid=$!
for i in $(seq 1 600); do grep -q 已生成 "$tmp/watch/log" && break; sleep 0.05; done
t0=$(date +%s%N)
sed -i 's/gov_econ: "50201", amount: 195480}/gov_econ: "50201", amount: 205480}/' "$tmp/watch/d.yaml"
for i in $(seq 1 600); do grep -q 已更新 "$tmp/watch/log" && break; sleep 0.01; done
t1=$(date +%s%N)
kill $wpid 2>/dev/null; wait $wpid 2>/dev/null
echo
echo "watch, one amount changed: $(( (t1 - t0) / 1000000 )) ms from the save to the new PDF" \
    "($(grep -o '已更新（[^）]*）' "$tmp/watch/log"))"

echo
echo "one department of many line items (load, derive, PDF, XLSX in one process): time grows with pages"
for n in 10000 30000 100000; do
    tests/bench/gen-department.sh $n > "$tmp/big-$n.yaml"
done
$build/bench "$tmp/big-10000.yaml" | head -n 1
for n in 10000 30000 100000; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" $build/bench "$tmp/big-$n.yaml" | tail -n +2
    awk '{ printf "  (whole process: %.2f s wall, %.1f MB peak)\n", $1, $2 / 1024 }' "$tmp/time"
done
