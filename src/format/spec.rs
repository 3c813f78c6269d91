//! The format-spec mini-language, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
//! parsed exactly as CPython 3.11's `parse_internal_render_format_spec`.
//!
//! Parsing is type-independent; what depends on the value's type (the default type code, the
//! default alignment, which separators a type allows) is resolved by each formatter, in the
//! same order CPython checks it, so error precedence matches.

use super::error::FormatError;
use super::unicode_props::decimal_value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between sign/prefix and digits.
    AfterSign,
}

/// The sign option. `Default` (none given) and `Minus` print the same, but strings and the
/// `c` type reject any explicit sign, so the difference is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sign {
    #[default]
    Default,
    Minus,
    Plus,
    Space,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`
    Comma,
    /// `_`
    Underscore,
}

impl Grouping {
    pub fn as_char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec. `fill` is `'0'` when the `0` flag supplied it (`zero_pad`), else
/// the explicit fill or `' '`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<Align>,
    pub sign: Sign,
    /// `z`: coerce negative zero to positive after rounding (floats only).
    pub no_neg_zero: bool,
    /// `#`
    pub alternate: bool,
    /// The `0` flag (only recognised when no explicit fill was given).
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type; `None` when absent. May be any char (CPython validates it
    /// per type, e.g. `'\0'` is "no type" for floats but unknown for ints).
    pub kind: Option<char>,
}

impl Default for FormatSpec {
    fn default() -> Self {
        FormatSpec {
            fill: ' ',
            align: None,
            sign: Sign::Default,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            kind: None,
        }
    }
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// CPython's `get_integer`: a run of (any-script) decimal digits; `None` when there are none.
/// Values beyond `Py_ssize_t` are an error, as in CPython.
fn parse_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let mut value: i64 = 0;
    let mut any = false;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = i64::from(d);
        if value > (i64::MAX - d) / 10 {
            return Err(FormatError::TooManyDecimalDigits);
        }
        value = value * 10 + d;
        any = true;
        *pos += 1;
    }
    if !any {
        return Ok(None);
    }
    usize::try_from(value)
        .map(Some)
        .map_err(|_| FormatError::TooManyDecimalDigits)
}

/// Parses `spec`; `type_name` only appears in the "Invalid format specifier" message.
pub fn parse_format_spec(spec: &str, type_name: &str) -> Result<FormatSpec, FormatError> {
    let mut out = FormatSpec::default();
    if spec.is_empty() {
        return Ok(out);
    }
    let chars: Vec<char> = spec.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut pos = 0;
    let mut fill_specified = false;

    if let Some(align) = at(1).and_then(align_of) {
        out.align = Some(align);
        out.fill = at(0).unwrap_or(' ');
        fill_specified = true;
        pos = 2;
    } else if let Some(align) = at(0).and_then(align_of) {
        out.align = Some(align);
        pos = 1;
    }
    match at(pos) {
        Some('+') => out.sign = Sign::Plus,
        Some('-') => out.sign = Sign::Minus,
        Some(' ') => out.sign = Sign::Space,
        _ => {}
    }
    if out.sign != Sign::Default {
        pos += 1;
    }
    if at(pos) == Some('z') {
        out.no_neg_zero = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        out.alternate = true;
        pos += 1;
    }
    if !fill_specified && at(pos) == Some('0') {
        out.fill = '0';
        out.zero_pad = true;
        pos += 1;
    }
    out.width = parse_integer(&chars, &mut pos)?;

    if at(pos) == Some(',') {
        out.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    if at(pos) == Some('_') {
        if out.grouping.is_some() {
            return Err(FormatError::BothSeparators);
        }
        out.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if at(pos) == Some(',') && out.grouping == Some(Grouping::Underscore) {
        return Err(FormatError::BothSeparators);
    }
    if at(pos) == Some('.') {
        pos += 1;
        match parse_integer(&chars, &mut pos)? {
            Some(p) => out.precision = Some(p),
            None => return Err(FormatError::MissingPrecision),
        }
    }
    let rest = chars.get(pos..).unwrap_or(&[]);
    match rest {
        [] => {}
        [kind] => out.kind = Some(*kind),
        _ => {
            return Err(FormatError::InvalidSpecifier {
                spec: spec.to_string(),
                type_name: type_name.to_string(),
            })
        }
    }
    Ok(out)
}

/// The separator and group size to use, after CPython's per-type check (PEP 378 / PEP 515):
/// `,` and `_` for decimal and float types, `_` every four digits for b/o/x/X.
/// `kind` is the effective type code (`'\0'` meaning "none" for floats).
pub(crate) fn resolve_grouping(
    grouping: Option<Grouping>,
    kind: char,
) -> Result<Option<(char, usize)>, FormatError> {
    let Some(g) = grouping else { return Ok(None) };
    match kind {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(Some((g.as_char(), 3))),
        'b' | 'o' | 'x' | 'X' if g == Grouping::Underscore => Ok(Some(('_', 4))),
        _ => Err(FormatError::SeparatorNotAllowed {
            separator: g.as_char(),
            kind,
        }),
    }
}
