//! What can go wrong before any sampling starts: a malformed problem, a weight constraint that
//! does not parse, or constraints that leave the weights nowhere (or no room) to be.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum RobustnessError {
    /// The vendors x criteria problem or the options are not usable (the message says which
    /// vendor, criterion or option, and what was expected).
    Input(String),
    /// A weight constraint that does not parse or names an unknown criterion. `column` counts
    /// characters of `text` from 1.
    Constraint {
        index: usize,
        text: String,
        column: usize,
        message: String,
    },
    /// No weights satisfy these constraints together (an irreducible conflicting subset of
    /// the constraints given: drop any one and the rest can be met).
    Infeasible { constraints: Vec<String> },
    /// These constraints can only be met on a boundary (e.g. `a >= b` with `b >= a`, or
    /// `docs <= 0`): the weights have no room to vary, so there is nothing to sample.
    NoRoom { constraints: Vec<String> },
}

impl fmt::Display for RobustnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RobustnessError::Input(m) => write!(f, "{m}"),
            RobustnessError::Constraint {
                index,
                text,
                column,
                message,
            } => write!(
                f,
                "weight constraint {} `{text}`, column {column}: {message}",
                index + 1
            ),
            RobustnessError::Infeasible { constraints } => write!(
                f,
                "no weights satisfy these constraints together: {}",
                quoted(constraints)
            ),
            RobustnessError::NoRoom { constraints } => write!(
                f,
                "these constraints can only hold on a boundary, leaving the weights no room to vary: {} \
                 (state a fixed weight in the rubric instead)",
                quoted(constraints)
            ),
        }
    }
}

impl std::error::Error for RobustnessError {}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_constraints() {
        let e = RobustnessError::Infeasible {
            constraints: vec!["a >= 60".into(), "b >= 60".into()],
        };
        assert_eq!(
            e.to_string(),
            "no weights satisfy these constraints together: `a >= 60`, `b >= 60`"
        );
        let e = RobustnessError::Constraint {
            index: 0,
            text: "spam >= b".into(),
            column: 1,
            message: "unknown criterion `spam`".into(),
        };
        assert_eq!(
            e.to_string(),
            "weight constraint 1 `spam >= b`, column 1: unknown criterion `spam`"
        );
    }
}
