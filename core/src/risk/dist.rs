//! Sampling: every distribution is drawn by its inverse cumulative distribution function from
//! one uniform number, so a sample is a monotone function of its draw (the draw's rank is the
//! sample's rank, which rank correlation and sensitivity use).
//!
//! Only IEEE basic operations (which every platform rounds the same way) and the pure-Rust
//! `libm` functions (the same code on every target, WebAssembly included) are used: a seed gives
//! the same samples, to the bit, everywhere.

use super::model::Estimate;

/// The 90th percentile of the standard normal distribution.
pub(crate) const Z90: f64 = 1.281_551_565_544_600_4;

/// The standard normal quantile function (Wichura's AS241, about 16 digits).
///
/// ```
/// let z = jindu::risk::normal_quantile(0.975);
/// assert!((z - 1.959_963_984_540_054).abs() < 1e-14);
/// assert_eq!(jindu::risk::normal_quantile(0.5), 0.0);
/// ```
// The coefficients are written as published (AS241); the extra digits round to the same f64.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = (((((((2.509_080_928_730_122_7e3 * r + 3.343_057_558_358_812_8e4) * r
            + 6.726_577_092_700_870_1e4)
            * r
            + 4.592_195_393_154_987_1e4)
            * r
            + 1.373_169_376_550_946_1e4)
            * r
            + 1.971_590_950_306_551_4e3)
            * r
            + 1.331_416_678_917_843_8e2)
            * r
            + 3.387_132_872_796_366_6)
            * q;
        let den = ((((((5.226_495_278_852_854_6e3 * r + 2.872_908_573_572_194_3e4) * r
            + 3.930_789_580_009_271_1e4)
            * r
            + 2.121_379_430_158_659_6e4)
            * r
            + 5.394_196_021_424_751_1e3)
            * r
            + 6.871_870_074_920_579_1e2)
            * r
            + 4.231_333_070_160_091_1e1)
            * r
            + 1.0;
        return num / den;
    }
    let r = if q <= 0.0 { p } else { 1.0 - p };
    let mut r = libm::sqrt(-libm::log(r));
    let x = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.745_450_142_783_414_1e-4 * r + 2.272_384_498_926_918_5e-2) * r
            + 2.417_807_251_774_506_1e-1)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_6)
            * r
            + 5.769_497_221_460_691_4)
            * r
            + 4.630_337_846_156_545_3)
            * r
            + 1.423_437_110_749_683_6;
        let den = ((((((1.050_750_071_644_416_8e-9 * r + 5.475_938_084_995_344_9e-4) * r
            + 1.519_866_656_361_645_7e-2)
            * r
            + 1.481_039_764_274_800_7e-1)
            * r
            + 6.897_673_349_851_000_5e-1)
            * r
            + 1.676_384_830_183_803_8)
            * r
            + 2.053_191_626_637_758_8)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r
            + 1.242_660_947_388_078_4e-3)
            * r
            + 2.653_218_952_657_612_3e-2)
            * r
            + 2.965_605_718_285_048_9e-1)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114_4)
            * r
            + 6.657_904_643_501_103_8;
        let den = ((((((2.044_263_103_389_939_8e-15 * r + 1.421_511_758_316_445_9e-7) * r
            + 1.846_318_317_510_054_7e-5)
            * r
            + 7.868_691_311_456_132_6e-4)
            * r
            + 1.487_536_129_085_061_5e-2)
            * r
            + 1.369_298_809_227_358_1e-1)
            * r
            + 5.998_322_065_558_879_4e-1)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, nine terms; about 15 digits).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        return libm::log(std::f64::consts::PI / libm::sin(std::f64::consts::PI * x))
            - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * libm::log(2.0 * std::f64::consts::PI) + (x + 0.5) * libm::log(t) - t + libm::log(a)
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The beta distribution with shapes `a`, `b` on [0, 1]: its CDF and quantile function.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Beta {
    a: f64,
    b: f64,
    /// ln B(a, b).
    ln_b: f64,
}

