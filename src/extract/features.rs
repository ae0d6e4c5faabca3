//! Features of one claim.

use serde::{Deserialize, Serialize};

use super::aliases::AliasTable;
use super::attribution::{find_attributions, Attribution};
use super::dates::{find_dates, DateMention, PartialDate};
use super::numbers::{find_numbers, NumberMention};
use crate::lang::Lang;
use crate::normalize::{fold, words, WordKind, WordSpan};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Word,
    Entity,
    Number,
}

/// A normalised term used for matching, with the word it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Matching key: a stem, `@entity`, `#number` or `~watch-list set`.
    pub key: String,
    /// The folded word(s) as written, for soft matching and explanations.
    pub surface: String,
    pub kind: TermKind,
    /// Said inside an attribution ("…, a indiqué le Kremlin dans un communiqué"): it names
    /// who speaks, so alignment weighs it less.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub light: bool,
}

/// Words inside quotation marks, and who said them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte span within the claim text, marks included.
    pub span: Span,
    /// The quoted words, without the marks.
    pub text: String,
    /// Normalised speaker (an alias name or the folded words), when the claim names one.
    pub speaker: Option<String>,
    /// The speaker as the claim writes it ("la préfète des Landes"), for messages; a leading
    /// function word is lower-cased ("Le Kremlin" → "le Kremlin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// The quote's sentences, as byte spans of `text`, split with the language's
    /// abbreviations ("M. Lavrov" stays in one sentence).
    #[serde(default)]
    pub sentences: Vec<Span>,
}

/// A hedge or negation cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub text: String,
}

/// A word of one side of an opposite pair of the language ("confirmé" of "confirmé" /
/// "démenti"), so that a claim saying the opposite of another can be found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Polarity {
    pub span: Span,
    pub text: String,
    /// Index of the pair in the language's `opposites`.
    pub pair: usize,
    /// 0 or 1: which side of the pair.
    pub side: usize,
}

/// A name: an alias set member or a run of capitalised words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub text: String,
    /// Canonical name: the alias set's first entry, or the last word of the name.
    pub key: String,
    /// The first names as written, between any title and the surname with its particles
    /// ("Jean-Yves" of "Jean-Yves Le Drian"; "Donald", "J." of "Donald J. Trump"). Empty for
    /// a name of one word, a title and a surname ("President Trump"), a surname that opens
    /// with a particle ("Al Qaeda") and an alias set's member: the entity rule tells two
    /// people of one surname apart by them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

/// Everything the rules look at in one claim.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Features {
    pub terms: Vec<Term>,
    pub quotes: Vec<Quote>,
    pub numbers: Vec<NumberMention>,
    pub dates: Vec<DateMention>,
    pub attributions: Vec<Attribution>,
    pub hedges: Vec<Cue>,
    pub negations: Vec<Cue>,
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub polarity: Vec<Polarity>,
    /// When the claim states several facts, each clause with its own features
    /// ([`super::clauses`]): alignment compares them one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<super::clauses::Clause>,
}

impl Features {
    /// The claim's names as (alias set or canonical name, as written) pairs, for
    /// [`crate::normalize::WrittenForms::with_names`].
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entities
            .iter()
            .map(|e| (e.key.as_str(), e.text.as_str()))
    }
}

/// Extract the features of `text` (a claim of an article in `lang` dated `article_date`).
/// `aliases` are the rule set's name sets; `term_sets` its watch-list sets, matched as one term.
pub fn extract(
    text: &str,
    lang: &Lang,
    article_date: Option<PartialDate>,
    aliases: &AliasTable,
    term_sets: &AliasTable,
) -> Features {
    let ws = words(text);
    let folded: Vec<String> = ws.iter().map(|w| fold(&text[w.start..w.end])).collect();
    let dates = find_dates(text, &ws, &folded, lang, article_date);
    let date_spans =
        crate::normalize::SpanCover::new(&dates.iter().map(|d| d.span).collect::<Vec<Span>>());
    let numbers = find_numbers(text, &ws, &folded, lang, &date_spans);
    let stemmer = rust_stemmers::Stemmer::create(lang.stemmer);

    // Content words: no stopwords, no elided articles ("l'", "qu'").
    let content: Vec<usize> = (0..ws.len())
        .filter(|&k| {
            let f = &folded[k];
            if ws[k].kind == WordKind::Number {
                return true;
            }
            let elided = text[ws[k].end..].starts_with(['\'', '’']) && lang.elisions.contains(f);
            !elided && !lang.stopwords.contains(f)
        })
        .collect();
    let content_words: Vec<&str> = content.iter().map(|&k| folded[k].as_str()).collect();

    let attributions = find_attributions(text, &ws, &folded, lang, aliases, &date_spans);
    // A term said inside the claim's own attribution names who speaks: it weighs less.
    let regions = crate::normalize::SpanCover::new(
        &attributions
            .iter()
            .filter(|a| !a.nested)
            .map(|a| a.region)
            .collect::<Vec<Span>>(),
    );
    let said_by = |k: usize| regions.overlaps(ws[k].start, ws[k].start + 1);
    let mut terms = Vec::with_capacity(content.len());
    let mut entities = Vec::new();
    let mut covered = vec![false; ws.len()];
    let mut c = 0;
    while c < content.len() {
        let light = said_by(content[c]);
        if let Some((n, id)) = aliases.longest_match(&content_words, c) {
            let (a, b) = (ws[content[c]].start, ws[content[c + n - 1]].end);
            terms.push(Term {
                key: format!("@{}", aliases.key(id)),
                // Explanations and labels name the set, as written in the rule file.
                surface: aliases.name(id).to_string(),
                kind: TermKind::Entity,
                light,
            });
            entities.push(Entity {
                span: Span::new(a, b),
                text: text[a..b].to_string(),
                key: aliases.name(id).to_string(),
                given: Vec::new(),
            });
            for k in &content[c..c + n] {
                covered[*k] = true;
            }
            c += n;
            continue;
        }
        if let Some((n, id)) = term_sets.longest_match(&content_words, c) {
            terms.push(Term {
                key: format!("~{}", term_sets.key(id)),
                surface: content_words[c..c + n].join(" "),
                kind: TermKind::Word,
                light,
            });
            c += n;
            continue;
        }
        let k = content[c];
        if ws[k].kind == WordKind::Number {
            if let Some(v) = super::numbers::parse_digits(&text[ws[k].start..ws[k].end], lang) {
                terms.push(Term {
                    key: format!("#{v}"),
                    surface: folded[k].clone(),
                    kind: TermKind::Number,
                    light,
                });
            }
        } else if folded[k].chars().count() > 1 || folded[k].chars().all(|ch| ch.is_ascii_digit()) {
            terms.push(Term {
                key: stemmer.stem(&folded[k]).into_owned(),
                surface: folded[k].clone(),
                kind: TermKind::Word,
                light,
            });
        }
        c += 1;
    }
    entities.extend(capitalised_names(text, &ws, &folded, &covered, lang));
    entities.sort_by_key(|e| e.span.start);

    let quotes = find_quotes(text, lang, &attributions);
    let hedges = find_hedges(text, &ws, &folded, lang, &date_spans);
    let negations = find_negations(text, lang);
    let polarity = find_polarity(text, &ws, &folded, lang);
    Features {
        terms,
        quotes,
        numbers,
        dates,
        attributions,
        hedges,
        negations,
        entities,
        polarity,
        clauses: Vec::new(),
    }
}

