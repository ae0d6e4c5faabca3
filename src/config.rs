//! The effective rule set: the bundled defaults, or a user's rule file applied on them.

use crate::error::{Error, Result};
use crate::input::MAX_YAML_BYTES;
// Kept on this path for library users, who read their own YAML as the rule set does.
pub use crate::input::parse_yaml;

/// Load the effective rule set: the bundled defaults, or the user's rule file at `path`
/// applied on them. The only place that knows how rule files are read.
pub fn load(path: Option<&std::path::Path>) -> Result<crate::rules::RuleSet> {
    match path {
        None => crate::rules::ruleset::build(None),
        Some(p) => {
            let shown = p.display().to_string();
            let bytes = crate::input::read_limited(
                &shown,
                MAX_YAML_BYTES,
                "rule file",
                "pass a rule file (YAML)",
            )?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::input(&shown, "rule file is not valid UTF-8"))?;
            crate::rules::ruleset::build(Some((&shown, &text)))
        }
    }
}
