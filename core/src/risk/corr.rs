//! Correlated durations by the method of Iman and Conover ("A distribution-free approach to
//! inducing rank correlation among input variables", 1982), the method of Primavera Risk
//! Analysis and @RISK.
//!
//! The iterations are taken in blocks of `B` rows. For each block and each group of correlated
//! tasks (a connected set of the correlation pairs, with its target matrix `C = P·Pᵀ`):
//!
//! 1. each column gets van der Waerden scores `Φ⁻¹(i/(B+1))`, `i = 1..B`, in a random order
//!    (a Fisher–Yates shuffle drawn from the block's own Philox stream);
//! 2. the scores' own correlation `E = Q·Qᵀ` is measured and undone, and the target put in:
//!    `T = S·(P·Q⁻¹)ᵀ`, so that `T` has exactly the correlation `C`;
//! 3. each task's `B` independent draws for the block are sorted and handed out in the rank
//!    order of its column of `T`.
//!
//! The draws themselves are untouched (each task keeps its own distribution exactly); only
//! which iteration gets which draw changes, so the rank correlation of the samples is that of
//! `T`. A block depends only on the seed and its number, so iteration `j` has the same
//! samples whatever the thread count and the total number of iterations.

use crate::error::{Error, Item, Result};

use super::dist::normal_quantile;
use super::rng::{Draws, Stream};

/// The lower Cholesky factor of the symmetric `k × k` matrix `a` (row-major), or `None` when
/// it is not positive definite.
pub(crate) fn cholesky(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            let mut s = a[i * k + j];
            for m in 0..j {
                s -= l[i * k + m] * l[j * k + m];
            }
            if i == j {
                if s.is_nan() || s <= 1e-12 {
                    return None;
                }
                l[i * k + i] = s.sqrt();
            } else {
                l[i * k + j] = s / l[j * k + j];
            }
        }
    }
    Some(l)
}

/// One group of correlated tasks.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Task indices, ascending (the columns).
    pub tasks: Vec<u32>,
    /// Cholesky factor of the target matrix.
    p: Vec<f64>,
}

impl Group {
    /// A group with target matrix `c` (row-major over `tasks`); `item` names the correlations
    /// in the error when `c` is not a correlation matrix.
    pub fn new(tasks: Vec<u32>, c: &[f64], names: &[String]) -> Result<Group> {
        let k = tasks.len();
        let p = cholesky(c, k).ok_or_else(|| {
            Error::invalid(
                Item::Path("correlations".into()),
                "coefficient",
                format!(
                    "the coefficients among tasks {} are not consistent (their matrix is not \
                     positive definite): no durations can have them all; weaken some",
                    names.join(", ")
                ),
            )
        })?;
        Ok(Group { tasks, p })
    }

    pub fn len(&self) -> usize {
        self.tasks.len()
    }
}

/// Reusable buffers of the Iman–Conover step.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    scores: Vec<f64>,
    s: Vec<f64>,
    t: Vec<f64>,
    z: Vec<f64>,
    e: Vec<f64>,
    perm: Vec<u32>,
    words: Vec<u32>,
    order: Vec<u32>,
}

impl Scratch {
    /// Van der Waerden scores for blocks of `b` rows, scaled to unit variance.
    pub fn prepare(&mut self, b: usize) {
        if self.scores.len() == b {
            return;
        }
        self.scores.clear();
        self.scores
            .extend((1..=b).map(|i| normal_quantile(i as f64 / (b + 1) as f64)));
        let var = self.scores.iter().map(|x| x * x).sum::<f64>() / b as f64;
        let sd = var.sqrt();
        self.scores.iter_mut().for_each(|x| *x /= sd);
    }
}

