// Times the site's own search script (templates/site/search.js)
// (SITE/assets/search.js) on a built site, in Node with a minimal stand-in for the page: the script's <script>-tag
// loads of the index are served from disk at once, so the figures are the script's own work
// (parsing the index shards it needs, scoring, writing up to 100 results), not the network.
//
//   node bench/search.mjs SITE_DIR [QUERY...]
//
// Prints, for each query, the time of the first search (which loads meta.js, the shards, document
// blocks and snippet texts it needs) and the median of 20 repeats, plus the bytes a visitor
// downloads for it.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { performance } from "node:perf_hooks";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "search.html"))) {
  console.error("usage: node bench/search.mjs SITE_DIR [QUERY...]  (SITE_DIR/search.html must exist)");
  process.exit(2);
}
const queries = process.argv.length > 3 ? process.argv.slice(3)
  : ["cache", "event storage", "sto", "kafka replica timeout", "zzzz"];

class Node {
  constructor(id) { this.id = id; this.children = []; this._text = ""; this.value = ""; this.listeners = {}; this.dataset = {}; }
  set textContent(v) { this._text = v; this.children = []; }
  get textContent() { return this._text; }
  appendChild(c) { this.children.push(c); if (c.src !== undefined) load(c.src); return c; }
  addEventListener(type, f) { this.listeners[type] = f; }
  setAttribute() {}
}
const byId = { sq: new Node("sq"), search: new Node("search"), results: new Node("results"), status: new Node("status") };
// Loads finish at once here, so a script's load runs inside the call that asked for it.
let fetched = 0;
function load(src) {
  const file = path.join(site, src);
  const code = fs.readFileSync(file, "utf8");
  fetched += Buffer.byteLength(code);
  vm.runInContext(code, context, { filename: file });
}
const document = {
  body: { getAttribute: () => "" },
  head: new Node("head"),
  createElement: () => { const n = new Node(""); n.src = undefined; return n; },
  createTextNode: (t) => { const n = new Node(""); n.textContent = t; return n; },
  addEventListener() {},
  getElementById: (id) => byId[id] || null,
};
const context = vm.createContext({
  document, location: { search: "", hash: "" }, history: { replaceState() {} },
  URLSearchParams, console,
});
context.window = context;
const script = path.join(site, "assets", "search.js");
vm.runInContext(fs.readFileSync(script, "utf8"), context, { filename: script });

const input = byId.sq;
function search(q) {
  input.value = q;
  const t0 = performance.now();
  input.listeners.input();
  return performance.now() - t0;
}
const rows = [];
for (const q of queries) {
  const before = fetched;
  const first = search(q);
  const bytes = fetched - before;
  const found = byId.status.textContent;
  const times = [];
  for (let i = 0; i < 20; i++) { search(""); times.push(search(q)); }
  times.sort((a, b) => a - b);
  rows.push({ q, first, median: times[10], max: times[19], bytes, found });
}
console.log("| query | first search (ms) | repeat median (ms) | repeat max (ms) | downloaded by it (KB) | result |");
console.log("|---|---:|---:|---:|---:|---|");
for (const r of rows) {
  console.log(`| \`${r.q}\` | ${r.first.toFixed(1)} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} | ${r.found} |`);
}
