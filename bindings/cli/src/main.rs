//! `jindu`: the scheduling core in a shell.
//!
//! ```text
//! jindu schedule FILE [--format json|table] [--timings] [option flags]
//! jindu validate FILE
//! jindu convert IN OUT
//! jindu import FILE [-o OUT] [--start DATE] [--name NAME]
//! jindu track|evm|alerts|buffers|variance|report|client FILE [options]
//! jindu whatif FILE CHANGES.json [options]
//! jindu health FILE [--status-date DATETIME] [--baseline N] [--format json|table]
//! jindu scores FILE [--status-date DATETIME] [--baseline N] [--iterations N --seed S] [--format json|table]
//! jindu risk FILE [--iterations N] [--seed S] [--target DATETIME] [--threads T] [--format json|table]
//! jindu load FILE... [--by hour|day|week|month] [--format json|table] [--from DATE --to DATE]
//! jindu level FILE... [--schedules N] [--seed S] [--within-float] [--period-minutes M] [--format json|table]
//! jindu level --psplib FILE [--schedules N | --time-ms T] [--seed S] [--format json|table]
//! jindu render FILE [--chart gantt|histogram|scurve|tornado|evm|fever] [--width N] [--theme dark] [--locale zh-CN] [-o OUT.svg]
//! ```

mod health;
mod level;
mod scores;

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[macro_use]
mod render;
mod risk;

mod load;

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

#[macro_use]
mod track;

