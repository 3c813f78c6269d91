//! CPython 3.11's list sort (Objects/listobject.c `listsort`), ported step for step.
//!
//! Programs can observe a sort: `__lt__` methods that print or count, comparisons that
//! raise part-way (the list is left in whatever order the algorithm had reached), key
//! objects with inconsistent orders. Matching CPython therefore means making the same
//! comparisons in the same order: natural runs found by `count_run`, short runs extended
//! by binary insertion to `minrun`, the powersort merge policy, and merges with galloping
//! and the adaptive `min_gallop`. Every early exit leaves the array a permutation of its
//! input, as CPython does.

use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// An element being sorted: the comparison key and the value it carries (the key itself
/// when no key function is used, with a `Null` value).
pub type Slot = (Value, Value);

const MIN_GALLOP: usize = 7;

struct Run {
    base: usize,
    len: usize,
    power: i32,
}

struct MergeState {
    min_gallop: usize,
    pending: Vec<Run>,
    listlen: usize,
}

fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    vm.less_than(a, b)
}

/// Moves `n` slots from `src` to `dst` within `arr` (overlap-safe, like memmove).
fn move_within(arr: &mut [Slot], dst: usize, src: usize, n: usize) {
    if dst < src {
        for i in 0..n {
            arr[dst + i] = std::mem::take(&mut arr[src + i]);
        }
    } else if dst > src {
        for i in (0..n).rev() {
            arr[dst + i] = std::mem::take(&mut arr[src + i]);
        }
    }
}

