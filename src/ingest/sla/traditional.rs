//! Traditional Chinese read as simplified: pages from Taiwan and Hong Kong vendors, and pages
//! rendered in traditional characters (`緊急工單 ... 10分鐘內響應`), are read through OpenCC's
//! traditional-to-simplified tables (the `ferrous-opencc` crate, a pure-Rust OpenCC), so the
//! extractor's simplified vocabulary applies. Each converted line keeps the document's own
//! text for its evidence ([`SourceLine::reread`]).
//!
//! Converting costs about 50 ms per MB, so a document is converted only when a sample of its
//! Chinese text changes under conversion: simplified and English documents pay nothing.

use crate::ingest::sla::lines::{map_lines, SourceLine};
use crate::text::is_cjk;
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::sync::OnceLock;

/// How much Chinese text (in characters) is sampled to decide whether a document is written
/// in traditional characters.
const SAMPLE_CHARS: usize = 4096;

fn converter() -> Option<&'static OpenCC> {
    static CC: OnceLock<Option<OpenCC>> = OnceLock::new();
    // The tables are built into the crate; failing to load them would be a defect of the
    // build, in which case documents are read as they are.
    CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

/// Reads the lines of a document in traditional characters as simplified; returns whether the
/// document was converted.
pub fn read_as_simplified(lines: &mut [SourceLine]) -> bool {
    let Some(cc) = converter() else {
        return false;
    };
    let mut sample = String::new();
    let mut taken = 0;
    for l in lines.iter() {
        if taken >= SAMPLE_CHARS {
            break;
        }
        for c in l.text.chars().filter(|c| is_cjk(*c)) {
            sample.push(c);
            taken += 1;
        }
    }
    if sample.is_empty() || cc.convert(&sample) == sample {
        return false;
    }
    // Converted on every core (a long document's conversion is most of its reading time).
    let simplified = map_lines(lines, |l| l.text.chars().any(is_cjk).then(|| cc.convert(&l.text)));
    for (l, s) in lines.iter_mut().zip(simplified) {
        if let Some(s) = s {
            l.reread(s);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_lines_are_read_as_simplified_and_keep_their_text() {
        let mut lines = vec![
            SourceLine::new(1, "緊急工單:10分鐘內響應。"),
            SourceLine::new(2, "Priority 1: 4 hours"),
        ];
        assert!(read_as_simplified(&mut lines));
        assert_eq!(lines[0].text, "紧急工单:10分钟内响应。");
        assert_eq!(lines[0].shown(), "緊急工單:10分鐘內響應。");
        assert_eq!(lines[1].text, "Priority 1: 4 hours");
        assert_eq!(lines[1].original, None);
    }

    #[test]
    fn simplified_documents_are_left_as_they_are() {
        let mut lines = vec![SourceLine::new(1, "紧急工单:10分钟内响应。")];
        assert!(!read_as_simplified(&mut lines));
        assert_eq!(lines[0].original, None);
    }
}
