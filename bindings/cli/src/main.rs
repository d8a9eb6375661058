//! `jindu`: the scheduling core in a shell.
//!
//! The command line is defined with clap (`Cli` below and each command's arguments in its
//! module), so every command has `--help`, `jindu completions SHELL` prints a completion script,
//! and every failure — a bad argument, a file that cannot be read, an error in the plan, a
//! panic — is one line on standard error, `jindu: error [code]: message`, with the exit status
//! of its kind ([`EXIT_HELP`]).

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use jindu::io::json::{self, Document};
use jindu::io::{Format, Import, ReadOptions};
use jindu::Limits;
use jindu::{
    Criticality, Driver, Duration, FloatBasis, LagCalendar, OutOfSequence, Project, Schedule,
};

/// Writes a line to standard error; a closed standard error is no reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod health;
mod level;
mod load;
mod progress;
mod render;
mod risk;
mod scores;
mod table;
mod track;

/// The exit status of an internal error (a panic: a bug in jindu), sysexits' `EX_SOFTWARE`.
const EXIT_INTERNAL: u8 = 70;
/// The exit status of a usage error (a bad command line).
const EXIT_USAGE: u8 = 2;

/// Input formats, limits, errors and exit codes: the end of `jindu --help`.
const EXIT_HELP: &str = "\
FILE is a jindu JSON document, a Microsoft Project XML (MSPDI) file, a CSV task list or a PSPLIB
instance, told apart by content, else by extension (.json, .xml, .csv/.tsv, .sm); '-' reads
standard input. Import warnings go to standard error. Every file and run is held to jindu's
limits (256 MiB, a million tasks, 10^9 Monte Carlo samples, ...; error code 'limit'); the
environment variable JINDU_LIMITS raises them, e.g. JINDU_LIMITS='{\"max_tasks\": 5000000}'.

Several files: validate and schedule take each file on its own (schedule prints one document
with every schedule); load and level take a portfolio (the same resource id in two files is one
pooled resource); the other commands measure one plan and refuse a second file.

A progress bar is drawn on standard error for long levelling, risk and import runs when standard
error is a terminal; --quiet (or a pipe) turns it off.

