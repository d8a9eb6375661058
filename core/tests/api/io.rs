//! The one entry point, `jindu::io::read`: every sample file is read as its format's own reader
//! reads it, with the format told from the content alone, and the name used only when the
//! content does not tell.

use std::path::{Path, PathBuf};

use jindu::io::{self, csv, json, mspdi, psplib, Format, ReadOptions};

use crate::common::{need_shared, shared_file};

fn file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `io::read` without a format gives exactly what `reader` gives, and says which format it was.
fn same_as(bytes: &[u8], format: Format, reader: impl Fn(&[u8]) -> jindu::Result<io::Import>) {
    let want = reader(bytes).expect("the format's reader reads it");
    let got = io::read(bytes, &ReadOptions::default()).expect("io::read reads it");
    assert_eq!(got.format, format);
    assert_eq!(got, want);
    // A misleading name does not change what the content says.
    let named = io::read(bytes, &ReadOptions::default().file_name("upload.bin.json")).unwrap();
    assert_eq!(named, want);
}

#[test]
fn every_sample_is_read_as_its_format() {
    for name in [
        "basic.csv",
        "msproject.csv",
        "no_id.csv",
        "zh_semicolon_bom.csv",
    ] {
        let bytes = std::fs::read(file("tests/data/csv").join(name)).unwrap();
        same_as(&bytes, Format::Csv, |b| csv::read(b));
    }
    let tasks = std::fs::read(file("../examples/tasks.csv")).unwrap();
    same_as(&tasks, Format::Csv, |b| csv::read(b));

    let delivery = std::fs::read(file("../examples/delivery.json")).unwrap();
    let doc = json::read(std::str::from_utf8(&delivery).unwrap()).unwrap();
    let imp = io::read(&delivery, &ReadOptions::default()).unwrap();
    assert_eq!(imp.format, Format::Json);
    assert_eq!((&imp.project, imp.options), (&doc.project, doc.options));
    assert!(imp.warnings.is_empty() && imp.stored.is_empty());

    // MSPDI as jindu writes it, and as Microsoft Project saved it (the corpus, when present).
    let s = jindu::schedule(&doc.project, &doc.options).unwrap();
    let xml = mspdi::write(&doc.project, &s);
    same_as(xml.as_bytes(), Format::Mspdi, mspdi::read);
    if let Some(dir) = need_shared("mspdi", Some("JINDU_MSPDI_DIR")) {
        for name in ["sample.xml", "caltest.xml", "mspdiduration.xml"] {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            same_as(&bytes, Format::Mspdi, mspdi::read);
        }
    }
    if let Some(dir) = need_shared("psplib", None) {
        let bytes = std::fs::read(shared_file(&dir, "j30/j301_1.sm")).unwrap();
        same_as(&bytes, Format::Psplib, |b| psplib::read(b));
    }
}

#[test]
fn the_name_decides_when_the_content_does_not() {
    // A header row with no column the CSV reader knows: by name, it is read as CSV, and the
    // CSV reader says what is wrong.
    let odd = b"Colour,Size\nred,1\n";
    let e = io::read(odd, &ReadOptions::default().file_name("odd.CSV")).unwrap_err();
    let jindu::Error::Import(i) = &e else {
        panic!("{e}")
    };
    assert_eq!((i.format, i.line), ("csv", 1));
    let e = io::read(odd, &ReadOptions::default()).unwrap_err();
    assert_eq!(e, jindu::Error::UnknownFormat { file: None });
    assert!(
        e.to_string()
            .starts_with("cannot tell the format of the input:"),
        "{e}"
    );
    // An empty file with an MSPDI name gets the MSPDI reader's error.
    let e = io::read(b"", &ReadOptions::default().file_name("plan.xml")).unwrap_err();
    assert_eq!(e.code().as_str(), "xml");
}

#[test]
fn writing_json_and_mspdi_only() {
    let imp = io::read(
        b"id,duration,predecessors\n1,2d,\n2,1d,1\n",
        &ReadOptions::default(),
    )
    .unwrap();
    let doc: json::Document = imp.into();
    let text = io::write(Format::Json, &doc).unwrap();
    assert_eq!(json::read(&text).unwrap(), doc);
    let xml = io::write(Format::Mspdi, &doc).unwrap();
    let back = io::read(xml.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(
        back.stored[1].finish.unwrap().to_string(),
        "2026-01-07T17:00:00"
    );
    for f in [Format::Csv, Format::Psplib] {
        let e = io::write(f, &doc).unwrap_err();
        assert_eq!(e, jindu::Error::UnsupportedFormat { format: f });
    }
    // A cycle cannot be written as MSPDI (it has no schedule), but as JSON it can.
    let mut cyclic = doc.clone();
    let (a, b) = (
        cyclic.project.index_of("1").unwrap(),
        cyclic.project.index_of("2").unwrap(),
    );
    cyclic
        .project
        .add_link(jindu::Link::finish_to_start(b, a))
        .unwrap();
    assert_eq!(
        io::write(Format::Mspdi, &cyclic)
            .unwrap_err()
            .code()
            .as_str(),
        "cycle"
    );
    let text = io::write(Format::Json, &cyclic).unwrap();
    assert_eq!(json::read(&text).unwrap().project.links().len(), 2);
}

/// Reads `bytes` with a progress callback, returning the import and the bytes reported.
fn read_progress(bytes: &[u8]) -> (jindu::io::Import, Vec<u64>) {
    use jindu::control::Control;
    let mut seen = Vec::new();
    let mut progress = |p: &jindu::io::Progress| {
        assert_eq!(p.total, bytes.len() as u64);
        seen.push(p.done);
    };
    let control = Control {
        progress: Some(&mut progress),
        cancel: None,
    };
    let imp = jindu::io::read_with(bytes, &jindu::io::ReadOptions::default(), control).unwrap();
    (imp, seen)
}

#[test]
fn large_reads_report_progress_in_bytes_and_can_be_cancelled() {
    use jindu::control::{CancelToken, Control};
    let tasks: Vec<String> = (0..20_000)
        .map(|k| format!(r#"{{"id": "t{k}", "duration": "1d"}}"#))
        .collect();
    let json = format!(
        r#"{{"name": "big", "start": "2026-01-05", "tasks": [{}]}}"#,
        tasks.join(",")
    );
    let doc = jindu::io::json::read(&json).unwrap();
    let xml = jindu::io::write(jindu::io::Format::Mspdi, &doc).unwrap();
    for bytes in [json.as_bytes(), xml.as_bytes()] {
        let (imp, seen) = read_progress(bytes);
        // The same project as without a callback.
        let plain = jindu::io::read(bytes, &jindu::io::ReadOptions::default()).unwrap();
        assert_eq!(imp.project.len(), 20_000);
        assert_eq!(imp.project.tasks(), plain.project.tasks());
        // From 0 to every byte, never backwards, with steps between.
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&(bytes.len() as u64)));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert!(seen.len() >= 3, "{seen:?}");
        // Cancelled at the first report after the start: an error, nothing half-read.
        let cancel = CancelToken::default();
        let mut calls = 0;
        let mut stop = |_: &jindu::io::Progress| {
            calls += 1;
            if calls == 2 {
                cancel.cancel();
            }
        };
        let control = Control {
            progress: Some(&mut stop),
            cancel: Some(&cancel),
        };
        let e = jindu::io::read_with(bytes, &jindu::io::ReadOptions::default(), control);
        assert_eq!(e.unwrap_err(), jindu::Error::Cancelled);
    }
}
