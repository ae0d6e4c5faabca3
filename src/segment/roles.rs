//! Roles: which pieces are claims, and which are headings, captions, bylines or boilerplate.
//! The patterns come from the language data (`rules/lang/*.yaml`).

use crate::lang::Lang;
use crate::source::Span;

use super::blocks::{ends_sentence, is_markup, is_space, Block};
use super::sentences::split_sentences;
use super::{Role, Segment};

/// Lines without final punctuation and at most this many words read as headings.
const MAX_HEADING_WORDS: usize = 20;

/// A list item of at least this many words says something ("Police say 12 people were
/// hurt"), with or without a final period; a shorter one is a label ("Key points", "Les
/// faits").
const MIN_STATEMENT_ITEM_WORDS: usize = 5;

/// A short line ending with a colon introduces what follows ("Key points:", "Ce que l'on sait
/// :"): a heading, when it has at most this many words.
const MAX_LABEL_WORDS: usize = 8;

/// Datelines are short ("WASHINGTON, Jan. 28 (Reuters) - "): a longer match is a sentence.
const MAX_DATELINE: usize = 80;

/// A correction notice is a short paragraph; a longer one that opens like a notice ("Mise à
/// jour : …" over a whole article on one line) is split into sentences as usual.
const MAX_NOTICE: usize = 600;

/// Strip Markdown emphasis around a span: `**Phrase.**` → `Phrase.`.
fn trim_markup(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let t = s.trim_start_matches(is_markup).trim_end_matches(is_markup);
    if t.is_empty() {
        return span;
    }
    let lead = s.len() - s.trim_start_matches(is_markup).len();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// The text a line pattern sees: Markdown emphasis removed and links read as their text,
/// as claims read them.
fn plain(s: &str) -> String {
    crate::normalize::link_texts_only(&s.replace(['*', '_'], ""))
        .trim()
        .to_string()
}

fn any_match(patterns: &[regex::Regex], raw: &str, plain: &str) -> bool {
    patterns
        .iter()
        .any(|p| p.is_match(raw) || p.is_match(plain))
}

/// A role that a whole line can have on its own: boilerplate, byline, caption.
pub(super) fn line_role(raw: &str, lang: &Lang) -> Option<Role> {
    // A Markdown image with its legend (HTML pages are read as Markdown): a caption.
    if raw.starts_with("![") {
        return Some(Role::Caption);
    }
    let plain = plain(raw);
    // Before boilerplate, which also reads "Publié le …" and "Published …" lines, without
    // their date.
    if dates_the_article(&plain, lang) {
        return Some(Role::Byline);
    }
    let patterns = lang.patterns();
    if any_match(&patterns.boilerplate, raw.trim(), &plain) {
        return Some(Role::Boilerplate);
    }
    if any_match(&patterns.bylines, raw.trim(), &plain) {
        return Some(Role::Byline);
    }
    if any_match(&patterns.captions, raw.trim(), &plain) {
        return Some(Role::Caption);
    }
    None
}

/// A line that dates the article is short: "Publié le mardi 11 mars 2025 à 14h05, mis à jour
/// le mercredi 12 mars 2025 à 08h12" has 18 words.
const MAX_PUBLICATION_WORDS: usize = 24;

/// A line that says when the article was published or updated ("Publié le 11/03/2025 à
/// 14h05", "Updated: 11 March 2025 14:05 GMT"): it opens with a cue of the language's
/// `publication` patterns, a date follows (a number, a month or a weekday comes first), and
/// it ends with a date or a time. A line that goes on after its date is a sentence or an
/// update notice ("Mis à jour le 12 mars à 17h40 avec les déclarations du ministre").
fn dates_the_article(line: &str, lang: &Lang) -> bool {
    if word_count(line) > MAX_PUBLICATION_WORDS {
        return false;
    }
    let patterns = lang.patterns();
    let opens_with_cue = patterns
        .published
        .iter()
        .chain(&patterns.updated)
        .filter_map(|re| re.find(line))
        .any(|cue| cue.start() == 0 && starts_a_date(&line[cue.end()..], lang));
    opens_with_cue && ends_with_date_or_time(line, lang)
}

fn is_date_word(word: &str, lang: &Lang) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || lang.months.contains_key(word)
}

fn starts_a_date(s: &str, lang: &Lang) -> bool {
    crate::normalize::fold_words(s)
        .first()
        .is_some_and(|w| is_date_word(w, lang) || lang.weekdays.contains_key(w))
}