Every failure is one line on standard error, `jindu: error [code]: message` (a usage error adds
the usage and where to find help), and the exit status says which kind it was:
  0   success (health, scores and alerts are reports: 0 whether checks pass or fail)
  1   an error in the input: the plan, a file that cannot be read or written (code 'io'), ...
  2   a usage error (code 'usage'): an unknown command, option or value; JINDU_LIMITS unreadable
  70  an internal error (code 'internal'): a bug in jindu, please report it
      (RUST_BACKTRACE=1 adds Rust's message and backtrace)";

/// The `jindu` command line.
#[derive(Parser)]
#[command(
    name = "jindu",
    version,
    about = "Schedule, level, load, track and chart project plans from a shell",
    after_help = EXIT_HELP,
    propagate_version = true,
    args_override_self = true,
    max_term_width = 100
)]
struct Cli {
    /// No progress bar on standard error (it is drawn only when standard error is a terminal)
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Every command.
#[derive(Subcommand)]
enum Command {
    /// Check that each FILE reads and schedules: `ok: N tasks, M links` per file
    Validate {
        /// The plans to check (each on its own)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Print each FILE's schedule: early/late dates, float, the critical path
    Schedule(ScheduleArgs),
    /// Convert IN to OUT: MSPDI when OUT ends in .xml (with the computed schedule), else JSON
    Convert {
        /// The plan to read (any format jindu reads; '-' for standard input)
        #[arg(value_name = "IN")]
        input: String,
        /// Where to write ('-' for standard output); jindu does not write CSV or PSPLIB
        #[arg(value_name = "OUT")]
        output: String,
    },
    /// Read a file of any format and write the jindu JSON document
    Import(ImportArgs),
    /// Monte Carlo schedule risk: the finish distribution, criticality and sensitivity
    Risk(risk::RiskArgs),
    /// The DCMA 14-point schedule health assessment
    Health(health::HealthArgs),
    /// A 0-100 risk score per task and milestone, a roll-up and ranked warnings
    Scores(scores::ScoresArgs),
    /// Level one plan or a portfolio: delay tasks until no resource is overallocated
    Level(level::LevelArgs),
    /// Resource loading per period of one plan or a portfolio, and its overallocations
    Load(load::LoadArgs),
    /// Draw a chart of the plan as a standalone SVG file
    Render(render::RenderArgs),
    /// Earned value, variance, alerts and buffers at the status date
    Track(track::TrackArgs),
    /// Earned value and earned schedule of the project and of every task
    Evm(track::EvmArgs),
    /// The alert rules' findings (or a DingTalk, WeCom or Feishu bot message)
    Alerts(track::AlertsArgs),
    /// The buffers (critical chain) at the status date
    Buffers(track::MeasureArgs),
    /// Start, finish and duration variance against the baseline
    Variance(track::MeasureArgs),
    /// The status report for the period ending at the status date
    Report(track::ReportArgs),
    /// The client's view: nothing marked internal, no costs
    Client(track::ClientArgs),
    /// Apply a change set to a copy of the plan and print what moved
    Whatif(track::WhatifArgs),
    /// Schedule two versions of a plan and print what moved between them
    Compare(track::CompareArgs),
    /// Print the JSON Schema of a document, an edit, a schedule, a diff, the risk scores, a
    /// levelling, loading, risk, health or tracking result, or the options (`*-request`) a
    /// command or binding function reads
    Schema {
        /// Which schema
        #[arg(value_enum, default_value_t = SchemaName::Document)]
        which: SchemaName,
    },
    /// Print a shell completion script (e.g. `jindu completions bash > /etc/bash_completion.d/jindu`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The schemas `jindu schema` prints (`jindu::io::json::schema::all`).
#[derive(Clone, Copy, ValueEnum)]
enum SchemaName {
    Document,
    Edit,
    Schedule,
    Diff,
    Scores,
    ScoresRequest,
    Level,
    Load,
    Risk,
    Health,
    Evm,
    Alerts,
    Buffers,
    Variance,
    Report,
    ClientView,
    Whatif,
    Compare,
    LevelRequest,
    LoadRequest,
    RiskRequest,
    HealthRequest,
    TrackRequest,
    AlertsRequest,
    GanttRequest,
    HistogramRequest,
    ScurveRequest,
    TornadoRequest,
    EvmChartRequest,
    FeverRequest,
}

/// How a command prints its result.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// JSON, for programs
    Json,
    /// An aligned table, for people
    Table,
}

/// `--float-basis`.
#[derive(Clone, Copy, ValueEnum)]
enum FloatBasisArg {
    Smaller,
    Start,
    Finish,
}

/// `--lag-calendar`.
#[derive(Clone, Copy, ValueEnum)]
enum LagCalendarArg {
    Successor,
    Predecessor,
    Project,
    #[value(name = "24h")]
    TwentyFourHour,
}

/// `jindu schedule`.
#[derive(Args)]
#[command(after_help = "\
--status-date reschedules uncompleted work from that date (a bare date is the end of that day;
'project' takes the file's own status date): unstarted tasks start no earlier and started tasks
resume their remaining work no earlier, waiting for their links unless --progress-override.
Several FILEs are scheduled each on its own; the JSON is then one document
{\"schedules\": [{\"file\": FILE, \"schedule\": {...}}, ...]} and the table one table per file.")]
struct ScheduleArgs {
    /// The plans to schedule ('-' for standard input)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// JSON (project_finish, critical_path and tasks with early/late dates and float) or a table
    #[arg(long, value_enum, default_value_t = Output::Json)]
    format: Output,
    /// Add one JSON line of read/schedule/write times in milliseconds on standard error
    #[arg(long)]
    timings: bool,
    /// Tasks with at most this total float are critical (e.g. 1d)
    #[arg(long, value_name = "DUR", conflicts_with = "longest_path")]
    critical_float: Option<String>,
    /// The critical path is the longest path (not a float threshold)
    #[arg(long)]
    longest_path: bool,
    /// Which float total float is
    #[arg(long, value_enum)]
    float_basis: Option<FloatBasisArg>,
    /// The calendar lags are counted on
    #[arg(long, value_enum)]
    lag_calendar: Option<LagCalendarArg>,
    /// Ignore the tasks' date constraints
    #[arg(long)]
    no_honor_constraints: bool,
    /// Reschedule uncompleted work from this date-time, date or 'project'
    #[arg(long, value_name = "DATETIME|project")]
    status_date: Option<String>,
    /// With --status-date: remaining work does not wait for its links
    #[arg(long)]
    progress_override: bool,
}

/// `jindu import`.
#[derive(Args)]
#[command(after_help = "\
A CSV task list or PSPLIB instance is named after its file (or --name) and starts at --start (a
CSV list otherwise at its earliest Start cell, or else at the importer's fixed default, with a
warning). JSON documents and MSPDI files carry their own start; --name still renames them.")]
struct ImportArgs {
    /// The file to read ('-' for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// Where to write the JSON document (default: standard output)
    #[arg(short, long, value_name = "OUT")]
    output: Option<String>,
    /// The project start of a CSV task list or PSPLIB instance
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// The project's name
    #[arg(long)]
    name: Option<String>,
}

fn main() -> ExitCode {
    // A panic is reported like any other error, as `jindu: error [internal]: …` with its own
    // exit status, not as Rust's panic message; with RUST_BACKTRACE set, Rust's message and
    // backtrace come first, for the bug report.
    let rust_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            rust_hook(info);
        }
    }));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let outcome = std::panic::catch_unwind(|| parse_and_run(&args));
    let (command, result) =
        outcome.unwrap_or_else(|payload| (None, Err(Failure::Internal(payload))));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            say!("{}", report(&f, command.as_deref()));
            ExitCode::from(f.exit_code())
        }
    }
}

