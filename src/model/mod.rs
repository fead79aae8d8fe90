//! Shared types that every stage speaks, with no I/O: the domain vocabulary (priorities,
//! channels), evidence (a fact and the file:line it came from), what an SLA document
//! commits to, and the plan a vendor is held to.

pub mod domain;
pub mod evidence;
pub mod plan;
pub mod sla;
pub mod ticket;
pub mod transcript;
