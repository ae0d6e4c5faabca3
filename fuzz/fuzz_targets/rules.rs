//! The rule-file loader on arbitrary text: the bundled rules extended (or replaced) by a user
//! file. Bad files are refused with an error naming the file, never a panic or a hang, and a
//! rule set that loads can run its regular expressions on text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match claimdiff::rules::ruleset::build(Some(("fuzz.yaml", text))) {
        Ok(set) => {
            for rule in &set.rules {
                for p in &rule.patterns {
                    let _ = p.is_match("Moscou ne souhaitait pas voir une telle situation.");
                }
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.yaml"), "{message}");
        }
    }
});
