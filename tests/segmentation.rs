//! Segmentation on the tricky-cases file (fixtures/segmentation/tricky.yaml) and on the raw
//! seed articles.

use claimdiff::ingest::{article_from_text, read_article, InputSpec, ReadOptions};
use claimdiff::lang::{Lang, LangCode};
use claimdiff::segment::{segment, Role, SegmentOptions};
use claimdiff::source::Span;

#[derive(serde::Deserialize)]
struct Case {
    lang: String,
    text: String,
    expected: Vec<String>,
    #[serde(default)]
    roles: Vec<Role>,
}

#[derive(serde::Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

fn segments_of(text: &str, lang: LangCode) -> Vec<(String, Role)> {
    let lang = Lang::get(lang);
    segment(
        text,
        Span::new(0, text.len()),
        lang,
        SegmentOptions::default(),
    )
    .into_iter()
    .map(|s| (text[s.span.start..s.span.end].to_string(), s.role))
    .collect()
}

#[test]
fn tricky_cases() {
    let raw = std::fs::read_to_string("fixtures/segmentation/tricky.yaml").unwrap();
    let cases: Cases = claimdiff::config::parse_yaml("tricky.yaml", &raw).unwrap();
    assert!(cases.cases.len() >= 60);
    let mut failures = Vec::new();
    for (n, case) in cases.cases.iter().enumerate() {
        let lang = LangCode::parse(&case.lang).unwrap();
        let got = segments_of(&case.text, lang);
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        if texts != case.expected {
            failures.push(format!(
                "case {}: {:?}\n   got {:?}\n  want {:?}",
                n + 1,
                case.text,
                texts,
                case.expected
            ));
            continue;
        }
        if !case.roles.is_empty() {
            let roles: Vec<Role> = got.iter().map(|(_, r)| *r).collect();
            if roles != case.roles {
                failures.push(format!(
                    "case {}: roles {:?}, want {:?}",
                    n + 1,
                    roles,
                    case.roles
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.cases.len(),
        failures.join("\n")
    );
}

fn seed(name: &str) -> claimdiff::ingest::Article {
    read_article(
        &InputSpec::path(format!("fixtures/seeds/{name}")),
        "a1",
        ReadOptions::default(),
    )
    .unwrap()
}

fn texts_with_role(a: &claimdiff::ingest::Article, role: Role) -> Vec<String> {
    a.segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role == role)
        .map(|(i, _)| a.segment_text(i).to_string())
        .collect()
}

const SEEDS: [&str; 5] = [
    "000_da1ad20a460b3aa2.txt",
    "001_fefcd0f3b72511c5.txt",
    "002_c77bffe88f816a3e.txt",
    "003_f88875b5d44bba2d.txt",
    "004_43b49ed0a464ae58.txt",
];

#[test]
fn seeds_are_never_cut_at_abbreviations_or_numbers() {
    for name in SEEDS {
        let a = seed(name);
        for claim in texts_with_role(&a, Role::Claim) {
            for bad_end in [" M.", " MM.", "ndlr.", "ndlr)."] {
                assert!(
                    !claim.ends_with(bad_end),
                    "{name}: cut after {bad_end:?}: {claim}"
                );
            }
            let first = claim.trim_start_matches(|c: char| !c.is_alphanumeric());
            assert!(
                !first.starts_with(|c: char| c.is_ascii_digit())
                    || first.starts_with("30 jours")
                    || first.len() > 3,
                "{name}: {claim}"
            );
            assert!(
                !claim.starts_with("000 "),
                "{name}: cut inside a number: {claim}"
            );
        }
    }
    let sputnik = texts_with_role(&seed(SEEDS[0]), Role::Claim);
    assert!(sputnik
        .iter()
        .any(|c| c.starts_with("En outre, MM. Poutine et Trump ont convenu")));
    assert!(sputnik
        .iter()
        .any(|c| c.contains("d'environ 5 000 kilomètres carrés")));
    let aps = texts_with_role(&seed(SEEDS[2]), Role::Claim);
    assert!(aps.iter().any(|c| c.contains("ndlr). Je pense que")
        && c.ends_with("a déclaré Ozerov à l'agence Sputnik.")));
    let afp = texts_with_role(&seed(SEEDS[4]), Role::Claim);
    assert!(afp
        .iter()
        .any(|c| c.contains("victoire électorale de M. Trump, et ils")));
}

#[test]
fn seeds_non_claims_have_their_roles() {
    let swiss = seed(SEEDS[3]);
    let captions = texts_with_role(&swiss, Role::Caption);
    assert_eq!(captions.len(), 2, "{captions:?}");
    assert!(captions.iter().all(|c| c.contains("[Jonathan Ernst]")));
    let boiler = texts_with_role(&swiss, Role::Boilerplate);
    for b in ["Modifié", "reuters/mre", "Publié Modifié"] {
        assert!(
            boiler.iter().any(|x| x == b),
            "{b} not boilerplate: {boiler:?}"
        );
    }
    assert!(boiler.iter().any(|x| x.starts_with(">> Lire aussi")));
    let headings = texts_with_role(&swiss, Role::Heading);
    assert!(headings.contains(&"Mystère autour des sanctions".to_string()));

    let afp = seed(SEEDS[4]);
    assert!(texts_with_role(&afp, Role::Boilerplate).contains(&"ADVERTISEMENT".to_string()));
    assert_eq!(afp.meta.date.as_deref(), Some("2017-01"));
    assert!(texts_with_role(&afp, Role::Claim)
        .iter()
        .all(|c| !c.contains("ADVERTISEMENT")));

    let rt = seed(SEEDS[1]);
    assert_eq!(
        texts_with_role(&rt, Role::Byline),
        ["écrit par Laveritetriomphera | 15 novembre 2016"]
    );
    assert_eq!(rt.meta.date.as_deref(), Some("2016-11-15"));

    let aps = seed(SEEDS[2]);
    assert_eq!(aps.meta.date.as_deref(), Some("2017-05"));
    assert!(texts_with_role(&aps, Role::Boilerplate).contains(&"(APS)".to_string()));
    // The sign-off names the outlet.
    assert_eq!(aps.meta.outlet, "APS");
    // A dateline's agency comes first: initials in a sign-off are not an outlet.
    let afp = claimdiff::ingest::article_from_text(
        &claimdiff::ingest::InputSpec::path("depeche.txt"),
        "a1",
        "RENNES, 3 novembre (AFP) - Quelque 12 000 foyers étaient privés d'électricité.\n\nmda/abc\n"
            .to_string(),
    )
    .unwrap();
    assert_eq!(afp.meta.outlet, "AFP");

    let sputnik = seed(SEEDS[0]);
    let headings = texts_with_role(&sputnik, Role::Heading);
    assert!(
        headings.contains(&"Les relations bilatérales laissent à désirer".to_string()),
        "{headings:?}"
    );
    assert!(
        headings
            .iter()
            .any(|h| h.starts_with("Assad estime d'invasion")),
        "{headings:?}"
    );
}

#[test]
fn multi_sentence_quote_stays_with_its_speaker() {
    let afp = texts_with_role(&seed(SEEDS[4]), Role::Claim);
    let quote = afp
        .iter()
        .find(|c| c.contains("J'espère que nous aurons une relation fantastique"))
        .unwrap();
    assert!(quote.starts_with("Interrogé vendredi"), "{quote}");
    assert!(
        quote.contains("Donald Trump avait répondu")
            && quote.ends_with("On verra ce qui se passera\"."),
        "{quote}"
    );
}

#[test]
fn spans_slice_the_original_file() {
    for name in SEEDS {
        let a = seed(name);
        let raw = std::fs::read_to_string(format!("fixtures/seeds/{name}")).unwrap();
        for i in 0..a.segments.len() {
            let span = a.source_span(i);
            assert_eq!(&raw[span.start..span.end], a.segment_text(i));
        }
    }
}

#[test]
fn english_article() {
    let a = article_from_text(
        &InputSpec::path("en.txt"),
        "a1",
        "Putin and Trump agree to cooperate\n\nBy Jane Doe\n\nRussian President Vladimir Putin and U.S. President Donald Trump spoke by phone on Saturday, the Kremlin said. The two leaders agreed to work together against Islamic State in Syria.\n".into(),
    )
    .unwrap();
    assert_eq!(a.meta.lang, LangCode::En);
    assert_eq!(texts_with_role(&a, Role::Claim).len(), 2);
    assert_eq!(texts_with_role(&a, Role::Byline), ["By Jane Doe"]);
}
