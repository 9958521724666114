//! Builds the catalog from the files in `src/services/`: one module per file, and for each the
//! request type (the struct under `#[derive(… Request …)]`; everything else, its error table
//! included, the type carries).
//! Adding a service is adding its file; nothing else is edited.

use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("src/services");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();

    let mut modules = String::new();
    let mut infos = String::new();
    let mut visits = String::new();
    let mut names = Vec::new();
    let mut listing = String::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let module = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name")
            .to_owned();
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let request = request_type(&text).unwrap_or_else(|why| {
            panic!(
                "{}: {why}: a service module declares exactly one `#[derive(Request)]` struct",
                path.display()
            )
        });
        let info = format!("INFO_{}", module.to_uppercase());
        let path = path.display().to_string();
        modules += &format!("#[path = {path:?}]\npub mod {module};\n");
        infos += &format!(
            "static {info}: ::alipay_core::catalog::ServiceInfo = \
             ::alipay_core::catalog::ServiceInfo::of::<{module}::{request}>();\n"
        );
        visits += &format!(
            "    <{module}::{request} as ::alipay_core::Request>::accept(visitor, &{info});\n"
        );
        listing += &format!("/// - [`{module}`] — [`{request}`]({module}::{request})\n");
        names.push(info);
    }
    let generated = format!(
        "{modules}\n{infos}\n\
         /// Every catalog service, in module order:\n///\n{listing}\
         pub static SERVICES: &[&::alipay_core::catalog::ServiceInfo] = &[{}];\n\n\
         /// Hands each catalog service's request type to `visitor` (`visit_api::<R>(info)` or\n\
         /// `visit_page::<R>(info)`), in module order.\n\
         pub fn visit<V: ::alipay_core::catalog::Visitor + ?Sized>(visitor: &mut V) {{\n{visits}}}\n",
        names
            .iter()
            .map(|n| format!("&{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    fs::write(&out, generated).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The name of the one struct under a `#[derive(…)]` that lists `Request` (by any path, e.g.
/// `alipay_core::Request`; the list may span lines).
fn request_type(text: &str) -> Result<String, &'static str> {
    let mut found = None;
    let mut in_request_derive = false;
    let mut derive: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(list) = &mut derive {
            list.push_str(line);
        } else if let Some(rest) = line.strip_prefix("#[derive(") {
            derive = Some(rest.to_owned());
        } else if in_request_derive && let Some(rest) = line.strip_prefix("pub struct ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if found.replace(name).is_some() {
                return Err("more than one request struct");
            }
            in_request_derive = false;
            continue;
        } else if line.starts_with("pub struct ") || line.starts_with("struct ") {
            in_request_derive = false;
        }
        if let Some(list) = derive.take_if(|list| list.contains(")]")) {
            let list = &list[..list.find(")]").unwrap_or(list.len())];
            in_request_derive = list
                .split(',')
                .any(|d| d.trim().rsplit("::").next() == Some("Request"));
        }
    }
    found.ok_or("no request struct")
}
