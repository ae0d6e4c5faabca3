//! Word-level diff of two claims (with `similar`). Numbers stay whole ("3 000" → "30 000" is
//! one replaced number, not "+30 =000"), and the ops rebuild both texts exactly.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DiffTagKind {
    Equal,
    Insert,
    Delete,
}

/// One step of a word diff: text kept, inserted (only in the new text) or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiffOp {
    pub op: DiffTagKind,
    pub text: String,
}

/// Tokens (words and gaps) of both texts above which [`word_diff`] only keeps their common
/// start and end: some 5,000 words, many times a claim.
const MAX_DIFF_TOKENS: usize = 20_000;

/// Words and the gaps between them, as slices of `text`. Concatenated they give `text`.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut pos = 0;
    for w in crate::normalize::words(text) {
        if w.start > pos {
            out.push(&text[pos..w.start]);
        }
        out.push(&text[w.start..w.end]);
        pos = w.end;
    }
    if pos < text.len() {
        out.push(&text[pos..]);
    }
    out
}

/// Diff `old` against `new`, word by word. The diff is the same whichever text comes first
/// (`word_diff(b, a)` is `word_diff(a, b)` with insertions and deletions swapped), so that a
/// pair of claims gives the same finding whichever side is the reference; each run of changes
/// is written as its deletion, then its insertion.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    if old <= new {
        changes_grouped(raw_diff(old, new))
    } else {
        let mirrored = raw_diff(new, old).into_iter().map(|o| DiffOp {
            op: match o.op {
                DiffTagKind::Insert => DiffTagKind::Delete,
                DiffTagKind::Delete => DiffTagKind::Insert,
                DiffTagKind::Equal => DiffTagKind::Equal,
            },
            text: o.text,
        });
        changes_grouped(mirrored.collect())
    }
}

