//! Attributions: who a claim says said it. "selon X", "according to X", "a indiqué X",
//! "X a déclaré", "X said", a title and a name in apposition, a passive with its agent.
//!
//! Example: « Les deux dirigeants veulent se rencontrer, a indiqué le Kremlin. » is
//! attributed to "Kremlin"; « Le Kremlin a toutefois estimé que… » too (the adverb is part of
//! the verb group); « …, a été reconnu coupable » names no source (a passive without agent).

use super::aliases::AliasTable;
use crate::lang::Lang;
use crate::normalize::{SpanCover, WordSpan};
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A source the claim is attributed to ("selon le Kremlin", "a déclaré Ozerov").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub span: Span,
    /// The source as written.
    pub text: String,
    /// Normalised source: an alias name, or the folded content words.
    pub source: String,
    /// "la même source", "il": refers back to a source named earlier.
    pub anaphoric: bool,
    /// Part of what the claim reports, not its source: "the group claimed responsibility"
    /// in "The group claimed responsibility, police said".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nested: bool,
    /// The whole attribution when it is set apart from what is said: the verb or "selon", the
    /// source, and for one set off by a comma its tail up to the next punctuation (", a
    /// précisé la préfecture dans un communiqué"). Its words say who speaks, not what:
    /// alignment weighs them less. Empty for a subject ("Le Kremlin a indiqué que…").
    #[serde(default)]
    pub region: Span,
}

/// The longest apposition a source takes, in words ("ministre de l'Intérieur").
const APPOSITION: usize = 6;

/// Attributions of a claim whose words are `ws` (folded: `folded`).
pub(crate) fn find_attributions(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    aliases: &AliasTable,
    date_spans: &SpanCover,
) -> Vec<Attribution> {
    let scan = Scan {
        text,
        ws,
        folded,
        lang,
        aliases,
        date_spans,
    };
    let mut out: Vec<(Form, Attribution)> = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        k = match scan.adverbial_at(k).or_else(|| scan.verb_at(k)) {
            Some((next, found)) => {
                out.extend(found);
                next
            }
            None => k + 1,
        };
    }
    mark_nested(out)
}

/// How an attribution is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "selon le Kremlin", "according to officials".
    Adverbial,
    /// Set off by a comma or a quote, or inverted at the start: "…, a indiqué le Kremlin",
    /// "…, police said".
    Parenthetical,
    /// "Le Kremlin a indiqué …", "the group claimed responsibility".
    Subject,
}

/// What a match at one word found: the word to go on from, and the attribution if any.
type Step = (usize, Option<(Form, Attribution)>);

/// One claim's words, read for attributions.
struct Scan<'a> {
    text: &'a str,
    ws: &'a [WordSpan],
    folded: &'a [String],
    lang: &'a Lang,
    aliases: &'a AliasTable,
    date_spans: &'a SpanCover,
}

