//! [`Random`]: the state of one `random.Random` instance (the Mersenne Twister plus the
//! `gauss_next` cache) and CPython 3.11's ways of seeding it.
//!
//! `random.seed(a)` (version 2) reduces every seed to an unsigned int and feeds its 32-bit
//! words, least significant first, to `init_by_array`:
//! - int: its absolute value (0 gives the single word `[0]`) — [`Random::seed_int`];
//! - str / bytes / bytearray: `int.from_bytes(a + sha512(a).digest(), 'big')`, str encoded
//!   as UTF-8 first — [`Random::seed_bytes`], [`Random::seed_str`];
//! - any other hashable (float, and whatever else the VM allows): `hash(a)` reinterpreted
//!   as an unsigned 64-bit number — [`Random::seed_hash`]; the VM passes Python's `hash(a)`;
//! - None: 624 words of OS entropy (time and pid as a fallback) — [`Random::seed_from_os`].
//!
//! Seeding also clears the `gauss_next` cache, as `Random.seed` does.

use super::mt19937::Mt19937;
use super::sha512::sha512;
use num_bigint::{BigInt, BigUint};

/// One `random.Random` instance's state.
#[derive(Debug, Clone)]
pub struct Random {
    pub(super) mt: Mt19937,
    /// The second normal deviate computed by the last `gauss()` call, returned next time.
    pub(super) gauss_next: Option<f64>,
}

/// The seed words for a non-negative integer: 32-bit digits, least significant first.
fn int_key(n: &BigUint) -> Vec<u32> {
    let digits = n.to_u32_digits();
    if digits.is_empty() {
        vec![0]
    } else {
        digits
    }
}

/// The seed words for str/bytes seeds: the big-endian number `a || sha512(a)`, split into
/// 32-bit words from its least significant end (leading zero bytes contribute nothing).
fn bytes_key(a: &[u8]) -> Vec<u32> {
    let mut material = Vec::with_capacity(a.len() + 64);
    material.extend_from_slice(a);
    material.extend_from_slice(&sha512(a));
    int_key(&BigUint::from_bytes_be(&material))
}

impl Random {
    /// A generator seeded from OS entropy, like `random.Random()` (and the module-level
    /// generator at import time).
    pub fn from_os() -> Self {
        let mut r = Random {
            mt: Mt19937::from_u32(0),
            gauss_next: None,
        };
        r.seed_from_os();
        r
    }

    /// A generator seeded like `random.Random(n)` for an int `n`.
    pub fn from_int(n: &BigInt) -> Self {
        Random {
            mt: Mt19937::from_key(&int_key(n.magnitude())),
            gauss_next: None,
        }
    }

    /// `seed(n)` for an int (bools are ints: True seeds like 1).
    pub fn seed_int(&mut self, n: &BigInt) {
        self.mt.init_by_array(&int_key(n.magnitude()));
        self.gauss_next = None;
    }

    /// `seed(n)` for an int known to fit in 64 bits; identical to [`Random::seed_int`].
    pub fn seed_u64(&mut self, n: u64) {
        let key: &[u32] = if n >> 32 == 0 {
            &[n as u32]
        } else {
            &[n as u32, (n >> 32) as u32]
        };
        self.mt.init_by_array(key);
        self.gauss_next = None;
    }

    /// `seed(a)` for bytes or bytearray.
    pub fn seed_bytes(&mut self, a: &[u8]) {
        self.mt.init_by_array(&bytes_key(a));
        self.gauss_next = None;
    }

    /// `seed(a)` for a str (CPython encodes it as UTF-8 first).
    pub fn seed_str(&mut self, a: &str) {
        self.seed_bytes(a.as_bytes());
    }

    /// `seed(a)` for other hashable seeds (floats in particular): `hash` is Python's
    /// `hash(a)`, which CPython casts to an unsigned 64-bit number.
    pub fn seed_hash(&mut self, hash: i64) {
        self.seed_u64(hash as u64);
    }

    /// `seed()` / `seed(None)`: 624 words from the OS (`/dev/urandom`), falling back to the
    /// current time and process id as CPython does when no entropy source is available.
    pub fn seed_from_os(&mut self) {
        let key = os_entropy_key().unwrap_or_else(time_pid_key);
        self.mt.init_by_array(&key);
        self.gauss_next = None;
    }

    /// `random()`: the next float in [0, 1).
    #[inline]
    pub fn random(&mut self) -> f64 {
        self.mt.random()
    }

    /// `getrandbits(k)` for a non-negative `k`.
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        self.mt.getrandbits(k)
    }

    /// `getrandbits(k)` for any int `k` (the VM clamps ints beyond `i64`), with CPython's
    /// errors: OverflowError outside a C int, ValueError for negative counts.
    pub fn getrandbits_checked(&mut self, k: i64) -> Result<BigInt, super::RandomError> {
        let k = i32::try_from(k).map_err(|_| super::RandomError::BitCountTooLarge)?;
        let k = u64::try_from(k).map_err(|_| super::RandomError::NegativeBitCount)?;
        Ok(self.getrandbits(k))
    }

    /// `randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`, with getrandbits'
    /// errors for `n * 8` outside a C int or negative.
    pub fn randbytes(&mut self, n: i64) -> Result<Vec<u8>, super::RandomError> {
        let bits =
            i32::try_from(i128::from(n) * 8).map_err(|_| super::RandomError::BitCountTooLarge)?;
        let bits = u64::try_from(bits).map_err(|_| super::RandomError::NegativeBitCount)?;
        let mut bytes = self.mt.getrandbits_biguint(bits).to_bytes_le();
        bytes.resize((bits / 8) as usize, 0);
        Ok(bytes)
    }

    /// The underlying Mersenne Twister.
    pub fn mt(&mut self) -> &mut Mt19937 {
        &mut self.mt
    }
}

/// 624 words (2496 bytes) of OS entropy, as `random_seed_urandom` reads.
fn os_entropy_key() -> Option<Vec<u32>> {
    use std::io::Read;
    let mut buf = [0u8; 624 * 4];
    let mut file = std::fs::File::open("/dev/urandom").ok()?;
    file.read_exact(&mut buf).ok()?;
    Some(
        buf.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// CPython's fallback key: wall-clock nanoseconds, pid, and a monotonic reading.
fn time_pid_key() -> Vec<u32> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // No absolute monotonic clock in std: mix in a per-process random hasher state instead.
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(now);
    let mono = h.finish();
    vec![
        now as u32,
        (now >> 32) as u32,
        std::process::id(),
        mono as u32,
        (mono >> 32) as u32,
    ]
}
