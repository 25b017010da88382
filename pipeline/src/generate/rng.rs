//! Random draws built directly on the ChaCha8 stream, so the output depends only on the
//! seed and on this code (not on how a distribution crate implements its samplers).

use rand::RngCore;
use rand_chacha::ChaCha8Rng;

pub(crate) struct R(pub ChaCha8Rng);

impl R {
    /// Uniform in [0, 1).
    #[inline]
    pub(crate) fn u(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    #[inline]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.u() < p
    }
    #[inline]
    pub(crate) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.u()
    }
    /// Uniform integer in 0..n (n > 0).
    #[inline]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (((self.0.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    /// Uniform integer in lo..=hi.
    #[inline]
    pub(crate) fn int(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i32
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// Exponential with the given mean.
    pub(crate) fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.u()).ln()
    }
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.u();
        let u2 = self.u();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
    /// Poisson (Knuth; the means used here are small).
    pub(crate) fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        let l = (-mean.min(30.0)).exp();
        let mut k = 0;
        let mut p = 1.0;
        loop {
            p *= self.u();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
    /// Index drawn with probability proportional to `w`.
    pub(crate) fn weighted(&mut self, w: &[f64]) -> usize {
        let total: f64 = w.iter().sum();
        let mut x = self.u() * total;
        for (i, wi) in w.iter().enumerate() {
            if x < *wi {
                return i;
            }
            x -= wi;
        }
        w.len() - 1
    }
    /// Index into a cumulative table.
    pub(crate) fn pick_cdf(&mut self, cdf: &[f64]) -> usize {
        let x = self.u() * cdf[cdf.len() - 1];
        cdf.partition_point(|c| *c <= x).min(cdf.len() - 1)
    }
}

/// SplitMix64 finalizer.
pub(crate) fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const M48: u64 = (1 << 48) - 1;

/// A bijection of 48-bit integers (xor with a key, then odd multiplications and
/// xor-shifts, each invertible mod 2^48): distinct inputs give distinct person ids.
pub(crate) fn perm48(x: u64, key: u64) -> u64 {
    let mut x = (x ^ key) & M48;
    x = x.wrapping_mul(0x0005_DEEC_E66D) & M48;
    x ^= x >> 24;
    x = x.wrapping_mul(0xBF58_476D_1CE5) & M48;
    x ^= x >> 21;
    x = x.wrapping_mul(0x2545_F491_4F6D) & M48;
    x ^ (x >> 25)
}

/// A bijection of 32-bit integers (for case-manager ids).
pub(crate) fn perm32(x: u32, key: u32) -> u32 {
    let mut x = x ^ key;
    x = x.wrapping_mul(0x9E37_79B1);
    x ^= x >> 15;
    x = x.wrapping_mul(0x85EB_CA77);
    x ^= x >> 13;
    x = x.wrapping_mul(0xC2B2_AE3D);
    x ^ (x >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perms_are_injective_on_a_sample() {
        let mut seen: Vec<u64> = (0..200_000u64).map(|i| perm48(i, 77)).collect();
        seen.extend((0..1000u64).map(|i| perm48((1 << 47) + i, 77)));
        seen.sort_unstable();
        let n = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), n);
        assert!(seen.iter().all(|x| *x <= M48));
        let mut s32: Vec<u32> = (0..100_000u32).map(|i| perm32(i, 5)).collect();
        s32.sort_unstable();
        s32.dedup();
        assert_eq!(s32.len(), 100_000);
    }
}
