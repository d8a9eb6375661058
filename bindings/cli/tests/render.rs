//! `jindu render`: the Gantt chart as the core draws it (the golden file, byte for byte), to a
//! file or standard output; the histogram, S-curve and tornado likewise; bad options are usage
//! errors.

use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/tests/data/render")
        .join(name)
}

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn render_writes_the_golden_chart() {
    let f = data("launch.json");
    let out = std::env::temp_dir().join(format!("jindu-render-{}.svg", std::process::id()));
    let o = jindu(&[
        "render",
        f.to_str().unwrap(),
        "--chart",
        "gantt",
        "--width",
        "1000",
        "--theme",
        "dark",
        "--locale",
        "zh-CN",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    // The golden file of the same options (core/tests/render/fixtures.rs: launch-zh-dark).
    let golden = std::fs::read_to_string(data("launch-zh-dark.svg")).unwrap();
    assert_eq!(svg, golden);
    // Standard output by default, --client leaving out the internal task.
    let o = jindu(&["render", f.to_str().unwrap(), "--client"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("<svg") && !text.contains("Security review"));
}

#[test]
fn unknown_charts_and_bad_options_are_usage_errors() {
    let f = data("launch.json");
    let f = f.to_str().unwrap();
    let o = jindu(&["render", f, "--chart", "pie"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("expected gantt, histogram"), "{err}");
    let o = jindu(&["render", f, "--width", "wide"]);
    assert_eq!(o.status.code(), Some(2));
    // A typed core error: exit 1, the code and the task named.
    let o = jindu(&["render", f, "--tasks", "A,nope"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[unknown_task]") && err.contains("nope"),
        "{err}"
    );
}

/// Runs `jindu render` on `team.json` with `args`, returning the SVG (the command must succeed).
fn team(args: &[&str]) -> String {
    let f = data("team.json");
    let mut all = vec!["render", f.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = jindu(&all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn render_draws_the_golden_histogram_scurve_and_tornado() {
    // The same options as the golden files (core/tests/render/fixtures.rs: DRAWN), as flags.
    let golden = |stem: &str| std::fs::read_to_string(data(&format!("{stem}.svg"))).unwrap();
    let svg = team(&["--chart", "histogram", "--by", "day", "--width", "1000"]);
    assert_eq!(svg, golden("team-histogram"));
    let svg = team(&[
        "--chart",
        "histogram",
        "--resources",
        "mia",
        "--from",
        "2026-03-09",
        "--to",
        "2026-04-04",
        "--by",
        "day",
        "--width",
        "700",
        "--height",
        "300",
    ]);
    assert_eq!(svg, golden("team-histogram-mia"));
    let svg = team(&[
        "--chart",
        "scurve",
        "--iterations",
        "500",
        "--target",
        "2026-04-24T17:00",
    ]);
    assert_eq!(svg, golden("team-scurve"));
    let svg = team(&[
        "--chart",
        "tornado",
        "--iterations",
        "500",
        "--top",
        "4",
        "--theme",
        "dark",
        "--locale",
        "zh-CN",
        "--width",
        "600",
    ]);
    assert_eq!(svg, golden("team-tornado-zh-dark"));
    // --top 2 keeps the two strongest drivers: two bars and the legend's two swatches.
    let svg = team(&["--chart", "tornado", "--iterations", "200", "--top", "2"]);
    assert_eq!(
        svg.matches("<rect class=\"tk\"").count() + svg.matches("<rect class=\"rk\"").count(),
        2 + 2
    );
}

#[test]
fn flags_a_chart_does_not_take_are_usage_errors() {
    let f = data("team.json");
    let f = f.to_str().unwrap();
    for args in [
        ["--chart", "histogram", "--top", "3"],
        ["--chart", "scurve", "--by", "day"],
        ["--chart", "tornado", "--target", "2026-04-24T17:00"],
        ["--chart", "gantt", "--iterations", "10"],
        ["--chart", "evm", "--top", "3"],
        ["--chart", "fever", "--by", "week"],
    ] {
        let mut all = vec!["render", f];
        all.extend_from_slice(&args);
        let o = jindu(&all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(&format!("--chart {}", args[1])), "{err}");
        assert!(err.contains(&args[2][2..]), "{err}");
    }
    // A value of the wrong kind, and an unknown resource (a core error: exit 1).
    let o = jindu(&["render", f, "--chart", "scurve", "--iterations", "many"]);
    assert_eq!(o.status.code(), Some(2));
    let o = jindu(&["render", f, "--chart", "histogram", "--resources", "zed"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("zed"));
}

#[test]
fn render_draws_the_golden_evm_and_fever_charts() {
    let f = data("tracking.json");
    let f = f.to_str().unwrap();
    for (chart, args, golden) in [
        (
            "evm",
            &["--status-date", "2026-01-23T17:00"][..],
            "tracking-evm.svg",
        ),
        (
            "evm",
            &[
                "--width", "640", "--height", "360", "--theme", "dark", "--locale", "zh-CN",
            ][..],
            "tracking-evm-zh-dark.svg",
        ),
        ("fever", &[][..], "tracking-fever.svg"),
        (
            "fever",
            &[
                "--theme",
                "dark",
                "--locale",
                "zh-CN",
                "--buffer-percent",
                "40",
            ][..],
            "tracking-fever-zh-dark.svg",
        ),
    ] {
        let mut a = vec!["render", f, "--chart", chart];
        a.extend_from_slice(args);
        let o = jindu(&a);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let want = std::fs::read_to_string(data(golden)).unwrap();
        assert_eq!(String::from_utf8(o.stdout).unwrap(), want, "{golden}");
    }
    // A Gantt option the EVM chart does not take is a usage error naming it; so is a bad
    // baseline.
    let o = jindu(&["render", f, "--chart", "evm", "--client"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("client"));
    let o = jindu(&["render", f, "--chart", "fever", "--baseline", "x"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--baseline"));
}

#[test]
fn report_html_is_a_page_with_the_charts() {
    let f = data("tracking.json");
    let o = jindu(&["report", f.to_str().unwrap(), "--format", "html"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg").count(), 3);
    assert!(page.contains("Portal · Earned value") && page.contains("Buffer fever chart"));
    let o = jindu(&["report", f.to_str().unwrap(), "--format", "markdown"]);
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# Portal") && !md.contains("<svg"), "{md}");
}
