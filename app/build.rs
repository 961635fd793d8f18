//! Turns `locales/vi.json` and `locales/en.json` (with `locales/*.vi.json`
//! and `locales/*.en.json`, one pair per area of the app) into typed string
//! tables, so that a missing or misspelt key is a compile error and the
//! browser bundle carries plain `&'static str`s (no parser, no runtime lookups).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::{env, fs, path::Path};

const LOCALES: [(&str, &str); 2] = [("vi", "VI"), ("en", "EN")];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let mut files: Vec<String> = fs::read_dir("locales")
        .expect("locales/")
        .map(|e| {
            e.expect("locales/ entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    let mut tables: Vec<(&str, BTreeMap<String, String>)> = Vec::new();
    for (code, konst) in LOCALES {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        let own =
            |name: &str| name == format!("{code}.json") || name.ends_with(&format!(".{code}.json"));
        for name in files.iter().filter(|n| own(n)) {
            let path = format!("locales/{name}");
            println!("cargo:rerun-if-changed={path}");
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let part: BTreeMap<String, String> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            for (key, value) in part {
                assert!(
                    key.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{path}: key {key:?} must be snake_case"
                );
                assert!(
                    map.insert(key.clone(), value).is_none(),
                    "{path}: key {key:?} defined twice"
                );
            }
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
