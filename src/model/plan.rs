//! The support plan a vendor is held to: the one the buyer would sign (`plan` in vendors.toml),
//! or, when none is named, the plan of the SLA with the most first-response promises. Its
//! promises (and those naming no plan) are scored; other plans' are context. Filled by
//! `ingest::plan`, read by the promises, the metrics of the SLA and the reports.

/// The plan a vendor is held to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeldPlan {
    /// The plan's name as the SLA writes it (as vendors.toml writes it when the SLA names no
    /// plan). `None`: no plan is singled out, and every promise applies.
    pub name: Option<String>,
    /// Every name the SLA gives this plan (two when it names it in two languages).
    pub names: Vec<String>,
    /// Not named in vendors.toml: the plan with the most first-response promises.
    pub assumed: bool,
    /// The plan names the SLA uses, in the order they first appear.
    pub plans_found: Vec<String>,
    /// Assumed plans with as many first-response promises as the one assumed.
    pub tied_with: Vec<String>,
}

impl HeldPlan {
    /// Whether a commitment of `plan` binds the vendor: one naming no plan binds every plan,
    /// one naming another plan is context.
    pub fn covers(&self, plan: Option<&str>) -> bool {
        match (plan, &self.name) {
            (None, _) | (_, None) => true,
            (Some(p), Some(_)) => self.names.iter().any(|n| n == p),
        }
    }

    /// The plan whose schedule a promise naming no plan runs on.
    pub fn schedule_plan(&self) -> Option<&str> {
        self.names.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promises_of_no_plan_bind_every_plan() {
        let held = HeldPlan {
            name: Some("Enterprise".into()),
            names: vec!["Enterprise".into(), "企业版".into()],
            ..HeldPlan::default()
        };
        assert!(held.covers(None));
        assert!(held.covers(Some("企业版")));
        assert!(!held.covers(Some("Basic")));
        assert!(HeldPlan::default().covers(Some("Basic")));
    }
}
