//! Streaming statistics in integers.
//!
//! Every accumulator is an integer sum or count (working minutes, cents, ranks), so adding two
//! partial results is exact, associative and commutative: the totals of a simulation do not
//! depend on how its iterations were split between threads, nor in which order the parts were
//! merged. Floating point appears only when a report is written, once, from the totals.

/// A histogram of integer values in bins of `2^shift` values, with at most `cap` bins: when a
/// value falls outside, neighbouring bins pair up (the width doubles) until the range fits.
/// The bins are aligned to multiples of the width, so the result depends only on the values
/// added (the smallest width that holds their range), not on their order or grouping.
#[derive(Debug, Clone)]
pub(crate) struct Hist {
    shift: u32,
    /// Bin index (value >> shift) of `counts[0]`.
    lo: i64,
    counts: Vec<u64>,
    n: u64,
    min: i64,
    max: i64,
}

/// The bins a histogram keeps (16 KB each).
pub(crate) const BINS: usize = 2048;

impl Hist {
    pub fn new() -> Hist {
        Hist {
            shift: 0,
            lo: 0,
            counts: vec![0; BINS],
            n: 0,
            min: i64::MAX,
            max: i64::MIN,
        }
    }

    pub fn len(&self) -> u64 {
        self.n
    }

    pub fn min(&self) -> i64 {
        self.min
    }

    pub fn max(&self) -> i64 {
        self.max
    }

    /// The width of a bin.
    pub fn width(&self) -> i64 {
        1 << self.shift
    }

    fn fits(shift: u32, min: i64, max: i64) -> bool {
        (max >> shift) - (min >> shift) < BINS as i64
    }

    /// Re-bins to `shift` (not smaller than the current one) with the window starting at the
    /// bin of `min`.
    fn rebin(&mut self, shift: u32, min: i64) {
        let lo = min >> shift;
        if shift == self.shift && lo == self.lo {
            return;
        }
        let mut fresh = vec![0u64; BINS];
        if self.n > 0 {
            let d = shift - self.shift;
            for (k, c) in self.counts.iter().enumerate() {
                if *c > 0 {
                    let b = (self.lo + k as i64) >> d;
                    fresh[(b - lo) as usize] += c;
                }
            }
        }
        self.counts = fresh;
        self.shift = shift;
        self.lo = lo;
    }

    /// Makes room for values from `min` to `max`.
    fn cover(&mut self, min: i64, max: i64) {
        let (min, max) = (min.min(self.min), max.max(self.max));
        let mut s = self.shift;
        while !Self::fits(s, min, max) {
            s += 1;
        }
        let lo = min >> s;
        let hi = max >> s;
        if s != self.shift || lo < self.lo || hi >= self.lo + BINS as i64 {
            self.rebin(s, min);
        }
    }

    #[inline]
    pub fn add(&mut self, v: i64) {
        if self.n == 0 {
            self.lo = v >> self.shift;
        } else if v < self.min || v > self.max {
            let b = v >> self.shift;
            if b < self.lo || b >= self.lo + BINS as i64 {
                self.cover(v, v);
            }
        }
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        self.counts[((v >> self.shift) - self.lo) as usize] += 1;
        self.n += 1;
    }

    /// Adds the values of `o`.
    pub fn merge(&mut self, o: &Hist) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = o.clone();
            return;
        }
        let mut s = self.shift.max(o.shift);
        let (min, max) = (self.min.min(o.min), self.max.max(o.max));
        while !Self::fits(s, min, max) {
            s += 1;
        }
        self.rebin(s, min);
        self.min = min;
        self.max = max;
        let d = s - o.shift;
        for (k, c) in o.counts.iter().enumerate() {
            if *c > 0 {
                let b = (o.lo + k as i64) >> d;
                self.counts[(b - self.lo) as usize] += c;
            }
        }
        self.n += o.n;
    }

    /// The `p`-th percentile (0 < p < 100, in hundredths of a percent: 5000 is the median):
    /// the smallest value with at least p % of the values at or below it, to the width of a bin
    /// (the bin's last value, within the smallest and largest values seen).
    pub fn quantile(&self, p_bp: u64) -> i64 {
        if self.n == 0 {
            return 0;
        }
        let need = ((p_bp as u128 * self.n as u128).div_ceil(10_000) as u64).max(1);
        let mut acc = 0u64;
        for (k, c) in self.counts.iter().enumerate() {
            acc += c;
            if acc >= need {
                let last = ((self.lo + k as i64 + 1) << self.shift) - 1;
                return last.clamp(self.min, self.max);
            }
        }
        self.max
    }

    /// How many values are at most `v` (exact when `v` is the last value of a bin or beyond
    /// the range; otherwise counting the whole bin of `v`).
    pub fn count_at_most(&self, v: i64) -> u64 {
        if self.n == 0 || v < self.min {
            return 0;
        }
        if v >= self.max {
            return self.n;
        }
        let b = (v >> self.shift) - self.lo;
        self.counts[..=(b as usize).min(BINS - 1)].iter().sum()
    }

    /// Counts in `bins` equal ranges from the smallest to the largest value: (last value of the
    /// range, count) for each.
    pub fn ranges(&self, bins: usize) -> Vec<(i64, u64)> {
        if self.n == 0 {
            return Vec::new();
        }
        let span = self.max - self.min + 1;
        let bins = (bins as i64).clamp(1, span.max(1)) as usize;
        // Ranges of whole bins, so that every count is exact.
        let w = self.width();
        let per = (span + bins as i64 - 1) / bins as i64;
        let width = ((per + w - 1) / w).max(1) * w;
        let mut out = Vec::new();
        let mut edge = ((self.min >> self.shift) << self.shift) - 1;
        let mut before = 0;
        while edge < self.max {
            edge = (edge + width).min(self.max);
            let upto = self.count_at_most(edge);
            out.push((edge, upto - before));
            before = upto;
        }
        out
    }
}

