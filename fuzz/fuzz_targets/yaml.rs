//! The YAML reader (front matter today, rule files later) on arbitrary text: it must refuse
//! bad input with an error naming the file, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = claimdiff::config::parse_yaml::<serde_yaml::Value>("fuzz.yaml", text) {
        let message = e.to_string();
        assert!(message.starts_with("fuzz.yaml"), "{message}");
    }
});
