//! Calendar arithmetic and the local time zone, without libc.
//!
//! The zone is found as glibc finds it: `TZ` (a POSIX rule such as
//! `EST5EDT,M3.2.0,M11.1.0`, or a zoneinfo name/path, optionally with a leading `:`),
//! else `/etc/localtime`. Zoneinfo files are TZif (RFC 8536): transition times, local
//! time types, and a POSIX-rule footer for instants after the last transition. Anything
//! unreadable falls back to UTC, which is also what an empty `TZ` means.

/// Days from 1970-01-01 to `y-m-d` (proleptic Gregorian; `m` in 1..=12).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `(year, month 1..=12, day 1..=31)` of a day number from 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Broken-down time, like C's `struct tm` but with the real year and 1-based month.
#[derive(Clone, Debug, PartialEq)]
pub struct Tm {
    pub year: i64,
    pub mon: i64,
    pub mday: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    /// 0 = Monday, as Python's `tm_wday`.
    pub wday: i64,
    /// 1-based, as Python's `tm_yday`.
    pub yday: i64,
    pub isdst: i64,
    pub zone: String,
    pub gmtoff: i64,
}

/// The broken-down form of `t` seconds after the epoch in a zone `gmtoff` seconds east.
pub fn breakdown(t: i64, gmtoff: i64, isdst: bool, zone: &str) -> Tm {
    let local = t + gmtoff;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, mon, mday) = civil_from_days(days);
    Tm {
        year,
        mon,
        mday,
        hour: secs / 3600,
        min: secs % 3600 / 60,
        sec: secs % 60,
        wday: (days + 3).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1) + 1,
        isdst: i64::from(isdst),
        zone: zone.to_string(),
        gmtoff,
    }
}

/// Seconds since the epoch of a wall-clock time read as UTC, normalizing out-of-range
/// fields as `mktime` does (month 13 is January of the next year, and so on).
pub fn wall_seconds(year: i64, mon: i64, mday: i64, hour: i64, min: i64, sec: i64) -> i64 {
    let m0 = mon - 1;
    let y = year + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    let days = days_from_civil(y, m, 1) + (mday - 1);
    days * 86_400 + hour * 3600 + min * 60 + sec
}

/// One local time type: offset east of UTC, DST flag, abbreviation.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalType {
    pub offset: i64,
    pub isdst: bool,
    pub abbr: String,
}

/// When a POSIX rule switches: a day rule and a local time of day (seconds).
#[derive(Clone, Debug)]
enum DayRule {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian1(i64),
    /// `n`: zero-based day of the year, February 29 counted.
    Julian0(i64),
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay(i64, i64, i64),
}

#[derive(Clone, Debug)]
struct Rule {
    day: DayRule,
    time: i64,
}

/// A POSIX TZ rule (`TZ` itself, or a TZif footer).
#[derive(Clone, Debug)]
struct Posix {
    std: LocalType,
    dst: Option<(LocalType, Rule, Rule)>,
    /// A name without an offset (glibc then has no DST name at all).
    bare: bool,
}

#[derive(Clone, Debug, Default)]
pub struct TimeZone {
    transitions: Vec<i64>,
    /// Index into `types` for each transition.
    idx: Vec<usize>,
    types: Vec<LocalType>,
    rule: Option<Posix>,
}

impl TimeZone {
    pub fn utc() -> TimeZone {
        TimeZone {
            rule: Some(Posix {
                std: LocalType {
                    offset: 0,
                    isdst: false,
                    abbr: "UTC".into(),
                },
                dst: None,
                bare: false,
            }),
            ..TimeZone::default()
        }
    }

