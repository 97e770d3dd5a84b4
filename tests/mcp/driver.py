"""Drives `adr mcp` with the official MCP Python SDK (`pip install mcp`), as a coding agent would.

    python3 driver.py ADR_BINARY LOG_DIR write       # stdio, --allow-write: every tool
    python3 driver.py ADR_BINARY LOG_DIR read-only   # stdio, no flag: write tools refused
    python3 driver.py ADR_BINARY LOG_DIR http URL    # an already running `adr mcp --http`

LOG_DIR is a git repository holding a copy of tests/fixtures/mcp, committed on branch `main`.
Every answer is checked against what the `adr` command line says for the same question. Prints
one line per check and exits 1 at the first failure.
"""

import asyncio
import json
import os
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ADR, LOG, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
RECORDS = os.path.join(LOG, "doc", "adr")
WRITE_TOOLS = {"draft_decision", "supersede_decision", "link_decisions", "set_status"}
READ_TOOLS = {
    "list_decisions",
    "get_decision",
    "search_decisions",
    "decisions_governing",
    "review_change",
    "check_log",
}
checks = 0


def ok(cond, what, detail=""):
    global checks
    if not cond:
        print(f"FAILED: {what}\n{detail}", flush=True)
        sys.exit(1)
    checks += 1
    print(f"ok: {what}", flush=True)


def wire(obj):
    """The message as it travels (camelCase keys), whatever the SDK version's Python names."""
    return obj.model_dump(mode="json", by_alias=True, exclude_none=True)


def adr(*args):
    """The command line's answer in the same log: (exit code, stdout, stderr)."""
    p = subprocess.run([ADR, *args], cwd=LOG, capture_output=True, text=True, env=os.environ)
    return p.returncode, p.stdout, p.stderr


def snapshot():
    """Every file of the decision folder with its bytes: what 'nothing written' compares."""
    out = {}
    for name in sorted(os.listdir(RECORDS)):
        with open(os.path.join(RECORDS, name), "rb") as f:
            out[name] = f.read()
    return out


async def call(s, name, args):
    return wire(await s.call_tool(name, args))


async def answer(s, name, args):
    """A tool's structured answer; the call must succeed and match its text."""
    r = await call(s, name, args)
    ok(not r.get("isError"), f"{name} {short(args)} answers", json.dumps(r)[:2000])
    sc = r["structuredContent"]
    ok(json.loads(r["content"][0]["text"]) == sc, f"{name}: text content is the structured content")
    return sc


async def refused(s, name, args, words, before=None):
    """A tool error naming the problem in `words`; nothing written; the server still answers."""
    r = await call(s, name, args)
    text = " ".join(c.get("text", "") for c in r.get("content", []))
    ok(r.get("isError") is True, f"{name} {short(args)} is a tool error", json.dumps(r)[:1000])
    ok(words in text, f"{name} {short(args)} says {words!r}", text[:1000])
    if before is not None:
        ok(snapshot() == before, f"{name} {short(args)} wrote nothing")
    alive = await call(s, "list_decisions", {"limit": 1})
    ok(not alive.get("isError"), "the server still answers")
    return text


def short(args):
    text = json.dumps(args)
    return text if len(text) < 80 else text[:60] + f"... ({len(text)} chars)"


async def tools_listed(s, want):
    tools = {t["name"]: t for t in wire(await s.list_tools())["tools"]}
    ok(set(tools) == want, "the tools listed are " + ", ".join(sorted(want)), str(sorted(tools)))
    for t in tools.values():
        ok(t["inputSchema"].get("type") == "object", f"{t['name']} has an input schema")
        ok(t.get("outputSchema", {}).get("type") == "object", f"{t['name']} has an output schema")
        read_only = t.get("annotations", {}).get("readOnlyHint")
        ok(read_only == (t["name"] in READ_TOOLS), f"{t['name']} says whether it writes")
    return tools


