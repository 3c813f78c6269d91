//! The one error type of the numeric/text formatting layer.
//!
//! Each variant's `Display` is CPython 3.11's exact exception message, and
//! [`FormatError::exception_kind`] names the exception class CPython raises, so the object
//! model can turn one into a Python exception without re-wording anything.

use thiserror::Error;

/// Where a "not allowed in … format specifier" complaint applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecTarget {
    Integer,
    String,
}

impl SpecTarget {
    fn word(self) -> &'static str {
        match self {
            SpecTarget::Integer => "integer",
            SpecTarget::String => "string",
        }
    }
}

/// Formats a presentation type the way CPython's `%c`-or-`\x%x` fallback does: printable
/// ASCII as itself, anything else as `\x` plus lowercase hex without padding.
fn code(kind: char) -> String {
    let cp = kind as u32;
    if cp > 32 && cp < 128 {
        kind.to_string()
    } else {
        format!("\\x{cp:x}")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormatError {
    /// More than one character left where only the type code may stand.
    #[error("Invalid format specifier '{spec}' for object of type '{type_name}'")]
    InvalidSpecifier { spec: String, type_name: String },
    /// Width or precision does not fit in a `Py_ssize_t`.
    #[error("Too many decimal digits in format string")]
    TooManyDecimalDigits,
    #[error("Format specifier missing precision")]
    MissingPrecision,
    #[error("Cannot specify both ',' and '_'.")]
    BothSeparators,
    #[error("Cannot specify '{separator}' with '{}'.", code(*kind))]
    SeparatorNotAllowed { separator: char, kind: char },
    #[error("Unknown format code '{}' for object of type '{type_name}'", code(*kind))]
    UnknownFormatCode { kind: char, type_name: String },
    #[error("Precision not allowed in integer format specifier")]
    IntPrecisionNotAllowed,
    #[error("Negative zero coercion (z) not allowed in {} format specifier", .0.word())]
    NegativeZeroNotAllowed(SpecTarget),
    #[error("Sign not allowed with integer format specifier 'c'")]
    CharSignNotAllowed,
    #[error("Alternate form (#) not allowed with integer format specifier 'c'")]
    CharAlternateNotAllowed,
    /// OverflowError.
    #[error("%c arg not in range(0x110000)")]
    CharOutOfRange,
    /// OverflowError: a `c` argument beyond a C long.
    #[error("Python int too large to convert to C long")]
    IntTooLargeForCLong,
    /// OverflowError: an int formatted with a float presentation type.
    #[error("int too large to convert to float")]
    IntTooLargeForFloat,
    #[error("Sign not allowed in string format specifier")]
    StrSignNotAllowed,
    #[error("Space not allowed in string format specifier")]
    StrSpaceNotAllowed,
    #[error("Alternate form (#) not allowed in string format specifier")]
    StrAlternateNotAllowed,
    #[error("'=' alignment not allowed in string format specifier")]
    StrEqualsAlignNotAllowed,
    /// A float precision above `INT_MAX`.
    #[error("precision too big")]
    PrecisionTooBig,
    /// TypeError from `object.__format__` with a non-empty spec.
    #[error("unsupported format string passed to {type_name}.__format__")]
    UnsupportedFormatString { type_name: String },
    /// `str(int)` beyond `sys.get_int_max_str_digits()` decimal digits.
    #[error("Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")]
    IntToStrDigitLimit { limit: usize },
    /// `int(str)` beyond `sys.get_int_max_str_digits()` digits (non power-of-two bases).
    #[error("Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit")]
    StrToIntDigitLimit { limit: usize, digits: usize },
    /// `int(s, base)` that does not parse; `repr` is CPython's `%.200R` of the argument.
    #[error("invalid literal for int() with base {base}: {repr}")]
    InvalidIntLiteral { base: u32, repr: String },
    #[error("int() base must be >= 2 and <= 36, or 0")]
    InvalidIntBase,
    /// `float(s)` that does not parse; `repr` is the full `repr` of the argument.
    #[error("could not convert string to float: {repr}")]
    InvalidFloatLiteral { repr: String },
    /// OverflowError from `round(x, n)`.
    #[error("rounded value too large to represent")]
    RoundedValueTooLarge,
    #[error("cannot convert float NaN to integer")]
    FloatNanToInt,
    /// OverflowError.
    #[error("cannot convert float infinity to integer")]
    FloatInfinityToInt,
    /// A result so large that building it would exhaust memory (CPython: MemoryError, no
    /// message). apy refuses before allocating instead of aborting the process.
    #[error("")]
    OutOfMemory,
}

impl FormatError {
    /// The CPython exception class this error is raised as.
    pub fn exception_kind(&self) -> &'static str {
        match self {
            FormatError::CharOutOfRange
            | FormatError::IntTooLargeForCLong
            | FormatError::IntTooLargeForFloat
            | FormatError::RoundedValueTooLarge
            | FormatError::FloatInfinityToInt => "OverflowError",
            FormatError::UnsupportedFormatString { .. } => "TypeError",
            FormatError::OutOfMemory => "MemoryError",
            _ => "ValueError",
        }
    }
}

/// Largest output (in chars) apy agrees to build; beyond it CPython would most likely
/// raise MemoryError too, and apy must not abort on a failed allocation.
pub(crate) const MAX_OUTPUT_CHARS: usize = 1 << 31;
