//! Reading a service's spec tables from a vendor document's text, as a PDF text extraction gives
//! it: one table row a line, cells separated by tabs.
//!
//! The extraction damages the tables in known ways, and [`import`] repairs what it can, saying so
//! in a [`Guess`] for every repair, so that a person checks each one:
//!
//! - a section row (`基本参数`, `业务参数`) whose other cells are garbage: the garbage is dropped;
//! - names wrapped by the page (`outer_goods_i d`): joined; a name that lost its tail
//!   (`outer_goods_i`) is completed from another table of the document that has it whole;
//! - error codes wrapped (`ILLEGAL_ARGUMEN T`) or cut (`GOODS_CREATE_FA`): joined, and completed
//!   from the shared table ([`alipay_core::ErrorCode::ALL`]) when exactly one known code fits;
//! - Greek, Cyrillic or full-width letters that look like Latin ones (`Ν`, `Υ`, `Т`) in the 可空
//!   column, in examples and in codes: read as the Latin letters;
//! - examples wrapped with inserted spaces (`http://www.test.com/ notify/…`): joined when the value
//!   has the shape of one wrapped token, not of words;
//! - a space between two Chinese characters in a label, note, example or error text (the page's
//!   line break inside a cell): removed.
//!
//! ```
//! use alipay_spec::import::{ImportOptions, import};
//!
//! let text = "服务名: close_trade\n\n3、请求输入参数表\n\n\
//!             参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n\
//!             业务参数\t\t\t\t\t\n\
//!             支付宝交易号\ttrade_n o\tString(64)\t支付宝交易 号\tΥ\t2011031700597827\n";
//! let imported = import(text, &ImportOptions::default())?;
//! let row = &imported.spec.request[0];
//! assert_eq!((row.name.as_str(), row.nullable), ("trade_no", Some(true)));
//! assert_eq!(row.note.as_deref(), Some("支付宝交易号"));
//! assert_eq!(imported.guesses.len(), 3); // the name, the note and the 可空 cell
//! assert_eq!(
//!     imported.guesses[0].to_string(),
//!     "line 7: request.trade_no.name: read \"trade_n o\", wrote \"trade_no\" (a name wrapped by the page: spaces removed)",
//! );
//! # Ok::<(), alipay_spec::import::ImportError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use alipay_core::ErrorCode;

use crate::model::{ErrorRow, ParamTable, ResponseTable, Row, Spec};

/// What [`import`] is told besides the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportOptions {
    /// The service name, when the document does not give it (or gives another one).
    pub service: Option<String>,
    /// The spec's `source` text; by default `imported from <the document's title>`.
    pub source: Option<String>,
}

impl ImportOptions {
    /// Uses `service` as the service name, whatever the document says.
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Uses `source` as the spec's `source` (e.g. the document's file name and version).
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }
}

/// What [`import`] read: the spec, and every repair it made on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The spec, with the document's tables in their order.
    pub spec: Spec,
    /// Every place where the text was not taken verbatim, in line order.
    pub guesses: Vec<Guess>,
}

/// A table of the spec, as a [`Guess`] or an [`ImportError`] names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// The document's header (service name, title, kind) and the output sample.
    Document,
    /// The request table's 基本参数 (`basic`).
    Basic,
    /// The request table's 业务参数 (`request`).
    Request,
    /// The response table's 基本参数 (`response_basic`).
    ResponseBasic,
    /// The response table's 业务参数 (`response`).
    Response,
    /// The asynchronous notification table (`notify`).
    Notify,
    /// The synchronous return table (`return`).
    Return,
    /// The error table (`errors`).
    Errors,
}

impl fmt::Display for Table {
    /// The spec file's key of the table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Table::Document => "document",
            Table::Basic => "basic",
            Table::Request => "request",
            Table::ResponseBasic => "response_basic",
            Table::Response => "response",
            Table::Notify => "notify",
            Table::Return => "return",
            Table::Errors => "errors",
        })
    }
}

/// One place where [`import`] did not take the text verbatim: what it read, what it wrote, why.
/// `Display` shows it on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    /// The line of the text (1-based).
    pub line: usize,
    /// The table.
    pub table: Table,
    /// The row's name (or error code) as written; empty for the document itself.
    pub row: String,
    /// The column: `name`, `label`, `type`, `nullable`, `example`, `note`, `code`, `text`, or a
    /// document key (`service`, `element`, `kind`, …).
    pub column: &'static str,
    /// What the text says.
    pub read: String,
    /// What the spec says.
    pub wrote: String,
    /// Why.
    pub why: String,
}

impl fmt::Display for Guess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        match (self.table, self.row.is_empty()) {
            (Table::Document, _) => {}
            (table, true) => write!(f, "{table}.")?,
            (table, false) => write!(f, "{table}.{}.", self.row)?,
        }
        write!(
            f,
            "{}: read {:?}, wrote {:?} ({})",
            self.column, self.read, self.wrote, self.why
        )
    }
}

/// A table of the text that is not a parameter or error table (listed by
/// [`ImportError::NoParameterTable`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherTable {
    /// The line of its first row (1-based).
    pub line: usize,
    /// The last line above it that is not a table row (its caption or heading), if any.
    pub caption: String,
    /// The cells of its first row (empty cells left out).
    pub header: Vec<String>,
}

