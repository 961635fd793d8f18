//! Turns `locales/vi.json` and `locales/en.json` into typed string tables, so
//! that a missing or misspelt key is a compile error and the browser bundle
//! carries plain `&'static str`s (no parser, no runtime lookups).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::{env, fs, path::Path};

const LOCALES: [(&str, &str); 2] = [("vi", "VI"), ("en", "EN")];

fn main() {
    let mut tables: Vec<(&str, BTreeMap<String, String>)> = Vec::new();
    for (code, konst) in LOCALES {
        let path = format!("locales/{code}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let map: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for key in map.keys() {
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{path}: key {key:?} must be snake_case"
            );
        }
        tables.push((konst, map));
    }
    let keys: Vec<&String> = tables[0].1.keys().collect();
    for (konst, map) in &tables[1..] {
        let other: Vec<&String> = map.keys().collect();
        assert_eq!(
            keys, other,
            "locale {konst} must have exactly the keys of VI"
        );
    }

    let mut out = String::from(
        "/// Every UI string, one field a key.\n#[derive(Debug)]\npub struct Strings {\n",
    );
    for key in &keys {
        writeln!(out, "    pub {key}: &'static str,").unwrap();
    }
    out.push_str("}\n");
    for (konst, map) in &tables {
        writeln!(out, "pub static {konst}: Strings = Strings {{").unwrap();
        for (key, value) in map {
            writeln!(out, "    {key}: {value:?},").unwrap();
        }
        out.push_str("};\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("strings.rs");
    fs::write(dest, out).unwrap();
}
