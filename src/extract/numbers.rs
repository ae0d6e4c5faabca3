//! Numbers in a claim: digits with French and English separators ("5 000", "3,5",
//! "1,000.5"), percentages, ordinals ("4e"), spelled-out numbers ("une semaine",
//! "quinze jours", "trois précédentes", "thirty"), each with its unit when one follows.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::normalize::{WordKind, WordSpan};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// Byte span within the claim text.
    pub span: Span,
    pub text: String,
    pub value: f64,
    /// Unit name from the language data ("day", "percent", "km2"…), if a unit follows.
    pub unit: Option<String>,
    pub ordinal: bool,
    /// An estimate: "environ 110", "une trentaine", "about 100"; or a plural said alone
    /// ("dozens"), which is also a bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// A bound: "au moins 12", "more than 100", "up to 30", "dozens" (at least 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// The noun a weak number word counts when no unit follows, folded ("leader" of "one
    /// leader", "dirigeant" of "un seul dirigeant"): it is compared with counts of that noun
    /// only, not with any figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
    /// What the value stays under, besides its bound: "des dizaines de milliers", "tens of
    /// thousands" are at least 20 000 and below 100 000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    /// For a figure that moved, whether it is the level reached or left ("rose to 3.7%")
    /// or the size of the move ("rose 0.2 points"): `changes` in rules/lang.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub movement: Option<Movement>,
}

/// What a figure of a move gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// The level reached or left: "rose to 3.7% from 3.5%", "a grimpé à 9,5 %".
    Level,
    /// The size of the move: "rose 3.4 percent", "rose by 0.2", "en hausse de 0,2 point".
    Amount,
}

/// Which side of its value a bounded number lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast,
    AtMost,
}

impl NumberMention {
    /// The values the mention allows, as a closed interval; an estimate spans `rough` (relative)
    /// either side of its value.
    pub fn range(&self, rough: f64) -> (f64, f64) {
        let v = self.value;
        match self.bound {
            Some(Bound::AtLeast) => (v, self.below.unwrap_or(f64::INFINITY)),
            Some(Bound::AtMost) => (f64::NEG_INFINITY, v),
            None if self.approximate => (v - rough * v.abs(), v + rough * v.abs()),
            None => (v, v),
        }
    }
}

/// Parse digits written with the separators of `lang`.
pub fn parse_digits(raw: &str, lang: &Lang) -> Option<f64> {
    let s: String = raw
        .chars()
        .filter(|&c| {
            !crate::normalize::is_group_space(c) && !crate::normalize::is_group_apostrophe(c)
        })
        .collect();
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let normalized = match (commas, dots) {
        (0, 0) => s,
        (_, 0) => {
            let after = s.rsplit(',').next().map_or(0, str::len);
            if commas > 1 || (after == 3 && lang.decimal_separator != ',') {
                s.replace(',', "")
            } else {
                s.replace(',', ".")
            }
        }
        (0, _) => {
            let after = s.rsplit('.').next().map_or(0, str::len);
            if dots > 1 || (after == 3 && lang.decimal_separator == ',') {
                s.replace('.', "")
            } else {
                s
            }
        }
        _ => {
            // Both: the last one is the decimal mark.
            if s.rfind(',') > s.rfind('.') {
                s.replace('.', "").replace(',', ".")
            } else {
                s.replace(',', "")
            }
        }
    };
    normalized.parse().ok()
}

/// Unit after word `k` (one or two folded words), and how many words it takes.
fn unit_at(folded: &[String], k: usize, lang: &Lang) -> Option<(String, usize)> {
    if k + 1 < folded.len() {
        let two = format!("{} {}", folded[k], folded[k + 1]);
        if let Some(u) = lang.units.get(&two) {
            return Some((u.clone(), 2));
        }
    }
    folded
        .get(k)
        .and_then(|w| lang.units.get(w))
        .map(|u| (u.clone(), 1))
}

