#!/usr/bin/env python3
"""The SQL side of bench/orders.sh.

capture LOG OFFSET NAME DIR
    Reads the auto_explain plans PostgreSQL logged after byte OFFSET of LOG (the server log while a query's HTTP
    requests ran with auto_explain.log_min_duration = 0), keeps those of statements reading orders.orders, and
    writes DIR/NAME.plan (the last plan of each distinct statement, as PostgreSQL logged it for the application's own
    execution) and DIR/NAME.json (the statement the API ran, with its parameters, and the executor durations logged).
    The statement kept for timing is the slowest of them (a list may also count or read lines).

time DIR/NAME.json PORT ORG REPS
    Runs that statement REPS times with EXPLAIN (ANALYZE, BUFFERS) through psql, as the application's role with
    app.org_id set (so row-level security applies as it does for the API), the parameters written in as literals,
    and prints "p50 p95" of PostgreSQL's Execution Time in ms.
"""
import json
import math
import re
import subprocess
import sys

PLAN_NODE = re.compile(r"\(cost=[\d.]+|\(actual time=")
ENTRY = re.compile(r"^\S.*?LOG:\s+duration: ([\d.]+) ms\s+plan:\s*$")
PARAM = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")


def entries(text):
    """Yields (duration_ms, [plan lines]) for every auto_explain entry."""
    current = None
    for line in text.splitlines():
        match = ENTRY.match(line)
        if match:
            if current:
                yield current
            current = (float(match.group(1)), [])
        elif current and line.startswith("\t"):
            current[1].append(line[1:])
        elif current:
            yield current
            current = None
    if current:
        yield current


def parse(lines):
    """The statement, its parameters and the plan of one entry."""
    assert lines and lines[0].startswith("Query Text: "), lines[:1]
    sql = [lines[0][len("Query Text: "):]]
    params = {}
    i = 1
    while i < len(lines):
        line = lines[i]
        if line.startswith("Query Parameters: "):
            params = {int(n): v for n, v in PARAM.findall(line)}
            i += 1
            break
        if PLAN_NODE.search(line):
            break
        sql.append(line)
        i += 1
    return "\n".join(sql).strip(), params, lines[i:]


def capture(log, offset, name, out):
    with open(log, "rb") as f:
        f.seek(int(offset))
        text = f.read().decode("utf-8", "replace")
    statements = {}
    for duration, lines in entries(text):
        sql, params, plan = parse(lines)
        if "orders.orders" not in sql and "orders.order" not in sql:
            continue
        s = statements.setdefault(sql, {"sql": sql, "durations": [], "params": params, "plan": plan})
        s["durations"].append(duration)
        s["params"], s["plan"] = params, plan
    if not statements:
        sys.exit(f"orders-plans: no plan of an orders statement in {log} after byte {offset}")
    chosen = max(statements.values(), key=lambda s: sorted(s["durations"])[len(s["durations"]) // 2])
    with open(f"{out}/{name}.plan", "w") as f:
        for s in statements.values():
            f.write("-- " + ("timed: " if s is chosen else "") + s["sql"] + "\n")
            f.write("-- parameters: " + json.dumps(s["params"]) + "\n")
            f.write("-- executor durations logged (ms): " + ", ".join(f"{d:.2f}" for d in s["durations"]) + "\n")
            f.write("\n".join(s["plan"]) + "\n\n")
    with open(f"{out}/{name}.json", "w") as f:
        json.dump({"sql": chosen["sql"], "params": chosen["params"], "durations": chosen["durations"],
                   "statements": len(statements)}, f)
    d = sorted(chosen["durations"])
    print(f"{len(statements)} statement(s); the timed one ran {len(d)} times in the app, median {d[len(d) // 2]:.2f} ms")


def literal_sql(spec):
    sql = spec["sql"]
    for n in sorted((int(k) for k in spec["params"]), reverse=True):
        sql = re.sub(r"\$" + str(n) + r"(?!\d)", lambda _: spec["params"][str(n)], sql)
    return sql


def time(spec_file, port, org, reps):
    with open(spec_file) as f:
        spec = json.load(f)
    statement = "explain (analyze, buffers) " + literal_sql(spec) + ";\n"
    script = "\\set ON_ERROR_STOP on\nset app.org_id = '" + org + "';\n" + statement * int(reps)
    result = subprocess.run(["psql", "-qAt", "-h", "localhost", "-p", port, "-U", "traveler_app", "-d", "traveler"],
                            input=script, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("orders-plans: psql failed: " + result.stderr)
    times = sorted(float(t) for t in re.findall(r"Execution Time: ([\d.]+) ms", result.stdout))
    at = lambda p: times[min(len(times) - 1, math.ceil(p / 100 * len(times)) - 1)]
    print(f"{at(50):.2f} {at(95):.2f}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"capture": capture, "time": time}[command](*args)
