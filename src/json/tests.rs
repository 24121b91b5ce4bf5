//! The parser and the writer: RFC 8259's edge cases, serde_json's answers (the parser it
//! replaces) on every case, exact numbers, nesting, escapes and round trips.

use super::number::pow10_for_tests;
use super::*;

/// serde_json's reading of `text`: the value (as serde_json's), or the error's text and whether
/// it is an EOF.
fn serde(text: &str) -> Result<serde_json::Value, (String, bool)> {
    serde_json::from_str(text).map_err(|e| (e.to_string(), e.is_eof()))
}

/// Ours, in the same terms: the value through its `Serialize` (numbers as serde_json reads
/// them).
fn ours(text: &str) -> Result<serde_json::Value, (String, bool)> {
    parse(text).map(|v| serde_json::to_value(&v).expect("a value serialises")).map_err(|e| (e.to_string(), e.is_eof()))
}

fn agree(text: &str) {
    assert_eq!(ours(text), serde(text), "{text:?}");
}

const DOCUMENT: &str = r#" {"data":[{"id":"17895695668004550","like_count":12,"caption":"caf\u00e9 \"ok\" \ud83c\udf89\n","x":-0.5e-3,
    "children":{"data":[]},"ok":true,"none":null,"big":18446744073709551616}],
  "paging":{"cursors":{"after":"QVFI"},"next":"https:\/\/graph.facebook.com\/v27.0\/1\/media?after=QVFI"}} "#;

#[test]
fn rfc8259_values() {
    for text in [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "0.5",
        "1e5",
        "1E+5",
        "1e-5",
        "-1.25e-2",
        r#""""#,
        r#""a""#,
        "[]",
        "{}",
        "[1,[2,[3]]]",
        r#"{"a":{"b":[true,false,null]}}"#,
        " \t\r\n[ 1 , 2 ] \n",
        r#""\"\\\/\b\f\n\r\t""#,
        r#""\u0041\u00e9\u4e2d\ud83c\udf89""#,
        r#""\uD83C\uDF89""#,
        "\"é ✓ 🎉\"",
        "\"\u{7f}\"",
        DOCUMENT,
    ] {
        agree(text);
        assert!(parse(text).is_ok(), "{text:?}");
    }
}

