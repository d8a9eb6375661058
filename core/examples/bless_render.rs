//! `make bless-render`: rewrites the golden Gantt charts under `core/tests/data/render/` from
//! the current renderer (review the diff, and look at the charts, before committing).

#[path = "../tests/render/fixtures.rs"]
mod fixtures;

fn main() {
    for (stem, file, options) in fixtures::CASES {
        let svg = fixtures::render(file, options);
        let path = fixtures::dir().join(format!("{stem}.svg"));
        std::fs::write(&path, svg).expect("write the golden file");
        println!("wrote {}", path.display());
    }
    for (stem, file, chart, options) in fixtures::TRACK_CASES {
        let svg = fixtures::draw(file, *chart, options);
        let path = fixtures::dir().join(format!("{stem}.svg"));
        std::fs::write(&path, svg).expect("write the golden file");
        println!("wrote {}", path.display());
    }
}
