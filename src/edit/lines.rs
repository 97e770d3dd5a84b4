//! A file as a list of lines that keep their own endings, so that edits to some lines give back
//! every other byte unchanged (CRLF, a missing final newline).

/// The lines of a text, each with its line ending.
#[derive(Debug, Clone)]
pub struct Lines {
    items: Vec<String>,
    eol: &'static str,
}

fn strip_eol(line: &str) -> &str {
    let l = line.strip_suffix('\n').unwrap_or(line);
    l.strip_suffix('\r').unwrap_or(l)
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        Lines {
            items: text.split_inclusive('\n').map(str::to_string).collect(),
            eol,
        }
    }

    pub fn join(&self) -> String {
        self.items.concat()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The line ending new lines get: the file's own (that of its first line).
    pub fn eol(&self) -> &'static str {
        self.eol
    }

    /// Line `i` (0-based) without its ending; empty past the end.
    pub fn content(&self, i: usize) -> &str {
        self.items.get(i).map_or("", |l| strip_eol(l))
    }

    /// Replaces the text of line `i`, keeping its ending.
    pub fn set(&mut self, i: usize, content: &str) {
        if let Some(line) = self.items.get_mut(i) {
            let ending = line[strip_eol(line).len()..].to_string();
            *line = format!("{content}{ending}");
        }
    }

    /// Inserts lines before line `i` (`i == len()` appends). Appending to a file without a final
    /// newline ends the previous last line and leaves the new last line without one, so the file
    /// still ends the way it did.
    pub fn insert(&mut self, i: usize, contents: &[String]) {
        let i = i.min(self.items.len());
        let at_end = i == self.items.len();
        let unterminated = self.items.last().is_some_and(|l| !l.ends_with('\n'));
        let mut new: Vec<String> = contents
            .iter()
            .map(|c| format!("{c}{}", self.eol))
            .collect();
        if at_end && unterminated {
            if let Some(last) = self.items.last_mut() {
                last.push_str(self.eol);
            }
            if let Some(l) = new.last_mut() {
                l.truncate(l.len() - self.eol.len());
            }
        }
        self.items.splice(i..i, new);
    }

    pub fn remove(&mut self, i: usize) {
        if i < self.items.len() {
            let removed = self.items.remove(i);
            // Removing the unterminated last line must not leave a newline it never had.
            if !removed.ends_with('\n')
                && i == self.items.len()
                && let Some(last) = self.items.last_mut()
            {
                let keep = strip_eol(last).len();
                last.truncate(keep);
            }
        }
    }

    /// In line `i`, replaces the link target `old` with `new`, and a link text starting with the
    /// old number (`[12. ` or `[0012 `) with the new number.
    pub fn retarget(&mut self, i: usize, old: &str, new: &str, numbers: (u32, u32)) {
        let content = self.content(i).to_string();
        let Some(at) = content.find(old) else {
            return;
        };
        let mut out = format!("{}{new}{}", &content[..at], &content[at + old.len()..]);
        let (from, to) = numbers;
        for (pat, rep) in [
            (format!("[{from}. "), format!("[{to}. ")),
            (format!("[{from:04}. "), format!("[{to:04}. ")),
        ] {
            if let Some(p) = out.find(&pat) {
                out.replace_range(p..p + pat.len(), &rep);
                break;
            }
        }
        self.set(i, &out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_crlf_and_missing_final_newline() {
        let mut l = Lines::new("a\r\nb");
        l.insert(2, &["c".into()]);
        assert_eq!(l.join(), "a\r\nb\r\nc");
        l.set(0, "A");
        assert_eq!(l.join(), "A\r\nb\r\nc");
        l.remove(2);
        assert_eq!(l.join(), "A\r\nb");
    }
}