impl Scan<'_> {
    fn word(&self, k: usize) -> &str {
        &self.text[self.ws[k].start..self.ws[k].end]
    }

    /// A capital letter alone: a dotted acronym ("U.N. envoy", "U.S. officials") is one name,
    /// not a sentence's end.
    fn letter(&self, k: usize) -> bool {
        let w = self.word(k);
        w.chars().count() == 1 && w.starts_with(char::is_uppercase)
    }

    fn punct_between(&self, a: usize, b: usize) -> bool {
        let between = &self.text[self.ws[a].end..self.ws[b].start];
        if self.letter(a) && (between == "." || between == ". " && !self.letter(b)) {
            return false;
        }
        between.contains([',', '.', ';', ':', '(', ')'])
            || between.chars().any(|c| self.lang.is_quote_mark(c))
    }

    fn capitalised(&self, k: usize) -> bool {
        self.text[self.ws[k].start..].starts_with(char::is_uppercase)
    }

    fn stops_at(&self, end: usize) -> bool {
        self.punct_between(end - 1, end) || self.lang.source_stops.contains(&self.folded[end])
    }

    /// The source phrase starting at word k, up to punctuation or a preposition.
    fn phrase_after(&self, k: usize) -> Option<(usize, usize)> {
        let n = self.ws.len();
        // "a annoncé jeudi 14 mars le Premier ministre", "a dit hier le maire": the day is
        // not the source (dates include weekdays and "hier").
        let mut start = k;
        while start < n && self.ws[start].inside_any(self.date_spans) {
            start += 1;
        }
        // "a estimé qu'une centaine…": a clause, not a source.
        if start < n && self.lang.source_stops.contains(&self.folded[start]) {
            return None;
        }
        let mut end = start;
        while end < n && end < start + 6 {
            if end > start && self.stops_at(end) {
                break;
            }
            end += 1;
        }
        // A name the limit cut is finished: "la dirigeante de l'opposition Nino Beridzé".
        while end > start
            && end < n
            && end < start + 10
            && self.capitalised(end - 1)
            && self.capitalised(end)
            && !self.stops_at(end)
        {
            end += 1;
        }
        (end > start).then_some((start, end))
    }

    /// The source named by words s..e.
    fn attribution(&self, s: usize, e: usize) -> Attribution {
        // Capital letters in a row are one acronym: "U.S. officials" is "us officials".
        let mut phrase: Vec<std::borrow::Cow<str>> = Vec::with_capacity(e - s);
        for (k, word) in self.folded.iter().enumerate().take(e).skip(s) {
            match phrase.last_mut() {
                Some(last) if k > s && self.letter(k) && self.letter(k - 1) => {
                    last.to_mut().push_str(word)
                }
                _ => phrase.push(std::borrow::Cow::Borrowed(word)),
            }
        }
        let phrase: Vec<&str> = phrase.iter().map(|w| w.as_ref()).collect();
        let (source, anaphoric) = normalise_source(&phrase, self.lang, self.aliases);
        Attribution {
            span: Span::new(self.ws[s].start, self.ws[e - 1].end),
            text: self.text[self.ws[s].start..self.ws[e - 1].end].to_string(),
            source,
            anaphoric,
            nested: false,
            // Set by each caller: how far the attribution reaches depends on its form.
            region: Span::default(),
        }
    }

    /// The end of an attribution set off by punctuation that ends with word `e - 1`: the last
    /// word before the next punctuation ("…, a indiqué le Kremlin dans un communiqué.").
    fn tail_end(&self, e: usize) -> usize {
        let mut j = e;
        while j < self.ws.len() && !self.punct_between(j - 1, j) {
            j += 1;
        }
        self.ws[j - 1].end
    }

    /// Words s..e name a person: capitalised words, and the small words inside names.
    fn is_name(&self, s: usize, e: usize) -> bool {
        self.capitalised(s)
            && (s..e).all(|j| self.capitalised(j) || self.lang.name_links.contains(&self.folded[j]))
    }

    /// Is the text between words j - 1 and j a comma alone?
    fn comma(&self, j: usize) -> bool {
        self.text[self.ws[j - 1].end..self.ws[j].start].trim() == ","
    }

    /// The first word of the run of words that ends with word e - 1, back to punctuation.
    fn run_start(&self, e: usize) -> usize {
        let mut j = e - 1;
        while j > 0 && !self.punct_between(j - 1, j) {
            j -= 1;
        }
        j
    }

    /// Words s..e can be a title in apposition: they open with a determiner or a title ("the
    /// interior minister", "a spokesman for the mayor", "Premier ministre"), or hold no word
    /// that ends a source ("ministre de l'Intérieur"; not "in a letter to the court", nor
    /// "indicted in February").
    fn title_phrase(&self, s: usize, e: usize) -> bool {
        let lang = self.lang;
        lang.source_openers.contains(&self.folded[s])
            || lang.titles.contains(&self.folded[s])
            || !(s..e).any(|j| lang.source_stops.contains(&self.folded[j]))
    }

    /// "Le Premier ministre, François Garnier, a déclaré", "Jane Doe, the minister, said": a
    /// title and a name set off by commas before the verb at `v` are one source, which
    /// starts at the returned word.
    fn apposition_before(&self, v: usize) -> Option<usize> {
        if v < 2 || !self.comma(v) {
            return None;
        }
        let b = self.run_start(v);
        if b == 0 || !self.comma(b) {
            return None;
        }
        // "…, but his lawyer, John Speranza, said": the source opens after a conjunction.
        let mut a = self.run_start(b);
        while a < b && self.lang.source_stops.contains(&self.folded[a]) {
            a += 1;
        }
        let short = |s: usize, e: usize| (1..=APPOSITION).contains(&(e - s));
        if !short(a, b) || !short(b, v) {
            return None;
        }
        match (self.is_name(a, b), self.is_name(b, v)) {
            (true, false) => self.title_phrase(b, v).then_some(a),
            (false, true) => self.title_phrase(a, b).then_some(a),
            // "Hier, Jane Doe, a déclaré": the name nearest the verb.
            (true, true) => Some(b),
            (false, false) => None,
        }
    }

    /// The source after an inverted verb whose next word is `k`: "le maire de Brest" in "a
    /// écrit sur X le maire de Brest" or "a confié à l'AFP le maire" (a complement first,
    /// up to a word that opens a source), and with a name in apposition ("le Premier
    /// ministre, François Garnier, lors de…").
    fn source_after_verb(&self, k: usize) -> Option<(usize, usize)> {
        let (n, lang, folded) = (self.ws.len(), self.lang, self.folded);
        let mut from = k;
        if k + 2 < n && lang.attribution_complements.contains(&folded[k]) {
            let mut j = k + 2;
            while j < n
                && j < k + 2 + APPOSITION
                && !self.punct_between(j - 1, j)
                && !lang.source_openers.contains(&folded[j])
            {
                j += 1;
            }
            if j < n && !self.punct_between(j - 1, j) && lang.source_openers.contains(&folded[j]) {
                from = j;
            }
        }
        let (s, e) = self
            .phrase_after(from)
            .filter(|(s, _)| !self.punct_between(from - 1, *s))?;
        if e < n && self.comma(e) && !self.is_name(s, e) && self.title_phrase(s, e) {
            let mut f = e + 1;
            while f < n && f < e + 4 && !self.punct_between(f - 1, f) {
                f += 1;
            }
            if self.is_name(e, f) && (f == n || self.punct_between(f - 1, f)) {
                return Some((s, f));
            }
        }
        Some((s, e))
    }

    /// "selon le Kremlin", "d'après Moscou", "according to officials" at word k.
    fn adverbial_at(&self, k: usize) -> Option<Step> {
        let (ws, lang, folded) = (self.ws, self.lang, self.folded);
        let p = lang
            .attribution_before
            .iter()
            .find(|p| folded[k..].starts_with(p))?;
        // "selon les données du ministère": the ministry is the source.
        let mut from = k + p.len();
        if let Some(carrier) = lang
            .source_carriers
            .iter()
            .find(|c| folded[from..].starts_with(c))
        {
            from += carrier.len();
        }
        let (s, e) = self.phrase_after(from)?;
        // "…de l'Ukraine, soutenus selon Kiev par la Russie": inside a later clause and not
        // set off, "selon" sources that clause only, not the claim.
        let set_off =
            k == 0 || self.punct_between(k - 1, k) || e == ws.len() || self.punct_between(e - 1, e);
        let in_first_clause = !self.text[..ws[k].start].contains([',', ';', ':', '(']);
        let mut found = self.attribution(s, e);
        found.nested = !set_off && !in_first_clause;
        let end = if k > 0 && self.punct_between(k - 1, k) {
            self.tail_end(e)
        } else {
            ws[e - 1].end
        };
        found.region = Span::new(ws[k].start, end);
        Some((e, Some((Form::Adverbial, found))))
    }

    /// A reporting verb of one word ("a indiqué") or several ("a fait savoir") at word k:
    /// the number of its words.
    fn verb_len(&self, k: usize) -> Option<usize> {
        let (lang, folded) = (self.lang, self.folded);
        if k > 0 && lang.attribution_not_after.contains(&folded[k - 1]) {
            return None;
        }
        if lang.attribution_verbs.contains(&folded[k]) {
            return Some(1);
        }
        lang.attribution_verb_phrases
            .iter()
            .find(|p| {
                folded[k..].starts_with(p)
                    && (k + 1..k + p.len()).all(|j| !self.punct_between(j - 1, j))
            })
            .map(Vec::len)
    }

    /// The first word of the verb group ending at the verb at `k`: its auxiliaries and the
    /// adverbs set inside it ("a toutefois estimé", "has also said").
    fn verb_group_start(&self, k: usize) -> usize {
        let (lang, folded) = (self.lang, self.folded);
        let mut v = k;
        while v > 0
            && (lang.attribution_auxiliaries.contains(&folded[v - 1])
                || lang.attribution_inserts.contains(&folded[v - 1]))
            && !self.punct_between(v - 1, v)
        {
            v -= 1;
        }
        while v < k && lang.attribution_inserts.contains(&folded[v]) {
            v += 1;
        }
        v
    }

    /// An attribution around a reporting verb at word k, in whichever form it takes.
    fn verb_at(&self, k: usize) -> Option<Step> {
        let n = self.verb_len(k)?;
        let last = k + n - 1;
        let v = self.verb_group_start(k);
        let head = self.text[..self.ws[v].start].trim_end();
        let apposition = if head.ends_with(',') {
            self.apposition_before(v)
        } else {
            None
        };
        // Inverted after a quote or a comma: `", a indiqué le Kremlin`, `ajoute Washington`.
        let inverted = apposition.is_none()
            && (v == 0
                || head.ends_with(',')
                || head.ends_with(|c| self.lang.closes_quote(c))
                || self
                    .folded
                    .get(last + 1)
                    .is_some_and(|w| self.lang.inverted_pronouns.contains(w)));
        let passive = &self.lang.attribution_passive;
        // "No injuries were reported", "il est précisé que": a passive names no speaker but
        // its agent ("was reported by Reuters"); "Trump s'est dit prêt" is not one.
        let reflexive = (v..k).any(|a| {
            a > 0
                && passive.auxiliaries.contains(&self.folded[a])
                && passive.reflexives.contains(&self.folded[a - 1])
        });
        if reflexive && passive.reflexive_not_reporting.contains(&self.folded[k]) {
            return Some((last + 1, None));
        }
        // "L'ancien président, Nicolas Sarkozy, a été reconnu coupable": a passive, whatever
        // names its subject.
        let is_passive = !inverted
            && (v..k).any(|a| {
                passive.auxiliaries.contains(&self.folded[a])
                    && !(a > 0 && passive.reflexives.contains(&self.folded[a - 1]))
            });
        if is_passive {
            return Some(self.passive_agent(v, last));
        }
        let found = if let Some(s) = apposition {
            Some((s, v))
        } else if inverted {
            self.source_after_verb(last + 1)
        } else {
            self.subject_before(v)
        };
        let (s, e) = found?;
        Some((
            e.max(last + 1),
            self.verb_attribution(s, e, v, last, inverted),
        ))
    }

    /// The agent of a passive reporting verb ("was reported by Reuters"), if named.
    fn passive_agent(&self, v: usize, last: usize) -> Step {
        let passive = &self.lang.attribution_passive;
        let agent = self
            .folded
            .get(last + 1)
            .filter(|w| passive.agents.contains(*w) && !self.punct_between(last, last + 1))
            .and_then(|_| self.phrase_after(last + 2));
        let Some((s, e)) = agent else {
            return (last + 1, None);
        };
        let mut found = self.attribution(s, e);
        found.region = Span::new(self.ws[v].start, self.ws[e - 1].end);
        (
            e,
            (!found.source.is_empty()).then_some((Form::Adverbial, found)),
        )
    }

    /// "Le Kremlin a indiqué", "the minister said": the noun phrase before the verb group
    /// that starts at `v`.
    fn subject_before(&self, v: usize) -> Option<(usize, usize)> {
        let (lang, folded) = (self.lang, self.folded);
        let mut s = v;
        while s > 0
            && v - s < 4
            && !self.punct_between(s - 1, s)
            && !lang.source_stops.contains(&folded[s - 1])
            && !lang.attribution_verbs.contains(&folded[s - 1])
        {
            s -= 1;
        }
        (s < v).then_some((s, v))
    }

    /// The attribution of a reporting verb whose source is words s..e, with its form and
    /// how far it reaches.
    fn verb_attribution(
        &self,
        s: usize,
        e: usize,
        v: usize,
        last: usize,
        inverted: bool,
    ) -> Option<(Form, Attribution)> {
        let mut found = self.attribution(s, e);
        // ", the army said": set off by punctuation like an inverted one.
        let parenthetical = inverted || (s > 0 && self.punct_between(s - 1, s));
        // A subject's region is empty: "Le Kremlin révèle le contenu de la lettre" is about
        // the Kremlin as much as said by it.
        found.region = if inverted {
            Span::new(self.ws[v].start, self.tail_end(e))
        } else if parenthetical {
            Span::new(self.ws[s].start, self.tail_end(last + 1))
        } else {
            Span::default()
        };
        if found.source.is_empty() && !found.anaphoric {
            return None;
        }
        let form = if parenthetical {
            Form::Parenthetical
        } else {
            Form::Subject
        };
        Some((form, found))
    }
}

