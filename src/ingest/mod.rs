//! Ingest: files -> typed records, each keeping the file and line it came from.

pub mod encoding;
pub mod folder;
pub mod measurements;
pub mod plan;
pub mod profile;
pub mod sla;
pub mod tickets;
pub mod transcript;
pub mod vendors;

use crate::error::{Diagnostic, Error, Result};
use crate::ingest::folder::EvaluationFolder;
use crate::time::timestamp::{NaiveZone, Zone};
use std::collections::BTreeMap;

/// Everything read from an evaluation folder.
#[derive(Debug)]
pub struct Inputs {
    pub folder: vendors::EvaluationInfo,
    pub vendors: Vec<vendors::Vendor>,
    pub measurements: measurements::Measurements,
    pub sla: Vec<crate::model::sla::SlaDocument>,
    pub transcripts: Vec<crate::model::transcript::Transcript>,
    pub profiles: Vec<profile::Profile>,
    /// The plan each vendor is held to, by vendor id.
    pub plans: BTreeMap<String, crate::model::plan::HeldPlan>,
    /// Problems that do not stop the run (reported beside the results).
    pub warnings: Vec<Diagnostic>,
    /// Each input a vendor lacks, named by the file expected (warnings, or errors with
    /// `--strict`).
    pub missing: Vec<Diagnostic>,
}

impl Inputs {
    /// Every input a vendor lacks, each named by the file (or rows) expected. Fails when the
    /// folder holds no evidence at all: no measurements, SLA pages, transcripts or profiles.
    fn find_missing(&mut self) -> Result<()> {
        if !self.measurements.present
            && self.sla.is_empty()
            && self.transcripts.is_empty()
            && self.profiles.is_empty()
        {
            return Err(Error::invalid(Diagnostic::new(
                vendors::FILE,
                None,
                "nothing to evaluate: the folder has no measurements.csv, no SLA page in sla/, \
                 no transcripts in transcripts/ and no profile in profiles/",
            )));
        }
        let mut missing = Vec::new();
        for v in &self.vendors {
            let id = v.id.as_str();
            let mut lacks = |file: String, what: &str| {
                missing.push(Diagnostic::new(
                    file,
                    None,
                    format!("vendor '{id}' has no {what}"),
                ));
            };
            if !self.measurements.tickets.iter().any(|t| t.vendor == id) {
                let file = &self.measurements.file;
                if self.measurements.present {
                    lacks(
                        file.clone(),
                        &format!("measured probes: no row of {file} names it"),
                    );
                } else {
                    lacks(file.clone(), "measured probes: there is no measurements file");
                }
            }
            if !self.sla.iter().any(|d| d.vendor == id) {
                lacks(
                    format!("sla/{id}.md"),
                    "SLA page (sla/<id>.md, .txt, .html or .toml)",
                );
            }
            if !self.transcripts.iter().any(|t| t.vendor == id) {
                lacks(format!("transcripts/{id}/"), "probe transcripts (.txt or .json)");
            }
            if !self.profiles.iter().any(|p| p.vendor == id) {
                lacks(
                    format!("profiles/{id}.toml"),
                    "profile (documentation audit, customer cases)",
                );
            }
        }
        missing.sort();
        self.missing = missing;
        Ok(())
    }
}

/// Reads a whole evaluation folder. Every problem in every file is collected before failing,
/// so one run shows all of them.
pub fn read_folder(
    folder: &EvaluationFolder,
    source: &measurements::MeasurementSource,
    lenient: bool,
) -> Result<Inputs> {
    let (info, vendors) = vendors::read(folder)?;
    let mut source = source.clone();
    if source.zone.is_none() {
        if let Some(tz) = &info.timezone {
            source.zone = Some(Zone::parse(tz).map_err(|e| {
                Error::invalid(Diagnostic::new(vendors::FILE, None, format!("timezone: {e}")))
            })?);
        }
    }
    let source = &source;
    let ids: Vec<&str> = vendors.iter().map(|v| v.id.as_str()).collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let measurements = match measurements::read(folder, source, &ids) {
        Ok(m) => {
            if !m.rejected.is_empty() {
                if lenient {
                    warnings.extend(m.rejected.iter().cloned());
                } else {
                    errors.extend(m.rejected.iter().cloned());
                    errors.push(Diagnostic::new(
                        m.file.clone(),
                        None,
                        format!(
                            "{} rows rejected, {}{} rows usable{} (use --lenient to evaluate with the usable rows only)",
                            m.rows_rejected,
                            if m.duplicates > 0 {
                                format!("{} duplicated probe id(s), ", m.duplicates)
                            } else {
                                String::new()
                            },
                            m.tickets.len(),
                            match &m.main_cause {
                                Some((cause, rows)) => format!("; {rows} of the rejected rows: {cause}"),
                                None => String::new(),
                            }
                        ),
                    ));
                }
            }
            m
        }
        Err(Error::Invalid(ds)) => {
            errors.extend(ds);
            measurements::Measurements::empty()
        }
        Err(e) => return Err(e),
    };

    let mut collect = |r: Result<Vec<Diagnostic>>| -> Result<()> {
        match r {
            Ok(w) => warnings.extend(w),
            Err(Error::Invalid(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
        Ok(())
    };
    let mut sla = Vec::new();
    collect(sla::read_all(folder, &ids).map(|(d, w)| {
        sla = d;
        w
    }))?;
    let mut transcripts = Vec::new();
    let zone = NaiveZone {
        zone: source.zone,
        hint: vendors::ZONE_HINT,
    };
    collect(transcript::read_all(folder, &ids, zone).map(|(t, w)| {
        transcripts = t;
        w
    }))?;
    let mut profiles = Vec::new();
    collect(profile::read_all(folder, &ids).map(|p| {
        profiles = p;
        Vec::new()
    }))?;

    // The plan each vendor is held to, by its SLA's plan names.
    let (plans, plan_errors) = plan::hold_all(&vendors, &sla);
    errors.extend(plan_errors);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    warnings.sort();
    let mut inputs = Inputs {
        folder: info,
        vendors,
        measurements,
        sla,
        transcripts,
        profiles,
        plans,
        warnings,
        missing: Vec::new(),
    };
    inputs.find_missing()?;
    Ok(inputs)
}
