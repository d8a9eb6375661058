//! MSPDI export: what `jindu::io::mspdi::write` writes reads back losslessly, with jindu's own
//! reader (always) and with MPXJ (`#[ignore]`d: needs the MPXJ venv that
//! `shared/peers/setup.sh` installs; run with `cargo test -p jindu --test mspdi_roundtrip --
//! --ignored`, `PEERS` selects the install folder, default `/opt/peers`).

use std::process::Command;

use jindu::io::mspdi;
use jindu::{
    Calendar, CalendarException, Constraint, Duration, Lag, Link, LinkType, Project, Task,
    WorkingTime,
};

fn dt(s: &str) -> jindu::DateTime {
    s.parse().unwrap()
}

/// A project with every construct the export must carry: summaries, working and elapsed
/// durations, milestones, the four link types with positive, negative, elapsed and percent
/// lags, a base calendar and a derived one with exceptions, task calendars, constraints and a
/// deadline.
fn sample() -> Project {
    let mut p = Project::new("Round trip", dt("2026-01-05T08:00"));
    let mut night = Calendar::new("7");
    night.name = "Short days".into();
    night.base = Some("standard".into());
    night.week[4] = Some(vec![WorkingTime::hours(8, 12).unwrap()]);
    night.exceptions.push(CalendarException::holiday(
        "Holiday",
        "2026-01-14".parse().unwrap(),
    ));
    night.exceptions.push(CalendarException::working(
        "Saturday shift",
        "2026-01-17".parse().unwrap(),
        "2026-01-17".parse().unwrap(),
        vec![WorkingTime::hours(9, 13).unwrap()],
    ));
    p.add_calendar(night).unwrap();
    let s = p.add_task(Task::new("1", "Phase")).unwrap();
    let a = p
        .add_task(
            Task::new("2", "Design")
                .with_duration(Duration::days(3))
                .with_parent(s),
        )
        .unwrap();
    let mut b = Task::new("3", "Build")
        .with_duration(Duration::hours(20))
        .with_parent(s)
        .with_constraint(Constraint::StartNoEarlierThan(dt("2026-01-09T08:00")));
    b.calendar = Some("7".into());
    let b = p.add_task(b).unwrap();
    let c = p
        .add_task(Task::new("4", "Cure").with_duration(Duration::elapsed_days(2)))
        .unwrap();
    let d = p
        .add_task(
            Task::new("5", "Review")
                .with_duration(Duration::days(1))
                .with_constraint(Constraint::FinishNoLaterThan(dt("2026-02-27T17:00")))
                .with_deadline(dt("2026-02-20T17:00")),
        )
        .unwrap();
    let m = p.add_task(Task::new("6", "Done").milestone()).unwrap();
    let e = p
        .add_task(
            Task::new("8", "Audit")
                .with_duration(Duration::days(2))
                .with_constraint(Constraint::MustStartOn(dt("2026-02-02T08:00"))),
        )
        .unwrap();
    p.add_link(Link::finish_to_start(a, b).with_lag(Lag::Time(Duration::days(1))))
        .unwrap();
    p.add_link(Link::new(a, c, LinkType::StartToStart).with_lag(Lag::Time(Duration::hours(-4))))
        .unwrap();
    p.add_link(
        Link::new(b, d, LinkType::FinishToFinish).with_lag(Lag::Time(Duration::elapsed_days(1))),
    )
    .unwrap();
    p.add_link(Link::new(c, d, LinkType::StartToFinish).with_lag(Lag::Percent(5000)))
        .unwrap();
    p.add_link(Link::finish_to_start(d, m)).unwrap();
    p.add_link(Link::finish_to_start(e, m)).unwrap();
    p
}