const USAGE: &str = concat!(
    "\
usage: jindu schedule FILE [--format json|table] [--timings]
                           [--critical-float DUR] [--longest-path]
                           [--float-basis smaller|start|finish]
                           [--lag-calendar successor|predecessor|project|24h]
                           [--no-honor-constraints]
                           [--status-date DATETIME|project] [--progress-override]
       jindu validate FILE
       jindu convert IN OUT
       jindu import FILE [-o OUT] [--start DATE] [--name NAME]
       jindu risk FILE [--iterations N] [--seed S] [--target DATETIME] [--threads T]
                       [--default-range LOW,HIGH] [--format json|table]
       jindu health FILE [--status-date DATETIME] [--baseline N] [--format json|table]
       jindu scores FILE [--status-date DATETIME] [--baseline N] [--iterations N --seed S]
                         [--default-range LOW,HIGH] [--max-warnings N] [--format json|table]
       jindu level FILE... [--schedules N] [--seed S] [--within-float]
                   [--period-minutes M] [--format json|table]
       jindu level --psplib FILE [--schedules N | --time-ms T] [--seed S]
                   [--format json|table]
       jindu load FILE... [--by hour|day|week|month] [--format json|table]
                  [--from DATE] [--to DATE]
       jindu schema [document|edit|schedule|diff|scores|scores-request|level|load|risk|
                     health|evm|alerts|buffers|variance|report|client-view|whatif|compare]
       jindu --version
",
    render_usage!(),
    track_usage!(),
    "

FILE is a jindu JSON document, a Microsoft Project XML (MSPDI) file, a CSV task list or a
PSPLIB instance, told apart by content, else by extension (.json, .xml, .csv/.tsv, .sm);
'-' reads standard input. Import warnings go to standard error. Every file and run is held to
jindu's limits (256 MiB, a million tasks, 10^9 Monte Carlo samples, …; error code 'limit');
the environment variable JINDU_LIMITS raises them, e.g. JINDU_LIMITS='{\"max_tasks\": 5000000}'.
convert writes OUT as MSPDI when it ends in .xml (with the computed schedule), else as JSON;
jindu does not write CSV or PSPLIB.
schedule prints the schedule (JSON by default: project_finish, critical_path and tasks with
early/late dates and float); --timings adds one JSON line with read/schedule/write times
on standard error. --status-date reschedules uncompleted work from that date (a bare date is
the end of that day; 'project' takes the file's own status date): unstarted tasks start no
earlier and started tasks resume their remaining work no earlier, waiting for their links
unless --progress-override.
import reads a file of any of these formats and writes the jindu JSON document to OUT or
standard output; a CSV task list or PSPLIB instance is named after its file (or --name) and
starts at --start (a CSV list otherwise at its earliest Start cell, or else at the importer's
fixed default, with a warning).
risk runs a Monte Carlo simulation of the document's estimates, risks and correlations
(default 1000 iterations, seed 1, all cores) and prints the finish distribution (working days
from the project start, percentiles as datetimes), the chance of meeting --target, and per task
the criticality index and sensitivity; --default-range gives tasks without an estimate a
triangular range in percent (e.g. -10,25). The same seed gives the same output.
health runs the DCMA 14-point schedule assessment (logic, leads, lags, relationship types,
hard constraints, high and negative float, high duration, invalid dates, resources, missed
tasks, critical path test, CPLI, BEI) and prints each check's metric, threshold, status and
offending tasks; the status date defaults to the document's, the baseline to the first. It
exits 0 whether checks pass or fail.
scores gives each incomplete task and milestone a 0-100 risk score from weighted factors (float,
float consumed against the baseline, criticality, merge, estimate spread, hard constraints,
overallocation, deadline, lateness at the status date), each in words and numbers, a project
roll-up and ranked warnings with stable codes (at most --max-warnings, default 50, with the
count of those left out); --iterations N runs the Monte Carlo (seed S) for criticality (default
none: that factor is listed as missing); --default-range LOW,HIGH gives tasks without an
estimate a triangular range in percent, for the spread factor and the Monte Carlo.
level FILE... levels the documents (several FILEs are a portfolio sharing resources by id):
it delays tasks so that no resource is overallocated, higher priority first (priority 1000
and started tasks stay), and prints every delay with its reason (the full resource and the
tasks holding it, or the predecessor that moved) and any overallocation it could not fix;
--within-float moves tasks only within their float; periods are one working hour unless
--period-minutes; --schedules N tries N tie-breaks of equal priority (seeded by --seed).
level --psplib solves a PSPLIB instance (RCPSP) within a budget of generated schedules
(default 5000) or milliseconds, deterministic for a seed (default 0), and prints
{makespan: M, starts: {<job number>: <start period>, ...}} as JSON, or a table.
load prints each resource's work, capacity and load per period (default by week) and the
intervals where it is overallocated, with the tasks causing them; several FILEs are a portfolio
(the same resource id in two files is one pooled resource).
schema prints the JSON Schema of a document, an edit, a schedule, a diff, the risk scores or
their options, or of the levelling, loading, risk, health and tracking results (default:
document).
render draws the schedule as a standalone SVG Gantt chart (to OUT or standard output): bars
from early start to finish, summaries, milestones, links, the critical path in red, the first
baseline, progress, the status date and deadlines; --client leaves out internal tasks.
--chart histogram draws each work resource's load per period (--by, default week) against its
capacity, the work above it in red (--resources picks and orders the panels; --unit percent);
--chart scurve the Monte Carlo finish-date histogram with its S-curve, P50, P80, the plan's
date and --target with its probability (default 1000 iterations, seed 1); --chart tornado the
--top N (default 10) drivers of the finish by rank correlation.
--chart evm draws planned value, earned value and actual cost to the status date with the
forecast to EAC; --chart fever draws each buffer's consumption against its chain's completion
over the green, yellow and red zones. A flag the chart does not take is a usage error.
report --format html is a whole page with the charts.
",
    track_help!()
);

/// The exit status of an internal error (a panic: a bug in jindu), sysexits' `EX_SOFTWARE`.
const EXIT_INTERNAL: u8 = 70;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // A panic is reported like any other error, as `jindu: error [internal]: …` with its own
    // exit status, not as Rust's panic message; with RUST_BACKTRACE set, Rust's message and
    // backtrace come first, for the bug report.
    let rust_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            rust_hook(info);
        }
    }));
    let outcome = std::panic::catch_unwind(|| run(&args));
    match outcome.unwrap_or_else(|payload| Err(Failure::Internal(payload))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Internal(payload)) => {
            say!(
                "jindu: error [internal]: {}",
                jindu::internal_message(payload.as_ref())
            );
            ExitCode::from(EXIT_INTERNAL)
        }
        Err(Failure::Usage(m)) => {
            say!("jindu: {m}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Jindu(e)) => {
            say!("jindu: error [{}]: {e}", e.code());
            ExitCode::from(1)
        }
        Err(Failure::Io(m)) => {
            say!("jindu: {m}");
            ExitCode::from(1)
        }
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
        Err(e) => Err(Failure::Io(format!("cannot write output: {e}"))),
    }
}

