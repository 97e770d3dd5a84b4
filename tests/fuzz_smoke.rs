//! A few seconds of what `fuzz/` does for hours: seed inputs (built-in cases, plus records of the
//! shared corpus when present) and a few thousand mutations of them go through the same checks
//! as the fuzz targets (`adr::fuzz_targets`), so a regression shows up in `cargo test`.

mod common;

use adr::fuzz_targets;

/// Inputs that once broke something, or that are built to: keep them.
const SEEDS: &[&str] = &[
    "",
    "---\n",
    "---\n---\n",
    "---\nstatus: [\n---\n# T\n",
    "---\na: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n---\n# Bomb\n",
    "# 1. Use C#\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n",
    "# Title\r\n\r\n## Status\r\n\r\nProposed\r\n",
    "---\nstatus: accepted\nlinks:\n  - {type: amends, target: 0001-x.md}\n---\n# X\n",
    "---\nstatus: accepted\nlinks: []\nstatus_history:\n---\n\n# Y\n",
    "Status: accepted\n\n# Z\n",
    "<script>alert(1)</script><img src=x onerror=alert(2)>[a](javascript:alert(3))",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a> <a href=\" javascript:alert(1)\">y</a>",
    "[x](<javascript:alert(1)>) ![y](data:text/html;base64,PHNjcmlwdD4=)",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"#a\"><rect id=\"a\"/></a></svg>",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p/></svg>",
    "```\n<script>\n```\n<details open ontoggle=alert(1)>",
    "---\nstatus: accepted\ndeciders: [Ana, 'B''s']\nconstraints:\n- One: two\nquality_attributes:\n  - id: x\n    scenario:\n      stimulus: \"a \\\"b\\\"\" # c\noptions:\n  - name: N\n    tradeoffs:\n      x: \"-- y\"\n---\n# T\n",
    // Found by fuzzing: a status written under a `# Status` title was never read back.
    "# 44. New Platform Name\nDate: 2026-03-26\n# Status\n\u{2705} Accepted\n## Context\n",
];

/// Tokens that make mutations interesting for these parsers.
const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    "\r\n",
    "# ",
    "## Status\n",
    "status: ",
    "links:\n  - ",
    "&a ",
    ": ",
    " #",
    "\n  - ",
    "\n    ",
    "'",
    "*a",
    "[",
    "]",
    "{",
    "}",
    "<script>",
    " onload=",
    "javascript:",
    "<svg xmlns=\"http://www.w3.org/2000/svg\">",
    "</svg>",
    "<s:script xmlns:s=\"http://www.w3.org/2000/svg\">",
    " xlink:href=\"",
    "<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"x\">]>",
    "<set attributeName=\"href\" to=\"",
    "&#x61;",
    "<![CDATA[",
    "](",
    "<a href=\"",
    "\"",
    "`",
    "|",
    "\0",
    "\u{feff}",
    "é",
    "使",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(4) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.bytes());
            }
            _ => {
                let (a, b) = (rng.below(v.len() + 1), rng.below(v.len() + 1));
                let (a, b) = (a.min(b), a.max(b));
                let chunk = v[a..b].to_vec();
                v.splice(at.min(v.len())..at.min(v.len()), chunk);
            }
        }
    }
    v.truncate(16 * 1024);
    v
}

fn corpus_seeds(limit: usize) -> Vec<Vec<u8>> {
    let Some(root) = common::corpus() else {
        return Vec::new();
    };
    let mut paths: Vec<_> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    // An even spread over every repository of the corpus, not the first few hundred files.
    let step = (paths.len() / limit).max(1);
    paths = paths.into_iter().step_by(step).collect();
    paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|mut b| {
            b.truncate(16 * 1024);
            b
        })
        .collect()
}

