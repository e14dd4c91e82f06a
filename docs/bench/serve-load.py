#!/usr/bin/env python3
"""Load on `spotcheck serve`: findings submitted through HTTP by many
concurrent clients (wrk), each acknowledged only once durable, or public
searches. Prints wrk's figures and checks them against the store.

  submissions: serve-load.py submissions --base URL --requests DIR/requests.tsv --store S.sqlite
  search:      serve-load.py search --base URL --queries queries.txt

Options: --connections 64 --threads 2 --duration 30 (seconds); search: --warmup 10 (seconds, not counted).
"""
import argparse, json, os, re, sqlite3, subprocess, sys, tempfile, urllib.parse, urllib.request

def sign_in(base, account, password):
    req = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"id": account, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req) as r:
        return json.load(r)["token"]

def lua_string(s):
    return "[==[" + s + "]==]"

SUBMIT_LUA = """
local items = {%s}
local n = #items
local count = 0
local failures = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end
function init(args)
  count = 0
  failures = 0
end
function request()
  count = count + 1
  local item = items[(count * 7 + tid) %% n + 1]
  local body = string.gsub(item[2], "__SUBMISSION_ID__", "load-" .. tid .. "-" .. count, 1)
  return wrk.format("POST", "/api/v1/submissions", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. item[1]}, body)
end
function response(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
    if failures < 3 then io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\\n") end
  end
end
function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do f = f + (t:get("failures") or 0) end
  io.write(string.format("RESULT requests=%%d errors=%%d non201=%%d p50_ms=%%.2f p90_ms=%%.2f p99_ms=%%.2f max_ms=%%.2f seconds=%%.2f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, f,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.duration / 1e6))
end
"""

SEARCH_LUA = """
local queries = {%s}
local n = #queries
local count = 0
local tid = 0
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end
function request()
  count = count + 1
  return wrk.format("GET", "/api/v1/disclosures?q=" .. queries[(count * 13 + tid) %% n + 1])
end
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d errors=%%d p50_ms=%%.2f p90_ms=%%.2f p99_ms=%%.2f max_ms=%%.2f seconds=%%.2f\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.duration / 1e6))
end
"""

def run_wrk(base, script, args):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        path = f.name
    cmd = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--timeout", "10s", "-s", path, base]
    print("$ " + " ".join(cmd), flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(out.stderr)
    print(out.stdout)
    m = re.search(r"RESULT (.*)", out.stdout)
    if not m:
        sys.exit("wrk printed no result")
    return dict(kv.split("=") for kv in m.group(1).split())

def submissions(args):
    folder = os.path.dirname(args.requests)
    items, tokens = [], {}
    for line in open(args.requests, encoding="utf-8"):
        if not line.strip():
            continue
        account, name = line.rstrip("\n").split("\t")
        if account not in tokens:
            tokens[account] = sign_in(args.base, account, args.password)
        body = open(os.path.join(folder, name), encoding="utf-8").read()
        items.append("{" + lua_string(tokens[account]) + "," + lua_string(body) + "}")
    before = count_submissions(args.store)
    result = run_wrk(args.base, SUBMIT_LUA % ",".join(items), args)
    after = count_submissions(args.store)
    requests, seconds = int(result["requests"]), float(result["seconds"])
    acknowledged = requests - int(result["non201"]) - int(result["errors"])
    print(f"acknowledged {acknowledged} of {requests} in {seconds:.1f} s: {acknowledged / seconds:.0f}/s; "
          f"latency p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
    print(f"submissions in the store: {before} before, {after} after (+{after - before}); acknowledged {acknowledged}")
    if after - before < acknowledged:
        sys.exit("fewer submissions stored than acknowledged")

def count_submissions(store):
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]

def search(args):
    queries = [urllib.parse.quote(q.strip()) for q in open(args.queries, encoding="utf-8") if q.strip()]
    script = SEARCH_LUA % ",".join(lua_string(q) for q in queries)
    if args.warmup > 0:
        # A service just started has not yet read its store's pages: the
        # first queries wait on the disk. Measured apart, then the figures.
        warm = argparse.Namespace(**{**vars(args), "duration": args.warmup})
        first = run_wrk(args.base, script, warm)
        print(f"warm-up ({args.warmup} s, not counted): p50 {first['p50_ms']} ms, p99 {first['p99_ms']} ms, max {first['max_ms']} ms")
    result = run_wrk(args.base, script, args)
    requests, seconds = int(result["requests"]), float(result["seconds"])
    print(f"searches {requests} in {seconds:.1f} s: {requests / seconds:.0f}/s; latency p50 {result['p50_ms']} ms, "
          f"p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms; errors {result['errors']}")

def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["submissions", "search"])
    p.add_argument("--base", required=True)
    p.add_argument("--requests")
    p.add_argument("--store")
    p.add_argument("--queries")
    p.add_argument("--password", default="load-test-password")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--duration", type=int, default=30)
    p.add_argument("--warmup", type=int, default=10, help="search: seconds of queries before the measured run (0: none)")
    args = p.parse_args()
    submissions(args) if args.mode == "submissions" else search(args)

if __name__ == "__main__":
    main()
