//! `make bless-render`: rewrites the golden charts (Gantt, histogram, S-curve, tornado) under `core/tests/data/render/` from
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
    for (stem, chart, file, options) in fixtures::DRAWN {
        let svg = fixtures::draw(chart, file, options);
        let path = fixtures::dir().join(format!("{stem}.svg"));
        std::fs::write(&path, svg).expect("write the golden file");
        println!("wrote {}", path.display());
    }
}
