//! `jindu render FILE --chart gantt|histogram|scurve|tornado|evm|fever [...] -o out.svg`: a
//! chart of the document as a standalone SVG file.

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::render::Chart;
use serde_json::{Map, Value};

use crate::{load, write_out, Failure};

/// The usage lines of `jindu render` (a macro so that `main.rs` can `concat!` them).
macro_rules! render_usage {
    () => {
        "       jindu render FILE [--chart gantt] [--width N] [--height N] [--row-height N]
                         [--from DATE] [--to DATE] [--tasks ID,ID,...] [--client]
                         [--theme light|dark] [--locale en|zh-CN] [--today DATE]
                         [--no-links] [--no-baselines] [-o OUT.svg]
       jindu render FILE --chart histogram [--by hour|day|week|month] [--from DATE] [--to DATE]
                         [--resources ID,ID,...] [--unit hours|percent] [--width N] [--height N]
                         [--theme light|dark] [--locale en|zh-CN] [-o OUT.svg]
       jindu render FILE --chart scurve|tornado [--iterations N] [--seed N] [--target DATETIME]
                         [--top N (tornado)] [--width N] [--height N]
                         [--theme light|dark] [--locale en|zh-CN] [-o OUT.svg]
       jindu render FILE --chart evm|fever [--status-date DATE] [--baseline N]
                         [--width N] [--height N] [--from DATE] [--to DATE] (evm)
                         [--buffer-percent P] [--no-feeding] (fever)
                         [--theme light|dark] [--locale en|zh-CN] [-o OUT.svg]
"
    };
}

/// Runs `jindu render` with the arguments after the command name.
///
/// The flags become the chart's options as a JSON object (`--row-height 20` is
/// `"row_height": 20`), which [`jindu::render::draw`] reads for the chart asked for, so an
/// option a chart does not take is an error naming it.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut out = "-".to_owned();
    let mut chart = Chart::Gantt;
    let mut options = Map::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))
        };
        let pixels = |v: String| {
            v.parse::<u32>().map(Value::from).map_err(|_| {
                Failure::Usage(format!("{a} takes a whole number of pixels, not {v:?}"))
            })
        };
        let key = a.trim_start_matches('-').replace('-', "_");
        match a.as_str() {
            "--chart" => {
                chart = value()?
                    .parse()
                    .map_err(|e: jindu::Error| Failure::Usage(e.to_string()))?
            }
            "-o" | "--output" => out = value()?,
            "--width" | "--height" | "--row-height" => {
                let v = pixels(value()?)?;
                options.insert(key, v);
            }
            "--from" | "--to" | "--today" | "--theme" | "--locale" | "--status-date" => {
                options.insert(key, Value::from(value()?));
            }
            "--by" | "--unit" | "--target" => {
                options.insert(key, Value::from(value()?));
            }
            "--iterations" | "--seed" | "--top" => {
                let v = value()?;
                let n = v
                    .parse::<u64>()
                    .map_err(|_| Failure::Usage(format!("{a} takes a whole number, not {v:?}")))?;
                options.insert(key, Value::from(n));
            }
            "--resources" => {
                let ids: Vec<Value> = value()?.split(',').map(|s| Value::from(s.trim())).collect();
                options.insert(key, Value::from(ids));
            }
            "--tasks" => {
                let ids: Vec<Value> = value()?.split(',').map(|s| Value::from(s.trim())).collect();
                options.insert(key, Value::from(ids));
            }
            "--baseline" => {
                let v = value()?;
                let n = v.parse::<u8>().map_err(|_| {
                    Failure::Usage(format!("--baseline takes a number 0-255, not {v:?}"))
                })?;
                options.insert(key, Value::from(n));
            }
            "--buffer-percent" => {
                let v = value()?;
                let p = v.parse::<f64>().map_err(|_| {
                    Failure::Usage(format!("--buffer-percent takes a number, not {v:?}"))
                })?;
                options.insert(key, Value::from(p));
            }
            "--no-feeding" => {
                options.insert(key, Value::from(true));
            }
            "--client" => {
                options.insert(key, Value::from(true));
            }
            "--no-links" | "--no-baselines" => {
                options.insert(key.trim_start_matches("no_").to_owned(), Value::from(false));
            }
            s if s.starts_with('-') && s != "-" => {
                return Err(Failure::Usage(format!("unknown option {s}")))
            }
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("render needs a FILE".into()))?;
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
    let doc: Document = load(&file, ReadOptions::default())?.into();
    let svg = jindu::render::draw(&doc, chart, &options)?;
    write_out(&out, &svg)
}
