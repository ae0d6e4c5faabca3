//! Command-line interface: argument parsing (clap) and dispatch. Errors become one line on
//! stderr and exit code 2; findings at or above `--fail-on` give exit code 1.

mod args;
mod config;

use std::io::IsTerminal;

use anyhow::Result;
use clap::Parser;

use crate::ingest::{self, InputSpec, ReadOptions};
use crate::report::model::{ClaimListing, SegmentRecord, Tool, SCHEMA};
use crate::report::table::{self, TableStyle};
use crate::segment::Role;

pub use args::{Cli, Command};

/// Exit codes, as documented in README and `--help`.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const ERROR: i32 = 2;
}

/// Parse arguments, run, and return the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimdiff: error: {}", one_line(&e));
            exit::ERROR
        }
    }
}

fn one_line(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    crate::error::one_line(&msg)
}

pub fn run(mut cli: Cli) -> Result<i32> {
    let config = config::load(cli.global.config.as_deref(), cli.global.no_config)?;
    apply_config(&mut cli.command, &config);
    match cli.command {
        Command::Claims(a) => claims(a, &cli.global),
        Command::Compare(a) => compare(a, &cli.global),
        Command::Check(a) => check(a, &cli.global),
        Command::Pairs(a) => pairs(a),
        Command::Baseline(a) => baseline(a, &cli.global),
        Command::Rules(r) => rules_command(r),
        Command::Model(m) => model_command(m, &cli.global),
        Command::Config => {
            let text = config::describe(&config)?;
            crate::output::emit(&crate::output::Destination::Stdout, text.as_bytes())?;
            Ok(exit::OK)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "claimdiff",
                &mut buf,
            );
            crate::output::emit(&crate::output::Destination::Stdout, &buf)?;
            Ok(exit::OK)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf)?;
            crate::output::emit(&crate::output::Destination::Stdout, &buf)?;
            Ok(exit::OK)
        }
    }
}

/// The configuration file's settings, where the command line gives none.
fn apply_config(command: &mut Command, config: &config::Config) {
    let analysis = |a: &mut args::AnalysisArgs| {
        if a.rules.is_none() {
            a.rules = config.rules.clone();
        }
        if a.threshold.is_none() {
            a.threshold = config.threshold;
        }
    };
    match command {
        Command::Compare(a) => {
            analysis(&mut a.analysis);
            a.output.format = a.output.format.or(config.format);
            a.fail_on = a.fail_on.or(config.fail_on);
        }
        Command::Check(a) => {
            analysis(&mut a.analysis);
            a.output.format = a.output.format.or(config.format);
            a.fail_on = a.fail_on.or(config.fail_on);
        }
        Command::Baseline(a) => analysis(&mut a.analysis),
        Command::Pairs(a) => a.rules = a.rules.take().or(config.rules.clone()),
        Command::Rules(args::RulesCommand::List { rules })
        | Command::Rules(args::RulesCommand::Explain { rules, .. }) => {
            *rules = rules.take().or(config.rules.clone())
        }
        _ => {}
    }
}

fn model_command(m: args::ModelCommand, global: &args::GlobalArgs) -> Result<i32> {
    use crate::semantic::{install, usem3::Model};
    let dir = install::model_dir()
        .ok_or_else(|| anyhow::anyhow!("no cache directory: set HOME or CLAIMDIFF_MODEL_DIR"))?;
    if matches!(m, args::ModelCommand::Install) {
        install::install(&dir, global.quiet)?;
    }
    if !install::installed(&dir) {
        anyhow::bail!(
            "{}: no sentence encoder installed; run `claimdiff model install`",
            dir.display()
        );
    }
    let started = std::time::Instant::now();
    let model = Model::load(&dir)?;
    let pair = [
        "Le séisme a fait au moins 13 morts.",
        "The earthquake killed at least 13 people.",
    ];
    let v = model.encode(&pair);
    let size: u64 = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "sentence encoder: {} {} in {} ({:.0} MB), loaded and run in {} ms; a French and an English sentence of one fact: cosine {:.2}",
        install::PACKAGE,
        install::VERSION,
        dir.display(),
        size as f64 / 1e6,
        started.elapsed().as_millis(),
        crate::semantic::cosine(&v[0], &v[1])
    );
    Ok(exit::OK)
}