impl fmt::Display for OtherTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.caption.is_empty() {
            write!(f, " under {:?}", self.caption)?;
        }
        write!(f, " ({})", self.header.join(" | "))
    }
}

/// Why [`import`] could not read the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The text has no parameter table (a header row naming 参数名) and no error table (错误代码).
    #[error("no parameter table (a header row with 参数名) and no error table (错误代码) found; {}", describe_others(.found))]
    NoParameterTable {
        /// The other tables the text has, in line order.
        found: Vec<OtherTable>,
    },
    /// A row that cannot be read.
    #[error("line {line}: {table} table: {reason}")]
    BadRow {
        /// The line (1-based).
        line: usize,
        /// The table.
        table: Table,
        /// What is wrong, with the text.
        reason: String,
    },
    /// A second table of a kind the spec holds once.
    #[error("line {line}: a second {table} table (the first starts at line {first})")]
    DuplicateTable {
        /// The second table's header line.
        line: usize,
        /// The table.
        table: Table,
        /// The first table's header line.
        first: usize,
    },
    /// A name (or code) that appears twice in one table.
    #[error("line {line}: {table} table: `{name}` is already the row at line {first}")]
    DuplicateRow {
        /// The second row's line.
        line: usize,
        /// The table.
        table: Table,
        /// The name or code.
        name: String,
        /// The first row's line.
        first: usize,
    },
    /// Neither the options, the header (`服务名: …`) nor the `service` row's example names the
    /// service.
    #[error(
        "the document does not name the service (no `服务名: …` line and no `service` row with an example): give it in the options"
    )]
    NoService,
}

/// The parameters the runtime adds to every request (never declared by a service).
const COMMON_PARAMS: [&str; 5] = ["service", "partner", "_input_charset", "sign_type", "sign"];

fn describe_others(found: &[OtherTable]) -> String {
    const SHOWN: usize = 8;
    if found.is_empty() {
        return "the text has no table at all".to_owned();
    }
    let mut out = format!("the text has {} other table(s): ", found.len());
    let shown: Vec<String> = found.iter().take(SHOWN).map(ToString::to_string).collect();
    out.push_str(&shown.join(", "));
    if found.len() > SHOWN {
        out.push_str(", …");
    }
    out
}

/// Reads the spec tables of one service from `text`, a vendor document's text extraction (tables
/// as tab-separated lines). See the [module docs](self) for what is repaired; every repair is a
/// [`Guess`]. Never panics: text it cannot read is an [`ImportError`] naming the line.
///
/// - The request table (under a heading like `3、请求输入参数表`): 基本参数 rows go to
///   `basic`, 业务参数 rows to `request`.
/// - The response table (`5.1 xml返回的参数列表`): 基本参数 to `response_basic`, 业务参数 to
///   `response.fields`; the payload element is read from the output sample's `<response><…>`.
/// - The notification (服务器异步通知参数) and return (页面跳转同步通知参数) tables.
/// - The error table (columns `错误代码` and `说明`).
/// - `service` and `title` from the header (`服务名: …`, `外部接口名称: …`); `kind = "page"` when
///   the 访问形式 is 页面跳转.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut guesses = Vec::new();
    let tables = split_tables(&lines)?;
    if tables.params.is_empty() && tables.errors.is_none() {
        return Err(ImportError::NoParameterTable {
            found: tables.others,
        });
    }

    let mut spec = Spec::default();
    let header = read_header(&lines);
    let mut read_tables = Vec::new();
    let mut first_of_kind: BTreeMap<TableKind, usize> = BTreeMap::new();
    for (n, raw) in tables.params.iter().enumerate() {
        let kind = match raw.kind {
            Some(kind) => kind,
            None => {
                let kind = if first_of_kind.contains_key(&TableKind::Request) {
                    TableKind::Response
                } else {
                    TableKind::Request
                };
                guesses.push(Guess {
                    line: raw.line,
                    table: kind.business(),
                    row: String::new(),
                    column: "table",
                    read: raw.heading.clone(),
                    wrote: kind.business().to_string(),
                    why: format!(
                        "the heading does not say which table this is; table {} of the document",
                        n + 1
                    ),
                });
                kind
            }
        };
        if let Some(&first) = first_of_kind.get(&kind) {
            return Err(ImportError::DuplicateTable {
                line: raw.line,
                table: kind.business(),
                first,
            });
        }
        first_of_kind.insert(kind, raw.line);
        read_tables.push(read_param_table(raw, kind, &mut guesses)?);
    }
    complete_names(&mut read_tables, &mut guesses);
    for table in &read_tables {
        check_unique(table)?;
    }

    for table in read_tables {
        let line = table.line;
        let basic: Vec<Row> = table.basic.into_iter().map(|r| r.row).collect();
        let business: Vec<Row> = table.business.into_iter().map(|r| r.row).collect();
        match table.kind {
            TableKind::Request => {
                // The runtime adds only the five common parameters; a document that lists others
                // under 基本参数 (notify_url, return_url) has them declared like business rows.
                let (common, declared): (Vec<Row>, Vec<Row>) = basic
                    .into_iter()
                    .partition(|r| COMMON_PARAMS.contains(&r.name.as_str()));
                for row in &declared {
                    guesses.push(Guess {
                        line,
                        table: Table::Request,
                        row: row.name.clone(),
                        column: "section",
                        read: "基本参数".to_owned(),
                        wrote: "request".to_owned(),
                        why: "not one of the five common parameters the runtime adds (service, \
                              partner, _input_charset, sign_type, sign): declared like a business row"
                            .to_owned(),
                    });
                }
                spec.basic = common;
                spec.request = [declared, business].concat();
            }
            TableKind::Response => {
                spec.response_basic = basic;
                let element = if business.is_empty() {
                    String::new()
                } else {
                    response_element(&lines, table.line, &mut guesses)
                };
                spec.response = Some(ResponseTable {
                    element,
                    fields: business,
                    text: Vec::new(),
                });
            }
            TableKind::Notify => {
                spec.notify = Some(ParamTable {
                    fields: [basic, business].concat(),
                })
            }
            TableKind::Return => {
                spec.return_ = Some(ParamTable {
                    fields: [basic, business].concat(),
                })
            }
        }
    }
    if let Some(raw) = &tables.errors {
        spec.errors = read_error_table(raw, &mut guesses)?;
    }

    spec.service = service_name(options, &header, &spec, &mut guesses)?;
    spec.title = header.title.map(|(_, t)| t).unwrap_or_default();
    spec.source = match &options.source {
        Some(source) => source.clone(),
        None if spec.title.is_empty() => format!("imported from the document of {}", spec.service),
        None => format!("imported from {}", spec.title),
    };
    if let Some((line, form)) = header.access
        && form.contains("页面跳转")
    {
        spec.kind = Some("page".to_owned());
        guesses.push(Guess {
            line,
            table: Table::Document,
            row: String::new(),
            column: "kind",
            read: form,
            wrote: "page".to_owned(),
            why: "访问形式 is 页面跳转: the buyer's browser carries the request".to_owned(),
        });
    }
    guesses.sort_by_key(|g| g.line);
    Ok(Imported { spec, guesses })
}

