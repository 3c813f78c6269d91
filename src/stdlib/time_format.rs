//! `time.strftime` as glibc's `strftime` in the C locale formats, including its flags
//! (`-` `_` `0` `^` `#`), field widths and the `E`/`O` modifiers, so `%-d` and `%10Y`
//! print as under CPython on Linux. Unknown conversions are copied literally, as glibc does.

use crate::stdlib::time_zone::{is_leap, wall_seconds, TimeZone};

/// A broken-down time as C's `struct tm` holds it after CPython's `gettmarg`/`checktm`.
#[derive(Clone, Debug)]
pub struct CTm {
    pub year: i64,
    /// 0..=11
    pub mon: i64,
    pub mday: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    /// 0 = Sunday
    pub wday: i64,
    /// 0-based
    pub yday: i64,
    pub isdst: i64,
    /// `tm_zone`, when the argument was a struct_time that had one.
    pub zone: Option<String>,
    pub gmtoff: i64,
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn name(table: &[&'static str], i: i64) -> &'static str {
    usize::try_from(i)
        .ok()
        .and_then(|i| table.get(i).copied())
        .unwrap_or("?")
}

fn abbr(table: &[&'static str], i: i64) -> &'static str {
    let n = name(table, i);
    n.get(..3).unwrap_or(n)
}

/// glibc's `iso_week_days`: days since the Monday starting the ISO week-numbering year.
fn iso_week_days(yday: i64, wday: i64) -> i64 {
    let big_enough_multiple_of_7 = (366 / 7 + 2) * 7;
    yday - (yday - wday + 4 + big_enough_multiple_of_7) % 7 + 4 - 1
}

/// `(ISO year, ISO week)`.
fn iso_week(tm: &CTm) -> (i64, i64) {
    let mut year = tm.year;
    let mut days = iso_week_days(tm.yday, tm.wday);
    if days < 0 {
        year -= 1;
        days = iso_week_days(tm.yday + 365 + i64::from(is_leap(year)), tm.wday);
    } else {
        let d = iso_week_days(tm.yday - 365 - i64::from(is_leap(year)), tm.wday);
        if d >= 0 {
            year += 1;
            days = d;
        }
    }
    (year, days / 7 + 1)
}

/// One conversion's flags and width.
struct Spec {
    pad: Option<char>,
    upper: bool,
    swap: bool,
    width: usize,
}

impl Spec {
    /// A number padded as glibc pads: to `digits` (or the width) with `default_pad`,
    /// `0` or spaces (`_`, and `-` when a width is given); `-` alone disables padding.
    fn number(&self, out: &mut String, value: i64, digits: usize, default_pad: char) {
        let text = value.unsigned_abs().to_string();
        let sign = if value < 0 { "-" } else { "" };
        let (target, pad) = match self.pad {
            Some('-') if self.width == 0 => (0, ' '),
            Some('-') | Some('_') => (self.width.max(digits), ' '),
            Some('0') => (self.width.max(digits), '0'),
            _ => (self.width.max(digits), default_pad),
        };
        let len = sign.len() + text.len();
        if target > len {
            let fill = target - len;
            if pad == '0' {
                out.push_str(sign);
                out.extend(std::iter::repeat_n('0', fill));
            } else {
                out.extend(std::iter::repeat_n(' ', fill));
                out.push_str(sign);
            }
        } else {
            out.push_str(sign);
        }
        out.push_str(&text);
    }

    /// A text field; `swap_lower` is what `#` does to it (lowercase for `%p`/`%Z`).
    fn text(&self, out: &mut String, s: &str, swap_lower: bool) {
        let s = if self.upper || (self.swap && !swap_lower) {
            s.to_uppercase()
        } else if self.swap {
            s.to_lowercase()
        } else {
            s.to_string()
        };
        let n = s.chars().count();
        if self.width > n {
            let fill = if self.pad == Some('0') { '0' } else { ' ' };
            out.extend(std::iter::repeat_n(fill, self.width - n));
        }
        out.push_str(&s);
    }
}

/// Formats `tm`; `tzname` is the local zone's (standard, DST) names for `%Z` of plain
/// tuples, `tz` converts for `%s`.
pub fn strftime(fmt: &str, tm: &CTm, tzname: (&str, &str), tz: &TimeZone) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut spec = Spec {
            pad: None,
            upper: false,
            swap: false,
            width: 0,
        };
        while let Some(&f) = chars.get(i) {
            match f {
                '-' | '_' | '0' => spec.pad = Some(f),
                '^' => spec.upper = true,
                '#' => spec.swap = true,
                _ => break,
            }
            i += 1;
        }
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            spec.width = spec
                .width
                .saturating_mul(10)
                .saturating_add(d as usize)
                .min(1 << 16);
            i += 1;
        }
        if matches!(chars.get(i), Some('E') | Some('O')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        if !convert(&mut out, conv, &spec, tm, tzname, tz) {
            out.extend(&chars[start..i]);
        }
    }
    out
}

/// Appends one conversion; false for an unknown one.
fn convert(
    out: &mut String,
    conv: char,
    spec: &Spec,
    tm: &CTm,
    tzname: (&str, &str),
    tz: &TimeZone,
) -> bool {
    let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
    match conv {
        'a' => spec.text(out, abbr(&DAYS, tm.wday), false),
        'A' => spec.text(out, name(&DAYS, tm.wday), false),
        'b' | 'h' => spec.text(out, abbr(&MONTHS, tm.mon), false),
        'B' => spec.text(out, name(&MONTHS, tm.mon), false),
        'c' => sub(out, spec, "%a %b %e %H:%M:%S %Y", tm, tzname, tz),
        'C' => spec.number(out, tm.year.div_euclid(100), 1, '0'),
        'd' => spec.number(out, tm.mday, 2, '0'),
        'D' | 'x' => sub(out, spec, "%m/%d/%y", tm, tzname, tz),
        'e' => spec.number(out, tm.mday, 2, ' '),
        'F' => sub(out, spec, "%Y-%m-%d", tm, tzname, tz),
        'G' => spec.number(out, iso_week(tm).0, 1, '0'),
        'g' => spec.number(out, iso_week(tm).0.rem_euclid(100), 2, '0'),
        'H' => spec.number(out, tm.hour, 2, '0'),
        'I' => spec.number(out, hour12, 2, '0'),
        'j' => spec.number(out, tm.yday + 1, 3, '0'),
        'k' => spec.number(out, tm.hour, 2, ' '),
        'l' => spec.number(out, hour12, 2, ' '),
        'm' => spec.number(out, tm.mon + 1, 2, '0'),
        'M' => spec.number(out, tm.min, 2, '0'),
        'n' => spec.text(out, "\n", false),
        'p' => spec.text(out, if tm.hour >= 12 { "PM" } else { "AM" }, true),
        'P' => spec.text(out, if tm.hour >= 12 { "pm" } else { "am" }, true),
        'r' => sub(out, spec, "%I:%M:%S %p", tm, tzname, tz),
        'R' => sub(out, spec, "%H:%M", tm, tzname, tz),
        's' => {
            let wall = wall_seconds(tm.year, tm.mon + 1, tm.mday, tm.hour, tm.min, tm.sec);
            spec.number(out, tz.from_local(wall, tm.isdst).0, 1, '0');
        }
        'S' => spec.number(out, tm.sec, 2, '0'),
        't' => spec.text(out, "\t", false),
        'T' | 'X' => sub(out, spec, "%H:%M:%S", tm, tzname, tz),
        'u' => spec.number(out, (tm.wday + 6) % 7 + 1, 1, '0'),
        'U' => spec.number(out, (tm.yday - tm.wday + 7) / 7, 2, '0'),
        'V' => spec.number(out, iso_week(tm).1, 2, '0'),
        'w' => spec.number(out, tm.wday, 1, '0'),
        'W' => spec.number(out, (tm.yday - (tm.wday - 1 + 7) % 7 + 7) / 7, 2, '0'),
        'y' => spec.number(out, tm.year.rem_euclid(100), 2, '0'),
        'Y' => spec.number(out, tm.year, 1, '0'),
        'z' => {
            if tm.isdst >= 0 {
                let off = tm.gmtoff;
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs() / 60;
                let text = format!("{sign}{:02}{:02}", a / 60, a % 60);
                spec.text(out, &text, false);
            }
        }
        'Z' => {
            let zone = match &tm.zone {
                Some(z) if !z.is_empty() => z.as_str(),
                _ if tm.isdst >= 0 => {
                    if tm.isdst != 0 {
                        tzname.1
                    } else {
                        tzname.0
                    }
                }
                _ => "",
            };
            spec.text(out, zone, true);
        }
        '%' => spec.text(out, "%", false),
        _ => return false,
    }
    true
}

/// A composite conversion (`%c`, `%D`, ...): the sub-format, padded as one field.
fn sub(out: &mut String, spec: &Spec, fmt: &str, tm: &CTm, tzname: (&str, &str), tz: &TimeZone) {
    let text = strftime(fmt, tm, tzname, tz);
    spec.text(out, &text, false);
}