/// Parses the command line and runs the command; returns the command's name (for the usage
/// hint) with the outcome.
fn parse_and_run(args: &[std::ffi::OsString]) -> (Option<String>, Result<(), Failure>) {
    // Not a command (not in the help or the completions): it exists only so that the tests
    // can prove how a panic is reported.
    if args.get(1).is_some_and(|a| a == "__force-panic-for-tests") {
        #[allow(clippy::panic)]
        {
            panic!(
                "{}",
                args.get(2).and_then(|a| a.to_str()).unwrap_or("forced")
            )
        }
    }
    let matches = match Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return (subcommand_of(args), clap_outcome(e)),
    };
    let name = matches.subcommand_name().map(str::to_owned);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return (name, clap_outcome(e)),
    };
    progress::set_quiet(cli.quiet);
    (name, run(cli.command))
}

/// The command named on a command line clap refused (the first argument that is one), for the
/// usage hint.
fn subcommand_of(args: &[std::ffi::OsString]) -> Option<String> {
    let cmd = Cli::command();
    args.iter().skip(1).find_map(|a| {
        let a = a.to_str()?;
        cmd.find_subcommand(a)
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_owned())
    })
}

/// What clap's refusal means: `--help` and `--version` print to standard output and succeed;
/// anything else is a usage error in jindu's form.
fn clap_outcome(e: clap::Error) -> Result<(), Failure> {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = e.render().to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            print_out(&text)
        }
        _ => Err(Failure::Usage(usage_message(&e))),
    }
}

/// Clap's error as jindu's one-line message, then clap's tips and the usage line, if any: a
/// value a parser of ours refused reads `--by takes hour, day, week or month, not "x"`.
fn usage_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::ValueValidation {
        if let (Some(ContextValue::String(arg)), Some(source)) =
            (e.get(ContextKind::InvalidArg), std::error::Error::source(e))
        {
            let flag = arg.split([' ', '=']).next().unwrap_or(arg);
            return format!("{flag} {source}");
        }
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return "a command is needed (jindu --help lists them)".into();
    }
    let text = e.render().to_string();
    let mut lines = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with("For more information"));
    let first = lines.next().unwrap_or("invalid command line");
    let mut out = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    for l in lines {
        out.push('\n');
        out.push_str(l);
    }
    out
}