/// The four kinds of parameter table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum TableKind {
    Request,
    Response,
    Notify,
    Return,
}

impl TableKind {
    /// From the heading above the table.
    fn from_heading(heading: &str) -> Option<Self> {
        if heading.contains("异步通知") {
            Some(Self::Notify)
        } else if heading.contains("同步通知") || heading.contains("页面跳转") {
            Some(Self::Return)
        } else if ["返回", "输出", "响应"].iter().any(|w| heading.contains(w)) {
            Some(Self::Response)
        } else if ["请求", "输入"].iter().any(|w| heading.contains(w)) {
            Some(Self::Request)
        } else {
            None
        }
    }

    /// The table's name in a sentence.
    fn noun(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
            Self::Notify => "notification",
            Self::Return => "return",
        }
    }

    fn basic(self) -> Table {
        match self {
            Self::Request => Table::Basic,
            Self::Response => Table::ResponseBasic,
            Self::Notify => Table::Notify,
            Self::Return => Table::Return,
        }
    }

    fn business(self) -> Table {
        match self {
            Self::Request => Table::Request,
            Self::Response => Table::Response,
            Self::Notify => Table::Notify,
            Self::Return => Table::Return,
        }
    }
}

/// A table as found: its header line, its columns and its rows (line number, cells).
struct RawTable {
    line: usize,
    heading: String,
    kind: Option<TableKind>,
    columns: Columns,
    rows: Vec<(usize, Vec<String>)>,
}

/// Where each column of a parameter table is.
#[derive(Clone, Copy, Default)]
struct Columns {
    count: usize,
    label: Option<usize>,
    name: usize,
    ty: Option<usize>,
    note: Option<usize>,
    nullable: Option<usize>,
    example: Option<usize>,
}

/// The tables of the text, before their rows are read.
struct Tables {
    params: Vec<RawTable>,
    errors: Option<RawErrorTable>,
    others: Vec<OtherTable>,
}

struct RawErrorTable {
    line: usize,
    code: usize,
    text: Option<usize>,
    rows: Vec<(usize, Vec<String>)>,
}

enum Current {
    None,
    Params(RawTable),
    Errors(RawErrorTable),
    Other,
}

/// A header cell without spaces, with full-width parentheses made ASCII.
fn normalize_header(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

fn param_columns(cells: &[String]) -> Option<Columns> {
    let find = |names: &[&str]| cells.iter().position(|c| names.contains(&c.as_str()));
    let name = find(&["参数名", "参数名称"])?;
    Some(Columns {
        count: cells.len(),
        label: find(&["参数说明", "参数描述", "中文名称", "参数中文名"]),
        name,
        ty: find(&["类型(精度)", "类型(长度)", "类型(字节)", "类型", "参数类型"]),
        note: find(&["备注", "描述", "说明"]),
        nullable: find(&["可空", "是否可空"]),
        example: find(&["样例", "示例", "举例", "例子"]),
    })
}

fn error_columns(cells: &[String]) -> Option<(usize, Option<usize>)> {
    let code = cells.iter().position(|c| {
        ["错误代码", "错误码", "错误编码", "错误代码(error_code)"].contains(&c.as_str())
    })?;
    let text = cells
        .iter()
        .enumerate()
        .find(|(i, c)| {
            *i != code && ["说明", "描述", "含义", "错误描述", "错误说明"].contains(&c.as_str())
        })
        .map(|(i, _)| i);
    Some((code, text))
}

/// A line that is an error code alone (an error row without a 说明 cell).
fn looks_like_code(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && t.chars().all(|c| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '.' || c == ' '
        })
}