pub(crate) enum Failure {
    Usage(String),
    Jindu(jindu::Error),
    Io(String),
    /// A panic caught in `main` (its payload).
    Internal(Box<dyn std::any::Any + Send>),
}

impl From<jindu::Error> for Failure {
    fn from(e: jindu::Error) -> Self {
        Failure::Jindu(e)
    }
}

/// How `schedule` prints the schedule.
#[derive(PartialEq)]
enum Output {
    Json,
    Table,
}

impl Output {
    /// The value of a `--format` option.
    fn parse(v: &str) -> Result<Output, Failure> {
        match v {
            "json" => Ok(Output::Json),
            "table" => Ok(Output::Table),
            f => Err(Failure::Usage(format!("unknown format {f:?}"))),
        }
    }
}

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
/// `jindu::io::read`) within [`limits`], printing import warnings to standard error.
pub(crate) fn load(path: &str, options: ReadOptions) -> Result<Import, Failure> {
    let bytes = read_bytes(path)?;
    let options = options.limits(limits()?);
    let options = if path == "-" {
        options
    } else {
        options.file_name(path)
    };
    let imp = jindu::io::read(&bytes, &options)?;
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

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(cmd) = args.first() else {
        return Err(Failure::Usage("missing command".into()));
    };
    match cmd.as_str() {
        "--version" | "-V" => print_out(&format!("jindu {}\n", env!("CARGO_PKG_VERSION"))),
        "--help" | "-h" | "help" => print_out(&format!("{USAGE}\n")),
        "validate" => {
            let [_, file] = args else {
                return Err(Failure::Usage("validate takes one FILE".into()));
            };
            let doc = load(file, ReadOptions::default())?;
            jindu::schedule(&doc.project, &doc.options)?;
            print_out(&format!(
                "ok: {} tasks, {} links\n",
                doc.project.len(),
                doc.project.links().len()
            ))
        }
        "schedule" => schedule(&args[1..]),
        "convert" => {
            let [_, input, output] = args else {
                return Err(Failure::Usage("convert takes IN and OUT".into()));
            };
            let doc: Document = load(input, ReadOptions::default())?.into();
            let format = Format::from_path(output).unwrap_or(Format::Json);
            write_out(output, &jindu::io::write(format, &doc)?)
        }
        "import" => import(&args[1..]),
        c if track::COMMANDS.contains(&c) => track::run(c, &args[1..]),
        "risk" => risk::run(&args[1..]),
        "health" => health::run(&args[1..]),
        "scores" => scores::run(&args[1..]),
        "load" => load::run(&args[1..]),
        "render" => render::run(&args[1..]),
        "level" => level::level(&args[1..]),
        // Not in the usage: it exists only so that the tests can prove how a panic is reported.
        "__force-panic-for-tests" => {
            #[allow(clippy::panic)]
            {
                panic!("{}", args.get(1).map_or("forced", String::as_str))
            }
        }
        "schema" => {
            let which = args.get(1).map(String::as_str).unwrap_or("document");
            let Some((_, v)) = jindu::io::json::schema::all()
                .into_iter()
                .find(|(n, _)| *n == which)
            else {
                let names: Vec<&str> = jindu::io::json::schema::all().map(|(n, _)| n).to_vec();
                return Err(Failure::Usage(format!(
                    "unknown schema {which:?}: expected one of {}",
                    names.join(", ")
                )));
            };
            print_out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).expect("a schema serialises")
            ))
        }
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn schedule(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut format = Output::Json;
    let mut timings = false;
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" => format = Output::parse(&value("--format")?)?,
            "--timings" => timings = true,
            "--critical-float" => overrides.push(("critical-float".into(), value(a)?)),
            "--float-basis" => overrides.push(("float-basis".into(), value(a)?)),
            "--lag-calendar" => overrides.push(("lag-calendar".into(), value(a)?)),
            "--longest-path" => overrides.push(("longest-path".into(), String::new())),
            "--no-honor-constraints" => overrides.push(("no-honor".into(), String::new())),
            "--status-date" => overrides.push(("status-date".into(), value(a)?)),
            "--progress-override" => overrides.push(("override".into(), String::new())),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("schedule needs a FILE".into()))?;

    let t0 = Instant::now();
    let mut doc: Document = load(&file, ReadOptions::default())?.into();
    for (k, v) in overrides {
        let o = &mut doc.options;
        match k.as_str() {
            "critical-float" => {
                let d = Duration::parse(&v, doc.project.settings())?;
                o.critical = Criticality::TotalFloat(d);
            }
            "longest-path" => o.critical = Criticality::LongestPath,
            "no-honor" => o.honor_constraints = false,
            "override" => o.out_of_sequence = OutOfSequence::ProgressOverride,
            "status-date" => {
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
            "float-basis" => {
                o.float_basis = match v.as_str() {
                    "smaller" => FloatBasis::Smaller,
                    "start" => FloatBasis::Start,
                    "finish" => FloatBasis::Finish,
                    _ => return Err(Failure::Usage(format!("unknown float basis {v:?}"))),
                }
            }
            "lag-calendar" => {
                o.lag_calendar = match v.as_str() {
                    "successor" => LagCalendar::Successor,
                    "predecessor" => LagCalendar::Predecessor,
                    "project" => LagCalendar::Project,
                    "24h" => LagCalendar::TwentyFourHour,
                    _ => return Err(Failure::Usage(format!("unknown lag calendar {v:?}"))),
                }
            }
            _ => unreachable!("only known overrides are collected"),
        }
    }
    let t1 = Instant::now();
    let s = jindu::schedule(&doc.project, &doc.options)?;
    let t2 = Instant::now();
    // The JSON streams out in chunks as it is written: a million tasks never sit in memory
    // as text.
    match format {
        Output::Json => stream_out(|out| json::write_schedule_to(out, &doc.project, &s))?,
        Output::Table => print_out(&table(&doc.project, &s))?,
    }
    let t3 = Instant::now();
    if timings {
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        say!(
            "{{\"read_ms\": {:.3}, \"schedule_ms\": {:.3}, \"write_ms\": {:.3}}}",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3)
        );
    }
    Ok(())
}