/// A failure as the lines `main` writes to standard error.
fn report(f: &Failure, command: Option<&str>) -> String {
    match f {
        Failure::Internal(payload) => format!(
            "jindu: error [internal]: {}",
            jindu::internal_message(payload.as_ref())
        ),
        Failure::Usage(m) => {
            let help = command.map_or_else(
                || "jindu --help".to_owned(),
                |c| format!("jindu {c} --help"),
            );
            format!("jindu: error [usage]: {m}\nSee '{help}'.")
        }
        Failure::Jindu(e) => format!("jindu: error [{}]: {e}", e.code()),
        Failure::Io(m) => format!("jindu: error [io]: {m}"),
        Failure::Coded(code, m) => format!("jindu: error [{code}]: {m}"),
    }
}

/// Writes `text` to standard output.
fn print_out(text: &str) -> Result<(), Failure> {
    stream_out(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on standard output and flushes it. A reader that has gone away (`jindu
/// schema | head`) ends the output quietly rather than with a panic or an error.
fn stream_out(
    write: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("cannot write standard output: {e}"))),
    }
}

/// Why a command failed; each kind has its exit status ([`Failure::exit_code`]).
pub(crate) enum Failure {
    /// A bad command line (exit 2).
    Usage(String),
    /// An error in the input (exit 1).
    Jindu(jindu::Error),
    /// A file that cannot be read or written (exit 1, code `io`).
    Io(String),
    /// An error in the input with its own code, from outside the core's `Error` (exit 1).
    Coded(&'static str, String),
    /// A panic caught in `main` (its payload; exit 70).
    Internal(Box<dyn std::any::Any + Send>),
}

impl Failure {
    /// The process's exit status for this failure.
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Jindu(_) | Failure::Io(_) | Failure::Coded(..) => 1,
            Failure::Internal(_) => EXIT_INTERNAL,
        }
    }
}

impl From<jindu::Error> for Failure {
    fn from(e: jindu::Error) -> Self {
        Failure::Jindu(e)
    }
}

/// The contents of the file `path` (standard input for `-`).
pub(crate) fn read_bytes(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut s)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
}

/// The limits every command holds its input to: `JINDU_LIMITS` (a JSON object such as
/// `{"max_input_bytes": 2147483648, "max_tasks": 5000000}`) over `jindu::Limits::DEFAULT`.
pub(crate) fn limits() -> Result<Limits, Failure> {
    match std::env::var("JINDU_LIMITS") {
        Ok(text) if !text.trim().is_empty() => {
            Limits::from_json(&text).map_err(|e| Failure::Usage(format!("JINDU_LIMITS: {e}")))
        }
        _ => Ok(Limits::DEFAULT),
    }
}

/// Reads a file in any format jindu reads (by content, else by its name's extension; see
/// `jindu::io::read`) within [`limits`], printing import warnings to standard error and, for a
/// long read on a terminal, a progress bar.
pub(crate) fn load(path: &str, options: ReadOptions) -> Result<Import, Failure> {
    let bytes = read_bytes(path)?;
    let options = options.limits(limits()?);
    let options = if path == "-" {
        options
    } else {
        options.file_name(path)
    };
    let mut bar = progress::Bar::bytes("reading");
    let mut tick = |p: &jindu::io::Progress| bar.set(p.done, p.total);
    let control = jindu::control::Control {
        progress: Some(&mut tick),
        cancel: None,
    };
    let imp = jindu::io::read_with(&bytes, &options, control)?;
    drop(bar);
    for w in &imp.warnings {
        say!("jindu: warning: {path}: {w}");
    }
    Ok(imp)
}