#[test]
fn export_reads_back_with_jindu() {
    let p = sample();
    let s = jindu::schedule(&p, &Default::default()).unwrap();
    let xml = mspdi::write(&p, &s);
    let imp = mspdi::read(xml.as_bytes()).unwrap();
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let q = &imp.project;
    assert_eq!(q.len(), p.len());
    for t in p.tasks() {
        let u = q.task_by_id(t.id.as_str()).expect("task kept");
        assert_eq!(
            (&u.name, u.duration, u.constraint, u.deadline, &u.calendar),
            (&t.name, t.duration, t.constraint, t.deadline, &t.calendar),
            "task {}",
            t.id
        );
        let parent = |p: &Project, t: &Task| t.parent.map(|i| p.task(i).id.clone());
        assert_eq!(parent(q, u), parent(&p, t));
    }
    let links = |p: &Project| {
        let mut v: Vec<_> = p
            .links()
            .iter()
            .map(|l| {
                (
                    p.task(l.from).id.clone(),
                    p.task(l.to).id.clone(),
                    l.kind,
                    l.lag,
                )
            })
            .collect();
        v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        v
    };
    assert_eq!(links(q), links(&p));
    let cal = q.calendar(&"7".into()).expect("calendar kept");
    assert_eq!(
        cal.base.as_ref().map(|b| b.as_str()),
        Some("8"),
        "standard gets the next free UID"
    );
    assert_eq!(cal.week[4], Some(vec![WorkingTime::hours(8, 12).unwrap()]));
    assert_eq!(cal.exceptions, p.calendar(&"7".into()).unwrap().exceptions);
    // The stored schedule is the computed one, and rescheduling reproduces it.
    let s2 = jindu::schedule(q, &imp.options).unwrap();
    for (k, st) in imp.stored.iter().enumerate() {
        let t = s.task(p.index_of(st.id.as_str()).unwrap());
        assert_eq!(st.early_start, Some(t.early_start));
        assert_eq!(st.late_finish, Some(t.late_finish));
        assert_eq!(st.total_slack, Some(t.total_float.minutes()));
        assert_eq!(
            s2.tasks()[k],
            s.tasks()[p.index_of(st.id.as_str()).unwrap().index()]
        );
    }
}

/// MPXJ's reading of `xml_path`. The test that calls this is `#[ignore]`d, so it only runs when
/// asked for: a missing MPXJ install then fails it rather than letting it pass unchecked.
fn mpxj(xml_path: &std::path::Path) -> serde_json::Value {
    let peers = std::env::var("PEERS").unwrap_or_else(|_| "/opt/peers".into());
    let py = std::path::Path::new(&peers).join("mpxj-venv/bin/python");
    assert!(
        py.exists(),
        "no MPXJ venv at {}: `make interop-mpxj` installs one (or run shared/peers/setup.sh, or \
         set PEERS to an install)",
        py.display()
    );
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mpxj/readback.py");
    let out = Command::new(py)
        .arg(script)
        .arg(xml_path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "MPXJ read-back failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from readback.py")
}

#[test]
#[ignore = "needs MPXJ (shared/peers/setup.sh)"]
fn export_reads_back_with_mpxj() {
    let p = sample();
    let s = jindu::schedule(&p, &Default::default()).unwrap();
    let xml = mspdi::write(&p, &s);
    let path = std::env::temp_dir().join(format!("jindu-mspdi-{}.xml", std::process::id()));
    std::fs::write(&path, &xml).unwrap();
    let got = mpxj(&path);
    let _ = std::fs::remove_file(&path);
    let ds = |d: jindu::DateTime| d.to_string()[..16].to_owned();
    let tasks = got["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), p.len());
    for t in tasks {
        let id = t["uid"].as_str().unwrap();
        let i = p
            .index_of(id)
            .unwrap_or_else(|| panic!("MPXJ invented task {id}"));
        let want = p.task(i);
        let ts = s.task(i);
        assert_eq!(t["name"], want.name.as_str(), "{id}");
        let parent = want.parent.map(|q| p.task(q).id.to_string());
        assert_eq!(
            t["parent"].as_str().map(String::from),
            parent,
            "{id} parent"
        );
        if !p.is_summary(i) {
            assert_eq!(
                t["duration"]["minutes"],
                want.duration.minutes(),
                "{id} duration"
            );
            assert_eq!(
                t["duration"]["elapsed"],
                want.duration.is_elapsed(),
                "{id} elapsed"
            );
        }
        let (code, date) = match want.constraint {
            Constraint::AsSoonAsPossible => ("AS_SOON_AS_POSSIBLE", None),
            Constraint::AsLateAsPossible => ("AS_LATE_AS_POSSIBLE", None),
            Constraint::StartNoEarlierThan(d) => ("START_NO_EARLIER_THAN", Some(d)),
            Constraint::StartNoLaterThan(d) => ("START_NO_LATER_THAN", Some(d)),
            Constraint::FinishNoEarlierThan(d) => ("FINISH_NO_EARLIER_THAN", Some(d)),
            Constraint::FinishNoLaterThan(d) => ("FINISH_NO_LATER_THAN", Some(d)),
            Constraint::MustStartOn(d) => ("MUST_START_ON", Some(d)),
            Constraint::MustFinishOn(d) => ("MUST_FINISH_ON", Some(d)),
        };
        assert_eq!(t["constraint"], code, "{id} constraint");
        assert_eq!(
            t["constraint_date"].as_str().map(String::from),
            date.map(ds),
            "{id}"
        );
        assert_eq!(
            t["calendar"].as_str().map(String::from),
            want.calendar.as_ref().map(|c| c.to_string()),
            "{id} calendar"
        );
        for (f, v) in [
            ("start", ts.start),
            ("finish", ts.finish),
            ("early_start", ts.early_start),
            ("early_finish", ts.early_finish),
            ("late_start", ts.late_start),
            ("late_finish", ts.late_finish),
        ] {
            assert_eq!(t[f].as_str(), Some(ds(v).as_str()), "{id} {f}");
        }
        assert_eq!(
            t["total_slack"]["minutes"],
            ts.total_float.minutes(),
            "{id} slack"
        );
        assert_eq!(
            t["free_slack"]["minutes"],
            ts.free_float.minutes(),
            "{id} free"
        );
        assert_eq!(t["critical"], ts.critical, "{id} critical");
    }
    let mut links: Vec<(String, String, String, serde_json::Value)> = got["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let f = |k: &str| l[k].as_str().unwrap().to_owned();
            (f("from"), f("to"), f("type"), l["lag"].clone())
        })
        .collect();
    links.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut want: Vec<(String, String, String, serde_json::Value)> = p
        .links()
        .iter()
        .map(|l| {
            let lag = match l.lag {
                Lag::Time(d) => {
                    serde_json::json!({"minutes": d.minutes(), "elapsed": d.is_elapsed()})
                }
                Lag::Percent(pc) => serde_json::json!({"percent": pc as f64 / 100.0}),
            };
            (
                p.task(l.from).id.to_string(),
                p.task(l.to).id.to_string(),
                l.kind.code().to_owned(),
                lag,
            )
        })
        .collect();
    want.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(links, want);
    let cals = got["calendars"].as_array().unwrap();
    let c7 = cals.iter().find(|c| c["uid"] == "7").expect("calendar 7");
    assert_eq!(c7["base"], "8", "standard gets the next free UID");
    assert_eq!(c7["week"][4], serde_json::json!([["08:00", "12:00"]]));
    assert_eq!(c7["week"][0], serde_json::Value::Null, "Monday inherited");
    let ex = c7["exceptions"].as_array().unwrap();
    assert_eq!(ex.len(), 2, "{ex:?}");
    assert_eq!(ex[0], serde_json::json!(["2026-01-14", "2026-01-14", []]));
    assert_eq!(
        ex[1],
        serde_json::json!(["2026-01-17", "2026-01-17", [["09:00", "13:00"]]])
    );
    let c1 = cals
        .iter()
        .find(|c| c["uid"] == "8")
        .expect("standard calendar");
    assert_eq!(c1["week"][5], serde_json::json!([]));
}

