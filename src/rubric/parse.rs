//! Reading a rubric from TOML and validating it: unknown metrics and keys, weights that do not
//! sum to 100, overlapping bands... each reported with file, line and column.

use super::forms::{self, RawChecklist, RawRatio};
use super::params;
use super::tree::{Locate, Plain};
use super::weights::{self, RawAggregation, RawWeights};
use super::{
    Band, Concept, Criterion, Measure, Missing, ProbeQuestion, RobustnessSpec, Rubric, Scoring, WeightSpread,
    Weighting,
};
use crate::error::{Diagnostic, Error, Result};
use crate::metrics::catalog::{self, MetricKind};
use crate::model::domain::{Channel, Priority};
use crate::score::robustness::constraint;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    name: String,
    version: String,
    description: Option<String>,
    #[serde(default)]
    targets: RawTargets,
    #[serde(default)]
    criterion: Vec<Spanned<RawCriterion>>,
    #[serde(default)]
    probe: Vec<Spanned<RawProbe>>,
    #[serde(default)]
    transcripts: RawTranscripts,
    robustness: Option<Spanned<RawRobustness>>,
    /// `[weights.ahp]`: criterion weights from pairwise comparisons.
    weights: Option<RawWeights>,
    /// `[aggregation] method`.
    aggregation: Option<RawAggregation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRobustness {
    /// "dirichlet" (default) or "uniform"; constraints imply uniform inside them.
    weights: Option<Spanned<String>>,
    concentration: Option<Spanned<f64>>,
    constraints: Option<Spanned<Vec<String>>>,
    iterations: Option<Spanned<usize>>,
    seed: Option<u64>,
    confidence: Option<Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    #[serde(default)]
    first_response_minutes: BTreeMap<String, Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTranscripts {
    #[serde(default)]
    transfer_phrases: Vec<String>,
    #[serde(default)]
    stall_phrases: Vec<String>,
    #[serde(default)]
    refusal_phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    name: String,
    /// Optional with `[weights.ahp]`.
    weight: Option<Spanned<f64>>,
    must_have: Option<Spanned<RawMustHave>>,
    /// The default of its measures: "exclude", "zero" or "fail".
    missing: Option<Spanned<String>>,
    #[serde(default)]
    measure: Vec<Spanned<RawMeasure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMustHave {
    min_score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    /// What a rubric extending this one overrides it by (default: metric[.priority][.channel]).
    id: Option<Spanned<String>>,
    metric: Spanned<String>,
    priority: Option<Spanned<String>>,
    channel: Option<Spanned<String>>,
    #[serde(default = "one")]
    weight: Spanned<f64>,
    label: Option<String>,
    linear: Option<Spanned<RawLinear>>,
    bands: Option<Spanned<Vec<Band>>>,
    checklist: Option<Spanned<RawChecklist>>,
    ratio_to_best: Option<Spanned<RawRatio>>,
    missing: Option<Spanned<String>>,
    missing_score: Option<Spanned<f64>>,
    min_n: Option<usize>,
    /// The probe metrics narrowed to one probe question.
    probe: Option<Spanned<String>>,
    /// `support_hours_coverage`: the buyer's window, in the buyer's zones.
    window: Option<Spanned<String>>,
    zones: Option<Spanned<Vec<String>>>,
}

const MISSING_EXPECTED: &str = "missing = '{}': expected \"exclude\" (the measure's weight is spread over the vendor's other measures), \"zero\" or \"fail\"";

/// `missing = "exclude" | "zero" | "fail"`.
fn missing_policy(s: &str) -> Option<Missing> {
    match s.trim().to_ascii_lowercase().as_str() {
        "exclude" => Some(Missing::Exclude),
        "zero" => Some(Missing::Score(0.0)),
        "fail" => Some(Missing::Fail),
        _ => None,
    }
}

fn one() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinear {
    best: f64,
    worst: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProbe {
    id: String,
    question: String,
    asked: Vec<String>,
    #[serde(default = "two")]
    min_concepts: usize,
    #[serde(default)]
    concept: Vec<Concept>,
}

fn two() -> usize {
    2
}

/// Reads and validates a rubric. `file` is how the file is named in errors.
pub fn from_toml(src: &str, file: &str) -> Result<Rubric> {
    from_text(src, &Plain { src, file })
}

/// Reads and validates a rubric's text; `loc` says where each span of it was written (one
/// file, or the files of a rubric and those it extends, merged).
pub fn from_text(src: &str, loc: &dyn Locate) -> Result<Rubric> {
    let raw: RawRubric = toml::from_str(src).map_err(|e| {
        let message = e.message().trim().to_string();
        Error::invalid(match e.span() {
            Some(span) => loc.at(span, message),
            None => Diagnostic::new(loc.file(), None, message),
        })
    })?;
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>, msg: String| loc.at(span, msg);

    let mut targets = BTreeMap::new();
    for (k, v) in &raw.targets.first_response_minutes {
        match Priority::parse(k) {
            Some(p) => {
                targets.insert(p, *v.get_ref());
            }
            None => errors.push(at(
                v.span(),
                format!("targets.first_response_minutes: unknown priority '{k}': expected urgent, high, normal or low"),
            )),
        }
    }

    let mut criteria = Vec::new();
    let mut weight_sum = 0.0;
    // Probe ids named by measures, checked once the probes are read.
    let mut probes_named: Vec<&Spanned<String>> = Vec::new();
    for rc in &raw.criterion {
        let rc_span = rc.span();
        let rc = rc.get_ref();
        let id = rc.id.get_ref().clone();
        if criteria.iter().any(|c: &Criterion| c.id == id) {
            errors.push(at(rc.id.span(), format!("criterion id '{id}' is used twice")));
        }
        let weight = rc.weight.as_ref().map_or(0.0, |w| *w.get_ref());
        if let Some(w) = rc
            .weight
            .as_ref()
            .filter(|_| !(weight >= 0.0 && weight.is_finite()))
        {
            errors.push(at(w.span(), format!("weight {weight}: expected a number >= 0")));
        }
        weight_sum += weight;
        if rc.measure.is_empty() {
            errors.push(at(
                rc_span.clone(),
                format!("criterion '{id}' has no [[criterion.measure]]: nothing to score it by"),
            ));
        }
        let criterion_missing = match &rc.missing {
            None => Missing::Exclude,
            Some(m) => missing_policy(m.get_ref()).unwrap_or_else(|| {
                errors.push(at(m.span(), MISSING_EXPECTED.replace("{}", m.get_ref())));
                Missing::Exclude
            }),
        };
        let mut measures = Vec::new();
        for rm in &rc.measure {
            let rm_span = rm.span();
            let rm = rm.get_ref();
            let name = rm.metric.get_ref();
            let spec = catalog::find(name);
            if spec.is_none() {
                errors.push(at(
                    rm.metric.span(),
                    format!(
                        "unknown metric '{name}': expected one of {}",
                        catalog::names().join(", ")
                    ),
                ));
            }
            let priority = rm.priority.as_ref().and_then(|p| {
                let parsed = Priority::parse(p.get_ref());
                if parsed.is_none() {
                    errors.push(at(
                        p.span(),
                        format!(
                            "unknown priority '{}': expected urgent, high, normal or low",
                            p.get_ref()
                        ),
                    ));
                }
                parsed
            });
            let channel = rm.channel.as_ref().and_then(|c| {
                let parsed = Channel::parse(c.get_ref());
                if parsed.is_none() {
                    errors.push(at(c.span(), format!("unknown channel '{}'", c.get_ref())));
                }
                parsed
            });
            if let Some(spec) = spec {
                if (priority.is_some() || channel.is_some()) && !spec.filterable {
                    errors.push(at(
                        rm.metric.span(),
                        format!("metric '{name}' cannot be filtered by priority or channel"),
                    ));
                }
                if spec.needs_priority && priority.is_none() {
                    errors.push(at(rm.metric.span(), format!("metric '{name}' needs a priority")));
                }
            }
            let kinds = [
                rm.linear.is_some(),
                rm.bands.is_some(),
                rm.checklist.is_some(),
                rm.ratio_to_best.is_some(),
            ];
            let scoring = match kinds.iter().filter(|k| **k).count() {
                1 => {
                    if let Some(l) = &rm.linear {
                        let l2 = l.get_ref();
                        if l2.best == l2.worst {
                            errors.push(at(l.span(), "linear: best and worst must differ".into()));
                        }
                        Some(Scoring::Linear {
                            best: l2.best,
                            worst: l2.worst,
                        })
                    } else if let Some(b) = &rm.bands {
                        if let Err(msg) = check_bands(b.get_ref()) {
                            errors.push(at(b.span(), msg));
                        }
                        Some(Scoring::Bands(b.get_ref().clone()))
                    } else if let Some(c) = &rm.checklist {
                        forms::checklist(c.get_ref())
                            .map_err(|msg| errors.push(at(c.span(), msg)))
                            .ok()
                    } else {
                        rm.ratio_to_best.as_ref().and_then(|r| {
                            forms::ratio_to_best(r.get_ref())
                                .map_err(|msg| errors.push(at(r.span(), msg)))
                                .ok()
                        })
                    }
                }
                _ => {
                    errors.push(at(
                        rm_span.clone(),
                        "a measure needs exactly one of linear, bands, checklist or ratio_to_best".into(),
                    ));
                    None
                }
            };
            if let (Some(spec), Some(s)) = (spec, &scoring) {
                let set_metric = spec.kind == MetricKind::Set;
                let checklist = matches!(s, Scoring::Checklist(_) | Scoring::ChecklistPoints(_));
                if set_metric != checklist {
                    errors.push(at(
                        rm.metric.span(),
                        format!(
                            "metric '{name}' is {}: score it with {}",
                            if set_metric { "a set of items" } else { "a number" },
                            if set_metric {
                                "checklist"
                            } else {
                                "linear, bands or ratio_to_best"
                            }
                        ),
                    ));
                }
            }
            let mw = *rm.weight.get_ref();
            if !(mw > 0.0 && mw.is_finite()) {
                errors.push(at(
                    rm.weight.span(),
                    format!("measure weight {mw}: expected a number > 0"),
                ));
            }
            let mut missing = criterion_missing;
            if let Some(m) = &rm.missing {
                match missing_policy(m.get_ref()) {
                    Some(p) => missing = p,
                    None => errors.push(at(m.span(), MISSING_EXPECTED.replace("{}", m.get_ref()))),
                }
            }
            if let Some(score) = &rm.missing_score {
                let v = *score.get_ref();
                if !(0.0..=100.0).contains(&v) {
                    errors.push(at(score.span(), "missing_score: expected 0 to 100".into()));
                }
                match rm.missing.as_ref().map(|m| missing_policy(m.get_ref())) {
                    None | Some(Some(Missing::Score(_))) => missing = Missing::Score(v),
                    Some(_) => errors.push(at(
                        score.span(),
                        "missing_score goes with missing = \"zero\" (or alone)".into(),
                    )),
                }
            }
            let label = rm.label.clone().unwrap_or_else(|| {
                let mut l = name.clone();
                if let Some(p) = priority {
                    l.push_str(&format!(" ({p})"));
                }
                if let Some(c) = channel {
                    l.push_str(&format!(" ({c})"));
                }
                if let Some(p) = &rm.probe {
                    l.push_str(&format!(" ({})", p.get_ref()));
                }
                l
            });
            let raw_params = params::RawParams {
                metric: &rm.metric,
                probe: rm.probe.as_ref(),
                window: rm.window.as_ref(),
                zones: rm.zones.as_ref(),
            };
            let params = params::params(&raw_params, &at, &mut errors);
            if let (Some(p), Some(_)) = (&rm.probe, &params.probe) {
                probes_named.push(p);
            }
            let measure_id = match &rm.id {
                Some(i) => i.get_ref().clone(),
                None => super::merge::measure_id(
                    name,
                    rm.priority.as_ref().map(|p| p.get_ref().as_str()),
                    rm.channel.as_ref().map(|c| c.get_ref().as_str()),
                    rm.probe.as_ref().map(|p| p.get_ref().as_str()),
                ),
            };
            if measures.iter().any(|m: &Measure| m.id == measure_id) {
                let span = rm.id.as_ref().map_or(rm.metric.span(), |i| i.span());
                errors.push(at(
                    span,
                    format!("measure id '{measure_id}' is used twice in criterion '{id}': give one an id = \"...\""),
                ));
            }
            if let Some(scoring) = scoring {
                measures.push(Measure {
                    id: measure_id,
                    metric: name.clone(),
                    priority,
                    channel,
                    weight: mw,
                    scoring,
                    missing,
                    min_n: rm.min_n.or(spec.map(|s| s.min_n)).unwrap_or(0),
                    label,
                    probe: params.probe,
                    window: params.window,
                    zones: params.zones,
                });
            }
        }
        let must_have_min_score = rc.must_have.as_ref().map(|m| {
            let v = m.get_ref().min_score;
            if !(0.0..=100.0).contains(&v) {
                errors.push(at(
                    m.span(),
                    format!("must_have.min_score {v}: expected 0 to 100"),
                ));
            }
            v
        });
        criteria.push(Criterion {
            id,
            name: rc.name.clone(),
            weight,
            must_have_min_score,
            measures,
        });
    }
    let given: Vec<Option<Spanned<f64>>> = raw.criterion.iter().map(|c| c.get_ref().weight.clone()).collect();
    let mut weighting = Weighting::Direct;
    if raw.criterion.is_empty() {
        errors.push(Diagnostic::new(
            loc.file(),
            None,
            "no [[criterion]]: nothing to score",
        ));
    } else if let Some(ahp) = raw.weights.as_ref().and_then(|w| w.ahp()) {
        if let Some(r) = weights::from_ahp(ahp, &given, &mut criteria, &at, &mut errors) {
            weighting = Weighting::Ahp(r);
        }
    } else if let Some((c, _)) = raw.criterion.iter().zip(&given).find(|(_, g)| g.is_none()) {
        errors.push(at(
            c.span(),
            format!(
                "criterion '{}' has no weight: give weight = N (the weights sum to 100) or compare the criteria in [weights.ahp]",
                c.get_ref().id.get_ref()
            ),
        ));
    } else if (weight_sum - 100.0).abs() > 1e-6 {
        let listed: Vec<String> = criteria
            .iter()
            .zip(&given)
            .map(|(c, w)| match w {
                Some(w) => format!("{}={} at {}", c.id, c.weight, loc.line_of(w.span())),
                None => format!("{}={}", c.id, c.weight),
            })
            .collect();
        let first = given[0].as_ref().map_or(raw.criterion[0].span(), |w| w.span());
        errors.push(at(
            first,
            format!(
                "criterion weights sum to {weight_sum}, expected 100 ({})",
                listed.join(", ")
            ),
        ));
    }

    let mut probes = Vec::new();
    for rp in &raw.probe {
        let span = rp.span();
        let rp = rp.get_ref();
        if rp.asked.is_empty() || rp.concept.is_empty() {
            errors.push(at(
                span.clone(),
                format!(
                    "probe '{}' needs 'asked' phrases and at least one [[probe.concept]]",
                    rp.id
                ),
            ));
        }
        if probes.iter().any(|p: &ProbeQuestion| p.id == rp.id) {
            errors.push(at(span, format!("probe id '{}' is used twice", rp.id)));
        }
        probes.push(ProbeQuestion {
            id: rp.id.clone(),
            question: rp.question.clone(),
            asked: rp.asked.clone(),
            min_concepts: rp.min_concepts.max(1),
            concepts: rp.concept.clone(),
        });
    }

    let probe_ids: Vec<String> = probes.iter().map(|p: &ProbeQuestion| p.id.clone()).collect();
    for p in probes_named {
        params::check_probe(p, &probe_ids, &at, &mut errors);
    }

    let robustness = match &raw.robustness {
        None => RobustnessSpec::default(),
        Some(r) => robustness_spec(r, &criteria, src, loc, &mut errors),
    };
    let aggregation = weights::aggregation(raw.aggregation.as_ref(), &at, &mut errors);
    if !errors.is_empty() {
        errors.sort();
        return Err(Error::Invalid(errors));
    }
    Ok(Rubric {
        files: vec![loc.file().to_string()],
        robustness,
        aggregation,
        weighting,
        name: raw.name,
        version: raw.version,
        description: raw.description,
        first_response_targets: targets,
        criteria,
        probes,
        transfer_phrases: raw.transcripts.transfer_phrases,
        stall_phrases: raw.transcripts.stall_phrases,
        refusal_phrases: raw.transcripts.refusal_phrases,
    })
}

/// Bands must not overlap: sorted by their lower bound, each must end where (or before) the
/// next begins.
fn check_bands(bands: &[Band]) -> std::result::Result<(), String> {
    if bands.is_empty() {
        return Err("bands: expected at least one band".into());
    }
    for b in bands {
        if let (Some(lo), Some(hi)) = (b.min, b.max) {
            if lo >= hi {
                return Err(format!("bands: a band's min ({lo}) must be below its max ({hi})"));
            }
        }
        if !(0.0..=100.0).contains(&b.score) {
            return Err(format!("bands: score {} must be within 0 to 100", b.score));
        }
    }
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by(|a, b| {
        a.min
            .unwrap_or(f64::NEG_INFINITY)
            .partial_cmp(&b.min.unwrap_or(f64::NEG_INFINITY))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for w in sorted.windows(2) {
        let end = w[0].max.unwrap_or(f64::INFINITY);
        let start = w[1].min.unwrap_or(f64::NEG_INFINITY);
        if end > start {
            return Err(format!(
                "bands overlap: [{}, {}) and [{}, {})",
                fmt_bound(w[0].min, "-inf"),
                fmt_bound(w[0].max, "inf"),
                fmt_bound(w[1].min, "-inf"),
                fmt_bound(w[1].max, "inf")
            ));
        }
    }
    Ok(())
}

fn fmt_bound(v: Option<f64>, none: &str) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| none.to_string())
}

/// `[robustness]`, checked: the weight model, its constraints parsed against the criteria (an
/// error at the constraint's own column), iterations, confidence.
fn robustness_spec(
    raw: &Spanned<RawRobustness>,
    criteria: &[Criterion],
    src: &str,
    loc: &dyn Locate,
    errors: &mut Vec<Diagnostic>,
) -> RobustnessSpec {
    let at = |span: std::ops::Range<usize>, msg: String| loc.at(span, msg);
    let r = raw.get_ref();
    let mut spec = RobustnessSpec::default();
    let ids: Vec<String> = criteria.iter().map(|c| c.id.clone()).collect();
    match (&r.weights, &r.constraints) {
        (_, Some(cs)) => {
            if let Some(w) = &r.weights {
                if w.get_ref() != "uniform" {
                    errors.push(at(w.span(), "constraints draw weights uniformly inside them: weights = \"uniform\" or none".into()));
                }
            }
            for (i, text) in cs.get_ref().iter().enumerate() {
                if let Err(e) = constraint::parse(i, text, &ids) {
                    // The constraint's own place in the file, and the column inside it.
                    let inner = src[cs.span()].find(text.as_str()).map_or(cs.span().start, |o| cs.span().start + o + 1);
                    errors.push(at(inner..inner, e.to_string()));
                }
            }
            spec.weights = WeightSpread::Constrained {
                constraints: cs.get_ref().clone(),
            };
        }
        (Some(w), None) => match w.get_ref().as_str() {
            "dirichlet" => {}
            "uniform" => spec.weights = WeightSpread::Uniform,
            other => errors.push(at(
                w.span(),
                format!("weights = '{other}': expected \"dirichlet\" (around the rubric's weights) or \"uniform\""),
            )),
        },
        (None, None) => {}
    }
    if let Some(c) = &r.concentration {
        let v = *c.get_ref();
        if !(v > 0.0 && v.is_finite()) {
            errors.push(at(c.span(), format!("concentration {v}: expected a number > 0")));
        } else if let WeightSpread::Dirichlet { concentration } = &mut spec.weights {
            *concentration = v;
        } else {
            errors.push(at(
                c.span(),
                "concentration goes with weights = \"dirichlet\"".into(),
            ));
        }
    }
    if let Some(n) = &r.iterations {
        if !(100..=1_000_000).contains(n.get_ref()) {
            errors.push(at(
                n.span(),
                format!("iterations {}: expected 100 to 1000000", n.get_ref()),
            ));
        }
        spec.iterations = *n.get_ref();
    }
    if let Some(seed) = r.seed {
        spec.seed = seed;
    }
    if let Some(c) = &r.confidence {
        let v = *c.get_ref();
        if !(v > 0.5 && v < 1.0) {
            errors.push(at(
                c.span(),
                format!("confidence {v}: expected a number between 0.5 and 1"),
            ));
        }
        spec.confidence = v;
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::load::BUILTIN_DEFAULT;

    #[test]
    fn the_builtin_rubric_is_valid() {
        let r = from_toml(BUILTIN_DEFAULT, "default.toml").unwrap();
        let sum: f64 = r.criteria.iter().map(|c| c.weight).sum();
        assert_eq!(sum, 100.0);
        assert_eq!(r.first_response_targets[&Priority::Urgent], 15.0);
        assert!(r.probes.len() >= 4);
    }

    fn errors(src: &str) -> Vec<Diagnostic> {
        match from_toml(src, "r.toml") {
            Err(Error::Invalid(d)) => d,
            other => panic!("expected errors, got {other:?}"),
        }
    }

    const HEAD: &str = "name = \"t\"\nversion = \"1\"\n";

    #[test]
    fn weights_not_summing_to_100() {
        let src = format!("{HEAD}[[criterion]]\nid = \"a\"\nname = \"A\"\nweight = 90\n[[criterion.measure]]\nmetric = \"cases_count\"\nlinear = {{ best = 10, worst = 0 }}\n");
        let d = errors(&src);
        assert_eq!((d[0].line, d[0].column), (Some(6), Some(10)));
        assert!(d[0].message.contains("sum to 90"), "{}", d[0].message);
    }

    #[test]
    fn unknown_metric_and_overlapping_bands() {
        let src = format!("{HEAD}[[criterion]]\nid = \"a\"\nname = \"A\"\nweight = 100\n[[criterion.measure]]\nmetric = \"speed_of_light\"\nlinear = {{ best = 1, worst = 0 }}\n[[criterion.measure]]\nmetric = \"cases_count\"\nbands = [{{ min = 0, max = 5, score = 10 }}, {{ min = 4, score = 100 }}]\n");
        let d = errors(&src);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].column), (Some(8), Some(10)));
        assert!(d[0].message.contains("unknown metric 'speed_of_light'"));
        assert_eq!(d[1].line, Some(12));
        assert!(d[1].message.contains("overlap"));
    }

    #[test]
    fn unknown_keys_name_their_line() {
        let src = format!("{HEAD}colour = \"red\"\n");
        let d = errors(&src);
        assert_eq!(d[0].line, Some(3));
    }

    #[test]
    fn scoring_functions() {
        let l = Scoring::Linear {
            best: 15.0,
            worst: 115.0,
        };
        assert_eq!(l.score_number(15.0), Some(100.0));
        assert_eq!(l.score_number(65.0), Some(50.0));
        assert_eq!(l.score_number(f64::INFINITY), Some(0.0));
        let b = Scoring::Bands(vec![
            Band {
                min: None,
                max: Some(10.0),
                score: 100.0,
            },
            Band {
                min: Some(10.0),
                max: None,
                score: 20.0,
            },
        ]);
        assert_eq!(b.score_number(10.0), Some(20.0));
        assert_eq!(b.score_number(9.99), Some(100.0));
        let c = Scoring::Checklist(vec!["chat".into(), "phone".into()]);
        assert_eq!(c.score_set(&["phone".to_string()]), Some(50.0));
    }
}
