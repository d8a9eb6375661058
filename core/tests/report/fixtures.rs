//! The golden status reports: `examples/tracking.json` at its status date, in English and
//! Chinese, for the team and for the client, as Markdown and HTML, each compared byte for byte
//! with its file under `core/tests/data/report/`. Shared by the test (`core/tests/reports.rs`,
//! which compares) and `make bless-reports` (which rewrites).

use std::path::{Path, PathBuf};

use jindu::track::{Lang, PeriodKind, ReportOptions, Shape, Status, TrackOptions};

/// (golden file name, language, client, period, shape).
pub const CASES: &[(&str, Lang, bool, PeriodKind, Shape)] = &[
    (
        "tracking.en.md",
        Lang::En,
        false,
        PeriodKind::Week,
        Shape::Markdown,
    ),
    (
        "tracking.zh-CN.md",
        Lang::ZhCn,
        false,
        PeriodKind::Week,
        Shape::Markdown,
    ),
    (
        "tracking.client.en.md",
        Lang::En,
        true,
        PeriodKind::Week,
        Shape::Markdown,
    ),
    (
        "tracking.client.zh-CN.md",
        Lang::ZhCn,
        true,
        PeriodKind::Week,
        Shape::Markdown,
    ),
    (
        "tracking.month.en.html",
        Lang::En,
        false,
        PeriodKind::Month,
        Shape::Html,
    ),
    (
        "tracking.zh-CN.html",
        Lang::ZhCn,
        false,
        PeriodKind::Week,
        Shape::Html,
    ),
    (
        "tracking.zh-CN.json",
        Lang::ZhCn,
        false,
        PeriodKind::Week,
        Shape::Json,
    ),
];

/// The folder of the golden reports.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report")
}

/// The report of `examples/tracking.json` at its own status date.
pub fn render(lang: Lang, client: bool, period: PeriodKind, shape: Shape) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tracking.json");
    let text = std::fs::read_to_string(&path).expect("examples/tracking.json");
    let doc = jindu::io::json::read(&text).expect("the example reads");
    let st = Status::new(&doc.project, &doc.options, &TrackOptions::default())
        .expect("the example has a status date");
    let o = ReportOptions {
        lang,
        client,
        period,
        currency: Some("CNY".into()),
        ..ReportOptions::default()
    };
    st.report(&o)
        .render(shape, doc.project.settings().minutes_per_day)
}