#[test]
fn refuses_what_serde_json_refused_with_its_words() {
    for text in [
        "",
        " ",
        "nul",
        "nulx",
        "tru",
        "True",
        "NaN",
        "Infinity",
        "-",
        "+1",
        "01",
        "-01",
        "1.",
        ".5",
        "1.e5",
        "1e",
        "1e+",
        "1e+x",
        "--1",
        "0x10",
        "1 2",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[",
        "[1",
        "[1,",
        "{",
        r#"{"a""#,
        r#"{"a":"#,
        r#"{"a":1"#,
        r#"{"a":1,"#,
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":1 "b":2}"#,
        "{1:2}",
        "{,}",
        r#"{"a":1}}"#,
        r#""abc"#,
        "\"a\u{1}b\"",
        "\"tab\there\"",
        "\"line\nbreak\"",
        r#""\a""#,
        r#""\x41""#,
        r#""\u12""#,
        r#""\u12G4""#,
        r#""\u""#,
        r#""\"#,
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\ud800\n""#,
        r#""\ud800x""#,
        r#""\ud800\"#,
        r#""\ud800\u""#,
        "\u{feff}{}",
        "1e400",
        "-1e400",
        "1.8e308",
        "1e2147483648",
        "[1]\n  x",
        "{\"a\":\n[1,\n2,]}",
    ] {
        assert!(parse(text).is_err(), "{text:?}");
        agree(text);
    }
}

#[test]
fn numbers_are_read_as_serde_json_read_them() {
    for n in [
        "0",
        "-0",
        "-0.0",
        "1700000000.4999999",
        "1.7e9",
        "99999999999",
        "9007199254740993",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "-18446744073709551615",
        "184467440737095516150.5",
        "1844674407370955161.5",
        "18446744073709551615.99999",
        "123456789012345678901234567890e-20",
        "5555555555552555555515511111111110.9",
        "0.000000000000000000000000000001e30",
        "0.1",
        "0.3",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1e-400",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1e309",
        "0e999999999999",
        "1e999999999999",
        "1e-999999999999",
        "-1e-999999999999",
        "1e2147483647",
        "1e-2147483648",
        "123e-2147483647",
        "1e23",
        "8.98846567431158e307",
        "1234567890123456789012345678901234567890",
        &"9".repeat(400),
        &format!("0.{}1", "0".repeat(400)),
    ] {
        agree(n);
        agree(&format!("[{n}]"));
        agree(&format!("-{n}"));
    }
}

#[test]
fn every_prefix_and_every_byte_swap_of_a_document_is_answered_as_serde_json_did() {
    let doc = DOCUMENT.as_bytes();
    for end in 0..doc.len() {
        if let Ok(text) = std::str::from_utf8(&doc[..end]) {
            agree(text);
        }
    }
    for i in 0..doc.len() {
        for byte in [b' ', b'"', b'\\', b'[', b']', b'{', b'}', b',', b':', b'0', b'1', b'-', b'.', b'e', b'u', b'n', 0x01, b'\n'] {
            let mut copy = doc.to_vec();
            copy[i] = byte;
            if let Ok(text) = std::str::from_utf8(&copy) {
                agree(text);
            }
        }
    }
}

#[test]
fn nesting_deeper_than_127_is_refused_without_exhausting_the_stack() {
    let nested = |depth: usize, open: &str, close: &str| format!("{}{}", open.repeat(depth), close.repeat(depth));
    for depth in [1, 126, 127, 128, 129, 100_000] {
        for (open, close) in [("[", "]"), (r#"{"a":"#, "}"), (r#"[{"a":"#, "}]")] {
            let text = nested(depth, open, close);
            agree(&text);
        }
    }
    assert!(parse(&nested(127, "[", "]")).is_ok());
    let e = parse(&nested(128, "[", "]")).unwrap_err();
    assert_eq!(e.to_string(), "recursion limit exceeded at line 1 column 128");
    assert!(!e.is_eof());
}

#[test]
fn errors_say_where_and_whether_the_text_was_cut_short() {
    let e = parse("{\"a\": [1,\n  2,\n  x]}").unwrap_err();
    assert_eq!((e.line(), e.column(), e.is_eof()), (3, 3, false));
    assert_eq!(e.to_string(), "expected value at line 3 column 3");
    let e = parse(r#"{"data":[{"id":"1"#).unwrap_err();
    assert!(e.is_eof());
    assert_eq!(e.to_string(), "EOF while parsing a string at line 1 column 17");
}

#[test]
fn numbers_keep_their_text_and_read_only_what_is_exact() {
    let v =
        parse(r#"[17841405822304914, 18446744073709551615, 18446744073709551616, -9223372036854775808, 1.50, 1E2, -0, 1e-400]"#).unwrap();
    let n: Vec<&Number> = v.as_array().unwrap().iter().map(|x| x.as_number().unwrap()).collect();
    let texts: Vec<&str> = n.iter().map(|x| x.as_str()).collect();
    assert_eq!(
        texts,
        ["17841405822304914", "18446744073709551615", "18446744073709551616", "-9223372036854775808", "1.50", "1E2", "-0", "1e-400"]
    );
    assert_eq!(n[0].as_u64(), Some(17_841_405_822_304_914));
    assert_eq!(n[0].as_i64(), Some(17_841_405_822_304_914));
    assert_eq!((n[1].as_u64(), n[1].as_i64()), (Some(u64::MAX), None), "above i64");
    assert_eq!((n[2].as_u64(), n[2].as_i64(), n[2].is_integer()), (None, None, false), "above u64: a float");
    assert_eq!(n[2].as_f64(), 18_446_744_073_709_551_616.0);
    assert_eq!((n[3].as_i64(), n[3].as_u64()), (Some(i64::MIN), None));
    assert_eq!((n[4].as_u64(), n[4].as_f64(), n[4].is_integer()), (None, 1.5, false), "a fraction is not an integer");
    assert_eq!((n[5].as_u64(), n[5].as_f64()), (None, 100.0), "nor is an exponent");
    assert_eq!((n[6].as_i64(), n[6].is_integer(), n[6].as_f64().is_sign_negative()), (None, false, true), "-0 is a float");
    assert_eq!(n[7].as_f64(), 0.0);
    // Written back exactly as read.
    assert_eq!(v.to_string(), "[17841405822304914,18446744073709551615,18446744073709551616,-9223372036854775808,1.50,1E2,-0,1e-400]");
    // Equal as numbers, whatever the text; an integer is not a float.
    assert_eq!(parse("1.50").unwrap(), parse("1.5").unwrap());
    assert_eq!(parse("1e2").unwrap(), parse("100.0").unwrap());
    assert_ne!(parse("1").unwrap(), parse("1.0").unwrap());
    assert_eq!(Value::from(17_841_405_822_304_914u64).to_string(), "17841405822304914");
    assert_eq!(Value::from(-3i64).as_i64(), Some(-3));
}

#[test]
fn pow10_is_the_nearest_double_as_the_literal_is() {
    for n in 0..=308 {
        assert_eq!(pow10_for_tests(n), Some(format!("1e{n}").parse::<f64>().unwrap()), "10^{n}");
    }
    assert_eq!(pow10_for_tests(309), None);
}

#[test]
fn objects_keep_member_order_and_the_last_of_a_repeated_name() {
    let v = parse(r#"{"z":1,"a":2,"m":{"y":true,"b":false}}"#).unwrap();
    assert_eq!(v.as_object().unwrap().keys().collect::<Vec<_>>(), ["z", "a", "m"]);
    assert_eq!(v.to_string(), r#"{"z":1,"a":2,"m":{"y":true,"b":false}}"#);
    // As JSON.parse: the first place, the last value (small and large objects).
    let v = parse(r#"{"a":1,"b":2,"a":3,"c":4,"b":5,"a":6}"#).unwrap();
    assert_eq!(v.to_string(), r#"{"a":6,"b":5,"c":4}"#);
    let many: Vec<String> = (0..40).map(|i| format!("\"k{}\":{i}", i % 25)).collect();
    let v = parse(&format!("{{{}}}", many.join(","))).unwrap();
    let m = v.as_object().unwrap();
    assert_eq!(m.len(), 25);
    assert_eq!(m.keys().take(3).collect::<Vec<_>>(), ["k0", "k1", "k2"]);
    assert_eq!((m.get("k3"), m.get("k20")), (Some(&Value::from(28)), Some(&Value::from(20))));
    agree(&format!("{{{}}}", many.join(",")));
    // Equal whatever the order.
    assert_eq!(parse(r#"{"a":1,"b":[2]}"#).unwrap(), parse(r#"{"b":[2],"a":1}"#).unwrap());
    assert_ne!(parse(r#"{"a":1}"#).unwrap(), parse(r#"{"a":1,"b":2}"#).unwrap());
}

#[test]
fn maps_insert_in_place_and_remove_in_order() {
    let mut m: Map = Map::new();
    m.insert("a", Value::from(1));
    m.insert("b", Value::from(2));
    m.insert("c", Value::from(3));
    assert_eq!(m.insert("a", Value::from(9)), Some(Value::from(1)));
    assert_eq!(m.remove("b"), Some(Value::from(2)));
    assert_eq!(m.remove("b"), None);
    assert_eq!(Value::Object(m.clone()).to_string(), r#"{"a":9,"c":3}"#);
    let collected: Map<u32> = [("x".to_owned(), 1), ("y".to_owned(), 2), ("x".to_owned(), 3)].into_iter().collect();
    assert_eq!(collected.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>(), [("x", 3), ("y", 2)]);
}

#[test]
fn strings_are_written_with_exactly_the_escapes_json_requires() {
    let mut every: String = (0u8..0x80).map(char::from).collect();
    every.push_str("é ✓ 🎉 \u{2028}\u{fffd}");
    for s in [every.as_str(), "", "plain", "\"quoted\" \\ back/slash", "\u{0}\u{1f}\u{7f}"] {
        let mut out = String::new();
        write_str(&mut out, s);
        assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        assert_eq!(parse(&out).unwrap(), Value::from(s), "round trip of {s:?}");
    }
    let mut out = String::new();
    write_str(&mut out, "a\u{8}\u{c}\n\r\t\u{1}b");
    assert_eq!(out, r#""a\b\f\n\r\t\u0001b""#);
}

#[test]
fn round_trips() {
    for text in [DOCUMENT, "[]", "{}", r#"[null,true,false,0,-1.5e3,"",[{}]]"#, r#"{"a":{"b":{"c":"\u0000"}}}"#] {
        let v = parse(text).unwrap();
        let written = v.to_string();
        assert_eq!(parse(&written).unwrap(), v, "{text}");
        assert_eq!(written, parse(&written).unwrap().to_string(), "writing is stable");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(), serde(text).unwrap(), "{text}");
    }
}

#[test]
fn floats_are_written_as_the_exact_decimal_they_are() {
    let text = |f: f64| f.to_json();
    // Integral values as serde_json wrote them.
    assert_eq!(text(5.0), "5.0");
    assert_eq!(text(1_700_000_000_000.0), "1700000000000.0");
    assert_eq!(text(-0.0), "-0.0");
    assert_eq!(text(-2.0), "-2.0");
    assert_eq!((text(f64::NAN), text(f64::INFINITY), text(f64::NEG_INFINITY)), ("null".into(), "null".into(), "null".into()));
    // Others with every digit of their binary fraction.
    assert_eq!(text(0.5), "0.5");
    assert_eq!(text(1_700_000_000_000.25), "1700000000000.25");
    assert_eq!(text(-1.0 / 1024.0), "-0.0009765625");
    assert_eq!(text(0.1), "0.1000000000000000055511151231257827021181583404541015625");
    assert_eq!(text(2f64.powi(64)), "18446744073709551616.0");
    assert_eq!(text(1e300).len(), 301 + 2);
    // Read back (as `JSON.parse` reads: to the nearest double) to the very same number.
    let mut f = 1.0e-310_f64;
    while f < 1e300 {
        for g in [f, -f, f * 1.000_000_7, f / 3.0, f + 0.5] {
            let t = text(g);
            assert_eq!(t.parse::<f64>().unwrap().to_bits(), g.to_bits(), "{t}");
            assert!(parse(&t).is_ok(), "{t}");
        }
        f *= 7.3;
    }
    for g in [f64::MAX, f64::MIN_POSITIVE, 5e-324, 1.0 / 3.0, 123_456_789.123, 4_503_599_627_370_495.5] {
        assert_eq!(text(g).parse::<f64>().unwrap(), g);
    }
}

#[test]
fn reports_write_members_in_order_with_options() {
    let mut out = String::new();
    Object::new(&mut out)
        .member("a", &1u32)
        .member("b", "x")
        .member_if("c", &None::<u32>)
        .member_if("d", &Some(true))
        .member("e", &None::<String>)
        .member("f", &vec!["y".to_owned()])
        .end();
    assert_eq!(out, r#"{"a":1,"b":"x","d":true,"e":null,"f":["y"]}"#);
}
