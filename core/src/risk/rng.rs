//! Random numbers: Philox4x32-10, a counter-based generator (Salmon, Moraes, Dror and Shaw,
//! "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the generator of Random123, JAX and
//! cuRAND).
//!
//! A counter-based generator has no state to carry from one draw to the next: the draw for
//! (seed, stream, iteration, index) is a pure function of those four numbers, ten rounds of
//! multiplications and xors. So iteration 4,711 of a simulation has the same random numbers
//! whichever thread computes it, in whatever order, on any platform, and a thread can start
//! anywhere without skipping ahead. Integer arithmetic only: identical on every target.

/// One Philox4x32-10 block: four 32-bit words for `counter` under `key`.
///
/// ```
/// // Random123's known-answer vector (its kat_vectors file).
/// assert_eq!(jindu::risk::philox4x32([0; 4], [0; 2]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
/// ```
pub fn philox4x32(counter: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    philox4x32_lanes::<1>([counter], key)[0]
}

/// `L` Philox4x32-10 blocks at once ([`philox4x32`] is one lane), each lane the same chain: the
/// lanes are independent chains of multiplications, which the processor overlaps (and the
/// compiler may vectorise) where one block at a time waits on each round's products.
#[inline(always)]
pub(crate) fn philox4x32_lanes<const L: usize>(
    counter: [[u32; 4]; L],
    key: [u32; 2],
) -> [[u32; 4]; L] {
    const M0: u64 = 0xD251_1F53;
    const M1: u64 = 0xCD9E_8D57;
    const W0: u32 = 0x9E37_79B9;
    const W1: u32 = 0xBB67_AE85;
    let mut c = counter;
    let mut k = key;
    for round in 0..10 {
        if round > 0 {
            k[0] = k[0].wrapping_add(W0);
            k[1] = k[1].wrapping_add(W1);
        }
        for c in c.iter_mut() {
            let p0 = M0 * c[0] as u64;
            let p1 = M1 * c[2] as u64;
            *c = [
                (p1 >> 32) as u32 ^ c[1] ^ k[0],
                p1 as u32,
                (p0 >> 32) as u32 ^ c[3] ^ k[1],
                p0 as u32,
            ];
        }
    }
    c
}

/// The streams a simulation draws from (the last counter word), so that adding a draw of one
/// kind never shifts the draws of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Stream {
    /// Task durations: index = task index.
    Duration = 1,
    /// Whether each risk occurs: index = risk number.
    Occurs = 2,
    /// Each risk's delays and cost: index = 8 × risk number + impact number.
    Impact = 3,
    /// Iman–Conover score permutations: iteration = block, index = column × block size + row.
    Scores = 4,
}

/// The draws of one simulation: Philox keyed by the seed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Draws {
    key: [u32; 2],
}

impl Draws {
    pub fn new(seed: u64) -> Draws {
        Draws {
            key: [seed as u32, (seed >> 32) as u32],
        }
    }

    /// The 32-bit draw number `index` of `stream` in `iteration`.
    #[inline]
    pub fn word(&self, stream: Stream, iteration: u64, index: u64) -> u32 {
        let block = philox4x32(
            [
                (index >> 2) as u32,
                iteration as u32,
                (iteration >> 32) as u32 ^ (((index >> 34) as u32) << 8),
                stream as u32,
            ],
            self.key,
        );
        block[(index & 3) as usize]
    }

    /// Four consecutive draws `4·quad .. 4·quad + 3` of `stream` in `iteration`.
    #[inline]
    pub fn quad(&self, stream: Stream, iteration: u64, quad: u64) -> [u32; 4] {
        philox4x32(
            [
                quad as u32,
                iteration as u32,
                (iteration >> 32) as u32 ^ (((quad >> 32) as u32) << 8),
                stream as u32,
            ],
            self.key,
        )
    }
}

impl Draws {
    /// [`Draws::quad`] for `L` blocks of one stream and iteration at once.
    #[inline(always)]
    pub fn quads<const L: usize>(
        &self,
        stream: Stream,
        iteration: u64,
        quads: [u64; L],
    ) -> [[u32; 4]; L] {
        philox4x32_lanes(
            quads.map(|q| {
                [
                    q as u32,
                    iteration as u32,
                    (iteration >> 32) as u32 ^ (((q >> 32) as u32) << 8),
                    stream as u32,
                ]
            }),
            self.key,
        )
    }
}

/// A 32-bit draw as a uniform number in (0, 1): the middle of its 2⁻³² cell, never 0 or 1.
#[inline]
pub(crate) fn unit(w: u32) -> f64 {
    (w as f64 + 0.5) * (1.0 / 4_294_967_296.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random123_known_answers() {
        assert_eq!(
            philox4x32([0xffff_ffff; 4], [0xffff_ffff; 2]),
            [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]
        );
        assert_eq!(
            philox4x32(
                [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
                [0xa4093822, 0x299f31d0]
            ),
            [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]
        );
    }

    #[test]
    fn draws_are_uniform_and_streams_differ() {
        let d = Draws::new(7);
        let n = 100_000u64;
        let mut sum = 0.0;
        let mut below = 0;
        for i in 0..n {
            let u = unit(d.word(Stream::Duration, i, 3));
            sum += u;
            if u < 0.25 {
                below += 1;
            }
        }
        // Mean 1/2 with sd sqrt(1/12/n) = 0.00091: 5 sd.
        assert!((sum / n as f64 - 0.5).abs() < 0.0046, "{}", sum / n as f64);
        // Binomial(n, 1/4): sd 137; 5 sd.
        assert!((below as i64 - 25_000).abs() < 685, "{below}");
        assert_ne!(d.word(Stream::Duration, 1, 0), d.word(Stream::Occurs, 1, 0));
        assert_eq!(
            d.quad(Stream::Impact, 9, 2)[1],
            d.word(Stream::Impact, 9, 9)
        );
        assert!(unit(0) > 0.0 && unit(u32::MAX) < 1.0);
        let qs = [0, 7, 1 << 33, u64::MAX >> 20];
        let lanes = d.quads(Stream::Duration, 5 + (3 << 32), qs);
        for (q, got) in qs.iter().zip(lanes) {
            assert_eq!(got, d.quad(Stream::Duration, 5 + (3 << 32), *q));
        }
    }
}
