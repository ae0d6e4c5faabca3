//! Dates in a claim: absolute ("9 septembre", "20 janvier 2017", "mars 2014", "en 2014"),
//! weekdays ("samedi", "vendredi dernier", "last Friday") and relative days ("hier"),
//! resolved against the article's date when it is known. A weekday is the last one (or the
//! article's day), unless the claim speaks of the future ("Divers will inspect the hull on
//! Wednesday", "se rendra mercredi"): then it is the coming one.

use std::cell::OnceCell;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::lang::{Lang, NumericDateOrder};
use crate::normalize::{fold, WordKind, WordSpan};
use crate::source::Span;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parse "2017", "2017-05" or "2017-05-02".
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let date = PartialDate {
            year: Some(year),
            month,
            day,
        };
        if day.is_some() && date.to_naive().is_none() {
            return None;
        }
        Some(date)
    }

    /// A publication date as front matter and CMSs write it: an ISO date, or a timestamp whose
    /// date part is taken as written ("2025-03-19T18:05:00Z", "2025-03-19 14:30:00 -0400").
    pub fn parse_published(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let time = s.get(10..).and_then(|t| t.strip_prefix(['T', 't', ' ']));
        match time {
            Some(t) if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(':') => {
                PartialDate::parse_iso(&s[..10]).filter(|d| d.day.is_some())
            }
            _ => PartialDate::parse_iso(s),
        }
    }

    pub fn from_naive(d: NaiveDate) -> PartialDate {
        PartialDate {
            year: Some(d.year()),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// The first and last day the date can be: "2017-05" is 1–31 May 2017.
    pub fn day_range(self) -> Option<(NaiveDate, NaiveDate)> {
        let year = self.year?;
        let (m0, m1) = match self.month {
            Some(m) => (m, m),
            None => (1, 12),
        };
        let first = NaiveDate::from_ymd_opt(year, m0, self.day.unwrap_or(1))?;
        let last = match self.day {
            Some(d) => NaiveDate::from_ymd_opt(year, m1, d)?,
            None => {
                let next = if m1 == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m1 + 1, 1)
                };
                next? - Duration::days(1)
            }
        };
        Some((first, last))
    }

    /// Two dates contradict when a field both know differs.
    pub fn conflicts(&self, other: &PartialDate) -> bool {
        fn differ<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            matches!((a, b), (Some(x), Some(y)) if x != y)
        }
        differ(self.year, other.year)
            || differ(self.month, other.month)
            || differ(self.day, other.day)
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, Some(d)) => write!(f, "---{d:02}"),
            (None, None, None) => f.write_str("?"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    Absolute,
    Weekday,
    Relative,
}

/// A date named in a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte span within the claim text.
    pub span: Span,
    pub text: String,
    pub kind: DateKind,
    /// 1 = Monday … 7 = Sunday, when a weekday is named or the date is known to the day.
    pub weekday: Option<u32>,
    /// The date as written, completed with the article's date where it can be.
    pub date: Option<PartialDate>,
}

fn naive_weekday(d: NaiveDate) -> u32 {
    d.weekday().number_from_monday()
}

/// Find the dates in `text` (whose words are `words`), resolved against `article_date`.
/// `folded` holds each word folded (`normalize::fold`).
pub fn find_dates(
    text: &str,
    words: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    article_date: Option<PartialDate>,
) -> Vec<DateMention> {
    let scan = DateScan {
        text,
        words,
        folded,
        lang,
        article_date,
        anchor: article_date.and_then(PartialDate::to_naive),
        future: OnceCell::new(),
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        match scan.mention_at(k) {
            Some((mention, end)) => {
                out.push(mention);
                k = end;
            }
            None => k += 1,
        }
    }
    scan.add_relative_periods(&mut out);
    out.sort_by_key(|d| d.span.start);
    merge_named_weekdays(text, out)
}

/// A date phrase found at a word: the word after it, its kind, and the date it names when
/// that is known.
type Found = (usize, DateKind, Option<PartialDate>);

/// One claim read for dates. The forms are tried at each word in a fixed order, most
/// specific first, so that "20 janvier 2017" is one date and not a day, a month and a year.
struct DateScan<'a> {
    text: &'a str,
    words: &'a [WordSpan],
    folded: &'a [String],
    lang: &'a Lang,
    article_date: Option<PartialDate>,
    /// The article's day, which weekdays and relative days count from.
    anchor: Option<NaiveDate>,
    /// Asked once, of claims that name a weekday only: the question reads the whole claim.
    future: OnceCell<bool>,
}

