//! The README's table of catalog services is generated from the catalog itself
//! (`alipay_services::visit`), so it cannot drift: this test fails when the table between the
//! `<!-- services:begin -->` and `<!-- services:end -->` markers is not what the catalog says.
//! Regenerate it with `README_OVERWRITE=1 cargo test -p alipay-services --test readme`.

use std::fmt::Write as _;
use std::path::PathBuf;

use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{ApiService, Kind, PageService, Repeat, Request, Response};

const BEGIN: &str = "<!-- services:begin -->\n";
const END: &str = "<!-- services:end -->";

/// One markdown row per service.
#[derive(Default)]
struct Table(String);

impl Table {
    fn row<R: Request>(&mut self, info: &ServiceInfo) {
        let path = |name: &'static str| {
            name.replace("alipay_services::", "")
                .replace("core::option::Option", "Option")
        };
        let kind = match info.kind {
            Kind::Api => "API",
            Kind::Page => "page",
        };
        let response = if info.kind == Kind::Page {
            "— (the outcome comes to `return_url` / `notify_url`)".to_owned()
        } else if !<R::Response as Response>::TEXT.is_empty() {
            format!(
                "`{}` (plain text: {})",
                path(std::any::type_name::<R::Response>()),
                <R::Response as Response>::TEXT.join(", ")
            )
        } else if <R::Response as Response>::ELEMENT.is_empty() {
            "`()` (no payload)".to_owned()
        } else {
            format!(
                "`{}` (`<{}>`)",
                path(std::any::type_name::<R::Response>()),
                <R::Response as Response>::ELEMENT
            )
        };
        let repeat = match info.repeat {
            Repeat::Conflict(code) => format!("refused with `{code}`"),
            _ if info.kind == Kind::Page => "— (a browser carries it)".to_owned(),
            Repeat::Idempotent => "idempotent".to_owned(),
            Repeat::Unsafe => "not repeated".to_owned(),
        };
        let spec = alipay_spec::Spec::load(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{}.toml", info.name)),
        )
        .expect("every catalog service has its spec");
        let source = format!(
            "{} ([`specs/{}.toml`](specs/{}.toml))",
            spec.source.replace('|', "/"),
            info.name,
            info.name
        );
        let _ = writeln!(
            self.0,
            "| `{}` | {kind} | `{}` | {response} | {repeat} | {} | {source} |",
            info.name,
            path(std::any::type_name::<R>()),
            info.error_codes.len(),
        );
        // What Alipay sends back: the notification to `notify_url` and, for a page, the return to
        // `return_url`, each a table of its own.
        for (table, kind, to) in [
            (&spec.notify, "notification", "`notify_url`"),
            (&spec.return_, "return", "`return_url`"),
        ] {
            if let Some(table) = table {
                let _ = writeln!(
                    self.0,
                    "| `{}` | {kind} | — | Alipay sends {} parameters to {to} | — (handled once by `NotificationHandler`) | — | as above |",
                    info.name,
                    table.fields.len(),
                );
            }
        }
    }
}

impl Visitor for Table {
    fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo) {
        self.row::<R>(info);
    }

    fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo) {
        self.row::<R>(info);
    }
}

#[test]
fn the_readme_lists_every_catalog_service() {
    let mut table = Table(
        "| service | kind | request (`alipay::services::…`) | response | a repeat is | error codes | source (and spec) |\n\
         |---|---|---|---|---|---|---|\n"
            .to_owned(),
    );
    alipay_services::visit(&mut table);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(BEGIN).expect("the begin marker") + BEGIN.len();
    let end = readme.find(END).expect("the end marker");
    if std::env::var_os("README_OVERWRITE").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table.0, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table.0,
        "README.md's service table is not the catalog's; rerun with README_OVERWRITE=1"
    );
}
