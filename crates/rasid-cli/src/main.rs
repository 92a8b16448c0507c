//! `rasid`: structured, source-attributed casualty claims from Arabic news.
//!
//! A thin shell: arguments in, library calls, output out.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use rasid_docs::{Input, Reader, ReaderOptions};
use rasid_extract::{Article, Claim, Extractor};
use rasid_lexicon::Lexicons;

mod table;

/// Exit code when every input was read.
const OK: u8 = 0;
/// Exit code when some inputs could not be read (the rest were processed).
const SOME_FAILED: u8 = 1;
/// Exit code for a fatal error (bad lexicon, unwritable output).
const FATAL: u8 = 2;

#[derive(Parser)]
#[command(
    name = "rasid",
    version,
    about = "راصد — turns Arabic conflict news into source-attributed casualty claims",
    after_help = "Examples:\n  rasid extract samples/articles              claims as JSON Lines\n  rasid extract --format table article.txt    a readable table with the evidence\n  cat docs.jsonl | rasid extract -            JSON Lines documents on stdin"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract casualty claims from articles (files, directories, or - for JSON Lines on stdin).
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// `.txt` files (with `manifest.jsonl` beside them), `.jsonl` files, directories, or `-`.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// A directory of edited lexicon files (same names as data/lexicons/).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = ReaderOptions::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One claim record per line (docs/claims-format.md).
    Jsonl,
    /// A table for the terminal, with the evidence.
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("rasid: error: {e:#}");
            ExitCode::from(FATAL)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Extract(args) => extract(&args),
    }
}

fn load_extractor(dir: Option<&PathBuf>) -> anyhow::Result<Extractor> {
    let lexicons = match dir {
        Some(dir) => Lexicons::load_dir(dir),
        None => Lexicons::builtin(),
    }
    .context("cannot load the lexicons")?;
    Ok(Extractor::new(lexicons))
}

fn extract(args: &ExtractArgs) -> anyhow::Result<u8> {
    let extractor = load_extractor(args.lexicons.as_ref())?;
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: args.max_document_bytes,
    });
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut all: Vec<Claim> = Vec::new();
    for item in reader.read(&inputs) {
        let document = match item {
            Ok(document) => document,
            Err(e) => {
                eprintln!("rasid: {e}");
                failed += 1;
                continue;
            }
        };
        let article = Article {
            id: &document.id,
            text: &document.text,
            outlet: document.outlet.as_deref(),
            published: document.published.as_deref(),
        };
        let claims = extractor.extract(&article);
        match args.format {
            Format::Jsonl => {
                for claim in &claims {
                    serde_json::to_writer(&mut out, claim).context("cannot write claims")?;
                    out.write_all(b"\n").context("cannot write claims")?;
                }
            }
            Format::Table => all.extend(claims),
        }
    }
    if let Format::Table = args.format {
        table::write(&mut out, &all).context("cannot write the table")?;
    }
    out.flush().context("cannot write claims")?;
    if failed > 0 {
        eprintln!("rasid: {failed} input(s) could not be read; the others were processed");
        return Ok(SOME_FAILED);
    }
    Ok(OK)
}
