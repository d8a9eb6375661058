//! The Gantt chart: golden files (byte for byte), well-formed XML, every task drawn once,
//! critical bars marked, typed errors, and a property over random acyclic projects.
//!
//! The golden files are rewritten only by `make bless-render` (look at the charts first).

#[path = "render/fixtures.rs"]
mod fixtures;

use jindu::render::{gantt, GanttOptions, GanttRequest, TaskFilter};
use jindu::{Duration, Error, Link, LinkType, Project, Task, TaskId};
use proptest::prelude::*;
use quick_xml::events::Event;

/// What a chart holds: the drawn shapes by class, and all its text.
#[derive(Debug, Default)]
struct Parsed {
    /// Class of each bar (`b`), milestone (`ms`) and summary (`sm`) shape, in order.
    shapes: Vec<String>,
    /// The text content, concatenated.
    text: String,
    /// The root's width and height attributes.
    size: (String, String),
}

/// Parses `svg` with quick-xml (failing on malformed XML) and collects the shapes and text.
fn parse(svg: &str) -> Parsed {
    let mut r = quick_xml::Reader::from_str(svg);
    let mut p = Parsed::default();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let mut class = String::new();
                for a in e.attributes() {
                    let a = a.expect("a well-formed attribute");
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("an escaped attribute")
                        .into_owned();
                    match a.key.as_ref() {
                        b"class" => class = v,
                        b"width" if name == "svg" => p.size.0 = v,
                        b"height" if name == "svg" => p.size.1 = v,
                        _ => {}
                    }
                }
                let kind = class.split(' ').next().unwrap_or("");
                if matches!(kind, "b" | "ms" | "sm") {
                    p.shapes.push(class);
                }
            }
            Event::Text(t) => {
                p.text.push_str(&t.decode().expect("utf-8 text"));
            }
            Event::GeneralRef(g) => {
                // quick-xml reports entity references apart from the text around them.
                let ent = String::from_utf8(g.to_vec()).unwrap();
                p.text.push_str(match ent.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(_) => p.text.push('\n'),
            Event::Eof => break,
            _ => {}
        }
    }
    p
}

#[test]
fn golden_charts_are_unchanged() {
    let mut stale = Vec::new();
    for (stem, file, options) in fixtures::CASES {
        let svg = fixtures::render(file, options);
        let path = fixtures::dir().join(format!("{stem}.svg"));
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run make bless-render)", path.display()));
        if svg != golden {
            stale.push(*stem);
        }
    }
    assert!(
        stale.is_empty(),
        "these charts differ from their golden files: {stale:?}; if the change is deliberate, \
         run `make bless-render`, look at the charts and review the diff"
    );
}

#[test]
fn golden_charts_of_every_kind_are_unchanged_and_well_formed() {
    let mut stale = Vec::new();
    for (stem, chart, file, options) in fixtures::DRAWN {
        let svg = fixtures::draw(chart, file, options);
        let p = parse(&svg);
        assert!(!p.text.is_empty(), "{stem} has text");
        let path = fixtures::dir().join(format!("{stem}.svg"));
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run make bless-render)", path.display()));
        if svg != golden {
            stale.push(*stem);
        }
    }
    assert!(
        stale.is_empty(),
        "these charts differ from their golden files: {stale:?}; if the change is deliberate, \
         run `make bless-render`, look at the charts and review the diff"
    );
}

