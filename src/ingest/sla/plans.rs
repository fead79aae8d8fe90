//! Plan names: the common plan words (`Enterprise`, `企业版`) and the names a document
//! defines for itself, found once per document by [`PlanFinder::discover`].

use crate::ingest::sla::lex::duration::durations_in;
use crate::ingest::sla::lines::SourceLine;
use crate::ingest::sla::vocab::{vocabulary, PLAN_SUFFIX_WORDS, TOPIC_WORDS};
use crate::text::normalize;

/// The plan names of one document: found once by [`PlanFinder::discover`] before its lines
/// are read, then asked by every reader that needs to know which plan a text names.
#[derive(Debug, Default)]
pub(super) struct PlanFinder {
    /// The names the document defines for itself: (the normalized phrase, the name shown).
    own: Vec<(String, String)>,
    /// One automaton over the `own` phrases (every line is asked for them).
    own_automaton: Option<aho_corasick::AhoCorasick>,
}

impl PlanFinder {
    /// Finds the plan names a document defines for itself, beyond the common plan words: the
    /// columns of a table keyed by priority (`| Severity | Core | Plus | Premier |`), sibling
    /// headings named by one word that their sections repeat (`## Crew` ... `Crew customers`),
    /// and a Chinese enumeration of tiers (`标准服务、高级服务、尊享服务`).
    pub(super) fn discover(lines: &[SourceLine], given: &[String]) -> PlanFinder {
        let mut out: Vec<(String, String)> = Vec::new();
        let add = |phrase: String, name: String, out: &mut Vec<(String, String)>| {
            let known = vocabulary().plans.find_groups_normalized(&phrase);
            if phrase.chars().count() >= 2 && known.is_empty() && !out.iter().any(|(p, _)| *p == phrase) {
                out.push((phrase, name));
            }
        };
        // Names the reader found (`Extended Support`): shown without the plan word after them.
        for name in given {
            let words: Vec<&str> = name.split_whitespace().collect();
            let shown = match words.split_last() {
                Some((last, rest))
                    if !rest.is_empty() && PLAN_SUFFIX_WORDS.contains(&last.to_lowercase().as_str()) =>
                {
                    rest.join(" ")
                }
                _ => name.clone(),
            };
            add(normalize(name), shown, &mut out);
        }
        let plain_name = |cell: &str| {
            let t = cell.trim().trim_matches('*').trim();
            let words: Vec<&str> = t.split_whitespace().collect();
            let english = !words.is_empty()
                && words.len() <= 2
                && words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '+'))
                && words[0].starts_with(|c: char| c.is_ascii_uppercase());
            let chinese = (2..=6).contains(&t.chars().count()) && t.chars().all(crate::text::is_cjk);
            (english || chinese) && !TOPIC_WORDS.contains(&t.to_lowercase().as_str())
        };
        // Tables keyed by priority, plans as columns: every column under a name (not a metric:
        // "首次响应时间", "Resolution") and with durations in its cells.
        // The header is the first row of a table; a separator row under it is optional
        // (tables rebuilt from plain text have none).
        for (i, w) in lines.windows(2).enumerate() {
            let (head, sep) = (w[0].text.trim(), w[1].text.trim());
            let first_row = i == 0 || !lines[i - 1].text.trim().starts_with('|');
            if !head.starts_with('|') || !sep.starts_with('|') || !first_row {
                continue;
            }
            let body = if sep.contains("--") { i + 2 } else { i + 1 };
            let cells: Vec<&str> = head.trim_matches('|').split('|').map(str::trim).collect();
            if cells.len() < 3 {
                continue;
            }
            let key = normalize(cells[0]);
            let keyed_by_priority = key.is_empty()
                || [
                    "severity",
                    "priority",
                    "level",
                    "sev",
                    "级别",
                    "优先级",
                    "等级",
                    "故障",
                ]
                .iter()
                .any(|k| key.contains(k));
            let rest = &cells[1..];
            let rows: Vec<Vec<String>> = lines[body..]
                .iter()
                .map(|l| l.text.trim())
                .take_while(|t| t.starts_with('|'))
                .map(|t| {
                    t.trim_matches('|')
                        .split('|')
                        .map(|c| normalize(c.trim()))
                        .collect()
                })
                .collect();
            let v = vocabulary();
            let is_plan_column = |k: usize, c: &str| {
                let n = normalize(c);
                plain_name(c)
                    && !v.respond.is_match_normalized(&n)
                    && !v.resolve.is_match_normalized(&n)
                    && rows
                        .iter()
                        .any(|r| r.get(k + 1).is_some_and(|cell| !durations_in(cell).is_empty()))
            };
            if keyed_by_priority && rest.iter().enumerate().all(|(k, c)| is_plan_column(k, c)) {
                for c in rest {
                    let c = c.trim().trim_matches('*').trim();
                    add(normalize(c), c.to_string(), &mut out);
                }
            }
        }
        // Sibling headings named by one word that their own sections use again. (The levels
        // and their counts are taken once: a long document has thousands of headings.)
        let level_of = |t: &str| t.chars().take_while(|c| *c == '#').count();
        let levels: Vec<usize> = lines.iter().map(|l| level_of(l.text.trim())).collect();
        let mut per_level = [0usize; 8];
        for &lv in &levels {
            per_level[lv.min(7)] += 1;
        }
        for (i, l) in lines.iter().enumerate() {
            let level = levels[i];
            if level < 2 {
                continue;
            }
            let title = l.text.trim().trim_start_matches('#').trim();
            let stripped = title
                .split_whitespace()
                .filter(|w| !PLAN_SUFFIX_WORDS.contains(&w.to_lowercase().as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            if stripped.contains(' ') || !plain_name(&stripped) {
                continue;
            }
            let siblings = per_level[level.min(7)];
            let used_again = lines[i + 1..]
                .iter()
                .zip(&levels[i + 1..])
                .take_while(|(_, lv)| **lv == 0 || **lv > level)
                .any(|(x, _)| x.text.contains(stripped.as_str()));
            if siblings >= 2 && used_again {
                add(normalize(&stripped), stripped.clone(), &mut out);
            }
        }
        // 标准服务、高级服务、尊享服务: tiers enumerated with one suffix.
        for l in lines {
            // An enumeration names at least two tiers with the suffix.
            let suffixes: Vec<&str> = ["服务", "套餐", "版"]
                .into_iter()
                .filter(|s| l.text.matches(s).nth(1).is_some())
                .collect();
            if suffixes.is_empty() {
                continue;
            }
            let norm = normalize(&l.text);
            for suffix in suffixes {
                let items: Vec<String> = norm
                    .split(['、', ',', '和', '与', '及'])
                    .map(|part| {
                        let part = part.trim();
                        match part.find(suffix) {
                            Some(at)
                                if at + suffix.len() == part.len()
                                    || part[at + suffix.len()..].starts_with('三') =>
                            {
                                part[..at]
                                    .chars()
                                    .rev()
                                    .take_while(|c| crate::text::is_cjk(*c))
                                    .collect::<Vec<_>>()
                                    .into_iter()
                                    .rev()
                                    .collect::<String>()
                            }
                            _ => String::new(),
                        }
                    })
                    .collect();
                let mut stems: Vec<String> = items
                    .iter()
                    .filter(|s| (2..=3).contains(&s.chars().count()))
                    .cloned()
                    .collect();
                // The first item runs on from the sentence ("可在标准服务"): as long as the others.
                if let (Some(first), Some(k)) = (items.first(), stems.first().map(|x| x.chars().count())) {
                    let n = first.chars().count();
                    if n > 3 && stems.iter().all(|x| x.chars().count() == k) {
                        stems.insert(0, first.chars().skip(n - k).collect());
                    }
                }
                if stems.len() >= 2 && items.iter().filter(|s| s.is_empty()).count() <= 2 {
                    for stem in stems {
                        let shown = if suffix == "版" {
                            format!("{stem}版")
                        } else {
                            stem.clone()
                        };
                        add(format!("{stem}{suffix}"), shown, &mut out);
                    }
                }
            }
        }
        let own_automaton = (!out.is_empty()).then(|| {
            aho_corasick::AhoCorasick::new(out.iter().map(|(p, _)| p.as_str())).expect("plan names are short")
        });
        PlanFinder {
            own: out,
            own_automaton,
        }
    }

    /// The document's own plan names occurring in `norm`, by position.
    fn own_in(&self, norm: &str) -> Vec<(usize, String)> {
        let Some(ac) = &self.own_automaton else {
            return Vec::new();
        };
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let mut found: Vec<(usize, String)> = ac
            .find_overlapping_iter(norm)
            .filter_map(|m| {
                let (phrase, name) = &self.own[m.pattern().as_usize()];
                let bounded = !phrase.is_ascii()
                    || (!word(norm[..m.start()].chars().next_back())
                        && !word(norm[m.end()..].chars().next()));
                bounded.then(|| (m.start(), name.clone()))
            })
            .collect();
        found.sort();
        found
    }

    /// A plan named in a heading, a table header or a label: a known plan word (`Enterprise`,
    /// `企业版`), or a word before `plan` / `tier` (`Growth plan`), or a Chinese name ending in
    /// 版 (`尊享版`).
    pub(super) fn plan_in(&self, norm: &str) -> Option<String> {
        if let Some((_, name)) = self.own_in(norm).into_iter().next() {
            return Some(name);
        }
        let v = vocabulary();
        let capitalized = |w: &str| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if f.is_ascii() => f.to_ascii_uppercase().to_string() + c.as_str(),
                _ => w.to_string(),
            }
        };
        let cleaned = without_clock_words(norm);
        if let Some((g, phrase)) = v.plans.find_groups_normalized(&cleaned).first() {
            let mut name = capitalized(v.plan_names[*g]);
            // Two-word names: "Scale Plus", "Business Pro", "企业版 Plus".
            if let Some(at) = cleaned.find(phrase.as_str()) {
                let rest = cleaned[at + phrase.len()..].trim_start();
                for suffix in ["plus", "pro", "max", "premium", "+"] {
                    if rest.starts_with(suffix)
                        && !rest[suffix.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                        && name.to_lowercase() != suffix
                    {
                        name = format!("{name} {}", capitalized(suffix));
                        break;
                    }
                }
            }
            return Some(name);
        }
        for marker in [" plan", " tier", " edition"] {
            if let Some(i) = norm.find(marker) {
                let word = norm[..i]
                    .trim_end()
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let generic = [
                    "support", "service", "the", "your", "each", "every", "a", "our", "pricing", "this",
                    "paid", "all", "any", "other", "higher", "lower", "same", "which", "that", "to", "we",
                    "of", "per", "no", "and",
                ];
                if word.len() >= 2
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                    && !generic.contains(&word)
                {
                    return Some(capitalized(word));
                }
            }
        }
        if let Some(i) = norm.find('版') {
            let name: String = norm[..i]
                .chars()
                .rev()
                .take_while(|c| crate::text::is_cjk(*c))
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after = norm[i + '版'.len_utf8()..].chars().next();
            let stop = [
                "付费", "所有", "全部", "其他", "当前", "最新", "各", "新", "旧", "有", "本", "该",
            ];
            if (1..=3).contains(&name.chars().count())
                && after != Some('本')
                && !stop.iter().any(|w| name.ends_with(w))
            {
                return Some(format!("{name}版"));
            }
        }
        None
    }

    /// Every plan named in the text (`基础版、专业版`), in the order of the plan words.
    fn plans_in(&self, norm: &str) -> Vec<String> {
        let v = vocabulary();
        let cleaned = without_clock_words(norm);
        let norm = cleaned.as_str();
        let own = self.own_in(norm);
        if !own.is_empty() {
            let mut out: Vec<String> = Vec::new();
            for (_, p) in own {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            return out;
        }
        let found = v.plans.find_groups_normalized(norm);
        if found.is_empty() {
            return self.plan_in(norm).into_iter().collect();
        }
        // Each occurrence, read with what follows it ("scale and scale plus": Scale, Scale Plus)
        // up to the next plan word after a list separator ("growth and premier": Growth,
        // Premier), not beyond it: a name given in two languages side by side
        // ("尊享版（premier）") is still read as one.
        let mut at_words: Vec<(usize, usize)> = found
            .iter()
            .flat_map(|(_, phrase)| {
                norm.match_indices(phrase.as_str())
                    .map(|(at, p)| (at, at + p.len()))
            })
            .collect();
        at_words.sort();
        let separated = |between: &str| {
            between.contains([',', ';', ':', '、', '。', '和', '与', '及', '或'])
                || [" and ", " or ", " & "].iter().any(|w| between.contains(w))
        };
        let mut named: Vec<(usize, String)> = Vec::new();
        for (i, &(at, end)) in at_words.iter().enumerate() {
            let until = at_words[i + 1..]
                .iter()
                .find(|(next, _)| *next >= end && separated(&norm[end..*next]))
                .map_or(norm.len(), |(next, _)| *next);
            let phrase = &norm[at..end];
            let name = self
                .plan_in(&norm[at..until])
                .unwrap_or_else(|| phrase.to_string());
            named.push((at, name));
        }
        let mut out: Vec<String> = Vec::new();
        for (_, p) in named {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    /// The plans a line's label names (`Starter: ...`, `基础版、专业版:...`). The colon of a
    /// time (`09:00`) ends no label.
    pub(super) fn label_plans(&self, line: &str) -> Vec<String> {
        let label = line
            .char_indices()
            .find(|&(i, c)| c == ':' && !line[..i].ends_with(|b: char| b.is_ascii_digit()))
            .map(|(i, _)| &line[..i])
            .filter(|l| l.chars().count() <= 40)
            .unwrap_or("");
        self.plans_in(label)
    }

    /// Every plan a text names.
    pub(super) fn named_in(&self, norm: &str) -> Vec<String> {
        self.plans_in(norm)
    }

    /// The plans a prose line or sentence is about: those of its label (`Starter: ...`,
    /// `基础版、专业版:...`), else those it names, else its section's.
    pub(super) fn plans_for(
        &self,
        label_source: &str,
        sentence: &str,
        section_plan: &Option<String>,
    ) -> Vec<Option<String>> {
        self.plans_under(self.label_plans(label_source), sentence, section_plan)
    }

    /// As [`plans_for`](Self::plans_for), with the plans of the line's label already found
    /// (a line of many sentences asks once).
    pub(super) fn plans_under(
        &self,
        label_plans: Vec<String>,
        sentence: &str,
        section_plan: &Option<String>,
    ) -> Vec<Option<String>> {
        let mut plans = label_plans;
        if plans.is_empty() {
            plans = self.plans_in(sentence);
        }
        if plans.is_empty() {
            vec![section_plan.clone()]
        } else {
            plans.into_iter().map(Some).collect()
        }
    }
}

/// The text without the phrases in which a plan word is no plan ("business hours",
/// "support team").
fn without_clock_words(norm: &str) -> String {
    const WORDS: [&str; 12] = [
        "business hour",
        "business day",
        "business-critical",
        "business critical",
        "support team",
        "our team",
        "the team",
        "essentials team",
        "free of charge",
        "toll-free",
        "toll free",
        "pro rata",
    ];
    // One automaton for all the words (called for every line and clause).
    static WORDS_AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = WORDS_AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(WORDS)
            .expect("fixed word list")
    });
    if !ac.is_match(norm) {
        return norm.to_string();
    }
    ac.replace_all(norm, &[" "; WORDS.len()])
}

