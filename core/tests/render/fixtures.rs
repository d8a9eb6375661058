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

/// The golden charts of the other kinds (resources, risk, tracking), drawn through
/// `jindu::render::draw`:
/// (golden file stem, chart, project file, options JSON).
pub const DRAWN: &[(&str, &str, &str, &str)] = &[
    (
        "team-histogram",
        "histogram",
        "team.json",
        r#"{"by": "day", "width": 1000}"#,
    ),
    (
        "team-histogram-zh-dark",
        "histogram",
        "team.json",
        r#"{"unit": "percent", "theme": "dark", "locale": "zh-CN", "width": 800}"#,
    ),
    (
        "team-histogram-mia",
        "histogram",
        "team.json",
        r#"{"resources": ["mia"], "from": "2026-03-09", "to": "2026-04-04", "by": "day", "width": 700, "height": 300}"#,
    ),
    (
        "team-scurve",
        "scurve",
        "team.json",
        r#"{"iterations": 500, "target": "2026-04-24T17:00"}"#,
    ),
    (
        "team-scurve-zh-dark",
        "scurve",
        "team.json",
        r#"{"iterations": 500, "theme": "dark", "locale": "zh-CN", "width": 640, "height": 360}"#,
    ),
    (
        "team-tornado",
        "tornado",
        "team.json",
        r#"{"iterations": 500}"#,
    ),
    (
        "team-tornado-zh-dark",
        "tornado",
        "team.json",
        r#"{"iterations": 500, "top": 4, "theme": "dark", "locale": "zh-CN", "width": 600}"#,
    ),
    (
        "tracking-evm",
        "evm",
        "tracking.json",
        r#"{"status_date": "2026-01-23T17:00"}"#,
    ),
    (
        "tracking-evm-zh-dark",
        "evm",
        "tracking.json",
        r#"{"width": 640, "height": 360, "theme": "dark", "locale": "zh-CN"}"#,
    ),
    ("tracking-fever", "fever", "tracking.json", r#"{}"#),
    (
        "tracking-fever-zh-dark",
        "fever",
        "tracking.json",
        r#"{"theme": "dark", "locale": "zh-CN", "buffer_percent": 40}"#,
    ),
    (
        "feeding-fever",
        "fever",
        "feeding.json",
        r#"{"buffer_percent": 60}"#,
    ),
];

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

/// Draws one case of [`DRAWN`].
pub fn draw(chart: &str, file: &str, options: &str) -> String {
    let text = std::fs::read_to_string(dir().join(file)).expect("read the project");
    let doc = jindu::io::json::read(&text).expect("a valid project");
    let chart: jindu::render::Chart = chart.parse().expect("a chart kind");
    jindu::render::draw(&doc, chart, options).expect("renders")
}