impl DateScan<'_> {
    /// The date mention that starts at word `k`, and the word after it.
    fn mention_at(&self, k: usize) -> Option<(DateMention, usize)> {
        let absolute = self
            .day_month(k)
            .or_else(|| self.month_first(k))
            .or_else(|| self.year_alone(k));
        if let Some(found) = absolute {
            return Some(self.mention(k, found));
        }
        self.weekday(k)
            .or_else(|| self.relative_day(k).map(|found| self.mention(k, found)))
    }

    fn mention(&self, k: usize, (end, kind, date): Found) -> (DateMention, usize) {
        let (a, b) = (self.words[k].start, self.words[end - 1].end);
        let mention = DateMention {
            span: Span::new(a, b),
            text: self.text[a..b].to_string(),
            kind,
            weekday: date.and_then(PartialDate::to_naive).map(naive_weekday),
            date,
        };
        (mention, end)
    }

    fn number(&self, k: usize) -> Option<u32> {
        let w = self.words.get(k)?;
        if w.kind != WordKind::Number {
            return None;
        }
        self.text[w.start..w.end].parse().ok()
    }

    fn day(&self, k: usize) -> Option<u32> {
        self.number(k).filter(|d| (1..=31).contains(d))
    }

    fn year(&self, k: usize) -> Option<i32> {
        self.number(k)
            .filter(|y| (1000..=2999).contains(y))
            .map(|y| y as i32)
    }

    fn month(&self, k: usize) -> Option<u32> {
        self.folded
            .get(k)
            .and_then(|f| self.lang.months.get(f))
            .copied()
    }

    /// A day and a month, with the year if word `y` is one.
    fn to_the_day(&self, day: u32, month: u32, y: usize) -> Found {
        let year = self.year(y);
        let end = if year.is_some() { y + 1 } else { y };
        let date = complete(day, month, year, self.article_date);
        (end, DateKind::Absolute, Some(date))
    }

    /// Day month [year]: "9 septembre", "1er mars 2014", "20 janvier 2017".
    fn day_month(&self, k: usize) -> Option<Found> {
        let day = self.day(k)?;
        let mut m = k + 1;
        let suffix = self
            .folded
            .get(m)
            .is_some_and(|f| self.lang.ordinal_suffixes.contains(f));
        if suffix && self.words[m].start == self.words[k].end {
            m += 1;
        }
        let month = self.month(m)?;
        Some(self.to_the_day(day, month, m + 1))
    }

    /// Month day[, year] where months come first ("January 20, 2017"); month year
    /// ("mars 2014"); a month after a prefix ("en novembre", "fin mars", "in November").
    fn month_first(&self, k: usize) -> Option<Found> {
        let month = self.month(k)?;
        let capitalised = self.text[self.words[k].start..].starts_with(char::is_uppercase);
        if let Some(day) = self.day(k + 1) {
            if self.lang.month_before_day && capitalised {
                return Some(self.to_the_day(day, month, k + 2));
            }
        }
        let (year, end) = if let Some(year) = self.year(k + 1) {
            (Some(year), k + 2)
        } else if k > 0
            && self.lang.month_prefixes.contains(&self.folded[k - 1])
            && (capitalised || !self.lang.months_capitalised)
        {
            (self.article_date.and_then(|a| a.year), k + 1)
        } else {
            return None;
        };
        let date = PartialDate {
            year,
            month: Some(month),
            day: None,
        };
        Some((end, DateKind::Absolute, Some(date)))
    }

    /// A year on its own: "en 2014", "in 2003".
    fn year_alone(&self, k: usize) -> Option<Found> {
        let year = self.number(k).filter(|y| (1900..=2100).contains(y))?;
        let prev = k.checked_sub(1).map(|p| self.folded[p].as_str());
        let prefixed = prev.is_some_and(|p| self.lang.year_prefixes.contains(p));
        let four_digits = self.text[self.words[k].start..self.words[k].end].len() == 4;
        (prefixed || (four_digits && !self.count_follows(k))).then(|| {
            let date = PartialDate {
                year: Some(year as i32),
                month: None,
                day: None,
            };
            (k + 1, DateKind::Absolute, Some(date))
        })
    }

    /// "en 2014" is a year; "2000 soldats", "1950 homes" are counts: a unit, or a plural
    /// noun (a lowercase word with a `plural_endings` ending that is not a function word),
    /// follows.
    fn count_follows(&self, k: usize) -> bool {
        let (text, words, lang) = (self.text, self.words, self.lang);
        self.folded.get(k + 1).is_some_and(|w| {
            let written = &text[words[k + 1].start..words[k + 1].end];
            lang.units.contains_key(w)
                || written.starts_with(char::is_lowercase)
                    && w.chars().count() > 3
                    && lang.plural_endings.iter().any(|e| w.ends_with(e.as_str()))
                    && !lang.stopwords.contains(w)
                    && text[words[k].end..words[k + 1].start].trim().is_empty()
        })
    }

    /// A weekday: "samedi", "vendredi dernier", "last Friday", "next Monday".
    fn weekday(&self, k: usize) -> Option<(DateMention, usize)> {
        let lang = self.lang;
        let wd = *self.folded.get(k).and_then(|f| lang.weekdays.get(f))?;
        let after = self.folded.get(k + 1).map(String::as_str);
        let before = k.checked_sub(1).map(|p| self.folded[p].as_str());
        let past = |w: Option<&str>| w.is_some_and(|w| lang.weekday_past.contains(w));
        let next = |w: Option<&str>| w.is_some_and(|w| lang.weekday_next.contains(w));
        // "vendredi dernier", "last Friday": the cue is part of the mention.
        let cue = |w: Option<&str>| past(w) || next(w);
        let (start, end) = (
            k - usize::from(cue(before)),
            k + 1 + usize::from(cue(after)),
        );
        let (is_past, is_next) = (past(after) || past(before), next(after) || next(before));
        let date = self
            .anchor
            .map(|a| self.weekday_date(a, wd, k, is_past, is_next));
        let (a, b) = (self.words[start].start, self.words[end - 1].end);
        let mention = DateMention {
            span: Span::new(a, b),
            text: self.text[a..b].to_string(),
            kind: DateKind::Weekday,
            weekday: Some(wd),
            date,
        };
        Some((mention, end))
    }

    /// The day that weekday `wd` (word `k`) names, counted from the article's day `anchor`.
    fn weekday_date(
        &self,
        anchor: NaiveDate,
        wd: u32,
        k: usize,
        past: bool,
        next: bool,
    ) -> PartialDate {
        // A weekday just after a reporting verb is when it was said ("said on Monday that
        // divers will…"); otherwise a claim about the future names the next one.
        let said_then = self.folded[k.saturating_sub(SAID_WITHIN)..k]
            .iter()
            .any(|w| self.lang.attribution_verbs.contains(w));
        let forward = !past && !said_then && self.speaks_of_future();
        let today = naive_weekday(anchor) as i64;
        let ahead = (wd as i64 - today).rem_euclid(7);
        let back = (today - wd as i64).rem_euclid(7);
        let delta = match (next, forward) {
            // "next Monday" on a Monday is in a week.
            (true, _) if ahead == 0 => 7,
            (true, _) | (false, true) => ahead,
            // "last Monday" on a Monday was a week ago.
            _ if past && back == 0 => -7,
            _ => -back,
        };
        PartialDate::from_naive(anchor + Duration::days(delta))
    }

    fn speaks_of_future(&self) -> bool {
        *self
            .future
            .get_or_init(|| speaks_of_future(self.text, self.words, self.folded, self.lang))
    }

    /// Relative days: "hier", "aujourd'hui", "yesterday".
    fn relative_day(&self, k: usize) -> Option<Found> {
        let (phrase, days) = self
            .lang
            .relative_days
            .iter()
            .find(|(phrase, _)| !phrase.is_empty() && self.folded[k..].starts_with(phrase))?;
        let date = self
            .anchor
            .map(|a| PartialDate::from_naive(a + Duration::days(*days)));
        Some((k + phrase.len(), DateKind::Relative, date))
    }

    /// Relative periods: "la semaine dernière", "last month", where no date found word by
    /// word (nor an earlier period) already stands.
    fn add_relative_periods(&self, out: &mut Vec<DateMention>) {
        for (re, days) in &self.lang.relative_periods {
            for m in re.find_iter(self.text) {
                if out
                    .iter()
                    .any(|d| d.span.start < m.end() && m.start() < d.span.end)
                {
                    continue;
                }
                out.push(DateMention {
                    span: Span::new(m.start(), m.end()),
                    text: m.as_str().to_string(),
                    kind: DateKind::Relative,
                    weekday: None,
                    date: self.anchor.and_then(|a| period_date(a, *days)),
                });
            }
        }
    }
}