/// Finds the tables: a table is a run of tab-separated lines (blank lines inside it are skipped);
/// any other line ends it and is a heading for what follows.
fn split_tables(lines: &[&str]) -> Result<Tables, ImportError> {
    let mut tables = Tables {
        params: Vec::new(),
        errors: None,
        others: Vec::new(),
    };
    let mut headings: Vec<&str> = Vec::new();
    let mut current = Current::None;
    let finish = |current: Current, tables: &mut Tables| -> Result<(), ImportError> {
        match current {
            Current::Params(t) => tables.params.push(t),
            Current::Errors(t) => {
                if let Some(first) = &tables.errors {
                    return Err(ImportError::DuplicateTable {
                        line: t.line,
                        table: Table::Errors,
                        first: first.line,
                    });
                }
                tables.errors = Some(t);
            }
            Current::None | Current::Other => {}
        }
        Ok(())
    };
    for (i, line) in lines.iter().enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if !line.contains('\t') {
            if let Current::Errors(t) = &mut current
                && looks_like_code(line)
            {
                t.rows.push((number, vec![line.trim().to_owned()]));
                continue;
            }
            // A section row whose empty cells the extraction dropped, tabs included.
            if let Current::Params(t) = &mut current
                && matches!(line.trim(), "基本参数" | "业务参数")
            {
                t.rows.push((number, vec![line.trim().to_owned()]));
                continue;
            }
            finish(std::mem::replace(&mut current, Current::None), &mut tables)?;
            headings.push(line.trim());
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_owned()).collect();
        let normalized: Vec<String> = cells.iter().map(|c| normalize_header(c)).collect();
        if let Some(columns) = param_columns(&normalized) {
            finish(std::mem::replace(&mut current, Current::None), &mut tables)?;
            // The nearest heading that says which table this is (a numbered chapter heading may
            // stand between, e.g. `5、请求输出参数` / `5.1 xml返回的参数列表`).
            let recent: Vec<&str> = headings.iter().rev().take(3).copied().collect();
            let kind = recent.iter().find_map(|h| TableKind::from_heading(h));
            current = Current::Params(RawTable {
                line: number,
                heading: recent.first().copied().unwrap_or_default().to_owned(),
                kind,
                columns,
                rows: Vec::new(),
            });
        } else if let Some((code, text)) = error_columns(&normalized) {
            finish(std::mem::replace(&mut current, Current::None), &mut tables)?;
            current = Current::Errors(RawErrorTable {
                line: number,
                code,
                text,
                rows: Vec::new(),
            });
        } else {
            match &mut current {
                Current::Params(t) => t.rows.push((number, cells)),
                Current::Errors(t) => t.rows.push((number, cells)),
                Current::Other => {}
                Current::None => {
                    tables.others.push(OtherTable {
                        line: number,
                        caption: headings.last().copied().unwrap_or_default().to_owned(),
                        header: cells.into_iter().filter(|c| !c.is_empty()).collect(),
                    });
                    current = Current::Other;
                }
            }
        }
    }
    finish(current, &mut tables)?;
    Ok(tables)
}

/// The document's header lines.
#[derive(Default)]
struct Header {
    service: Option<(usize, String)>,
    title: Option<(usize, String)>,
    /// 访问形式 and the line after it.
    access: Option<(usize, String)>,
}

fn read_header(lines: &[&str]) -> Header {
    let mut header = Header::default();
    let mut after_access = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() || line.contains('\t') {
            continue;
        }
        if after_access {
            header.access = Some((i + 1, t.to_owned()));
            after_access = false;
            continue;
        }
        if t.trim_start_matches(|c: char| c.is_ascii_digit() || "、.． ".contains(c)) == "访问形式"
        {
            after_access = true;
            continue;
        }
        let Some((key, value)) = t.split_once([':', '：']) else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            continue;
        }
        if ["服务名", "服务名称", "接口英文名"].contains(&key) && header.service.is_none()
        {
            header.service = Some((i + 1, value.to_owned()));
        } else if ["外部接口名称", "接口名称", "接口中文名"].contains(&key)
            && header.title.is_none()
        {
            header.title = Some((i + 1, value.to_owned()));
        }
    }
    header
}

fn service_name(
    options: &ImportOptions,
    header: &Header,
    spec: &Spec,
    guesses: &mut Vec<Guess>,
) -> Result<String, ImportError> {
    if let Some(service) = &options.service {
        if let Some((line, named)) = &header.service
            && named != service
        {
            guesses.push(Guess {
                line: *line,
                table: Table::Document,
                row: String::new(),
                column: "service",
                read: named.clone(),
                wrote: service.clone(),
                why: "the service name given in the options wins over the document's".to_owned(),
            });
        }
        return Ok(service.clone());
    }
    if let Some((_, named)) = &header.service {
        return Ok(named.clone());
    }
    let row = spec.basic.iter().find(|r| r.name == "service");
    match row.and_then(|r| r.example.clone()) {
        Some(example) => {
            guesses.push(Guess {
                line: 1,
                table: Table::Document,
                row: String::new(),
                column: "service",
                read: String::new(),
                wrote: example.clone(),
                why: "no `服务名: …` line: the example of the `service` row".to_owned(),
            });
            Ok(example)
        }
        None => Err(ImportError::NoService),
    }
}

