//! A measure's parameters beyond its metric, priority and channel: `probe = "id"` (the probe
//! metrics narrowed to one probe question of the rubric), `window = "Mon-Sun 18:00-22:00"` and
//! `zones = ["Europe/Berlin"]` (the buyer's hours that support should cover, in the buyer's
//! zones). Each is checked against the metric that reads it, with the position it was written.

use crate::error::Diagnostic;
use crate::ingest::sla::lex::schedule::schedule_in;
use crate::metrics::catalog::{PROBE_METRICS, WINDOW_METRICS};
use crate::model::sla::Schedule;
use crate::text::normalize;
use crate::time::timestamp::Zone;
use std::ops::Range;
use toml::Spanned;

/// What the measure gave, as read.
pub struct RawParams<'a> {
    pub metric: &'a Spanned<String>,
    pub probe: Option<&'a Spanned<String>>,
    pub window: Option<&'a Spanned<String>>,
    pub zones: Option<&'a Spanned<Vec<String>>>,
}

/// The checked parameters; a probe id is checked later, against the rubric's probes
/// ([`check_probe`]).
#[derive(Default)]
pub struct Params {
    pub probe: Option<String>,
    pub window: Option<Schedule>,
    pub zones: Vec<String>,
}

/// Checks the parameters against the metric that reads them.
pub fn params(
    raw: &RawParams,
    at: &dyn Fn(Range<usize>, String) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) -> Params {
    let name = raw.metric.get_ref().as_str();
    let mut out = Params::default();
    if let Some(p) = raw.probe {
        if PROBE_METRICS.contains(&name) {
            out.probe = Some(p.get_ref().clone());
        } else {
            errors.push(at(
                p.span(),
                format!(
                    "probe = '{}': only {} can be narrowed to one probe, not '{name}'",
                    p.get_ref(),
                    PROBE_METRICS.join(" and ")
                ),
            ));
        }
    }
    let window_metric = WINDOW_METRICS.contains(&name);
    match raw.window {
        Some(w) if !window_metric => errors.push(at(
            w.span(),
            format!(
                "window: only {} reads a window, not '{name}'",
                WINDOW_METRICS.join(", ")
            ),
        )),
        Some(w) => match schedule_in(&normalize(w.get_ref())) {
            Some(s @ Schedule::Weekly { .. }) => out.window = Some(s),
            Some(Schedule::AlwaysOn) => out.window = Some(Schedule::AlwaysOn),
            None => errors.push(at(
                w.span(),
                format!(
                    "window '{}': expected days and hours, e.g. \"Mon-Sun 18:00-22:00\" (or \"24x7\")",
                    w.get_ref()
                ),
            )),
        },
        None if window_metric => errors.push(at(
            raw.metric.span(),
            format!("metric '{name}' needs a window, e.g. window = \"Mon-Fri 09:00-18:00\""),
        )),
        None => {}
    }
    if let Some(z) = raw.zones {
        if !window_metric {
            errors.push(at(
                z.span(),
                format!(
                    "zones: only {} reads zones, not '{name}'",
                    WINDOW_METRICS.join(", ")
                ),
            ));
        } else if z.get_ref().is_empty() {
            errors.push(at(
                z.span(),
                "zones: expected at least one zone (or leave zones out: the vendor's own)".into(),
            ));
        }
        for zone in z.get_ref() {
            if let Err(e) = Zone::parse(zone) {
                errors.push(at(z.span(), format!("zones: {e}")));
            }
        }
        out.zones = z.get_ref().clone();
    }
    out
}

/// A measure's `probe` must name a probe question of the (merged) rubric.
pub fn check_probe(
    probe: &Spanned<String>,
    probes: &[String],
    at: &dyn Fn(Range<usize>, String) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) {
    if !probes.iter().any(|p| p == probe.get_ref()) {
        let d = at(
            probe.span(),
            format!(
                "probe = '{}': no such probe in the rubric: expected one of {}",
                probe.get_ref(),
                probes.join(", ")
            ),
        );
        errors.push(d.with_hint(
            "the probes are the [[probe]] ids after extends and remove: a rubric removing a probe removes the measures naming it too",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::rubric::parse::from_toml;

    const HEAD: &str =
        "name = \"t\"\nversion = \"1\"\n[[criterion]]\nid = \"a\"\nname = \"A\"\nweight = 100\n";
    const PROBE: &str = "[[probe]]\nid = \"sec\"\nquestion = \"q\"\nasked = [\"security\"]\n[[probe.concept]]\nid = \"enc\"\nterms = [\"encryption\"]\n";

    fn errors(src: &str) -> Vec<(Option<usize>, String)> {
        match from_toml(src, "r.toml") {
            Err(Error::Invalid(d)) => d.into_iter().map(|d| (d.line, d.message)).collect(),
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn a_probe_measure_names_a_probe_of_the_rubric() {
        let ok = format!("{HEAD}[[criterion.measure]]\nmetric = \"probe_quality\"\nprobe = \"sec\"\nlinear = {{ best = 1, worst = 0 }}\n{PROBE}");
        let r = from_toml(&ok, "r.toml").unwrap();
        let m = &r.criteria[0].measures[0];
        assert_eq!(m.probe.as_deref(), Some("sec"));
        assert_eq!(m.id, "probe_quality.sec");
        assert_eq!(m.label, "probe_quality (sec)");

        let unknown = ok.replace("probe = \"sec\"", "probe = \"secure\"");
        let e = errors(&unknown);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, Some(9));
        assert!(
            e[0].1.contains("no such probe") && e[0].1.contains("sec"),
            "{}",
            e[0].1
        );

        let wrong_metric = format!("{HEAD}[[criterion.measure]]\nmetric = \"cases_count\"\nprobe = \"sec\"\nlinear = {{ best = 1, worst = 0 }}\n{PROBE}");
        let e = errors(&wrong_metric);
        assert!(
            e[0].1.contains("only probe_answered_rate and probe_quality"),
            "{e:?}"
        );
    }

    #[test]
    fn a_window_is_read_with_the_sla_schedule_syntax_and_zones_are_checked() {
        let ok = format!("{HEAD}[[criterion.measure]]\nmetric = \"support_hours_coverage\"\nwindow = \"Mon-Sun 18:00-22:00\"\nzones = [\"Europe/Berlin\", \"+08:00\"]\nlinear = {{ best = 1, worst = 0 }}\n");
        let r = from_toml(&ok, "r.toml").unwrap();
        let m = &r.criteria[0].measures[0];
        assert_eq!(
            m.window.map(|w| w.describe()).as_deref(),
            Some("Mon-Sun 18:00-22:00")
        );
        assert_eq!(m.zones, ["Europe/Berlin", "+08:00"]);

        let e = errors(&ok.replace("Mon-Sun 18:00-22:00", "evenings"));
        assert!(e[0].1.starts_with("window 'evenings'"), "{e:?}");
        assert_eq!(e[0].0, Some(9));
        let e = errors(&ok.replace("Europe/Berlin", "Mars/Olympus"));
        assert!(e[0].1.contains("unknown time zone 'Mars/Olympus'"), "{e:?}");
        let e = errors(&ok.replace("window = \"Mon-Sun 18:00-22:00\"\n", ""));
        assert!(e[0].1.contains("needs a window"), "{e:?}");
    }
}
