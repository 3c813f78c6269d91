//! `apy::stdlib::random` against CPython 3.11: per seed, a script of method calls whose
//! expected results were produced by `python3 tests/gen/random_cases.py`.

use apy::stdlib::random::{Random, RandomError};
use num_bigint::BigInt;

#[allow(dead_code)]
enum Seed {
    Int(&'static str),
    Str(&'static str),
    Bytes(&'static [u8]),
    Hash(i64),
}

/// One call: method name, encoded arguments, encoded CPython result.
type Step = (&'static str, &'static [&'static str], &'static str);

mod cases {
    use super::{Seed, Step};
    include!("generated/random_cases.rs");
}

/// A decoded argument or result (see the encoding described in tests/gen/random_cases.py).
#[derive(Debug, Clone, PartialEq)]
enum V {
    Int(BigInt),
    Float(u64),
    None,
    List(Vec<V>),
    Bytes(Vec<u8>),
}

fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s.is_empty() {
        parts.push(&s[start..]);
    }
    parts
}

fn decode(s: &str) -> V {
    if s == "None" {
        V::None
    } else if let Some(hex) = s.strip_prefix("f:0x") {
        V::Float(u64::from_str_radix(hex, 16).expect("float bits"))
    } else if let Some(hex) = s.strip_prefix("b:") {
        V::Bytes(
            (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect(),
        )
    } else if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        V::List(split_top_level(inner).into_iter().map(decode).collect())
    } else {
        V::Int(s.parse().expect("int literal"))
    }
}

impl V {
    fn int(&self) -> BigInt {
        match self {
            V::Int(n) => n.clone(),
            other => panic!("not an int: {other:?}"),
        }
    }
    fn i64(&self) -> i64 {
        i64::try_from(self.int()).expect("fits i64")
    }
    fn usize(&self) -> usize {
        usize::try_from(self.int()).expect("fits usize")
    }
    fn float(&self) -> f64 {
        match self {
            V::Float(b) => f64::from_bits(*b),
            other => panic!("not a float: {other:?}"),
        }
    }
    fn opt_float(&self) -> Option<f64> {
        match self {
            V::None => None,
            v => Some(v.float()),
        }
    }
    fn opt_floats(&self) -> Option<Vec<f64>> {
        match self {
            V::None => None,
            V::List(items) => Some(items.iter().map(V::float).collect()),
            other => panic!("not a float list: {other:?}"),
        }
    }
}

fn float(x: f64) -> V {
    V::Float(x.to_bits())
}

fn indices(v: Vec<usize>) -> V {
    V::List(v.into_iter().map(|i| V::Int(i.into())).collect())
}

type Out = Result<V, String>;

fn err(e: RandomError) -> String {
    format!("{}:{}", e.exc_type(), e)
}

fn run(r: &mut Random, name: &str, a: &[V]) -> Out {
    match name {
        "random" => Ok(float(r.random())),
        "random_many" => {
            for _ in 1..a[0].usize() {
                r.random();
            }
            Ok(float(r.random()))
        }
        "getrandbits" => r.getrandbits_checked(a[0].i64()).map(V::Int).map_err(err),
        "randrange" => {
            let start = a[0].int();
            let stop = match a.get(1) {
                None | Some(V::None) => None,
                Some(v) => Some(v.int()),
            };
            let step = a.get(2).map(V::int).unwrap_or_else(|| 1.into());
            r.randrange(&start, stop.as_ref(), &step)
                .map(V::Int)
                .map_err(err)
        }
        "randint" => r.randint(&a[0].int(), &a[1].int()).map(V::Int).map_err(err),
        "choice" => r
            .choice_index(a[0].usize())
            .map(|i| V::Int(i.into()))
            .map_err(err),
        "shuffle" => {
            let mut x: Vec<usize> = (0..a[0].usize()).collect();
            r.shuffle(&mut x);
            Ok(indices(x))
        }
        "sample" => r
            .sample_indices(a[0].usize(), a[1].i64())
            .map(indices)
            .map_err(err),
        "sample_counts" => {
            let V::List(counts) = &a[0] else {
                panic!("counts")
            };
            let counts: Vec<i64> = counts.iter().map(V::i64).collect();
            r.sample_counts_indices(counts.len(), &counts, a[1].i64())
                .map(indices)
                .map_err(err)
        }
        "choices" => {
            let n = a[0].usize();
            let w = a[2].opt_floats();
            let cw = a[3].opt_floats();
            let picks = r
                .choices_indices(n, a[1].usize(), w.as_deref(), cw.as_deref())
                .map_err(err)?;
            // The VM indexes range(n) with each pick, raising like CPython's range.
            if picks.iter().any(|&i| i >= n) {
                return Err("IndexError:range object index out of range".into());
            }
            Ok(indices(picks))
        }
        "uniform" => Ok(float(r.uniform(a[0].float(), a[1].float()))),
        "triangular" => {
            let low = a[0].float();
            Ok(float(
                r.triangular(low, a[1].float(), a[2].opt_float())
                    .unwrap_or(low),
            ))
        }
        "gauss" => Ok(float(r.gauss(a[0].float(), a[1].float()))),
        "normalvariate" => Ok(float(r.normalvariate(a[0].float(), a[1].float()))),
        "lognormvariate" => r
            .lognormvariate(a[0].float(), a[1].float())
            .map(float)
            .map_err(err),
        "expovariate" => r.expovariate(a[0].float()).map(float).map_err(err),
        "vonmisesvariate" => r
            .vonmisesvariate(a[0].float(), a[1].float())
            .map(float)
            .map_err(err),
        "gammavariate" => r
            .gammavariate(a[0].float(), a[1].float())
            .map(float)
            .map_err(err),
        "betavariate" => r
            .betavariate(a[0].float(), a[1].float())
            .map(float)
            .map_err(err),
        "paretovariate" => r.paretovariate(a[0].float()).map(float).map_err(err),
        "weibullvariate" => r
            .weibullvariate(a[0].float(), a[1].float())
            .map(float)
            .map_err(err),
        "randbytes" => r.randbytes(a[0].i64()).map(V::Bytes).map_err(err),
        other => panic!("no dispatcher for {other}"),
    }
}

fn seeded(seed: &Seed) -> Random {
    let mut r = Random::from_os();
    match seed {
        Seed::Int(s) => r.seed_int(&s.parse().expect("int seed")),
        Seed::Str(s) => r.seed_str(s),
        Seed::Bytes(b) => r.seed_bytes(b),
        Seed::Hash(h) => r.seed_hash(*h),
    }
    r
}

#[test]
fn seeded_scripts_match_cpython() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (seed, script) in cases::SEED_SCRIPTS {
        let mut r = seeded(seed);
        for (step, (name, args, want)) in script.iter().enumerate() {
            total += 1;
            let args: Vec<V> = args.iter().map(|s| decode(s)).collect();
            let got = run(&mut r, name, &args);
            let want = match want.strip_prefix("E:") {
                Some(e) => Err(e.to_string()),
                None => Ok(decode(want)),
            };
            if got != want {
                let label = match seed {
                    Seed::Int(s) => format!("Int({s})"),
                    Seed::Str(s) => format!("Str({s:?})"),
                    Seed::Bytes(b) => format!("Bytes({b:?})"),
                    Seed::Hash(h) => format!("Hash({h})"),
                };
                failures.push(format!(
                    "{label} step {step} {name}{args:?}: got {got:?}, CPython {want:?}"
                ));
                break; // later steps of this seed would all differ
            }
        }
    }
    assert!(total > 2000, "only {total} steps ran");
    assert!(
        failures.is_empty(),
        "{} of {total} steps differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seeding_aliases() {
    // int seeds use the absolute value; bool True seeds like 1; seed_u64 == seed_int.
    let mut a = Random::from_int(&BigInt::from(-5));
    let mut b = Random::from_int(&BigInt::from(5));
    let mut c = Random::from_os();
    c.seed_u64(5);
    let (x, y, z) = (a.random(), b.random(), c.random());
    assert_eq!(x.to_bits(), y.to_bits());
    assert_eq!(x.to_bits(), z.to_bits());
    // python3 -c "import random; print(random.Random(5).random().hex())"
    assert_eq!(x.to_bits(), 0x3fe3eecf89059360);
}

#[test]
fn fast_paths_draw_like_bigint_paths() {
    let mut a = Random::from_int(&BigInt::from(7));
    let mut b = Random::from_int(&BigInt::from(7));
    for (start, stop, step) in [
        (0i64, 10i64, 1i64),
        (-5, 1_000_000_007, 3),
        (i64::MIN, i64::MAX, 1),
        (100, -100, -7),
    ] {
        for _ in 0..50 {
            let fast = a.randrange_i64(start, Some(stop), step).unwrap();
            let slow = b
                .randrange(&start.into(), Some(&stop.into()), &step.into())
                .unwrap();
            assert_eq!(BigInt::from(fast), slow);
        }
    }
    assert_eq!(
        a.randint_i64(i64::MIN, i64::MAX).map(BigInt::from),
        b.randint(&i64::MIN.into(), &i64::MAX.into())
    );
    assert_eq!(
        a.randrange_i64(5, Some(5), 1),
        Err(RandomError::EmptyRangeUnitStep {
            start: 5.into(),
            stop: 5.into(),
            width: 0.into()
        })
    );
}

#[test]
fn os_seeding_gives_different_streams() {
    let mut a = Random::from_os();
    let mut b = Random::from_os();
    assert_ne!(a.getrandbits(128), b.getrandbits(128));
}