async def read_tools(s):
    listed = await answer(s, "list_decisions", {})
    ok(listed["total"] == 5 and len(listed["decisions"]) == 5, "list_decisions lists the 5 records")
    code, out, _ = adr("list", "--format", "json")
    cli = json.loads(out)
    mine = [{k: v for k, v in d.items() if k != "uri"} for d in listed["decisions"]]
    ok(code == 0 and mine == cli, "list_decisions is `adr list --format json`", f"{mine}\n{cli}")
    numbers = lambda r: [d["number"] for d in r["decisions"]]
    accepted = await answer(s, "list_decisions", {"status": "accepted"})
    ok(numbers(accepted) == [1, 2, 4], "status filter", str(numbers(accepted)))
    cache = await answer(s, "list_decisions", {"tag": "cache", "text": "memory"})
    ok(numbers(cache) == [4], "tag and text filters together", str(numbers(cache)))
    project = listed["project"]
    await refused(s, "list_decisions", {"project": "elsewhere"}, "no project `elsewhere`")
    ok(numbers(await answer(s, "list_decisions", {"project": project})) == [1, 2, 3, 4, 5], "project filter")

    got = await answer(s, "get_decision", {"ref": "2"})
    code, out, _ = adr("show", "2", "--format", "json")
    shown = json.loads(out)
    mine = {k: v for k, v in got.items() if k not in ("project", "uri")}
    ok(code == 0 and mine == shown, "get_decision is `adr show --format json`", f"{mine}\n{shown}")
    ok(got["constraints"][0] == "Must run on the managed PostgreSQL offering", "get_decision has the constraints")
    ok([o["name"] for o in got["options"] if o["chosen"]] == ["PostgreSQL"], "get_decision has the chosen option")
    ok("synchronous commit" in got["body"], "get_decision has the body")
    ok(got["uri"] == f"adr://{project}/0002-use-postgresql-for-events", "get_decision names its resource")
    for ref in (4, "cache sessions in memory", "doc/adr/0004-cache-sessions-in-memory.md", "0004-cache-sessions-in-memory"):
        r = await answer(s, "get_decision", {"ref": ref})
        ok(r["number"] == 4, f"ref {ref!r} names record 4 as `adr show` resolves it")
    text = await refused(s, "get_decision", {"ref": "cache"}, "matches 2 records")
    _, _, err = adr("show", "cache")
    ok(text.strip() == err.strip(), "an ambiguous ref is refused in the CLI's words", f"{text}\n{err}")
    text = await refused(s, "get_decision", {"ref": "9999"}, "no decision record matches `9999`")
    _, _, err = adr("show", "9999")
    ok(text.strip() == err.strip(), "an unknown record is refused in the CLI's words", f"{text}\n{err}")

    found = await answer(s, "search_decisions", {"query": "sessions"})
    ok([h["number"] for h in found["results"]][:2] in ([3, 4], [4, 3]), "search finds the session records first", str(found))
    found = await answer(s, "search_decisions", {"query": "synchronous"})
    hit = found["results"][0]
    ok(hit["number"] == 2 and "synchronous commit" in (hit["snippet"] or ""), "search has a snippet of the body", str(hit))
    await refused(s, "search_decisions", {"query": "  ,;  "}, "no word to search for")

    gov = await answer(s, "decisions_governing", {"paths": ["src/db/pool.rs", "./src/log/mod.rs"]})
    ok([d["record"]["number"] for d in gov["decisions"]] == [2], "src/db is governed by record 2", str(gov))
    d = gov["decisions"][0]
    ok(d["files"] == ["src/db/pool.rs"] and "No new infrastructure to operate" in d["constraints"], "with its files and constraints")
    ok([o["name"] for o in d["chosen_options"]] == ["PostgreSQL"], "and its chosen option")
    ok([f["rule"] for f in gov["findings"]] == ["governed-by-stale-decision"], "src/log is governed only by a deprecated record")
    diff = (
        "diff --git a/src/cache/session.rs b/src/cache/session.rs\n--- a/src/cache/session.rs\n"
        "+++ b/src/cache/session.rs\n@@ -1 +1,2 @@\n // sessions\n+use redis;\n"
    )
    gov = await answer(s, "decisions_governing", {"diff": diff})
    ok([d["record"]["number"] for d in gov["decisions"]] == [4], "a diff of src/cache is governed by record 4, not the superseded 3", str(gov))
    await refused(s, "decisions_governing", {}, "give `paths`")

    checked = await answer(s, "check_log", {})
    code, out, _ = adr("check", "--format", "json")
    cli = json.loads(out)
    ok(checked["records"] == cli["records"] and checked["findings"] == cli["findings"], "check_log is `adr check --format json`", f"{checked}\n{cli}")
    one = await answer(s, "check_log", {"ref": 2})
    ok(one["records"] == 1 and all(f["path"].endswith("0002-use-postgresql-for-events.md") for f in one["findings"]), "check_log for one record")
    return project


