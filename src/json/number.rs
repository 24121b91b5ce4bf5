//! Numbers: reading a number's text as serde_json did (its class, its `f64`, whether it is in
//! range), and writing an `f64` as the exact decimal it is, without the formatting machinery of
//! `core` (about 10 KB of wasm).

use super::parse::Code;

/// What a number is, read from its text: serde_json's classes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum N {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// Read the number that starts at `bytes[start]` as serde_json does: its class and value, and
/// where it ends; or the error, where it is, and whether serde_json reports it at the byte
/// after (`true`) or at the last byte read.
///
/// Integer digits past `u64` are dropped (each adding one to the exponent), fraction digits
/// past it ignored; the value is the significand times the power of ten, rounded once. A
/// value beyond `f64` is out of range.
pub(crate) fn scan_number(bytes: &[u8], start: usize) -> Result<(N, usize), (Code, usize, bool)> {
    let mut i = start;
    let at = |i: usize| bytes.get(i).copied();
    let digit = |b: Option<u8>| b.filter(u8::is_ascii_digit).map(|d| u64::from(d - b'0'));
    let positive = at(i) != Some(b'-');
    if !positive {
        i += 1;
    }
    let Some(first) = at(i) else { return Err((Code::EofWhileParsingValue, i, false)) };
    i += 1;
    let mut significand: u64 = match first {
        b'0' => {
            if digit(at(i)).is_some() {
                return Err((Code::InvalidNumber, i, true));
            }
            0
        }
        b'1'..=b'9' => u64::from(first - b'0'),
        _ => return Err((Code::InvalidNumber, i, false)),
    };
    let mut exponent: i32 = 0;
    let mut integer = true;
    while let Some(d) = digit(at(i)) {
        i += 1;
        match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
            Some(s) if integer => significand = s,
            _ => {
                integer = false;
                exponent = exponent.saturating_add(1);
            }
        }
    }
    if at(i) == Some(b'.') {
        i += 1;
        integer = false;
        let fraction_start = i;
        let mut overflowed = false;
        while let Some(d) = digit(at(i)) {
            i += 1;
            if overflowed {
                continue;
            }
            match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                Some(s) => {
                    significand = s;
                    exponent = exponent.saturating_sub(1);
                }
                None => overflowed = true,
            }
        }
        if i == fraction_start {
            let code = if at(i).is_some() { Code::InvalidNumber } else { Code::EofWhileParsingValue };
            return Err((code, i, true));
        }
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        i += 1;
        integer = false;
        let positive_exp = at(i) != Some(b'-');
        if matches!(at(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let Some(first) = at(i) else { return Err((Code::EofWhileParsingValue, i, false)) };
        i += 1;
        let Some(mut exp) = digit(Some(first)).map(|d| d as i32) else { return Err((Code::InvalidNumber, i, false)) };
        let mut overflow = false;
        while let Some(d) = digit(at(i)) {
            i += 1;
            if overflow {
                continue;
            }
            match exp.checked_mul(10).and_then(|e| e.checked_add(d as i32)) {
                Some(e) => exp = e,
                // An exponent past i32: out of range, or 0 (serde_json's rule).
                None if significand != 0 && positive_exp => return Err((Code::NumberOutOfRange, i, false)),
                None => overflow = true,
            }
        }
        if overflow {
            return Ok((N::F64(if positive { 0.0 } else { -0.0 }), i));
        }
        exponent = if positive_exp { exponent.saturating_add(exp) } else { exponent.saturating_sub(exp) };
    }
    if integer {
        let n = if positive {
            N::U64(significand)
        } else {
            // `-0` and magnitudes past i64 are floats.
            match (significand as i64).wrapping_neg() {
                n if n < 0 => N::I64(n),
                _ => N::F64(-(significand as f64)),
            }
        };
        return Ok((n, i));
    }
    match f64_from_parts(significand, exponent) {
        Some(f) => Ok((N::F64(if positive { f } else { -f }), i)),
        None => Err((Code::NumberOutOfRange, i, false)),
    }
}

/// Read a number's text (already checked by the parser, or written by us).
pub(crate) fn read_number(text: &str) -> Option<N> {
    scan_number(text.as_bytes(), 0).ok().map(|(n, _)| n)
}

/// `significand × 10^exponent` as serde_json computes it: one multiplication or division by
/// the power of ten (rounded to `f64`), dividing by 10^308 first for smaller powers; `None`
/// when the result is beyond `f64`.
fn f64_from_parts(significand: u64, mut exponent: i32) -> Option<f64> {
    let mut f = significand as f64;
    loop {
        match pow10(exponent.unsigned_abs()) {
            Some(pow) if exponent >= 0 => {
                f *= pow;
                return (!f.is_infinite()).then_some(f);
            }
            Some(pow) => return Some(f / pow),
            None if f == 0.0 => return Some(f),
            None if exponent >= 0 => return None,
            None => {
                f /= 1e308;
                exponent += 308;
            }
        }
    }
}

