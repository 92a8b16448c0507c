//! `rasid`: structured, source-attributed casualty claims and incidents from
//! Arabic news. A thin shell: arguments in, library calls, output out.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use rasid_docs::ReaderOptions;
use rasid_extract::{Claim, Extractor};

mod bench;
mod corpus;
mod lexicons;
mod linkbench;
mod pipeline;
mod serve;
mod store;
mod summary;

/// mimalloc: extraction allocates many small, short-lived vectors and
/// strings per sentence; it is faster than the system allocator at that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code when every input was read.
const OK: u8 = 0;
/// Exit code when an input could not be read (the rest were processed), or
/// none gave a document.
const SOME_FAILED: u8 = 1;
/// Exit code for a fatal error (bad lexicon, unwritable output, broken store).
const FATAL: u8 = 2;

/// Documents per transaction and per parallel extraction batch.
const BATCH: usize = 256;

#[derive(Parser)]
#[command(
    name = "rasid",
    version,
    about = "راصد — turns Arabic conflict news into source-attributed casualty claims and incidents",
    after_help = "Examples:\n  rasid ingest samples/articles --report report.html   store articles, link incidents, write the report\n  rasid incidents --format csv                          ACLED-style CSV of the stored incidents\n  rasid serve                                           the API and web UI on http://127.0.0.1:8080/\n  rasid extract --format table article.txt              claims with their evidence\n  cat docs.jsonl | rasid extract -                       JSON Lines documents on stdin"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract casualty claims from articles (files, directories, or - for JSON Lines on stdin).
    Extract(ExtractArgs),
    /// Store articles and their claims in the database, linking the new claims into its incidents.
    Ingest(IngestArgs),
    /// Rebuild every incident from the stored claims (after a change of rules or lexicons).
    Relink(RelinkArgs),
    /// Print incidents: from the database (read-only), or linked on the fly from PATHs.
    Incidents(IncidentsArgs),
    /// Write one static right-to-left HTML page with every incident and its evidence.
    Report(ReportArgs),
    /// Measure extraction speed over a corpus generated from the sample articles.
    Bench(BenchArgs),
    /// Serve the JSON API and the web UI for the database (Ctrl-C or SIGTERM stops).
    Serve(serve::ServeArgs),
    /// Check a folder of edited lexicons, or explain how the lexicons read a sentence.
    Lexicons(lexicons::LexiconsArgs),
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Corpus size in megabytes.
    #[arg(long, default_value_t = 10)]
    size_mb: usize,
    /// Thread counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads_list: Vec<usize>,
    /// Runs per thread count (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Write the corpus as JSON Lines here instead of measuring.
    #[arg(long)]
    write_corpus: Option<PathBuf>,
    /// Measure only the text layer (normalise with offset map, tokenise with
    /// clitics), for comparison with other Arabic normalisers.
    #[arg(long)]
    text_only: bool,
    /// Measure on these inputs (anything `extract` reads), repeated to the
    /// size, instead of the corpus generated from the sample articles.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    corpus: Vec<String>,
    /// Measure ingest and linking at scale instead: `--docs` generated,
    /// varied documents into a new store `--db`, in batches of `--batch`
    /// (with `--write-corpus`, write those documents as JSON Lines instead).
    #[arg(long)]
    link: bool,
    /// Documents for `--link`.
    #[arg(long, default_value_t = 10_000)]
    docs: usize,
    /// Documents per batch (one transaction each) for `--link`; with
    /// `--write-corpus`, documents per file.
    #[arg(long, default_value_t = 10_000)]
    batch: usize,
    /// The new store for `--link`.
    #[arg(long, default_value = "rasid-bench.db")]
    db: PathBuf,
}

#[derive(clap::Args)]
struct Common {
    /// A folder of edited lexicon files: any of the files of data/lexicons/,
    /// by the same names; a file it lacks is the shipped one (see `rasid
    /// lexicons check`).
    #[arg(long, global = true)]
    lexicons: Option<PathBuf>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = ReaderOptions::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: u64,
    /// Extraction threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// Of two documents with one id in the inputs, keep the later (by
    /// default the later is reported and skipped).
    #[arg(long)]
    replace_duplicates: bool,
}

