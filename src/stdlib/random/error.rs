//! The errors `random` functions raise, with CPython 3.11's exception classes and texts.

use crate::stdlib::math::MathError;
use num_bigint::BigInt;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RandomError {
    /// ValueError from `getrandbits(k)` with `k < 0`.
    #[error("number of bits must be non-negative")]
    NegativeBitCount,
    /// OverflowError from `getrandbits(k)` with `k` outside a C int.
    #[error("Python int too large to convert to C int")]
    BitCountTooLarge,
    /// TypeError from `randrange(start, None, step)` with a step other than 1.
    #[error("Missing a non-None stop argument")]
    MissingStop,
    /// ValueError from `randrange(stop)` with `stop <= 0`, and from an empty non-unit-step
    /// range.
    #[error("empty range for randrange()")]
    EmptyRange,
    /// ValueError from `randrange(start, stop)` / `randint(a, b)` with an empty range;
    /// CPython 3.11 quotes start, stop and their difference.
    #[error("empty range for randrange() ({start}, {stop}, {width})")]
    EmptyRangeUnitStep {
        start: BigInt,
        stop: BigInt,
        width: BigInt,
    },
    /// ValueError from `randrange(start, stop, 0)`.
    #[error("zero step for randrange()")]
    ZeroStep,
    /// IndexError from `choice` on an empty sequence.
    #[error("Cannot choose from an empty sequence")]
    EmptySequence,
    /// ValueError from `sample` with `k < 0` or `k > len(population)`.
    #[error("Sample larger than population or is negative")]
    SampleSize,
    /// ValueError from `sample(..., counts=...)` with a counts list of the wrong length.
    #[error("The number of counts does not match the population")]
    CountsLength,
    /// ValueError from `sample(..., counts=...)`.
    #[error("Total of counts must be greater than zero")]
    CountsTotalNotPositive,
    /// IndexError from `sample([], counts=[])` (CPython pops from the empty cumulative list).
    #[error("pop from empty list")]
    CountsEmpty,
    /// OverflowError from `sample(..., counts=...)` when the total exceeds a C `ssize_t`.
    #[error("Python int too large to convert to C ssize_t")]
    CountsTotalTooLarge,
    /// TypeError from `choices` given both `weights` and `cum_weights`.
    #[error("Cannot specify both weights and cumulative weights")]
    BothWeights,
    /// ValueError from `choices` when the weights' length differs from the population's.
    #[error("The number of weights does not match the population")]
    WeightsLength,
    /// ValueError from `choices`.
    #[error("Total of weights must be greater than zero")]
    WeightsTotalNotPositive,
    /// ValueError from `choices` (an infinite or NaN total).
    #[error("Total of weights must be finite")]
    WeightsTotalNotFinite,
    /// IndexError from `choices([], weights=[])`: CPython reads `cum_weights[-1]` of an
    /// empty list. (A user-supplied empty *tuple* `cum_weights` would say "tuple index out
    /// of range"; the VM can special-case that if it ever matters.)
    #[error("list index out of range")]
    CumWeightsEmpty,
    /// ValueError from `gammavariate`/`betavariate`.
    #[error("gammavariate: alpha and beta must be > 0.0")]
    GammaParameters,
    /// ZeroDivisionError from float division inside a distribution (e.g. `expovariate(0)`).
    #[error("float division by zero")]
    FloatDivisionByZero,
    /// ZeroDivisionError from `0.0 ** negative` inside a distribution.
    #[error("0.0 cannot be raised to a negative power")]
    ZeroToNegativePower,
    /// OverflowError from float `**` overflowing inside a distribution (CPython reports
    /// the C errno: `(34, 'Numerical result out of range')`).
    #[error("(34, 'Numerical result out of range')")]
    PowerOverflow,
    /// MemoryError (empty message, like CPython's) when a result list cannot be allocated.
    #[error("")]
    MemoryError,
    /// An error from a `math` function used by a distribution (e.g. `math.exp` overflow).
    #[error(transparent)]
    Math(#[from] MathError),
}

impl RandomError {
    /// The CPython exception class this error is raised as.
    pub fn exc_type(&self) -> &'static str {
        use RandomError::*;
        match self {
            MissingStop | BothWeights => "TypeError",
            EmptySequence | CountsEmpty | CumWeightsEmpty => "IndexError",
            CountsTotalTooLarge | PowerOverflow | BitCountTooLarge => "OverflowError",
            FloatDivisionByZero | ZeroToNegativePower => "ZeroDivisionError",
            MemoryError => "MemoryError",
            Math(e) => e.exc_type(),
            NegativeBitCount
            | EmptyRange
            | EmptyRangeUnitStep { .. }
            | ZeroStep
            | SampleSize
            | CountsLength
            | CountsTotalNotPositive
            | WeightsLength
            | WeightsTotalNotPositive
            | WeightsTotalNotFinite
            | GammaParameters => "ValueError",
        }
    }
}
