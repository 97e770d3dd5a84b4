//! The benchmark floor for `adr site build`: read every `*.md` file of a folder and render it
//! to HTML with pulldown-cmark, on all cores, and nothing else (no front matter, no templates,
//! no sanitising, no writing). `cargo run --release --example floor_render -- DIR`.

use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor_render DIR");
    let paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    let total: usize = paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let mut html = String::with_capacity(text.len() * 3 / 2);
            let opts = pulldown_cmark::Options::ENABLE_TABLES;
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(&text, opts),
            );
            html.len()
        })
        .sum();
    println!("{} files, {total} bytes of HTML", paths.len());
}