/// Count, sum and sum of squares of integer values, exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Moments {
    pub n: u64,
    pub sum: i128,
    pub sq: i128,
}

impl Moments {
    #[inline]
    pub fn add(&mut self, v: i64) {
        self.n += 1;
        self.sum += v as i128;
        self.sq += (v as i128) * (v as i128);
    }

    pub fn merge(&mut self, o: &Moments) {
        self.n += o.n;
        self.sum += o.sum;
        self.sq += o.sq;
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum as f64 / self.n as f64
        }
    }

    /// The sample standard deviation (n − 1 in the denominator), from exact integer sums.
    pub fn std(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as i128;
        // n·Σx² − (Σx)² is exact in integers; only the last division is in floating point.
        let num = n * self.sq - self.sum * self.sum;
        ((num.max(0) as f64) / (n as f64 * (n - 1) as f64)).sqrt()
    }
}

/// Rank-correlation sums over blocks of iterations, exact: the numerator Σ a·ρ and the
/// normaliser Σ ρ² of within-block rank scores ρ = 2·rank − 1 − r (mid-ranks for ties) in
/// blocks of `r` rows, kept apart for full blocks and for the one short block a run may end
/// with (their scales differ by the block length).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RankSums {
    pub full: i128,
    pub last: i128,
}

impl RankSums {
    pub fn merge(&mut self, o: &RankSums) {
        self.full += o.full;
        self.last += o.last;
    }

    /// The sum on the common scale of rank scores divided by twice the block length.
    pub fn value(&self, block: u64, last: u64) -> f64 {
        let mut v = self.full as f64 / (2.0 * block as f64);
        if last > 0 {
            v += self.last as f64 / (2.0 * last as f64);
        }
        v
    }
}

/// Within-block rank scores `2·midrank − 1 − r` of `ys` (0-based rows), into `out`, using
/// `idx` as scratch; ties share their mid-rank, so the scores of a block sum to zero.
pub(crate) fn rank_scores(ys: &[i64], idx: &mut Vec<u32>, out: &mut Vec<i64>) {
    let r = ys.len();
    idx.clear();
    idx.extend(0..r as u32);
    idx.sort_unstable_by_key(|&k| (ys[k as usize], k));
    out.clear();
    out.resize(r, 0);
    let mut a = 0;
    while a < r {
        let mut b = a;
        while b + 1 < r && ys[idx[b + 1] as usize] == ys[idx[a] as usize] {
            b += 1;
        }
        // Ranks a+1 ..= b+1 share the mid-rank (a + b + 2) / 2; twice it is a + b + 2.
        let score = (a + b + 2) as i64 - 1 - r as i64;
        for k in a..=b {
            out[idx[k] as usize] = score;
        }
        a = b + 1;
    }
}

/// A draw's centred score `2w + 1 − 2³²` (the draw's uniform number minus ½, times 2³³).
#[inline]
pub(crate) fn draw_score(w: u32) -> i64 {
    2 * w as i64 + 1 - (1i64 << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_merge_to_the_same_bins_in_any_grouping() {
        let values: Vec<i64> = (0..20_000).map(|k| (k * 7919 % 10_007) * 3 - 500).collect();
        let mut one = Hist::new();
        values.iter().for_each(|&v| one.add(v));
        for parts in [2, 3, 7] {
            let mut hs: Vec<Hist> = (0..parts).map(|_| Hist::new()).collect();
            for (k, &v) in values.iter().enumerate() {
                hs[k % parts].add(v);
            }
            let mut m = Hist::new();
            for h in hs.iter().rev() {
                m.merge(h);
            }
            assert_eq!(
                (m.shift, m.lo, m.n, m.min, m.max),
                (one.shift, one.lo, one.n, one.min, one.max)
            );
            assert_eq!(m.counts, one.counts);
        }
        // 30,021 values of range over 2,048 bins: width 16.
        assert_eq!(one.width(), 16);
        let mut sorted = values.clone();
        sorted.sort();
        for p in [500, 5000, 9500] {
            let exact = sorted[(p as usize * sorted.len()).div_ceil(10_000) - 1];
            let q = one.quantile(p);
            assert!(q >= exact && q < exact + 16, "{p}: {q} vs {exact}");
        }
    }

    #[test]
    fn narrow_histograms_are_exact() {
        let mut h = Hist::new();
        for v in [5, 5, 6, 9, 9, 9, 12] {
            h.add(v);
        }
        assert_eq!(h.width(), 1);
        assert_eq!(h.quantile(5000), 9);
        assert_eq!(h.quantile(1), 5);
        assert_eq!(h.count_at_most(8), 3);
        assert_eq!(h.ranges(100).len(), 8);
        let mut m = Moments::default();
        [5, 5, 6, 9, 9, 9, 12].iter().for_each(|&v| m.add(v));
        assert!((m.mean() - 55.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn rank_scores_use_mid_ranks() {
        let (mut idx, mut out) = (Vec::new(), Vec::new());
        rank_scores(&[30, 10, 20, 20], &mut idx, &mut out);
        // Ranks 4, 1, 2.5, 2.5 of 4: scores 2·rank − 5.
        assert_eq!(out, vec![3, -3, 0, 0]);
        assert_eq!(out.iter().sum::<i64>(), 0);
    }
}
