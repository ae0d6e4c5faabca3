//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ingest::Encoding;
use crate::lang::LangCode;

const AFTER_HELP: &str = "\
Exit codes:
  0  success, and no finding at or above --fail-on
  1  findings at or above --fail-on (compare, check)
  2  usage or input error (bad file, bad rule file, bad flags)

Examples:
  claimdiff claims fixtures/seeds/*.txt
  claimdiff compare fixtures/events/2017-01/*.md --format md
  claimdiff check new.md --against baseline.json --fail-on medium";

/// Compare how several outlets report one event, claim by claim, and flag the differences
/// that matter: numbers, dates, quotes, hedges, attributions, negations, names, omissions.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to colour terminal output; NO_COLOR is respected with `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print no progress on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split articles into claims and show them, with where each one is in its file.
    Claims(ClaimsArgs),
}

/// Articles to read, and what the command line says about them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Article files (.txt, .md with YAML front matter, .html), or - for standard input.
    /// Write PATH=OUTLET to name a file's outlet.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Outlet of the article (one input only; overrides front matter).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Date of the article, YYYY[-MM[-DD]] (one input only; overrides front matter).
    #[arg(long)]
    pub date: Option<String>,
    /// Title of the article (one input only).
    #[arg(long)]
    pub title: Option<String>,
    /// Language of the articles; detected per article when not given.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<LangCode>,
    /// How to decode the files.
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
}

pub fn parse_lang(s: &str) -> Result<LangCode, String> {
    LangCode::parse(s).ok_or_else(|| format!("unsupported language {s:?}; use fr or en"))
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also show headings, captions, bylines and boilerplate, with their role.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}
