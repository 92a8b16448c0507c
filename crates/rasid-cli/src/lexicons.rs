//! `rasid lexicons`: the tools a linguist needs to extend the data without
//! reading Rust. `check DIR` validates a folder of edited lexicon files and
//! says what each changed file adds or removes; `explain "…"` shows which
//! rows matched a sentence and which rule produced or blocked each claim.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Subcommand;
use rasid_extract::{Article, Extractor};
use rasid_lexicon::LexiconFiles;

#[derive(clap::Args)]
pub(crate) struct LexiconsArgs {
    #[command(subcommand)]
    command: LexiconsCommand,
}

#[derive(Subcommand)]
enum LexiconsCommand {
    /// Validate a folder of edited lexicon files (any of data/lexicons/, by
    /// the same names) and print the rows each changed file adds or removes.
    Check {
        /// The folder.
        dir: PathBuf,
    },
    /// Read one sentence (or a short text) and show the rows that matched,
    /// the claims with the rule that produced each, and the figures that are
    /// no claim with the rule that blocked them.
    Explain {
        /// The sentence, in Arabic.
        text: String,
        /// A folder of edited lexicon files to read it with.
        #[arg(long)]
        lexicons: Option<PathBuf>,
        /// Publication date (YYYY-MM-DD), for relative dates.
        #[arg(long)]
        published: Option<String>,
    },
}

pub(crate) fn run(args: &LexiconsArgs) -> anyhow::Result<u8> {
    match &args.command {
        LexiconsCommand::Check { dir } => check(dir),
        LexiconsCommand::Explain {
            text,
            lexicons,
            published,
        } => {
            let extractor = match lexicons {
                Some(dir) => Extractor::load_dir(dir),
                None => Extractor::builtin(),
            }
            .context("cannot load the lexicons")?;
            print!(
                "{}",
                extractor.explain(&Article {
                    id: "sentence",
                    text,
                    outlet: None,
                    published: published.as_deref(),
                })
            );
            Ok(0)
        }
    }
}

fn check(dir: &std::path::Path) -> anyhow::Result<u8> {
    let files = LexiconFiles::load_dir(dir).context("cannot read the lexicons")?;
    Extractor::from_files(&files).context("the lexicons do not load")?;
    let changes = files.changes().context("cannot compare the lexicons")?;
    for file in LexiconFiles::names() {
        match changes.iter().find(|c| c.name == file) {
            None => println!("{file}: as shipped"),
            Some(c) if c.added.is_empty() && c.removed.is_empty() => {
                println!("{file}: edited ({}), the same rows as shipped", c.origin);
            }
            Some(c) => {
                println!(
                    "{file}: edited ({}): {} row(s) added, {} removed",
                    c.origin,
                    c.added.len(),
                    c.removed.len()
                );
                for (line, row) in &c.added {
                    println!("  + line {line}: {row}");
                }
                for (line, row) in &c.removed {
                    println!("  - line {line} of the shipped file: {row}");
                }
            }
        }
    }
    println!("rasid: every lexicon file of `{}` is valid", dir.display());
    Ok(0)
}