/// The last word is a figure ("2025", "14h05"), a month, the mark of a clock time ("p.m.")
/// or a time zone in capitals ("GMT", "ET").
fn ends_with_date_or_time(line: &str, lang: &Lang) -> bool {
    let words = crate::normalize::fold_words(line);
    let Some(last) = words.last() else {
        return false;
    };
    let last_raw = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    is_date_word(last, lang)
        || lang
            .clock_am
            .iter()
            .chain(&lang.clock_pm)
            .any(|mark| words.ends_with(mark))
        || (2..=5).contains(&last_raw.len()) && last_raw.chars().all(|c| c.is_ascii_uppercase())
}

/// Where a dispatch's dateline ends at the start of `s` ("MOSCOW, Jan 28 (Reuters) - "), if
/// it opens with one. Markdown emphasis in or around it ("**WASHINGTON** —", "**PARIS
/// (Reuters)** -") is read through: the patterns see the words, and the dateline takes the
/// marks with it.
fn dateline_end(s: &str, lang: &Lang) -> Option<usize> {
    let mut words = String::with_capacity(MAX_DATELINE);
    // The offset in `s` of each byte of `words`.
    let mut offsets = Vec::with_capacity(MAX_DATELINE);
    let mut read = 0;
    for (i, c) in s.char_indices() {
        if words.len() + c.len_utf8() > MAX_DATELINE {
            break;
        }
        if c == '*' || c == '_' {
            continue;
        }
        words.push(c);
        offsets.extend(i..i + c.len_utf8());
        read = i + c.len_utf8();
    }
    let m = lang
        .patterns()
        .datelines
        .iter()
        .find_map(|p| p.find(&words))?;
    // The first byte after the dateline, past the marks that close it.
    Some(offsets.get(m.end()).copied().unwrap_or(read))
}

/// Ends with . ! ? or …, maybe followed by closing quotes: a finished sentence.
fn ends_with_terminator(s: &str, lang: &Lang) -> bool {
    s.trim_end_matches(|c: char| {
        is_space(c) || lang.closes_quote(c) || matches!(c, '*' | '_' | ')')
    })
    .ends_with(['.', '!', '?', '…'])
}

/// Ends with a closing quote mark and no terminator before it: a headline that ends on a
/// quoted phrase ("… contre la loi sur les « agents de l'étranger »"). A sentence puts its
/// period inside or after the quote.
fn ends_in_bare_quote(s: &str, lang: &Lang) -> bool {
    s.trim_end_matches(is_markup)
        .ends_with(|c| lang.closes_quote(c))
        && !ends_with_terminator(s, lang)
}

/// "… de l'Euphrate ." — a space before the final period marks a scraped title run into the
/// text, not a sentence.
fn spaced_final_period(s: &str) -> bool {
    s.strip_suffix('.')
        .is_some_and(|head| head.ends_with(is_space))
}

