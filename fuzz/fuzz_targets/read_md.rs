//! Arbitrary bytes read as a .md article (invalid UTF-8 replaced, as --encoding lossy does).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    claimdiff_fuzz::read_and_check("fuzz.md", data);
});