/// A row being read, with its line.
struct ReadRow {
    line: usize,
    row: Row,
}

/// A parameter table being read.
struct ReadTable {
    kind: TableKind,
    line: usize,
    basic: Vec<ReadRow>,
    business: Vec<ReadRow>,
    /// The first pieces of the names the page wrapped (how long a name gets before it wraps).
    wrapped: Vec<usize>,
}

fn read_param_table(
    raw: &RawTable,
    kind: TableKind,
    guesses: &mut Vec<Guess>,
) -> Result<ReadTable, ImportError> {
    let mut table = ReadTable {
        kind,
        line: raw.line,
        basic: Vec::new(),
        business: Vec::new(),
        wrapped: Vec::new(),
    };
    let mut section: Option<bool> = None; // Some(true): 基本参数
    let cols = raw.columns;
    for (line, cells) in &raw.rows {
        let line = *line;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let first = normalize_header(cells.first().map(String::as_str).unwrap_or_default());
        if let Some(basic) = section_of(&first) {
            section = Some(basic);
            let table_name = if basic { kind.basic() } else { kind.business() };
            let garbage: Vec<&str> = cells[1..]
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            if !garbage.is_empty() {
                guesses.push(Guess {
                    line,
                    table: table_name,
                    row: String::new(),
                    column: "section",
                    read: cells.join("\t"),
                    wrote: cells[0].clone(),
                    why: "a section row whose other cells are unreadable: the section is kept, the rest dropped".to_owned(),
                });
            }
            continue;
        }
        let table_name = match section {
            Some(true) => kind.basic(),
            _ => kind.business(),
        };
        let bad = |reason: String| ImportError::BadRow {
            line,
            table: table_name,
            reason,
        };
        if cells.len() > cols.count {
            return Err(bad(format!(
                "{} cells where the header has {}: {:?}",
                cells.len(),
                cols.count,
                cells.join(" | ")
            )));
        }
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(String::as_str);
        let raw_name = cell(Some(cols.name)).unwrap_or_default();
        let latin_name = latin_look_alikes(raw_name);
        let (name, wrapped_at) = read_name(&latin_name).map_err(bad)?;
        let mut guess = |column: &'static str, read: &str, wrote: &str, why: &str| {
            guesses.push(Guess {
                line,
                table: table_name,
                row: name.clone(),
                column,
                read: read.to_owned(),
                wrote: wrote.to_owned(),
                why: why.to_owned(),
            });
        };
        let mut whys = Vec::new();
        if latin_name != raw_name {
            whys.push("letters that look like Latin ones read as them");
        }
        if let Some(first_piece) = wrapped_at {
            table.wrapped.push(first_piece);
            whys.push("a name wrapped by the page: spaces removed");
        }
        if !whys.is_empty() {
            guess("name", raw_name, &name, &whys.join("; "));
        }
        if cells.len() < cols.count {
            guess(
                "cells",
                &format!("{} cells", cells.len()),
                &format!("{} cells", cols.count),
                "a short row: the missing cells at its end are read as empty",
            );
        }
        let label = cell(cols.label).map(|text| {
            let joined = join_han(text);
            if joined != text {
                guess(
                    "label",
                    text,
                    &joined,
                    "a line break inside the cell: space between Chinese characters removed",
                );
            }
            joined
        });
        let note = cols
            .note
            .map(|i| cells.get(i).map_or("", String::as_str))
            .map(|text| {
                let joined = join_han(text);
                if joined != text {
                    guess(
                        "note",
                        text,
                        &joined,
                        "a line break inside the cell: space between Chinese characters removed",
                    );
                }
                joined
            });
        let ty = cell(cols.ty).map(|text| {
            let joined: String = text.split_whitespace().collect();
            if joined != text {
                guess(
                    "type",
                    text,
                    &joined,
                    "a type wrapped by the page: spaces removed",
                );
            }
            joined
        });
        let nullable = match cell(cols.nullable) {
            None | Some("") => None,
            Some(text) => {
                let latin = latin_look_alikes(text);
                if latin != text {
                    guess(
                        "nullable",
                        text,
                        &latin,
                        "a letter that looks like a Latin one, read as it",
                    );
                }
                match latin.as_str() {
                    "Y" => Some(true),
                    "N" => Some(false),
                    _ => {
                        return Err(bad(format!(
                            "the 可空 cell of `{name}` is {text:?}: expected Y or N"
                        )));
                    }
                }
            }
        };
        let example = cell(cols.example).filter(|t| !t.is_empty()).map(|text| {
            let (value, why) = read_example(text);
            if let Some(why) = why {
                guess("example", text, &value, why);
            }
            value
        });
        let row = Row {
            label: label.filter(|l| !l.is_empty()),
            name,
            ty: ty.filter(|t| !t.is_empty()),
            nullable,
            example,
            note,
            ..Row::default()
        };
        let read = ReadRow { line, row };
        match section {
            Some(true) => table.basic.push(read),
            Some(false) => table.business.push(read),
            None if is_common(kind, &read.row.name) => {
                guesses.push(Guess {
                    line,
                    table: kind.basic(),
                    row: read.row.name.clone(),
                    column: "section",
                    read: String::new(),
                    wrote: "基本参数".to_owned(),
                    why: "no section row: a common parameter is read as a basic one".to_owned(),
                });
                table.basic.push(read);
            }
            None => table.business.push(read),
        }
    }
    Ok(table)
}

