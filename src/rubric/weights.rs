//! `[weights.ahp]` and `[aggregation]`: the criterion weights from pairwise comparisons, and
//! the method that turns criterion scores into a total.
//!
//! ```toml
//! [weights.ahp]
//! judgements = [
//!   "response 3 channels",   # response is 3 times as important as channels
//!   "response 5 docs",
//!   "channels 1/2 docs",     # channels is half as important as docs
//! ]
//! ```
//!
//! One judgement per pair of criteria, either way round (the reciprocal is implied), on
//! Saaty's scale (1 to 9, or 1/2 to 1/9). The weights are the principal eigenvector
//! ([`super::ahp`]), scaled to sum to 100; a criterion may still say `weight =`, but then it
//! must agree with the AHP weight (within 0.05 points). A consistency ratio above 0.10 is an
//! error naming the three judgements furthest from what the weights imply.

use super::ahp::{self, AhpResult, MAX_CONSISTENCY_RATIO};
use super::{Aggregation, Criterion};
use crate::error::Diagnostic;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    ahp: Option<Spanned<RawAhp>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAhp {
    judgements: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAggregation {
    method: Spanned<String>,
}

impl RawWeights {
    pub fn ahp(&self) -> Option<&Spanned<RawAhp>> {
        self.ahp.as_ref()
    }
}

/// Where a judgement was written, and as what.
type Written = (Range<usize>, String);

/// How far a criterion's own `weight =` may be from its AHP weight, in points.
pub const AGREE_WITHIN: f64 = 0.05;

/// `[aggregation] method = "weighted_sum" | "topsis"`.
pub fn aggregation(
    raw: Option<&RawAggregation>,
    at: &impl Fn(Range<usize>, String) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) -> Aggregation {
    let Some(raw) = raw else {
        return Aggregation::default();
    };
    Aggregation::parse(raw.method.get_ref()).unwrap_or_else(|| {
        errors.push(at(
            raw.method.span(),
            format!(
                "aggregation method '{}': expected \"weighted_sum\" or \"topsis\"",
                raw.method.get_ref()
            ),
        ));
        Aggregation::default()
    })
}

const JUDGEMENT_FORM: &str = "expected \"<criterion> <1 to 9, or 1/2 to 1/9> <criterion>\", e.g. \"response 3 channels\" (response is 3 times as important as channels)";

/// Reads the judgements over `criteria`, sets every criterion's weight from them and returns
/// the result; `None` (with errors) when the judgements are incomplete, unreadable or too
/// inconsistent. `given[c]` is criterion c's own `weight =`, if it has one.
pub fn from_ahp(
    raw: &Spanned<RawAhp>,
    given: &[Option<Spanned<f64>>],
    criteria: &mut [Criterion],
    at: &impl Fn(Range<usize>, String) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) -> Option<AhpResult> {
    let n = criteria.len();
    let before = errors.len();
    let mut a = vec![vec![1.0; n]; n];
    // Where each upper-triangle judgement was written, and as what.
    let mut written: Vec<Vec<Option<Written>>> = vec![vec![None; n]; n];
    let index = |id: &str| criteria.iter().position(|c| c.id == id);
    for j in raw.get_ref().judgements.get_ref() {
        let text = j.get_ref();
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let [x, v, y] = tokens[..] else {
            errors.push(at(j.span(), format!("judgement '{text}': {JUDGEMENT_FORM}")));
            continue;
        };
        let (Some(p), Some(q)) = (index(x), index(y)) else {
            let unknown = if index(x).is_none() { x } else { y };
            let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
            errors.push(at(
                j.span(),
                format!(
                    "judgement '{text}': unknown criterion '{unknown}' (the criteria are {})",
                    ids.join(", ")
                ),
            ));
            continue;
        };
        let Some(value) = ahp::parse_intensity(v) else {
            errors.push(at(
                j.span(),
                format!("judgement '{text}': '{v}' is not on Saaty's scale: {JUDGEMENT_FORM}"),
            ));
            continue;
        };
        if p == q {
            errors.push(at(
                j.span(),
                format!("judgement '{text}': a criterion compared with itself"),
            ));
            continue;
        }
        let (i, k, value) = if p < q { (p, q, value) } else { (q, p, 1.0 / value) };
        if let Some((first, _)) = &written[i][k] {
            let line = at(first.clone(), String::new()).line.unwrap_or(0);
            errors.push(at(
                j.span(),
                format!(
                    "judgement '{text}': {} and {} are already compared (line {line}): one judgement per pair",
                    criteria[i].id, criteria[k].id
                ),
            ));
            continue;
        }
        written[i][k] = Some((j.span(), text.clone()));
        a[i][k] = value;
        a[k][i] = 1.0 / value;
    }
    let mut missing = Vec::new();
    for i in 0..n {
        for k in i + 1..n {
            if written[i][k].is_none() {
                missing.push(format!("{} vs {}", criteria[i].id, criteria[k].id));
            }
        }
    }
    if !missing.is_empty() {
        errors.push(at(
            raw.get_ref().judgements.span(),
            format!(
                "weights.ahp: {} pair(s) of criteria not compared: {} (every pair needs one judgement)",
                missing.len(),
                missing.join(", ")
            ),
        ));
    }
    if errors.len() > before {
        return None;
    }
    let result = ahp::weigh(&a);
    if result.consistency_ratio > MAX_CONSISTENCY_RATIO {
        let worst: Vec<String> = ahp::most_inconsistent(&a, &result.weights, 3)
            .into_iter()
            .map(|d| {
                let (span, text) = written[d.i][d.j].clone().expect("every pair is written");
                let place = at(span, String::new());
                format!(
                    "'{text}' (line {}, column {}: the weights make {} {} times as important as {})",
                    place.line.unwrap_or(0),
                    place.column.unwrap_or(0),
                    criteria[d.i].id,
                    ratio(d.implied),
                    criteria[d.j].id
                )
            })
            .collect();
        errors.push(at(
            raw.get_ref().judgements.span(),
            format!(
                "weights.ahp: the judgements are inconsistent: consistency ratio {:.3} > {MAX_CONSISTENCY_RATIO:.2} (lambda_max {:.3}, CI {:.3}, RI {:.2}); revise the judgements furthest from the weights they give: {}",
                result.consistency_ratio,
                result.lambda_max,
                result.consistency_index,
                result.random_index,
                worst.join("; ")
            ),
        ));
        return None;
    }
    // A weight written in the file that states the judgements must agree with them; one
    // inherited from the rubric this one extends is simply replaced.
    let judged_in = at(raw.get_ref().judgements.span(), String::new()).file;
    for (c, (criterion, own)) in criteria.iter_mut().zip(given).enumerate() {
        let w = result.weights[c];
        if let Some(own) = own {
            let same_file = at(own.span(), String::new()).file == judged_in;
            if same_file && (own.get_ref() - w).abs() > AGREE_WITHIN {
                errors.push(at(
                    own.span(),
                    format!(
                        "criterion '{}': weight {} differs from its AHP weight {w:.2} ([weights.ahp]): remove it or make it agree",
                        criterion.id,
                        own.get_ref()
                    ),
                ));
            }
        }
        criterion.weight = w;
    }
    Some(result)
}

/// A ratio as people write it: `3.20`, or `1/2.50` well below 1.
fn ratio(x: f64) -> String {
    if x >= 0.995 {
        format!("{x:.2}")
    } else {
        format!("1/{:.2}", 1.0 / x)
    }
}

#[cfg(test)]
mod tests {
    use crate::error::{Diagnostic, Error};
    use crate::rubric::parse::from_toml;
    use crate::rubric::{Aggregation, Rubric, Scoring, Weighting};

    fn errors(src: &str) -> Vec<Diagnostic> {
        match from_toml(src, "r.toml") {
            Err(Error::Invalid(d)) => d,
            other => panic!("expected errors, got {other:?}"),
        }
    }

    fn ok(src: &str) -> Rubric {
        from_toml(src, "r.toml").unwrap_or_else(|e| panic!("{e}"))
    }

    /// Four criteria named after the Wikipedia leader example, no `weight =`, and `tail`.
    fn leader(judgements: &str, tail: &str) -> String {
        let mut s = String::from("name = \"t\"\nversion = \"1\"\n");
        for id in ["experience", "education", "charisma", "age"] {
            s.push_str(&format!("[[criterion]]\nid = \"{id}\"\nname = \"{id}\"\n[[criterion.measure]]\nmetric = \"cases_count\"\nlinear = {{ best = 10, worst = 0 }}\n"));
        }
        s.push_str(&format!("[weights.ahp]\njudgements = [\n{judgements}]\n{tail}"));
        s
    }

    const LEADER: &str = "  \"experience 4 education\",\n  \"experience 3 charisma\",\n  \"experience 7 age\",\n  \"charisma 3 education\",\n  \"education 3 age\",\n  \"charisma 5 age\",\n";

    #[test]
    fn ahp_weights_replace_the_criteria_weights() {
        // Wikipedia's leader example (see ahp.rs), education vs charisma written the other way
        // round ("charisma 3 education" is "education 1/3 charisma").
        let r = ok(&leader(LEADER, ""));
        let w: Vec<f64> = r
            .criteria
            .iter()
            .map(|c| (c.weight * 10.0).round() / 10.0)
            .collect();
        assert_eq!(w, vec![54.8, 12.7, 27.0, 5.6]);
        let Weighting::Ahp(a) = &r.weighting else {
            panic!("{:?}", r.weighting)
        };
        assert!((a.consistency_ratio - 0.044).abs() < 0.0005);
        assert_eq!(r.aggregation, Aggregation::WeightedSum);
        assert!(
            r.weighting.describe().contains("consistency ratio 0.044"),
            "{}",
            r.weighting.describe()
        );
    }

    #[test]
    fn inconsistent_judgements_name_the_three_worst_with_line_and_column() {
        // experience > education > age, yet age 9 times experience.
        let j = "  \"experience 4 education\",\n  \"experience 3 charisma\",\n  \"age 9 experience\",\n  \"charisma 3 education\",\n  \"education 3 age\",\n  \"charisma 5 age\",\n";
        let d = errors(&leader(j, ""));
        assert_eq!(d.len(), 1, "{d:?}");
        // The array opens on line 28, column 14 ("judgements = [").
        assert_eq!((d[0].line, d[0].column), (Some(28), Some(14)));
        let m = &d[0].message;
        assert!(m.contains("consistency ratio") && m.contains("> 0.10"), "{m}");
        assert!(m.contains("'age 9 experience' (line 31, column 3"), "{m}");
        assert_eq!(m.matches("(line ").count(), 3, "{m}");
    }

    #[test]
    fn each_judgement_error_has_its_line_and_column() {
        let j = "  \"experience 4 education\",\n  \"experience 12 charisma\",\n  \"experience 7 ages\",\n  \"charisma three\",\n  \"education 4 experience\",\n";
        let d = errors(&leader(j, ""));
        let at = |line: usize| {
            d.iter()
                .find(|x| x.line == Some(line))
                .unwrap_or_else(|| panic!("{d:?}"))
        };
        assert!(at(30).message.contains("not on Saaty's scale"), "{d:?}");
        assert_eq!(at(30).column, Some(3));
        assert!(at(31).message.contains("unknown criterion 'ages'"), "{d:?}");
        assert!(at(32).message.contains("expected \"<criterion>"), "{d:?}");
        assert!(at(33).message.contains("already compared (line 29)"), "{d:?}");
        // Every pair needs a judgement: the incomplete set is an error too, at the array.
        assert!(at(28).message.contains("not compared"), "{d:?}");
        assert_eq!(at(28).column, Some(14));
    }

    #[test]
    fn a_weight_given_beside_ahp_must_agree() {
        let src = leader(LEADER, "").replacen(
            "name = \"experience\"\n",
            "name = \"experience\"\nweight = 50\n",
            1,
        );
        let d = errors(&src);
        assert_eq!((d[0].line, d[0].column), (Some(6), Some(10)), "{d:?}");
        assert!(
            d[0].message.contains("differs from its AHP weight 54.76"),
            "{}",
            d[0].message
        );
        let src = leader(LEADER, "").replacen(
            "name = \"experience\"\n",
            "name = \"experience\"\nweight = 54.76\n",
            1,
        );
        ok(&src);
    }

    #[test]
    fn a_criterion_without_weight_needs_ahp() {
        let src = leader(LEADER, "");
        let cut = src.find("[weights.ahp]").unwrap();
        let d = errors(&src[..cut]);
        assert_eq!((d[0].line, d[0].column), (Some(3), Some(1)), "{d:?}");
        assert!(d[0].message.contains("has no weight"), "{}", d[0].message);
    }

    #[test]
    fn aggregation_method() {
        let r = ok(&leader(LEADER, "[aggregation]\nmethod = \"topsis\"\n"));
        assert_eq!(r.aggregation, Aggregation::Topsis);
        let d = errors(&leader(LEADER, "[aggregation]\nmethod = \"electre\"\n"));
        assert_eq!((d[0].line, d[0].column), (Some(37), Some(10)), "{d:?}");
        assert!(d[0].message.contains("expected \"weighted_sum\" or \"topsis\""));
    }

    const ONE: &str = "name = \"t\"\nversion = \"1\"\n[[criterion]]\nid = \"a\"\nname = \"A\"\nweight = 100\n[[criterion.measure]]\n";

    #[test]
    fn checklist_points_and_ratio_to_best() {
        let r = ok(&format!(
            "{ONE}metric = \"channels_offered\"\nchecklist = {{ chat = 30, phone = 20, email = 10 }}\n"
        ));
        let s = &r.criteria[0].measures[0].scoring;
        assert_eq!(
            s.score_set(&["chat".into(), "email".into()]),
            Some(40.0 / 60.0 * 100.0)
        );
        assert!(
            s.describe()
                .starts_with("checklist with points: chat 30, email 10, phone 20"),
            "{}",
            s.describe()
        );
        let r = ok(&format!(
            "{ONE}metric = \"cases_count\"\nratio_to_best = {{ better = \"higher\" }}\n"
        ));
        let s = &r.criteria[0].measures[0].scoring;
        assert_eq!(
            s,
            &Scoring::RatioToBest {
                lower_is_better: false
            }
        );
        assert_eq!(s.score_ratio(5.0, 20.0), Some(25.0));
        assert!(s.describe().contains("higher is better"));
        let low = Scoring::RatioToBest {
            lower_is_better: true,
        };
        assert_eq!(low.score_ratio(40.0, 10.0), Some(25.0));
        assert_eq!(low.score_ratio(f64::INFINITY, 10.0), Some(0.0));
        assert_eq!(low.score_ratio(0.0, 0.0), Some(100.0));
        assert_eq!(
            s.score_ratio(0.0, 0.0),
            Some(0.0),
            "nobody has any: 0, not a silent 100"
        );
    }

    #[test]
    fn every_scoring_function_and_missing_policy_is_said_in_words() {
        use crate::rubric::{Band, Missing};
        let linear = Scoring::Linear {
            best: 15.0,
            worst: 120.0,
        };
        assert_eq!(
            linear.describe(),
            "linear: 100 at 15 or better, 0 at 120 or worse, in proportion between"
        );
        let bands = Scoring::Bands(vec![
            Band {
                min: None,
                max: Some(60.0),
                score: 100.0,
            },
            Band {
                min: Some(60.0),
                max: Some(120.0),
                score: 40.0,
            },
            Band {
                min: Some(120.0),
                max: None,
                score: 0.0,
            },
        ]);
        assert_eq!(
            bands.describe(),
            "bands: under 60 scores 100; 60 to under 120 scores 40; 120 or more scores 0"
        );
        let items = Scoring::Checklist(vec!["chat".into(), "phone".into()]);
        assert_eq!(items.describe(), "checklist: the share of chat, phone present");
        let low = Scoring::RatioToBest {
            lower_is_better: true,
        };
        assert_eq!(
            low.describe(),
            "ratio to best: 100 x the best vendor's value / the value (lower is better)"
        );
        assert_eq!(Missing::Score(0.0).describe(), "without evidence: scored 0");
        assert_eq!(Missing::Fail.describe(), "without evidence: the evaluation fails");
        assert!(Missing::Exclude.describe().contains("left out"));
    }

    #[test]
    fn scoring_form_errors_have_line_and_column() {
        let d = errors(&format!(
            "{ONE}metric = \"cases_count\"\nratio_to_best = {{ better = \"bigger\" }}\n"
        ));
        assert_eq!((d[0].line, d[0].column), (Some(9), Some(17)), "{d:?}");
        assert!(d[0].message.contains("expected \"higher\""), "{}", d[0].message);
        let d = errors(&format!(
            "{ONE}metric = \"channels_offered\"\nchecklist = {{ chat = 30, phone = -2 }}\n"
        ));
        assert_eq!((d[0].line, d[0].column), (Some(9), Some(13)), "{d:?}");
        assert!(d[0].message.contains("phone = -2"), "{}", d[0].message);
        let d = errors(&format!(
            "{ONE}metric = \"channels_offered\"\nratio_to_best = {{ better = \"higher\" }}\n"
        ));
        assert_eq!((d[0].line, d[0].column), (Some(8), Some(10)), "{d:?}");
        assert!(
            d[0].message.contains("score it with checklist"),
            "{}",
            d[0].message
        );
        let d = errors(&format!("{ONE}metric = \"cases_count\"\nratio_to_best = {{ better = \"higher\" }}\nlinear = {{ best = 1, worst = 0 }}\n"));
        assert_eq!(d[0].line, Some(7), "{d:?}");
        assert!(d[0]
            .message
            .contains("exactly one of linear, bands, checklist or ratio_to_best"));
    }
}