/// Find numbers in `text`. Words inside `skip` (date spans) are not numbers.
/// `folded` holds each word folded (`normalize::fold`).
pub fn find_numbers(
    text: &str,
    words: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    skip: &crate::normalize::SpanCover,
) -> Vec<NumberMention> {
    let scan = NumberScan {
        text,
        words,
        folded,
        lang,
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let found = if words[k].inside_any(skip) {
            None
        } else {
            scan.mention_at(k)
        };
        match found {
            Some((mention, next)) => {
                out.push(mention);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// One claim read for numbers, from left to right.
struct NumberScan<'a> {
    text: &'a str,
    words: &'a [WordSpan],
    folded: &'a [String],
    lang: &'a Lang,
}

/// A number as read at its words, before its unit and its qualifier are looked for.
struct Reading {
    value: f64,
    /// The mention's first word: a count phrase may open before the number ("only one").
    from: usize,
    /// The word after the number.
    end: usize,
    ordinal: bool,
    /// A plural said alone ("des dizaines", "dozens"): at least the value, and rough.
    several: bool,
    below: Option<f64>,
    /// The noun a weak number word counts ("leader" of "one leader").
    counted: Option<String>,
}

impl Reading {
    fn new(value: f64, from: usize, end: usize) -> Reading {
        Reading {
            value,
            from,
            end,
            ordinal: false,
            several: false,
            below: None,
            counted: None,
        }
    }
}

impl NumberScan<'_> {
    /// The number mention that starts at word `k`, and the word to read next.
    fn mention_at(&self, k: usize) -> Option<(NumberMention, usize)> {
        let digits = self.words[k].kind == WordKind::Number;
        if digits {
            if let Some(clock) = self.clock_mention(k) {
                return Some(clock);
            }
        }
        let mut reading = self.reading_at(k)?;
        // "4e", "1er", "21st": an ordinal suffix glued to the digits.
        if digits && self.ordinal_suffix_at(reading.end) {
            reading.ordinal = true;
            reading.end += 1;
        }
        Some(self.mention(k, reading))
    }

    fn clock_mention(&self, k: usize) -> Option<(NumberMention, usize)> {
        let (minutes, next, end) = self.clock_time_at(k)?;
        let start = self.words[k].start;
        let mention = NumberMention {
            span: Span::new(start, end),
            text: self.text[start..end].to_string(),
            value: minutes,
            unit: Some(CLOCK_UNIT.to_string()),
            ordinal: false,
            approximate: false,
            bound: None,
            below: None,
            counts: None,
            movement: None,
        };
        Some((mention, next))
    }

    /// The number written at word `k`: digits, number words, or a rank ("the world's third
    /// largest"), which is set against ranks only.
    fn reading_at(&self, k: usize) -> Option<Reading> {
        if self.words[k].kind == WordKind::Number {
            let (value, end) = self.digits_at(k)?;
            return Some(Reading::new(value, k, end));
        }
        if let Some((v, n)) = self.number_word_at(k) {
            return self.spelled_at(k, v, n);
        }
        let rank = *self.lang.ordinal_words.get(&self.folded[k])?;
        Some(Reading {
            ordinal: true,
            ..Reading::new(rank, k, k + 1)
        })
    }

    /// The number spelled out from word `k`, whose first number word is worth `v` and takes
    /// `n` words; `None` where it is no number ("un" as an article).
    fn spelled_at(&self, k: usize, v: f64, n: usize) -> Option<Reading> {
        let (folded, lang) = (self.folded, self.lang);
        let (value, end) = self.number_word_run(k, v, n);
        let mut reading = Reading::new(value, k, end);
        if end == k + 1 && lang.weak_number_words.contains(&folded[k]) {
            (reading.from, reading.end, reading.counted) = self.weak_count(k)?;
        }
        // "des dizaines", "dozens": at least twice the word's value.
        let mut several = (reading.end == k + 1)
            .then(|| lang.several.get(&folded[k]).copied())
            .flatten();
        // "des dizaines de milliers", "tens of thousands": one estimate, the plural
        // counting the scale after it.
        if let (Some(least), Some(most)) = (several, lang.several_below.get(&folded[k])) {
            if let Some(scale) = self.scale_after(reading.end) {
                several = Some(least * scale);
                reading.below = Some(most * scale);
                reading.end += 2;
            }
        }
        reading.several = several.is_some();
        reading.value = several.unwrap_or(value);
        Some(reading)
    }

    /// A run of number words ("trois mille", "vingt-deux", "two hundred") from word `k`,
    /// whose first is worth `v` and takes `n` words: its value and the word after it.
    fn number_word_run(&self, k: usize, v: f64, n: usize) -> (f64, usize) {
        let mut total = 0.0;
        let mut current = v;
        let mut j = k + n;
        while j < self.words.len() && self.follows_closely(j) {
            let Some((next, m)) = self.number_word_at(j) else {
                break;
            };
            if m == 1 && self.lang.multipliers.contains(&self.folded[j]) {
                current = current.max(1.0) * next;
                if next >= 1000.0 {
                    total += current;
                    current = 0.0;
                }
            } else {
                current += next;
            }
            j += m;
        }
        (total + current, j)
    }

    /// "un", "one" at word `k`: an article or a pronoun (`None`), unless a unit follows, or a
    /// noun it counts: after a word the language names ("one leader") or a phrase that says
    /// it counts ("un seul dirigeant"); never in an idiom ("l'un des", "no one was hurt").
    /// The words of the count (`from..to`) and the noun it counts.
    fn weak_count(&self, k: usize) -> Option<(usize, usize, Option<String>)> {
        let (folded, lang) = (self.folded, self.lang);
        if self.phrase_around(k, &lang.weak_idioms).is_some() {
            return None;
        }
        let phrase = self.phrase_around(k, &lang.weak_count_phrases);
        let (from, to) = phrase.unwrap_or((k, k + 1));
        if unit_after(folded, to, lang).is_some() {
            return Some((from, to, None));
        }
        let counts = phrase.is_some() || lang.weak_counts_nouns.contains(&folded[k]);
        (counts && self.noun_at(to)).then(|| (from, to, Some(folded[to].clone())))
    }

    /// The scale a plural counts at word `j` ("de milliers", "of thousands").
    fn scale_after(&self, j: usize) -> Option<f64> {
        let (folded, lang) = (self.folded, self.lang);
        let scaled = j + 1 < self.words.len()
            && lang.unit_links.contains(&folded[j])
            && lang.several.contains_key(&folded[j + 1]);
        scaled
            .then(|| lang.number_words.get(&folded[j + 1]).copied())
            .flatten()
    }

    /// The mention of `reading`, read at word `k`, with its unit, its currency sign and its
    /// qualifier; and the word to read next.
    fn mention(&self, k: usize, reading: Reading) -> (NumberMention, usize) {
        let (text, words, folded, lang) = (self.text, self.words, self.folded, self.lang);
        let w = words[k];
        let (unit, end, next) = self.unit_from(reading.end);
        // "$1.2 billion", "€50 million": a currency sign before the digits.
        let mut start = words[reading.from].start;
        let unit = match (w.kind, unit) {
            (WordKind::Number, None) => match symbol_before(text, w.start, lang) {
                Some((at, u)) => {
                    start = at;
                    Some(u)
                }
                None => None,
            },
            (_, unit) => unit,
        };
        // "au moins 12", "environ 110": the qualifier is part of what the mention says.
        let qualifier = qualifier_before(folded, reading.from, lang)
            .filter(|&(n, _)| !level_after_change(folded, reading.from, n, lang));
        if let Some((n, _)) = qualifier {
            start = words[reading.from - n].start;
        }
        let bound = if reading.several {
            Some(Bound::AtLeast)
        } else {
            qualifier.and_then(|(_, b)| b)
        };
        let estimate = folded[k..reading.end]
            .iter()
            .any(|w| lang.approximate_number_words.contains(w))
            || qualifier.is_some_and(|(_, b)| b.is_none());
        let counts = reading.counted.filter(|_| unit.is_none());
        let first = reading.from - qualifier.map_or(0, |(n, _)| n);
        let mention = NumberMention {
            span: Span::new(start, end),
            text: text[start..end].to_string(),
            value: reading.value,
            unit,
            ordinal: reading.ordinal,
            // "des dizaines" is a bound and a rough count at once.
            approximate: (bound.is_none() && estimate) || reading.several,
            bound,
            below: reading.below,
            counts,
            movement: movement_before(folded, first, lang),
        };
        (mention, next)
    }

    /// The unit of a number whose words end before word `end_k`; where the mention ends
    /// (byte) and the word to read next: the words a unit takes are not read again as
    /// numbers ("4 pour cent").
    fn unit_from(&self, end_k: usize) -> (Option<String>, usize, usize) {
        let (text, lang) = (self.text, self.lang);
        let end = self.words[end_k - 1].end;
        let after = &text[end..];
        let trimmed = after.trim_start_matches(crate::normalize::is_group_space);
        // A unit written as a symbol ("%", "€"), which is not a word.
        let symbol = trimmed
            .chars()
            .next()
            .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
            .and_then(|c| {
                lang.units
                    .get(c.encode_utf8(&mut [0; 4]) as &str)
                    .map(|u| (c, u))
            });
        if let Some((c, u)) = symbol {
            let end = end + after.len() - trimmed.len() + c.len_utf8();
            return (Some(u.clone()), end, end_k);
        }
        if let Some((u, n)) = unit_at(self.folded, end_k, lang) {
            return (Some(u), self.words[end_k + n - 1].end, end_k + n);
        }
        // "une trentaine de blessés", "30 ont été blessées", "dozens were injured": the
        // unit a few linking words later (only the number is the mention's text).
        (unit_after(self.folded, end_k, lang), end, end_k)
    }

    /// Does word `i` follow word `i - 1` with at most one character between them (a space or
    /// a hyphen): the words of one written number?
    fn follows_closely(&self, i: usize) -> bool {
        // One character, of any width: "7 h 40" is often written with no-break spaces.
        self.text[self.words[i - 1].end..self.words[i].start]
            .chars()
            .nth(1)
            .is_none()
    }

    /// Is word `i` an ordinal suffix glued to the word before it?
    fn ordinal_suffix_at(&self, i: usize) -> bool {
        i < self.words.len()
            && self.words[i].start == self.words[i - 1].end
            && self.lang.ordinal_suffixes.contains(&self.folded[i])
    }

    /// The number word at word `k`, and how many words it takes: the longest number phrase
    /// of the language written there as one hyphenated or spaced run ("quatre-vingt-dix"),
    /// else one word.
    fn number_word_at(&self, k: usize) -> Option<(f64, usize)> {
        let (folded, lang) = (self.folded, self.lang);
        let joined = |n: usize| (k + 1..k + n).all(|i| self.follows_closely(i));
        lang.number_phrases
            .iter()
            .find(|(p, _)| folded[k..].starts_with(p) && joined(p.len()))
            .map(|(p, v)| (*v, p.len()))
            .or_else(|| lang.number_words.get(&folded[k]).map(|&v| (v, 1)))
    }

    /// The words `from..to` of a phrase of `phrases` written around word `k`, with `k` among
    /// them: "only one", "no one", "l'un".
    fn phrase_around(&self, k: usize, phrases: &[Vec<String>]) -> Option<(usize, usize)> {
        let folded = self.folded;
        phrases.iter().find_map(|p| {
            p.iter()
                .enumerate()
                .filter(|(_, w)| **w == folded[k])
                .find_map(|(i, _)| {
                    let from = k.checked_sub(i)?;
                    let to = from + p.len();
                    (folded.get(from..to) == Some(p.as_slice())
                        && (from + 1..to).all(|n| self.follows_closely(n)))
                    .then_some((from, to))
                })
        })
    }

    /// Can word `n`, right after the words of a weak number's count with a space only, be
    /// the noun it counts ("one leader", "un seul dirigeant")? No number, function word ("one
    /// would"), hedge ("one may") or reporting verb ("one said").
    fn noun_at(&self, n: usize) -> bool {
        let (text, words, folded, lang) = (self.text, self.words, self.folded, self.lang);
        n > 0
            && n < words.len()
            && words[n].kind == WordKind::Word
            && text[words[n - 1].end..words[n].start]
                .chars()
                .all(char::is_whitespace)
            && self.follows_closely(n)
            && !lang.stopwords.contains(&folded[n])
            && !lang.hedge_words.contains(&folded[n])
            && !lang.attribution_verbs.contains(&folded[n])
    }

    /// A clock time starting at word `k`: its minutes after midnight, the word after it and
    /// the byte where it ends. "7h40", "7 h 40", "7h" (hour marks of the language), "14:30",
    /// "9:15 a.m.", "11 p.m.".
    fn clock_time_at(&self, k: usize) -> Option<(f64, usize, usize)> {
        let (text, words, folded, lang) = (self.text, self.words, self.folded, self.lang);
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        let hour: u32 = folded[k].parse().ok().filter(|h| *h <= 24)?;
        let close = |i: usize| i < words.len() && self.follows_closely(i);
        let mut minutes = None;
        let mut j = k + 1;
        let mut marked = false;
        if close(j) && text[words[j - 1].end..words[j].start] == *":" && two_digits(&folded[j]) {
            // "14:30"
            minutes = folded[j].parse::<u32>().ok();
            j += 1;
            marked = true;
        } else if close(j) {
            let w = folded[j].as_str();
            if lang.clock_hour_marks.contains(w) {
                // "7h", "7 h 40"
                marked = true;
                j += 1;
                if close(j) && two_digits(&folded[j]) {
                    minutes = folded[j].parse::<u32>().ok();
                    j += 1;
                }
            } else if let Some(mark) = lang
                .clock_hour_marks
                .iter()
                .find(|m| w.strip_prefix(m.as_str()).is_some_and(two_digits))
            {
                // "7h40": one word after the digits.
                minutes = w[mark.len()..].parse::<u32>().ok();
                marked = true;
                j += 1;
            }
        }
        if minutes.is_some_and(|m| m >= 60) {
            return None;
        }
        let meridiem = |phrases: &[Vec<String>]| {
            phrases
                .iter()
                .find(|p| folded[j..].starts_with(p) && (j..j + p.len()).all(close))
                .map(|p| p.len())
        };
        let mut hour = hour;
        let mut dotted = false;
        if let Some(n) = meridiem(&lang.clock_am) {
            hour %= 12;
            (j, dotted, marked) = (j + n, n > 1, true);
        } else if let Some(n) = meridiem(&lang.clock_pm) {
            hour = hour % 12 + 12;
            (j, dotted, marked) = (j + n, n > 1, true);
        }
        let mut end = words[j - 1].end;
        // The last dot of "a.m." is part of it.
        if dotted && text[end..].starts_with('.') {
            end += 1;
        }
        marked.then(|| (f64::from(hour * 60 + minutes.unwrap_or(0)), j, end))
    }

    /// The value of the digits at word `k`, with a scale word after them ("1,2 milliard", "3
    /// millions", "$1.2bn") or a letter glued to them after a currency sign ("$5m"); and the
    /// word after the mention.
    fn digits_at(&self, k: usize) -> Option<(f64, usize)> {
        let (text, words, lang) = (self.text, self.words, self.lang);
        let w = &words[k];
        let v = parse_digits(&text[w.start..w.end], lang)?;
        let glued = |i: usize| words[i].start == words[i - 1].end;
        Some(match self.folded.get(k + 1) {
            Some(next) if self.follows_closely(k + 1) && lang.multipliers.contains(next) => {
                let scale = lang.number_words.get(next).copied().unwrap_or(1.0);
                (v * scale, k + 2)
            }
            Some(next)
                if glued(k + 1)
                    && lang.currency_scales.contains_key(next)
                    && symbol_before(text, w.start, lang).is_some() =>
            {
                (v * lang.currency_scales[next], k + 2)
            }
            _ => (v, k + 1),
        })
    }
}

/// Unit name of clock times; their value is minutes after midnight.
pub const CLOCK_UNIT: &str = "time";

/// The words before the number at word `k` that make it a bound ("au moins", "more than",
/// "up to") or an estimate ("environ", "about"; no bound): how many, and which bound.
fn qualifier_before(folded: &[String], k: usize, lang: &Lang) -> Option<(usize, Option<Bound>)> {
    let longest = |phrases: &[Vec<String>]| {
        phrases
            .iter()
            .filter(|p| folded[..k].ends_with(p))
            .map(Vec::len)
            .max()
    };
    longest(&lang.at_least_phrases)
        .map(|n| (n, Some(Bound::AtLeast)))
        .or_else(|| longest(&lang.at_most_phrases).map(|n| (n, Some(Bound::AtMost))))
        .or_else(|| longest(&lang.approximation_phrases).map(|n| (n, None)))
}

/// "ticked up to 3.7%": after a word of change, a qualifier of `n` words that ends in a level
/// word ("up to") gives the level reached, not a bound.
fn level_after_change(folded: &[String], k: usize, n: usize, lang: &Lang) -> bool {
    k > n
        && lang.change_levels.contains(&folded[k - 1])
        && lang.change_words.contains(&folded[k - n - 1])
}

/// Whether the figure whose words start at word `k` is a level or the size of a move: right
/// after a word of change ("rose 3.4 percent") it is the move; after a level word ("to")
/// or an amount word ("by") that follows one within a few words, what that word says.
fn movement_before(folded: &[String], k: usize, lang: &Lang) -> Option<Movement> {
    /// Words between the word of change and the marker: "rose sharply to", "en hausse de
    /// 0,2 point à", "rose to 3.7% in October, from".
    const WITHIN: usize = 6;
    let before = folded[..k].last()?;
    if lang.change_words.contains(before) {
        return Some(Movement::Amount);
    }
    let movement = if lang.change_levels.contains(before) {
        Movement::Level
    } else if lang.change_amounts.contains(before) {
        Movement::Amount
    } else {
        return None;
    };
    let from = (k - 1).saturating_sub(WITHIN);
    folded[from..k - 1]
        .iter()
        .any(|w| lang.change_words.contains(w))
        .then_some(movement)
}

/// The unit after word `k`: right there, or a few linking words later ("une trentaine de
/// blessés", "30 ont été blessées").
fn unit_after(folded: &[String], k: usize, lang: &Lang) -> Option<String> {
    let mut j = k;
    while j < folded.len() && j < k + 2 && lang.unit_links.contains(&folded[j]) {
        j += 1;
    }
    unit_at(folded, k, lang)
        .or_else(|| (j > k).then(|| unit_at(folded, j, lang)).flatten())
        .map(|(u, _)| u)
}

/// A unit written as a symbol right before the digits at `start` ("$1.2", "€ 50", "US$5").
fn symbol_before(text: &str, start: usize, lang: &Lang) -> Option<(usize, String)> {
    let before = text[..start].trim_end_matches(crate::normalize::is_group_space);
    let c = before.chars().next_back()?;
    if c.is_alphanumeric() || c.is_whitespace() {
        return None;
    }
    let unit = lang.units.get(c.encode_utf8(&mut [0; 4]) as &str)?;
    Some((before.len() - c.len_utf8(), unit.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, LangCode};

    fn mentions(text: &str, code: LangCode) -> Vec<NumberMention> {
        let lang = Lang::get(code);
        let words = crate::normalize::words(text);
        let folded: Vec<String> = words
            .iter()
            .map(|w| crate::normalize::fold(&text[w.start..w.end]))
            .collect();
        find_numbers(text, &words, &folded, lang, &Default::default())
    }

    fn nums(text: &str, code: LangCode) -> Vec<(f64, Option<String>)> {
        mentions(text, code)
            .into_iter()
            .map(|n| (n.value, n.unit))
            .collect()
    }

    #[test]
    fn digits_with_separators() {
        let fr = Lang::get(LangCode::Fr);
        let en = Lang::get(LangCode::En);
        assert_eq!(parse_digits("5 000", fr), Some(5000.0));
        assert_eq!(parse_digits("3,5", fr), Some(3.5));
        assert_eq!(parse_digits("1.500.000", fr), Some(1_500_000.0));
        assert_eq!(parse_digits("1,000.5", en), Some(1000.5));
        assert_eq!(parse_digits("1,000", en), Some(1000.0));
        assert_eq!(parse_digits("3.5", en), Some(3.5));
    }

    #[test]
    fn units_and_words() {
        assert_eq!(
            nums("environ 5 000 kilomètres carrés", LangCode::Fr),
            vec![(5000.0, Some("km2".into()))]
        );
        assert_eq!(
            nums("La trêve a duré environ une semaine.", LangCode::Fr),
            vec![(1.0, Some("week".into()))]
        );
        assert_eq!(
            nums("pendant quinze jours", LangCode::Fr),
            vec![(15.0, Some("day".into()))]
        );
        assert_eq!(
            nums("après les trois précédentes", LangCode::Fr),
            vec![(3.0, None)]
        );
        assert_eq!(
            nums("une hausse de 3,5 %", LangCode::Fr),
            vec![(3.5, Some("percent".into()))]
        );
        // Compound number words, hyphenated.
        assert_eq!(
            nums(
                "quatre-vingt-dix morts et quatre-vingts blessés",
                LangCode::Fr
            ),
            vec![(90.0, Some("dead".into())), (80.0, Some("injured".into()))]
        );
        assert_eq!(nums("soixante-dix-sept", LangCode::Fr), vec![(77.0, None)]);
        // The words of a unit are not read again as a number ("cent" is 100).
        assert_eq!(
            nums("une hausse de 4 pour cent", LangCode::Fr),
            vec![(4.0, Some("percent".into()))]
        );
        assert_eq!(
            nums("thirty people died", LangCode::En),
            vec![(30.0, Some("people".into()))]
        );
        assert_eq!(nums("une rencontre", LangCode::Fr), vec![]);
        assert_eq!(
            nums("trois mille soldats", LangCode::Fr),
            vec![(3000.0, Some("soldiers".into()))]
        );
    }

    #[test]
    fn ordinals() {
        let lang = Lang::get(LangCode::Fr);
        let text = "la 4e rencontre d'Astana";
        let words = crate::normalize::words(text);
        let folded: Vec<String> = words
            .iter()
            .map(|w| crate::normalize::fold(&text[w.start..w.end]))
            .collect();
        let n = find_numbers(text, &words, &folded, lang, &Default::default());
        assert_eq!(n.len(), 1);
        assert!(n[0].ordinal);
        assert_eq!(n[0].text, "4e");
    }

    #[test]
    fn estimates_and_collective_numbers() {
        let approx = |text: &str, code: LangCode| -> Vec<(f64, bool)> {
            mentions(text, code)
                .into_iter()
                .map(|n| (n.value, n.approximate || n.bound.is_some()))
                .collect()
        };
        assert_eq!(
            approx(
                "Une trentaine de blessés, environ 112 passagers et 4 morts.",
                LangCode::Fr
            ),
            [(30.0, true), (112.0, true), (4.0, false)]
        );
        assert_eq!(
            approx(
                "A dozen people, two dozen cars and more than 100 firefighters.",
                LangCode::En
            ),
            [(12.0, true), (24.0, true), (100.0, true)]
        );
        let bounds = |text: &str, code: LangCode| -> Vec<(f64, Option<Bound>)> {
            mentions(text, code)
                .into_iter()
                .map(|n| (n.value, n.bound))
                .collect()
        };
        assert_eq!(
            bounds(
                "Au moins 12 morts, des dizaines de blessés, jusqu'à 30 jours.",
                LangCode::Fr
            ),
            [
                (12.0, Some(Bound::AtLeast)),
                (20.0, Some(Bound::AtLeast)),
                (30.0, Some(Bound::AtMost))
            ]
        );
    }

    #[test]
    fn a_plural_of_a_plural_scale_is_one_estimate() {
        let found =
            |text: &str, code: LangCode| -> Vec<(f64, Option<Bound>, Option<f64>, String)> {
                mentions(text, code)
                    .into_iter()
                    .map(|n| (n.value, n.bound, n.below, n.text))
                    .collect()
            };
        let tens = |text: &str| {
            vec![(
                20_000.0,
                Some(Bound::AtLeast),
                Some(100_000.0),
                text.to_string(),
            )]
        };
        assert_eq!(
            found(
                "Des dizaines de milliers de manifestants ont défilé.",
                LangCode::Fr
            ),
            tens("dizaines de milliers")
        );
        assert_eq!(
            found("Tens of thousands of people marched.", LangCode::En),
            tens("Tens of thousands")
        );
        assert_eq!(
            found(
                "Des centaines de milliers de foyers sont privés d'électricité.",
                LangCode::Fr
            )[0]
            .2,
            Some(1_000_000.0)
        );
        let hundreds = found("Hundreds of thousands lost power.", LangCode::En);
        assert_eq!(
            (hundreds.len(), hundreds[0].0, hundreds[0].2),
            (1, 200_000.0, Some(1_000_000.0))
        );
        // A plural said alone keeps its lower bound only.
        assert_eq!(
            found("Des milliers de manifestants ont défilé.", LangCode::Fr),
            [(2000.0, Some(Bound::AtLeast), None, "milliers".to_string())]
        );
        assert_eq!(
            found("Tens of people were hurt.", LangCode::En),
            [(20.0, Some(Bound::AtLeast), None, "Tens".to_string())]
        );
    }

    #[test]
    fn weak_number_words_count_in_a_count_only() {
        let found = |text: &str, code: LangCode| -> Vec<(f64, Option<String>, String)> {
            mentions(text, code)
                .into_iter()
                .map(|n| (n.value, n.unit, n.text))
                .collect()
        };
        let one =
            |unit: Option<&str>, text: &str| vec![(1.0, unit.map(String::from), text.to_string())];
        assert_eq!(
            found("One leader attended.", LangCode::En),
            one(None, "One")
        );
        assert_eq!(
            found("Only one leader attended.", LangCode::En),
            one(None, "Only one")
        );
        assert_eq!(
            found("A single leader attended.", LangCode::En),
            one(None, "A single")
        );
        assert_eq!(
            found("Un seul dirigeant a assisté.", LangCode::Fr),
            one(None, "Un seul")
        );
        assert_eq!(
            found("Une seule personne a été blessée.", LangCode::Fr),
            one(Some("people"), "Une seule personne")
        );
        assert_eq!(
            found("Un mort et deux blessés.", LangCode::Fr),
            [
                (1.0, Some("dead".to_string()), "Un mort".to_string()),
                (2.0, Some("injured".to_string()), "deux blessés".to_string())
            ]
        );
        for (text, code) in [
            ("Un dirigeant a assisté.", LangCode::Fr),
            ("L'un des dirigeants a assisté.", LangCode::Fr),
            ("One of the leaders attended.", LangCode::En),
            ("The leaders blamed one another.", LangCode::En),
            ("On the one hand, prices rose.", LangCode::En),
            ("No one was hurt.", LangCode::En),
            ("The one who left was hurt.", LangCode::En),
            ("One must wait.", LangCode::En),
            ("A leader attended.", LangCode::En),
            ("Only a few leaders attended.", LangCode::En),
        ] {
            assert!(
                found(text, code).is_empty(),
                "{text}: {:?}",
                found(text, code)
            );
        }
    }

    #[test]
    fn clock_times_with_no_break_spaces() {
        let n = mentions(
            "Il a percuté le camion vers 7\u{a0}h\u{a0}40.",
            LangCode::Fr,
        );
        assert_eq!(n.len(), 1);
        assert_eq!(
            (n[0].value, n[0].unit.as_deref()),
            (460.0, Some(CLOCK_UNIT))
        );
    }

    #[test]
    fn scales_and_currency_signs() {
        let found = |text: &str, code: LangCode| -> Vec<(f64, Option<String>, String)> {
            mentions(text, code)
                .into_iter()
                .map(|n| (n.value, n.unit, n.text))
                .collect()
        };
        assert_eq!(
            found("Un plan de 1,2 milliard d'euros.", LangCode::Fr),
            [(1.2e9, Some("EUR".into()), "1,2 milliard".into())]
        );
        assert_eq!(
            found("It costs $1.5bn, or £1.2 billion.", LangCode::En),
            [
                (1.5e9, Some("USD".into()), "$1.5bn".into()),
                (1.2e9, Some("GBP".into()), "£1.2 billion".into())
            ]
        );
    }

    #[test]
    fn a_unit_a_few_linking_words_later() {
        let injured = Some("injured".to_string());
        assert_eq!(
            nums(
                "Une trentaine ont été blessées, dont quatre grièvement.",
                LangCode::Fr
            ),
            [(30.0, injured.clone()), (4.0, None)]
        );
        assert_eq!(
            nums("Une trentaine de blessés.", LangCode::Fr),
            [(30.0, injured.clone())]
        );
        assert_eq!(nums("30 were injured.", LangCode::En), [(30.0, injured)]);
    }

    #[test]
    fn a_figure_of_a_move_is_its_level_or_its_size() {
        let moves = |text: &str, code: LangCode| -> Vec<(f64, Option<Movement>)> {
            mentions(text, code)
                .into_iter()
                .map(|n| (n.value, n.movement))
                .collect()
        };
        use Movement::{Amount, Level};
        assert_eq!(
            moves(
                "The rate rose to 3.7% in October, from 3.5% in September.",
                LangCode::En
            ),
            [(3.7, Some(Level)), (3.5, Some(Level))]
        );
        assert_eq!(
            moves("Rates for adult women rose 3.4 percent while for whites the increase was 3.2 percent.", LangCode::En),
            [(3.4, Some(Amount)), (3.2, Some(Amount))]
        );
        assert_eq!(
            moves(
                "Jobs increased by 261,000 to 6.1 million; 12 people were hired.",
                LangCode::En
            ),
            [
                (261_000.0, Some(Amount)),
                (6_100_000.0, Some(Level)),
                (12.0, None)
            ]
        );
        // After a word of change, "up to" is the level reached, not a bound.
        let ticked = mentions("The rate ticked up to 3.7 per cent.", LangCode::En);
        assert_eq!((ticked[0].movement, ticked[0].bound), (Some(Level), None));
        assert_eq!(ticked[0].text, "3.7 per cent");
        assert_eq!(
            moves("Le taux est en hausse de 0,2 point à 9,5 %.", LangCode::Fr),
            [(0.2, Some(Amount)), (9.5, Some(Level))]
        );
    }

    #[test]
    fn clock_times_are_minutes_after_midnight() {
        let time = |m: f64| (m, Some(CLOCK_UNIT.to_string()));
        assert_eq!(
            nums(
                "Le train a déraillé vers 7h40, un autre à 7 h 45 et un dernier à 8h.",
                LangCode::Fr
            ),
            [time(460.0), time(465.0), time(480.0)]
        );
        assert_eq!(
            nums(
                "The blast happened at 9:15 a.m., the fire was out by 11 p.m. and 14 were hurt.",
                LangCode::En
            ),
            [
                time(555.0),
                time(1380.0),
                (14.0, Some("injured".to_string()))
            ]
        );
        // Not times: a ratio, a score, minutes past 59.
        assert!(nums("The vote was 3:1 and the tally 10:75.", LangCode::En)
            .iter()
            .all(|(_, u)| u.is_none()));
    }
}
