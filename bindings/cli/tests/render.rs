//! `jindu render`: the Gantt chart as the core draws it (the golden file, byte for byte), to a
//! file or standard output; charts not drawn yet and bad options are usage errors.

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
    // A Gantt option the EVM chart does not take is an error naming it; so is a bad baseline.
    let o = jindu(&["render", f, "--chart", "evm", "--client"]);
    assert!(!o.status.success());
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
