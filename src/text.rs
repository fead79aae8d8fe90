//! Text matching shared by the SLA extractor and the transcript reader: width- and
//! case-insensitive multi-phrase search with one automaton per phrase list.

use aho_corasick::{AhoCorasick, MatchKind};

/// Folds full-width ASCII forms to half-width, the ideographic space to a space, and
/// lower-cases, so that `ＡＰＩ` and `api` compare equal. Chinese text is kept as given.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// `s` itself when [`normalize`] would give it back unchanged (text already normalized, as
/// the extractor's is), else its normalized copy.
pub fn normalized(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match kept_run(b, i) {
            0 => return std::borrow::Cow::Owned(normalize(s)),
            n => i += n,
        }
    }
    std::borrow::Cow::Borrowed(s)
}

/// The length of the character at `b[i]` when normalizing keeps it as it is (lower-case
/// ASCII, CJK ideographs and punctuation), else 0.
fn kept_run(b: &[u8], i: usize) -> usize {
    let c = b[i];
    match c {
        b'A'..=b'Z' => 0,
        0..=0x7F => 1,
        // U+3000..U+9FFF, three bytes; U+3000 itself (the ideographic space) is folded.
        0xE3..=0xE9 if !(c == 0xE3 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80)) => 3,
        _ => 0,
    }
}

/// As [`normalize`], appending to `out` (one buffer for many texts).
pub fn normalize_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let b = s.as_bytes();
    // Runs of text that stay as they are (lower-case ASCII, CJK ideographs and punctuation)
    // are copied whole; only the rest goes through the per-character rules.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let keep = kept_run(b, i);
        if keep > 0 {
            i += keep;
            continue;
        }
        out.push_str(&s[run..i]);
        let ch = s[i..].chars().next().expect("on a character boundary");
        fold_char(ch, out);
        i += ch.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    // CJK ideographs and punctuation have no case: skip the case tables for them.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// A set of phrase groups (say, the synonyms of each concept) searched in one pass.
/// Phrases made of ASCII letters only match at word boundaries, so `abr` does not match
/// inside `abroad`.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the group it belongs to.
    group_of: Vec<usize>,
    /// Whether the pattern must start / end at a word boundary (it starts / ends with a letter or digit).
    word_bounded: Vec<(bool, bool)>,
    groups: usize,
}

impl PhraseMatcher {
    pub fn new<S: AsRef<str>>(groups: &[Vec<S>]) -> Self {
        let mut patterns = Vec::new();
        let mut group_of = Vec::new();
        let mut word_bounded = Vec::new();
        for (g, phrases) in groups.iter().enumerate() {
            for p in phrases {
                let n = normalize(p.as_ref());
                if n.trim().is_empty() {
                    continue;
                }
                word_bounded.push(word_bounds(&n));
                patterns.push(n);
                group_of.push(g);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .expect("phrase automaton"),
            )
        };
        PhraseMatcher {
            automaton,
            group_of,
            word_bounded,
            groups: groups.len(),
        }
    }

    /// A matcher with a single group.
    pub fn single<S: AsRef<str>>(phrases: &[S]) -> Self {
        let v: Vec<&str> = phrases.iter().map(|s| s.as_ref()).collect();
        PhraseMatcher::new(&[v])
    }

    /// Which groups occur in `text` (sorted, each once), with the phrase that matched first.
    pub fn find_groups(&self, text: &str) -> Vec<(usize, String)> {
        let norm = normalize(text);
        self.find_groups_normalized(&norm)
    }

    /// As `find_groups`, for text already passed through [`normalize`].
    pub fn find_groups_normalized(&self, norm: &str) -> Vec<(usize, String)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<Option<String>> = vec![None; self.groups];
        for m in ac.find_iter(norm) {
            let pid = m.pattern().as_usize();
            if !at_word_boundaries(norm, m.start(), m.end(), self.word_bounded[pid]) {
                continue;
            }
            let g = self.group_of[pid];
            if found[g].is_none() {
                found[g] = Some(norm[m.start()..m.end()].to_string());
            }
        }
        found
            .into_iter()
            .enumerate()
            .filter_map(|(g, p)| p.map(|p| (g, p)))
            .collect()
    }

    /// Whether any phrase occurs in `text` (normalized here unless it already is).
    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_normalized(&normalized(text))
    }

    /// As [`is_match`](Self::is_match), for text already passed through [`normalize`] (the
    /// SLA extractor's, every clause of which is asked; checked in debug builds).
    pub fn is_match_normalized(&self, norm: &str) -> bool {
        debug_assert!(normalized(norm) == norm, "not normalized: {norm:?}");
        let Some(ac) = &self.automaton else {
            return false;
        };
        ac.find_iter(norm).any(|m| {
            at_word_boundaries(
                norm,
                m.start(),
                m.end(),
                self.word_bounded[m.pattern().as_usize()],
            )
        })
    }
}

