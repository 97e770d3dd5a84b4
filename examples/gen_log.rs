//! Writes a synthetic decision log for benchmarks: `--count` records of 4-8 KB in one format,
//! with tables, code blocks, supersede links and custom (`Amends`) links, both directions
//! written so the log is clean under `adr check`'s link rules.
//!
//! ```sh
//! cargo run --release --example gen_log -- --count 10000 --format structured --out /tmp/log
//! ```
//!
//! `--out` becomes a repository root: `.adr.toml` plus records in `doc/adr`. The output is a
//! pure function of the arguments (a fixed-seed generator), so two runs give the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

const WORDS: &[&str] = &[
    "event", "storage", "cache", "queue", "tenant", "billing", "search", "index", "schema",
    "gateway", "token", "session", "audit", "replica", "shard", "backup", "metrics", "tracing",
    "deploy", "pipeline", "config", "secret", "feature", "flag", "api", "client", "contract",
    "retry", "timeout", "batch", "stream", "ledger", "report", "export", "import", "payment",
];
const VERBS: &[&str] = &[
    "Use",
    "Adopt",
    "Replace",
    "Keep",
    "Split",
    "Merge",
    "Drop",
    "Introduce",
    "Move",
    "Limit",
];
const TECH: &[&str] = &[
    "PostgreSQL",
    "Kafka",
    "Redis",
    "gRPC",
    "GraphQL",
    "S3",
    "SQLite",
    "NATS",
    "Envoy",
    "OpenTelemetry",
    "Terraform",
    "Kubernetes",
    "Vault",
    "ClickHouse",
    "RabbitMQ",
];
const QAS: &[(&str, &str)] = &[
    ("latency", "Performance"),
    ("durability", "Reliability"),
    ("operability", "Operability"),
    ("cost", "Cost efficiency"),
    ("security", "Security"),
    ("evolvability", "Modifiability"),
];
const FORMATS: &[&str] = &["structured", "nygard", "madr"];

/// A small fixed-seed generator (SplitMix64): no dependency, same output everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn sentence(&mut self) -> String {
        let n = 8 + self.below(10);
        let mut s = String::from("The");
        for _ in 0..n {
            s.push(' ');
            s.push_str(self.pick(WORDS));
        }
        s.push_str(" must stay ");
        s.push_str(self.pick(&["simple", "fast", "observable", "cheap", "safe"]));
        s.push('.');
        s
    }
    fn paragraph(&mut self) -> String {
        let n = 4 + self.below(5);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Args {
    count: u32,
    format: String,
    out: PathBuf,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        count: 1000,
        format: "structured".into(),
        out: PathBuf::from("bench-log"),
        seed: 7,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--count" => a.count = value.parse().map_err(|e| format!("--count: {e}"))?,
            "--format" if FORMATS.contains(&value.as_str()) => a.format = value,
            "--out" => a.out = PathBuf::from(value),
            "--seed" => a.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            _ => return Err(format!("unknown flag or value: {flag} {value}")),
        }
    }
    Ok(a)
}

/// One record's facts before it is written in a format.
struct Rec {
    number: u32,
    title: String,
    slug: String,
    date: String,
    status: &'static str,
    /// (label, reverse kind for front matter, target number)
    links: Vec<(&'static str, &'static str, u32)>,
}

impl Rec {
    fn file(&self) -> String {
        format!("{:04}-{}.md", self.number, self.slug)
    }
}

fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Who links to whom: every tenth record supersedes one seven back; every tenth plus five
/// amends one eleven back.
fn plan(count: u32, rng: &mut Rng) -> Vec<Rec> {
    let mut recs: Vec<Rec> = (1..=count)
        .map(|n| {
            let title = format!(
                "{} {} for {} {}",
                rng.pick(VERBS),
                rng.pick(TECH),
                rng.pick(WORDS),
                rng.pick(WORDS)
            );
            let day = n as usize * 3 % 3650;
            Rec {
                number: n,
                slug: slug(&title),
                title,
                date: format!(
                    "{}-{:02}-{:02}",
                    2015 + day / 365,
                    1 + day % 365 / 31 % 12,
                    1 + day % 28
                ),
                status: ["accepted", "accepted", "accepted", "proposed", "deprecated"]
                    [rng.below(5)],
                links: Vec::new(),
            }
        })
        .collect();
    for n in 1..=count {
        let i = (n - 1) as usize;
        if n > 20 && n % 10 == 0 {
            let old = n - 7;
            recs[i].links.push(("Supercedes", "supersedes", old));
            recs[i].status = "accepted";
            recs[(old - 1) as usize]
                .links
                .push(("Superceded by", "superseded-by", n));
            recs[(old - 1) as usize].status = "superseded";
        } else if n > 20 && n % 10 == 5 {
            let old = n - 11;
            recs[i].links.push(("Amends", "amends", old));
            recs[(old - 1) as usize]
                .links
                .push(("Amended by", "amended-by", n));
        }
    }
    recs
}

fn body(rec: &Rec, rng: &mut Rng, all: &[Rec]) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "## Context\n");
    for _ in 0..2 + rng.below(3) {
        let _ = writeln!(b, "{}\n", rng.paragraph());
    }
    let _ = writeln!(
        b,
        "| Option | Latency p99 | Monthly cost | Team familiarity |"
    );
    let _ = writeln!(b, "|---|---:|---:|---|");
    for _ in 0..3 + rng.below(4) {
        let _ = writeln!(
            b,
            "| {} | {} ms | {} EUR | {} |",
            rng.pick(TECH),
            5 + rng.below(400),
            100 + rng.below(9000),
            rng.pick(&["high", "medium", "low"])
        );
    }
    let _ = writeln!(b, "\n## Decision\n");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(b, "{}\n", rng.paragraph());
    }
    let _ = writeln!(
        b,
        "```yaml\n{}:\n  replicas: {}\n  timeout_ms: {}\n  endpoint: \"https://{}.internal/{}\"\n```\n",
        rng.pick(WORDS),
        1 + rng.below(9),
        100 * (1 + rng.below(50)),
        rng.pick(WORDS),
        rng.pick(WORDS)
    );
    if let Some(other) = all
        .get(rng.below(all.len()))
        .filter(|o| o.number != rec.number)
    {
        let _ = writeln!(
            b,
            "This builds on [{}. {}]({}) and the [runbook](https://runbooks.example.com/{}).\n",
            other.number,
            other.title,
            other.file(),
            rng.pick(WORDS)
        );
    }
    let _ = writeln!(b, "## Consequences\n");
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(b, "* {}", rng.sentence());
    }
    let _ = writeln!(b, "\n{}\n", rng.paragraph());
    let _ = writeln!(
        b,
        "```rust\nfn {}_{}(input: &str) -> Result<u64, Error> {{\n    let n = input.parse()?;\n    Ok(n * {})\n}}\n```\n\n{}",
        rng.pick(WORDS),
        rng.pick(WORDS),
        1 + rng.below(1000),
        rng.paragraph()
    );
    b
}