/// The date a period `days` away from `anchor` names. A week names no day or month; a month
/// or a year back resolve to that month or year.
fn period_date(anchor: NaiveDate, days: i64) -> Option<PartialDate> {
    let d = PartialDate::from_naive(anchor + Duration::days(days));
    match days.abs() {
        300.. => Some(PartialDate {
            month: None,
            day: None,
            ..d
        }),
        28..=299 => Some(PartialDate { day: None, ..d }),
        _ => None,
    }
}

/// A reporting verb at most this many words before a weekday dates the saying: "said
/// Monday", "said on Monday", "told reporters on Monday", "a indiqué ce lundi".
const SAID_WITHIN: usize = 3;

/// Does the claim speak of the future: a `future` phrase of the language ("will", "doit se
/// rendre"), or a word in lower case that a `future` word pattern describes and that is no
/// exception (the futur simple: "se rendra")? Words with a capital are names, not verbs.
fn speaks_of_future(text: &str, words: &[WordSpan], folded: &[String], lang: &Lang) -> bool {
    let patterns = lang.patterns();
    patterns.future_phrases.iter().any(|p| p.is_match(text))
        || words.iter().zip(folded).any(|(w, f)| {
            let word = &text[w.start..w.end];
            !word.starts_with(char::is_uppercase)
                && !lang.future_exceptions.contains(f)
                && patterns.future_words.iter().any(|p| p.is_match(word))
        })
}

