//! `jindu render FILE --chart gantt|histogram|scurve|tornado|evm|fever [...] -o out.svg`: a
//! chart of the document as a standalone SVG file.

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::render::Chart;
use serde_json::{Map, Value};

use crate::{load, write_out, Failure};

/// `jindu render`.
///
/// The flags become the chart's options as a JSON object (`--row-height 20` is
/// `"row_height": 20`), which [`jindu::render::draw`] reads for the chart asked for, so an
/// option a chart does not take is a usage error naming it.
#[derive(clap::Args)]
#[command(after_help = "\
gantt: bars from early start to finish, summaries, milestones, links, the critical path in red,
the first baseline, progress, the status date and deadlines; --client leaves out internal tasks.
histogram: each work resource's load per period (--by, default week) against its capacity, the
work above it in red (--resources picks and orders the panels; --unit percent).
scurve: the Monte Carlo finish-date histogram with its S-curve, P50, P80, the plan's date and
--target with its probability (default 1000 iterations, seed 1).
tornado: the --top N (default 10) drivers of the finish by rank correlation.
evm: planned value, earned value and actual cost to the status date with the forecast to EAC.
fever: each buffer's consumption against its chain's completion over the green, yellow and red
zones. A flag the chart does not take is a usage error.")]
pub(crate) struct RenderArgs {
    /// The plan (one: a chart draws one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    /// The chart: gantt, histogram, scurve, tornado, evm or fever
    #[arg(long, default_value = "gantt", value_parser = chart)]
    chart: Chart,
    /// Where to write the SVG (default: standard output)
    #[arg(short, long, value_name = "OUT.svg")]
    output: Option<String>,
    /// Width in pixels
    #[arg(long, value_name = "N", value_parser = pixels)]
    width: Option<u32>,
    /// Height in pixels
    #[arg(long, value_name = "N", value_parser = pixels)]
    height: Option<u32>,
    /// gantt: the row height in pixels
    #[arg(long, value_name = "N", value_parser = pixels)]
    row_height: Option<u32>,
    /// gantt, histogram, evm: from this date
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// gantt, histogram, evm: to this date
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// gantt: the "today" line
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// light or dark
    #[arg(long, value_name = "THEME")]
    theme: Option<String>,
    /// en or zh-CN
    #[arg(long, value_name = "LOCALE")]
    locale: Option<String>,
    /// evm, fever: the status date
    #[arg(long, value_name = "DATE")]
    status_date: Option<String>,
    /// histogram: hour, day, week or month
    #[arg(long, value_name = "PERIOD")]
    by: Option<String>,
    /// histogram: hours or percent
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    /// scurve: the target date-time
    #[arg(long, value_name = "DATETIME")]
    target: Option<String>,
    /// scurve, tornado: Monte Carlo iterations
    #[arg(long, value_name = "N", value_parser = crate::risk::whole)]
    iterations: Option<u64>,
    /// scurve, tornado: the seed
    #[arg(long, value_name = "N", value_parser = crate::risk::whole)]
    seed: Option<u64>,
    /// tornado: how many drivers
    #[arg(long, value_name = "N", value_parser = crate::risk::whole)]
    top: Option<u64>,
    /// histogram: the resources, in order
    #[arg(long, value_name = "ID,ID,...")]
    resources: Option<String>,
    /// gantt: only these tasks
    #[arg(long, value_name = "ID,ID,...")]
    tasks: Option<String>,
    /// evm, fever: the baseline
    #[arg(long, value_name = "N", value_parser = crate::health::baseline)]
    baseline: Option<u8>,
    /// fever: the buffer size in percent of the chain
    #[arg(long, value_name = "P", allow_hyphen_values = true, value_parser = percent)]
    buffer_percent: Option<f64>,
    /// fever: no feeding buffers
    #[arg(long)]
    no_feeding: bool,
    /// gantt: leave out internal tasks
    #[arg(long)]
    client: bool,
    /// gantt: no link arrows
    #[arg(long)]
    no_links: bool,
    /// gantt: no baseline bars
    #[arg(long)]
    no_baselines: bool,
}

/// A chart's name, for `--chart`.
fn chart(v: &str) -> Result<Chart, String> {
    v.parse::<Chart>().map_err(|e| e.to_string())
}

/// Pixels, for `--width` and the like.
fn pixels(v: &str) -> Result<u32, String> {
    v.parse::<u32>()
        .map_err(|_| format!("takes a whole number of pixels, not {v:?}"))
}

/// A number, for `--buffer-percent`.
fn percent(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .map_err(|_| format!("takes a number, not {v:?}"))
}

/// The ids of a comma-separated list.
fn ids(v: &str) -> Value {
    Value::from(
        v.split(',')
            .map(|s| Value::from(s.trim()))
            .collect::<Vec<_>>(),
    )
}

/// Runs `jindu render`.
pub(crate) fn run(a: RenderArgs) -> Result<(), Failure> {
    let file = crate::one_file(
        "render",
        &a.file,
        &a.more,
        "a chart draws one plan (jindu load or level take a portfolio); run it once per file",
    )?;
    let mut options = Map::new();
    let mut put = |key: &str, v: Option<Value>| {
        if let Some(v) = v {
            options.insert(key.to_owned(), v);
        }
    };
    put("width", a.width.map(Value::from));
    put("height", a.height.map(Value::from));
    put("row_height", a.row_height.map(Value::from));
    for (key, v) in [
        ("from", &a.from),
        ("to", &a.to),
        ("today", &a.today),
        ("theme", &a.theme),
        ("locale", &a.locale),
        ("status_date", &a.status_date),
        ("by", &a.by),
        ("unit", &a.unit),
        ("target", &a.target),
    ] {
        put(key, v.clone().map(Value::from));
    }
    put("iterations", a.iterations.map(Value::from));
    put("seed", a.seed.map(Value::from));
    put("top", a.top.map(Value::from));
    put("resources", a.resources.as_deref().map(ids));
    put("tasks", a.tasks.as_deref().map(ids));
    put("baseline", a.baseline.map(Value::from));
    put("buffer_percent", a.buffer_percent.map(Value::from));
    put("no_feeding", a.no_feeding.then_some(Value::from(true)));
    put("client", a.client.then_some(Value::from(true)));
    put("links", a.no_links.then_some(Value::from(false)));
    put("baselines", a.no_baselines.then_some(Value::from(false)));
    let chart = a.chart;
    let options = Value::Object(options).to_string();
    // A flag the chart does not take is a usage error, before the file is read.
    let checked = match chart {
        Chart::Histogram => jindu::render::HistogramRequest::from_json(&options).map(drop),
        Chart::Scurve => jindu::render::ScurveRequest::from_json(&options).map(drop),
        Chart::Tornado => jindu::render::TornadoRequest::from_json(&options).map(drop),
        Chart::Gantt => jindu::render::GanttRequest::from_json(&options).map(drop),
        Chart::Evm => jindu::render::EvmRequest::from_json(&options).map(drop),
        Chart::Fever => jindu::render::FeverRequest::from_json(&options).map(drop),
    };
    checked.map_err(|e| Failure::Usage(format!("--chart {chart}: {e}")))?;
    let doc: Document = load(file, ReadOptions::default())?.into();
    let svg = jindu::render::draw(&doc, chart, &options)?;
    write_out(a.output.as_deref().unwrap_or("-"), &svg)
}