/// Fills `out` (row-major, `b` rows × the group's columns) with the draws of the group's tasks
/// for block `block` of `b` rows, rearranged to the target rank correlation.
pub(crate) fn block_draws(
    g: &Group,
    group_no: usize,
    draws: &Draws,
    block: u64,
    b: usize,
    sc: &mut Scratch,
    out: &mut Vec<u32>,
) {
    let k = g.len();
    sc.prepare(b);
    sc.s.clear();
    sc.s.resize(b * k, 0.0);
    // 1. Shuffled scores per column.
    for c in 0..k {
        sc.perm.clear();
        sc.perm.extend(0..b as u32);
        let base = ((group_no as u64) << 40) + (c * b) as u64;
        for i in (1..b).rev() {
            let w = draws.word(Stream::Scores, block, base + i as u64);
            let j = ((w as u64 * (i as u64 + 1)) >> 32) as usize;
            sc.perm.swap(i, j);
        }
        for r in 0..b {
            sc.s[r * k + c] = sc.scores[sc.perm[r] as usize];
        }
    }
    // 2. Their correlation E, its factor Q, and T = S·(P·Q⁻¹)ᵀ row by row.
    sc.e.clear();
    sc.e.resize(k * k, 0.0);
    for r in 0..b {
        let row = &sc.s[r * k..(r + 1) * k];
        for i in 0..k {
            for j in 0..=i {
                sc.e[i * k + j] += row[i] * row[j];
            }
        }
    }
    for i in 0..k {
        for j in 0..=i {
            let v = sc.e[i * k + j] / b as f64;
            sc.e[i * k + j] = v;
            sc.e[j * k + i] = v;
        }
    }
    let q = cholesky(&sc.e, k);
    sc.t.clear();
    sc.t.resize(b * k, 0.0);
    sc.z.clear();
    sc.z.resize(k, 0.0);
    for r in 0..b {
        let row = &sc.s[r * k..(r + 1) * k];
        // z = Q⁻¹·s (forward substitution); without a factor, the scores as they are.
        for i in 0..k {
            let mut v = row[i];
            if let Some(q) = &q {
                for m in 0..i {
                    v -= q[i * k + m] * sc.z[m];
                }
                v /= q[i * k + i];
            }
            sc.z[i] = v;
        }
        for i in 0..k {
            let mut v = 0.0;
            for m in 0..=i {
                v += g.p[i * k + m] * sc.z[m];
            }
            sc.t[r * k + i] = v;
        }
    }
    // 3. Each task's draws, sorted, handed out in the rank order of its column of T.
    out.clear();
    out.resize(b * k, 0);
    for (c, &task) in g.tasks.iter().enumerate() {
        sc.words.clear();
        sc.words.extend(
            (0..b).map(|r| draws.word(Stream::Duration, block * b as u64 + r as u64, task as u64)),
        );
        sc.words.sort_unstable();
        sc.order.clear();
        sc.order.extend(0..b as u32);
        let t = &sc.t;
        sc.order.sort_unstable_by(|&x, &y| {
            t[x as usize * k + c]
                .total_cmp(&t[y as usize * k + c])
                .then(x.cmp(&y))
        });
        for (m, &r) in sc.order.iter().enumerate() {
            out[r as usize * k + c] = sc.words[m];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_factors_and_refuses() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let l = cholesky(&a, 2).unwrap();
        assert_eq!(l, vec![2.0, 0.0, 1.0, 2f64.sqrt()]);
        // Three tasks pairwise at −0.9 cannot exist.
        let bad = [1.0, -0.9, -0.9, -0.9, 1.0, -0.9, -0.9, -0.9, 1.0];
        assert!(cholesky(&bad, 3).is_none());
    }

    fn spearman(x: &[u32], y: &[u32]) -> f64 {
        let rank = |v: &[u32]| {
            let mut idx: Vec<usize> = (0..v.len()).collect();
            idx.sort_by_key(|&i| v[i]);
            let mut r = vec![0.0; v.len()];
            for (k, &i) in idx.iter().enumerate() {
                r[i] = k as f64;
            }
            r
        };
        let (a, b) = (rank(x), rank(y));
        let n = x.len() as f64;
        let m = (n - 1.0) / 2.0;
        let num: f64 = a.iter().zip(&b).map(|(p, q)| (p - m) * (q - m)).sum();
        let den: f64 = a.iter().map(|p| (p - m) * (p - m)).sum();
        num / den
    }

    #[test]
    fn blocks_reach_the_target_rank_correlation_and_keep_the_draws() {
        let c = [1.0, 0.7, -0.3, 0.7, 1.0, 0.0, -0.3, 0.0, 1.0];
        let g = Group::new(vec![2, 5, 9], &c, &[]).unwrap();
        let d = Draws::new(11);
        let mut sc = Scratch::default();
        let mut out = Vec::new();
        let b = 512;
        block_draws(&g, 0, &d, 3, b, &mut sc, &mut out);
        let col = |c: usize| (0..b).map(|r| out[r * 3 + c]).collect::<Vec<_>>();
        // The rank correlation of T equals the Pearson correlation of normal scores, which
        // for a target ρ is (6/π)·asin(ρ/2) in Spearman terms; within a block of 512 the
        // sampling error of a Spearman coefficient is about 1/√511 = 0.044.
        let want = |r: f64| 6.0 / std::f64::consts::PI * (r / 2.0).asin();
        assert!((spearman(&col(0), &col(1)) - want(0.7)).abs() < 0.05);
        assert!((spearman(&col(0), &col(2)) - want(-0.3)).abs() < 0.05);
        assert!(spearman(&col(1), &col(2)).abs() < 0.05);
        // The draws are the task's own, only reordered.
        let mut mine = col(1);
        mine.sort();
        let mut own: Vec<u32> = (0..b as u64)
            .map(|r| d.word(Stream::Duration, 3 * b as u64 + r, 5))
            .collect();
        own.sort();
        assert_eq!(mine, own);
    }
}
