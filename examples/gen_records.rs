//! Writes N synthetic structured records (with links, tags, quality attributes, options) into
//! a folder, for the site benchmark: `cargo run --release --example gen_records -- DIR N`.

use std::fmt::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: gen_records DIR N"));
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: gen_records DIR N");
    std::fs::create_dir_all(&dir).expect("create dir");
    let words = [
        "cache", "queue", "latency", "schema", "replica", "token", "gateway", "budget", "audit",
        "tenant", "index", "shard",
    ];
    let statuses = [
        "accepted",
        "proposed",
        "superseded",
        "deprecated",
        "rejected",
    ];
    for i in 1..=n {
        let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
        let status = statuses[i % statuses.len()];
        let mut t = String::new();
        let _ = writeln!(
            t,
            "---\nstatus: {status}\ndate: {}-{:02}-{:02}",
            2015 + i % 10,
            1 + i % 12,
            1 + i % 28
        );
        let _ = writeln!(
            t,
            "deciders: [Person {}, Person {}]\ntags: [{}, {}]",
            i % 17,
            i % 5,
            w(1),
            w(2)
        );
        let _ = writeln!(
            t,
            "quality_attributes:\n  - id: perf\n    attribute: Performance\n    priority: high\n    scenario:\n      stimulus: \"{} requests\"\n      response: \"served\"\n      response_measure: \"p99 < {} ms\"",
            i * 10,
            100 + i % 400
        );
        let _ = writeln!(
            t,
            "options:\n  - name: Use {}\n    chosen: true\n    tradeoffs:\n      perf: \"+ faster\"\n  - name: Use {}\n    tradeoffs:\n      perf: \"- slower\"",
            w(3),
            w(4)
        );
        if i > 1 && status == "superseded" {
            let _ = writeln!(t, "superseded_by: [\"{}\"]", (i + 1).min(n));
        }
        if i > 3 {
            let _ = writeln!(
                t,
                "links:\n  - type: relates to\n    target: \"{:04}\"",
                i - 3
            );
        }
        let _ = writeln!(t, "---\n\n# Use {} for {} {i}\n\n## Context\n", w(5), w(6));
        for p in 0..6 {
            let _ = writeln!(
                t,
                "The {} service needs a {} because the {} grows; paragraph {p} of record {i} \
                explains *why* with `code` and a [link](https://example.com/{i}).\n",
                w(p),
                w(p + 1),
                w(p + 2)
            );
        }
        let _ = writeln!(
            t,
            "## Decision\n\nWe use {} (see [the earlier record]({:04}-x.md)).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Consequences\n\n- easier {}\n- harder {}",
            w(7),
            i.saturating_sub(1).max(1),
            w(8),
            w(9)
        );
        std::fs::write(dir.join(format!("{i:04}-record-{i}.md")), t).expect("write");
    }
}
