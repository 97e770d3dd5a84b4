//! Fuzz target: see `adr::fuzz_targets::edit` for the invariant it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| adr::fuzz_targets::edit(data));
