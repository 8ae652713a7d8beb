//! Matching keys for unit names: the crate's [`name_key`] (diacritics kept;
//! case, NFC/NFD, spacing and tone placement ignored) or [`fold_key`]
//! (diacritics dropped too), cut into words at any punctuation, with numbers
//! written without leading zeros and a leading type word («Xã», «P.»,
//! «TT», «Quận», «TP.») recognised so that «Phường 01», «P.1» and «P1» all
//! give the type Phường and the name «1».

use crate::text::{fold_key, name_key};
use std::collections::HashMap;

/// How strictly a name was compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// [`name_key`]: diacritics must agree.
    Normalized,
    /// [`fold_key`]: diacritics ignored.
    Folded,
}

/// The words of `s` at `level`: punctuation separates words, numbers lose
/// leading zeros, and an abbreviation glued to a number («P1», «Q.10» gives
/// «q» «10» already) is cut from it when `glued` lists it.
pub(crate) fn words(s: &str, level: Level, glued: &[&str]) -> Vec<String> {
    let base = match level {
        Level::Normalized => name_key(s),
        Level::Folded => fold_key(s),
    };
    let mut out = Vec::new();
    for w in base.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let digits_at = w.find(|c: char| c.is_ascii_digit());
        match digits_at {
            Some(0) if w.bytes().all(|b| b.is_ascii_digit()) => out.push(number(w)),
            Some(at)
                if at > 0
                    && w[at..].bytes().all(|b| b.is_ascii_digit())
                    && glued.contains(&w[..at].to_ascii_lowercase().as_str()) =>
            {
                out.push(w[..at].to_string());
                out.push(number(&w[at..]));
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

fn number(digits: &str) -> String {
    let t = digits.trim_start_matches('0');
    if t.is_empty() { "0" } else { t }.to_string()
}

/// Type words that may open a name, each as its folded words, with what it
/// means; longest first where one is the start of another.
pub(crate) type Prefixes<T> = [(&'static [&'static str], T)];

/// The ways to read a name: with its leading type word taken off (when it
/// has one and something follows), and whole.
pub(crate) struct Query<T> {
    /// The input, trimmed, as written (an NFD spelling is not exact).
    pub exact: String,
    pub normalized: Vec<(Option<T>, String)>,
    pub folded: Vec<(Option<T>, String)>,
}

impl<T: Copy> Query<T> {
    pub(crate) fn new(s: &str, prefixes: &Prefixes<T>, glued: &[&str]) -> Self {
        let read = |level| {
            let w = words(s, level, glued);
            let mut ways = Vec::new();
            if let Some((kind, n)) = prefix(&w, prefixes) {
                ways.push((Some(kind), w[n..].join(" ")));
            }
            if !w.is_empty() {
                ways.push((None, w.join(" ")));
            }
            ways
        };
        Query {
            exact: s.trim().to_string(),
            normalized: read(Level::Normalized),
            folded: read(Level::Folded),
        }
    }

    pub(crate) fn ways(&self, level: Level) -> &[(Option<T>, String)] {
        match level {
            Level::Normalized => &self.normalized,
            Level::Folded => &self.folded,
        }
    }
}

/// The type word opening `words` and how many words it takes, when at least
/// one word follows it.
fn prefix<T: Copy>(words: &[String], prefixes: &Prefixes<T>) -> Option<(T, usize)> {
    prefixes.iter().find_map(|(p, kind)| {
        let fits = words.len() > p.len()
            && p.iter()
                .zip(words)
                .all(|(want, got)| fold_key(got) == *want);
        fits.then_some((*kind, p.len()))
    })
}

/// Names (without their type word) by key at both levels.
#[derive(Default)]
pub(crate) struct Index {
    normalized: HashMap<String, Vec<u32>>,
    folded: HashMap<String, Vec<u32>>,
}

impl Index {
    pub(crate) fn add(&mut self, name: &str, id: u32, glued: &[&str]) {
        for (level, map) in [
            (Level::Normalized, &mut self.normalized),
            (Level::Folded, &mut self.folded),
        ] {
            let ids = map.entry(words(name, level, glued).join(" ")).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }

    pub(crate) fn get(&self, level: Level, key: &str) -> &[u32] {
        let map = match level {
            Level::Normalized => &self.normalized,
            Level::Folded => &self.folded,
        };
        map.get(key).map_or(&[], Vec::as_slice)
    }
}

/// How a unit matched, strictest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// The text is the official name, character for character (after
    /// trimming), type word included: «Phường Cái Khế».
    Exact,
    /// The same letters and diacritics: case, spacing, punctuation, NFD vs
    /// NFC, tone placement («Hòa»/«Hoà»), numbers («Phường 01»/«P.1») and the
    /// type word («Xã», «xa», «X.», «P.», «TT», none) may differ.
    Normalized,
    /// As [`How::Normalized`] with the diacritics dropped too («Cai Khe»):
    /// distinct official names can fold together, so this level is more
    /// often ambiguous.
    Folded,
}

/// One unit found: its id and whether the type word written disagrees
/// with the unit's own («Xã» written for a Phường).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub id: u32,
    pub kind_differs: bool,
}

/// The units `query` names at the strictest level that finds any in scope.
/// Where the type word written agrees with some of them, only those are
/// kept; otherwise all are kept and flagged.
pub(crate) fn search<T: Copy + PartialEq>(
    index: &Index,
    query: &Query<T>,
    full_name: impl Fn(u32) -> String,
    kind: impl Fn(u32) -> T,
    in_scope: impl Fn(u32) -> bool,
) -> Option<(How, Vec<Found>)> {
    let gather = |level: Level| {
        let mut found: Vec<Found> = Vec::new();
        for (written, key) in query.ways(level) {
            for &id in index.get(level, key) {
                if !in_scope(id) {
                    continue;
                }
                let kind_differs = written.is_some_and(|w| w != kind(id));
                match found.iter_mut().find(|f| f.id == id) {
                    Some(f) => f.kind_differs &= kind_differs,
                    None => found.push(Found { id, kind_differs }),
                }
            }
        }
        found
    };
    let normalized = gather(Level::Normalized);
    let exact: Vec<Found> = normalized
        .iter()
        .filter(|f| full_name(f.id) == query.exact)
        .map(|f| Found {
            id: f.id,
            kind_differs: false,
        })
        .collect();
    if !exact.is_empty() {
        return Some((How::Exact, exact));
    }
    for (how, mut found) in [
        (How::Normalized, normalized),
        (How::Folded, gather(Level::Folded)),
    ] {
        if found.is_empty() {
            continue;
        }
        if found.iter().any(|f| !f.kind_differs) {
            found.retain(|f| !f.kind_differs);
        }
        found.sort_by_key(|f| f.id);
        return Some((how, found));
    }
    None
}