    /// The process's local zone, as glibc determines it.
    pub fn local() -> TimeZone {
        match std::env::var("TZ") {
            Err(_) => TimeZone::from_file("/etc/localtime").unwrap_or_else(TimeZone::utc),
            Ok(tz) if tz.is_empty() => TimeZone::utc(),
            Ok(tz) => {
                let name = tz.strip_prefix(':').unwrap_or(&tz);
                let path = if name.starts_with('/') {
                    name.to_string()
                } else {
                    format!("/usr/share/zoneinfo/{name}")
                };
                let from_file = if name.contains("..") {
                    None
                } else {
                    TimeZone::from_file(&path)
                };
                from_file
                    .or_else(|| {
                        parse_posix(name).map(|p| TimeZone {
                            rule: Some(p),
                            ..TimeZone::default()
                        })
                    })
                    .unwrap_or_else(TimeZone::utc)
            }
        }
    }

    fn from_file(path: &str) -> Option<TimeZone> {
        let data = std::fs::read(path).ok()?;
        parse_tzif(&data)
    }

    /// The local time type in effect at `t` (seconds since the epoch).
    pub fn at(&self, t: i64) -> LocalType {
        if let Some(&last) = self.transitions.last() {
            if t < self.transitions[0] {
                return self.first_type();
            }
            if t < last || self.rule.is_none() {
                let i = self
                    .transitions
                    .partition_point(|&x| x <= t)
                    .saturating_sub(1);
                if let Some(ty) = self.idx.get(i).and_then(|&k| self.types.get(k)) {
                    return ty.clone();
                }
            }
        }
        match &self.rule {
            Some(p) => p.at(t),
            None => self.first_type(),
        }
    }

    /// glibc's `tzname` after a `localtime(t)` call (`__tzfile_compute`): the rule's
    /// names past the last transition; otherwise the name of the type in effect, and for
    /// the other kind the next one used after `t`. `%Z` of a plain tuple prints these.
    pub fn tzname_at(&self, t: i64) -> (String, String) {
        let mut names: [Option<String>; 2] = [None, None];
        match self.transitions.first() {
            None => {
                return match &self.rule {
                    Some(p) => p.names(),
                    None => (self.first_type().abbr, self.first_type().abbr),
                }
            }
            Some(&first) if t < first => {
                let std = self
                    .types
                    .iter()
                    .find(|ty| !ty.isdst)
                    .unwrap_or(&self.types[0]);
                names[0] = Some(std.abbr.clone());
                names[1] = self
                    .types
                    .iter()
                    .find(|ty| ty.isdst)
                    .map(|ty| ty.abbr.clone());
            }
            Some(_) => {
                let n = self.transitions.partition_point(|&x| x <= t);
                if n == self.transitions.len() {
                    if let Some(p) = &self.rule {
                        return p.names();
                    }
                }
                let ty_of = |i: usize| self.idx.get(i).and_then(|&k| self.types.get(k));
                if let Some(cur) = ty_of(n - 1) {
                    names[usize::from(cur.isdst)] = Some(cur.abbr.clone());
                }
                for j in n..self.transitions.len() {
                    if let Some(ty) = ty_of(j) {
                        let slot = &mut names[usize::from(ty.isdst)];
                        if slot.is_none() {
                            *slot = Some(ty.abbr.clone());
                            if names.iter().all(Option::is_some) {
                                break;
                            }
                        }
                    }
                }
            }
        }
        let [std, dst] = names;
        let std = std.or_else(|| dst.clone()).unwrap_or_default();
        let dst = dst.unwrap_or_else(|| std.clone());
        (std, dst)
    }

    fn first_type(&self) -> LocalType {
        self.types.first().cloned().unwrap_or(LocalType {
            offset: 0,
            isdst: false,
            abbr: "UTC".into(),
        })
    }

