//! The `time` module: clocks, `sleep`, `struct_time`, and conversions between
//! timestamps and broken-down local/UTC time (see [`crate::stdlib::time_zone`] for how
//! the local zone is found without libc, and [`crate::stdlib::time_format`] for
//! `strftime`).
//!
//! `struct_time` is a struct sequence ([`crate::stdlib::structseq`]), not a tuple
//! subclass: `isinstance(t, tuple)` is False here.

use crate::native::ModuleDef;
use crate::native::{function_args, no_args, one_arg, Sig};
use crate::object::class::Class;
use crate::object::function::Args;
use crate::object::Value;
use crate::runtime::clock;
use crate::stdlib::math_convert::index_opt;
use crate::stdlib::structseq::{self, StructSeqLayout};
use crate::stdlib::time_format::{strftime, CTm};
use crate::stdlib::time_zone::{breakdown, wall_seconds, TimeZone, Tm};
use crate::vm::{PyResult, Vm};
use num_traits::ToPrimitive;
use std::rc::Rc;
use std::time::Duration;

static STRUCT_TIME: StructSeqLayout = StructSeqLayout {
    name: "time.struct_time",
    fields: &[
        "tm_year",
        "tm_mon",
        "tm_mday",
        "tm_hour",
        "tm_min",
        "tm_sec",
        "tm_wday",
        "tm_yday",
        "tm_isdst",
        "tm_zone",
        "tm_gmtoff",
    ],
    visible: 9,
};

thread_local! {
    static LOCAL_ZONE: TimeZone = TimeZone::local();
}

/// CPU time of this process: the scheduler's nanosecond count when Linux exposes it.
fn cpu_duration() -> Duration {
    if let Ok(s) = std::fs::read_to_string("/proc/self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|w| w.parse::<u64>().ok())
        {
            return Duration::from_nanos(ns);
        }
    }
    clock::real_elapsed()
}

fn local_zone<R>(f: impl FnOnce(&TimeZone) -> R) -> R {
    LOCAL_ZONE.with(f)
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("time");
    let st = structseq::new_class(vm, "time", "struct_time", &STRUCT_TIME, true);
    m.value(vm, "struct_time", Value::Class(st));
    let table: &[(&'static str, crate::object::function::NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("monotonic", monotonic),
        ("monotonic_ns", monotonic_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("process_time", process_time),
        ("process_time_ns", process_time_ns),
        ("sleep", sleep),
        ("gmtime", gmtime),
        ("localtime", localtime),
        ("mktime", mktime),
        ("asctime", asctime),
        ("ctime", ctime),
        ("strftime", strftime_fn),
    ];
    m.funcs(vm, table);
    let (timezone, altzone, daylight, names) = zone_constants();
    m.value(vm, "timezone", Value::Int(timezone));
    m.value(vm, "altzone", Value::Int(altzone));
    m.value(vm, "daylight", Value::Int(daylight));
    m.value(
        vm,
        "tzname",
        Value::tuple(vec![Value::str(names.0), Value::str(names.1)]),
    );
    Ok(m.finish(vm))
}

/// `timezone`, `altzone`, `daylight`, `tzname`, computed as CPython's `init_timezone`
/// does: from the zone in effect at the start of this year and half a year later.
const YEAR: i64 = (365 * 24 + 6) * 3600;

/// The last instant CPython's `init_timezone` passes to `localtime` (mid-year), which
/// leaves glibc's `tzname` as `%Z` then sees it.
fn zone_probe_time() -> i64 {
    let now = clock::wall().as_secs() as i64;
    now / YEAR * YEAR + YEAR / 2
}

fn zone_constants() -> (i64, i64, i64, (String, String)) {
    let now = clock::wall().as_secs() as i64;
    let t = now / YEAR * YEAR;
    local_zone(|tz| {
        let jan = tz.at(t);
        let jul = tz.at(t + YEAR / 2);
        let (janzone, julzone) = (-jan.offset, -jul.offset);
        // CPython copies at most 9 bytes of each name.
        let short = |s: String| {
            s.char_indices()
                .nth(9)
                .map_or(s.clone(), |(i, _)| s[..i].to_string())
        };
        let (jan, jul) = (
            crate::stdlib::time_zone::LocalType {
                abbr: short(jan.abbr),
                ..jan
            },
            crate::stdlib::time_zone::LocalType {
                abbr: short(jul.abbr),
                ..jul
            },
        );
        let daylight = i64::from(janzone != julzone);
        if janzone < julzone {
            (julzone, janzone, daylight, (jul.abbr, jan.abbr))
        } else {
            (janzone, julzone, daylight, (jan.abbr, jul.abbr))
        }
    })
}

fn time(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.time", &args)?;
    Ok(Value::float(clock::wall().as_secs_f64()))
}

fn nanos(d: Duration) -> Value {
    Value::from_bigint(num_bigint::BigInt::from(d.as_nanos()))
}

fn time_ns(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.time_ns", &args)?;
    Ok(nanos(clock::wall()))
}

fn monotonic(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.monotonic", &args)?;
    Ok(Value::float(clock::monotonic().as_secs_f64()))
}

fn monotonic_ns(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.monotonic_ns", &args)?;
    Ok(nanos(clock::monotonic()))
}

fn perf_counter(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.perf_counter", &args)?;
    Ok(Value::float(clock::monotonic().as_secs_f64()))
}

fn perf_counter_ns(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.perf_counter_ns", &args)?;
    Ok(nanos(clock::monotonic()))
}

fn process_time(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.process_time", &args)?;
    Ok(Value::float(cpu_duration().as_secs_f64()))
}

fn process_time_ns(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "time.process_time_ns", &args)?;
    Ok(nanos(cpu_duration()))
}

/// A number of seconds as CPython's `_PyTime_FromSecondsObject` reads it.
fn seconds_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => {
            if f.get().is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            Ok(f.get())
        }
        _ => match index_opt(vm, v)? {
            Some(n) => Ok(n.to_f64().unwrap_or(f64::INFINITY)),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
    }
}

