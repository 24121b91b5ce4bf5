//! The generated TypeScript of `pkg-template/index.d.ts`.
//!
//! Each generated block comes from the Rust table that enforces the same thing at run time (the
//! option keys the skin accepts, the metrics the core refuses, the error classes it throws, the
//! webhook fields it produces, the shapes it returns), so the declarations and the behaviour
//! cannot drift: `registry::tests::the_types_are_generated_from_the_rust_tables` fails when the
//! file differs from [`blocks`] (`UPDATE_GENERATED=1 cargo test --lib registry` rewrites it). What
//! no table holds (the entry functions, the generic helpers `FieldOf`/`Fields`/`Page`, the
//! `Paginator` and the generic client methods, the `webhooks`/`oauth` namespace objects) stays
//! hand-written in the file, outside the blocks.
//!
//! Host-only (`lib.rs` compiles it off wasm32), as is every function that writes TypeScript: no
//! TypeScript text reaches the wasm.

/// Every generated block of `index.d.ts`: (the line that opens it, its text). Each block ends at
/// the next `// </generated>` line.
pub fn blocks() -> Vec<(&'static str, String)> {
    vec![
        ("// <generated from src/config.rs>", crate::config::typescript()),
        ("// <generated from src/options.rs>", crate::options::typescript()),
        ("// <generated from src/models.rs>", crate::models::typescript()),
        ("// <generated from src/endpoints/insights.rs>", crate::endpoints::insights::typescript()),
        ("// <generated from src/endpoints/publishing.rs>", crate::endpoints::publishing::typescript()),
        ("// <generated from src/flow/mod.rs>", declare(crate::flow::PROGRESS)),
        ("// <generated from src/error.rs>", crate::error::typescript()),
        ("// <generated from src/webhook.rs>", crate::webhook::typescript()),
        ("// <generated from src/endpoints/oauth.rs>", crate::endpoints::oauth::typescript()),
        ("// <generated from src/diagnose.rs>", declare(crate::diagnose::TYPES)),
        ("// <generated from src/endpoints/messaging.rs>", declare(crate::endpoints::messaging::TYPES)),
        ("// <generated from src/rate_limit.rs>", declare(crate::rate_limit::TYPES)),
        ("// <generated from src/endpoints/batch.rs>", declare(crate::endpoints::batch::TYPES)),
        ("  // <generated from src/registry.rs>", crate::registry::typescript()),
    ]
}

/// One member of an interface: its name, its TypeScript type (optional when it starts with
/// `?`) and its doc comment.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// The member's name, as JS sees it.
    pub name: &'static str,
    /// Its TypeScript type; a leading `?` makes the member optional.
    pub ts: &'static str,
    /// Its doc comment (empty: none).
    pub doc: &'static str,
}

impl Member {
    /// The name JS sees (a Rust raw identifier, `r#type`, is `type`).
    pub fn js_name(&self) -> &'static str {
        self.name.trim_start_matches("r#")
    }

    /// Whether the member may be absent.
    pub fn optional(&self) -> bool {
        self.ts.starts_with('?')
    }

    /// `name: type;` or `name?: type;`, with its doc comment, indented by `indent`.
    pub fn to_ts(&self, indent: &str) -> String {
        let (mark, ts) = match self.ts.strip_prefix('?') {
            Some(t) => ("?", t),
            None => ("", self.ts),
        };
        format!("{}{indent}{}{mark}: {ts};\n", doc(self.doc, indent), self.js_name())
    }
}

/// An interface: its doc comment, name, parent, members, and whether it takes members it does
/// not list (`[k: string]: unknown`: Meta adds them).
#[derive(Debug, Clone, Copy)]
pub struct Interface {
    /// Its doc comment.
    pub doc: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The interface it extends.
    pub extends: Option<&'static str>,
    /// Its members, in order.
    pub members: &'static [Member],
    /// Whether unlisted members are allowed.
    pub open: bool,
}

