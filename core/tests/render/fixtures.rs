//! The golden Gantt charts: each case is a project under `core/tests/data/render/`, the chart
//! options (the JSON form) and the golden SVG it must render to, byte for byte. Shared by the
//! test (`core/tests/render.rs`, which compares) and `make bless-render` (which rewrites).

use std::path::PathBuf;

/// (golden file stem, project file, options JSON).
pub const CASES: &[(&str, &str, &str)] = &[
    ("launch", "launch.json", r#"{"width": 1000}"#),
    (
        "launch-zh-dark",
        "launch.json",
        r#"{"width": 1000, "theme": "dark", "locale": "zh-CN"}"#,
    ),
    (
        "launch-client",
        "launch.json",
        r#"{"width": 800, "client": true, "baselines": false}"#,
    ),
    (
        "launch-range",
        "launch.json",
        r#"{"width": 700, "from": "2026-03-09", "to": "2026-03-21", "tasks": ["B", "D", "E", "M"], "today": "2026-03-12T12:00"}"#,
    ),
    ("day", "day.json", r#"{"width": 900}"#),
];

/// The tracking charts' golden files: (stem, project file, chart, options JSON for
/// [`jindu::render::draw`]).
pub const TRACK_CASES: &[(&str, &str, jindu::render::Chart, &str)] = &[
    (
        "tracking-evm",
        "tracking.json",
        jindu::render::Chart::Evm,
        r#"{"status_date": "2026-01-23T17:00"}"#,
    ),
    (
        "tracking-evm-zh-dark",
        "tracking.json",
        jindu::render::Chart::Evm,
        r#"{"width": 640, "height": 360, "theme": "dark", "locale": "zh-CN"}"#,
    ),
    (
        "tracking-fever",
        "tracking.json",
        jindu::render::Chart::Fever,
        r#"{}"#,
    ),
    (
        "tracking-fever-zh-dark",
        "tracking.json",
        jindu::render::Chart::Fever,
        r#"{"theme": "dark", "locale": "zh-CN", "buffer_percent": 40}"#,
    ),
    (
        "feeding-fever",
        "feeding.json",
        jindu::render::Chart::Fever,
        r#"{"buffer_percent": 60}"#,
    ),
];

/// Draws one tracking case.
pub fn draw(file: &str, chart: jindu::render::Chart, options: &str) -> String {
    let text = std::fs::read_to_string(dir().join(file)).expect("read the project");
    let doc = jindu::io::json::read(&text).expect("a valid project");
    jindu::render::draw(&doc, chart, options).expect("draws")
}

/// The folder of the render data.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/render")
}

/// Renders one case.
pub fn render(file: &str, options: &str) -> String {
    let text = std::fs::read_to_string(dir().join(file)).expect("read the project");
    let doc = jindu::io::json::read(&text).expect("a valid project");
    let s = jindu::schedule(&doc.project, &doc.options).expect("schedules");
    let o = jindu::render::GanttRequest::from_json(options)
        .and_then(|r| r.options())
        .expect("valid options");
    jindu::render::gantt(&doc.project, &s, &o).expect("renders")
}