    /// `mktime`: the instant whose local wall time is `wall` (seconds, read as UTC).
    /// `isdst` < 0 lets the zone decide; otherwise glibc's rule applies: if the time
    /// found has the other kind of offset, use the offset of the nearest instant (within
    /// about 8.5 years) that has the requested kind, else assume a one-hour difference.
    pub fn from_local(&self, wall: i64, isdst: i64) -> (i64, LocalType) {
        let (t, ty) = self.resolve(wall, isdst);
        if isdst < 0 || ty.isdst == (isdst > 0) {
            return (t, ty);
        }
        const STRIDE: i64 = 601_200;
        const BOUND: i64 = 536_454_000 / 2 + STRIDE;
        let mut delta = STRIDE;
        while delta < BOUND {
            for direction in [-1, 1] {
                let probe = self.at(t + direction * delta);
                if probe.isdst == (isdst > 0) {
                    let gt = wall - probe.offset;
                    return (gt, self.at(gt));
                }
            }
            delta += STRIDE;
        }
        let dst_difference = i64::from(isdst == 0) - i64::from(!ty.isdst);
        let t = t + 3600 * dst_difference;
        (t, self.at(t))
    }

    /// The instant whose local time is `wall`, preferring the requested kind of offset
    /// when the wall time is ambiguous; in a gap, the offset from before the gap.
    fn resolve(&self, wall: i64, isdst: i64) -> (i64, LocalType) {
        let mut candidates = Vec::new();
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let ty = self.at(probe);
            if !candidates.contains(&ty) {
                candidates.push(ty);
            }
        }
        let consistent: Vec<(i64, LocalType)> = candidates
            .iter()
            .map(|ty| wall - ty.offset)
            .map(|t| (t, self.at(t)))
            .filter(|(t, ty)| *t + ty.offset == wall)
            .collect();
        if let Some(found) = consistent
            .iter()
            .find(|(_, ty)| isdst < 0 || ty.isdst == (isdst > 0))
        {
            return found.clone();
        }
        if let Some(found) = consistent.first() {
            return found.clone();
        }
        // A gap: an explicit kind picks its offset; otherwise the one before the gap.
        if isdst >= 0 {
            if let Some(ty) = candidates.iter().find(|ty| ty.isdst == (isdst > 0)) {
                let t = wall - ty.offset;
                return (t, self.at(t));
            }
        }
        let before = self.at(wall - 86_400);
        let t = wall - before.offset;
        (t, self.at(t))
    }
}

impl Posix {
    fn names(&self) -> (String, String) {
        match &self.dst {
            Some((dst, _, _)) => (self.std.abbr.clone(), dst.abbr.clone()),
            None if self.bare => (self.std.abbr.clone(), String::new()),
            None => (self.std.abbr.clone(), self.std.abbr.clone()),
        }
    }

    fn at(&self, t: i64) -> LocalType {
        let Some((dst, start, end)) = &self.dst else {
            return self.std.clone();
        };
        let year = civil_from_days((t + self.std.offset).div_euclid(86_400)).0;
        let start_utc = rule_instant(year, start) - self.std.offset;
        let end_utc = rule_instant(year, end) - dst.offset;
        let in_dst = if start_utc < end_utc {
            start_utc <= t && t < end_utc
        } else {
            !(end_utc <= t && t < start_utc)
        };
        if in_dst {
            dst.clone()
        } else {
            self.std.clone()
        }
    }
}

/// The local wall time (seconds, read as UTC) at which `rule` fires in `year`. Like
/// glibc's `compute_change`, years up to 1970 count their days from 1970-01-01, so
/// rule-based zones are on standard time before 1970 (northern hemisphere).
fn rule_instant(year: i64, rule: &Rule) -> i64 {
    let jan1_of_year = days_from_civil(year, 1, 1);
    let base = if year > 1970 { jan1_of_year } else { 0 };
    let day = match rule.day {
        DayRule::Julian1(n) => {
            let leap_shift = i64::from(is_leap(year) && n >= 60);
            jan1_of_year + n - 1 + leap_shift
        }
        DayRule::Julian0(n) => jan1_of_year + n,
        DayRule::MonthWeekDay(m, w, d) => {
            let first = days_from_civil(year, m, 1);
            let first_wday = (first + 4).rem_euclid(7);
            let mut day = first + (d - first_wday).rem_euclid(7) + (w - 1) * 7;
            let next_month = if m == 12 {
                days_from_civil(year + 1, 1, 1)
            } else {
                days_from_civil(year, m + 1, 1)
            };
            while day >= next_month {
                day -= 7;
            }
            day
        }
    };
    (base + day - jan1_of_year) * 86_400 + rule.time
}

