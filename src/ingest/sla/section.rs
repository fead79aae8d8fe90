//! Sections: what a heading or a lead-in line says about the lines under it.

use crate::ingest::sla::lex::duration::Duration;
use crate::ingest::sla::lex::zone::zone_in;
use crate::ingest::sla::plans::PlanFinder;
use crate::ingest::sla::vocab::{priorities_in, vocabulary};
use crate::model::domain::Priority;

/// What a heading says about the lines under it.
#[derive(Debug, Clone, Default)]
pub(super) struct Section {
    pub(super) level: usize,
    pub(super) plan: Option<String>,
    pub(super) priorities: Vec<Priority>,
    pub(super) responds: bool,
    pub(super) resolves: bool,
    pub(super) business: bool,
    pub(super) around_the_clock: bool,
    pub(super) timezone: Option<(i32, String)>,
}

impl Section {
    /// A section opened under this one by a heading or lead-in line (`norm`): what the line
    /// names (plan, priorities, clock, zone), else what this section had.
    pub(super) fn nested(&self, plans: &PlanFinder, level: usize, norm: &str) -> Section {
        let v = vocabulary();
        let priorities = priorities_in(norm);
        Section {
            level,
            plan: plans.plan_in(norm).or(self.plan.clone()),
            priorities: if priorities.is_empty() {
                self.priorities.clone()
            } else {
                priorities
            },
            responds: self.responds,
            resolves: self.resolves,
            business: v.business.is_match_normalized(norm) || self.business,
            around_the_clock: v.always_on.is_match_normalized(norm) || self.around_the_clock,
            timezone: zone_in(norm).or(self.timezone.clone()),
        }
    }
}

/// A line that introduces the lines under it (`Response targets:`), as a section does.
pub(super) const LEAD_IN: usize = 100;

/// How a promise's clock runs, from its own words and its context.
pub(super) fn clock_of(text: &str, section: &Section, d: &Duration) -> (bool, bool) {
    let v = vocabulary();
    let business = d.business || v.business.is_match_normalized(text) || section.business;
    let around = !business && (v.always_on.is_match_normalized(text) || section.around_the_clock);
    (business, around)
}