/// Runs of capitalised words that are not known function words, months or weekdays:
/// "Staffan de Mistura", "Jarablous", "Barry D. Romeril". A dotted acronym is one name
/// ("U.S.", key "us", as "US"). At the start of a sentence a capitalised word may be any word,
/// so there only a run of two or more counts ("Home Depot reported"), unless its first word
/// is a usual sentence opener. The full stop of a title or an initial ("M. Lavrov",
/// "Mr. Mills") does not start a sentence. Titles before a name are not part of it ("Prime
/// Minister Theresa May" is "Theresa May"), and titles alone are no name ("le Premier
/// ministre").
fn capitalised_names(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    covered: &[bool],
    lang: &Lang,
) -> Vec<Entity> {
    let word = |k: usize| &text[ws[k].start..ws[k].end];
    let gap = |k: usize| &text[ws[k].end..ws.get(k + 1).map_or(text.len(), |w| w.start)];
    // A capital letter and its full stop: an initial, or a letter of a dotted acronym.
    let is_initial = |k: usize| {
        let w = word(k);
        w.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) && gap(k).starts_with('.')
    };
    // An abbreviated title and its full stop: "M.", "Mr.".
    let title_stop = |k: usize| lang.is_abbreviation(word(k)) && gap(k).trim_end() == ".";
    // A full stop that does not end the sentence: after a title or an initial.
    let abbreviated = |k: usize| title_stop(k) || (is_initial(k) && gap(k).trim_end() == ".");
    let is_title = |k: usize| lang.titles.contains(&folded[k]);
    let is_cap = |k: usize| {
        word(k).starts_with(char::is_uppercase)
            && !covered[k]
            && !title_stop(k)
            && (is_initial(k) || !lang.stopwords.contains(&folded[k]))
            && !lang.months.contains_key(&folded[k])
            && !lang.weekdays.contains_key(&folded[k])
    };
    let sentence_start = |k: usize| {
        k == 0 || {
            let between = gap(k - 1);
            (between.contains(['.', '!', '?', ':']) && !abbreviated(k - 1))
                || between.chars().any(|c| lang.is_quote_mark(c))
        }
    };
    // Does the name go on from word `k` to the next one?
    let joined = |k: usize| {
        k + 1 < ws.len()
            && is_cap(k + 1)
            && (!gap(k).contains([',', '.', ';', '(', ')', ':'])
                || (is_initial(k) && gap(k).trim() == "." && word(k + 1).len() > 1))
    };
    // The last letter of a dotted acronym that starts at `k`.
    let acronym_end = |k: usize| {
        let mut e = k;
        while is_initial(e) && e + 1 < ws.len() && is_initial(e + 1) && gap(e) == "." {
            e += 1;
        }
        (e > k && !covered[k..=e].iter().any(|c| *c)).then_some(e)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        if let Some(e) = acronym_end(k) {
            let (a, b) = (ws[k].start, ws[e].end + 1);
            out.push(Entity {
                span: Span::new(a, b),
                text: text[a..b].to_string(),
                key: folded[k..=e].concat(),
                given: Vec::new(),
            });
            k = e + 1;
            continue;
        }
        // "Lowe's reported": a possessive makes a name of a sentence's first word.
        let possessive = || {
            gap(k).starts_with(['\'', '’'])
                && k + 1 < ws.len()
                && lang.possessives.contains(&folded[k + 1])
        };
        let opens_name = is_cap(k)
            && (!sentence_start(k)
                || (!lang.sentence_starters.contains(word(k)) && (joined(k) || possessive())));
        if !opens_name {
            k += 1;
            continue;
        }
        let mut end = k;
        while end + 1 < ws.len() {
            let next = end + 1;
            if joined(end) && acronym_end(next).is_none() {
                end = next;
            } else if next + 1 < ws.len()
                && (lang.name_links.contains(&folded[next])
                    // "Chalon-sur-Saône", "Aix-en-Provence": a small word hyphenated
                    // between two capitalised ones.
                    || (gap(end) == "-" && gap(next) == "-"))
                && is_cap(next + 1)
            {
                end = next + 1;
            } else {
                break;
            }
        }
        // Titles before the name are not part of it, when a name of more than one word is
        // left ("Prime Minister Theresa May"): "General Electric" stays whole.
        let mut first = k;
        while first < end && is_title(first) {
            first += 1;
        }
        let rest = (first..=end)
            .filter(|&j| !lang.abbreviations_final.contains(word(j)))
            .count();
        if rest < 2 {
            first = k;
        }
        if (first..=end).all(is_title) {
            k = end + 1;
            continue;
        }
        let (a, b) = (ws[first].start, ws[end].end);
        // A title may stand inside the run too ("Interior Minister Jane Doe", "Russian
        // President Putin"): the first names come after the last one.
        let named = (first..=end)
            .rev()
            .find(|&j| is_title(j))
            .map_or(first, |j| j + 1);
        let mut given: Vec<&str> = if named < end {
            text[ws[named].start..b].split_whitespace().collect()
        } else {
            Vec::new()
        };
        // The surname, and the particles before it ("Le Drian", "bin Salman").
        given.pop();
        while given
            .last()
            .is_some_and(|w| lang.name_links.contains(&crate::normalize::fold(w)))
        {
            given.pop();
        }
        out.push(Entity {
            span: Span::new(a, b),
            text: text[a..b].to_string(),
            key: folded[end].clone(),
            given: given.into_iter().map(str::to_string).collect(),
        });
        k = end + 1;
    }
    out
}