/// Several phrase lists (each a list of groups of phrases) in one automaton, so that a text
/// is scanned once whatever the number of lists: the rubric's probe questions, concepts,
/// transfer, stall and refusal phrases.
#[derive(Clone)]
pub struct PhraseSet {
    automaton: Option<Searcher>,
    /// For each distinct pattern, its memberships `members[first[p]..first[p + 1]]`.
    first: Vec<usize>,
    members: Vec<(u32, u32)>,
    word_bounded: Vec<(bool, bool)>,
}

/// The automaton of a [`PhraseSet`].
#[derive(Clone)]
enum Searcher {
    /// A double-array automaton (daachorse): on the mixed Chinese and English text of probe
    /// conversations its overlapping search runs at about 1.8x the speed of aho-corasick's
    /// DFA (665 vs 353 MB/s per core, message by message, on the benchmark archive).
    DoubleArray(daachorse::DoubleArrayAhoCorasick<u32>),
    /// aho-corasick, for a set of phrases beyond the double array's size limits.
    General(AhoCorasick),
}

impl std::fmt::Debug for PhraseSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseSet")
            .field("patterns", &self.word_bounded.len())
            .field("memberships", &self.members.len())
            .finish()
    }
}

/// One occurrence of a phrase of a [`PhraseSet`]: which list and group it belongs to, and
/// where it is in the (normalized) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub list: u32,
    pub group: u32,
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    /// `lists[l][g]` are the phrases of group `g` of list `l`.
    pub fn new<S: AsRef<str>>(lists: &[Vec<Vec<S>>]) -> Self {
        Self::build(lists, true)
    }

    /// As [`new`](Self::new); `double_array: false` builds the general automaton whatever the
    /// size (the two must find the same hits).
    fn build<S: AsRef<str>>(lists: &[Vec<Vec<S>>], double_array: bool) -> Self {
        let mut index: rustc_hash::FxHashMap<String, Vec<(u32, u32)>> = Default::default();
        let mut order: Vec<String> = Vec::new();
        for (l, groups) in lists.iter().enumerate() {
            for (g, phrases) in groups.iter().enumerate() {
                for p in phrases {
                    let n = normalize(p.as_ref());
                    if n.trim().is_empty() {
                        continue;
                    }
                    let m = index.entry(n.clone()).or_insert_with(|| {
                        order.push(n);
                        Vec::new()
                    });
                    if !m.contains(&(l as u32, g as u32)) {
                        m.push((l as u32, g as u32));
                    }
                }
            }
        }
        let mut first = vec![0];
        let mut members = Vec::new();
        let mut word_bounded = Vec::new();
        for n in &order {
            members.extend(&index[n]);
            first.push(members.len());
            word_bounded.push(word_bounds(n));
        }
        // The patterns are distinct and not empty: the double array fails only past its size
        // limits (millions of states), and then the general automaton takes over.
        let automaton = (!order.is_empty()).then(|| {
            match double_array.then(|| daachorse::DoubleArrayAhoCorasick::new(&order)) {
                Some(Ok(da)) => Searcher::DoubleArray(da),
                _ => Searcher::General(
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(&order)
                        .expect("phrase automaton within aho-corasick's limits"),
                ),
            }
        });
        PhraseSet {
            automaton,
            first,
            members,
            word_bounded,
        }
    }

    /// Appends every occurrence (overlapping ones too) of every phrase in `norm` (text passed
    /// through [`normalize`]) that stands at word boundaries, once per list and group it
    /// belongs to, in order of their end.
    pub fn scan(&self, norm: &str, out: &mut Vec<PhraseHit>) {
        match &self.automaton {
            None => {}
            Some(Searcher::DoubleArray(da)) => {
                for m in da.find_overlapping_iter(norm) {
                    self.hit(norm, m.value() as usize, m.start(), m.end(), out);
                }
            }
            Some(Searcher::General(ac)) => {
                for m in ac.find_overlapping_iter(norm) {
                    self.hit(norm, m.pattern().as_usize(), m.start(), m.end(), out);
                }
            }
        }
    }

    /// Pattern `pid` found at `start..end`: a hit for each list and group it belongs to, if it
    /// stands at word boundaries.
    fn hit(&self, norm: &str, pid: usize, start: usize, end: usize, out: &mut Vec<PhraseHit>) {
        if !at_word_boundaries(norm, start, end, self.word_bounded[pid]) {
            return;
        }
        for &(list, group) in &self.members[self.first[pid]..self.first[pid + 1]] {
            out.push(PhraseHit {
                list,
                group,
                start,
                end,
            });
        }
    }
}

