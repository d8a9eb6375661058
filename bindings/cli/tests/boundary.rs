//! A panic in `jindu` (a bug) is reported like every other error — `jindu: error [internal]:
//! …` on standard error — with exit status 70, not as Rust's panic message.

use std::process::Command;

#[test]
fn a_panic_is_an_internal_error() {
    // `__force-panic-for-tests` is not in the usage: it exists only to prove this.
    let out = Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(["__force-panic-for-tests", "forced panic"])
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(70));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "jindu: error [internal]: internal error in jindu (please report it): forced panic\n"
    );
    assert!(out.stdout.is_empty());
}