#[test]
fn team_histogram_draws_each_work_resource_and_flags_the_overload() {
    let svg = fixtures::draw("histogram", "team.json", r#"{"by": "week"}"#);
    let p = parse(&svg);
    for name in ["Mia (design)", "Developers", "李娜 (content)"] {
        assert!(p.text.contains(name), "{name}");
    }
    // Li (50 %) works full time on the content migration, from Wed 18 Mar (after the 5-day
    // brief, 2-6 Mar, and the 7-day CMS setup, 9-17 Mar): its first week holds 3 days of 8 h
    // against 5 days of 4 h.
    assert!(
        p.text
            .contains("李娜 (content): week of 16 Mar 2026: 24 h of 20 h (120%)"),
        "{}",
        p.text
    );
}

#[test]
fn tracking_charts_say_what_they_show() {
    use jindu::render::Chart;
    let evm = fixtures::draw("evm", "tracking.json", "");
    let p = parse(&evm);
    // tracking.json at its status date: BAC 2,000 + 3,000 + 400 + 4,000 = 9,400; EV 3,500;
    // AC 2,200 + 1,800 = 4,000; CPI = 3,500 / 4,000 = 0.875, written 0.88; EAC = BAC / CPI =
    // 10,742.86, written whole.
    for s in [
        "Portal · Earned value",
        "BAC 9,400",
        "CPI 0.88",
        "EAC 10,743",
        "Status date 23 Jan 2026",
    ] {
        assert!(p.text.contains(s), "{s} missing");
    }
    let fever = fixtures::draw("fever", "tracking.json", "");
    assert!(fever.contains("class=\"pt red\""));
    assert!(parse(&fever).text.contains("Project buffer"));
    // feeding.json: the project buffer and two feeding buffers, one point each. The project
    // buffer (50 % complete, 50 % used) is yellow; D and T have overrun theirs (60 % of 1w = 3d
    // and of 4d = 2.4d), so they sit red on the top edge with their numbers.
    let f = fixtures::draw("fever", "feeding.json", r#"{"buffer_percent": 60}"#);
    let classes: Vec<&str> = f
        .match_indices("<circle class=\"pt ")
        .map(|(at, _)| {
            let rest = &f[at + "<circle class=\"pt ".len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(classes, ["red", "red", "yellow"]);
    let t = parse(&f).text;
    assert!(t.contains("Data migration 数据迁移 (317%)") && t.contains("Training & docs (492%)"));
    assert!(f.contains("Portal 门户 &lt;v2&gt; · Buffer fever chart"));
    // Options a chart does not take are errors naming them.
    let doc = jindu::io::json::read(
        &std::fs::read_to_string(fixtures::dir().join("tracking.json")).unwrap(),
    )
    .unwrap();
    let e = jindu::render::draw(&doc, Chart::Evm, r#"{"client": true}"#).unwrap_err();
    assert!(e.to_string().contains("client"), "{e}");
    // Without any status date, the error says to give one.
    let mut no_date = doc.clone();
    no_date.project = jindu::io::json::read(
        r#"{"name": "X", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "1d"}]}"#,
    )
    .unwrap()
    .project;
    let e = jindu::render::draw(&no_date, Chart::Evm, "").unwrap_err();
    assert!(e.to_string().contains("status date"), "{e}");
}

#[test]
fn launch_chart_draws_every_task_once_and_marks_the_critical_path() {
    let svg = fixtures::render("launch.json", r#"{"width": 1000}"#);
    let p = parse(&svg);
    assert_eq!(p.size, ("1000".to_owned(), "313".to_owned()));
    // Ten tasks, in the project's order: P (summary), A, B, C, Q (summary), D, E, F, G, M
    // (milestone). Critical, worked by hand from launch.json (office calendar, Mon-Fri, 8 h):
    // A 2-4 Mar is complete, so not critical (nothing left to slip), B 5-10 Mar, D 11-18 Mar, E SS+2d from D: 13-19 Mar, G after D and E:
    // 20-24 Mar, M 24 Mar 17:00 (the project finish). F (FF with E, 2d) and C (SS+1d from B,
    // 2d: 6-9 Mar, SF into M) have float; P and Q roll up critical subtasks.
    let expected = [
        "sm c", "b", "b c", "b", "sm c", "b c", "b c", "b", "b c", "ms c",
    ];
    assert_eq!(p.shapes, expected);
    for name in [
        "Plan &amp; design",
        "Requirements 需求分析",
        "UX design &lt;mock-ups&gt; &quot;v2&quot;",
        "Security review (internal)",
        "Backend API",
        "Go-live 上线",
    ] {
        assert!(svg.contains(name), "{name} is missing");
    }
    assert!(p.text.contains("UX design <mock-ups> \"v2\""));
    // The long Chinese name (13 ideographs = 13 em = 162.5 px at 12.5 px) is cut in the name
    // column, but the bar's tooltip keeps it whole.
    assert!(p.text.contains("前端页面开发与联调测试工作 (E)"));
    assert!(p.text.contains("Status 11 Mar 2026"));
    assert!(p.text.contains("2 Mar 2026 – 24 Mar 2026"));
    assert!(p.text.contains("Mar 2026"));
}

#[test]
fn locale_and_theme_change_the_words_and_colours() {
    let svg = fixtures::render("launch.json", r#"{"theme": "dark", "locale": "zh-CN"}"#);
    let p = parse(&svg);
    assert!(p.text.contains("2026年3月"));
    assert!(p.text.contains("状态日期 2026年3月11日"));
    assert!(p.text.contains("任务"));
    // The dark background, and no white one.
    assert!(svg.contains("fill=\"#0d1117\"") && !svg.contains("fill=\"#ffffff\""));
}

#[test]
fn client_view_leaves_out_internal_tasks() {
    let svg = fixtures::render("launch.json", r#"{"client": true}"#);
    let p = parse(&svg);
    assert!(!p.text.contains("Security review"));
    // Nine of ten tasks (C is internal); the links B -> C and C -> M go with it.
    assert_eq!(p.shapes.len(), 9);
}

#[test]
fn a_task_filter_and_a_range_clip_the_chart() {
    let svg = fixtures::render(
        "launch.json",
        r#"{"tasks": ["B", "D", "M"], "from": "2026-03-09", "to": "2026-03-21"}"#,
    );
    let p = parse(&svg);
    assert_eq!(p.shapes, ["b c", "b c", "ms c"]);
    assert!(p.text.contains("Backend API (D)"));
    assert!(!p.text.contains("Requirements"));
}

#[test]
fn the_hour_scale_shows_hours() {
    let p = parse(&fixtures::render("day.json", r#"{"width": 900}"#));
    // 8 h of work from 08:00 (with the lunch hour: 08:00-17:00) plus the day after; a 900 px
    // chart of about 2 days gives about 370 px a day, so the scale is days over hours.
    assert!(p.text.contains("Fri 8 May 2026"), "{}", p.text);
    assert!(p.text.contains("08:00") && p.text.contains("12:00"));
}

fn project(names: &[&str]) -> (Project, jindu::Schedule) {
    let mut p = Project::new("p", "2026-03-02T08:00".parse().unwrap());
    let mut prev = None;
    for (k, n) in names.iter().enumerate() {
        let i = p
            .add_task(Task::new(format!("T{k}"), *n).with_duration(Duration::days(2)))
            .unwrap();
        if let Some(q) = prev {
            p.add_link(Link::finish_to_start(q, i)).unwrap();
        }
        prev = Some(i);
    }
    let s = jindu::schedule(&p, &Default::default()).unwrap();
    (p, s)
}

#[test]
fn bad_options_are_typed_errors() {
    let (p, s) = project(&["a", "b"]);
    let t = |s: &str| s.parse().unwrap();
    let empty = GanttOptions {
        from: Some(t("2026-03-05T00:00")),
        to: Some(t("2026-03-05T00:00")),
        ..Default::default()
    };
    match gantt(&p, &s, &empty) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "to"),
        other => panic!("expected an invalid range, got {other:?}"),
    }
    let unknown = GanttOptions {
        tasks: TaskFilter::Ids(vec![TaskId::new("T0"), TaskId::new("nope")]),
        ..Default::default()
    };
    match gantt(&p, &s, &unknown) {
        Err(Error::UnknownTask { id, .. }) => assert_eq!(id.as_str(), "nope"),
        other => panic!("expected an unknown task, got {other:?}"),
    }
    let narrow = GanttOptions {
        width: 100,
        ..Default::default()
    };
    assert!(
        matches!(gantt(&p, &s, &narrow), Err(Error::Invalid { field, .. }) if field == "width")
    );
    // A schedule of another project.
    let (other, _) = project(&["x"]);
    assert!(
        matches!(gantt(&other, &s, &GanttOptions::default()), Err(Error::Invalid { field, .. }) if field == "schedule")
    );
    // Bad JSON options name what is wrong.
    assert!(GanttRequest::from_json(r#"{"colour": "red"}"#).is_err());
    assert!(GanttRequest::from_json(r#"{"theme": "sepia"}"#)
        .unwrap()
        .options()
        .is_err());
    assert!(
        GanttRequest::from_json(r#"{"tasks": ["a"], "client": true}"#)
            .unwrap()
            .options()
            .is_err()
    );
}

#[test]
fn a_thousand_tasks_compress_into_a_small_file() {
    let names: Vec<String> = (0..1000).map(|k| format!("Task number {k} 任务")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (p, s) = project(&refs);
    let svg = gantt(&p, &s, &GanttOptions::default()).unwrap();
    let parsed = parse(&svg);
    assert_eq!(parsed.shapes.len(), 1000);
    // 1,800 px of rows / 1,000 tasks = 1.8 px, raised to the 6 px minimum: 32 + 40 title and
    // header + 6,000 + 1.
    assert_eq!(parsed.size.1, "6073");
    assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
    // Every name is in the file (as a tooltip even where the column thins its labels).
    for n in &names {
        assert!(parsed.text.contains(n.as_str()), "{n}");
    }
}

#[test]
fn output_is_deterministic() {
    let a = fixtures::render("launch.json", "{}");
    let b = fixtures::render("launch.json", "{}");
    assert_eq!(a, b);
}

/// A random acyclic project: leaves linked forward (any type), some grouped under summaries
/// that carry no links themselves; names from any characters (markup, controls, CJK).
fn arb_project() -> impl Strategy<Value = Project> {
    let task = (
        "[a-zA-Z0-9 <>&\"'\u{0}-\u{1f}进度上线]{0,30}",
        0u32..15,
        any::<bool>(),
    );
    (
        proptest::collection::vec(task, 1..40),
        proptest::collection::vec((0usize..40, 0usize..40, 0u8..4), 0..60),
        proptest::collection::vec(0usize..40, 0..4),
    )
        .prop_map(|(tasks, links, groups)| {
            let mut p = Project::new("random", "2026-03-02T08:00".parse().unwrap());
            let n = tasks.len();
            let summaries: Vec<usize> = groups.into_iter().filter(|&g| g + 1 < n).collect();
            let mut parent = None;
            let mut summary_of = vec![false; n];
            for (k, (name, days, ms)) in tasks.into_iter().enumerate() {
                let mut t = Task::new(format!("T{k}"), name);
                if summaries.contains(&k) {
                    summary_of[k] = true;
                } else if ms || days == 0 {
                    t = t.milestone();
                } else {
                    t = t.with_duration(Duration::days(days as i64));
                }
                if let Some(q) = parent {
                    t = t.with_parent(q);
                }
                let i = p.add_task(t).unwrap();
                if summary_of[k] {
                    parent = Some(i);
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            for (a, b, kind) in links {
                let (a, b) = (a % n, b % n);
                if a >= b || summary_of[a] || summary_of[b] || !seen.insert((a, b)) {
                    continue;
                }
                let kind = [
                    LinkType::FinishToStart,
                    LinkType::StartToStart,
                    LinkType::FinishToFinish,
                    LinkType::StartToFinish,
                ][kind as usize];
                let (ia, ib) = (
                    p.index_of(&format!("T{a}")).unwrap(),
                    p.index_of(&format!("T{b}")).unwrap(),
                );
                let _ = p.add_link(Link::new(ia, ib, kind));
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_acyclic_project_renders_to_well_formed_xml(p in arb_project(), dark in any::<bool>(), width in 320u32..2400) {
        let s = jindu::schedule(&p, &Default::default()).unwrap();
        let o = GanttOptions { width, theme: if dark { jindu::render::Theme::Dark } else { jindu::render::Theme::Light }, ..Default::default() };
        let svg = gantt(&p, &s, &o).unwrap();
        let parsed = parse(&svg);
        prop_assert_eq!(parsed.shapes.len(), p.len());
        for (k, sh) in parsed.shapes.iter().enumerate() {
            let i = jindu::TaskIndex::from_raw(k as u32);
            prop_assert_eq!(sh.ends_with(" c"), s.is_critical(i), "task {}: {}", k, sh);
        }
    }
}

#[test]
fn the_html_report_page_embeds_the_charts_after_the_summary() {
    use jindu::track::{self, ReportOptions, Shape, TrackOptions};
    let text = std::fs::read_to_string(fixtures::dir().join("tracking.json")).unwrap();
    let doc = jindu::io::json::read(&text).unwrap();
    let t = TrackOptions::default(); // the document's status date, 23 Jan 2026
    let page = jindu::render::report_page(&doc, &t, &ReportOptions::default()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.ends_with("</html>\n"));
    // Three charts, each well-formed XML on its own: the Gantt, the earned value, the fever.
    let svgs: Vec<&str> = page
        .match_indices("<svg")
        .map(|(at, _)| &page[at..at + page[at..].find("</svg>").unwrap() + 6])
        .collect();
    assert_eq!(svgs.len(), 3);
    let texts: Vec<String> = svgs.iter().map(|s| parse(s).text).collect();
    assert!(texts[0].contains("Internal code review"));
    assert!(texts[1].contains("Portal · Earned value"));
    assert!(texts[2].contains("Project buffer"));
    // After the summary, before the next section; the mark is gone.
    let (summary, charts, done) = (
        page.find("<h2>Summary</h2>").unwrap(),
        page.find("<section class=\"jindu-charts\">").unwrap(),
        page.find("<h2>Done this week</h2>").unwrap(),
    );
    assert!(summary < charts && charts < done);
    assert!(!page.contains(track::CHARTS_MARK));
    // The report's other forms are what they were: the markdown has no mark and no SVG, and
    // the HTML fragment is the page's article with only the mark where the charts go.
    let r = track::report(&doc.project, &doc.options, &t, &ReportOptions::default()).unwrap();
    let md = r.render(Shape::Markdown, 480);
    assert!(!md.contains("jindu:charts") && !md.contains("<svg"));
    let frag = r.html(480);
    let at = frag.find(track::CHARTS_MARK).unwrap();
    let end = page.find("</section>").unwrap() + "</section>".len();
    assert_eq!(&page[page.find("<article").unwrap()..charts], &frag[..at]);
    assert!(page[end..].starts_with(&frag[at + track::CHARTS_MARK.len()..]));

    // The client's page: the client's tasks only and no costs, so no earned value chart.
    let client = ReportOptions {
        client: true,
        ..ReportOptions::default()
    };
    let page = jindu::render::report_page(&doc, &t, &client).unwrap();
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(!page.contains("Internal code review") && !page.contains("Earned value"));
}