async def resources_and_prompts(s, project):
    listed = wire(await s.list_resources())["resources"]
    uris = [r["uri"] for r in listed]
    ok(f"adr://{project}/index.json" in uris and f"adr://{project}/schema.json" in uris, "the index and the schema are resources")
    ok(f"adr://{project}/0002-use-postgresql-for-events" in uris, "each record is a resource", str(uris))
    got = wire(await s.read_resource(f"adr://{project}/0002-use-postgresql-for-events"))["contents"][0]
    with open(os.path.join(RECORDS, "0002-use-postgresql-for-events.md")) as f:
        ok(got["text"] == f.read() and got["mimeType"] == "text/markdown", "a record resource is its file as written")
    index = json.loads(wire(await s.read_resource(f"adr://{project}/index.json"))["contents"][0]["text"])
    ok([r["number"] for r in index] == [1, 2, 3, 4, 5], "the index resource lists every record")
    schema = json.loads(wire(await s.read_resource(f"adr://{project}/schema.json"))["contents"][0]["text"])
    ok("$schema" in schema, "the schema resource is a JSON Schema")
    for uri in (
        f"adr://{project}/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        f"adr://{project}/..%2F0002-use-postgresql-for-events",
        f"adr://{project}/no-such-record",
        "adr://elsewhere/0002-use-postgresql-for-events",
        "file:///etc/passwd",
    ):
        try:
            await s.read_resource(uri)
            ok(False, f"{uri} is refused")
        except Exception as e:  # the SDK raises its McpError for a JSON-RPC error
            ok("passwd" not in str(e) or "not" in str(e), f"{uri} is refused: {e}")
    ok(not (await call(s, "list_decisions", {"limit": 1})).get("isError"), "the server still answers")

    prompts = {p["name"] for p in wire(await s.list_prompts())["prompts"]}
    ok(prompts == {"write_decision", "check_change"}, "two prompts", str(prompts))
    p = wire(await s.get_prompt("write_decision", {"topic": "session cache"}))
    text = p["messages"][0]["content"]["text"]
    ok("Cache sessions in memory" in text and "draft_decision" in text, "write_decision is filled from the log", text)
    p = wire(await s.get_prompt("check_change", {"paths": "src/db/pool.rs, src/cache/session.rs"}))
    text = p["messages"][0]["content"]["text"]
    ok("Must run on the managed PostgreSQL offering" in text and "One process serves a user" in text, "check_change lists the governing constraints", text)


DRAFT = {
    "title": "Partition the event tables by month",
    "context": "The event tables grow by 50 GB a month; vacuum takes hours.",
    "decision": "Partition each event table by month.",
    "consequences": "Old months can be detached and archived.",
    "constraints": ["Must run on the managed PostgreSQL offering", "No downtime to migrate"],
    "quality_attributes": [
        {
            "id": "ops",
            "attribute": "Operability",
            "priority": "high",
            "scenario": {
                "source": "an operator",
                "stimulus": "archives a month",
                "environment": "production",
                "response": "the month is detached",
                "response_measure": "under 1 minute",
            },
        }
    ],
    "options": [
        {"name": "Native partitioning", "chosen": True, "tradeoffs": [{"attribute": "ops", "effect": "++", "note": "detach a partition"}]},
        {"name": "One table per month by hand", "tradeoffs": [{"attribute": "Operability", "effect": "-"}]},
    ],
    "tags": ["storage"],
    "scope": ["src/db/**"],
    "deciders": ["Ana"],
}