/// Writes `text` to the file `path`, or to standard output for `-`.
pub(crate) fn write_out(path: &str, text: &str) -> Result<(), Failure> {
    if path == "-" {
        print_out(text)
    } else {
        std::fs::write(path, text).map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))
    }
}

/// `file`, or a usage error saying `why` when `more` files follow it (a command that measures
/// one plan).
pub(crate) fn one_file<'a>(
    command: &str,
    file: &'a str,
    more: &[String],
    why: &str,
) -> Result<&'a str, Failure> {
    if more.is_empty() {
        Ok(file)
    } else {
        Err(Failure::Usage(format!(
            "{command} takes one FILE, not {}: {why}",
            1 + more.len()
        )))
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Validate { files } => {
            let mut out = String::new();
            for file in &files {
                let doc = load(file, ReadOptions::default())?;
                jindu::schedule(&doc.project, &doc.options)?;
                if files.len() > 1 {
                    out.push_str(file);
                    out.push_str(": ");
                }
                out.push_str(&format!(
                    "ok: {} tasks, {} links\n",
                    doc.project.len(),
                    doc.project.links().len()
                ));
            }
            print_out(&out)
        }
        Command::Schedule(a) => schedule(a),
        Command::Convert { input, output } => {
            let doc: Document = load(&input, ReadOptions::default())?.into();
            let format = Format::from_path(&output).unwrap_or(Format::Json);
            write_out(&output, &jindu::io::write(format, &doc)?)
        }
        Command::Import(a) => import(a),
        Command::Risk(a) => risk::run(a),
        Command::Health(a) => health::run(a),
        Command::Scores(a) => scores::run(a),
        Command::Level(a) => level::level(a),
        Command::Load(a) => load::run(a),
        Command::Render(a) => render::run(a),
        Command::Track(a) => track::run("track", a.into()),
        Command::Evm(a) => track::run("evm", a.into()),
        Command::Alerts(a) => track::run("alerts", a.into()),
        Command::Buffers(a) => track::run("buffers", a.into()),
        Command::Variance(a) => track::run("variance", a.into()),
        Command::Report(a) => track::run("report", a.into()),
        Command::Client(a) => track::run("client", a.into()),
        Command::Whatif(a) => track::run("whatif", a.into()),
        Command::Compare(a) => track::run("compare", a.into()),
        Command::Schema { which } => {
            let name = which
                .to_possible_value()
                .expect("no schema name is skipped")
                .get_name()
                .to_owned();
            let Some((_, v)) = jindu::io::json::schema::all()
                .into_iter()
                .find(|(n, _)| *n == name)
            else {
                return Err(Failure::Usage(format!("no schema {name:?} in this build")));
            };
            print_out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).expect("a schema serialises")
            ))
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "jindu", &mut script);
            stream_out(|out| out.write_all(&script))
        }
    }
}

/// The document of `file` with the `schedule` flags applied to its options.
fn scheduled_document(file: &str, a: &ScheduleArgs) -> Result<Document, Failure> {
    let mut doc: Document = load(file, ReadOptions::default())?.into();
    let o = &mut doc.options;
    if let Some(v) = &a.critical_float {
        let d = Duration::parse(v, doc.project.settings())?;
        o.critical = Criticality::TotalFloat(d);
    }
    if a.longest_path {
        o.critical = Criticality::LongestPath;
    }
    if a.no_honor_constraints {
        o.honor_constraints = false;
    }
    if a.progress_override {
        o.out_of_sequence = OutOfSequence::ProgressOverride;
    }
    if let Some(v) = &a.status_date {
        o.status_date = Some(if v == "project" {
            doc.project.status_date().ok_or_else(|| {
                Failure::Usage(format!("--status-date project: {file} has no status date"))
            })?
        } else if v.len() == 10 {
            // A bare date is the end of that working day, as in documents.
            let (_, f) = doc.project.default_times();
            format!("{v}T{:02}:{:02}", f / 60, f % 60)
                .parse()
                .map_err(|e| Failure::Usage(format!("--status-date {v:?}: {e}")))?
        } else {
            v.parse()
                .map_err(|e| Failure::Usage(format!("--status-date {v:?}: {e}")))?
        });
    }
    if let Some(b) = a.float_basis {
        o.float_basis = match b {
            FloatBasisArg::Smaller => FloatBasis::Smaller,
            FloatBasisArg::Start => FloatBasis::Start,
            FloatBasisArg::Finish => FloatBasis::Finish,
        };
    }
    if let Some(c) = a.lag_calendar {
        o.lag_calendar = match c {
            LagCalendarArg::Successor => LagCalendar::Successor,
            LagCalendarArg::Predecessor => LagCalendar::Predecessor,
            LagCalendarArg::Project => LagCalendar::Project,
            LagCalendarArg::TwentyFourHour => LagCalendar::TwentyFourHour,
        };
    }
    Ok(doc)
}