/// How tables are drawn: to a terminal, sized and coloured; to a file (`to_file`), coloured
/// only with `--color always`.
pub(crate) fn table_style(global: &args::GlobalArgs, to_file: bool) -> TableStyle {
    let tty = !to_file && std::io::stdout().is_terminal();
    let width = if tty {
        comfy_table::Table::new().width()
    } else {
        None
    };
    let color = match global.color {
        args::ColorChoice::Always => true,
        args::ColorChoice::Never => false,
        args::ColorChoice::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    TableStyle { width, color }
}

/// Input files with their command-line metadata. `--outlet`, `--date`, `--title` name one
/// article; `PATH=OUTLET` names the outlet of each file.
pub(crate) fn input_specs(inputs: &args::InputArgs) -> Result<Vec<InputSpec>> {
    if inputs.files.is_empty() {
        anyhow::bail!("no input files; pass article paths, or - for standard input");
    }
    let single = inputs.files.len() == 1;
    if !single
        && (inputs.outlet.is_some() || inputs.date.is_some() || inputs.article_title.is_some())
    {
        anyhow::bail!(
            "--outlet, --date and --article-title describe one article but {} files were given; use PATH=OUTLET per file, or front matter",
            inputs.files.len()
        );
    }
    for (i, f) in inputs.files.iter().enumerate() {
        if f != "-" && inputs.files[..i].contains(f) {
            anyhow::bail!("{f} is given twice; compare different articles");
        }
    }
    let stdin_count = inputs.files.iter().filter(|f| *f == "-").count();
    if stdin_count > 1 {
        anyhow::bail!("standard input (-) can be read only once");
    }
    let mut specs = Vec::new();
    for f in &inputs.files {
        let (path, outlet) = path_and_outlet(f);
        let paths = if path != "-" && std::path::Path::new(&path).is_dir() {
            articles_in(&path)?
        } else {
            vec![path]
        };
        for path in paths {
            specs.push(InputSpec {
                path,
                outlet: inputs.outlet.clone().or(outlet.clone()),
                date: inputs.date.clone(),
                title: inputs.article_title.clone(),
                lang: inputs.lang,
            });
        }
    }
    if !single && specs.len() > 1 && inputs.outlet.is_some() {
        anyhow::bail!(
            "--outlet describes one article but a directory holds several; use front matter"
        );
    }
    Ok(specs)
}

/// Extensions of the files a directory given as input is walked for.
const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// The article files under `dir`, in path order, skipping what .gitignore, .ignore and hidden
/// names leave out (the `ignore` crate, as ripgrep walks).
fn articles_in(dir: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).require_git(false).build() {
        let entry = entry.map_err(|e| anyhow::anyhow!("{dir}: {e}"))?;
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if wanted && entry.file_type().is_some_and(|t| t.is_file()) {
            found.push(path.display().to_string());
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(crate::Error::input(
            dir,
            format!(
                "is a directory with no article files ({})",
                ARTICLE_EXTENSIONS.map(|e| format!(".{e}")).join(", ")
            ),
        )
        .into());
    }
    Ok(found)
}

/// `PATH=OUTLET` → the path and the outlet it names; a file whose name holds `=` is a path.
fn path_and_outlet(arg: &str) -> (String, Option<String>) {
    match arg.split_once('=') {
        Some((p, o)) if !std::path::Path::new(arg).exists() && !o.is_empty() => {
            (p.to_string(), Some(o.to_string()))
        }
        _ => (arg.to_string(), None),
    }
}

/// The inputs, once `output` (if any) is known not to be one of them.
fn input_specs_writing_to(
    input: &args::InputArgs,
    output: Option<&std::path::Path>,
) -> Result<Vec<InputSpec>> {
    let specs = input_specs(input)?;
    if let Some(out) = output {
        crate::output::check_not_an_input(
            out,
            &specs.iter().map(|s| s.path.clone()).collect::<Vec<_>>(),
        )?;
    }
    Ok(specs)
}

/// Invalid bytes of an input were replaced: said the same way for every command.
fn warn_replaced_bytes(path: &str, replaced: usize) {
    if replaced > 0 {
        eprintln!("claimdiff: warning: {path}: {replaced} invalid bytes replaced with U+FFFD");
    }
}

fn claims(a: args::ClaimsArgs, global: &args::GlobalArgs) -> Result<i32> {
    let jsonl = matches!(a.format, args::ListFormat::Jsonl);
    if a.embeddings && !jsonl {
        anyhow::bail!("--embeddings are written in JSON Lines only; add --format jsonl");
    }
    let specs = input_specs_writing_to(&a.input, a.output.as_deref())?;
    let options = ReadOptions {
        encoding: a.input.encoding,
    };
    let articles = read_inputs(&specs, options, false, &mut Vec::new())?;
    let dest = crate::output::Destination::from_option(a.output.as_deref());
    if jsonl {
        let encoder = a
            .embeddings
            .then(|| crate::semantic::Encoder::new(global.quiet));
        let mut no_encoder = false;
        let written = crate::output::emit_with(&dest, |w| {
            claims_jsonl(&articles, a.all, encoder.as_ref(), &mut no_encoder, w)
        });
        if no_encoder {
            anyhow::bail!("--embeddings: no sentence encoder could be loaded");
        }
        written?;
        return Ok(exit::OK);
    }
    let listing = ClaimListing {
        schema: SCHEMA.to_string(),
        tool: Tool::current(),
        articles: articles.iter().map(|a| a.meta.clone()).collect(),
        claims: articles
            .iter()
            .flat_map(crate::pipeline::claim_records)
            .collect(),
        segments: match a.all {
            true => articles.iter().flat_map(segment_records).collect(),
            false => Vec::new(),
        },
    };
    let rendered = match a.format {
        args::ListFormat::Table => {
            table::render_claims(&listing, table_style(global, a.output.is_some()))
        }
        _ => {
            let mut s = serde_json::to_string_pretty(&listing)?;
            s.push('\n');
            s
        }
    };
    crate::output::emit(&dest, rendered.as_bytes())?;
    Ok(exit::OK)
}

/// The segments of an article that are not claims (headings, captions, bylines,
/// boilerplate), numbered `a1.s1`, `a1.s2`… (`claims --all`).
fn segment_records(article: &crate::ingest::Article) -> impl Iterator<Item = SegmentRecord> + '_ {
    let others = (0..article.segments.len()).filter(|&i| article.segments[i].role != Role::Claim);
    others.enumerate().map(|(n, i)| {
        let span = article.source_span(i);
        let (line, column) = article.position(i);
        SegmentRecord {
            id: format!("{}.s{}", article.meta.id, n + 1),
            article: article.meta.id.clone(),
            role: article.segments[i].role,
            text: article.segment_text(i).to_string(),
            start: span.start,
            end: span.end,
            line,
            column,
        }
    })
}