fn word_count(s: &str) -> usize {
    s.split(is_space)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A short line that ends with a colon and reports no one's words: a label for what follows
/// ("What we know so far:", "Ce que l'on sait :"), not a claim. "Powell told reporters:"
/// introduces a quote, and stays a claim.
fn is_label(s: &str, lang: &Lang) -> bool {
    s.trim_end_matches(is_markup).ends_with(':')
        && word_count(s) <= MAX_LABEL_WORDS
        && !crate::normalize::fold_words(s)
            .iter()
            .any(|w| lang.attribution_verbs.contains(w))
}

pub(super) fn segment_block(text: &str, block: &Block, lang: &Lang, out: &mut Vec<Segment>) {
    let mut push = |role: Role, span: Span| {
        out.push(Segment {
            role,
            span: trim_markup(text, span),
        })
    };
    if block.heading {
        push(Role::Heading, block.span);
        return;
    }
    if let Some(role) = block.role {
        push(role, block.span);
        return;
    }
    // A correction notice is read whole: "Correction: … misstated the number. It was 214, not
    // 412." is one notice, not two claims.
    let block_text = &text[block.span.start..block.span.end];
    if block_text.len() <= MAX_NOTICE
        && lang
            .patterns()
            .corrections
            .iter()
            .any(|p| p.is_match(block_text))
    {
        push(Role::Claim, block.span);
        return;
    }
    let pieces = split_sentences(text, block.span, lang);
    let single = pieces.len() == 1;
    for (i, mut piece) in pieces.into_iter().enumerate() {
        // A dispatch's dateline is not part of its first claim: its date is when the
        // dispatch was filed, not when the event happened.
        if i == 0 {
            let s = &text[piece.span.start..piece.span.end];
            if let Some(end) = dateline_end(s, lang).filter(|&end| end < s.len()) {
                push(
                    Role::Byline,
                    Span::new(piece.span.start, piece.span.start + end),
                );
                piece.span.start += end;
            }
        }
        let s = &text[piece.span.start..piece.span.end];
        let plain_piece = plain(s);
        // A list item often leaves out its final period.
        let finished =
            ends_sentence(s, lang) || block.list_item && word_count(s) >= MIN_STATEMENT_ITEM_WORDS;
        let role = if any_match(&lang.patterns().boilerplate, s, &plain_piece) {
            Role::Boilerplate
        } else if (single
            && (!finished || is_label(s, lang) || !block.list_item && ends_in_bare_quote(s, lang))
            || piece.glued && !ends_with_terminator(s, lang)
            || spaced_final_period(s))
            && word_count(s) <= MAX_HEADING_WORDS
        {
            Role::Heading
        } else if word_count(s) == 0 {
            Role::Boilerplate
        } else {
            Role::Claim
        };
        push(role, piece.span);
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{Lang, LangCode};
    use crate::segment::{segment, Role, SegmentOptions};
    use crate::source::Span;

    /// The segments of `text` in `lang`, with their roles.
    fn roles(text: &str, lang: LangCode) -> Vec<(Role, String)> {
        segment(
            text,
            Span::new(0, text.len()),
            Lang::get(lang),
            SegmentOptions::default(),
        )
        .into_iter()
        .map(|s| (s.role, text[s.span.start..s.span.end].to_string()))
        .collect()
    }

    /// The claims of `text` in `lang`.
    fn claims(text: &str, lang: LangCode) -> Vec<String> {
        roles(text, lang)
            .into_iter()
            .filter(|(r, _)| *r == Role::Claim)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn paywalls_credits_media_teasers_and_labels_are_not_claims() {
        use LangCode::{En, Fr};
        let fr = "Le train a percuté un camion-citerne mardi matin.\n\n\
            Les secours sur les lieux de l'accident, le 11 mars 2025. PHILIPPE LOPEZ / AFP\n\n\
            Les pompiers sur place. Photo Sud Ouest / Quentin Salinier\n\n\
            VIDÉO. Les images de la collision\n\nPHOTOS.\n\nCe que l'on sait :\n\n\
            A lire aussi : Millas, sept ans après\n\n\
            Il vous reste 75,42 % de cet article à lire. La suite est réservée aux abonnés.\n\n\
            Cet article est réservé aux abonnés.";
        assert_eq!(
            claims(fr, Fr),
            ["Le train a percuté un camion-citerne mardi matin."]
        );
        // Not a heading either: it must never become the article's title.
        assert!(roles(fr, Fr).contains(&(
            Role::Boilerplate,
            "A lire aussi : Millas, sept ans après".to_string()
        )));
        let en = "The train hit a truck on Tuesday.\n\n\
            Rescuers at the scene. (Photo: Reuters)\n\nVIDEO:\n\n\
            What we know so far:\n\nKey points:\n\n\
            This article is for subscribers only.\n\n\
            Powell told reporters:";
        assert_eq!(
            claims(en, En),
            [
                "The train hit a truck on Tuesday.",
                "Powell told reporters:"
            ]
        );
        // A real claim that names a slash, or ends a longer line with a colon, stays.
        assert_eq!(
            claims("The PSG / OM match was postponed on Sunday.", En),
            ["The PSG / OM match was postponed on Sunday."]
        );
    }

    #[test]
    fn a_headline_ending_on_a_quoted_phrase_is_not_a_claim() {
        let text = "Géorgie : manifestation contre la loi sur les « agents de l'étranger »\n\n\
            Des milliers de personnes ont manifesté contre la loi sur les « agents de l'étranger ».\n\n\
            « Nous ne reculerons pas ! »\n\n\
            Trump says Putin call was \"very good\"";
        assert_eq!(
            roles(text, LangCode::Fr)
                .into_iter()
                .map(|(r, _)| r)
                .collect::<Vec<_>>(),
            [Role::Heading, Role::Claim, Role::Claim, Role::Heading]
        );
    }

    #[test]
    fn an_update_time_is_boilerplate_but_a_sentence_about_updated_figures_is_a_claim() {
        let text = "Updated 3 hours ago\n\nPublished 11.03.2025 2:05 p.m. ET\n\n\
            Updated figures show 12 people died.";
        assert_eq!(
            roles(text, LangCode::En)
                .into_iter()
                .map(|(r, _)| r)
                .collect::<Vec<_>>(),
            [Role::Boilerplate, Role::Byline, Role::Claim]
        );
    }

    #[test]
    fn an_agency_footer_is_not_a_claim() {
        let text = "The fire was contained on Tuesday.\n\n\
            Copyright 2025 The Associated Press. All rights reserved. This material may not be \
            published, broadcast, rewritten or redistributed without permission.";
        assert_eq!(
            claims(text, LangCode::En),
            ["The fire was contained on Tuesday."]
        );
    }

    #[test]
    fn a_name_and_its_role_is_a_byline() {
        let text = "Le bilan pourrait encore s'alourdir.\n\nAnne Dupuis (Bordeaux, correspondante)";
        assert_eq!(
            roles(text, LangCode::Fr)[1],
            (
                Role::Byline,
                "Anne Dupuis (Bordeaux, correspondante)".to_string()
            )
        );
        // A name and a place in a sentence is not.
        assert_eq!(
            claims("Anne Dupuis (Bordeaux) a été élue maire.", LangCode::Fr).len(),
            1
        );
    }

    #[test]
    fn a_line_that_dates_the_article_is_a_byline() {
        for (lang, line) in [
            (LangCode::Fr, "Publié le 11/03/2025 à 14h05"),
            (LangCode::Fr, "Publié le 11 mars 2025"),
            (LangCode::Fr, "*Mis à jour le mardi 11 mars 2025 à 14h05*"),
            (
                LangCode::Fr,
                "Publié le 11 mars 2025 à 14h05, modifié le 12 mars 2025 à 8h12",
            ),
            (LangCode::En, "Published March 11, 2025"),
            (LangCode::En, "Updated: 11 March 2025 14:05 GMT"),
            (LangCode::En, "Last updated on March 11, 2025 at 2:05 p.m."),
        ] {
            let text = format!("{line}\n\nLe car s'est renversé mardi. The bus overturned.");
            assert_eq!(roles(&text, lang)[0].0, Role::Byline, "{line}");
        }
        // A line that goes on after its date is a notice or a sentence.
        assert_eq!(
            claims(
                "Mis à jour le 12 mars 2025 à 17h40 avec les déclarations du ministre",
                LangCode::Fr
            )
            .len(),
            1
        );
        assert_eq!(
            claims(
                "Published in 2019, the report found that 12 people died.",
                LangCode::En
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_dateline_in_bold_is_kept_out_of_the_first_claim() {
        let claim = "The Senate passed the bill on Tuesday.";
        for (lang, text, dateline) in [
            (
                LangCode::En,
                "**WASHINGTON** — The Senate passed the bill on Tuesday.",
                "WASHINGTON** —",
            ),
            (
                LangCode::En,
                "**WASHINGTON (Reuters)** - The Senate passed the bill on Tuesday.",
                "WASHINGTON (Reuters)** -",
            ),
            (
                LangCode::En,
                "_KYIV (AP)_ — The Senate passed the bill on Tuesday.",
                "KYIV (AP)_ —",
            ),
            (
                LangCode::Fr,
                "**Paris, 12 mars (AFP)** – The Senate passed the bill on Tuesday.",
                "Paris, 12 mars (AFP)** –",
            ),
        ] {
            assert_eq!(
                roles(text, lang),
                [
                    (Role::Byline, dateline.to_string()),
                    (Role::Claim, claim.to_string())
                ],
                "{text}"
            );
        }
        // Bold words that open a sentence are not a dateline.
        assert!(roles("**Le Sénat** a adopté le texte mardi.", LangCode::Fr)
            .iter()
            .all(|(role, _)| *role == Role::Claim));
    }

    #[test]
    fn a_list_item_that_states_something_is_a_claim() {
        let en = "Key points:\n\n- Police say 12 people were hurt\n- Key facts\n\
            * The mayor, who visited on Monday, called it a tragedy";
        assert_eq!(
            roles(en, LangCode::En),
            [
                (Role::Heading, "Key points:".to_string()),
                (Role::Claim, "Police say 12 people were hurt".to_string()),
                (Role::Heading, "Key facts".to_string()),
                (
                    Role::Claim,
                    "The mayor, who visited on Monday, called it a tragedy".to_string()
                ),
            ]
        );
        let fr = "• Les faits\n• Le bilan s'élève à 12 blessés\n• **Ce que l'on sait :**";
        assert_eq!(claims(fr, LangCode::Fr), ["Le bilan s'élève à 12 blessés"]);
        // A line that is no list item keeps the heading rule.
        assert!(claims("Police say 12 people were hurt", LangCode::En).is_empty());
    }

    #[test]
    fn an_update_line_is_read_as_a_notice() {
        let text = "The Fed left rates unchanged.\n\n\
            _Updated at 5:40 p.m. ET with comments from Powell's news conference._";
        let lang = Lang::get(LangCode::En);
        let notices: Vec<String> = claims(text, LangCode::En)
            .into_iter()
            .filter(|c| lang.patterns().corrections.iter().any(|p| p.is_match(c)))
            .collect();
        assert_eq!(
            notices,
            ["Updated at 5:40 p.m. ET with comments from Powell's news conference."]
        );
    }
}
