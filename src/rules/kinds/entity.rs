//! `entity`: a name on one side replaced by another name on the other.
//!
//! Example: « Lavrov a averti son homologue Kerry » vs « Lavrov a averti son homologue
//! Tillerson ». The swap must show in the word diff (a name deleted where another is
//! inserted), so names that one outlet merely adds are not swaps. Names in one alias set
//! ("Poutine", "le président russe") are the same name.

use serde_json::json;

use super::{ClaimView, Hit};
use crate::diff::{DiffOp, DiffTagKind};
use crate::extract::Entity;

pub const DOC: &str = "A name on one side is replaced by another name on the other: in the word \
diff, a name is deleted where a different name is inserted. Names in one alias set are the \
same name.\n\
Example: \"son homologue Kerry\" vs \"son homologue Tillerson\".";

/// Names (entities) inside a byte range.
fn names_in(entities: &[Entity], start: usize, end: usize) -> Vec<&Entity> {
    entities
        .iter()
        .filter(|e| e.span.start < end && start < e.span.end)
        .collect()
}

pub fn check(a: &ClaimView, b: &ClaimView, ops: &[DiffOp]) -> Option<Hit> {
    let (mut pa, mut pb) = (0, 0);
    let mut last_delete: Option<(usize, usize)> = None;
    for op in ops {
        let len = op.text.len();
        match op.op {
            DiffTagKind::Equal => {
                pa += len;
                pb += len;
                last_delete = None;
            }
            DiffTagKind::Delete => {
                last_delete = Some((pa, pa + len));
                pa += len;
            }
            DiffTagKind::Insert => {
                if let Some((ds, de)) = last_delete.take() {
                    let gone = names_in(&a.features.entities, ds, de);
                    let came = names_in(&b.features.entities, pb, pb + len);
                    let old: Vec<&&Entity> = gone
                        .iter()
                        .filter(|g| !b.features.entities.iter().any(|e| e.key == g.key))
                        .collect();
                    let new: Vec<&&Entity> = came
                        .iter()
                        .filter(|c| !a.features.entities.iter().any(|e| e.key == c.key))
                        .collect();
                    if let (Some(o), Some(n)) = (old.first(), new.first()) {
                        return Some(Hit::new(
                            format!(
                                "{} names {}, {} names {} in its place",
                                a.outlet, o.text, b.outlet, n.text
                            ),
                            json!({"left": o.text, "right": n.text, "left_key": o.key, "right_key": n.key}),
                        ));
                    }
                }
                pb += len;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn swapped_name() {
        let hit = run(
            "entity-swap",
            "Sergueï Lavrov a averti son homologue John Kerry samedi.",
            "Sergueï Lavrov a averti son homologue Rex Tillerson samedi.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "John Kerry");
        assert_eq!(hit.evidence["right"], "Rex Tillerson");
    }

    #[test]
    fn aliases_and_additions_are_not_swaps() {
        assert!(run(
            "entity-swap",
            "Poutine a appelé Trump.",
            "Le président russe a appelé Trump."
        )
        .is_none());
        assert!(run(
            "entity-swap",
            "Poutine a appelé Trump.",
            "Poutine a appelé Trump et Angela Merkel."
        )
        .is_none());
    }
}