async def write_tools(s, project):
    made = await answer(s, "draft_decision", DRAFT)
    ok(made["number"] == 6 and made["path"] == "doc/adr/0006-partition-the-event-tables-by-month.md", "draft_decision creates record 6", str(made))
    code, out, _ = adr("list", "--format", "json")
    listed = {r["number"]: r for r in json.loads(out)}
    ok(code == 0 and listed[6]["title"] == DRAFT["title"] and listed[6]["status"] == "proposed", "`adr list` sees the drafted record as proposed", out)
    code, out, _ = adr("show", "6", "--format", "json")
    shown = json.loads(out)
    ok(shown["constraints"] == DRAFT["constraints"], "the draft's constraints read back", out)
    ok([(o["name"], o["chosen"]) for o in shown["options"]] == [("Native partitioning", True), ("One table per month by hand", False)], "its options read back")
    ok([t["attribute"] for o in shown["options"] for t in o["tradeoffs"]] == ["ops", "ops"], "a trade-off naming the attribute is keyed by its id")
    ok(shown["quality_attributes"][0]["scenario"]["response_measure"] == "under 1 minute", "its scenario reads back")
    ok("vacuum takes hours" in shown["body"], "its context is in the body")
    code, out, _ = adr("check", "--format", "json")
    ok(not [f for f in json.loads(out)["findings"] if "0006" in f["path"]], "`adr check` finds nothing wrong with it", out)

    made = await answer(s, "supersede_decision", {"ref": 5, "title": "Log with OpenTelemetry", "context": "Logs need trace ids."})
    ok(made["number"] == 7, "supersede_decision creates record 7")
    code, out, _ = adr("show", "5", "--format", "json")
    ok(json.loads(out)["status"]["state"] == "superseded", "the old record is superseded", out)

    before = snapshot()
    linked = await answer(s, "link_decisions", {"source": 6, "link": "Amends", "target": "2", "reverse_link": "Amended by"})
    ok(len(linked["written"]) == 2 and snapshot() != before, "link_decisions writes both records", str(linked))
    before = snapshot()
    again = await answer(s, "link_decisions", {"source": 6, "link": "Amends", "target": "2", "reverse_link": "Amended by"})
    ok(again["written"] == [] and "already linked" in again["note"] and snapshot() == before, "linking again changes nothing", str(again))

    moved = await answer(s, "set_status", {"ref": 6, "status": "accepted", "as": "Ana"})
    ok(moved["written"] == ["doc/adr/0006-partition-the-event-tables-by-month.md"], "set_status writes the record", str(moved))
    code, out, _ = adr("show", "6", "--format", "json")
    last = json.loads(out)["status_history"][-1]
    ok((last["status"], last["by"]) == ("accepted", "Ana"), "the move is dated and signed in the history", out)
    code, out, _ = adr("list", "--status", "accepted", "--format", "json")
    ok(6 in [r["number"] for r in json.loads(out)], "`adr list` sees record 6 accepted")
    before = snapshot()
    text = await refused(s, "set_status", {"ref": 6, "status": "bogus"}, "`bogus` is not a status", before)
    _, _, err = adr("status", "6", "bogus")
    ok(text.strip() == err.strip(), "a nonsense status is refused in the CLI's words", f"{text}\n{err}")
    await refused(s, "set_status", {"ref": 3, "status": "accepted"}, "stays superseded", before)

    # A change made outside the server is seen at once: the summaries it keeps are read again.
    code, _, err = adr("status", "4", "deprecated")
    ok(code == 0, "`adr status` changes record 4 outside the server", err)
    listed = await answer(s, "list_decisions", {"status": "deprecated"})
    ok([d["number"] for d in listed["decisions"]] == [4], "list_decisions sees the change", str(listed))

    review = await answer(s, "review_change", {"base": "main"})
    ok([r["number"] for r in review["added"]] == [6, 7], "review_change sees the two new records", json.dumps(review)[:2000])
    ok(review["superseded"][0]["record"]["number"] == 5, "and the supersession")
    code, out, _ = adr("review", "--base", "main", "--format", "json")
    ok(json.loads(out) == review, "review_change is `adr review --format json`")
    await refused(s, "review_change", {"base": "no-such-branch"}, "no-such-branch")