/// Sorts `arr` in place, stably, with CPython's algorithm. On error the array is a
/// permutation of its input.
pub fn timsort(vm: &mut Vm, arr: &mut [Slot]) -> PyResult<()> {
    let n = arr.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState {
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
        listlen: n,
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    let mut nremaining = n;
    while nremaining > 0 {
        let (mut run, descending) = count_run(vm, arr, lo, lo + nremaining)?;
        if descending {
            arr[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = nremaining.min(minrun);
            binarysort(vm, arr, lo, lo + force, lo + run)?;
            run = force;
        }
        found_new_run(vm, &mut ms, arr, run)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        nremaining -= run;
    }
    merge_force_collapse(vm, &mut ms, arr)
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// Binary insertion sort of `arr[lo..hi]`, where `arr[lo..start]` is already sorted.
fn binarysort(
    vm: &mut Vm,
    arr: &mut [Slot],
    lo: usize,
    hi: usize,
    mut start: usize,
) -> PyResult<()> {
    if lo == start {
        start += 1;
    }
    while start < hi {
        let pivot_key = arr[start].0.clone();
        let (mut l, mut r) = (lo, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(vm, &pivot_key, &arr[p].0)? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        arr[l..=start].rotate_right(1);
        start += 1;
    }
    Ok(())
}

/// Length of the run at `lo` (ascending, or strictly descending) within `arr[lo..hi]`.
fn count_run(vm: &mut Vm, arr: &[Slot], lo: usize, hi: usize) -> PyResult<(usize, bool)> {
    let mut i = lo + 1;
    if i == hi {
        return Ok((1, false));
    }
    let mut n = 2;
    if lt(vm, &arr[i].0, &arr[i - 1].0)? {
        i += 1;
        while i < hi {
            if !lt(vm, &arr[i].0, &arr[i - 1].0)? {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, true))
    } else {
        i += 1;
        while i < hi {
            if lt(vm, &arr[i].0, &arr[i - 1].0)? {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, false))
    }
}

/// Position of `key` in sorted `a` (left of equal elements), searching from `hint`.
fn gallop_left(vm: &mut Vm, key: &Value, a: &[Slot], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if lt(vm, &a[hint as usize].0, key)? {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(vm, &a[(hint + ofs) as usize].0, key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    } else {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(vm, &a[(hint - ofs) as usize].0, key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(vm, &a[m as usize].0, key)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

/// Position of `key` in sorted `a` (right of equal elements), searching from `hint`.
fn gallop_right(vm: &mut Vm, key: &Value, a: &[Slot], hint: usize) -> PyResult<usize> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let mut lastofs: isize = 0;
    let mut ofs: isize = 1;
    if lt(vm, key, &a[hint as usize].0)? {
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(vm, key, &a[(hint - ofs) as usize].0)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    } else {
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(vm, key, &a[(hint + ofs) as usize].0)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if ofs > maxofs {
            ofs = maxofs;
        }
        lastofs += hint;
        ofs += hint;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(vm, key, &a[m as usize].0)? {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    Ok(ofs as usize)
}

/// How a merge loop ended.
enum Exit {
    /// Normal end (or a comparison error, carried alongside): copy back what is left.
    Done,
    /// The special endings where one run has a single element left.
    CopyLast,
}

/// Merges `arr[ssa..ssa+na]` with the following `nb` slots, `na <= nb`, via a copy of A.
fn merge_lo(
    vm: &mut Vm,
    ms: &mut MergeState,
    arr: &mut [Slot],
    ssa: usize,
    mut na: usize,
    mut nb: usize,
) -> PyResult<()> {
    let mut tmp: Vec<Slot> = arr[ssa..ssa + na].iter_mut().map(std::mem::take).collect();
    let mut a = 0usize;
    let mut b = ssa + na;
    let mut dest = ssa;
    let mut err = None;
    arr[dest] = std::mem::take(&mut arr[b]);
    dest += 1;
    b += 1;
    nb -= 1;
    let exit = 'outer: {
        if nb == 0 {
            break 'outer Exit::Done;
        }
        if na == 1 {
            break 'outer Exit::CopyLast;
        }
        let mut min_gallop = ms.min_gallop;
        loop {
            let mut acount = 0usize;
            let mut bcount = 0usize;
            loop {
                match lt(vm, &arr[b].0, &tmp[a].0) {
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                    Ok(true) => {
                        arr[dest] = std::mem::take(&mut arr[b]);
                        dest += 1;
                        b += 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 0 {
                            break 'outer Exit::Done;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                    Ok(false) => {
                        arr[dest] = std::mem::take(&mut tmp[a]);
                        dest += 1;
                        a += 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 1 {
                            break 'outer Exit::CopyLast;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= (min_gallop > 1) as usize;
                ms.min_gallop = min_gallop;
                let key = arr[b].0.clone();
                let k = match gallop_right(vm, &key, &tmp[a..a + na], 0) {
                    Ok(k) => k,
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                };
                acount = k;
                if k > 0 {
                    for i in 0..k {
                        arr[dest + i] = std::mem::take(&mut tmp[a + i]);
                    }
                    dest += k;
                    a += k;
                    na -= k;
                    if na == 1 {
                        break 'outer Exit::CopyLast;
                    }
                    if na == 0 {
                        break 'outer Exit::Done;
                    }
                }
                arr[dest] = std::mem::take(&mut arr[b]);
                dest += 1;
                b += 1;
                nb -= 1;
                if nb == 0 {
                    break 'outer Exit::Done;
                }
                let key = tmp[a].0.clone();
                let k = match gallop_left(vm, &key, &arr[b..b + nb], 0) {
                    Ok(k) => k,
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                };
                bcount = k;
                if k > 0 {
                    move_within(arr, dest, b, k);
                    dest += k;
                    b += k;
                    nb -= k;
                    if nb == 0 {
                        break 'outer Exit::Done;
                    }
                }
                arr[dest] = std::mem::take(&mut tmp[a]);
                dest += 1;
                a += 1;
                na -= 1;
                if na == 1 {
                    break 'outer Exit::CopyLast;
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            ms.min_gallop = min_gallop;
        }
    };
    match exit {
        Exit::Done => {
            for i in 0..na {
                arr[dest + i] = std::mem::take(&mut tmp[a + i]);
            }
        }
        Exit::CopyLast => {
            // The last element of A belongs at the end of the merge.
            move_within(arr, dest, b, nb);
            arr[dest + nb] = std::mem::take(&mut tmp[a]);
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Merges `arr[ssa..ssa+na]` with the following `nb` slots, `na >= nb`, via a copy of B,
/// from the right.
fn merge_hi(
    vm: &mut Vm,
    ms: &mut MergeState,
    arr: &mut [Slot],
    ssa: usize,
    mut na: usize,
    mut nb: usize,
) -> PyResult<()> {
    let ssb = ssa + na;
    let mut tmp: Vec<Slot> = arr[ssb..ssb + nb].iter_mut().map(std::mem::take).collect();
    // Signed cursors: `a` and `dest` may step one before the start.
    let mut dest = (ssb + nb - 1) as isize;
    let mut b = nb as isize - 1;
    let mut a = (ssa + na - 1) as isize;
    let mut err = None;
    let at = |i: isize| i as usize;
    arr[at(dest)] = std::mem::take(&mut arr[at(a)]);
    dest -= 1;
    a -= 1;
    na -= 1;
    let exit = 'outer: {
        if na == 0 {
            break 'outer Exit::Done;
        }
        if nb == 1 {
            break 'outer Exit::CopyLast;
        }
        let mut min_gallop = ms.min_gallop;
        loop {
            let mut acount = 0usize;
            let mut bcount = 0usize;
            loop {
                match lt(vm, &tmp[at(b)].0, &arr[at(a)].0) {
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                    Ok(true) => {
                        arr[at(dest)] = std::mem::take(&mut arr[at(a)]);
                        dest -= 1;
                        a -= 1;
                        acount += 1;
                        bcount = 0;
                        na -= 1;
                        if na == 0 {
                            break 'outer Exit::Done;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                    Ok(false) => {
                        arr[at(dest)] = std::mem::take(&mut tmp[at(b)]);
                        dest -= 1;
                        b -= 1;
                        bcount += 1;
                        acount = 0;
                        nb -= 1;
                        if nb == 1 {
                            break 'outer Exit::CopyLast;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= (min_gallop > 1) as usize;
                ms.min_gallop = min_gallop;
                let key = tmp[at(b)].0.clone();
                let k = match gallop_right(vm, &key, &arr[ssa..ssa + na], na - 1) {
                    Ok(k) => na - k,
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                };
                acount = k;
                if k > 0 {
                    dest -= k as isize;
                    a -= k as isize;
                    move_within(arr, at(dest + 1), at(a + 1), k);
                    na -= k;
                    if na == 0 {
                        break 'outer Exit::Done;
                    }
                }
                arr[at(dest)] = std::mem::take(&mut tmp[at(b)]);
                dest -= 1;
                b -= 1;
                nb -= 1;
                if nb == 1 {
                    break 'outer Exit::CopyLast;
                }
                let key = arr[at(a)].0.clone();
                let k = match gallop_left(vm, &key, &tmp[..nb], nb - 1) {
                    Ok(k) => nb - k,
                    Err(e) => {
                        err = Some(e);
                        break 'outer Exit::Done;
                    }
                };
                bcount = k;
                if k > 0 {
                    dest -= k as isize;
                    b -= k as isize;
                    for i in 0..k {
                        arr[at(dest + 1) + i] = std::mem::take(&mut tmp[at(b + 1) + i]);
                    }
                    nb -= k;
                    if nb == 1 {
                        break 'outer Exit::CopyLast;
                    }
                    if nb == 0 {
                        break 'outer Exit::Done;
                    }
                }
                arr[at(dest)] = std::mem::take(&mut arr[at(a)]);
                dest -= 1;
                a -= 1;
                na -= 1;
                if na == 0 {
                    break 'outer Exit::Done;
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            ms.min_gallop = min_gallop;
        }
    };
    match exit {
        Exit::Done => {
            if nb > 0 {
                let start = at(dest - (nb as isize - 1));
                for i in 0..nb {
                    arr[start + i] = std::mem::take(&mut tmp[i]);
                }
            }
        }
        Exit::CopyLast => {
            // The first element of B belongs at the front of the merge.
            let dst = at(dest + 1 - na as isize);
            let src = at(a + 1 - na as isize);
            move_within(arr, dst, src, na);
            dest -= na as isize;
            arr[at(dest)] = std::mem::take(&mut tmp[at(b)]);
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Merges pending runs `i` and `i + 1`.
fn merge_at(vm: &mut Vm, ms: &mut MergeState, arr: &mut [Slot], i: usize) -> PyResult<()> {
    let (ssa, mut na) = (ms.pending[i].base, ms.pending[i].len);
    let (ssb, mut nb) = (ms.pending[i + 1].base, ms.pending[i + 1].len);
    ms.pending[i].len = na + nb;
    ms.pending.remove(i + 1);
    // Where does B start in A? Elements of A before that are already in place.
    let key = arr[ssb].0.clone();
    let k = gallop_right(vm, &key, &arr[ssa..ssa + na], 0)?;
    let ssa = ssa + k;
    na -= k;
    if na == 0 {
        return Ok(());
    }
    // Where does A end in B? Elements of B after that are already in place.
    let key = arr[ssa + na - 1].0.clone();
    nb = gallop_left(vm, &key, &arr[ssb..ssb + nb], nb - 1)?;
    if nb == 0 {
        return Ok(());
    }
    if na <= nb {
        merge_lo(vm, ms, arr, ssa, na, nb)
    } else {
        merge_hi(vm, ms, arr, ssa, na, nb)
    }
}

/// The powersort "power" of the run at `s1` (length `n1`) followed by one of length `n2`.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> i32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// A run of length `n2` was found: merge pending runs of greater power (powersort).
fn found_new_run(vm: &mut Vm, ms: &mut MergeState, arr: &mut [Slot], n2: usize) -> PyResult<()> {
    let Some(top) = ms.pending.last() else {
        return Ok(());
    };
    let power = powerloop(top.base, top.len, n2, ms.listlen);
    while ms.pending.len() > 1 && ms.pending[ms.pending.len() - 2].power > power {
        let i = ms.pending.len() - 2;
        merge_at(vm, ms, arr, i)?;
    }
    if let Some(top) = ms.pending.last_mut() {
        top.power = power;
    }
    Ok(())
}

fn merge_force_collapse(vm: &mut Vm, ms: &mut MergeState, arr: &mut [Slot]) -> PyResult<()> {
    while ms.pending.len() > 1 {
        let mut n = ms.pending.len() - 2;
        if n > 0 && ms.pending[n - 1].len < ms.pending[n + 1].len {
            n -= 1;
        }
        merge_at(vm, ms, arr, n)?;
    }
    Ok(())
}