/// The groups a run of hits of one list names, reading it as the leftmost-longest search
/// does: at each place the longest phrase wins and the phrases inside it do not count.
/// Sorted, each group once.
pub fn leftmost_longest_groups<'a>(hits: impl Iterator<Item = &'a PhraseHit>) -> Vec<usize> {
    let mut v: Vec<&PhraseHit> = hits.collect();
    v.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.group));
    let mut groups = Vec::new();
    let mut taken_to = 0;
    let mut taken_at: Option<(usize, usize)> = None;
    for h in v {
        // A phrase of several groups counts for each of them.
        let same_as_taken = taken_at == Some((h.start, h.end));
        if h.start < taken_to && !same_as_taken {
            continue;
        }
        taken_to = h.end;
        taken_at = Some((h.start, h.end));
        groups.push(h.group as usize);
    }
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// Whether a phrase must start / end at a word boundary: it starts / ends with a letter or
/// digit.
fn word_bounds(phrase: &str) -> (bool, bool) {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    (word(phrase.chars().next()), word(phrase.chars().last()))
}

fn at_word_boundaries(s: &str, start: usize, end: usize, (check_start, check_end): (bool, bool)) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let before_ok = !check_start || !s[..start].chars().next_back().is_some_and(is_word);
    // An English plural of a word of five letters or more still matches: "weak network" in
    // "weak networks", "webhook" in "webhooks" (not "api" in "apis", an abbreviation).
    let last_word = s[start..end]
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let mut rest = s[end..].chars();
    let after_ok = !check_end
        || match rest.next() {
            None => true,
            Some('s') if last_word.len() >= 5 => !rest.next().is_some_and(is_word),
            Some(c) => !is_word(c),
        };
    before_ok && after_ok
}

/// Share of CJK ideographs among the letters of `s`: a cheap language signal.
pub fn cjk_share(s: &str) -> f64 {
    let mut cjk = 0usize;
    let mut letters = 0usize;
    for c in s.chars() {
        if is_cjk(c) {
            cjk += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        cjk as f64 / letters as f64
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: every character through the per-character rules.
    fn normalize_slowly(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            fold_char(c, &mut out);
        }
        out
    }

    #[test]
    fn normalizes_full_width_and_case() {
        for s in [
            "ＡＰＩ　Ｄｏｃｓ",
            "码率自适应ABR，抗丢包　ＦＥＣ！",
            "ÉCOLE Straße ＡＢＣ，测试",
            "「引用」『x』“y” ㄅ㐀 龥 ꀀ 가 😀 Ω",
            "",
            "A",
            "\u{3000}",
        ] {
            assert_eq!(normalize(s), normalize_slowly(s), "{s}");
        }
        assert_eq!(normalize("ＡＰＩ　Ｄｏｃｓ"), "api docs");
        assert_eq!(normalize("码率自适应ABR"), "码率自适应abr");
        assert_eq!(normalize("ÉCOLE Straße ＡＢＣ，测试"), "école straße abc,测试");
    }

    /// The double array and the general automaton find the same hits, in the same order,
    /// phrases inside phrases and phrases of several lists included.
    #[test]
    fn both_automata_find_the_same_hits() {
        let lists = vec![
            vec![vec!["丢包", "抗丢包", "packet loss"], vec!["loss", "fec"]],
            vec![
                vec!["转接", "帮您转接", "转接技术"],
                vec!["transfer you", "transfer"],
            ],
            vec![vec!["丢包", "请稍等", "稍等"], vec!["hold", "please hold"]],
        ];
        let (fast, general) = (PhraseSet::build(&lists, true), PhraseSet::build(&lists, false));
        assert!(matches!(fast.automaton, Some(Searcher::DoubleArray(_))));
        assert!(matches!(general.automaton, Some(Searcher::General(_))));
        for text in [
            "请稍等,我帮您转接技术同事;抗丢包和fec都有",
            "please hold, let me transfer you. packet loss? lossless transfers",
            "",
            "无关的话",
        ] {
            let norm = normalize(text);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            fast.scan(&norm, &mut a);
            general.scan(&norm, &mut b);
            assert_eq!(a, b, "{text}");
        }
        let mut hits = Vec::new();
        fast.scan(&normalize("抗丢包"), &mut hits);
        // "丢包" (two lists) inside "抗丢包": three hits.
        assert_eq!(hits.len(), 3, "{hits:?}");
    }

    #[test]
    fn ascii_phrases_need_word_boundaries() {
        let m = PhraseMatcher::new(&[vec!["abr"], vec!["抗丢包"]]);
        assert!(m.find_groups("we ship abroad").is_empty());
        assert_eq!(m.find_groups("ABR and 抗丢包").len(), 2);
        assert_eq!(m.find_groups("支持ABR").len(), 1);
        // Only the alphanumeric end of a pattern needs a boundary.
        let m = PhraseMatcher::single(&["/api"]);
        assert!(m.is_match("https://docs.x.example/api"));
        assert!(!m.is_match("https://docs.x.example/apis"));
        let m = PhraseMatcher::single(&["weak network", "webhook"]);
        assert!(m.is_match("How do you keep HD video on weak networks?"));
        assert!(m.is_match("Webhooks, yes"));
        assert!(!m.is_match("weak networking"));
    }
}
