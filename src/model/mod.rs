//! Shared types that every stage speaks, with no I/O: the domain vocabulary (priorities,
//! channels) and evidence (a fact and the file:line it came from).

pub mod domain;
pub mod evidence;
pub mod transcript;