/// `jindu import`: a file of any format jindu reads to a JSON document.
fn import(args: &[String]) -> Result<(), Failure> {
    let (mut file, mut out, mut start, mut name) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))
        };
        match a.as_str() {
            "-o" | "--output" => out = Some(value()?),
            "--start" => start = Some(value()?),
            "--name" => name = Some(value()?),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file: String = file.ok_or_else(|| Failure::Usage("import needs a FILE".into()))?;
    let stem = std::path::Path::new(&file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| file != "-" && !s.is_empty());
    let mut opts = ReadOptions::default();
    if let Some(s) = &start {
        opts = opts.start(jindu::io::parse_start(s)?);
    }
    if let Some(n) = name.clone().or(stem) {
        opts = opts.name(n);
    }
    let mut imp = load(&file, opts)?;
    if matches!(imp.format, Format::Json | Format::Mspdi) {
        // These files carry their own start; an explicit --name still renames the project.
        if start.is_some() {
            return Err(Failure::Usage(format!(
                "--start applies to CSV task lists and PSPLIB instances; {file} is {} and has \
                 its own start",
                imp.format
            )));
        }
        if let Some(n) = name {
            imp.project.set_name(n);
        }
    }
    let text = jindu::io::write(Format::Json, &imp.into())?;
    write_out(out.as_deref().unwrap_or("-"), &text)
}

/// A readable terminal view: one row per task, indented by summary level.
fn table(p: &Project, s: &Schedule) -> String {
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
    let rows: Vec<[String; 9]> = p
        .tasks()
        .iter()
        .enumerate()
        .map(|(k, t)| {
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
            [
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
        })
        .collect();
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
    let mut w = head.map(|h| h.chars().count());
    for r in &rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        for (k, c) in cells.iter().enumerate() {
            let pad = w[k] - c.chars().count();
            if k > 0 {
                out.push_str("  ");
            }
            out.push_str(c);
            if k + 1 < cells.len() {
                out.push_str(&" ".repeat(pad));
            }
        }
        out.push('\n');
    };
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
    line(&mut out, &head.map(String::from));
    line(&mut out, &w.map(|n| "-".repeat(n)));
    for r in &rows {
        line(&mut out, r);
    }
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
