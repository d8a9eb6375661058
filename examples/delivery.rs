//! The delivery example (written next).
fn main() {}