/// 10^n rounded to the nearest `f64` (what the literal `1e{n}` is), for n up to 308.
///
/// Up to 10^22 every power is exact in `f64` and so is each step of the product. Beyond, 10^n
/// is computed exactly in 32-bit limbs and its top 53 bits rounded to nearest, ties to even.
fn pow10(n: u32) -> Option<f64> {
    if n > 308 {
        return None;
    }
    if n <= 22 {
        return Some((0..n).fold(1.0, |p, _| p * 10.0));
    }
    let mut limbs: Vec<u32> = vec![1];
    for _ in 0..n {
        mul_small(&mut limbs, 10);
    }
    let top = limbs.last().copied().unwrap_or(1);
    let bits = 32 * (limbs.len() as u32 - 1) + (32 - top.leading_zeros());
    // The top 64 bits, and whether any bit below them is set.
    let shift = bits - 64;
    let (word, offset) = ((shift / 32) as usize, shift % 32);
    let limb = |k: usize| u128::from(limbs.get(k).copied().unwrap_or(0));
    let window = limb(word) | limb(word + 1) << 32 | limb(word + 2) << 64 | limb(word + 3) << 96;
    let top64 = (window >> offset) as u64;
    let sticky = limbs.iter().take(word).any(|&l| l != 0) || limb(word) & ((1 << offset) - 1) != 0;
    let (mut mantissa, rest) = (top64 >> 11, top64 & 0x7ff);
    let mut exp = bits - 53;
    if rest > 0x400 || (rest == 0x400 && (sticky || mantissa & 1 == 1)) {
        mantissa += 1;
        if mantissa == 1 << 53 {
            mantissa >>= 1;
            exp += 1;
        }
    }
    // mantissa × 2^exp, mantissa in [2^52, 2^53): the biased exponent is exp + 52 + 1023.
    Some(f64::from_bits(u64::from(exp + 52 + 1023) << 52 | (mantissa & ((1 << 52) - 1))))
}

/// `limbs × k`, the limbs 32-bit digits of a natural number, least significant first.
fn mul_small(limbs: &mut Vec<u32>, k: u32) {
    let mut carry = 0u64;
    for limb in limbs.iter_mut() {
        let x = u64::from(*limb) * u64::from(k) + carry;
        *limb = x as u32;
        carry = x >> 32;
    }
    if carry > 0 {
        limbs.push(carry as u32);
    }
}

/// `limbs / d` in place; the remainder.
fn div_small(limbs: &mut Vec<u32>, d: u32) -> u32 {
    let mut rem = 0u64;
    for limb in limbs.iter_mut().rev() {
        let x = rem << 32 | u64::from(*limb);
        *limb = (x / u64::from(d)) as u32;
        rem = x % u64::from(d);
    }
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    rem as u32
}

/// A finite `f64` as the decimal it is exactly: an integral value as its digits and `.0`
/// (`1700000000000.0`, as serde_json wrote it), any other as all the digits of its binary
/// fraction (`0.5`, `1700000000000.25`; `JSON.parse` reads back the very same number).
///
/// Every double is m × 2^e, a finite decimal: m × 5^-e / 10^-e when e < 0.
pub(crate) fn write_f64(out: &mut String, f: f64) {
    use std::fmt::Write;
    if f.is_sign_negative() {
        out.push('-');
    }
    let f = f.abs();
    if f.fract() == 0.0 && f < 9_223_372_036_854_775_808.0 {
        let _ = write!(out, "{}.0", f as u64);
        return;
    }
    let bits = f.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let mut limbs = vec![m as u32, (m >> 32) as u32];
    let (factor, times, point) = if e >= 0 { (2, e, 0) } else { (5, -e, e.unsigned_abs() as usize) };
    for _ in 0..times {
        mul_small(&mut limbs, factor);
    }
    // The decimal digits, least significant first, at least one before the point.
    let mut digits = Vec::new();
    while !limbs.is_empty() {
        let mut chunk = div_small(&mut limbs, 1_000_000_000);
        for _ in 0..9 {
            digits.push(b'0' + (chunk % 10) as u8);
            chunk /= 10;
        }
    }
    while digits.len() > point + 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    digits.resize(digits.len().max(point + 1), b'0');
    let (fraction, integer) = digits.split_at(point);
    out.extend(integer.iter().rev().map(|&d| char::from(d)));
    out.push('.');
    match fraction.iter().position(|&d| d != b'0') {
        Some(first) => out.extend(fraction.iter().skip(first).rev().map(|&d| char::from(d))),
        None => out.push('0'),
    }
}

#[cfg(test)]
pub(crate) fn pow10_for_tests(n: u32) -> Option<f64> {
    pow10(n)
}
