//! The claims the unit tests of each feature read. They are extracted whole, as the
//! pipeline does, because one feature depends on others: a quote's speaker on the
//! attributions, a hedge on the dates.

use super::aliases::AliasTable;
use super::dates::PartialDate;
use super::features::{extract, Features};
use super::Cue;
use crate::lang::{Lang, LangCode};

fn aliases() -> AliasTable {
    AliasTable::new(&[
        vec!["Kremlin".into(), "présidence russe".into()],
        vec![
            "Vladimir Poutine".into(),
            "Poutine".into(),
            "président russe".into(),
            "chef de l'État russe".into(),
        ],
        vec!["État islamique".into(), "EI".into(), "Daech".into()],
    ])
}

/// Features of a French claim of an article dated 28 January 2017.
pub(super) fn features(text: &str) -> Features {
    extract(
        text,
        Lang::get(LangCode::Fr),
        PartialDate::parse_iso("2017-01-28"),
        &aliases(),
        &AliasTable::default(),
    )
}

/// Features of an undated claim in `lang`.
pub(super) fn features_in(text: &str, lang: LangCode) -> Features {
    extract(
        text,
        Lang::get(lang),
        None,
        &aliases(),
        &AliasTable::default(),
    )
}

/// The text of each cue `which` picks from the features of `text`.
pub(super) fn cue_texts(
    text: &str,
    code: LangCode,
    which: fn(Features) -> Vec<Cue>,
) -> Vec<String> {
    which(features_in(text, code))
        .into_iter()
        .map(|c| c.text)
        .collect()
}
