//! A customer-delivery project, scheduled: requirements workshop, data migration, SSO
//! integration, training, go-live and 30 days of hypercare, on a company calendar with
//! holidays and make-up working days.
//!
//! Prints the schedule, the critical path and each task's float, then asks the incremental
//! engine "what if the SSO partner is a week late?".
//!
//! Run with `make demo` or `cargo run -p jindu-examples --example delivery`.

use jindu::{Driver, Duration, Edit, Engine, Project, Schedule, TaskIndex};

const DOCUMENT: &str = include_str!("delivery.json");

fn main() -> Result<(), jindu::Error> {
    let doc = jindu::io::json::read(DOCUMENT)?;
    let (project, options) = (doc.project, doc.options);
    let schedule = jindu::schedule(&project, &options)?;

    println!("{}", project.name());
    println!(
        "{} → {}\n",
        short(schedule.project_start),
        short(schedule.project_finish)
    );
    print_table(&project, &schedule);

    let path: Vec<&str> = schedule
        .critical_path()
        .iter()
        .map(|&i| project.task(i).name.as_str())
        .collect();
    println!(
        "\nCritical path ({} tasks):\n  {}",
        path.len(),
        path.join(" → ")
    );

    let go_live = project.index_of("GL").expect("the example has a go-live");
    let gl = schedule.task(go_live);
    let deadline = project
        .task(go_live)
        .deadline
        .expect("go-live has a deadline");
    let cal = jindu::WorkCalendar::compile(
        project.calendar(project.calendar_id()).expect("defined"),
        |id| project.calendar(id),
    )?;
    println!(
        "\nGo-live {} — deadline {}, {} of working time to spare.",
        short(gl.finish),
        short(deadline),
        Duration::minutes_work(cal.work_between(gl.finish, deadline)).display(project.settings())
    );

    // What if the identity partner delivers SSO a week late?
    let mut engine = Engine::new(project, options)?;
    let before = engine.project_finish();
    let diff = engine.preview(&Edit::SetDuration {
        task: "B3".into(),
        duration: Duration::days(15),
    })?;
    println!(
        "\nWhat if SSO integration takes 15 days instead of 10? (preview, nothing committed)\n  \
         {} tasks would move; project finish {} → {}",
        diff.moved().len(),
        short(before),
        short(diff.project_finish.1)
    );
    if let Some(c) = diff.changes.iter().find(|c| c.task.as_str() == "GL") {
        let after = c.after.as_ref().expect("go-live stays");
        // The diff says what would hold go-live after the edit, with the predecessor's key.
        let held_by = match &after.driver {
            jindu::DriverEntry::Link { from, kind, .. } => format!("{from} ({kind})"),
            _ => "its constraint".into(),
        };
        println!(
            "  go-live would move to {} (held by {held_by}), total float {}",
            short(after.schedule.finish),
            after
                .schedule
                .total_float
                .display(engine.project().settings())
        );
    }
    Ok(())
}

fn short(t: jindu::DateTime) -> String {
    t.to_string()[..16].replace('T', " ")
}

fn print_table(p: &Project, s: &Schedule) {
    println!(
        "{:<4} {:<30} {:>6}  {:<16}  {:<16}  {:>11}  {:>10}",
        "ID", "Task", "Dur.", "Start", "Finish", "Total float", "Free float"
    );
    for (k, t) in p.tasks().iter().enumerate() {
        let i = TaskIndex::from_raw(k as u32);
        let ts = s.task(i);
        let indent = if t.parent.is_some() { "  " } else { "" };
        let name = format!("{indent}{}", t.name);
        let dur = if p.is_summary(i) {
            String::new()
        } else {
            t.duration.display(p.settings()).to_string()
        };
        let mark = match (ts.critical, ts.driver) {
            (true, _) => " *",
            (false, Driver::Constraint) => " c",
            _ => "",
        };
        println!(
            "{:<4} {:<30} {:>6}  {:<16}  {:<16}  {:>11}  {:>10}{mark}",
            t.id.as_str(),
            name.chars().take(30).collect::<String>(),
            dur,
            short(ts.start),
            short(ts.finish),
            ts.total_float.display(p.settings()).to_string(),
            ts.free_float.display(p.settings()).to_string(),
        );
    }
    println!("(* critical)");
}
