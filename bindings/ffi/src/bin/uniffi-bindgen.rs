//! uniffi's binding generator, built from the same `uniffi` version as the library:
//! `cargo run -p jindu-ffi --bin uniffi-bindgen -- generate --library target/debug/libjindu_ffi.so --language kotlin --out-dir …`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