/// Actual work, on assignments and on a task as a whole, survives JSON and MSPDI round trips;
/// a task's own actual work is dropped only where its assignments carry theirs (the model's
/// precedence), and negative actual work is refused by name.
#[test]
fn actual_work_round_trips() {
    let text = r#"{"name": "Hours", "start": "2026-01-05",
      "tasks": [{"id": "1", "name": "Build", "duration": "5d", "percent_complete": 40,
                 "actual_start": "2026-01-05"},
                {"id": "2", "name": "Docs", "duration": "2d", "percent_complete": 50,
                 "actual_start": "2026-01-05", "actual_work": "6h"},
                {"id": "3", "name": "Test", "duration": "2d"}],
      "resources": [{"id": "1", "name": "Ann"}, {"id": "2", "name": "Bob"}],
      "assignments": [{"task": "1", "resource": "1", "actual_work": "18h"},
                      {"task": "1", "resource": "2", "units": 50},
                      {"task": "3", "resource": "2"}]}"#;
    let d = jindu::io::json::read(text).unwrap();
    let check = |p: &Project, how: &str| {
        let a = p.assignments();
        let work = |k: usize| a[k].actual_work.map(|w| w.minutes());
        assert_eq!(
            (work(0), work(1), work(2)),
            (Some(1080), None, None),
            "{how}"
        );
        let own = |id: &str| {
            p.task_by_id(id)
                .unwrap()
                .progress
                .actual_work
                .map(|w| w.minutes())
        };
        assert_eq!(
            (own("1"), own("2"), own("3")),
            (None, Some(360), None),
            "{how}"
        );
    };
    check(&d.project, "read from JSON");
    let again = jindu::io::json::read(&jindu::io::json::write(&d)).unwrap();
    check(&again.project, "JSON round trip");
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    let imp = mspdi::read(mspdi::write(&d.project, &s).as_bytes()).unwrap();
    check(&imp.project, "MSPDI round trip");
    let bad = text.replace(r#""actual_work": "6h""#, r#""actual_work": "-6h""#);
    let e = jindu::io::json::read(&bad).unwrap_err().to_string();
    assert!(e.contains("actual_work") && e.contains('2'), "{e}");
}