fn section_of(cell: &str) -> Option<bool> {
    match cell {
        "基本参数" | "公共参数" => Some(true),
        "业务参数" => Some(false),
        _ => None,
    }
}

/// The parameters every request or envelope has, for a table without section rows.
fn is_common(kind: TableKind, name: &str) -> bool {
    match kind {
        TableKind::Request => {
            ["service", "partner", "_input_charset", "sign_type", "sign"].contains(&name)
        }
        TableKind::Response => ["is_success", "error", "sign_type", "sign"].contains(&name),
        TableKind::Notify | TableKind::Return => false,
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// The name cell: pieces joined when the page wrapped it; `Some(first piece's length)` then.
fn read_name(cell: &str) -> Result<(String, Option<usize>), String> {
    if cell.is_empty() {
        return Err("a row without a 参数名".to_owned());
    }
    let pieces: Vec<&str> = cell.split_whitespace().collect();
    if !pieces.iter().all(|p| p.chars().all(is_name_char)) {
        return Err(format!(
            "the 参数名 cell {cell:?} is not a parameter name (ASCII letters, digits, `_`, `.`, `-`)"
        ));
    }
    let name = pieces.concat();
    let wrapped = (pieces.len() > 1).then(|| pieces[0].chars().count());
    Ok((name, wrapped))
}

/// Completes names that lost their tail: a name that is a strict prefix of exactly one name of
/// another table, appears in no other table itself, and is as long as the names the page wrapped.
fn complete_names(tables: &mut [ReadTable], guesses: &mut Vec<Guess>) {
    let names: Vec<BTreeSet<String>> = tables
        .iter()
        .map(|t| {
            t.basic
                .iter()
                .chain(&t.business)
                .map(|r| r.row.name.clone())
                .collect()
        })
        .collect();
    let kinds: Vec<TableKind> = tables.iter().map(|t| t.kind).collect();
    let shortest_wrap = tables.iter().flat_map(|t| t.wrapped.iter().copied()).min();
    for (i, table) in tables.iter_mut().enumerate() {
        let kind = table.kind;
        let others = || names.iter().enumerate().filter(move |(j, _)| *j != i);
        for (basic, rows) in [(true, &mut table.basic), (false, &mut table.business)] {
            for read in rows.iter_mut() {
                let name = read.row.name.as_str();
                if others().any(|(_, n)| n.contains(name))
                    || shortest_wrap.is_some_and(|w| name.chars().count() < w)
                {
                    continue;
                }
                // The whole names that begin with this one (not at a `_`: `sign` is not a cut
                // `sign_type`), in other tables and not in this one, with a table that has each.
                let wholes: BTreeMap<&String, usize> = others()
                    .flat_map(|(j, n)| n.iter().map(move |other| (other, j)))
                    .filter(|(other, _)| {
                        other.len() > name.len()
                            && other.starts_with(name)
                            // Not at a word boundary: `sign` is not a cut `sign_type`, nor
                            // `partner` a cut `partnerId`.
                            && !other[name.len()..].starts_with(|c: char| c == '_' || c.is_ascii_uppercase())
                            && !names[i].contains(other.as_str())
                    })
                    .collect();
                let mut wholes = wholes.into_iter();
                if let (Some((whole, j)), None) = (wholes.next(), wholes.next()) {
                    guesses.push(Guess {
                        line: read.line,
                        table: if basic { kind.basic() } else { kind.business() },
                        row: whole.clone(),
                        column: "name",
                        read: name.to_owned(),
                        wrote: whole.clone(),
                        why: format!(
                            "cut by the page: the {} table has `{whole}`, the one name it begins",
                            kinds[j].noun()
                        ),
                    });
                    read.row.name = whole.clone();
                }
            }
        }
    }
}

fn check_unique(table: &ReadTable) -> Result<(), ImportError> {
    for (basic, rows) in [(true, &table.basic), (false, &table.business)] {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for read in rows {
            if let Some(&first) = seen.get(read.row.name.as_str()) {
                return Err(ImportError::DuplicateRow {
                    line: read.line,
                    table: if basic {
                        table.kind.basic()
                    } else {
                        table.kind.business()
                    },
                    name: read.row.name.clone(),
                    first,
                });
            }
            seen.insert(&read.row.name, read.line);
        }
    }
    Ok(())
}

/// The payload element: the first child of `<response>` in an output sample.
fn response_element(lines: &[&str], table_line: usize, guesses: &mut Vec<Guess>) -> String {
    let mut guess = |line: usize, read: &str, wrote: &str, why: &str| {
        guesses.push(Guess {
            line,
            table: Table::Response,
            row: String::new(),
            column: "element",
            read: read.to_owned(),
            wrote: wrote.to_owned(),
            why: why.to_owned(),
        });
    };
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("<response>") else {
            continue;
        };
        // What follows `<response>`: the rest of its line, then the next lines, with their numbers.
        let next = std::iter::once((i, &line[at + "<response>".len()..]))
            .chain(lines.iter().enumerate().skip(i + 1).map(|(j, l)| (j, *l)))
            .map(|(j, l)| (j + 1, l.trim()))
            .find(|(_, l)| !l.is_empty());
        if let Some((number, text)) = next
            && let Some(tag) = first_tag(text)
        {
            guess(
                number,
                text,
                &tag,
                "the table does not name the payload: the first element in <response> of the output sample",
            );
            return tag;
        }
    }
    guess(
        table_line,
        "",
        "",
        "no output sample with <response><element> in the text: set response.element by hand",
    );
    String::new()
}

/// `<goods>…` → `goods`.
fn first_tag(text: &str) -> Option<String> {
    let rest = text.strip_prefix('<')?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let (name, after) = rest.split_at(end);
    (!name.is_empty() && after.starts_with('>')).then(|| name.to_owned())
}

/// The error table's rows, with a code the page wrapped onto the next line joined: a row that has
/// a code and no text, followed by a row whose code is a bare fragment (letters and digits, no
/// `_`, not a known code such as `RETRY`) with a text, is one row (`…_EXAM` + `PLE` and its text); the
/// space left between the pieces makes the reader join them and say so.
fn joined_rows(raw: &RawErrorTable) -> Vec<(usize, Vec<String>)> {
    let cell = |cells: &[String], i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .map(|c| c.trim().to_owned())
            .unwrap_or_default()
    };
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut rows = raw.rows.iter().peekable();
    while let Some((line, cells)) = rows.next() {
        let code = cell(cells, Some(raw.code));
        let text = cell(cells, raw.text);
        if text.is_empty()
            && code.contains('_')
            && let Some((_, next)) = rows.peek()
        {
            let fragment = cell(next, Some(raw.code));
            let next_text = cell(next, raw.text);
            if !fragment.is_empty()
                && !next_text.is_empty()
                && !ErrorCode::from_code(&fragment).is_known()
                && fragment.len() <= 12
                && fragment
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                let mut merged = next.clone();
                merged[raw.code] = format!("{code} {fragment}");
                out.push((*line, merged));
                rows.next();
                continue;
            }
        }
        out.push((*line, cells.clone()));
    }
    out
}

