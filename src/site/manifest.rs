//! The build manifest (`.adr-site.json` in the output folder) and the hashes it holds. For each
//! file it records a hash of its bytes (so identical output is not written again) and the key of
//! the inputs it was rendered from (so a page whose inputs did not change is not even rendered).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The manifest file in the output folder; its presence marks a folder adr built.
pub const MANIFEST: &str = ".adr-site.json";

/// Bumped when the manifest's layout changes.
const VERSION: u32 = 2;

/// A stable 64-bit hash (unlike `DefaultHasher`, the same across Rust versions), fed in chunks.
/// FNV-1a over 8-byte words: change detection needs speed and spread, not cryptography.
#[derive(Debug, Clone)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes(w.try_into().unwrap_or_default());
            self.0 = (self.0 ^ v).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
        }
        for b in words.remainder() {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so `("ab", "c")` and `("a", "bc")` differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        self
    }

    /// Adds `value` ([`encode`](super::encode::encode)d), hashed in one piece: each of the
    /// many small pieces serde writes would be a separate [`add`](Self::add).
    pub fn add_value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUF.with_borrow_mut(|buf| {
            buf.clear();
            super::encode::encode(value, buf);
            self.add(buf);
            // A buffer grown by one huge record is not kept for the rest of the build.
            buf.shrink_to(1 << 16);
        });
        self
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of a file's bytes, as the manifest records it.
pub fn hash(bytes: &[u8]) -> String {
    Fingerprint::default().add(bytes).hex()
}

/// What the manifest knows about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub hash: String,
    /// Key of the inputs the file was made from; empty when unknown.
    #[serde(default)]
    pub key: String,
}

/// Every file of a built site.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub files: BTreeMap<String, FileEntry>,
}

impl Manifest {
    pub fn new(files: BTreeMap<String, FileEntry>) -> Manifest {
        Manifest {
            version: VERSION,
            files,
        }
    }

    /// Reads a manifest; one from an older adr (a map of path to hash) gives hashes without
    /// keys, so its files are rendered again but still compared and cleaned up.
    pub fn parse(text: &str) -> Manifest {
        if let Ok(m) = serde_json::from_str::<Manifest>(text) {
            return m;
        }
        let old: BTreeMap<String, String> = serde_json::from_str(text).unwrap_or_default();
        let files = old
            .into_iter()
            .map(|(path, hash)| {
                (
                    path,
                    FileEntry {
                        hash,
                        key: String::new(),
                    },
                )
            })
            .collect();
        Manifest { version: 1, files }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_separate_chunks_and_differ_by_content() {
        let ab_c = Fingerprint::default().add(b"ab").add(b"c").hex();
        let a_bc = Fingerprint::default().add(b"a").add(b"bc").hex();
        assert_ne!(ab_c, a_bc);
        assert_ne!(
            hash(b"page one, long enough"),
            hash(b"page two, long enough")
        );
        assert_eq!(hash(b"same"), hash(b"same"));
    }

    #[test]
    fn manifests_of_older_builds_are_read_without_keys() {
        let m = Manifest::parse(r#"{"index.html":"00ff"}"#);
        assert_eq!(m.files["index.html"].hash, "00ff");
        assert!(m.files["index.html"].key.is_empty());
        let m = Manifest::new(m.files);
        let again = Manifest::parse(&serde_json::to_string(&m).unwrap());
        assert_eq!(again.version, VERSION);
        assert_eq!(again.files.len(), 1);
    }
}
