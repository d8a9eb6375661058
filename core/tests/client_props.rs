//! Property: nothing marked internal reaches anything the client sees. Random projects with
//! internal tasks (and subtasks under internal summaries), internal resources, costs and
//! progress; the client's view, the client's report (JSON, Markdown, HTML, both languages),
//! and the client's HTML page with its charts must name no internal task or resource and show
//! no amount of money.

use jindu::track::{self, Lang, PeriodKind, ReportOptions, Shape, TrackOptions};
use proptest::prelude::*;

/// One generated task: (duration in days 0–4, internal, parent offset (0 = none), cost in
/// units, percent complete).
type Spec = (u8, bool, u8, Option<u16>, u8);

/// The document: internal tasks and everything under an internal summary are named `Hush<k>`
/// with key `h<k>`, the others `Open<k>` / `o<k>`; internal resources `Shade<k>`, the others
/// `Plain<k>`; every cost is 9,800 + k units, so an amount shows as `98xx`.
fn document(tasks: &[Spec], links: &[(u8, u8)], res: &[bool], asg: &[(u8, u8)]) -> String {
    let n = tasks.len();
    // A task's parent is an earlier task; a task that is someone's parent is a summary.
    let parent: Vec<Option<usize>> = (0..n)
        .map(|k| {
            let off = tasks[k].2 as usize;
            (off > 0 && off <= k).then(|| k - off)
        })
        .collect();
    let hidden: Vec<bool> = {
        let mut h = vec![false; n];
        for k in 0..n {
            h[k] = tasks[k].1 || parent[k].is_some_and(|p| h[p]);
        }
        h
    };
    let summary: Vec<bool> = (0..n).map(|k| parent.contains(&Some(k))).collect();
    let key = |k: usize| {
        if hidden[k] {
            format!("h{k}")
        } else {
            format!("o{k}")
        }
    };
    let mut out = String::from(
        r#"{"name": "Props", "start": "2026-01-05", "status_date": "2026-01-09T12:00", "tasks": ["#,
    );
    for (k, &(days, internal, _, cost, pct)) in tasks.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let name = if hidden[k] { "Hush" } else { "Open" };
        out.push_str(&format!(r#"{{"id": "{}", "name": "{name}{k}""#, key(k)));
        if let Some(p) = parent[k] {
            out.push_str(&format!(r#", "parent": "{}""#, key(p)));
        }
        if internal {
            out.push_str(r#", "visibility": "internal""#);
        }
        if !summary[k] {
            out.push_str(&format!(r#", "duration": "{days}d""#));
            if let Some(c) = cost {
                out.push_str(&format!(r#", "cost": {}"#, 9800 + c % 100));
                if pct > 0 && days > 0 {
                    out.push_str(&format!(
                        r#", "percent_complete": {}, "actual_start": "2026-01-05", "actual_cost": {}"#,
                        pct.min(99),
                        9800 + (c / 3) % 100
                    ));
                }
            }
        }
        out.push('}');
    }
    out.push_str(r#"], "links": ["#);
    let mut first = true;
    let mut linked = std::collections::BTreeSet::new();
    for &(a, b) in links {
        let (a, b) = (a as usize % n, b as usize % n);
        // Forward links between leaves only (acyclic), one per pair.
        if a < b && !summary[a] && !summary[b] && linked.insert((a, b)) {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&format!(r#"{{"from": "{}", "to": "{}"}}"#, key(a), key(b)));
        }
    }
    out.push_str(r#"], "resources": ["#);
    for (k, &internal) in res.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let (name, vis) = if internal {
            ("Shade", r#", "visibility": "internal""#)
        } else {
            ("Plain", "")
        };
        out.push_str(&format!(r#"{{"id": "r{k}", "name": "{name}{k}"{vis}}}"#));
    }
    out.push_str(r#"], "assignments": ["#);
    let mut seen = std::collections::BTreeSet::new();
    let mut first = true;
    for &(t, r) in asg {
        if res.is_empty() {
            break;
        }
        let (t, r) = (t as usize % n, r as usize % res.len());
        if summary[t] || !seen.insert((t, r)) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&format!(r#"{{"task": "{}", "resource": "r{r}"}}"#, key(t)));
    }
    out.push_str("]}");
    out
}

/// What must not show: an internal name (`Hush…`, `Shade…`), an internal key (`"h<digit>`),
/// an amount (`98dd` or `9,8dd`, not within a longer number or after a decimal point) or a
/// currency.
fn secrets(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut found = Vec::new();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let hit = rest.starts_with("Hush")
            || rest.starts_with("Shade")
            || rest.starts_with("CNY")
            || rest.starts_with('元')
            || (rest.starts_with("\"h") && digit(i + 2))
            || (rest.starts_with("98")
                && !(digit(i.wrapping_sub(1)) || b.get(i.wrapping_sub(1)) == Some(&b'.'))
                && digit(i + 2)
                && digit(i + 3)
                && !digit(i + 4))
            || (rest.starts_with("9,8") && digit(i + 3) && digit(i + 4));
        if hit {
            let from = text[..i].char_indices().rev().nth(40).map_or(0, |(k, _)| k);
            let to = rest
                .char_indices()
                .nth(40)
                .map_or(text.len(), |(k, _)| i + k);
            found.push(format!("…{}…", &text[from..to]));
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_client_sees_nothing_internal(
        tasks in prop::collection::vec((0u8..5, any::<bool>(), 0u8..4, prop::option::of(any::<u16>()), 0u8..100), 1..10),
        links in prop::collection::vec((any::<u8>(), any::<u8>()), 0..12),
        res in prop::collection::vec(any::<bool>(), 0..4),
        asg in prop::collection::vec((any::<u8>(), any::<u8>()), 0..10),
    ) {
        let text = document(&tasks, &links, &res, &asg);
        let doc = jindu::io::json::read(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let t = TrackOptions::default();
        let mut outputs = Vec::new();
        for lang in [Lang::En, Lang::ZhCn] {
            let o = ReportOptions {
                lang,
                client: true,
                period: PeriodKind::Week,
                currency: Some("CNY".into()),
                ..ReportOptions::default()
            };
            let view = track::client_view(&doc.project, &doc.options, &t, &o)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            outputs.push(serde_json::to_string(&view).unwrap());
            let st = track::Status::new(&doc.project, &doc.options, &t).unwrap();
            let r = st.report(&o);
            for shape in [Shape::Json, Shape::Markdown, Shape::Html] {
                outputs.push(r.render(shape, 480));
            }
            outputs.push(jindu::render::report_page(&doc, &t, &o).unwrap());
        }
        // The view still shows what the client may see (the property is not vacuous).
        let visible = tasks.iter().enumerate().any(|(k, _)| text.contains(&format!("\"Open{k}\"")));
        prop_assert!(!visible || outputs[0].contains("Open"), "{}", outputs[0]);
        for out in &outputs {
            let s = secrets(out);
            prop_assert!(s.is_empty(), "{s:?}\ndocument: {text}");
        }
    }
}