/// Claims embedded at a time with `--embeddings`: lines flow out as batches are encoded,
/// and the vectors of a big archive are never all held at once.
const EMBEDDING_BATCH: usize = 4096;

/// `claims --format jsonl`: the head, the articles, the claims (with their embeddings when
/// an encoder is given), then the other segments with `--all`. An encoder that cannot be
/// loaded sets `no_encoder` and stops the output (to a file, none is written).
fn claims_jsonl(
    articles: &[crate::ingest::Article],
    all: bool,
    encoder: Option<&crate::semantic::Encoder>,
    no_encoder: &mut bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::report::jsonl;
    jsonl::write_head(out, "claims", None)?;
    let metas: Vec<crate::ingest::ArticleMeta> = articles.iter().map(|a| a.meta.clone()).collect();
    jsonl::write_articles(out, &metas)?;
    let mut claims = articles
        .iter()
        .flat_map(crate::pipeline::claim_records)
        .peekable();
    while claims.peek().is_some() {
        let batch: Vec<_> = claims.by_ref().take(EMBEDDING_BATCH).collect();
        let vectors = match encoder {
            Some(e) => {
                let texts: Vec<&str> = batch.iter().map(|c| c.text.as_str()).collect();
                let Some(v) = e.embed(&texts) else {
                    *no_encoder = true;
                    return Err(std::io::Error::other("no sentence encoder"));
                };
                Some(v)
            }
            None => None,
        };
        for (i, c) in batch.iter().enumerate() {
            let v = vectors.as_ref().map(|v| v[i].as_slice());
            jsonl::write_claim(out, c, v)?;
        }
    }
    for s in articles.iter().filter(|_| all).flat_map(segment_records) {
        jsonl::write_segment(out, &s)?;
    }
    Ok(())
}