fn structured_front(rec: &Rec, rng: &mut Rng, all: &[Rec], madr: bool) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(f, "status: {}\ndate: {}", rec.status, rec.date);
    let people = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi"];
    let who = |rng: &mut Rng| format!("[{}, {}]", rng.pick(&people), rng.pick(&people));
    if madr {
        let _ = writeln!(
            f,
            "decision-makers: {}\nconsulted: {}\ninformed: [everyone]",
            who(rng),
            who(rng)
        );
    } else {
        let _ = writeln!(
            f,
            "deciders: {}\ntags: [{}, {}]",
            who(rng),
            rng.pick(WORDS),
            rng.pick(WORDS)
        );
        let _ = writeln!(f, "scope: [\"src/{}/**\"]", rng.pick(WORDS));
        let _ = writeln!(f, "constraints:");
        for _ in 0..2 + rng.below(2) {
            let _ = writeln!(f, "  - {}", rng.sentence());
        }
        let _ = writeln!(f, "quality_attributes:");
        let first = rng.below(QAS.len());
        let qas: Vec<_> = (0..2).map(|k| QAS[(first + k) % QAS.len()]).collect();
        for (id, name) in &qas {
            let _ = writeln!(
                f,
                "  - id: {id}\n    attribute: {name}\n    priority: {}\n    scenario:\n      \
                 source: {} service\n      stimulus: {} requests per second\n      \
                 environment: normal operation\n      response: answers from {}\n      \
                 response_measure: p99 under {} ms",
                rng.pick(&["high", "medium", "low"]),
                rng.pick(WORDS),
                100 * (1 + rng.below(90)),
                rng.pick(WORDS),
                10 + rng.below(500)
            );
        }
        let _ = writeln!(f, "options:");
        for k in 0..2 + rng.below(2) {
            let _ = writeln!(
                f,
                "  - name: {}\n    summary: {}\n    chosen: {}\n    tradeoffs:",
                rng.pick(TECH),
                rng.sentence(),
                k == 0
            );
            for (id, _) in &qas {
                let _ = writeln!(
                    f,
                    "      {id}: \"{} {} {}\"",
                    rng.pick(&["++", "+", "0", "-", "--"]),
                    rng.pick(WORDS),
                    rng.pick(WORDS)
                );
            }
        }
    }
    if rec.links.is_empty() {
        f.push_str("links: []\n");
    } else {
        f.push_str("links:\n");
        for (_, kind, target) in &rec.links {
            let _ = writeln!(
                f,
                "  - type: {kind}\n    target: {}",
                all[(*target - 1) as usize].file()
            );
        }
    }
    f.push_str("---\n\n");
    f
}

fn nygard_head(rec: &Rec, all: &[Rec]) -> String {
    let mut h = format!(
        "# {}. {}\n\nDate: {}\n\n## Status\n\n",
        rec.number, rec.title, rec.date
    );
    if rec.status != "superseded" {
        let mut s = rec.status.to_string();
        s[..1].make_ascii_uppercase();
        let _ = writeln!(h, "{s}\n");
    }
    for (label, _, target) in &rec.links {
        let t = &all[(*target - 1) as usize];
        let _ = writeln!(h, "{label} [{}. {}]({})\n", t.number, t.title, t.file());
    }
    h
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "gen_log: {e}\nusage: gen_log --count N --format structured|nygard|madr --out DIR [--seed S]"
            );
            std::process::exit(2);
        }
    };
    let dir = a.out.join("doc/adr");
    // Scope globs name `src/<word>/**`; give each one a file so `check` finds them governed.
    for w in WORDS {
        let src = a.out.join("src").join(w);
        std::fs::create_dir_all(&src).expect("create src folder");
        std::fs::write(src.join("mod.rs"), "").expect("write src file");
    }
    std::fs::create_dir_all(&dir).expect("create output folder");
    std::fs::write(
        a.out.join(".adr.toml"),
        format!("dir = \"doc/adr\"\nformat = \"{}\"\n", a.format),
    )
    .expect("write .adr.toml");
    let mut rng = Rng(a.seed);
    let recs = plan(a.count, &mut rng);
    let mut bytes = 0usize;
    for rec in &recs {
        let text = match a.format.as_str() {
            "nygard" => nygard_head(rec, &recs) + &body(rec, &mut rng, &recs),
            f => {
                structured_front(rec, &mut rng, &recs, f == "madr")
                    + &format!("# {}\n\n", rec.title)
                    + &body(rec, &mut rng, &recs)
            }
        };
        bytes += text.len();
        std::fs::write(dir.join(rec.file()), text).expect("write record");
    }
    eprintln!(
        "wrote {} {} records ({} KB on average) to {}",
        a.count,
        a.format,
        bytes / a.count.max(1) as usize / 1024,
        dir.display()
    );
}
