//! `supportgrade sla extract FILE... [--format table|json]`: the support promises of SLA
//! documents, each with the line it came from.

use crate::error::{Error, Result};
use crate::ingest::sla::read_document;
use crate::model::sla::{Language, ResolutionMetric, SlaDocument};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: SlaCommand,
}

#[derive(Subcommand, Debug)]
pub enum SlaCommand {
    /// Extract the commitments of SLA documents (.md, .txt, .html, or the structured .toml form).
    Extract(ExtractArgs),
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// The documents.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
pub struct EvidenceView {
    pub line: Option<usize>,
    pub text: String,
}

#[derive(Serialize)]
pub struct FirstResponseView {
    pub plan: Option<String>,
    pub priority: String,
    pub priority_rank: Option<u8>,
    pub minutes: f64,
    pub hours: Option<&'static str>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct ResolutionView {
    pub plan: Option<String>,
    pub priority: Option<String>,
    pub metric: ResolutionMetric,
    pub minutes: Option<f64>,
    pub percent: Option<f64>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct SupportHoursView {
    pub plan: Option<String>,
    pub schedule: String,
    pub timezone: Option<String>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct ChannelView {
    pub channel: &'static str,
    pub plan: Option<String>,
    pub evidence: EvidenceView,
}

#[derive(Serialize)]
pub struct UptimeView {
    pub value: f64,
    pub evidence: EvidenceView,
}

/// The JSON object of one document, in the shape `sla extract --format json` promises.
#[derive(Serialize)]
pub struct DocumentView {
    pub file: String,
    pub language: Language,
    pub first_response: Vec<FirstResponseView>,
    pub resolution: Vec<ResolutionView>,
    pub support_hours: Vec<SupportHoursView>,
    pub channels: Vec<ChannelView>,
    pub uptime_percent: Vec<UptimeView>,
    pub warnings: Vec<String>,
}

fn evidence(e: &crate::model::evidence::Evidence) -> EvidenceView {
    EvidenceView {
        line: e.line,
        text: e.text.clone(),
    }
}

impl DocumentView {
    pub fn of(d: &SlaDocument) -> Self {
        DocumentView {
            file: d.file.clone(),
            language: d.language,
            first_response: d
                .first_response
                .iter()
                .map(|c| FirstResponseView {
                    plan: c.plan.clone(),
                    priority: c.priority.map_or("any", |p| p.as_str()).to_string(),
                    priority_rank: c.priority.map(|p| p.rank()),
                    minutes: c.minutes,
                    hours: if c.business_hours {
                        Some("business")
                    } else if c.around_the_clock {
                        Some("24x7")
                    } else {
                        None
                    },
                    evidence: evidence(&c.evidence),
                })
                .collect(),
            resolution: d
                .resolution
                .iter()
                .map(|r| ResolutionView {
                    plan: r.plan.clone(),
                    priority: r.priority.map(|p| p.as_str().to_string()),
                    metric: r.metric,
                    minutes: r.minutes,
                    percent: r.percent,
                    evidence: evidence(&r.evidence),
                })
                .collect(),
            support_hours: d
                .support_hours
                .iter()
                .map(|h| SupportHoursView {
                    plan: h.plan.clone(),
                    schedule: h.schedule.describe(),
                    timezone: h.timezone.clone(),
                    evidence: evidence(&h.evidence),
                })
                .collect(),
            channels: d
                .channels
                .iter()
                .map(|c| ChannelView {
                    channel: c.channel.as_str(),
                    plan: c.plan.clone(),
                    evidence: evidence(&c.evidence),
                })
                .collect(),
            uptime_percent: d
                .uptime
                .iter()
                .map(|u| UptimeView {
                    value: u.value,
                    evidence: evidence(&u.evidence),
                })
                .collect(),
            warnings: d.warnings.clone(),
        }
    }
}

pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        SlaCommand::Extract(a) => extract(a),
    }
}

fn extract(args: &ExtractArgs) -> Result<()> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for path in &args.files {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let vendor = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_document(&bytes, &shown, &vendor) {
            Ok(doc) => {
                for w in &doc.warnings {
                    eprintln!("warning: {shown}: {w}");
                }
                let view = DocumentView::of(&doc);
                match args.format {
                    Format::Json => {
                        let json = serde_json::to_string_pretty(&view).map_err(|e| {
                            Error::invalid(crate::error::Diagnostic::new(&shown, None, e.to_string()))
                        })?;
                        out.extend_from_slice(json.as_bytes());
                        out.push(b'\n');
                    }
                    Format::Table => out.extend_from_slice(table(&view).as_bytes()),
                }
            }
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))
}

fn table(v: &DocumentView) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(["what", "plan", "priority", "promise", "clock", "line", "text"]);
    let plan = |p: &Option<String>| p.clone().unwrap_or_else(|| "*".into());
    let line = |e: &EvidenceView| e.line.map(|l| l.to_string()).unwrap_or_default();
    let short = |s: &str| {
        let mut c: String = s.chars().take(60).collect();
        if s.chars().count() > 60 {
            c.push('…');
        }
        c
    };
    for c in &v.first_response {
        t.add_row([
            "first response".to_string(),
            plan(&c.plan),
            c.priority.clone(),
            format!("{} min", crate::metrics::fmt_num(c.minutes)),
            c.hours.unwrap_or("").to_string(),
            line(&c.evidence),
            short(&c.evidence.text),
        ]);
    }
    for r in &v.resolution {
        let promise = match (r.minutes, r.percent) {
            (Some(m), _) => format!("{} min", crate::metrics::fmt_num(m)),
            (None, Some(p)) => format!("{}%", crate::metrics::fmt_num(p)),
            _ => String::new(),
        };
        let metric = serde_json::to_value(r.metric)
            .ok()
            .and_then(|m| m.as_str().map(str::to_string))
            .unwrap_or_default();
        t.add_row([
            metric.replace('_', " "),
            plan(&r.plan),
            r.priority.clone().unwrap_or_else(|| "*".into()),
            promise,
            String::new(),
            line(&r.evidence),
            short(&r.evidence.text),
        ]);
    }
    for h in &v.support_hours {
        t.add_row([
            "support hours".to_string(),
            plan(&h.plan),
            String::new(),
            h.schedule.clone(),
            h.timezone.clone().unwrap_or_default(),
            line(&h.evidence),
            short(&h.evidence.text),
        ]);
    }
    for c in &v.channels {
        t.add_row([
            "channel".to_string(),
            plan(&c.plan),
            String::new(),
            c.channel.to_string(),
            String::new(),
            line(&c.evidence),
            short(&c.evidence.text),
        ]);
    }
    for u in &v.uptime_percent {
        t.add_row([
            "uptime".to_string(),
            String::new(),
            String::new(),
            format!("{}%", crate::metrics::fmt_num(u.value)),
            String::new(),
            line(&u.evidence),
            short(&u.evidence.text),
        ]);
    }
    let lang = match v.language {
        Language::Zh => "zh",
        Language::En => "en",
        Language::Mixed => "mixed",
    };
    format!("{} ({lang})\n{t}\n", v.file)
}