/// Quotations with their speaker: the attribution nearest to the quote.
fn find_quotes(text: &str, lang: &Lang, attributions: &[Attribution]) -> Vec<Quote> {
    let mut regions = crate::segment::quote_regions(text, lang);
    regions.sort();
    // Keep outer quotations only.
    let mut outer: Vec<(usize, usize)> = Vec::new();
    for r in regions {
        if outer.last().is_some_and(|o| r.0 < o.1) {
            continue;
        }
        outer.push(r);
    }
    outer
        .into_iter()
        .filter_map(|(o, e)| {
            let inner = text[o..e]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(|c: char| {
                    !(c.is_alphanumeric() || matches!(c, '.' | '!' | '?' | ')'))
                });
            if inner.is_empty() {
                return None;
            }
            let (speaker, speaker_text) = attributions
                .iter()
                .filter(|a| a.span.end <= o || a.span.start >= e)
                .min_by_key(|a| {
                    if a.span.start >= e {
                        a.span.start - e
                    } else {
                        o - a.span.end
                    }
                })
                .filter(|a| !a.anaphoric)
                .map(|a| (Some(a.source.clone()), Some(written_speaker(&a.text, lang))))
                .unwrap_or((None, None));
            Some(Quote {
                span: Span::new(o, e),
                sentences: crate::segment::split_sentences(inner, Span::new(0, inner.len()), lang)
                    .into_iter()
                    .map(|p| p.span)
                    .collect(),
                text: inner.to_string(),
                speaker,
                speaker_text,
            })
        })
        .collect()
}

/// A source as written, to name it inside a message: a leading function word ("Le", "The") is
/// lower-cased, as it reads in the middle of a sentence; names keep their capitals.
fn written_speaker(text: &str, lang: &Lang) -> String {
    let first = words(text)
        .first()
        .map(|w| (w.end, fold(&text[w.start..w.end])));
    match first {
        Some((end, f)) if lang.stopwords.contains(&f) || lang.elisions.contains(&f) => {
            format!("{}{}", text[..end].to_lowercase(), &text[end..])
        }
        _ => text.to_string(),
    }
}

