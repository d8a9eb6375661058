//! Examples for jindu: see `delivery.rs`.