fn read_error_table(
    raw: &RawErrorTable,
    guesses: &mut Vec<Guess>,
) -> Result<Vec<ErrorRow>, ImportError> {
    let known: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    // How long a code gets before the page wraps it: the shortest first piece of a wrapped code.
    let wrap_width = raw
        .rows
        .iter()
        .filter_map(|(_, cells)| {
            let pieces: Vec<&str> = cells.get(raw.code)?.split_whitespace().collect();
            (pieces.len() > 1).then(|| pieces[0].chars().count())
        })
        .min();
    let mut rows: Vec<ErrorRow> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    for (line, cells) in &joined_rows(raw) {
        let line = *line;
        let read = cells.get(raw.code).map(String::as_str).unwrap_or_default();
        let mut guess = |code: &str, wrote: &str, column: &'static str, read: &str, why: String| {
            guesses.push(Guess {
                line,
                table: Table::Errors,
                row: code.to_owned(),
                column,
                read: read.to_owned(),
                wrote: wrote.to_owned(),
                why,
            });
        };
        let latin = latin_look_alikes(read);
        let mut code: String = latin.split_whitespace().collect();
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            return Err(ImportError::BadRow {
                line,
                table: Table::Errors,
                reason: format!("the 错误代码 cell {read:?} is not an error code"),
            });
        }
        let mut whys = Vec::new();
        if latin != read {
            whys.push("letters that look like Latin ones read as them");
        }
        let wrapped = latin.split_whitespace().nth(1).is_some();
        if wrapped {
            whys.push("a code wrapped by the page: spaces removed");
        }
        if !known.contains(&code.as_str()) {
            let completions: Vec<&str> = known
                .iter()
                .copied()
                // Cut inside a word (`GOODS_CREATE_FA`), not at a `_`: `ILLEGAL_USER` is a code
                // of its own, not a cut `ILLEGAL_USER_KEY`.
                .filter(|k| {
                    k.len() > code.len()
                        && k.starts_with(code.as_str())
                        && !k[code.len()..].starts_with('_')
                })
                .collect();
            if let [whole] = completions.as_slice() {
                code = (*whole).to_owned();
                whys.push("cut by the page: completed to the one known code it begins");
            } else if !wrapped && wrap_width.is_some_and(|w| code.chars().count() >= w) {
                whys.push(
                    "not a known code, and as long as the codes the page wrapped: it may have lost its tail; check it against the document",
                );
            }
        }
        if !whys.is_empty() {
            guess(&code, &code, "code", read, whys.join("; "));
        }
        let text = raw
            .text
            .and_then(|i| cells.get(i))
            .filter(|t| !t.is_empty())
            .map(|t| {
                let joined = join_han(t);
                if &joined != t {
                    guess(
                        &code,
                        &joined,
                        "text",
                        t,
                        "a line break inside the cell: space between Chinese characters removed"
                            .to_owned(),
                    );
                }
                joined
            });
        if let Some(first) = rows.iter().position(|r| r.code == code) {
            return Err(ImportError::DuplicateRow {
                line,
                table: Table::Errors,
                name: code,
                first: lines[first],
            });
        }
        rows.push(ErrorRow {
            code,
            text,
            ..ErrorRow::default()
        });
        lines.push(line);
    }
    Ok(rows)
}