impl Common {
    fn reader_options(&self) -> ReaderOptions {
        ReaderOptions {
            max_document_bytes: self.max_document_bytes,
            replace_duplicates: self.replace_duplicates,
        }
    }
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files or directories (read recursively): `.txt` (with `manifest.jsonl`
    /// beside them), `.html` / `.htm` pages, `.jsonl` / `.jsonl.gz` (one
    /// document per line), `.warc` / `.warc.gz` crawls, `.rss` / `.atom` /
    /// feed `.xml`; or `-` for JSON Lines on stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimFormat::Jsonl)]
    format: ClaimFormat,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct IngestArgs {
    /// Inputs, as for `extract`.
    #[arg(required = true)]
    paths: Vec<String>,
    /// The SQLite database (created when missing).
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
    /// Also write the HTML report here.
    #[arg(long)]
    report: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct RelinkArgs {
    /// The SQLite database (it must exist).
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
}

#[derive(clap::Args)]
struct IncidentsArgs {
    /// Link these inputs on the fly instead of reading the database.
    paths: Vec<String>,
    /// The SQLite database.
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IncidentFormat::Table)]
    format: IncidentFormat,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Report on these inputs instead of the database.
    paths: Vec<String>,
    /// The SQLite database.
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
    /// Where to write the page.
    #[arg(short, long, default_value = "report.html")]
    output: PathBuf,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClaimFormat {
    /// One claim record per line (docs/claims-format.md).
    Jsonl,
    /// A table for the terminal, with the evidence.
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum IncidentFormat {
    /// A readable table.
    Table,
    /// A JSON array (schema: docs/incidents.schema.json).
    Json,
    /// ACLED-style CSV.
    Csv,
    /// GeoJSON FeatureCollection.
    Geojson,
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

fn threads(common: &Common) -> anyhow::Result<()> {
    if let Some(n) = common.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start the extraction threads")?;
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Extract(a) => threads(&a.common)?,
        Command::Ingest(a) => threads(&a.common)?,
        Command::Incidents(a) => threads(&a.common)?,
        Command::Report(a) => threads(&a.common)?,
        Command::Bench(_) | Command::Serve(_) | Command::Lexicons(_) | Command::Relink(_) => {}
    }
    match cli.command {
        Command::Serve(args) => {
            serve::run(args)?;
            Ok(OK)
        }
        Command::Bench(args) if args.link => {
            if let Some(path) = &args.write_corpus {
                linkbench::write_corpus(path, args.docs, args.batch)?;
                return Ok(OK);
            }
            let extractor = load_extractor(None)?;
            linkbench::run(&extractor, &args.db, args.docs, args.batch)?;
            Ok(OK)
        }
        Command::Bench(args) => {
            let bytes = args.size_mb * 1_000_000;
            let (docs, origin) = if args.corpus.is_empty() {
                (
                    bench::corpus(bytes),
                    "generated from samples/articles".to_owned(),
                )
            } else {
                (
                    bench::corpus_from(&args.corpus, bytes)?,
                    format!("read from {}, repeated", args.corpus.join(", ")),
                )
            };
            if let Some(path) = &args.write_corpus {
                bench::write_corpus(path, &docs)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
                return Ok(OK);
            }
            if args.text_only {
                bench::text_layer(&docs, args.runs);
                return Ok(OK);
            }
            let extractor = load_extractor(None)?;
            bench::run(&extractor, &docs, &origin, &args.threads_list, args.runs)?;
            Ok(OK)
        }
        Command::Lexicons(args) => lexicons::run(&args),
        Command::Extract(args) => extract(&args),
        Command::Ingest(args) => ingest(&args),
        Command::Relink(args) => relink(&args),
        Command::Incidents(args) => incidents(&args),
        Command::Report(args) => report(&args),
    }
}

fn load_extractor(dir: Option<&PathBuf>) -> anyhow::Result<Extractor> {
    match dir {
        Some(dir) => Extractor::load_dir(dir),
        None => Extractor::builtin(),
    }
    .context("cannot load the lexicons")
}

fn extract(args: &ExtractArgs) -> anyhow::Result<u8> {
    let extractor = load_extractor(args.common.lexicons.as_ref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all: Vec<Claim> = Vec::new();
    let bar = pipeline::progress_bar();
    let summary = pipeline::for_each_batch(
        &args.paths,
        args.common.reader_options(),
        BATCH,
        |documents| {
            let count = documents.len() as u64;
            match args.format {
                ClaimFormat::Jsonl => {
                    // Ordinary articles in parallel; a page over the piece size
                    // streams its claims, so its claims never sit in memory at once.
                    let mut rest = documents.as_slice();
                    while !rest.is_empty() {
                        let small = rest
                            .iter()
                            .position(|d| d.text.len() > rasid_extract::CHUNK_BYTES)
                            .unwrap_or(rest.len());
                        for lines in rasid_pipeline::extract_batch_jsonl(&extractor, &rest[..small])
                        {
                            out.write_all(&lines).context("cannot write claims")?;
                        }
                        if let Some(big) = rest.get(small) {
                            let mut failure = None;
                            extractor.extract_each(&rasid_pipeline::article(big), |claim| {
                                if failure.is_none() {
                                    let written = serde_json::to_writer(&mut out, &claim)
                                        .map_err(std::io::Error::from)
                                        .and_then(|()| out.write_all(b"\n"));
                                    failure = written.err();
                                }
                            });
                            if let Some(e) = failure {
                                return Err(e).context("cannot write claims");
                            }
                        }
                        rest = &rest[(small + 1).min(rest.len())..];
                    }
                }
                ClaimFormat::Table => {
                    for claims in rasid_pipeline::extract_batch(&extractor, &documents) {
                        all.extend(claims);
                    }
                }
            }
            bar.inc(count);
            Ok(())
        },
    )?;
    bar.finish_and_clear();
    if let ClaimFormat::Table = args.format {
        rasid_export::write_claims_table(&mut out, &all).context("cannot write the table")?;
    }
    out.flush().context("cannot write claims")?;
    Ok(summary.finish())
}

fn ingest(args: &IngestArgs) -> anyhow::Result<u8> {
    let extractor = load_extractor(args.common.lexicons.as_ref())?;
    let mut db = store::open(&args.db)?;
    let (totals, summary) = store::ingest(
        &mut db,
        &extractor,
        &args.paths,
        args.common.reader_options(),
        BATCH,
    )?;
    let incidents = db.counts().context("cannot read the store")?.incidents;
    eprintln!(
        "rasid: {} document(s) added, {} updated, {} unchanged; {} claim(s) stored; {} incident(s) in {}",
        totals.stored.added,
        totals.stored.updated,
        totals.stored.unchanged,
        totals.stored.claims,
        incidents,
        args.db.display()
    );
    if let Some(path) = &args.report {
        drop(db);
        let (incidents, documents) = store::read(&args.db, true)?;
        write_report(&incidents, &documents, path)?;
    }
    Ok(summary.finish())
}

fn relink(args: &RelinkArgs) -> anyhow::Result<u8> {
    let mut db = store::open_existing(&args.db)?;
    let report = store::relink(&mut db)?;
    eprintln!(
        "rasid: {} document(s), {} claim(s) relinked into {} incident(s) in {}",
        report.documents,
        report.claims,
        report.incidents,
        args.db.display()
    );
    Ok(OK)
}

/// Incidents from PATHs (linked on the fly, with what was read) or read from
/// the database.
fn gather(
    paths: &[String],
    db: &Path,
    common: &Common,
    texts: bool,
) -> anyhow::Result<(
    Vec<rasid_link::Incident>,
    Vec<rasid_docs::Document>,
    Option<summary::Summary>,
)> {
    if paths.is_empty() {
        let (incidents, documents) = store::read(db, texts)?;
        return Ok((incidents, documents, None));
    }
    let extractor = load_extractor(common.lexicons.as_ref())?;
    let mut documents = Vec::new();
    let mut claims = Vec::new();
    let summary = pipeline::for_each_batch(paths, common.reader_options(), BATCH, |batch| {
        for c in rasid_pipeline::extract_batch(&extractor, &batch) {
            claims.extend(c);
        }
        documents.extend(batch);
        Ok(())
    })?;
    Ok((
        rasid_pipeline::link(claims, &documents),
        documents,
        Some(summary),
    ))
}

fn incidents(args: &IncidentsArgs) -> anyhow::Result<u8> {
    let (incidents, _, summary) = gather(&args.paths, &args.db, &args.common, false)?;
    let text = match args.format {
        IncidentFormat::Table => rasid_export::to_table(&incidents),
        IncidentFormat::Json => {
            rasid_export::to_json(&incidents).context("cannot write JSON")? + "\n"
        }
        IncidentFormat::Csv => rasid_export::to_csv(&incidents),
        IncidentFormat::Geojson => rasid_export::to_geojson(&incidents).to_string() + "\n",
    };
    io::stdout()
        .write_all(text.as_bytes())
        .context("cannot write incidents")?;
    Ok(summary.map_or(OK, |summary| summary.finish()))
}

fn write_report(
    incidents: &[rasid_link::Incident],
    documents: &[rasid_docs::Document],
    path: &Path,
) -> anyhow::Result<()> {
    let docs: Vec<rasid_export::ReportDocument<'_>> = documents
        .iter()
        .map(|d| rasid_export::ReportDocument {
            id: &d.id,
            text: &d.text,
            url: d.url.as_deref(),
        })
        .collect();
    let html = rasid_export::to_html(incidents, &docs, "تقرير الحوادث");
    std::fs::write(path, html).with_context(|| format!("cannot write `{}`", path.display()))?;
    eprintln!("rasid: report written to {}", path.display());
    Ok(())
}

fn report(args: &ReportArgs) -> anyhow::Result<u8> {
    let (incidents, documents, summary) = gather(&args.paths, &args.db, &args.common, true)?;
    write_report(&incidents, &documents, &args.output)?;
    Ok(summary.map_or(OK, |summary| summary.finish()))
}