/// Each run of ops between two kept texts as one deletion then one insertion (both texts are
/// rebuilt as before).
fn changes_grouped(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<DiffOp>, del: &mut String, ins: &mut String| {
        for (op, text) in [(DiffTagKind::Delete, del), (DiffTagKind::Insert, ins)] {
            if !text.is_empty() {
                out.push(DiffOp {
                    op,
                    text: std::mem::take(text),
                });
            }
        }
    };
    for o in ops {
        match o.op {
            DiffTagKind::Delete => del.push_str(&o.text),
            DiffTagKind::Insert => ins.push_str(&o.text),
            DiffTagKind::Equal => {
                flush(&mut out, &mut del, &mut ins);
                out.push(o);
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// The diff as the algorithm gives it, `old` first.
fn raw_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let a = tokens(old);
    let b = tokens(new);
    let mut out: Vec<DiffOp> = Vec::new();
    // Tokens are appended to the last op while its kind holds: one string per run.
    let mut push = |op: DiffTagKind, tokens: &[&str]| {
        for &text in tokens.iter().filter(|t| !t.is_empty()) {
            match out.last_mut() {
                Some(last) if last.op == op => last.text.push_str(text),
                _ => out.push(DiffOp {
                    op,
                    text: text.to_string(),
                }),
            }
        }
    };
    if a.len() + b.len() > MAX_DIFF_TOKENS {
        // Past a size no claim reaches, the diff's worst case is quadratic: keep the common
        // start and end, and the middle is replaced.
        let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let same_end = a[same_start..]
            .iter()
            .rev()
            .zip(b[same_start..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        push(DiffTagKind::Equal, &a[..same_start]);
        push(DiffTagKind::Delete, &a[same_start..a.len() - same_end]);
        push(DiffTagKind::Insert, &b[same_start..b.len() - same_end]);
        push(DiffTagKind::Equal, &a[a.len() - same_end..]);
        return out;
    }
    for d in capture_diff_slices(Algorithm::Patience, &a, &b) {
        let (tag, old_range, new_range) = d.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(DiffTagKind::Equal, &a[old_range]),
            DiffTag::Delete => push(DiffTagKind::Delete, &a[old_range]),
            DiffTag::Insert => push(DiffTagKind::Insert, &b[new_range]),
            DiffTag::Replace => {
                push(DiffTagKind::Delete, &a[old_range]);
                push(DiffTagKind::Insert, &b[new_range]);
            }
        }
    }
    out
}

/// The text with typography folded away: curly and straight apostrophes and quotes, « » and
/// “ ”, an ellipsis and three dots, and spacing (French quotes and thin spaces) compare
/// equal.
fn typography_folded(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if let Some(plain) = crate::normalize::plain_mark(c) {
            out.push(plain);
            continue;
        }
        match c {
            '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '″' => out.push('"'),
            '…' => out.push_str("..."),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The ops as reports show them: a deletion followed by an insertion that differ only in
/// typography (`l'armée` / `l’armée`, `« paix »` / `“paix”`) read as kept text, in the new
/// claim's form; then short runs of kept words between two changes are folded into them
/// (semantic clean-up, as diff-match-patch does), so that a reworded stretch reads as one
/// replacement and not as a row of one-word swaps. The ops themselves (JSON `diffs`) keep
/// every character.
pub fn for_display(ops: &[DiffOp]) -> Vec<DiffOp> {
    semantic_cleanup(&typography_as_kept(ops))
}

fn typography_as_kept(ops: &[DiffOp]) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    let mut push = |op: DiffTagKind, text: &str| match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(DiffOp {
            op,
            text: text.to_string(),
        }),
    };
    let mut i = 0;
    while i < ops.len() {
        if let [del, ins, ..] = &ops[i..] {
            if del.op == DiffTagKind::Delete
                && ins.op == DiffTagKind::Insert
                && typography_folded(&del.text) == typography_folded(&ins.text)
            {
                push(DiffTagKind::Equal, &ins.text);
                i += 2;
                continue;
            }
        }
        push(ops[i].op, &ops[i].text);
        i += 1;
    }
    out
}

/// A stretch of a diff: kept text, or a change (what the old text had there, what the new
/// one has).
enum Stretch {
    Kept(String),
    Changed(String, String),
}

/// Characters that are not whitespace: how long a stretch reads.
fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Kept text between two changes that is no longer than the changes on either side of it
/// joins them (diff-match-patch's semantic clean-up, on words).
fn semantic_cleanup(ops: &[DiffOp]) -> Vec<DiffOp> {
    let mut stretches: Vec<Stretch> = Vec::new();
    for op in ops {
        match (op.op, stretches.last_mut()) {
            (DiffTagKind::Equal, _) => stretches.push(Stretch::Kept(op.text.clone())),
            (DiffTagKind::Delete, Some(Stretch::Changed(old, _))) => old.push_str(&op.text),
            (DiffTagKind::Insert, Some(Stretch::Changed(_, new))) => new.push_str(&op.text),
            (DiffTagKind::Delete, _) => {
                stretches.push(Stretch::Changed(op.text.clone(), String::new()))
            }
            (DiffTagKind::Insert, _) => {
                stretches.push(Stretch::Changed(String::new(), op.text.clone()))
            }
        }
    }
    let mut i = 1;
    while i + 1 < stretches.len() {
        let joins = match &stretches[i - 1..=i + 1] {
            [Stretch::Changed(o1, n1), Stretch::Kept(kept), Stretch::Changed(o2, n2)] => {
                let kept = visible_len(kept);
                kept <= visible_len(o1).max(visible_len(n1))
                    && kept <= visible_len(o2).max(visible_len(n2))
            }
            _ => false,
        };
        if !joins {
            i += 1;
            continue;
        }
        let mut run = stretches.drain(i - 1..=i + 1);
        let (
            Some(Stretch::Changed(mut old, mut new)),
            Some(Stretch::Kept(kept)),
            Some(Stretch::Changed(o2, n2)),
        ) = (run.next(), run.next(), run.next())
        else {
            unreachable!("matched above")
        };
        drop(run);
        old.push_str(&kept);
        old.push_str(&o2);
        new.push_str(&kept);
        new.push_str(&n2);
        stretches.insert(i - 1, Stretch::Changed(old, new));
        // The joined change may now swallow the kept text before it.
        i = i.saturating_sub(1).max(1);
    }
    let mut out = Vec::new();
    for s in stretches {
        match s {
            Stretch::Kept(text) => out.push(DiffOp {
                op: DiffTagKind::Equal,
                text,
            }),
            Stretch::Changed(old, new) => {
                for (op, text) in [(DiffTagKind::Delete, old), (DiffTagKind::Insert, new)] {
                    if !text.is_empty() {
                        out.push(DiffOp { op, text });
                    }
                }
            }
        }
    }
    out
}

/// Below this share of kept words ([`similarity`]), a word diff is mostly markup: reports
/// show the two claims whole, side by side, with the words they share marked.
pub const SIDE_BY_SIDE_BELOW: f64 = 0.5;

/// A piece of one claim's text, and whether the other claim has it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub shared: bool,
    pub text: String,
}

/// How reports show a claim against the claim it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A readable word diff ([`for_display`]).
    Diff(Vec<DiffOp>),
    /// The two claims share little: each whole (`old`, then `new`), shared words marked.
    Apart { old: Vec<Piece>, new: Vec<Piece> },
}

/// How to show the diff `ops`: a word diff when the claims share most of their words, else
/// the two claims side by side.
pub fn shown(ops: &[DiffOp]) -> Shown {
    let kept = typography_as_kept(ops);
    if similarity(&kept) >= SIDE_BY_SIDE_BELOW {
        return Shown::Diff(semantic_cleanup(&kept));
    }
    let side = |skip: DiffTagKind| -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        for op in kept.iter().filter(|o| o.op != skip) {
            // A shared run of small words ("de la") says nothing; names and numbers do.
            let shared = op.op == DiffTagKind::Equal
                && crate::normalize::words(&op.text).iter().any(|w| {
                    let word = &op.text[w.start..w.end];
                    word.chars().count() >= 4 || word.chars().any(|c| c.is_ascii_digit())
                });
            match pieces.last_mut() {
                Some(last) if last.shared == shared => last.text.push_str(&op.text),
                _ => pieces.push(Piece {
                    shared,
                    text: op.text.clone(),
                }),
            }
        }
        pieces
    };
    Shown::Apart {
        old: side(DiffTagKind::Insert),
        new: side(DiffTagKind::Delete),
    }
}

/// Share of words kept, in [0, 1]: 1 when the texts have the same words.
pub fn similarity(ops: &[DiffOp]) -> f64 {
    let count = |op: DiffTagKind| -> usize {
        ops.iter()
            .filter(|o| o.op == op)
            .map(|o| crate::normalize::words(&o.text).len())
            .sum()
    };
    let (eq, ins, del) = (
        count(DiffTagKind::Equal),
        count(DiffTagKind::Insert),
        count(DiffTagKind::Delete),
    );
    if eq + ins + del == 0 {
        return 1.0;
    }
    2.0 * eq as f64 / (2 * eq + ins + del) as f64
}

/// The words that changed: (deleted, inserted), trimmed.
pub fn changed_words(ops: &[DiffOp]) -> (Vec<String>, Vec<String>) {
    let pick = |op: DiffTagKind| {
        ops.iter()
            .filter(|o| o.op == op)
            .map(|o| o.text.trim().to_string())
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .collect()
    };
    (pick(DiffTagKind::Delete), pick(DiffTagKind::Insert))
}

/// Where the diff changes each text, as byte spans of the old text and of the new one: the
/// words deleted or inserted, and in the other text the empty span where that happens.
pub fn changed_spans(ops: &[DiffOp]) -> [Vec<Span>; 2] {
    let mut out = [Vec::new(), Vec::new()];
    let mut pos = [0, 0];
    for op in ops {
        let len = op.text.len();
        let side = match op.op {
            DiffTagKind::Equal => {
                pos[0] += len;
                pos[1] += len;
                continue;
            }
            DiffTagKind::Delete => 0,
            DiffTagKind::Insert => 1,
        };
        let words = op.text.trim();
        if !words.is_empty() {
            let lead = len - op.text.trim_start().len();
            let start = pos[side] + lead;
            out[side].push(Span::new(start, start + words.len()));
            out[1 - side].push(Span::new(pos[1 - side], pos[1 - side]));
        }
        pos[side] += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_spans_locate_the_words_in_both_texts() {
        let (old, new) = ("Il a dit 279 électeurs.", "Il a dit 297 grands électeurs.");
        let [in_old, in_new] = changed_spans(&word_diff(old, new));
        let texts = |t: &str, spans: &[Span]| -> Vec<String> {
            spans
                .iter()
                .map(|s| t[s.start..s.end].to_string())
                .collect()
        };
        // "279" is deleted, then "297 grands" inserted at the same place.
        assert_eq!(texts(old, &in_old), ["279", ""]);
        assert_eq!(texts(new, &in_new), ["", "297 grands"]);
        assert_eq!(in_new[0].start, new.find("297").unwrap());
    }

    /// The old text rebuilt from a diff.
    fn old_text(ops: &[DiffOp]) -> String {
        ops.iter()
            .filter(|o| o.op != DiffTagKind::Insert)
            .map(|o| o.text.as_str())
            .collect()
    }

    /// The new text rebuilt from a diff.
    fn new_text(ops: &[DiffOp]) -> String {
        ops.iter()
            .filter(|o| o.op != DiffTagKind::Delete)
            .map(|o| o.text.as_str())
            .collect()
    }

    #[test]
    fn numbers_diff_whole() {
        let ops = word_diff("environ 3 000 soldats", "environ 30 000 soldats");
        let (del, ins) = changed_words(&ops);
        assert_eq!(del, ["3 000"]);
        assert_eq!(ins, ["30 000"]);
    }

    #[test]
    fn typography_alone_is_not_shown_as_an_edit() {
        let ops = word_diff(
            "Selon l'armée, « la paix » est proche.",
            "Selon l’armée, “la paix” est proche.",
        );
        assert!(ops.iter().any(|o| o.op != DiffTagKind::Equal));
        let shown = for_display(&ops);
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert_eq!(shown[0].text, "Selon l’armée, “la paix” est proche.");
        // A real edit next to it stays.
        let shown = for_display(&word_diff("l'armée a dit", "l’Armée a dit"));
        assert!(shown.iter().any(|o| o.op == DiffTagKind::Insert));
    }

    #[test]
    fn short_kept_runs_between_changes_join_them() {
        let ops = word_diff(
            "En attendant une décision, le Kremlin se tait.",
            "D'autres sujets pourront être abordés, le Kremlin se tait.",
        );
        let shown = for_display(&ops);
        let kinds: Vec<DiffTagKind> = shown.iter().map(|o| o.op).collect();
        assert_eq!(
            kinds,
            [DiffTagKind::Delete, DiffTagKind::Insert, DiffTagKind::Equal],
            "{shown:?}"
        );
        assert_eq!(shown[0].text, "En attendant une décision");
        assert_eq!(shown[1].text, "D'autres sujets pourront être abordés");
        // Long kept runs stay.
        let shown = for_display(&word_diff(
            "Poutine et Trump ont parlé samedi au téléphone.",
            "Poutine et Trump ont parlé dimanche au téléphone.",
        ));
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert_eq!(
            old_text(&shown),
            "Poutine et Trump ont parlé samedi au téléphone."
        );
    }

    #[test]
    fn claims_sharing_little_are_shown_apart() {
        let old = "Vladimir Poutine a félicité Donald Trump pour sa victoire.";
        let new = "Donald Trump a remporté l'élection avec 279 grands électeurs.";
        match shown(&word_diff(old, new)) {
            Shown::Apart { old: o, new: n } => {
                let text = |p: &[Piece]| p.iter().map(|p| p.text.as_str()).collect::<String>();
                assert_eq!(text(&o), old);
                assert_eq!(text(&n), new);
                let shared: Vec<&str> = n
                    .iter()
                    .filter(|p| p.shared)
                    .map(|p| p.text.trim())
                    .collect();
                assert_eq!(shared, ["Donald Trump"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            shown(&word_diff(
                "Il a dit 279 électeurs.",
                "Il a dit 297 électeurs."
            )),
            Shown::Diff(_)
        ));
    }

    #[test]
    fn rebuilds_both_sides() {
        let a = "une coordination réelle des actions russes et américaines";
        let b = "une véritable coordination entre les actions russes et américaines";
        let ops = word_diff(a, b);
        assert_eq!(old_text(&ops), a);
        assert_eq!(new_text(&ops), b);
        assert!(similarity(&ops) > 0.5 && similarity(&ops) < 1.0);
    }

    #[test]
    fn either_side_first_gives_the_mirror_diff() {
        let a = "Les présidents se sont exprimés en faveur de la mise en place d'une coordination réelle des actions russes et américaines pour détruire l'EI et les autres groupements terroristes en Syrie";
        let b = "Les présidents se sont exprimés en faveur de la mise en place d'une véritable coordination entre les actions russes et américaines en vue de détruire l'Etat islamique et d'autres groupes terroristes en Syrie";
        let (ab, ba) = (word_diff(a, b), word_diff(b, a));
        assert_eq!(old_text(&ab), a);
        assert_eq!(new_text(&ab), b);
        assert_eq!(old_text(&ba), b);
        assert_eq!(new_text(&ba), a);
        assert_eq!(changed_words(&ab), {
            let (d, i) = changed_words(&ba);
            (i, d)
        });
    }
}
