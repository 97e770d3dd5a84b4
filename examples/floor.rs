//! The benchmark's floor: read every `*.md` file of a folder and render it with pulldown-cmark,
//! nothing else. `cargo run --release --example floor -- DIR`.

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor DIR");
    let mut total = 0usize;
    for e in std::fs::read_dir(&dir).expect("read dir").flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
        total += html.len();
    }
    println!("{total} bytes of HTML");
}