fn sleep(vm: &mut Vm, args: Args) -> PyResult {
    let secs = seconds_arg(vm, one_arg(vm, "time.sleep", &args)?)?;
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs >= 9.2e9 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    if !clock::is_virtual() {
        return real_sleep(vm, secs);
    }
    // A virtual clock jumps, unless a real-time alarm is set to interrupt the sleep:
    // then it moves by the time the sleep really took.
    if !crate::runtime::signals::real_timer_armed() {
        vm.check_signals()?;
        clock::advance(Duration::from_secs_f64(secs));
        return Ok(Value::None);
    }
    let started = clock::real_elapsed();
    let slept = real_sleep(vm, secs);
    clock::advance(clock::real_elapsed().saturating_sub(started));
    slept
}

fn real_sleep(vm: &mut Vm, secs: f64) -> PyResult {
    // Interruptible, as CPython's: a signal ends the wait with EINTR, its Python
    // handler runs, and unless it raised the sleep goes on for what is left (PEP 475).
    let deadline = std::time::Instant::now() + Duration::from_secs_f64(secs);
    loop {
        // A signal that came while a handler ran (or just before the wait) is
        // handled now rather than after the whole sleep.
        vm.check_signals()?;
        let now = std::time::Instant::now();
        if now >= deadline {
            return Ok(Value::None);
        }
        let left = nix::sys::time::TimeSpec::from_duration(deadline - now);
        match nix::poll::ppoll(&mut [], Some(left), None) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => vm.check_signals()?,
            Err(e) => return Err(vm.os_error(&e.into(), &Value::None)),
        }
    }
}

/// `_PyTime_ObjectToTime_t` (rounding toward negative infinity); None is "now".
fn timestamp_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    let out_of_range = |vm: &Vm| vm.overflow_error("timestamp out of range for platform time_t");
    match v {
        None | Some(Value::None) => Ok(clock::wall().as_secs() as i64),
        Some(Value::Float(f)) => {
            if f.get().is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            let fl = f.get().floor();
            if !(-9.2e18..9.2e18).contains(&fl) {
                return Err(out_of_range(vm));
            }
            Ok(fl as i64)
        }
        Some(other) => match index_opt(vm, other)? {
            Some(n) => n.to_i64().ok_or_else(|| out_of_range(vm)),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            ))),
        },
    }
}

fn eoverflow(vm: &Vm) -> crate::object::ExcRef {
    vm.new_exception(
        &vm.exc.os_error.clone(),
        vec![
            Value::Int(75),
            Value::str("Value too large for defined data type"),
        ],
    )
}