/// `jindu schedule FILE...`.
fn schedule(a: ScheduleArgs) -> Result<(), Failure> {
    let several = a.files.len() > 1;
    if several && a.format == Output::Json {
        print_out("{\"schedules\": [\n")?;
    }
    for (k, file) in a.files.iter().enumerate() {
        let t0 = Instant::now();
        let doc = scheduled_document(file, &a)?;
        let t1 = Instant::now();
        let s = jindu::schedule(&doc.project, &doc.options)?;
        let t2 = Instant::now();
        // The JSON streams out in chunks as it is written: a million tasks never sit in memory
        // as text.
        match a.format {
            Output::Json if several => {
                let sep = if k == 0 { "" } else { ",\n" };
                let name = serde_json::to_string(file).expect("a string serialises");
                print_out(&format!("{sep}{{\"file\": {name}, \"schedule\": "))?;
                stream_out(|out| json::write_schedule_to(out, &doc.project, &s))?;
                print_out("}")?;
            }
            Output::Json => stream_out(|out| json::write_schedule_to(out, &doc.project, &s))?,
            Output::Table => {
                let mut text = String::new();
                if several {
                    text.push_str(&format!("{}== {file} ==\n", if k == 0 { "" } else { "\n" }));
                }
                text.push_str(&schedule_table(&doc.project, &s));
                print_out(&text)?
            }
        }
        let t3 = Instant::now();
        if a.timings {
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
            say!(
                "{{\"read_ms\": {:.3}, \"schedule_ms\": {:.3}, \"write_ms\": {:.3}}}",
                ms(t0, t1),
                ms(t1, t2),
                ms(t2, t3)
            );
        }
    }
    if several && a.format == Output::Json {
        print_out("\n]}\n")?;
    }
    Ok(())
}

/// `jindu import`: a file of any format jindu reads to a JSON document.
fn import(a: ImportArgs) -> Result<(), Failure> {
    let file = a.file;
    let stem = std::path::Path::new(&file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| file != "-" && !s.is_empty());
    let mut opts = ReadOptions::default();
    if let Some(s) = &a.start {
        opts = opts.start(jindu::io::parse_start(s)?);
    }
    if let Some(n) = a.name.clone().or(stem) {
        opts = opts.name(n);
    }
    let mut imp = load(&file, opts)?;
    if matches!(imp.format, Format::Json | Format::Mspdi) {
        // These files carry their own start; an explicit --name still renames the project.
        if a.start.is_some() {
            return Err(Failure::Usage(format!(
                "--start applies to CSV task lists and PSPLIB instances; {file} is {} and has \
                 its own start",
                imp.format
            )));
        }
        if let Some(n) = a.name {
            imp.project.set_name(n);
        }
    }
    let text = jindu::io::write(Format::Json, &imp.into())?;
    write_out(a.output.as_deref().unwrap_or("-"), &text)
}