impl Beta {
    pub fn new(a: f64, b: f64) -> Beta {
        Beta {
            a,
            b,
            ln_b: ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b),
        }
    }

    /// The regularized incomplete beta function `I_x(a, b)`.
    pub fn cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        if x >= 1.0 {
            return 1.0;
        }
        let (a, b) = (self.a, self.b);
        let front = libm::exp(a * libm::log(x) + b * libm::log(1.0 - x) - self.ln_b);
        if x < (a + 1.0) / (a + b + 2.0) {
            front * beta_cf(a, b, x) / a
        } else {
            1.0 - front * beta_cf(b, a, 1.0 - x) / b
        }
    }

    /// The quantile at `p` in (0, 1): Halley's method from a normal-based first guess
    /// (Numerical Recipes' `invbetai`, for shapes of at least 1), at most 12 steps.
    pub fn quantile(&self, p: f64) -> f64 {
        let (a, b) = (self.a, self.b);
        if p <= 0.0 {
            return 0.0;
        }
        if p >= 1.0 {
            return 1.0;
        }
        let pp = if p < 0.5 { p } else { 1.0 - p };
        let t = libm::sqrt(-2.0 * libm::log(pp));
        let mut x = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t;
        if p < 0.5 {
            x = -x;
        }
        let al = (x * x - 3.0) / 6.0;
        let h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
        let w = x * libm::sqrt(al + h) / h
            - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
        let mut x = a / (a + b * libm::exp(2.0 * w));
        if !(x > 0.0 && x < 1.0) {
            x = 0.5;
        }
        let (a1, b1) = (a - 1.0, b - 1.0);
        for j in 0..12 {
            if x <= 0.0 || x >= 1.0 {
                break;
            }
            let err = self.cdf(x) - p;
            let t = libm::exp(a1 * libm::log(x) + b1 * libm::log(1.0 - x) - self.ln_b);
            let u = err / t;
            let step = u / (1.0 - 0.5 * f64::min(1.0, u * (a1 / x - b1 / (1.0 - x))));
            x -= step;
            if x <= 0.0 {
                x = 0.5 * (x + step);
            }
            if x >= 1.0 {
                x = 0.5 * (x + step + 1.0);
            }
            if step.abs() < 1e-12 * x && j > 0 {
                break;
            }
        }
        x.clamp(0.0, 1.0)
    }
}

/// A compiled distribution of minutes, drawn from a 32-bit uniform draw.
#[derive(Debug, Clone)]
pub(crate) enum Sampler {
    Fixed(i64),
    Triangular {
        a: f64,
        b: f64,
        /// The CDF at the mode, (c − a)/(b − a).
        fc: f64,
        /// (b − a)(c − a) and (b − a)(b − c).
        left: f64,
        right: f64,
    },
    Uniform {
        a: f64,
        w: f64,
    },
    Pert {
        a: f64,
        w: f64,
        beta: Beta,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Lognormal {
        mu: f64,
        sigma: f64,
    },
    /// Cumulative weights (their last is the total) and the values.
    Discrete {
        cum: Vec<u64>,
        values: Vec<i64>,
    },
    /// The likely minutes times a ratio of pool `pool` (sorted ratios).
    History {
        likely: f64,
        pool: usize,
    },
}

impl Sampler {
    /// The sampler of a checked estimate; history estimates take the pool index `pool`.
    pub fn of(e: &Estimate, pool: usize) -> Sampler {
        let m = |d: &crate::time::Duration| d.minutes() as f64;
        match e {
            Estimate::Fixed(d) => Sampler::Fixed(d.minutes()),
            Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            } => {
                let (a, c, b) = (m(optimistic), m(likely), m(pessimistic));
                Sampler::Triangular {
                    a,
                    b,
                    fc: (c - a) / (b - a),
                    left: (b - a) * (c - a),
                    right: (b - a) * (b - c),
                }
            }
            Estimate::Uniform {
                optimistic,
                pessimistic,
            } => Sampler::Uniform {
                a: m(optimistic),
                w: m(pessimistic) - m(optimistic),
            },
            Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            } => {
                let (a, c, b) = (m(optimistic), m(likely), m(pessimistic));
                let w = b - a;
                Sampler::Pert {
                    a,
                    w,
                    beta: Beta::new(1.0 + 4.0 * (c - a) / w, 1.0 + 4.0 * (b - c) / w),
                }
            }
            Estimate::Normal {
                optimistic,
                likely,
                pessimistic,
            } => Sampler::Normal {
                mean: m(likely),
                sd: (m(pessimistic) - m(optimistic)) / (2.0 * Z90),
            },
            Estimate::Lognormal {
                optimistic,
                likely,
                pessimistic,
            } => Sampler::Lognormal {
                mu: libm::log(m(likely)),
                sigma: libm::log(m(pessimistic) / m(optimistic)) / (2.0 * Z90),
            },
            Estimate::Discrete(v) => {
                let mut cum = Vec::with_capacity(v.len());
                let mut values = Vec::with_capacity(v.len());
                let mut t = 0u64;
                for (d, w) in v {
                    if *w > 0 {
                        t += *w as u64;
                        cum.push(t);
                        values.push(d.minutes());
                    }
                }
                Sampler::Discrete { cum, values }
            }
            Estimate::History { likely, .. } => Sampler::History {
                likely: m(likely),
                pool,
            },
        }
    }

    /// Whether the sampler always gives the same value.
    pub fn is_fixed(&self) -> bool {
        match self {
            Sampler::Fixed(_) => true,
            Sampler::Discrete { values, .. } => values.iter().all(|v| *v == values[0]),
            _ => false,
        }
    }

    /// The sample for draw `w`, in whole minutes (never negative).
    ///
    /// The triangular distribution (the most common, and the default estimate's) is inlined
    /// with one square root: `a + √(u·left)` below the mode's CDF, `b − √((1 − u)·right)`
    /// above it, as `base + sign·√t` from selected operands (multiplying by ±1 and adding a
    /// negated value are exact, so the result is the same to the bit).
    #[inline(always)]
    pub fn sample(&self, w: u32, pools: &[Vec<f64>]) -> i64 {
        if let Sampler::Triangular {
            a,
            b,
            fc,
            left,
            right,
        } = self
        {
            let u = super::rng::unit(w);
            let low = u < *fc;
            let base = if low { *a } else { *b };
            let sign = if low { 1.0 } else { -1.0 };
            let t = if low { u * left } else { (1.0 - u) * right };
            return whole_minutes(base + sign * t.sqrt());
        }
        self.sample_other(w, pools)
    }

    #[inline(never)]
    fn sample_other(&self, w: u32, pools: &[Vec<f64>]) -> i64 {
        let x = match self {
            Sampler::Fixed(v) => return *v,
            Sampler::Triangular { .. } => return self.sample(w, pools),
            Sampler::Uniform { a, w: width } => a + super::rng::unit(w) * width,
            Sampler::Pert { a, w: width, beta } => a + beta.quantile(super::rng::unit(w)) * width,
            Sampler::Normal { mean, sd } => mean + sd * normal_quantile(super::rng::unit(w)),
            Sampler::Lognormal { mu, sigma } => {
                libm::exp(mu + sigma * normal_quantile(super::rng::unit(w)))
            }
            Sampler::Discrete { cum, values } => {
                let total = *cum.last().unwrap_or(&1);
                let t = (w as u64 * total) >> 32;
                let k = cum.partition_point(|&c| c <= t);
                return values[k.min(values.len() - 1)];
            }
            Sampler::History { likely, pool } => {
                let p = &pools[*pool];
                let k = ((w as u64 * p.len() as u64) >> 32) as usize;
                likely * p[k]
            }
        };
        whole_minutes(x)
    }
}