/// A cursor over a POSIX TZ string.
struct Scanner<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn name(&mut self) -> Option<String> {
        if self.eat(b'<') {
            let start = self.pos;
            while self.peek().is_some_and(|c| c != b'>') {
                self.pos += 1;
            }
            let name = String::from_utf8_lossy(self.s.get(start..self.pos)?).into_owned();
            self.eat(b'>').then_some(name)
        } else {
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.pos += 1;
            }
            (self.pos - start >= 3)
                .then(|| String::from_utf8_lossy(&self.s[start..self.pos]).into_owned())
        }
    }

    fn number(&mut self) -> Option<i64> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) && self.pos - start < 6 {
            self.pos += 1;
        }
        std::str::from_utf8(self.s.get(start..self.pos)?)
            .ok()?
            .parse()
            .ok()
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    fn hms(&mut self) -> Option<i64> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let mut secs = self.number()? * 3600;
        if self.eat(b':') {
            secs += self.number()? * 60;
            if self.eat(b':') {
                secs += self.number()?;
            }
        }
        Some(sign * secs)
    }

    fn rule(&mut self) -> Option<Rule> {
        let day = if self.eat(b'J') {
            DayRule::Julian1(self.number()?)
        } else if self.eat(b'M') {
            let m = self.number()?;
            if !self.eat(b'.') {
                return None;
            }
            let w = self.number()?;
            if !self.eat(b'.') {
                return None;
            }
            let d = self.number()?;
            if !(1..=12).contains(&m) || !(1..=5).contains(&w) || !(0..=6).contains(&d) {
                return None;
            }
            DayRule::MonthWeekDay(m, w, d)
        } else {
            DayRule::Julian0(self.number()?)
        };
        let time = if self.eat(b'/') { self.hms()? } else { 7200 };
        Some(Rule { day, time })
    }
}

fn parse_posix(s: &str) -> Option<Posix> {
    let mut sc = Scanner {
        s: s.as_bytes(),
        pos: 0,
    };
    let std_name = sc.name()?;
    // glibc keeps a bare name (`TZ=Nonexistent/Zone`) as a zero-offset zone.
    let Some(std_offset) = sc.hms().map(|o| -o) else {
        return Some(Posix {
            std: LocalType {
                offset: 0,
                isdst: false,
                abbr: std_name,
            },
            dst: None,
            bare: true,
        });
    };
    let std = LocalType {
        offset: std_offset,
        isdst: false,
        abbr: std_name,
    };
    if sc.peek().is_none() {
        return Some(Posix {
            std,
            dst: None,
            bare: false,
        });
    }
    let dst_name = sc.name()?;
    let dst_offset = match sc.peek() {
        Some(b',') | None => std_offset + 3600,
        _ => -sc.hms()?,
    };
    let dst = LocalType {
        offset: dst_offset,
        isdst: true,
        abbr: dst_name,
    };
    let (start, end) = if sc.eat(b',') {
        let start = sc.rule()?;
        if !sc.eat(b',') {
            return None;
        }
        (start, sc.rule()?)
    } else {
        // glibc's default when a DST name is given without rules: the US rules.
        (
            Rule {
                day: DayRule::MonthWeekDay(3, 2, 0),
                time: 7200,
            },
            Rule {
                day: DayRule::MonthWeekDay(11, 1, 0),
                time: 7200,
            },
        )
    };
    if sc.peek().is_some() {
        return None;
    }
    Some(Posix {
        std,
        dst: Some((dst, start, end)),
        bare: false,
    })
}