/// The plan names a document gives in two languages: a plan name it uses with its name in the
/// other script beside it, in brackets or after a slash (`企业版（Enterprise）`,
/// `Pro / 专业版`, `Enterprise（企业版）`). Names as normalized text.
pub(super) fn bilingual_names(lines: &[SourceLine], plans: &[String]) -> Vec<(String, String)> {
    let names: Vec<(usize, String)> = plans
        .iter()
        .enumerate()
        .map(|(k, p)| (k, normalize(p)))
        .filter(|(_, p)| !p.trim().is_empty())
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    // One pass over each line for all the names.
    let ac =
        aho_corasick::AhoCorasick::new(names.iter().map(|(_, p)| p.as_str())).expect("plan names are short");
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut beside: Vec<Vec<String>> = vec![Vec::new(); plans.len()];
    // A name given beside another is in brackets or after a slash (full-width forms included).
    for line in lines.iter().filter(|l| l.text.contains(['(', '（', '/', '／'])) {
        let norm = normalize(&line.text);
        for m in ac.find_overlapping_iter(&norm) {
            let (k, p) = &names[m.pattern().as_usize()];
            let cjk = p.chars().any(crate::text::is_cjk);
            let (before, after) = (&norm[..m.start()], &norm[m.end()..]);
            if !cjk && (word(before.chars().next_back()) || word(after.chars().next())) {
                continue;
            }
            for other in [name_after(after), name_before(before, after)]
                .into_iter()
                .flatten()
            {
                if in_other_script(&other, cjk) && !beside[*k].contains(&other) {
                    beside[*k].push(other);
                }
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for (plan, others) in plans.iter().zip(beside) {
        for other in others {
            let pair = (plan.clone(), other);
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// `（Enterprise）...` or `/ 专业版 ...` right after a name: the name given beside it.
fn name_after(after: &str) -> Option<String> {
    let t = after.trim_start();
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let end = inner.find([')', '）'])?;
        return Some(inner[..end].trim().to_string());
    }
    let rest = t.strip_prefix('/')?.trim_start();
    let first = rest.chars().next()?;
    let run: String = if crate::text::is_cjk(first) {
        rest.chars().take_while(|c| crate::text::is_cjk(*c)).collect()
    } else {
        rest.chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '+')
            .collect()
    };
    Some(run.trim().to_string())
}

/// `Enterprise（` before a name in brackets, or `Enterprise /` before a name: the name given
/// beside it.
fn name_before(before: &str, after: &str) -> Option<String> {
    let b = before.trim_end();
    let rest = if b.ends_with(['(', '（']) && after.trim_start().starts_with([')', '）']) {
        b.trim_end_matches(['(', '（'])
    } else {
        b.strip_suffix('/')?
    }
    .trim_end();
    let last = rest.chars().next_back()?;
    let mut run: Vec<char> = if crate::text::is_cjk(last) {
        rest.chars()
            .rev()
            .take_while(|c| crate::text::is_cjk(*c))
            .collect()
    } else {
        rest.chars()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '+')
            .collect()
    };
    run.reverse();
    let run: String = run.into_iter().collect();
    // At most the three words before.
    let words: Vec<&str> = run.split_whitespace().collect();
    Some(words[words.len().saturating_sub(3)..].join(" "))
}

/// A plan name in the other script than the plan's: 1-3 ASCII words beside a Chinese name,
/// 2-6 Chinese characters beside an English one.
fn in_other_script(name: &str, plan_is_cjk: bool) -> bool {
    if plan_is_cjk {
        let words: Vec<&str> = name.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '+')
    } else {
        (2..=6).contains(&name.chars().count()) && name.chars().all(crate::text::is_cjk)
    }
}