/// C's `localtime`/`gmtime` fail once the year no longer fits an int.
fn check_year(vm: &Vm, tm: &Tm) -> PyResult<()> {
    if tm.year > i64::from(i32::MAX) + 1900 || tm.year < i64::from(i32::MIN) + 1900 {
        return Err(eoverflow(vm));
    }
    Ok(())
}

/// Timestamps far beyond any representable year are rejected before the calendar
/// arithmetic (which would otherwise overflow).
fn check_timestamp(vm: &Vm, t: i64) -> PyResult<i64> {
    if t.unsigned_abs() > 100_000_000_000_000_000 {
        return Err(eoverflow(vm));
    }
    Ok(t)
}

fn local_tm(t: i64) -> Tm {
    local_zone(|tz| {
        let ty = tz.at(t);
        breakdown(t, ty.offset, ty.isdst, &ty.abbr)
    })
}

fn gmtime(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "gmtime", Sig::OldStyle(0, 1), &args)?;
    let t = timestamp_arg(vm, a.first())?;
    let t = check_timestamp(vm, t)?;
    let tm = breakdown(t, 0, false, "GMT");
    check_year(vm, &tm)?;
    new_struct_time(vm, &tm)
}

fn localtime(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "localtime", Sig::OldStyle(0, 1), &args)?;
    let t = timestamp_arg(vm, a.first())?;
    let t = check_timestamp(vm, t)?;
    let tm = local_tm(t);
    check_year(vm, &tm)?;
    new_struct_time(vm, &tm)
}

fn struct_time_class(vm: &Vm) -> PyResult<Rc<Class>> {
    if let Some(Value::Module(m)) = vm.modules.get("time") {
        if let Some(Value::Class(c)) = m
            .dict
            .get_str("struct_time", crate::object::hash::hash_str("struct_time"))
        {
            return Ok(c);
        }
    }
    Err(vm.runtime_error("time.struct_time is unavailable"))
}

fn new_struct_time(vm: &mut Vm, tm: &Tm) -> PyResult {
    let fields = vec![
        Value::Int(tm.year),
        Value::Int(tm.mon),
        Value::Int(tm.mday),
        Value::Int(tm.hour),
        Value::Int(tm.min),
        Value::Int(tm.sec),
        Value::Int(tm.wday),
        Value::Int(tm.yday),
        Value::Int(tm.isdst),
        Value::str(tm.zone.clone()),
        Value::Int(tm.gmtoff),
    ];
    let class = struct_time_class(vm)?;
    Ok(structseq::new_instance(&class, &STRUCT_TIME, fields))
}

/// A C `int` field of a time tuple (`i` in a format string).
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let Some(n) = index_opt(vm, v)? else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    };
    match n.to_i32() {
        Some(i) => Ok(i64::from(i)),
        None if n.sign() == num_bigint::Sign::Minus => {
            Err(vm.overflow_error("signed integer is less than minimum"))
        }
        None => Err(vm.overflow_error("signed integer is greater than maximum")),
    }
}