impl Interface {
    /// The declaration, followed by a blank line.
    pub fn to_ts(&self) -> String {
        let extends = self.extends.map(|p| format!(" extends {p}")).unwrap_or_default();
        let mut out = format!("{}export interface {}{extends} {{\n", doc(self.doc, ""), self.name);
        for m in self.members {
            out.push_str(&m.to_ts("  "));
        }
        if self.open {
            out.push_str("  [key: string]: unknown;\n");
        }
        out.push_str("}\n\n");
        out
    }
}

/// Declare [`Interface`]s: `#[doc = "…"] Name [: Parent] [open] { #[doc = "…"] member: "type", … }`
/// (a type starting with `?` is optional).
macro_rules! interfaces {
    ($(#[$attr:meta])* $vis:vis const $table:ident = { $(
        $(#[doc = $doc:literal])* $name:ident $(: $parent:ident)? $([$open:ident])? {
            $( $(#[doc = $mdoc:literal])* $member:ident : $ts:literal ),* $(,)?
        }
    )* }) => {
        $(#[$attr])*
        $vis const $table: &[$crate::typescript::Interface] = &[$(
            $crate::typescript::Interface {
                doc: concat!($($doc),*),
                name: stringify!($name),
                extends: $crate::typescript::interfaces!(@opt $($parent)?),
                members: &[$( $crate::typescript::Member { name: stringify!($member), ts: $ts, doc: concat!($($mdoc),*) } ),*],
                open: $crate::typescript::interfaces!(@open $($open)?),
            },
        )*];
    };
    (@opt) => { None };
    (@opt $p:ident) => { Some(stringify!($p)) };
    (@open) => { false };
    (@open open) => { true };
}
pub(crate) use interfaces;

/// The declarations of a table of interfaces, in order.
pub fn declare(table: &[Interface]) -> String {
    table.iter().map(Interface::to_ts).collect()
}

/// `export type Name = "a" | "b";` with its doc comment (a trailing `(string & {})` when
/// `open`: values Meta adds pass).
pub fn string_union<'a>(doc_text: &str, name: &str, values: impl IntoIterator<Item = &'a str>, open: bool) -> String {
    let mut parts: Vec<String> = values.into_iter().map(quote).collect();
    if open {
        parts.push("(string & {})".to_owned());
    }
    let union = wrap_union(&parts);
    let space = if union.starts_with('\n') { "" } else { " " };
    format!("{}export type {name} ={space}{union};\n\n", doc(doc_text, ""))
}

/// `"a"`: a string as a TypeScript literal type.
pub fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// `a | b | c` on one line, or one member a line (`\n  | a`) when that would be long.
pub fn wrap_union(parts: &[String]) -> String {
    let line = parts.join(" | ");
    if line.len() <= 90 {
        line
    } else {
        parts.iter().map(|p| format!("\n  | {p}")).collect()
    }
}

/// A JSDoc comment for `text` (nothing when it is empty), on one line when it fits in 110
/// columns, else wrapped at 100.
pub fn doc(text: &str, indent: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return String::new();
    }
    if indent.len() + text.len() + 7 <= 110 {
        return format!("{indent}/** {text} */\n");
    }
    let mut out = format!("{indent}/**\n");
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && indent.len() + 3 + line.len() + 1 + word.len() > 100 {
            out.push_str(&format!("{indent} * {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&format!("{indent} * {line}\n{indent} */\n"));
    out
}

/// Whether `value` (JSON the core hands to JS) fits the TypeScript type `ts`: primitives, string
/// literals, `unknown`, unions, `T[]`, `{ [key: string]: T }`, and the interfaces of `table`
/// (named types outside it, and inline object types, are not looked into). The tests run every
/// value a flow or a builder produces through it, so a declaration that drifts from the
/// behaviour fails them.
///
/// # Errors
/// What does not fit, and where.
#[cfg(test)]
pub fn fits(value: &serde_json::Value, ts: &str, table: &[Interface]) -> Result<(), String> {
    use serde_json::Value;
    let ts = ts.trim();
    let alternatives = split_top(ts, '|');
    if alternatives.len() > 1 {
        let errors: Vec<String> = alternatives.iter().filter_map(|t| fits(value, t, table).err()).collect();
        return if errors.len() < alternatives.len() { Ok(()) } else { Err(format!("{value} is none of `{ts}`: {}", errors.join("; "))) };
    }
    let ok = match ts {
        "unknown" | "any" => true,
        "string" => value.is_string(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ if ts.starts_with('"') => value.as_str().is_some_and(|s| quote(s) == ts),
        _ if ts.starts_with('(') && ts.ends_with(')') => return fits(value, &ts[1..ts.len() - 1], table),
        _ if ts.ends_with("[]") => {
            let Value::Array(items) = value else { return Err(format!("{value} is not an array (`{ts}`)")) };
            return items.iter().try_for_each(|v| fits(v, &ts[..ts.len() - 2], table));
        }
        _ if ts.starts_with("{ [") => {
            let Value::Object(map) = value else { return Err(format!("{value} is not an object (`{ts}`)")) };
            let inner = ts.split_once("]: ").map_or("unknown", |(_, t)| t.trim_end_matches('}').trim().trim_end_matches(';'));
            return map.values().try_for_each(|v| fits(v, inner, table));
        }
        _ if ts.starts_with('{') => value.is_object(),
        _ => match table.iter().find(|i| i.name == ts) {
            Some(i) => return fits_interface(value, i, table),
            None => true,
        },
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{value} is not `{ts}`"))
    }
}

/// [`fits`] for an interface: every required member present, every member it has declared
/// (unless the interface is open), each member's value fitting its type.
///
/// # Errors
/// What does not fit, and where.
#[cfg(test)]
pub fn fits_interface(value: &serde_json::Value, i: &Interface, table: &[Interface]) -> Result<(), String> {
    let Some(map) = value.as_object() else { return Err(format!("{}: {value} is not an object", i.name)) };
    let mut members: Vec<Member> = i.members.to_vec();
    let mut parent = i.extends;
    while let Some(p) = parent.and_then(|p| table.iter().find(|t| t.name == p)) {
        members.extend_from_slice(p.members);
        parent = p.extends;
    }
    for m in &members {
        match map.get(m.js_name()) {
            None if m.optional() => {}
            None => return Err(format!("{}: `{}` is missing from {value}", i.name, m.name)),
            Some(v) => fits(v, m.ts.trim_start_matches('?'), table).map_err(|e| format!("{}.{}: {e}", i.name, m.name))?,
        }
    }
    if !i.open {
        if let Some(k) = map.keys().find(|k| !members.iter().any(|m| m.js_name() == k.as_str())) {
            return Err(format!("{}: `{k}` is not declared ({value})", i.name));
        }
    }
    Ok(())
}

/// The members `build` cannot go without are the required members of `i`: `example` holds every
/// member and builds; without a required member it fails, without an optional one it builds.
#[cfg(test)]
pub fn required_as_declared<T, E: std::fmt::Debug>(
    i: &Interface,
    example: &crate::json::Value,
    build: impl Fn(&crate::json::Value) -> Result<T, E>,
) {
    if let Err(e) = build(example) {
        panic!("{}: the example does not build: {e:?}", i.name);
    }
    for m in i.members {
        let mut without = example.clone();
        assert!(without.as_object_mut().and_then(|o| o.remove(m.js_name())).is_some(), "{}: the example lacks `{}`", i.name, m.name);
        assert_eq!(
            build(&without).is_ok(),
            m.optional(),
            "{}.{}: declared {}",
            i.name,
            m.name,
            if m.optional() { "optional" } else { "required" }
        );
    }
}

/// `ts` split at `sep` outside brackets and quotes.
#[cfg(test)]
fn split_top(ts: &str, sep: char) -> Vec<&str> {
    let (mut depth, mut quoted, mut start, mut out) = (0i32, false, 0, Vec::new());
    for (i, c) in ts.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' | '(' | '<' | '[' if !quoted => depth += 1,
            '}' | ')' | '>' | ']' if !quoted => depth -= 1,
            c if c == sep && depth == 0 && !quoted => {
                out.push(ts[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(ts[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Replace what stands between `begin` and the next `end` in the file at `path` (relative
    /// to the crate) with `generated`; with `UPDATE_GENERATED=1` write it, else fail on a
    /// difference.
    pub(crate) fn check_generated(path: &str, begin: &str, end: &str, generated: &str) {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&full).unwrap();
        let (head, rest) = text.split_once(&format!("{begin}\n")).unwrap_or_else(|| panic!("{path} has no {begin:?} line"));
        let (_, tail) = rest.split_once(end).unwrap_or_else(|| panic!("{path} has no {end:?} line after {begin:?}"));
        let want = format!("{head}{begin}\n{generated}{end}{tail}");
        if std::env::var("UPDATE_GENERATED").is_ok() {
            std::fs::write(&full, &want).unwrap();
        } else {
            assert!(
                text == want,
                "{path}, block {begin:?}, and the Rust tables differ: run `UPDATE_GENERATED=1 cargo test --lib registry` and commit the file"
            );
        }
    }

    /// Every block of `index.d.ts` (one test writes the file: two would race under
    /// `UPDATE_GENERATED=1`), no block the generator does not know, and the hand-written rest
    /// kept to what no table can hold.
    pub(crate) fn check_index_d_ts() {
        const PATH: &str = "pkg-template/index.d.ts";
        let blocks = blocks();
        for (begin, text) in &blocks {
            check_generated(PATH, begin, "// </generated>", text);
        }
        let text = std::fs::read_to_string(format!("{}/{PATH}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut opened: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with("// <generated")).collect();
        let mut known: Vec<&str> = blocks.iter().map(|(b, _)| *b).collect();
        opened.sort_unstable();
        known.sort_unstable();
        assert_eq!(opened, known, "{PATH}: its generated blocks are the generator's, each once");
        let hand = hand_written_lines(&text);
        assert!(hand <= 300, "{PATH} has {hand} hand-written lines: what a Rust table knows is generated from it");
    }

    /// The lines of `text` outside its generated blocks (their marker lines excluded).
    pub(crate) fn hand_written_lines(text: &str) -> usize {
        let mut inside = false;
        let mut count = 0;
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("// <generated") {
                inside = true;
            } else if t.starts_with("// </generated") {
                inside = false;
            } else if !inside {
                count += 1;
            }
        }
        count
    }

    #[test]
    fn docs_wrap_and_unions_quote() {
        assert_eq!(doc("", "  "), "");
        assert_eq!(doc("One  line.\n", "  "), "  /** One line. */\n");
        let long = "word ".repeat(40);
        let d = doc(&long, "  ");
        assert!(d.starts_with("  /**\n") && d.ends_with("  */\n") && d.lines().all(|l| l.len() <= 100), "{d}");
        assert_eq!(string_union("", "A", ["x", "y"], false), "export type A = \"x\" | \"y\";\n\n");
        assert_eq!(string_union("Doc.", "A", ["x"], true), "/** Doc. */\nexport type A = \"x\" | (string & {});\n\n");
        let table = [Interface {
            doc: "",
            name: "I",
            extends: None,
            members: &[Member { name: "a", ts: "\"x\" | number | null", doc: "" }, Member { name: "b", ts: "?string[]", doc: "" }],
            open: false,
        }];
        assert_eq!(fits(&serde_json::json!({"a": "x", "b": ["s"]}), "I", &table), Ok(()));
        assert_eq!(fits(&serde_json::json!([{"a": null}]), "I[]", &table), Ok(()));
        assert!(fits(&serde_json::json!({"a": "y"}), "I", &table).is_err());
        assert!(fits(&serde_json::json!({"a": 1, "c": 1}), "I", &table).is_err());
        assert!(fits(&serde_json::json!({}), "I", &table).is_err());
        assert!(fits(&serde_json::json!({"a": 1, "b": [1]}), "I", &table).is_err());
        assert_eq!(fits(&serde_json::json!({"k": 1}), "{ [key: string]: number }", &table), Ok(()));
        let m = Member { name: "a", ts: "?string", doc: "" };
        assert!(m.optional());
        assert_eq!(m.to_ts(""), "a?: string;\n");
    }
}
