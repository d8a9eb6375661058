//! `jindu render FILE --chart gantt [...] -o out.svg`: a chart of the document's schedule as a
//! standalone SVG file.

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::render::GanttRequest;

use crate::{load, write_out, Failure};

/// The usage lines of `jindu render` (a macro so that `main.rs` can `concat!` them).
macro_rules! render_usage {
    () => {
        "       jindu render FILE [--chart gantt] [--width N] [--height N] [--row-height N]
                         [--from DATE] [--to DATE] [--tasks ID,ID,...] [--client]
                         [--theme light|dark] [--locale en|zh-CN] [--today DATE]
                         [--no-links] [--no-baselines] [-o OUT.svg]
"
    };
}

/// The charts the issue plans that are not drawn yet.
const LATER: &[&str] = &["histogram", "scurve", "tornado", "evm", "fever"];

/// Runs `jindu render` with the arguments after the command name.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut out = "-".to_owned();
    let mut req = GanttRequest::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))
        };
        let pixels = |v: String| {
            v.parse::<u32>().map_err(|_| {
                Failure::Usage(format!("{a} takes a whole number of pixels, not {v:?}"))
            })
        };
        match a.as_str() {
            "--chart" => match value()?.as_str() {
                "gantt" => {}
                c if LATER.contains(&c) => {
                    return Err(Failure::Usage(format!(
                        "the {c} chart is not available yet; only --chart gantt is"
                    )))
                }
                c => {
                    return Err(Failure::Usage(format!(
                        "unknown chart {c:?}: expected gantt (histogram, scurve, tornado, evm \
                         and fever are planned)"
                    )))
                }
            },
            "-o" | "--output" => out = value()?,
            "--width" => req.width = Some(pixels(value()?)?),
            "--height" => req.height = Some(pixels(value()?)?),
            "--row-height" => req.row_height = Some(pixels(value()?)?),
            "--from" => req.from = Some(value()?),
            "--to" => req.to = Some(value()?),
            "--today" => req.today = Some(value()?),
            "--theme" => req.theme = Some(value()?),
            "--locale" => req.locale = Some(value()?),
            "--tasks" => {
                req.tasks = Some(value()?.split(',').map(|s| s.trim().to_owned()).collect())
            }
            "--client" => req.client = true,
            "--no-links" => req.links = Some(false),
            "--no-baselines" => req.baselines = Some(false),
            s if s.starts_with('-') && s != "-" => {
                return Err(Failure::Usage(format!("unknown option {s}")))
            }
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("render needs a FILE".into()))?;
    let options = req.options()?;
    let doc: Document = load(&file, ReadOptions::default())?.into();
    let s = jindu::schedule(&doc.project, &doc.options)?;
    let svg = jindu::render::gantt(&doc.project, &s, &options)?;
    write_out(&out, &svg)
}