/// CPython's `gettmarg`: a 9-tuple or struct_time into a C `struct tm`.
fn gettmarg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<CTm> {
    let (items, zone, gmtoff) = match v {
        Value::Tuple(t) => (t.items.to_vec(), None, 0),
        _ => match structseq::values_of(v)
            .filter(|(_, l)| std::ptr::eq(*l, &STRUCT_TIME))
            .map(|(t, _)| t)
        {
            Some(t) => {
                let zone = t.items.get(9).and_then(|z| z.as_str()).map(str::to_string);
                let gmtoff = match t.items.get(10) {
                    Some(Value::Int(i)) => *i,
                    _ => 0,
                };
                (t.items.iter().take(9).cloned().collect(), zone, gmtoff)
            }
            None => return Err(vm.type_error("Tuple or struct_time argument required")),
        },
    };
    if items.len() != 9 {
        return Err(vm.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        *slot = c_int(vm, item)?;
    }
    if f[0] < i64::from(i32::MIN) + 1900 {
        return Err(vm.overflow_error("year out of range"));
    }
    // C's `%` keeps the dividend's sign, which checktm relies on.
    Ok(CTm {
        year: f[0],
        mon: f[1] - 1,
        mday: f[2],
        hour: f[3],
        min: f[4],
        sec: f[5],
        wday: (f[6] + 1) % 7,
        yday: f[7] - 1,
        isdst: f[8],
        zone,
        gmtoff,
    })
}

/// CPython's `checktm`, including its repairs of zero month/day/yday.
fn checktm(vm: &Vm, tm: &mut CTm) -> PyResult<()> {
    let fail = |msg: &str| Err(vm.value_error(msg.to_string()));
    if tm.mon == -1 {
        tm.mon = 0;
    } else if !(0..=11).contains(&tm.mon) {
        return fail("month out of range");
    }
    if tm.mday == 0 {
        tm.mday = 1;
    } else if !(0..=31).contains(&tm.mday) {
        return fail("day of month out of range");
    }
    if !(0..=23).contains(&tm.hour) {
        return fail("hour out of range");
    }
    if !(0..=59).contains(&tm.min) {
        return fail("minute out of range");
    }
    if !(0..=61).contains(&tm.sec) {
        return fail("seconds out of range");
    }
    if tm.wday < 0 {
        return fail("day of week out of range");
    }
    if tm.yday == -1 {
        tm.yday = 0;
    } else if !(0..=365).contains(&tm.yday) {
        return fail("day of year out of range");
    }
    Ok(())
}

/// The current local time as a `CTm`.
fn now_ctm() -> CTm {
    let tm = local_tm(clock::wall().as_secs() as i64);
    to_ctm(&tm)
}

fn to_ctm(tm: &Tm) -> CTm {
    CTm {
        year: tm.year,
        mon: tm.mon - 1,
        mday: tm.mday,
        hour: tm.hour,
        min: tm.min,
        sec: tm.sec,
        wday: (tm.wday + 1) % 7,
        yday: tm.yday - 1,
        isdst: tm.isdst,
        zone: Some(tm.zone.clone()),
        gmtoff: tm.gmtoff,
    }
}

fn strftime_fn(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "strftime", Sig::OldStyle(1, 2), &args)?;
    let Value::Str(fmt) = &a[0] else {
        return Err(vm.type_error(format!(
            "strftime() argument 1 must be str, not {}",
            vm.type_name(&a[0])
        )));
    };
    let mut tm = match a.get(1) {
        None => now_ctm(),
        Some(t) => {
            let mut tm = gettmarg(vm, t, "strftime")?;
            checktm(vm, &mut tm)?;
            tm
        }
    };
    tm.isdst = tm.isdst.clamp(-1, 1);
    let text = local_zone(|tz| {
        let names = tz.tzname_at(zone_probe_time());
        strftime(fmt.as_str(), &tm, (&names.0, &names.1), tz)
    });
    Ok(Value::str(text))
}

/// CPython's `_asctime`.
fn asctime_text(tm: &CTm) -> String {
    const WDAY: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wday = usize::try_from(tm.wday)
        .ok()
        .and_then(|i| WDAY.get(i))
        .unwrap_or(&"???");
    let mon = usize::try_from(tm.mon)
        .ok()
        .and_then(|i| MON.get(i))
        .unwrap_or(&"???");
    format!(
        "{wday} {mon}{:3} {:02}:{:02}:{:02} {}",
        tm.mday, tm.hour, tm.min, tm.sec, tm.year
    )
}

fn asctime(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "asctime", Sig::Range(0, 1), &args)?;
    let tm = match a.first() {
        None => now_ctm(),
        Some(t) => {
            let mut tm = gettmarg(vm, t, "asctime")?;
            checktm(vm, &mut tm)?;
            tm
        }
    };
    Ok(Value::str(asctime_text(&tm)))
}

fn ctime(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "ctime", Sig::OldStyle(0, 1), &args)?;
    let t = timestamp_arg(vm, a.first())?;
    let t = check_timestamp(vm, t)?;
    let tm = local_tm(t);
    check_year(vm, &tm)?;
    Ok(Value::str(asctime_text(&to_ctm(&tm))))
}

fn mktime(vm: &mut Vm, args: Args) -> PyResult {
    let v = one_arg(vm, "time.mktime", &args)?;
    let tm = gettmarg(vm, v, "mktime")?;
    let wall = wall_seconds(tm.year, tm.mon + 1, tm.mday, tm.hour, tm.min, tm.sec);
    let (t, _) = local_zone(|tz| tz.from_local(wall, tm.isdst));
    Ok(Value::float(t as f64))
}
