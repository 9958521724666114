//! `#[alipay(spec = "specs/close_trade.toml")]`: the request held to its spec file while compiling.
//!
//! The file (relative to the declaring crate's `Cargo.toml`) is read by the derive; the generated
//! code `include_str!`s it, so editing it rebuilds the crate. A field takes the label, type column,
//! example and note of its row unless it declares them (the table is written once, in the spec).
//! The request table is compared row by
//! row (names and their order, label, type column, 可空 against `Option`, example, note against the
//! doc comment) and `one_of` groups and the kind; each difference is an error at the field (or at
//! the `spec` key for a missing row). The spec's error table becomes the service's
//! `ERROR_CODES` unless `error_codes = …` names one. The response, notification and return tables
//! are checked by `alipay_spec::check` at test time.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use syn::LitStr;

use super::ctxt::Ctxt;

/// The parts of a spec file the derive reads (other keys are `alipay_spec`'s business).
#[derive(Deserialize)]
pub(crate) struct SpecFile {
    #[serde(default)]
    pub(crate) service: String,
    #[serde(default)]
    pub(crate) kind: Option<String>,
    #[serde(default)]
    pub(crate) one_of: Vec<Vec<String>>,
    #[serde(default)]
    pub(crate) request: Vec<Row>,
    #[serde(default)]
    pub(crate) notify: Option<Table>,
    #[serde(default, rename = "return")]
    pub(crate) return_: Option<Table>,
    #[serde(default)]
    pub(crate) errors: Vec<ErrorRow>,
}

/// A notification or return table.
#[derive(Deserialize)]
pub(crate) struct Table {
    #[serde(default)]
    pub(crate) fields: Vec<Row>,
}

/// Which table of the spec a derive is held to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Request,
    Notify,
    Return,
}

#[derive(Deserialize)]
pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) label: Option<String>,
    #[serde(rename = "type")]
    pub(crate) ty: Option<String>,
    pub(crate) nullable: Option<bool>,
    pub(crate) example: Option<String>,
    pub(crate) note: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ErrorRow {
    pub(crate) code: String,
    pub(crate) text: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) meaning: Option<String>,
    pub(crate) advice: Option<String>,
}

/// A loaded spec and the absolute path it came from.
pub(crate) struct Loaded {
    pub(crate) file: SpecFile,
    pub(crate) path: String,
    pub(crate) written: String,
    pub(crate) which: Which,
}

impl Loaded {
    /// The rows of the table the derive is held to.
    pub(crate) fn rows(&self) -> &[Row] {
        match self.which {
            Which::Request => &self.file.request,
            Which::Notify => self.file.notify.as_ref().map_or(&[], |t| &t.fields),
            Which::Return => self.file.return_.as_ref().map_or(&[], |t| &t.fields),
        }
    }

    /// The row named `name`.
    pub(crate) fn row(&self, name: &str) -> Option<&Row> {
        self.rows().iter().find(|r| r.name == name)
    }
}

/// Reads the spec named by `lit` (relative to `CARGO_MANIFEST_DIR`); errors at `lit`.
pub(crate) fn load(cx: &Ctxt, lit: &LitStr, which: Which) -> Option<Loaded> {
    let written = lit.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let path = base.join(&written);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "cannot read the spec file {} ({e}); the path is relative to the crate's Cargo.toml",
                    path.display()
                ),
            );
            return None;
        }
    };
    match toml::from_str::<SpecFile>(&text) {
        Ok(file) => {
            let loaded = Loaded {
                file,
                path: path.display().to_string(),
                written,
                which,
            };
            let table = match which {
                Which::Request => None,
                Which::Notify => loaded.file.notify.is_none().then_some("notify"),
                Which::Return => loaded.file.return_.is_none().then_some("return"),
            };
            if let Some(table) = table {
                cx.error_spanned_by(lit, format!("{} has no [{table}] table", loaded.written));
            }
            Some(loaded)
        }
        Err(e) => {
            cx.error_spanned_by(lit, format!("the spec file {written} does not parse: {e}"));
            None
        }
    }
}

/// Generated code that makes the spec file a build input: editing it rebuilds the crate.
pub(crate) fn track(spec: &Loaded) -> TokenStream {
    let path = &spec.path;
    quote!(
        const _: &str = ::core::include_str!(#path);
    )
}
