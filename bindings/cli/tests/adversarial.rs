//! Hostile files through `jindu schedule` (and `jindu level`): each gives one line
//! `jindu: error [CODE]: …` on standard error naming the cause, nothing on standard output,
//! and exit status 1 (README: "exit status 1, 2 for usage errors") — never a panic (which
//! would print `panicked` and exit 101). The core cases, with their memory and time bounds,
//! are in `core/tests/adversarial.rs`.

use std::path::PathBuf;
use std::process::Command;

/// A temporary folder for this test's files, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("jindu-adv-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let f = self.0.join(name);
        std::fs::write(&f, bytes).unwrap();
        f.to_str().unwrap().to_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Runs `jindu ARGS` and returns its standard error, asserting exit status 1, an empty
/// standard output and a single error line with `code`.
fn fails(args: &[&str], code: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.starts_with(&format!("jindu: error [{code}]: ")),
        "{args:?}: {err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    err
}

const H: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Name>x</Name><StartDate>2026-01-05T08:00:00</StartDate>\n";

#[test]
fn hostile_files_through_schedule() {
    let d = Dir::new("schedule");
    // Billion laughs: refused at the DOCTYPE, line 2.
    let mut lol = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">");
    for k in 1..10 {
        lol.push_str(&format!(
            "<!ENTITY a{k} \"{}\">",
            format!(
                "&a{};",
                if k == 1 {
                    String::new()
                } else {
                    (k - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    lol.push_str("]>\n<Project><Name>&a9;</Name></Project>");
    let err = fails(&["schedule", &d.file("lol.xml", lol.as_bytes())], "xml");
    assert!(
        err.contains("a <!DOCTYPE> is not allowed in MSPDI") && err.contains("(line 2, column 1)"),
        "{err}"
    );
    // UTF-16 without a byte-order mark.
    let u16: Vec<u8> = format!("{H}</Project>")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = fails(&["schedule", &d.file("u16.xml", &u16)], "xml");
    assert!(err.contains("the document is UTF-16"), "{err}");
    // A byte-order mark and garbage, named .json: bad JSON at line 1, column 1.
    let err = fails(
        &["schedule", &d.file("bom.json", b"\xef\xbb\xbfgarbage")],
        "json",
    );
    assert!(err.contains("(line 1, column 1)"), "{err}");
    // A raw NUL in a key.
    let err = fails(
        &[
            "schedule",
            &d.file(
                "nul.json",
                b"{\"name\":\"x\",\"start\":\"2026-01-05\",\"tasks\":[{\"id\":\"A\x00\"}]}",
            ),
        ],
        "json",
    );
    assert!(
        err.contains("control character") && err.contains("tasks[0].id"),
        "{err}"
    );
    // A truncated MSPDI file.
    let err = fails(
        &[
            "schedule",
            &d.file(
                "cut.xml",
                format!("{H}<Tasks><Task><UID>1</UID>").as_bytes(),
            ),
        ],
        "xml",
    );
    assert!(err.contains("truncated file?"), "{err}");
    // A CSV row of 2,000 fields.
    let wide = format!("id{}\n1\n", ",x".repeat(1999));
    let err = fails(
        &["schedule", &d.file("wide.csv", wide.as_bytes())],
        "import",
    );
    assert!(
        err.contains("csv line 1, column 1025: a row may have at most 1024 fields"),
        "{err}"
    );
    // A lag of i64::MAX minutes.
    let lag = br#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","duration":"1d"},{"id":"B"}],
        "links":[{"from":"A","to":"B","lag":"9223372036854775807m"}]}"#;
    let err = fails(&["schedule", &d.file("lag.json", lag)], "invalid");
    assert!(err.contains("link `A` -> `B`: field `lag`"), "{err}");
    // A start in year 1.
    let y1 = br#"{"name":"x","start":"0001-01-01","tasks":[{"id":"A","duration":"1d"}]}"#;
    let err = fails(&["schedule", &d.file("y1.json", y1)], "invalid");
    assert!(err.contains("years 1000-9999"), "{err}");
    // A cycle through a thousand tasks, named in full.
    let t: Vec<String> = (0..1000)
        .map(|k| format!(r#"{{"id":"{k}","duration":"1d"}}"#))
        .collect();
    let l: Vec<String> = (0..1000)
        .map(|k| format!(r#"{{"from":"{k}","to":"{}"}}"#, (k + 1) % 1000))
        .collect();
    let cyc = format!(
        r#"{{"name":"x","start":"2026-01-05","tasks":[{}],"links":[{}]}}"#,
        t.join(","),
        l.join(",")
    );
    let err = fails(
        &["schedule", &d.file("cycle.json", cyc.as_bytes())],
        "cycle",
    );
    assert!(
        err.contains("dependency cycle: 0 -> 1 -> 2")
            && err.trim_end().ends_with("998 -> 999 -> 0"),
        "{err}"
    );
    // A calendar whose only work is one minute, asked for two.
    let min = br#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","duration":"2m","calendar":"y"}],
        "calendars":[{"id":"y","week":{"mon":[],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]},
        "exceptions":[{"date":"2030-01-01","working":["08:00-08:01"]}]}]}"#;
    let err = fails(
        &["schedule", &d.file("minute.json", min)],
        "calendar_exhausted",
    );
    assert!(
        err.contains("task `A`: no working time on calendar `y` after 2030-01-01T08:01:00"),
        "{err}"
    );
    // An exception over 9,000 years.
    let ex = br#"{"name":"x","start":"2026-01-05","calendar":"c","tasks":[{"id":"A","duration":"1d"}],
        "calendars":[{"id":"c","base":"standard","exceptions":[{"from":"1000-01-01","to":"9999-12-31","working":[]}]}]}"#;
    let err = fails(&["schedule", &d.file("ex.json", ex)], "limit");
    assert!(
        err.contains("days covered by one calendar exception (3287181 > 73200)"),
        "{err}"
    );
}

#[test]
fn a_levelling_problem_that_can_never_fit() {
    let d = Dir::new("level");
    let p = br#"{"name":"P","start":"2026-01-05","tasks":[{"id":"A","duration":"2d"}],
        "resources":[{"id":"ana"}],"assignments":[{"task":"A","resource":"ana","units":200}]}"#;
    let err = fails(&["level", &d.file("never.json", p)], "invalid");
    assert!(
        err.contains("the task needs 200% of ana but it never has more than 100%"),
        "{err}"
    );
}