/// Normalise a source phrase: through the aliases, else its folded content words; adverbs
/// and connectors ("toutefois", "also") are never part of it.
fn normalise_source(phrase: &[&str], lang: &Lang, aliases: &AliasTable) -> (String, bool) {
    let joined = phrase.join(" ");
    if lang.anaphoric_speakers.contains(&joined) {
        return (joined, true);
    }
    let content: Vec<&str> = phrase
        .iter()
        .copied()
        .filter(|w| {
            !lang.stopwords.contains(*w)
                && !lang.elisions.contains(*w)
                && !lang.attribution_inserts.contains(*w)
        })
        .collect();
    for start in 0..content.len() {
        if let Some((_, id)) = aliases.longest_match(&content, start) {
            return (aliases.name(id).to_string(), false);
        }
    }
    let anaphoric = content.is_empty() || lang.anaphoric_speakers.contains(&content.join(" "));
    (content.join(" "), anaphoric)
}

/// A claim has one source of its own; other speakers are part of what it reports. The source
/// is a parenthetical attribution ("…, police said"), which governs everything before it, or
/// else the first subject form ("Police said the group claimed …"). So a subject form before
/// a parenthetical one, or after another subject form, is nested.
fn mark_nested(found: Vec<(Form, Attribution)>) -> Vec<Attribution> {
    let last_parenthetical = found
        .iter()
        .filter(|(f, _)| *f == Form::Parenthetical)
        .map(|(_, a)| a.span.start)
        .max();
    let mut subject_seen = false;
    found
        .into_iter()
        .map(|(form, mut a)| {
            if form == Form::Subject {
                a.nested = subject_seen || last_parenthetical.is_some_and(|p| a.span.start < p);
                subject_seen = true;
            }
            a
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::extract::test_claims::{features, features_in};
    use crate::lang::LangCode;

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

    /// The sources `text` names, in order.
    fn sources(text: &str, lang: LangCode) -> Vec<String> {
        features_in(text, lang)
            .attributions
            .into_iter()
            .map(|a| a.source)
            .collect()
    }

    #[test]
    fn a_passive_names_its_agent_or_no_source() {
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
}