fn run_all(check: fn(&[u8]), seeds: &[Vec<u8>], mutations: usize) {
    for s in seeds {
        check(s);
    }
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..mutations {
        let base = &seeds[rng.below(seeds.len())];
        check(&mutate(&mut rng, base));
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let mut s: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.as_bytes().to_vec()).collect();
    s.extend(svg_seeds());
    s.extend(corpus_seeds(150));
    s
}

/// The SVG fixtures, hostile and not: `fuzz/run.sh` seeds the Markdown target with them too.
fn svg_seeds() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/svg");
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

#[test]
fn parsing_survives_seeds_and_mutations() {
    run_all(fuzz_targets::parse, &seeds(), 3000);
}

#[test]
fn edits_leave_files_that_parse_to_the_asked_record() {
    run_all(fuzz_targets::edit, &seeds(), 2000);
}

#[test]
fn rendered_markdown_never_runs_script() {
    run_all(fuzz_targets::markdown, &seeds(), 1500);
}

#[test]
fn the_script_detector_sees_what_a_browser_would_run() {
    let bad = [
        "<script>x</script>",
        "<a href=\"javascript:x\">a</a>",
        "<a href=\"JavaScript&colon;x\">a</a>",
        "<img src=x onerror=y>",
        "<div title=a onclick=\"y\">",
    ];
    for b in bad {
        assert!(fuzz_targets::executable(b).is_some(), "{b}");
    }
    let fine = [
        "<p>javascript: is a word; onclick= too</p>",
        "<a href=\"https://e.com/javascript:x\">a</a>",
        "<code>&lt;script&gt;</code>",
        "<a title=\"x onclick=y\" href=\"#a\">b</a>",
    ];
    for f in fine {
        assert_eq!(fuzz_targets::executable(f), None, "{f}");
    }
}

#[test]
fn the_svg_detector_sees_what_an_svg_could_run() {
    for bad in [
        "<svg><s:SCRIPT>x</s:SCRIPT></svg>",
        "<svg><a xlink:href=\"jav&#x61;script:x\"/></svg>",
        "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>",
        "<svg onLoad='x'/>",
        "<svg><set attributeName=\"xlink:href\" to=\"x\"/></svg>",
        "<?xml-stylesheet href=\"x\"?><svg/>",
        "<svg Bxmlns=\"http://www.w3.org/2000/svg\"><text>on load</text></svg>",
        "<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>",
    ] {
        assert!(fuzz_targets::svg_runs(bad).is_some(), "{bad}");
    }
    for fine in [
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><!-- <script> -->\
         <![CDATA[<script>]]><use href=\"#a\"/></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>onload=x javascript:</text>\
         <image href=\"data:image/png;base64,x\"/></svg>",
        "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"/>",
    ] {
        assert_eq!(fuzz_targets::svg_runs(fine), None, "{fine}");
    }
    // Every drawing fixture is accepted and every hostile one refused, by both readings.
    for seed in svg_seeds() {
        let text = String::from_utf8_lossy(&seed);
        let accepted = adr::site::svg::check(&seed).is_ok();
        assert_eq!(accepted, fuzz_targets::svg_runs(&text).is_none(), "{text}");
    }
}

/// `ADR_FUZZ_REPLAY=DIR cargo test --test fuzz_smoke replay -- --nocapture` runs every file of
/// DIR (a fuzzer's crash artifacts) through every target and lists the ones that still fail.
#[test]
fn replay_fuzz_artifacts_when_asked() {
    let Some(dir) = std::env::var_os("ADR_FUZZ_REPLAY") else {
        return;
    };
    let mut failing = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let data = std::fs::read(e.path()).unwrap();
        for (name, check) in [
            ("parse", fuzz_targets::parse as fn(&[u8])),
            ("edit", fuzz_targets::edit),
            ("markdown", fuzz_targets::markdown),
        ] {
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failing.push(format!("{name}: {}", e.path().display()));
            }
        }
    }
    assert!(failing.is_empty(), "still failing:\n{}", failing.join("\n"));
}
