//! Monte Carlo risk against closed forms. Tolerances are derived from the sample size
//! (four standard errors), never guessed: a correct simulation fails one of these with a
//! probability well under 1e-4.

use jindu::risk::{simulate, RiskOptions, RiskReport};
use jindu::DateTime;

const N: u64 = 20_000;

fn doc(tasks: &str, links: &str, extra: &str) -> jindu::Project {
    let s = format!(
        r#"{{"name": "t", "start": "2026-01-05", "tasks": [{tasks}], "links": [{links}]{extra}}}"#
    );
    jindu::io::json::read(&s).expect("valid document").project
}

fn run(p: &jindu::Project, target: Option<DateTime>) -> RiskReport {
    let o = RiskOptions {
        iterations: N,
        seed: 42,
        target,
        threads: 1,
        ..Default::default()
    };
    simulate(p, &o, Default::default()).expect("simulates")
}

fn task(id: &str, dist: &str, o: u32, m: u32, pe: u32) -> String {
    format!(
        r#"{{"id": "{id}", "duration": "{m}d", "estimate": {{"distribution": "{dist}",
            "optimistic": "{o}d", "likely": "{m}d", "pessimistic": "{pe}d"}}}}"#
    )
}

fn chain(n: usize, dist: &str, (o, m, pe): (u32, u32, u32)) -> jindu::Project {
    let tasks: Vec<String> = (0..n)
        .map(|i| task(&format!("T{i}"), dist, o, m, pe))
        .collect();
    let links: Vec<String> = (1..n)
        .map(|i| format!(r#"{{"from": "T{}", "to": "T{i}"}}"#, i - 1))
        .collect();
    doc(&tasks.join(","), &links.join(","), "")
}

/// Mean and standard deviation of a sum of `n` independent draws (mean `mu`, variance `var`)
/// checked at four standard errors; the standard error of a sample standard deviation is at
/// most σ/√(2N) for these light-tailed sums (kurtosis ≤ 3).
fn check_sum(r: &RiskReport, n: f64, mu: f64, var: f64) {
    let (mean, sd) = (n * mu, (n * var).sqrt());
    let k = N as f64;
    let se_mean = sd / k.sqrt();
    let se_sd = sd / (2.0 * k).sqrt();
    let f = &r.finish;
    assert!(
        (f.mean_working_days - mean).abs() < 4.0 * se_mean + 1e-3,
        "mean {} vs {mean}",
        f.mean_working_days
    );
    assert!(
        (f.std_working_days - sd).abs() < 4.0 * se_sd + 1e-3,
        "std {} vs {sd}",
        f.std_working_days
    );
}

#[test]
fn chain_of_uniform_tasks_has_the_sum_mean_and_variance() {
    let n = 10;
    let r = run(&chain(n, "uniform", (2, 5, 8)), None);
    // U(2, 8): mean 5, variance 6²/12 = 3.
    check_sum(&r, n as f64, 5.0, 3.0);
    // Every task of a chain is critical in every iteration.
    for t in &r.tasks {
        assert_eq!(t.criticality_index, 1.0, "{}", t.id);
    }
}

#[test]
fn chain_of_triangular_tasks_has_the_sum_mean_and_variance() {
    let n = 8;
    let r = run(&chain(n, "triangular", (2, 4, 12)), None);
    // Triangular(a, c, b): mean (a+b+c)/3, variance (a²+b²+c²−ab−ac−bc)/18.
    let (a, c, b) = (2.0, 4.0, 12.0);
    let mu = (a + b + c) / 3.0;
    let var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    check_sum(&r, n as f64, mu, var);
}

#[test]
fn parallel_branches_finish_by_the_product_of_their_cdfs() {
    // Two independent U(2, 12) branches into a milestone: P(max ≤ 7) = (5/10)² = 0.25.
    let tasks = [
        task("A", "uniform", 2, 7, 12),
        task("B", "uniform", 2, 7, 12),
        r#"{"id": "M", "milestone": true}"#.to_string(),
    ]
    .join(",");
    let links = r#"{"from": "A", "to": "M"}, {"from": "B", "to": "M"}"#;
    // The deterministic plan (both 7d) finishes exactly 7 working days after the start.
    let det = run(&doc(&tasks, links, ""), None).finish.deterministic;
    let target: DateTime = det.parse().expect("a datetime");
    let r = run(&doc(&tasks, links, ""), Some(target));
    let p = r.probability_on_time.expect("a target was given");
    let se = (0.25f64 * 0.75 / N as f64).sqrt();
    assert!((p - 0.25).abs() < 4.0 * se, "P(max ≤ 7d) = {p}");
    // E[max of two U(2, 12)] = 2 + 10·2/3.
    let se_mean = (10.0f64 * 10.0 / 18.0).sqrt() / (N as f64).sqrt();
    assert!((r.finish.mean_working_days - (2.0 + 20.0 / 3.0)).abs() < 4.0 * se_mean);
    // Symmetric branches: each is critical about half the time; together always, both only
    // on a tie to the minute (P ≈ 2/4800 for 10-day ranges of 480-minute days).
    let (a, b) = (r.task("A").unwrap(), r.task("B").unwrap());
    let se_ci = (0.25f64 / N as f64).sqrt();
    assert!((a.criticality_index - 0.5).abs() < 4.0 * se_ci);
    let both = a.criticality_index + b.criticality_index - 1.0;
    assert!(
        (0.0..0.002).contains(&both),
        "both critical in {both} of the iterations"
    );
    assert_eq!(r.task("M").unwrap().criticality_index, 1.0);
}

#[test]
fn deterministic_network_gives_a_degenerate_distribution() {
    let p = doc(
        r#"{"id": "A", "duration": "3d"}, {"id": "B", "duration": "4d"}"#,
        r#"{"from": "A", "to": "B"}"#,
        "",
    );
    let r = run(&p, None);
    assert_eq!(r.finish.mean_working_days, 7.0);
    assert_eq!(r.finish.std_working_days, 0.0);
    assert_eq!(r.finish.p5, r.finish.p95);
    assert_eq!(r.finish.p50, r.finish.deterministic);
    assert_eq!(r.finish.probability_deterministic, 1.0);
}

#[test]
fn correlated_chain_variance_grows_with_the_coefficient() {
    // Two U(2, 8) tasks in a chain with rank correlation ρ. Uniform marginals make the
    // Pearson correlation of the durations equal to their Spearman one, so
    // Var(A + B) = 2σ²(1 + ρ) with σ² = 3.
    for rho in [0.0, 0.5, 0.9] {
        let p = doc(
            &[task("A", "uniform", 2, 5, 8), task("B", "uniform", 2, 5, 8)].join(","),
            r#"{"from": "A", "to": "B"}"#,
            &format!(r#", "correlations": [{{"tasks": ["A", "B"], "coefficient": {rho}}}]"#),
        );
        let r = run(&p, None);
        let sd = (6.0f64 * (1.0 + rho)).sqrt();
        let se_sd = sd / (2.0 * N as f64).sqrt();
        // Iman–Conover reaches ρ only up to the sampling error of the block's rank correlation
        // (about (1 − ρ²)/√block): allow for it on top of the standard error.
        let block = 256.0f64;
        let slack = sd * (1.0 - rho * rho) / block.sqrt() / (N as f64 / block).sqrt();
        let got = r.finish.std_working_days;
        assert!(
            (got - sd).abs() < 4.0 * (se_sd + slack) + 1e-3,
            "ρ {rho}: std {got} vs {sd}"
        );
    }
}

#[test]
fn same_seed_same_report_and_thread_counts_agree() {
    let p = chain(20, "pert", (1, 3, 9));
    let o = |threads| RiskOptions {
        iterations: 3000,
        seed: 9,
        threads,
        ..Default::default()
    };
    let a = simulate(&p, &o(1), Default::default()).unwrap();
    let b = simulate(&p, &o(1), Default::default()).unwrap();
    let c = simulate(&p, &o(2), Default::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
    let d = simulate(&p, &RiskOptions { seed: 10, ..o(1) }, Default::default()).unwrap();
    assert_ne!(a.finish.mean_working_days, d.finish.mean_working_days);
}

#[test]
fn bad_estimates_are_typed_errors_naming_the_task() {
    let s = r#"{"name": "t", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "5d",
        "estimate": {"optimistic": "9d", "likely": "5d", "pessimistic": "2d"}}]}"#;
    let e = jindu::io::json::read(s).unwrap_err();
    assert!(e.to_string().contains('A'), "{e}");
}