/// A readable terminal view: one row per task, indented by summary level.
fn schedule_table(p: &Project, s: &Schedule) -> String {
    use std::fmt::Write as _;
    let st = p.settings();
    let depth = |mut i: jindu::TaskIndex| {
        let mut d = 0;
        while let Some(q) = p.task(i).parent {
            d += 1;
            i = q;
        }
        d
    };
    let head = [
        "ID",
        "Task",
        "Duration",
        "Start",
        "Finish",
        "Total float",
        "Free float",
        "Crit",
        "Driven by",
    ];
    let mut rows: Vec<Vec<String>> = vec![head.map(String::from).to_vec()];
    rows.extend(p.tasks().iter().enumerate().map(|(k, t)| {
        let i = jindu::TaskIndex::from_raw(k as u32);
        let ts = s.task(i);
        let name = format!("{}{}", "  ".repeat(depth(i)), t.name);
        let fmt = |d: jindu::DateTime| d.to_string()[..16].replace('T', " ");
        let why = match ts.driver {
            Driver::Link(l) => {
                let l = p.link(l);
                format!("{} {}", p.task(l.from).id, l.kind)
            }
            Driver::ProjectStart => "start".into(),
            Driver::Constraint => t.constraint.code().into(),
            Driver::Pinned => "pinned".into(),
            Driver::Actual => "actual".into(),
            Driver::Delay => "delay".into(),
            Driver::StatusDate => "status date".into(),
            Driver::Children => "".into(),
            Driver::Summary(q) => format!("in {}", p.task(q).id),
        };
        vec![
            t.id.to_string(),
            name,
            if p.is_summary(i) {
                String::new()
            } else {
                t.duration.display(st).to_string()
            },
            fmt(ts.start),
            fmt(ts.finish),
            ts.total_float.display(st).to_string(),
            ts.free_float.display(st).to_string(),
            if ts.critical {
                "*".into()
            } else {
                String::new()
            },
            why,
        ]
    }));
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.name());
    let _ = writeln!(
        out,
        "Start  {}",
        s.project_start.to_string().replace('T', " ")
    );
    let _ = writeln!(
        out,
        "Finish {}",
        s.project_finish.to_string().replace('T', " ")
    );
    out.push('\n');
    out.push_str(&table::columns(&rows, 0, true));
    out.push('\n');
    let path: Vec<&str> = s
        .critical_path()
        .iter()
        .map(|&i| p.task(i).id.as_str())
        .collect();
    let _ = writeln!(out, "Critical path: {}", path.join(" -> "));
    for v in s.violations() {
        let _ = writeln!(out, "Violation: {:?} on {}", v.kind, p.task(v.task).id);
    }
    for wn in s.warnings() {
        let _ = writeln!(out, "Warning: {}: {}", wn.item, wn.message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_name_the_flag_and_hint_at_help() {
        let e = Cli::command()
            .try_get_matches_from(["jindu", "load", "a.json", "--by", "fortnight"])
            .expect_err("fortnight is no period");
        let f = Failure::Usage(usage_message(&e));
        assert_eq!(
            report(&f, Some("load")),
            "jindu: error [usage]: --by takes hour, day, week or month, not \"fortnight\"\n\
             See 'jindu load --help'."
        );
        assert_eq!(f.exit_code(), 2);
        let e = Cli::command()
            .try_get_matches_from(["jindu", "schedule", "a.json", "--formt", "table"])
            .expect_err("--formt is no flag");
        let m = usage_message(&e);
        assert!(m.starts_with("unexpected argument '--formt' found"), "{m}");
        assert!(
            m.contains("tip: a similar argument exists: '--format'"),
            "{m}"
        );
        assert!(m.contains("Usage: jindu schedule"), "{m}");
    }

    #[test]
    fn every_failure_has_the_one_form() {
        let io =
            Failure::Io("cannot read nope.json: No such file or directory (os error 2)".into());
        assert_eq!(
            report(&io, Some("schedule")),
            "jindu: error [io]: cannot read nope.json: No such file or directory (os error 2)"
        );
        assert_eq!(io.exit_code(), 1);
        let j = Failure::Jindu(jindu::Error::Cancelled);
        assert!(report(&j, None).starts_with("jindu: error [cancelled]: "));
        assert_eq!(Failure::Internal(Box::new("x")).exit_code(), 70);
    }
}