/// A weekday written next to a date to the day ("mardi 14 mai", "Tuesday, May 14") is one
/// mention: the date, with the weekday as written, even when the two disagree, so that
/// "mardi 14 mai" and "mercredi 14 mai" are seen to differ.
fn merge_named_weekdays(text: &str, mentions: Vec<DateMention>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            let between = &text[prev.span.end..m.span.start];
            let adjacent = between.chars().all(|c| c.is_whitespace() || c == ',');
            let to_the_day = m.date.is_some_and(|d| d.day.is_some());
            if adjacent
                && prev.kind == DateKind::Weekday
                && m.kind == DateKind::Absolute
                && to_the_day
            {
                let span = Span::new(prev.span.start, m.span.end);
                *prev = DateMention {
                    span,
                    text: text[span.start..span.end].to_string(),
                    kind: DateKind::Absolute,
                    weekday: prev.weekday,
                    date: m.date,
                };
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Give "9 septembre" the year of the article (or the year before, if that month is later).
fn complete(day: u32, month: u32, year: Option<i32>, article: Option<PartialDate>) -> PartialDate {
    let year = year.or_else(|| {
        let a = article?;
        let ay = a.year?;
        match a.month {
            Some(am) if month > am + 1 => Some(ay - 1),
            _ => Some(ay),
        }
    });
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// The first full date in a line, for metadata taken from bylines: "15 novembre 2016",
/// "2025-03-11", and "11/03/2025" where the language says which figure is the day.
pub fn find_full_date(text: &str, lang: &Lang) -> Option<PartialDate> {
    first_full_date(text, lang).map(|(_, d)| d)
}

/// [`find_full_date`], with where the date starts in `text`.
fn first_full_date(text: &str, lang: &Lang) -> Option<(usize, PartialDate)> {
    let words = crate::normalize::words(text);
    let folded: Vec<String> = words.iter().map(|w| fold(&text[w.start..w.end])).collect();
    let written = find_dates(text, &words, &folded, lang, None)
        .into_iter()
        .filter(|d| d.kind == DateKind::Absolute)
        .filter_map(|d| Some((d.span.start, d.date?)))
        .find(|(_, d)| d.year.is_some() && d.month.is_some());
    let figures = numeric_date(text, lang.numeric_date_order);
    match (written, figures) {
        (Some(w), Some(f)) => Some(if f.0 < w.0 { f } else { w }),
        (w, f) => w.or(f),
    }
}

/// The first date written in figures: year first ("2025-03-11") in any language; day and
/// month first ("11/03/2025", "11.03.2025") in the language's order, and not at all when
/// the language has none.
fn numeric_date(text: &str, order: Option<NumericDateOrder>) -> Option<(usize, PartialDate)> {
    static FIGURES: OnceLock<Regex> = OnceLock::new();
    let re = FIGURES.get_or_init(|| {
        Regex::new(r"\b(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}))\b")
            .expect("a valid pattern")
    });
    re.captures_iter(text).find_map(|c| {
        let start = c.get(0)?.start();
        let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (year, month, day) = if let Some(year) = number(1) {
            (year, number(2)?, number(3)?)
        } else {
            // "11/03-2025" is not a date.
            if c.get(5)?.as_str() != c.get(7)?.as_str() {
                return None;
            }
            let (first, second, year) = (number(4)?, number(6)?, number(8)?);
            match order? {
                NumericDateOrder::Dmy => (year, second, first),
                NumericDateOrder::Mdy => (year, first, second),
            }
        };
        let date = PartialDate {
            year: Some(year as i32),
            month: Some(month),
            day: Some(day),
        };
        date.to_naive().map(|_| (start, date))
    })
}

/// Does a line that dates the article say when it was published, or when it was updated?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    Published,
    Updated,
}

/// The date a line gives for the article's publication ("Publié le 11/03/2025 à 14h05",
/// "Updated: 11 March 2025 14:05 GMT"): the full date right after a cue of the language's
/// `publication` patterns, a published date before an updated one on the same line
/// ("Updated 12 March 2025, first published 11 March 2025").
pub fn publication_date(line: &str, lang: &Lang) -> Option<(PartialDate, Publication)> {
    let patterns = lang.patterns();
    let kinds = [
        (&patterns.published, Publication::Published),
        (&patterns.updated, Publication::Updated),
    ];
    kinds.into_iter().find_map(|(cues, kind)| {
        cues.iter()
            .flat_map(|re| re.find_iter(line))
            .find_map(|cue| {
                let rest = &line[cue.end()..];
                let (at, date) = first_full_date(rest, lang)?;
                // The cue's own date, not one later in the line.
                (!rest[..at].contains(char::is_alphanumeric)).then_some(date)
            })
            .map(|date| (date, kind))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, LangCode};

    fn dates(
        text: &str,
        code: LangCode,
        article: Option<&str>,
    ) -> Vec<(String, Option<String>, Option<u32>)> {
        let lang = Lang::get(code);
        let words = crate::normalize::words(text);
        let article = article.and_then(PartialDate::parse_iso);
        let folded: Vec<String> = words.iter().map(|w| fold(&text[w.start..w.end])).collect();
        find_dates(text, &words, &folded, lang, article)
            .into_iter()
            .map(|d| (d.text, d.date.map(|x| x.to_string()), d.weekday))
            .collect()
    }

    #[test]
    fn absolute_dates_in_french() {
        assert_eq!(
            dates(
                "Le 9 septembre, puis le 20 janvier 2017 et en mars 2014.",
                LangCode::Fr,
                Some("2016-11-15")
            ),
            vec![
                ("9 septembre".into(), Some("2016-09-09".into()), Some(5)),
                ("20 janvier 2017".into(), Some("2017-01-20".into()), Some(5)),
                ("mars 2014".into(), Some("2014-03".into()), None),
            ]
        );
    }

    #[test]
    fn weekdays_resolve_against_the_article_date() {
        // 2017-01-28 is a Saturday.
        let d = dates(
            "ont échangé samedi au téléphone, et vendredi dernier",
            LangCode::Fr,
            Some("2017-01-28"),
        );
        assert_eq!(d[0], ("samedi".into(), Some("2017-01-28".into()), Some(6)));
        assert_eq!(
            d[1],
            (
                "vendredi dernier".into(),
                Some("2017-01-27".into()),
                Some(5)
            )
        );
        let d = dates(
            "He spoke last Friday and yesterday.",
            LangCode::En,
            Some("2017-01-28"),
        );
        assert_eq!(d[0].1.as_deref(), Some("2017-01-27"));
        assert_eq!(d[1].1.as_deref(), Some("2017-01-27"));
    }

    #[test]
    fn a_weekday_in_a_claim_about_the_future_is_the_next_one() {
        // 2025-06-03 is a Tuesday.
        let day = "2025-06-03";
        let first = |text: &str, code: LangCode| {
            dates(text, code, Some(day))
                .into_iter()
                .map(|d| d.1.unwrap())
                .collect::<Vec<_>>()
        };
        use LangCode::{En, Fr};
        assert_eq!(
            first("Divers inspected the hull on Wednesday.", En),
            ["2025-05-28"]
        );
        assert_eq!(
            first("Divers will inspect the hull on Wednesday.", En),
            ["2025-06-04"]
        );
        assert_eq!(
            first("On Wednesday, divers are due to inspect the hull.", En),
            ["2025-06-04"]
        );
        assert_eq!(first("The ship is to sail on Friday.", En), ["2025-06-06"]);
        // The same day, as for the past.
        assert_eq!(
            first("The minister will visit on Tuesday.", En),
            ["2025-06-03"]
        );
        assert_eq!(first("They meet again next Monday.", En), ["2025-06-09"]);
        assert_eq!(
            first("Ils se reverront lundi prochain.", Fr),
            ["2025-06-09"]
        );
        assert_eq!(
            first("Le ministre se rendra mercredi à Gap.", Fr),
            ["2025-06-04"]
        );
        assert_eq!(
            first("Le texte doit être voté jeudi au Sénat.", Fr),
            ["2025-06-05"]
        );
        assert_eq!(
            first("Le ministre s'est rendu mercredi à Gap.", Fr),
            ["2025-05-28"]
        );
        // A weekday just after a reporting verb is when it was said.
        assert_eq!(
            first(
                "Police said on Monday that divers will inspect the hull on Wednesday.",
                En
            ),
            ["2025-06-02", "2025-06-04"]
        );
        assert_eq!(
            first(
                "Le ministre a annoncé lundi qu'il se rendra mercredi à Gap.",
                Fr
            ),
            ["2025-06-02", "2025-06-04"]
        );
        // Words the future patterns catch that are no verb, and names.
        assert_eq!(
            first("Les vignerons des environs ont manifesté mercredi.", Fr),
            ["2025-05-28"]
        );
        assert_eq!(
            first("Le président de la Sierra Leone est arrivé mercredi.", Fr),
            ["2025-05-28"]
        );
    }

    #[test]
    fn years_and_counts() {
        assert_eq!(
            dates("L'annexion de la Crimée en 2014.", LangCode::Fr, None).len(),
            1
        );
        assert!(dates("Environ 2000 soldats sont arrivés.", LangCode::Fr, None).is_empty());
        // A plural noun after the figure makes it a count.
        assert!(dates("La police a compté 2000 manifestants.", LangCode::Fr, None).is_empty());
        assert!(dates("The storm destroyed 1950 homes.", LangCode::En, None).is_empty());
        assert_eq!(
            dates("In 1950 homes were cheap.", LangCode::En, None).len(),
            1
        );
        assert_eq!(
            dates("Depuis 2014, les sanctions pèsent.", LangCode::Fr, None).len(),
            1
        );
        assert_eq!(
            dates("Il est là depuis 2000 et il reste.", LangCode::Fr, None).len(),
            1
        );
    }

    #[test]
    fn relative_periods() {
        let d = dates(
            "Ils se sont vus la semaine dernière et le mois dernier.",
            LangCode::Fr,
            Some("2017-01-28"),
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].1, None);
        assert_eq!(d[1].1.as_deref(), Some("2016-12"));
        let d = dates("They met last year.", LangCode::En, Some("2017-01-28"));
        assert_eq!(d[0].1.as_deref(), Some("2016"));
    }

    #[test]
    fn english_month_day_year() {
        let d = dates("on January 20, 2017 in Washington", LangCode::En, None);
        assert_eq!(d[0].1.as_deref(), Some("2017-01-20"));
    }

    #[test]
    fn byline_dates() {
        let lang = Lang::get(LangCode::Fr);
        assert_eq!(
            find_full_date("écrit par X | 15 novembre 2016", lang).map(|d| d.to_string()),
            Some("2016-11-15".into())
        );
    }

    #[test]
    fn dates_in_figures_are_read_where_the_language_orders_them() {
        let fr = Lang::get(LangCode::Fr);
        let en = Lang::get(LangCode::En);
        let full = |s: &str, lang: &Lang| find_full_date(s, lang).map(|d| d.to_string());
        assert_eq!(
            full("le 11/03/2025 à 14h05", fr).as_deref(),
            Some("2025-03-11")
        );
        assert_eq!(full("le 11.03.2025", fr).as_deref(), Some("2025-03-11"));
        // English writers disagree on the order: "03/11/2025" is not read.
        assert_eq!(full("on 03/11/2025", en), None);
        // Year first is read everywhere.
        assert_eq!(full("on 2025-03-11", en).as_deref(), Some("2025-03-11"));
        // Not a date: mixed separators, a 13th month, a clock time.
        assert_eq!(full("le 11/03-2025", fr), None);
        assert_eq!(full("le 11/13/2025", fr), None);
        assert_eq!(full("à 14.05", fr), None);
        // The first date of the line, written or in figures.
        assert_eq!(
            full("11 mars 2025, modifié le 12/03/2025", fr).as_deref(),
            Some("2025-03-11")
        );
    }

    #[test]
    fn a_publication_line_gives_the_date_after_its_cue() {
        let fr = Lang::get(LangCode::Fr);
        let en = Lang::get(LangCode::En);
        let read =
            |s: &str, lang: &Lang| publication_date(s, lang).map(|(d, kind)| (d.to_string(), kind));
        use Publication::{Published, Updated};
        assert_eq!(
            read("Publié le 11/03/2025 à 14h05", fr),
            Some(("2025-03-11".into(), Published))
        );
        assert_eq!(
            read(
                "Publié le mardi 11 mars 2025 à 14h05, mis à jour le 12 mars 2025",
                fr
            ),
            Some(("2025-03-11".into(), Published))
        );
        assert_eq!(
            read("Mis à jour le 12 mars 2025 à 08h12", fr),
            Some(("2025-03-12".into(), Updated))
        );
        assert_eq!(
            read("Published March 11, 2025", en),
            Some(("2025-03-11".into(), Published))
        );
        assert_eq!(
            read("Updated: 11 March 2025 14:05 GMT", en),
            Some(("2025-03-11".into(), Updated))
        );
        // The published date wins wherever it is on the line.
        assert_eq!(
            read("Updated 12 March 2025, first published 11 March 2025", en),
            Some(("2025-03-11".into(), Published))
        );
        // A cue's date is the one right after it, not a later one.
        assert_eq!(
            read("Publié hier, mis à jour le 12 mars 2025", fr),
            Some(("2025-03-12".into(), Updated))
        );
        assert_eq!(read("Published 03/11/2025", en), None);
        assert_eq!(read("Par Anne Dupuis, 11 mars 2025", fr), None);
    }

    #[test]
    fn day_ranges() {
        let r = PartialDate::parse_iso("2017-02")
            .unwrap()
            .day_range()
            .unwrap();
        assert_eq!(
            (r.0.to_string(), r.1.to_string()),
            ("2017-02-01".into(), "2017-02-28".into())
        );
        let r = PartialDate::parse_iso("2016").unwrap().day_range().unwrap();
        assert_eq!(r.1.to_string(), "2016-12-31");
    }

    #[test]
    fn iso_parsing() {
        assert!(PartialDate::parse_iso("2017-02-30").is_none());
        assert_eq!(
            PartialDate::parse_iso("2017-05").unwrap().to_string(),
            "2017-05"
        );
        let published = |s: &str| PartialDate::parse_published(s).map(|d| d.to_string());
        assert_eq!(
            published("2025-03-19T18:05:00Z").as_deref(),
            Some("2025-03-19")
        );
        assert_eq!(
            published("2025-03-19 14:30:00 -0400").as_deref(),
            Some("2025-03-19")
        );
        assert_eq!(
            published("2025-03-19T18:05:00+01:00").as_deref(),
            Some("2025-03-19")
        );
        assert_eq!(published("2025-03").as_deref(), Some("2025-03"));
        assert_eq!(published("2025-03-19 hier"), None);
        assert_eq!(published("2025-03-32T10:00"), None);
    }
}