/// A Latin capital (or digit) for a character that looks like one: Greek and Cyrillic capitals,
/// the Cyrillic small letters that look like Latin ones, and full-width ASCII.
fn latin_look_alike(c: char) -> Option<char> {
    let latin = match c {
        // Greek capitals.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Cyrillic capitals.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'Ѕ' => 'S',
        'І' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        // Cyrillic small letters.
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        // Full-width ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0)?,
        _ => return None,
    };
    Some(latin)
}

/// `text` with its look-alike letters made Latin.
fn latin_look_alikes(text: &str) -> String {
    text.chars()
        .map(|c| latin_look_alike(c).unwrap_or(c))
        .collect()
}

/// A CJK ideograph (the blocks Chinese text uses).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Removes the spaces between two Chinese characters (a line break inside a table cell).
fn join_han(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let end = chars[i..]
                .iter()
                .position(|&c| c != ' ')
                .map_or(chars.len(), |n| i + n);
            let before = out.chars().next_back().is_some_and(is_han);
            let after = chars.get(end).copied().is_some_and(is_han);
            if !(before && after) {
                out.extend(&chars[i..end]);
            }
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// An example cell: look-alike letters made Latin (when that makes it ASCII), then the pieces of
/// a value the page wrapped joined. The second value says why, when the text changed.
fn read_example(text: &str) -> (String, Option<&'static str>) {
    let latin = latin_look_alikes(text);
    let (value, mut why) = if latin != text && latin.is_ascii() {
        (
            latin,
            Some("a letter that looks like a Latin one, read as it"),
        )
    } else {
        (text.to_owned(), None)
    };
    if let Some(joined) = join_wrapped(&value) {
        let why = why.map_or("a value wrapped by the page: spaces removed", |_| {
            "look-alike letters read as Latin ones, and a value wrapped by the page: spaces removed"
        });
        return (joined, Some(why));
    }
    let joined = join_han(&value);
    if joined != value {
        why = Some("a line break inside the cell: space between Chinese characters removed");
        return (joined, why);
    }
    (value, why)
}

/// The pieces of a value the page wrapped, joined: ASCII pieces separated by single spaces, every
/// piece but the last at least 8 characters long (a column's width) and not ending like a word of
/// a list (`,` `;` `:`), and not a date followed by a time.
fn join_wrapped(text: &str) -> Option<String> {
    const MIN_PIECE: usize = 8;
    let pieces: Vec<&str> = text.split(' ').collect();
    if pieces.len() < 2
        || pieces
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_graphic()))
    {
        return None;
    }
    let is_date = |p: &str| {
        p.chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/')
            && p.contains(['-', '/'])
    };
    let is_time = |p: &str| p.chars().all(|c| c.is_ascii_digit() || c == ':') && p.contains(':');
    if pieces.windows(2).any(|w| is_date(w[0]) && is_time(w[1])) {
        return None;
    }
    let all_cut = pieces[..pieces.len() - 1]
        .iter()
        .all(|p| p.len() >= MIN_PIECE && !p.ends_with([',', ';', ':']));
    all_cut.then(|| pieces.concat())
}

#[cfg(test)]
mod tests {
    use super::{join_han, join_wrapped, read_example};

    #[test]
    fn wrapped_examples_are_joined_and_words_are_not() {
        let joined = [
            (
                "http://www.test.com/ notify/alipay/interfac e.htm",
                "http://www.test.com/notify/alipay/interface.htm",
            ),
            (
                "20110511EF39E0403 F8F48EF8E02121C9 824210F",
                "20110511EF39E0403F8F48EF8E02121C9824210F",
            ),
            ("id2011385738554545 4", "id20113857385545454"),
        ];
        for (text, want) in joined {
            assert_eq!(join_wrapped(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "二手围巾",
            "2013-10-22 18:43:17",
            "[REFUND, CONFIRM_GOODS]",
            "T 成功",
            "a b",
            "100",
        ] {
            assert_eq!(join_wrapped(text), None, "{text}");
        }
    }

    #[test]
    fn spaces_between_chinese_characters_go_and_others_stay() {
        assert_eq!(join_han("该字段不 为空且大于0。"), "该字段不为空且大于0。");
        assert_eq!(
            join_han("确认收货超时天数。 按照"),
            "确认收货超时天数。 按照"
        );
        assert_eq!(join_han("买家-1, 卖家-2"), "买家-1, 卖家-2");
        assert_eq!(join_han(" 1-1天 3-3天"), " 1-1天 3-3天");
    }

    #[test]
    fn look_alike_examples_become_latin() {
        assert_eq!(read_example("Т").0, "T");
        assert_eq!(read_example("Ν").0, "N");
        assert_eq!(read_example("二手围巾"), ("二手围巾".to_owned(), None));
    }
}