/// Hedge cues. Words inside a date are not cues: "May" in "May 20" is the month.
fn find_hedges(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    dates: &crate::normalize::SpanCover,
) -> Vec<Cue> {
    let mut out = Vec::new();
    let patterns = &lang.patterns().hedges;
    for (k, f) in folded.iter().enumerate() {
        let w = ws[k];
        let word = &text[w.start..w.end];
        let by_word = lang.hedge_words.contains(f);
        // Hedge patterns describe one whole word ("-erait"): tried on each word, which is
        // short, rather than on the whole claim.
        let matched = patterns.iter().any(|p| p.is_match(word));
        let by_pattern = matched && !lang.hedge_exceptions.contains(f);
        // A conditional reported after a past tense is the future of the past.
        let reported = matched && in_reported_past_clause(text, ws, folded, lang, k);
        if (by_word || by_pattern) && !reported && !w.inside_any(dates) {
            out.push(Cue {
                span: Span::new(w.start, w.end),
                text: word.to_string(),
            });
        }
    }
    for phrase in &lang.hedge_phrases {
        for k in 0..folded.len() {
            if folded[k..].starts_with(phrase) {
                let span = Span::new(ws[k].start, ws[k + phrase.len() - 1].end);
                out.push(Cue {
                    span,
                    text: text[span.start..span.end].to_string(),
                });
            }
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Is word `k` in a clause reported after a reporting verb in a past tense, "il a annoncé
/// qu'il se rendrait jeudi"? The language's `hedges.reported` says which words open the
/// clause and which verbs report in a past tense; the opener is the nearest one before `k`
/// in the same sentence, and the verb is at most four words before the opener.
fn in_reported_past_clause(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    k: usize,
) -> bool {
    /// Words between a reporting verb and the clause it opens: "a annoncé jeudi soir que".
    const MAX_GAP: usize = 4;
    /// Words between a past auxiliary and its participle: "a-t-il aussi annoncé".
    const MAX_AUX_GAP: usize = 3;
    let r = &lang.hedge_reported;
    if r.openers.is_empty() {
        return false;
    }
    // Does the text between word i and word i + 1 end a sentence or a quotation?
    let breaks = |i: usize| {
        let gap = &text[ws[i].end..ws[i + 1].start];
        gap.contains(['.', '!', '?', ';', ':']) || gap.chars().any(|c| lang.is_quote_mark(c))
    };
    let mut j = k;
    loop {
        if j == 0 || breaks(j - 1) {
            return false;
        }
        j -= 1;
        if r.openers.contains(&folded[j]) {
            break;
        }
    }
    for v in (j.saturating_sub(MAX_GAP)..j).rev() {
        if breaks(v) {
            return false;
        }
        let w = &folded[v];
        if r.past_forms.contains(w) {
            return true;
        }
        if (lang.attribution_verbs.contains(w) || r.participles.contains(w))
            && (v.saturating_sub(MAX_AUX_GAP)..v).any(|a| r.auxiliaries.contains(&folded[a]))
        {
            return true;
        }
    }
    false
}

/// Words of the language's opposite pairs, longest phrase first where they overlap.
fn find_polarity(text: &str, ws: &[WordSpan], folded: &[String], lang: &Lang) -> Vec<Polarity> {
    let mut out: Vec<Polarity> = Vec::new();
    for (k, word) in folded.iter().enumerate() {
        for (phrase, pair, side) in lang.opposites.get(word).into_iter().flatten() {
            if folded[k..].starts_with(phrase) {
                let span = Span::new(ws[k].start, ws[k + phrase.len() - 1].end);
                out.push(Polarity {
                    span,
                    text: text[span.start..span.end].to_string(),
                    pair: *pair,
                    side: *side,
                });
            }
        }
    }
    out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    // "voted against" and "against": the longer phrase stands. A word in several pairs
    // ("démenti": of "confirmé" and of "reconnu") stays in each.
    let mut kept: Vec<Polarity> = Vec::new();
    for p in out {
        if kept
            .last()
            .is_none_or(|q| q.span.end <= p.span.start || q.span == p.span)
        {
            kept.push(p);
        }
    }
    kept
}

fn find_negations(text: &str, lang: &Lang) -> Vec<Cue> {
    let mut found: Vec<Span> = Vec::new();
    for p in &lang.patterns().negations {
        found.extend(p.find_iter(text).map(|m| Span::new(m.start(), m.end())));
    }
    // The exceptions run only on claims with a cue: most have none, and those patterns take
    // the slow engine on a whole claim.
    let excluded: Vec<Span> = if found.is_empty() {
        Vec::new()
    } else {
        lang.patterns()
            .not_negations
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| Span::new(m.start(), m.end())))
            .collect()
    };
    let mut out: Vec<Cue> = Vec::new();
    for span in found {
        let overlaps = |s: &Span| s.start < span.end && span.start < s.end;
        if excluded.iter().any(overlaps) || out.iter().any(|c| overlaps(&c.span)) {
            continue;
        }
        out.push(Cue {
            span,
            text: text[span.start..span.end].to_string(),
        });
    }
    out.sort_by_key(|c| c.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn features(text: &str) -> Features {
        extract(
            text,
            Lang::get(LangCode::Fr),
            PartialDate::parse_iso("2017-01-28"),
            &aliases(),
            &AliasTable::default(),
        )
    }

    /// Features of an undated claim in `lang`.
    fn features_in(text: &str, lang: LangCode) -> Features {
        extract(
            text,
            Lang::get(lang),
            None,
            &aliases(),
            &AliasTable::default(),
        )
    }

    /// The text of each cue `which` picks from the features of `text`.
    fn cue_texts(text: &str, code: LangCode, which: fn(Features) -> Vec<Cue>) -> Vec<String> {
        which(features_in(text, code))
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    fn names_in(text: &str, lang: LangCode) -> Vec<String> {
        features_in(text, lang)
            .entities
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn names_after_titles_initials_and_at_sentence_start() {
        use LangCode::{En, Fr};
        assert_eq!(
            names_in("M. Lavrov a parlé avec MM. Kerry et Obama.", Fr),
            ["Lavrov", "Kerry", "Obama"]
        );
        assert_eq!(
            names_in("Le Premier ministre Édouard Philippe a parlé.", Fr),
            ["Édouard Philippe"]
        );
        // A title alone is no name.
        assert!(names_in("Le Premier ministre a parlé.", Fr).is_empty());
        assert_eq!(
            names_in("Named were Paul A. Allaire and G. Richard Thoman.", En),
            ["Paul A. Allaire", "G. Richard Thoman"]
        );
        assert_eq!(
            names_in("U.S. forces left, Mr. Mills said.", En),
            ["U.S.", "Mills"]
        );
        assert_eq!(
            names_in("Home Depot reported a profit.", En),
            ["Home Depot"]
        );
        assert_eq!(names_in("Lowe's reported a profit.", En), ["Lowe"]);
        // A capitalised first word alone may be any word.
        assert!(names_in("Profits rose.", En).is_empty());
        assert!(names_in("The company's profit rose.", En).is_empty());
    }

    #[test]
    fn a_first_name_comes_after_titles_and_before_a_surname() {
        use LangCode::{En, Fr};
        let given = |text: &str, lang: LangCode| -> Vec<(String, Vec<String>)> {
            features_in(text, lang)
                .entities
                .into_iter()
                .map(|e| (e.text, e.given))
                .collect()
        };
        let one = |name: &str, first: &[&str]| {
            vec![(
                name.to_string(),
                first.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            )]
        };
        assert_eq!(
            given("Selon lui, Jean-Yves Le Drian viendra.", Fr),
            one("Jean-Yves Le Drian", &["Jean-Yves"])
        );
        assert_eq!(
            given("Selon lui, Mme Royal viendra.", Fr),
            one("Mme Royal", &[])
        );
        assert_eq!(
            given("Then Interior Minister Jane Doe spoke.", En),
            one("Interior Minister Jane Doe", &["Jane"])
        );
        assert_eq!(
            given("Then Russian President Putin spoke.", En),
            one("Russian President Putin", &[])
        );
        assert_eq!(given("Then J. Smith spoke.", En), one("J. Smith", &["J."]));
        assert_eq!(
            given("Then Donald J. Trump spoke.", En),
            one("Donald J. Trump", &["Donald", "J."])
        );
        assert_eq!(
            given("Then Crown Prince Mohammed bin Salman spoke.", En),
            one("Crown Prince Mohammed bin Salman", &["Mohammed"])
        );
        assert_eq!(given("Then Al Qaeda spoke.", En), one("Al Qaeda", &[]));
        assert_eq!(
            given("Then Vladimir Poutine spoke.", En),
            one("Vladimir Poutine", &[])
        );
    }

    #[test]
    fn a_month_is_no_hedge() {
        let cues = |t: &str| cue_texts(t, LangCode::En, |f| f.hedges);
        assert_eq!(cues("The talks may resume on May 20."), ["may"]);
        assert!(cues("The talks will resume on May 20.").is_empty());
    }

    #[test]
    fn quote_with_inverted_speaker() {
        let f = features("\"Les présidents se sont exprimés en faveur d'une coordination\", a précisé le Kremlin dans un communiqué.");
        assert_eq!(f.quotes.len(), 1);
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Kremlin"));
        assert_eq!(f.attributions[0].source, "Kremlin");
    }

    #[test]
    fn a_quote_keeps_its_speaker_as_written() {
        let f = features("« C'est un drame », a déclaré la préfète des Landes.");
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("prefete landes"));
        assert_eq!(
            f.quotes[0].speaker_text.as_deref(),
            Some("la préfète des Landes")
        );
        let f = features("Le Kremlin a déclaré : « Nous sommes prêts ».");
        assert_eq!(f.quotes[0].speaker_text.as_deref(), Some("le Kremlin"));
        let f = features_in(
            "\"There is no ongoing threat to the public,\" Bryant said.",
            LangCode::En,
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("bryant"));
        assert_eq!(f.quotes[0].speaker_text.as_deref(), Some("Bryant"));
    }

    #[test]
    fn speaker_before_quote_and_anaphora() {
        let f = features(
            "Donald Trump avait répondu: \"J'espère que nous aurons une relation fantastique\".",
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("donald trump"));
        let f = features("\"L'accent a été mis sur la priorité\", a indiqué la même source.");
        assert_eq!(f.quotes[0].speaker, None);
        assert!(f.attributions[0].anaphoric);
    }

    #[test]
    fn a_long_source_keeps_its_whole_name() {
        let f = features(
            "« Nous ne reculerons pas », a déclaré la dirigeante de l'opposition Nino Beridzé.",
        );
        assert_eq!(
            f.attributions[0].text,
            "la dirigeante de l'opposition Nino Beridzé"
        );
    }

    #[test]
    fn a_date_after_the_verb_is_not_the_source() {
        let f = features("L'aide sera versée, a annoncé jeudi 14 mars le Premier ministre.");
        assert_eq!(f.attributions[0].source, "premier ministre");
        for said in ["a déclaré hier le maire", "a déclaré samedi le maire"] {
            let f = features(&format!("« C'est fini », {said}."));
            assert_eq!(f.attributions[0].source, "maire", "{said}");
        }
    }

    #[test]
    fn a_passive_names_its_agent_or_no_source() {
        let sources = |t: &str, lang: LangCode| -> Vec<String> {
            features_in(t, lang)
                .attributions
                .into_iter()
                .map(|a| a.source)
                .collect()
        };
        assert!(sources("No injuries were reported.", LangCode::En).is_empty());
        assert!(sources("The cause is said to be a gas leak.", LangCode::En).is_empty());
        assert_eq!(
            sources(
                "The deal was announced by the Kremlin on Monday.",
                LangCode::En
            ),
            ["Kremlin"]
        );
        assert!(sources("Il est précisé que le vol a été annulé.", LangCode::Fr).is_empty());
        assert_eq!(
            sources(
                "Le cessez-le-feu a été annoncé par le Kremlin.",
                LangCode::Fr
            ),
            ["Kremlin"]
        );
        assert!(sources("Le feu s'est déclaré vers 4 heures.", LangCode::Fr).is_empty());
        // A reflexive keeps the subject a speaker.
        assert_eq!(
            sources(
                "Donald Trump s'est dit prêt à revoir les sanctions.",
                LangCode::Fr
            ),
            ["donald trump"]
        );
    }

    #[test]
    fn a_verb_form_used_as_a_noun_names_no_source() {
        let f = features("Le syndicat a dénoncé « un effet d'annonce » et appelé à la grève.");
        let sources: Vec<&str> = f.attributions.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(sources, ["syndicat"]);
    }

    #[test]
    fn reported_speaker_is_nested() {
        let sources = |t: &str| -> Vec<(String, bool)> {
            features_in(t, LangCode::En)
                .attributions
                .into_iter()
                .map(|a| (a.source, a.nested))
                .collect()
        };
        assert_eq!(
            sources("The Sahel Liberation Front claimed responsibility for the attack, the army said on Monday."),
            [("sahel liberation front".to_string(), true), ("army".to_string(), false)]
        );
        assert_eq!(
            sources("Police said the group claimed responsibility."),
            [("police".to_string(), false), ("group".to_string(), true)]
        );
    }

    #[test]
    fn hyphenated_place_names_are_one_name() {
        let names: Vec<String> = features("Un TER reliant Nevers à Chalon-sur-Saône a déraillé.")
            .entities
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(names, ["TER", "Nevers", "Chalon-sur-Saône"]);
    }

    #[test]
    fn an_adverb_in_the_verb_group_is_no_source() {
        let sources = |t: &str, lang: LangCode| -> Vec<String> {
            features_in(t, lang)
                .attributions
                .iter()
                .filter(|a| !a.nested)
                .map(|a| a.source.clone())
                .collect()
        };
        assert_eq!(
            sources(
                "La Commission a toutefois estimé que 100 personnes pourraient avoir été tuées.",
                LangCode::Fr
            ),
            ["commission"]
        );
        assert_eq!(
            sources(
                "The ministry has also said that the toll may rise.",
                LangCode::En
            ),
            ["ministry"]
        );
        // "selon les données du ministère": the ministry is the source, not the data.
        assert_eq!(
            sources(
                "Selon les données du ministère de l'Intérieur, 1,1 million de personnes ont manifesté.",
                LangCode::Fr
            ),
            ["ministere interieur"]
        );
        // A passive names no source, even after a name in apposition.
        assert!(sources(
            "L'ancien président, Nicolas Sarkozy, a été reconnu coupable d'association de malfaiteurs.",
            LangCode::Fr
        )
        .is_empty());
    }

    #[test]
    fn selon_and_named_speaker() {
        let f = features("Une coordination est possible, selon le sénateur russe Viktor Ozerov qui se base sur l'entretien.");
        assert_eq!(f.attributions[0].source, "senateur russe viktor ozerov");
        let f = features(
            "«Je suis sûr que ce dialogue continuera», a déclaré Ozerov à l'agence Sputnik.",
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("ozerov"));
    }

    #[test]
    fn reporting_verbs_of_the_language() {
        let sources = |t: &str, lang: LangCode| -> Vec<String> {
            features_in(t, lang)
                .attributions
                .into_iter()
                .map(|a| a.source)
                .collect()
        };
        for verb in [
            "a réagi",
            "a confié",
            "a fait savoir",
            "a tweeté",
            "a écrit sur X",
            "a écrit dans un communiqué",
            "a confié à l'AFP",
            "a martelé",
            "a insisté",
            "a souligné",
            "a rappelé",
            "a dénoncé",
            "a assuré",
            "a affirmé",
        ] {
            let t = format!("« C'est inacceptable », {verb} le maire de Brest.");
            assert_eq!(sources(&t, LangCode::Fr), ["maire brest"], "{t}");
        }
        assert_eq!(
            sources(
                "Le ministère de l'Intérieur a fait savoir que la réforme sera retirée.",
                LangCode::Fr
            ),
            ["ministere interieur"]
        );
        for t in [
            "\"It is unacceptable,\" the mayor tweeted.",
            "\"It is unacceptable,\" the mayor insisted.",
            "\"It is unacceptable,\" the mayor stressed.",
            "\"It is unacceptable,\" the mayor noted.",
            "\"It is unacceptable,\" stressed the mayor.",
            "The mayor posted on X that the reform would be withdrawn.",
            "The mayor wrote on X that the reform would be withdrawn.",
        ] {
            assert_eq!(sources(t, LangCode::En), ["mayor"], "{t}");
        }
    }

    #[test]
    fn a_source_in_apposition_is_the_person_with_the_title() {
        let found = |t: &str, lang: LangCode| -> Vec<(String, String)> {
            features_in(t, lang)
                .attributions
                .into_iter()
                .map(|a| (a.text, a.source))
                .collect()
        };
        let one = |text: &str, source: &str| vec![(text.to_string(), source.to_string())];
        assert_eq!(
            found(
                "Le Premier ministre, François Garnier, a déclaré que la réforme serait retirée.",
                LangCode::Fr
            ),
            one(
                "Le Premier ministre, François Garnier",
                "premier ministre francois garnier"
            )
        );
        assert_eq!(
            found(
                "La réforme sera retirée, a déclaré le Premier ministre, François Garnier, lors d'un point presse.",
                LangCode::Fr
            ),
            one(
                "le Premier ministre, François Garnier",
                "premier ministre francois garnier"
            )
        );
        assert_eq!(
            found(
                "Lundi, François Garnier, Premier ministre, a déclaré que la réforme serait retirée.",
                LangCode::Fr
            ),
            one(
                "François Garnier, Premier ministre",
                "francois garnier premier ministre"
            )
        );
        assert_eq!(
            found(
                "Interior Minister Jane Doe said the reform would be withdrawn.",
                LangCode::En
            ),
            one("Interior Minister Jane Doe", "interior minister jane doe")
        );
        assert_eq!(
            found(
                "Jane Doe, a spokeswoman for the mayor, said the reform would be withdrawn.",
                LangCode::En
            ),
            one(
                "Jane Doe, a spokeswoman for the mayor",
                "jane doe spokeswoman mayor"
            )
        );
        // A clause between commas is no title.
        for t in [
            "Doe, in a letter to the court, said the reform would be withdrawn.",
            "Doe, indicted in February, said the reform would be withdrawn.",
        ] {
            let sources = found(t, LangCode::En);
            assert!(
                sources
                    .iter()
                    .all(|(_, s)| !s.contains("court") && !s.contains("february")),
                "{t}: {sources:?}"
            );
        }
        assert_eq!(
            found(
                "The interior minister, Jane Doe, said the reform would be withdrawn.",
                LangCode::En
            ),
            one(
                "The interior minister, Jane Doe",
                "interior minister jane doe"
            )
        );
        assert_eq!(
            found(
                "The reform will be withdrawn, the interior minister, Jane Doe, said on Monday.",
                LangCode::En
            ),
            one(
                "the interior minister, Jane Doe",
                "interior minister jane doe"
            )
        );
    }

    #[test]
    fn selon_inside_a_later_clause_sources_that_clause_only() {
        let own = |t: &str| -> Vec<String> {
            features(t)
                .attributions
                .into_iter()
                .filter(|a| !a.nested)
                .map(|a| a.source)
                .collect()
        };
        assert!(own("Le conflit avec les séparatistes dans l'Est, soutenus selon Kiev par la Russie, continue.").is_empty());
        assert_eq!(
            own("Le bilan s'élève selon la police à 12 morts."),
            ["police"]
        );
        assert_eq!(
            own("Le bilan, lourd, s'élève à 12 morts selon la police."),
            ["police"]
        );
        assert_eq!(
            own("Le bilan, lourd, s'élève à 12 morts, selon la police, qui enquête."),
            ["police"]
        );
    }

    #[test]
    fn hedges_and_negations() {
        let f = features("La Russie et les Etats-Unis pourraient aboutir à un accord sur une potentielle coordination.");
        let h: Vec<&str> = f.hedges.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(h, ["pourraient", "potentielle"]);
        assert!(f.negations.is_empty());
        let f =
            features("Moscou ne souhaitait pas voir une telle situation, sans aucun fondement.");
        assert_eq!(f.negations.len(), 3, "{:?}", f.negations);
        let f = features("Il ne reste que deux jours.");
        assert!(f.negations.is_empty(), "{:?}", f.negations);
        let f = features("Un portrait du président.");
        assert!(f.hedges.is_empty());
        // A hedge written with a hyphen is a phrase of the claim's words.
        let f = features("Il viendra peut-être demain.");
        let h: Vec<&str> = f.hedges.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(h, ["peut-être"]);
    }

    #[test]
    fn the_conditional_is_a_hedge_and_the_imperfect_is_not() {
        let hedged = |w: &str| {
            !features(&format!("Le conducteur {w} en gare à midi."))
                .hedges
                .is_empty()
        };
        for w in [
            "aurait",
            "serait",
            "pourrait",
            "devrait",
            "faudrait",
            "voudrait",
            "saurait",
            "ferait",
            "viendrait",
            "prendrait",
            "mettrait",
            "dirait",
            "finirait",
            "entrerait",
            "assurerait",
            "auraient",
            "pourraient",
            "entreraient",
            "irait",
            "verrait",
            "recevrait",
            "connaîtrait",
            "vivrait",
            "suivrait",
            "conclurait",
            "permettrait",
            "tiendrait",
            "attendrait",
        ] {
            assert!(hedged(w), "{w} is a conditional");
        }
        for w in [
            "entrait",
            "assurait",
            "ignorait",
            "durait",
            "montrait",
            "rencontrait",
            "tirait",
            "ouvrait",
            "retirait",
            "attirait",
            "inspirait",
            "admirait",
            "désirait",
            "aspirait",
            "respirait",
            "virait",
            "entraient",
            "espérait",
            "encadrait",
            "éclairait",
            "serrait",
            "restaurait",
            "figurait",
            "livrait",
            "enregistrait",
            "offrait",
        ] {
            assert!(!hedged(w), "{w} is an imperfect");
        }
    }

    #[test]
    fn the_future_of_the_past_is_no_hedge() {
        let cues =
            |t: &str| -> Vec<String> { features(t).hedges.into_iter().map(|c| c.text).collect() };
        assert!(cues("Le Premier ministre a annoncé qu'il se rendrait jeudi à Dax.").is_empty());
        assert!(cues("Il avait dit jeudi soir que la ligne serait rouverte lundi.").is_empty());
        assert!(cues("Le ministre annonçait que les aides seraient versées en avril.").is_empty());
        assert!(
            cues("Matignon a aussi indiqué, dans un communiqué, que le plan serait présenté.")
                .is_empty()
        );
        // A conditional that no past reporting verb governs is still a hedge.
        assert_eq!(cues("Il se rendrait jeudi à Dax."), ["rendrait"]);
        assert_eq!(
            cues("Il annonce qu'il se rendrait jeudi à Dax."),
            ["rendrait"]
        );
        assert_eq!(
            cues("Il a annoncé sa visite. Il se rendrait jeudi à Dax."),
            ["rendrait"]
        );
        assert_eq!(
            cues("Le ministre a dit : « Il se rendrait à Dax »."),
            ["rendrait"]
        );
        // Other hedges in a reported clause stay hedges.
        assert_eq!(
            cues("Il a annoncé qu'il se rendra peut-être à Dax."),
            ["peut-être"]
        );
        // English "would" after "said" is no hedge.
        assert!(
            features_in("He said he would resign on Monday.", LangCode::En)
                .hedges
                .is_empty()
        );
    }

    #[test]
    fn appearances_and_sans_doute_are_hedges() {
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.hedges);
        assert_eq!(
            en("The shooting appeared to be gang-related."),
            ["appeared to"]
        );
        assert_eq!(
            en("The fire appears to have started in the kitchen."),
            ["appears to"]
        );
        assert_eq!(en("It appeared the gunman acted alone."), ["It appeared"]);
        assert_eq!(en("The suspect seemed calm."), ["seemed"]);
        // Appearing somewhere is a fact.
        assert!(en("The suspect appeared in court on Monday.").is_empty());
        assert!(en("He appears on television every week.").is_empty());
        let fr: Vec<String> = features("Le chauffeur a sans doute contourné les barrières.")
            .hedges
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(fr, ["sans doute"]);
        // "Without any doubt" is certainty.
        assert!(features("Il a sans aucun doute contourné les barrières.")
            .hedges
            .is_empty());
    }

    #[test]
    fn idioms_that_look_negative_are_no_negation() {
        let fr = |t: &str| -> Vec<String> {
            features(t).negations.into_iter().map(|c| c.text).collect()
        };
        for t in [
            "Le chauffeur a sans doute contourné les barrières.",
            "Il a sans aucun doute contourné les barrières.",
            "Une mobilisation d'une ampleur sans précédent.",
            "Les secours travaillent sans cesse depuis mardi.",
            "C'est l'accident le plus meurtrier jamais enregistré en France.",
            "C'est le pire bilan jamais vu dans la région.",
            "La plus grande manifestation jamais organisée à Tbilissi.",
            "Le bilan ne cesse de s'alourdir, plus de 30 morts selon la préfecture.",
            "Il n'y a que deux survivants.",
            "Il n'en reste plus que deux.",
            "Il ne fait aucun doute que le chauffeur a contourné les barrières.",
            "Le village a disparu à jamais.",
        ] {
            assert!(fr(t).is_empty(), "{t}: {:?}", fr(t));
        }
        // Real negations stay.
        assert_eq!(
            fr("Le train ne circulait plus depuis mardi."),
            ["ne circulait plus"]
        );
        assert_eq!(fr("Il n'a jamais été aussi meurtrier."), ["n'a jamais"]);
        assert_eq!(
            fr("Il ne dit pas que le chauffeur a menti."),
            ["ne dit pas"]
        );
        assert_eq!(fr("Il est parti sans prévenir."), ["sans"]);
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.negations);
        for t in [
            "There is no doubt the driver ignored the barriers.",
            "The storm hit not only Florida but also Georgia.",
            "The hospital's care is second to none, the mayor said.",
            "It was the deadliest attack ever recorded in the city.",
            "The footage shows never-before-seen images of the crash.",
            "No more than 30 people were injured.",
        ] {
            assert!(en(t).is_empty(), "{t}: {:?}", en(t));
        }
        assert_eq!(en("The virus had never before been detected."), ["never"]);
    }

    #[test]
    fn verbs_that_deny_what_follows_are_negations() {
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.negations);
        assert_eq!(
            en("The ministry declined to confirm that the patient had died."),
            ["declined to confirm"]
        );
        assert_eq!(en("He refused to testify."), ["refused to testify"]);
        assert_eq!(en("Talks failed to reach a deal."), ["failed to reach"]);
        assert_eq!(
            en("Police have yet to identify the suspect."),
            ["yet to identify"]
        );
        assert_eq!(en("The minister was unaware of the payments."), ["unaware"]);
        assert_eq!(en("She was unable to say when."), ["unable to say"]);
        // A price that declined to a level denies nothing.
        assert!(en("Shares declined to a two-week low.").is_empty());
        assert!(en("The rate declined to 4.5% in March.").is_empty());
        let fr = |t: &str| -> Vec<String> {
            features(t).negations.into_iter().map(|c| c.text).collect()
        };
        assert_eq!(
            fr("Le ministère a refusé de confirmer le décès."),
            ["refusé de"]
        );
        assert_eq!(fr("Le ministère a refusé d'en dire plus."), ["refusé d'"]);
        assert_eq!(
            fr("Le conducteur ignorait que le camion était bloqué."),
            ["ignorait"]
        );
        assert_eq!(
            fr("Le suspect n'a toujours pas été identifié."),
            ["n'a toujours pas"]
        );
    }

    #[test]
    fn aliases_become_entity_terms() {
        let f = features("Le chef de l'Etat russe a parlé avec le groupe Daech.");
        let keys: Vec<&str> = f
            .terms
            .iter()
            .filter(|t| t.kind == TermKind::Entity)
            .map(|t| t.key.as_str())
            .collect();
        assert_eq!(keys, ["@vladimir-poutine", "@etat-islamique"]);
        let f = features("Vladimir Poutine et Staffan de Mistura se sont vus à Astana.");
        let names: Vec<&str> = f.entities.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(names, ["Vladimir Poutine", "mistura", "astana"]);
    }
}
