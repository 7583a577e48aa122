#!/bin/sh
# Writes a synthetic department of N line items (default 100000) across
# N/500 units and N/200 projects (at most 200 and 500, at least 2 and 3), in
# the zhengzhou-2021 format, to standard output, so that its pages grow with
# N; its profile, texts and last year's figures are the services sample's, so
# that `render` takes it whole. Deterministic: the same N gives the same bytes.
n=${1:-100000}
awk -v n="$n" 'BEGIN {
    split("2010301 2010302 2010350 2050803 2080505 2101101 2210201 2010305", fn, " ");
    split("30101:50101 30102:50101 30108:50102 30113:50103 30201:50201 30211:50201 30217:50206 30231:50208 30227:50205 31002:50306", ec, " ");
    split("财政拨款 财政拨款 财政拨款 事业收入 政府性基金 其他收入", fu, " ");
    split("社会事业和经济发展项目 债务项目 基本建设项目 其他项目", ca, " ");
    nu = int(n / 500); nu = nu < 2 ? 2 : nu > 200 ? 200 : nu;
    np = int(n / 200); np = np < 3 ? 3 : np > 500 ? 500 : np;
    print "department: {code: \"900\", name: 基准测试部门, year: 2021, format: zhengzhou-2021}";
    print "units:";
    for (u = 1; u <= nu; u++)
        printf "  - {code: \"900%03d\", name: 基准测试单位%d, type: %s}\n", u, u, (u % 3 ? "行政" : "事业");
    print "projects:";
    for (p = 1; p <= np; p++)
        printf "  - {code: P%d, name: 基准测试项目%d, unit: \"900%03d\", category: %s, previous_total: 100000.00, previous_amount: 100000.00}\n", p, p, (p % nu) + 1, ca[(p % 4) + 1];
    print "line_items:";
    seed = 12345;
    for (i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        u = (i % nu) + 1;
        split(ec[(int(seed / 7) % 10) + 1], pair, ":");
        proj = (seed % 5 == 0) ? sprintf(", project: P%d", (i % np) + 1) : "";
        carry = (seed % 17 == 0) ? ", carry_over: true" : "";
        printf "  - {unit: \"900%03d\", function: \"%s\", dept_econ: \"%s\", gov_econ: \"%s\", fund: %s%s%s, amount: %d.%02d}\n",
            u, fn[(int(seed / 3) % 8) + 1], pair[1], pair[2], fu[(int(seed / 11) % 6) + 1], proj, carry, seed % 1000000, seed % 100;
    }
}'
sed -n '/^profile:/,/^names:/p' "$(dirname "$0")/../../samples/zhengzhou-services-2021.yaml" | sed '$d'
