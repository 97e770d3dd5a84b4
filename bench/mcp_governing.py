"""Times `adr mcp`'s decisions_governing over stdio with bare JSON-RPC (no SDK, so the figures
are the server's): the time from start to the answer to `initialize`, the first call, and the
median of 20 more.

    python3 bench/mcp_governing.py [--wait SECONDS] ADR LOG_DIR PATH...

--wait: pause that long after `initialize` before the first call (an agent reads the tool list
and thinks first; the server reads the log meanwhile). Prints one JSON object:
{start_ms, first_ms, median_ms, cpu_ms, decisions, bytes}, where cpu_ms is the server's CPU
time (user + system, from /proc) per call over the 20 repeats: unlike wall time, it does not
grow when other processes share the cores.
"""

import json
import os
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
wait = 0.0
if args[0] == "--wait":
    wait, args = float(args[1]), args[2:]
adr, log, paths = args[0], args[1], args[2:]
t0 = time.perf_counter()
p = subprocess.Popen([adr, "mcp"], cwd=log, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
next_id = 0


def request(method, params):
    global next_id
    next_id += 1
    p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}) + "\n")
    p.stdin.flush()
    while True:
        line = p.stdout.readline()
        msg = json.loads(line)
        if msg.get("id") == next_id:
            return msg, len(line)


request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
start = time.perf_counter() - t0
p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
p.stdin.flush()
time.sleep(wait)


def call():
    t = time.perf_counter()
    msg, size = request("tools/call", {"name": "decisions_governing", "arguments": {"paths": paths}})
    elapsed = time.perf_counter() - t
    result = msg["result"]
    assert not result.get("isError"), result
    return elapsed, len(result["structuredContent"]["decisions"]), size


def cpu_seconds():
    fields = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


first, decisions, size = call()
cpu0 = cpu_seconds()
rest = [call()[0] for _ in range(20)]
cpu = (cpu_seconds() - cpu0) / len(rest)
p.stdin.close()
p.wait()
print(json.dumps({
    "start_ms": round(start * 1000, 1),
    "first_ms": round(first * 1000, 1),
    "median_ms": round(statistics.median(rest) * 1000, 1),
    "cpu_ms": round(cpu * 1000, 1),
    "decisions": decisions,
    "bytes": size,
}))
