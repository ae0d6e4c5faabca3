//! Command-line interface: argument parsing (clap) and dispatch. Errors become one line on
//! stderr and exit code 2; findings at or above `--fail-on` give exit code 1.

mod args;

use std::io::IsTerminal;

use anyhow::Result;
use clap::Parser;

use crate::ingest::{self, InputSpec, ReadOptions};
use crate::report::model::{ClaimListing, ClaimRecord, SegmentRecord, Tool, SCHEMA};
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
    crate::lang::one_line(&msg)
}

pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Claims(a) => claims(a, &cli.global),
    }
}

pub(crate) fn table_style(global: &args::GlobalArgs) -> TableStyle {
    let tty = std::io::stdout().is_terminal();
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
    if !single && (inputs.outlet.is_some() || inputs.date.is_some() || inputs.title.is_some()) {
        anyhow::bail!(
            "--outlet, --date and --title describe one article but {} files were given; use PATH=OUTLET per file, or front matter",
            inputs.files.len()
        );
    }
    let stdin_count = inputs.files.iter().filter(|f| *f == "-").count();
    if stdin_count > 1 {
        anyhow::bail!("standard input (-) can be read only once");
    }
    inputs
        .files
        .iter()
        .map(|f| {
            let (path, outlet) = match f.split_once('=') {
                Some((p, o)) if !std::path::Path::new(f).exists() && !o.is_empty() => {
                    (p.to_string(), Some(o.to_string()))
                }
                _ => (f.clone(), None),
            };
            Ok(InputSpec {
                path,
                outlet: inputs.outlet.clone().or(outlet),
                date: inputs.date.clone(),
                title: inputs.title.clone(),
                lang: inputs.lang,
            })
        })
        .collect()
}

fn claims(a: args::ClaimsArgs, global: &args::GlobalArgs) -> Result<i32> {
    let specs = input_specs(&a.input)?;
    let articles = ingest::read_all(
        &specs,
        ReadOptions {
            encoding: a.input.encoding,
        },
    )?;
    let mut listing = ClaimListing {
        schema: SCHEMA.to_string(),
        tool: Tool::current(),
        articles: articles.iter().map(|a| a.meta.clone()).collect(),
        claims: Vec::new(),
        segments: Vec::new(),
    };
    for article in &articles {
        let mut claim_no = 0;
        let mut seg_no = 0;
        for (i, seg) in article.segments.iter().enumerate() {
            let span = article.source_span(i);
            let (line, column) = article.position(i);
            let text = article.segment_text(i).to_string();
            if seg.role == Role::Claim {
                claim_no += 1;
                listing.claims.push(ClaimRecord {
                    id: format!("{}.c{claim_no}", article.meta.id),
                    article: article.meta.id.clone(),
                    text,
                    start: span.start,
                    end: span.end,
                    line,
                    column,
                    reference: false,
                });
            } else if a.all {
                seg_no += 1;
                listing.segments.push(SegmentRecord {
                    id: format!("{}.s{seg_no}", article.meta.id),
                    article: article.meta.id.clone(),
                    role: seg.role,
                    text,
                    start: span.start,
                    end: span.end,
                    line,
                    column,
                });
            }
        }
    }
    let rendered = match a.format {
        args::ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&listing)?;
            s.push('\n');
            s
        }
        args::ListFormat::Table => table::render_claims(&listing, table_style(global)),
    };
    crate::output::emit(&crate::output::Destination::Stdout, rendered.as_bytes())?;
    Ok(exit::OK)
}