fn be_u32(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn be_i64(d: &[u8], at: usize) -> Option<i64> {
    let b = d.get(at..at + 8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(i64::from_be_bytes(a))
}

/// The counts of a TZif header: isut, isstd, leap, time, type, char.
fn tzif_counts(d: &[u8], at: usize) -> Option<[usize; 6]> {
    if d.get(at..at + 4)? != b"TZif" {
        return None;
    }
    let mut c = [0usize; 6];
    for (i, slot) in c.iter_mut().enumerate() {
        *slot = be_u32(d, at + 20 + 4 * i)? as usize;
    }
    Some(c)
}

fn parse_tzif(d: &[u8]) -> Option<TimeZone> {
    let c1 = tzif_counts(d, 0)?;
    let version = *d.get(4)?;
    let v1_len = c1[3] * 5 + c1[4] * 6 + c1[5] + c1[2] * 8 + c1[1] + c1[0];
    let (base, c, time_size) = if version >= b'2' {
        let at = 44 + v1_len;
        (at + 44, tzif_counts(d, at)?, 8)
    } else {
        (44, c1, 4)
    };
    let [isut, isstd, leap, timecnt, typecnt, charcnt] = c;
    let mut pos = base;
    let mut transitions = Vec::with_capacity(timecnt);
    for i in 0..timecnt {
        let t = if time_size == 8 {
            be_i64(d, pos + 8 * i)?
        } else {
            i64::from(be_u32(d, pos + 4 * i)? as i32)
        };
        transitions.push(t);
    }
    pos += timecnt * time_size;
    let idx: Vec<usize> = d
        .get(pos..pos + timecnt)?
        .iter()
        .map(|&b| b as usize)
        .collect();
    pos += timecnt;
    let types_at = pos;
    pos += typecnt * 6;
    let chars = d.get(pos..pos + charcnt)?;
    pos += charcnt + leap * (time_size + 4) + isstd + isut;
    let mut types = Vec::with_capacity(typecnt);
    for i in 0..typecnt {
        let at = types_at + 6 * i;
        let offset = i64::from(be_u32(d, at)? as i32);
        let isdst = *d.get(at + 4)? != 0;
        let ai = *d.get(at + 5)? as usize;
        let abbr: Vec<u8> = chars
            .get(ai..)?
            .iter()
            .take_while(|&&b| b != 0)
            .copied()
            .collect();
        types.push(LocalType {
            offset,
            isdst,
            abbr: String::from_utf8_lossy(&abbr).into_owned(),
        });
    }
    if idx.iter().any(|&i| i >= types.len()) || types.is_empty() {
        return None;
    }
    let rule = if version >= b'2' {
        let footer = d.get(pos..)?;
        let text = String::from_utf8_lossy(footer);
        let line = text.trim_matches('\n');
        if line.is_empty() {
            None
        } else {
            parse_posix(line)
        }
    } else {
        None
    };
    Some(TimeZone {
        transitions,
        idx,
        types,
        rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-800_000, -1, 0, 1, 59, 365, 11_016, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn posix_rules() {
        // python3: TZ=EST5EDT,M3.2.0,M11.1.0; time.localtime(1710054000) -> 2024-03-10 03:00 EDT
        let p = parse_posix("EST5EDT,M3.2.0,M11.1.0").map(|p| TimeZone {
            rule: Some(p),
            ..TimeZone::default()
        });
        let tz = p.unwrap_or_else(TimeZone::utc);
        assert_eq!(tz.at(1_710_054_000).abbr, "EDT");
        assert_eq!(tz.at(1_710_053_999).abbr, "EST");
        assert_eq!(tz.at(1_730_613_600).abbr, "EST");
        assert_eq!(tz.at(1_730_613_599).abbr, "EDT");
    }
}