/// `x` rounded to whole minutes, half-way cases away from zero (identically everywhere); 0 for
/// what is not positive. For a positive `x`, `x + 0.5` is positive, so truncation (the cast) is
/// its floor: no call to `floor`, which baseline x86-64 has no instruction for.
#[inline(always)]
fn whole_minutes(x: f64) -> i64 {
    if x > 0.0 {
        (x + 0.5) as i64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_known_values() {
        // Values from Python's statistics.NormalDist().inv_cdf.
        for (p, z) in [
            (0.1, -1.2815515655446004),
            (0.9, 1.2815515655446004),
            (0.001, -3.090232306167813),
            (1e-9, -5.997807015007686),
            (0.3, -0.5244005127080407),
        ] {
            assert!(
                (normal_quantile(p) - z).abs() < 1e-13,
                "{p}: {}",
                normal_quantile(p)
            );
        }
    }

    #[test]
    fn beta_quantile_inverts_the_cdf() {
        // PERT shapes: mode at 0, 1/4, 0.3, 1/2 and 1 of the range.
        for (a, b) in [(1.0, 5.0), (2.0, 4.0), (2.2, 3.8), (3.0, 3.0), (5.0, 1.0)] {
            let d = Beta::new(a, b);
            for k in 1..200 {
                let p = k as f64 / 200.0;
                let x = d.quantile(p);
                assert!((d.cdf(x) - p).abs() < 1e-10, "a={a} b={b} p={p} x={x}");
            }
            assert!(d.quantile(1e-9) >= 0.0 && d.quantile(1.0 - 1e-9) <= 1.0);
        }
        // Closed form for a = 1, b = 5: I_x = 1 − (1 − x)^5.
        let d = Beta::new(1.0, 5.0);
        assert!((d.cdf(0.2) - (1.0 - 0.8f64.powi(5))).abs() < 1e-14);
        // ln Γ against known values: Γ(5) = 24, Γ(0.5) = √π.
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-13);
    }

    #[test]
    fn samplers_hit_their_quantiles() {
        use crate::time::Duration;
        let d = |n| Duration::minutes_work(n);
        let tri = Sampler::of(
            &Estimate::Triangular {
                optimistic: d(100),
                likely: d(200),
                pessimistic: d(500),
            },
            0,
        );
        // The draw at the CDF of the mode (1/4 of the draws) gives the mode.
        assert_eq!(tri.sample(1 << 30, &[]), 200);
        assert_eq!(tri.sample(0, &[]), 100);
        assert_eq!(tri.sample(u32::MAX, &[]), 500);
        let disc = Sampler::of(
            &Estimate::Discrete(vec![(d(10), 1), (d(20), 0), (d(30), 3)]),
            0,
        );
        assert_eq!(disc.sample(0, &[]), 10);
        assert_eq!(disc.sample((1 << 30) - 1, &[]), 10);
        assert_eq!(disc.sample(1 << 30, &[]), 30);
        let hist = Sampler::History {
            likely: 100.0,
            pool: 0,
        };
        let pools = vec![vec![0.5, 1.0, 2.0, 4.0]];
        assert_eq!(hist.sample(0, &pools), 50);
        assert_eq!(hist.sample(u32::MAX, &pools), 400);
        let norm = Sampler::Normal {
            mean: 10.0,
            sd: 100.0,
        };
        assert_eq!(norm.sample(0, &pools), 0, "negative samples count as zero");
    }
}