async def bad_input(s, project):
    before = snapshot()
    huge = "x" * 1_000_000
    await refused(s, "get_decision", {"ref": huge}, "at most 4096", before)
    await refused(s, "draft_decision", {"title": huge}, "at most 4096", before)
    await refused(s, "draft_decision", {"title": "Big", "context": huge}, "at most 65536", before)
    await refused(s, "search_decisions", {"query": huge}, "at most", before)
    await refused(s, "decisions_governing", {"paths": ["x"] * 20_000}, "at most 10000", before)
    await refused(s, "list_decisions", {"limit": "ten"}, "invalid type", before)
    await refused(s, "get_decision", {"ref": ["2"]}, "invalid type", before)
    await refused(s, "get_decision", {"reference": "2"}, "unknown field", before)
    await refused(s, "draft_decision", {"title": 5}, "invalid type", before)
    await refused(s, "draft_decision", {"title": "X", "options": [{"name": "A", "tradeoffs": [{"attribute": "a", "effect": "+++"}]}]}, "unknown variant", before)
    await refused(s, "set_status", {"ref": "2", "status": "deprecated", "force": "yes"}, "invalid type", before)
    await refused(s, "get_decision", {"ref": "../../../../etc/passwd"}, "no decision record matches", before)
    await refused(s, "link_decisions", {"source": "/etc/passwd", "link": "Amends", "target": "2"}, "no decision record matches", before)
    await refused(s, "set_status", {"ref": "../0002-use-postgresql-for-events.md/../../x", "status": "accepted"}, "no decision record", before)
    await refused(s, "draft_decision", {"title": "Two\nlines"}, "control characters", before)
    await refused(s, "draft_decision", {"title": "Sneaky", "context": "This supersedes ADR 2."}, "would read as a link", before)


async def session(args):
    params = StdioServerParameters(command=ADR, args=["mcp", *args], cwd=LOG, env=dict(os.environ))
    async with stdio_client(params) as (r, w):
        async with ClientSession(r, w) as s:
            init = wire(await s.initialize())
            ok(init["serverInfo"]["name"] == "adr", "initialize names the server")
            caps = init["capabilities"]
            ok(all(k in caps for k in ("tools", "resources", "prompts")), "tools, resources and prompts", str(caps))
            ok("decisions_governing" in init.get("instructions", ""), "the instructions point to decisions_governing")
            yield s


async def main():
    if MODE == "write":
        async for s in session(["--allow-write"]):
            await tools_listed(s, READ_TOOLS | WRITE_TOOLS)
            project = await read_tools(s)
            await resources_and_prompts(s, project)
            await bad_input(s, project)
            await write_tools(s, project)
    elif MODE == "read-only":
        async for s in session(sys.argv[4:]):
            await tools_listed(s, READ_TOOLS)
            before = snapshot()
            for name, args in (
                ("draft_decision", {"title": "Not now"}),
                ("set_status", {"ref": 2, "status": "deprecated"}),
                ("link_decisions", {"source": 2, "link": "Amends", "target": 4}),
                ("supersede_decision", {"ref": 2, "title": "Not now"}),
            ):
                await refused(s, name, args, "this server is read-only", before)
    elif MODE == "http":
        url = sys.argv[4]
        import mcp.client.streamable_http as h

        connect = getattr(h, "streamable_http_client", None) or getattr(h, "streamablehttp_client")
        async with connect(url) as streams:
            async with ClientSession(streams[0], streams[1]) as s:
                init = wire(await s.initialize())
                ok(init["serverInfo"]["name"] == "adr", "initialize over HTTP")
                await tools_listed(s, READ_TOOLS)
                got = await answer(s, "get_decision", {"ref": 2})
                ok(got["number"] == 2, "a tool answers over HTTP")
    print(f"all {checks} checks passed", flush=True)


asyncio.run(main())