/// Read the inputs. With `--keep-going`, an unreadable one is reported on stderr, noted in
/// `skipped` and left out; without, the first one stops the run before anything is written.
pub(crate) fn read_inputs(
    specs: &[InputSpec],
    options: ReadOptions,
    keep_going: bool,
    skipped: &mut Vec<crate::report::model::SkippedInput>,
) -> Result<Vec<crate::ingest::Article>> {
    // Read in parallel; errors are then taken in the order the files were given.
    let mut articles = Vec::new();
    for (spec, result) in specs.iter().zip(ingest::read_each(specs, options)) {
        match result {
            Ok(a) => {
                warn_replaced_bytes(&a.meta.path, a.meta.replaced_bytes);
                articles.push(a)
            }
            Err(e) if keep_going => {
                let error = crate::error::one_line(&e.to_string());
                eprintln!("claimdiff: skipped: {error}");
                skipped.push(crate::report::model::SkippedInput {
                    path: spec.path.clone(),
                    error,
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    if articles.is_empty() && !skipped.is_empty() {
        anyhow::bail!("no input could be read");
    }
    Ok(articles)
}

/// The exit code of a run that wrote its report: 2 when inputs were skipped (the report is
/// incomplete), else 1 when a finding reaches `fail_on`, else 0.
fn run_exit_code(report: &crate::report::model::Report, fail_on: args::FailOn) -> i32 {
    if !report.skipped.is_empty() {
        eprintln!(
            "claimdiff: {} input(s) skipped; the report covers the others",
            report.skipped.len()
        );
        exit::ERROR
    } else if crate::pipeline::reaches(report, fail_on.severity()) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn resolve_format(f: Option<args::ReportFormat>, output: &args::OutputArgs) -> args::ReportFormat {
    if let Some(f) = f {
        return f;
    }
    if let Some(path) = &output.output {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => return args::ReportFormat::Md,
            Some("html" | "htm") => return args::ReportFormat::Html,
            Some("json") => return args::ReportFormat::Json,
            Some("jsonl" | "ndjson") => return args::ReportFormat::Jsonl,
            _ => {}
        }
    }
    if std::io::stdout().is_terminal() && output.output.is_none() {
        args::ReportFormat::Table
    } else {
        args::ReportFormat::Json
    }
}

/// Write a report where `--output` says, in the chosen format. JSON streams.
fn emit_report(
    report: &crate::report::model::Report,
    output: &args::OutputArgs,
    global: &args::GlobalArgs,
) -> Result<()> {
    let dest = crate::output::Destination::from_option(output.output.as_deref());
    // JSON is streamed: a report of a big archive is never held whole as text.
    let text = match resolve_format(output.format, output) {
        args::ReportFormat::Json => {
            return Ok(crate::output::emit_with(&dest, |w| {
                crate::report::json::write_json(report, w)
            })?);
        }
        args::ReportFormat::Jsonl => {
            return Ok(crate::output::emit_with(&dest, |w| {
                crate::report::jsonl::write_report(report, w)
            })?);
        }
        args::ReportFormat::Table => {
            let style = table_style(global, output.output.is_some());
            table::render_report(report, style, output.explain)
        }
        args::ReportFormat::Md => crate::report::markdown::render_markdown(report, output.explain),
        args::ReportFormat::Html => crate::report::html::render_html(report, output.explain),
        args::ReportFormat::Line => crate::report::line::render_line(report),
    };
    crate::output::emit(&dest, text.as_bytes())?;
    Ok(())
}

pub(crate) fn align_options(a: &args::AnalysisArgs) -> Result<crate::align::AlignOptions> {
    let mut options = crate::align::AlignOptions {
        candidates: a.candidates,
        semantic: a.semantic == args::Switch::On,
        ..Default::default()
    };
    if let Some(t) = a.threshold {
        if !(0.0..=1.0).contains(&t) {
            anyhow::bail!("--threshold {t}: write a score between 0 and 1");
        }
        options.threshold = t;
    }
    Ok(options)
}

pub(crate) fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// What `compare` and `baseline` start with: the rule set and the articles, read after
/// checking that the output is not one of them.
struct Loaded {
    rules: crate::rules::RuleSet,
    articles: Vec<crate::ingest::Article>,
    skipped: Vec<crate::report::model::SkippedInput>,
    progress: crate::progress::Progress,
}

fn load(
    input: &args::InputArgs,
    analysis: &args::AnalysisArgs,
    output: Option<&std::path::Path>,
    global: &args::GlobalArgs,
) -> Result<Loaded> {
    let specs = input_specs_writing_to(input, output)?;
    let rules = crate::config::load(analysis.rules.as_deref())?;
    let progress = crate::progress::Progress::new(global.quiet, "reading");
    let mut skipped = Vec::new();
    let options = ReadOptions {
        encoding: input.encoding,
    };
    let articles = read_inputs(&specs, options, analysis.keep_going, &mut skipped)?;
    Ok(Loaded {
        rules,
        articles,
        skipped,
        progress,
    })
}

fn compare(a: args::CompareArgs, global: &args::GlobalArgs) -> Result<i32> {
    let Loaded {
        rules,
        articles,
        skipped,
        progress,
    } = load(&a.input, &a.analysis, a.output.output.as_deref(), global)?;
    if articles.len() < 2 {
        anyhow::bail!(
            "compare needs at least two articles ({} given)",
            articles.len()
        );
    }
    progress.stage("extracting");
    let corpus = crate::pipeline::Corpus::from_articles(&articles, &rules);
    drop(articles);
    check_reference(a.analysis.reference.as_deref(), &corpus)?;
    progress.stage("aligning");
    let options = run_options(&a.analysis, a.output.title.clone(), false, global.quiet)?;
    let fail_on = a.fail_on.unwrap_or(args::FailOn::Never);
    if resolve_format(a.output.format, &a.output) == args::ReportFormat::Jsonl {
        let report = compare_streamed(corpus, &rules, &options, skipped, &a.output, &progress)?;
        // No report: the reader closed the pipe before the run ended.
        return Ok(report.map_or(exit::OK, |r| run_exit_code(&r, fail_on)));
    }
    let mut report =
        crate::pipeline::run(&corpus, &rules, crate::pipeline::Mode::Compare, &options);
    // The report holds what it needs; the features can go before it is written.
    drop(corpus);
    report.skipped = skipped;
    // The spinner's line is cleared before the report is written below it.
    progress.finish();
    emit_report(&report, &a.output, global)?;
    Ok(run_exit_code(&report, fail_on))
}

/// `compare --format jsonl`: the articles and claims are written before the claims are
/// aligned, and flushed, so that a reader of standard output starts on them while the run
/// goes on; the groups, findings and summary follow once the report is made. A file is still
/// written whole or not at all. `None` when the reader went away (a closed pipe) first.
fn compare_streamed(
    corpus: crate::pipeline::Corpus,
    rules: &crate::rules::RuleSet,
    options: &crate::pipeline::RunOptions,
    skipped: Vec<crate::report::model::SkippedInput>,
    output: &args::OutputArgs,
    progress: &crate::progress::Progress,
) -> Result<Option<crate::report::model::Report>> {
    use crate::report::{jsonl, model::RuleSetInfo};
    let dest = crate::output::Destination::from_option(output.output.as_deref());
    let mut made = None;
    crate::output::emit_with(&dest, |w| {
        let started = progress.suspend(|| {
            let info = RuleSetInfo::of(rules);
            let s = jsonl::start(w, "compare", Some(&info), &corpus.articles, &corpus.claims)?;
            w.flush().map(|_| s)
        })?;
        let mode = crate::pipeline::Mode::Compare;
        let mut report = crate::pipeline::run(&corpus, rules, mode, options);
        drop(corpus);
        report.skipped = skipped;
        progress.finish();
        jsonl::finish(w, &report, started)?;
        made = Some(report);
        Ok(())
    })?;
    Ok(made)
}

fn rules_command(cmd: args::RulesCommand) -> Result<i32> {
    let out = match cmd {
        args::RulesCommand::List { rules } => rule_list(&crate::config::load(rules.as_deref())?)?,
        args::RulesCommand::Explain { id, rules } => {
            let set = crate::config::load(rules.as_deref())?;
            if let Some(r) = set.rule(&id) {
                rule_explained(r)?
            } else if let Some(kind) = crate::rules::Kind::ALL.iter().find(|k| k.as_str() == id) {
                kind_explained(*kind, &set)
            } else {
                let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
                anyhow::bail!(
                    "no rule or kind `{id}`; rules: {}; kinds: {}",
                    ids.join(", "),
                    crate::rules::Kind::ALL.map(|k| k.as_str()).join(", ")
                );
            }
        }
        args::RulesCommand::Check { file } => match rule_file_checked(&file)? {
            Some(summary) => summary,
            None => return Ok(exit::ERROR),
        },
    };
    crate::output::emit(&crate::output::Destination::Stdout, out.as_bytes())?;
    Ok(exit::OK)
}

/// `rules list`: the rule set's name, then a table of its rules.
fn rule_list(set: &crate::rules::RuleSet) -> Result<String> {
    let mut t = table::new_table(TableStyle {
        width: comfy_table::Table::new().width(),
        color: false,
    });
    t.set_header(vec![
        "id",
        "kind",
        "severity",
        "on",
        "parameters",
        "description",
    ]);
    for r in &set.rules {
        let params = serde_json::to_value(&r.params)?;
        let params = params
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        t.add_row(vec![
            r.id.clone(),
            r.kind.to_string(),
            r.severity.to_string(),
            if r.enabled { "yes".into() } else { "no".into() },
            params,
            r.description.clone(),
        ]);
    }
    Ok(format!(
        "rule set: {} (sha256 {})\n{t}\n",
        set.name,
        &set.sha256[..12]
    ))
}

/// `rules explain ID`: the rule, its parameters as set, and its kind.
fn rule_explained(r: &crate::rules::Rule) -> Result<String> {
    use crate::rules::kinds;
    let mut out = format!(
        "{} ({} · {}{})\n  {}\n  defined in {}\n",
        r.id,
        r.kind,
        r.severity,
        if r.enabled { "" } else { " · off" },
        r.description,
        r.origin
    );
    let params = serde_json::to_value(&r.params)?;
    if let Some(map) = params.as_object().filter(|m| !m.is_empty()) {
        for (k, v) in map {
            // As a rule file writes it: `info`, not `"info"`.
            match v.as_str() {
                Some(text) => out.push_str(&format!("  {k}: {text}\n")),
                None => out.push_str(&format!("  {k}: {v}\n")),
            }
        }
    }
    out.push_str(&format!("\nkind `{}`: {}\n", r.kind, kinds::doc(r.kind)));
    let params = kinds::params_of(r.kind);
    if !params.is_empty() {
        out.push_str(&format!("parameters: {}\n", params.join(", ")));
    }
    Ok(out)
}

/// `rules explain KIND`: the kind, the parameters it takes, and the rules of it.
fn kind_explained(kind: crate::rules::Kind, set: &crate::rules::RuleSet) -> String {
    use crate::rules::kinds;
    let params = kinds::params_of(kind);
    let params = if params.is_empty() {
        "none".to_string()
    } else {
        params.join(", ")
    };
    let ids: Vec<&str> = set
        .rules
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.id.as_str())
        .collect();
    format!(
        "kind `{kind}`: {}\nparameters: {params}\nrules of this kind: {}\n",
        kinds::doc(kind),
        ids.join(", ")
    )
}

/// `rules check FILE`: a one-line summary of a valid rule file, or `None` once every error
/// of an invalid one is written to stderr.
fn rule_file_checked(file: &std::path::Path) -> Result<Option<String>> {
    let shown = file.display().to_string();
    let bytes = crate::input::read_limited(
        &shown,
        crate::input::MAX_YAML_BYTES,
        "rule file",
        "pass a rule file (YAML)",
    )?;
    let text = String::from_utf8(bytes)
        .map_err(|_| crate::Error::input(&shown, "rule file is not valid UTF-8"))?;
    let errors = crate::rules::ruleset::check_file(&shown, &text);
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{}", crate::error::one_line(&e.to_string()));
        }
        eprintln!(
            "claimdiff: {shown}: {} error{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return Ok(None);
    }
    let set = crate::config::load(Some(file))?;
    Ok(Some(format!(
        "{}: ok ({} rules, {} enabled, {} alias sets)\n",
        file.display(),
        set.rules.len(),
        set.enabled().count(),
        set.aliases.len()
    )))
}

/// `--reference OUTLET` must name an outlet of the run.
fn check_reference(outlet: Option<&str>, corpus: &crate::pipeline::Corpus) -> Result<()> {
    let Some(o) = outlet else { return Ok(()) };
    if corpus.articles.iter().any(|a| a.is_outlet(o)) {
        return Ok(());
    }
    let outlets: Vec<&str> = corpus.articles.iter().map(|a| a.outlet.as_str()).collect();
    anyhow::bail!(
        "--reference {o}: no article of that outlet; outlets are {}",
        outlets.join(", ")
    )
}

fn run_options(
    a: &args::AnalysisArgs,
    title: Option<String>,
    verbose: bool,
    quiet: bool,
) -> Result<crate::pipeline::RunOptions> {
    Ok(crate::pipeline::RunOptions {
        align: crate::align::AlignOptions {
            quiet,
            ..align_options(a)?
        },
        reference_outlet: a.reference.clone(),
        title,
        run_date: Some(today()),
        verbose,
    })
}

fn baseline(a: args::BaselineArgs, global: &args::GlobalArgs) -> Result<i32> {
    let Loaded {
        rules,
        articles,
        skipped,
        progress,
    } = load(&a.input, &a.analysis, Some(&a.output), global)?;
    if !skipped.is_empty() {
        anyhow::bail!("{} input(s) could not be read; a baseline is the whole verified state, so none was written", skipped.len());
    }
    let corpus = crate::pipeline::Corpus::from_articles(&articles, &rules);
    let state = crate::check::Baseline::from_corpus(
        &corpus,
        &rules,
        &run_options(&a.analysis, None, false, global.quiet)?,
    );
    progress.finish();
    crate::output::write_atomic(&a.output, state.to_json().as_bytes())?;
    if !global.quiet {
        eprintln!(
            "claimdiff: baseline of {} articles, {} claims, {} groups, {} known findings written to {}",
            state.articles.len(),
            state.claims.len(),
            state.groups.len(),
            state.findings.len(),
            a.output.display()
        );
    }
    Ok(exit::OK)
}

/// A file that starts like a baseline (`claimdiff.baseline/1`).
fn is_baseline_file(path: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    crate::check::looks_like_baseline(&String::from_utf8_lossy(&head[..n]))
}

fn check(a: args::CheckArgs, global: &args::GlobalArgs) -> Result<i32> {
    use crate::check as chk;
    if a.input.files.is_empty() {
        anyhow::bail!("no new articles to check: put them before --against (claimdiff check NEW... --against REF...); --against takes every path after it");
    }
    let specs = input_specs(&a.input)?;
    let mut inputs: Vec<String> = specs.iter().map(|s| s.path.clone()).collect();
    inputs.extend(a.against.iter().map(|r| path_and_outlet(r).0));
    if let Some(out) = &a.output.output {
        crate::output::check_not_an_input(out, &inputs)?;
    }
    let rules = crate::config::load(a.analysis.rules.as_deref())?;
    let options = ReadOptions {
        encoding: a.input.encoding,
    };
    let mut skipped = Vec::new();
    let (baseline, refs) = read_reference(&a, &rules, options, &mut skipped)?;
    let new_articles = read_inputs(&specs, options, a.analysis.keep_going, &mut skipped)?;
    let all_new: Vec<crate::ingest::ArticleMeta> =
        new_articles.iter().map(|n| n.meta.clone()).collect();
    let (new_articles, unchanged) = match &baseline {
        Some(b) => changed_since(b, new_articles),
        None => (new_articles, Vec::new()),
    };
    if !unchanged.is_empty() && !global.quiet {
        eprintln!(
            "claimdiff: unchanged since the baseline, not checked again: {}",
            unchanged.join(", ")
        );
    }
    let new = crate::pipeline::Corpus::from_articles(&new_articles, &rules);
    let new_state = a.update_baseline.then(|| new.clone());
    let reference = reference_corpus(&a, baseline.as_ref(), refs, &all_new, &new, &rules);
    let corpus = chk::check_corpus(reference, new);
    check_reference(a.analysis.reference.as_deref(), &corpus)?;
    let run = run_options(&a.analysis, a.output.title.clone(), a.verbose, global.quiet)?;
    let mut report = crate::pipeline::run(&corpus, &rules, crate::pipeline::Mode::Check, &run);
    drop(corpus);
    if let Some(b) = &baseline {
        chk::triage(&mut report, b, &a.against[0], unchanged, a.show_known);
    }
    chk::mark_versions(&mut report);
    report.skipped = skipped;
    // Findings to accept are found before anything is written: a wrong fingerprint writes
    // nothing.
    let change = match (&baseline, new_state) {
        (Some(b), _) if !a.accept.is_empty() => {
            let mut b = b.clone();
            let n = chk::accept_findings(&mut b, &report, &a.accept)?;
            Some(BaselineChange::Accepted(b, n))
        }
        (Some(old), Some(new)) => Some(BaselineChange::Updated(old, new)),
        _ => None,
    };
    emit_report(&report, &a.output, global)?;
    if let Some(change) = change {
        let path = &a.against[0];
        write_baseline(change, path, &report, &rules, &run, global.quiet)?;
    }
    Ok(run_exit_code(
        &report,
        a.fail_on.unwrap_or(args::FailOn::High),
    ))
}

/// What `check` compares against: a baseline (one file written by `claimdiff baseline`), or
/// reference articles, read without their claims' features (extracted later, only for those
/// the check keeps).
fn read_reference(
    a: &args::CheckArgs,
    rules: &crate::rules::RuleSet,
    options: ReadOptions,
    skipped: &mut Vec<crate::report::model::SkippedInput>,
) -> Result<(Option<crate::check::Baseline>, Vec<crate::ingest::Article>)> {
    let baseline_text = baseline_text(&a.against)?;
    if (a.update_baseline || !a.accept.is_empty()) && baseline_text.is_none() {
        anyhow::bail!(
            "{} needs --against BASELINE.json (a file written by `claimdiff baseline`)",
            if a.update_baseline {
                "--update-baseline"
            } else {
                "--accept"
            }
        );
    }
    if let Some(text) = &baseline_text {
        let b = crate::check::Baseline::parse(&a.against[0], text)?;
        if let Some(w) = crate::check::rules_changed(&b.rules, rules) {
            eprintln!("claimdiff: warning: {}: {w}", a.against[0]);
        }
        return Ok((Some(b), Vec::new()));
    }
    let ref_specs: Vec<InputSpec> = a
        .against
        .iter()
        .map(|r| {
            let (path, outlet) = path_and_outlet(r);
            InputSpec {
                path,
                outlet,
                lang: a.input.lang,
                ..Default::default()
            }
        })
        .collect();
    let mut refs = read_inputs(&ref_specs, options, a.analysis.keep_going, skipped)?;
    for (i, r) in refs.iter_mut().enumerate() {
        r.meta.id = format!("r{}", i + 1);
        r.meta.reference = true;
    }
    Ok((None, refs))
}

/// The text of the baseline `--against` names, when it names one: a single file that looks
/// like a baseline, or is JSON (a broken baseline is reported as such, not read as an
/// article).
fn baseline_text(against: &[String]) -> Result<Option<String>> {
    match against {
        [one] if one != "-" && std::path::Path::new(one).is_file() => {
            let bytes = crate::input::read_limited(
                one,
                crate::ingest::MAX_ARTICLE_BYTES,
                "baseline",
                "pass a baseline file or articles",
            )?;
            Ok(String::from_utf8(bytes)
                .ok()
                .filter(|t| crate::check::looks_like_baseline(t) || one.ends_with(".json")))
        }
        refs => {
            // A baseline among several references would be read as an article.
            if let Some(b) = refs.iter().find(|r| is_baseline_file(r)) {
                anyhow::bail!("{b}: a baseline must be the only --against value; check against it alone, or against article files");
            }
            Ok(None)
        }
    }
}

/// The new articles that changed since the baseline, and the paths of those that did not:
/// an input whose bytes are those of the baseline's version is not checked again (its
/// reference still is, for the others).
fn changed_since(
    baseline: &crate::check::Baseline,
    new_articles: Vec<crate::ingest::Article>,
) -> (Vec<crate::ingest::Article>, Vec<String>) {
    let mut unchanged = Vec::new();
    let changed = new_articles
        .into_iter()
        .filter(|n| {
            let same = baseline.same_file(&n.meta.sha256).is_some();
            if same {
                unchanged.push(n.meta.path.clone());
            }
            !same
        })
        .collect();
    (changed, unchanged)
}

/// The reference side of a check: the baseline's articles or the reference articles, only
/// those that bear on the new ones (see [`crate::check::references_to_keep`]).
fn reference_corpus(
    a: &args::CheckArgs,
    baseline: Option<&crate::check::Baseline>,
    mut refs: Vec<crate::ingest::Article>,
    all_new: &[crate::ingest::ArticleMeta],
    new: &crate::pipeline::Corpus,
    rules: &crate::rules::RuleSet,
) -> crate::pipeline::Corpus {
    use crate::check::references_to_keep;
    let keep = match baseline {
        Some(b) if new.articles.is_empty() => vec![false; b.articles.len()],
        Some(b) => references_to_keep(b.articles.iter(), all_new, a.versions),
        None => references_to_keep(refs.iter().map(|r| &r.meta), &new.articles, a.versions),
    };
    match baseline {
        Some(b) => b.clone().into_reference(rules, &keep),
        None => {
            let mut flags = keep.iter();
            refs.retain(|_| *flags.next().expect("one flag per reference"));
            crate::pipeline::Corpus::from_articles(&refs, rules)
        }
    }
}

/// What `check` writes back to its baseline.
enum BaselineChange<'a> {
    /// `--accept`: the baseline with the accepted findings known, and how many there are.
    Accepted(crate::check::Baseline, usize),
    /// `--update-baseline`: the old baseline, and the articles checked, which replace it.
    Updated(&'a crate::check::Baseline, crate::pipeline::Corpus),
}

/// Write `change` to the baseline at `path`, unless inputs were skipped: a baseline is the
/// whole verified state.
fn write_baseline(
    change: BaselineChange,
    path: &str,
    report: &crate::report::model::Report,
    rules: &crate::rules::RuleSet,
    run: &crate::pipeline::RunOptions,
    quiet: bool,
) -> Result<()> {
    if !report.skipped.is_empty() {
        eprintln!("claimdiff: baseline {path} not updated: some inputs were skipped");
        return Ok(());
    }
    let file = std::path::Path::new(path);
    match change {
        BaselineChange::Accepted(b, n) => {
            crate::output::write_atomic(file, b.to_json().as_bytes())?;
            if !quiet {
                eprintln!("claimdiff: baseline {path} updated: {n} finding(s) accepted");
            }
        }
        BaselineChange::Updated(old, new) => {
            let b = crate::check::updated_baseline(old, new, report, rules, run);
            crate::output::write_atomic(file, b.to_json().as_bytes())?;
            if !quiet {
                eprintln!(
                    "claimdiff: baseline {path} updated ({} articles, {} claims, {} known findings)",
                    b.articles.len(),
                    b.claims.len(),
                    b.findings.len()
                );
            }
        }
    }
    Ok(())
}

fn pairs(a: args::PairsArgs) -> Result<i32> {
    use crate::pairs;
    let shown = a.file.display().to_string();
    if let Some(out) = &a.output {
        crate::output::check_not_an_input(out, std::slice::from_ref(&shown))?;
    }
    let rules = crate::config::load(a.rules.as_deref())?;
    let bytes = crate::input::read_limited(
        &shown,
        crate::ingest::MAX_ARTICLE_BYTES,
        "file",
        "pass a CSV or TSV file",
    )?;
    let decoded = crate::ingest::decode(&shown, bytes, a.encoding)?;
    warn_replaced_bytes(&shown, decoded.replaced);
    let text = decoded.text;
    let delimiter = a.delimiter.map(|d| match d {
        args::Delimiter::Comma => b',',
        args::Delimiter::Tab => b'\t',
        args::Delimiter::Semicolon => b';',
    });
    let table = pairs::read_table(&shown, &text, delimiter)?;
    let (left, right) = (
        pairs::column(&table, &a.left)?,
        pairs::column(&table, &a.right)?,
    );
    if left == right {
        return Err(crate::Error::Usage(format!(
            "--left and --right name the same column ({:?}); name the two claim columns",
            table.headers[left]
        ))
        .into());
    }
    if table.rows.is_empty() {
        return Err(
            crate::Error::input(&shown, "no data rows under the header: nothing to score").into(),
        );
    }
    let results = pairs::score_pairs(&table.claims(left)?, &table.claims(right)?, a.lang, &rules);
    let tsv_input = delimiter == Some(b'\t')
        || matches!(
            a.file.extension().and_then(|e| e.to_str()),
            Some("tsv" | "tab")
        );
    let format = a.format.unwrap_or(if tsv_input {
        args::PairsFormat::Tsv
    } else {
        args::PairsFormat::Csv
    });
    let rendered = match format {
        args::PairsFormat::Csv => pairs::write_csv(&results),
        args::PairsFormat::Tsv => pairs::write_tsv(&results),
        args::PairsFormat::Json => pairs::write_json(&results),
    };
    crate::output::emit(
        &crate::output::Destination::from_option(a.output.as_deref()),
        rendered.as_bytes(),
    )?;
    Ok(exit::OK)
}
