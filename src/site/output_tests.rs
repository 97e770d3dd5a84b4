use super::*;

fn write_all(out: &Path, files: &[(&str, &str)]) -> Result<WriteStats, Error> {
    let w = Writer::open(out)?;
    for (rel, text) in files {
        w.put(rel, "", text.as_bytes())?;
    }
    w.commit()
}

#[test]
fn paths_that_climb_out_are_refused() {
    for bad in ["../x.html", "/etc/x", "a/../../b", "", "a\\..\\b", "./a"] {
        assert!(check_path(bad).is_err(), "{bad}");
    }
    assert!(check_path("r/p/0001-x.html").is_ok());
}

#[test]
fn a_folder_adr_did_not_build_is_never_replaced() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("precious.txt"), "x").unwrap();
    assert!(write_all(d.path(), &[("index.html", "hi")]).is_err());
    assert!(d.path().join("precious.txt").exists());
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    assert_eq!(
        write_all(&out, &[("a.html", "a"), ("b.html", "b")])
            .unwrap()
            .written,
        2
    );
    let s = write_all(&out, &[("a.html", "a"), ("b.html", "B")]).unwrap();
    assert_eq!((s.written, s.unchanged), (1, 1));
    assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"B");
    let leftovers = std::fs::read_dir(d.path()).unwrap().count();
    assert_eq!(leftovers, 1, "staging and old folders are cleaned up");
}

#[test]
fn files_the_new_site_lacks_are_removed_with_their_empty_folders() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    write_all(&out, &[("a.html", "a"), ("r/p/x.html", "x")]).unwrap();
    write_all(&out, &[("a.html", "a")]).unwrap();
    assert!(!out.join("r").exists());
    assert!(out.join("a.html").is_file());
}

#[test]
fn a_file_whose_key_matches_is_kept_without_its_bytes() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    let w = Writer::open(&out).unwrap();
    w.put("p.html", "k1", b"page").unwrap();
    w.commit().unwrap();
    let w = Writer::open(&out).unwrap();
    assert!(!w.reuse("p.html", "k2"));
    assert!(w.reuse("p.html", "k1"));
    let s = w.commit().unwrap();
    assert_eq!((s.written, s.reused), (0, 1));
    assert_eq!(std::fs::read(out.join("p.html")).unwrap(), b"page");
}

#[test]
fn a_failed_build_leaves_nothing_behind() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    write_all(&out, &[("a.html", "a")]).unwrap();
    let w = Writer::open(&out).unwrap();
    w.put("a.html", "", b"changed").unwrap();
    drop(w);
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"a");
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_files_adr_did_not_write() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    write_all(
        &out,
        &[("a.html", "a"), ("r/p/x.html", "x"), ("gone.html", "g")],
    )
    .unwrap();
    std::fs::write(out.join("CNAME"), "example.org").unwrap();
    let ino = |p: &str| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(out.join(p)).unwrap().ino()
    };
    let kept = ino("r/p/x.html");
    let s = write_all(&out, &[("a.html", "A"), ("r/p/x.html", "x")]).unwrap();
    assert_eq!((s.written, s.unchanged), (1, 1));
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"A");
    assert_eq!(
        ino("r/p/x.html"),
        kept,
        "an unchanged file is the same file"
    );
    assert_eq!(std::fs::read(out.join("CNAME")).unwrap(), b"example.org");
    assert!(!out.join("gone.html").exists());
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        1,
        "nothing left over"
    );
}
