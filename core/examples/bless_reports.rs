//! `make bless-reports`: rewrites the golden status reports under `core/tests/data/report/`
//! from the current code (read the diff, in both languages, before committing).

#[path = "../tests/report/fixtures.rs"]
mod fixtures;

fn main() {
    for &(name, lang, client, period, shape) in fixtures::CASES {
        let path = fixtures::dir().join(name);
        std::fs::write(&path, fixtures::render(lang, client, period, shape))
            .expect("write the golden file");
        println!("wrote {}", path.display());
    }
}
