//! The spec file's shape: one TOML file per service, as `specs/` holds them.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// A service's document tables as data (`specs/<service>.toml`): the request table, the response
/// table, the notification and return tables, the error table, and where they come from.
///
/// Unknown keys are refused, so a typo in a spec file is an error, not a silently ignored row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The `service` parameter.
    pub service: String,
    /// The document's title, e.g. `交易关闭接口`.
    #[serde(default)]
    pub title: String,
    /// Where the tables come from (document, version, repository and commit).
    #[serde(default)]
    pub source: String,
    /// `page` for a service the buyer's browser visits; absent (or `api`) for one the server calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Groups of parameters of which at least one is set (`one_of(…)` on the request).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Vec<String>>,
    /// The common parameters (基本参数): `service`, `partner`, … (never declared per service).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basic: Vec<Row>,
    /// The business parameters (业务参数), in table order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request: Vec<Row>,
    /// The envelope's rows (`is_success`, `error`, `sign`, …), parsed by the envelope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_basic: Vec<Row>,
    /// The response payload (`<response><element>…`); an empty element and no fields for a
    /// service whose answer has no payload. Absent for a page service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseTable>,
    /// The asynchronous notification table (服务器异步通知参数), if the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<ParamTable>,
    /// The synchronous return table (页面跳转同步通知参数), if the document has one.
    #[serde(default, rename = "return", skip_serializing_if = "Option::is_none")]
    pub return_: Option<ParamTable>,
    /// The error table (错误代码), in its order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorRow>,
}

/// One row of a parameter table: the document's columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// 参数说明: the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 参数名: the wire name.
    pub name: String,
    /// 类型(精度): e.g. `String(64)` (absent when the source gives none).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// 可空: `true` for `Y`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// 样例: the sample value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// 备注: the note, compared with the field's doc comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The closed set of values, if the value is from one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// A value that must never appear in errors or logs.
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret: bool,
    /// What the row means, in words (documentation only, never compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// For a response row holding repeated child records (`account.page.query`'s
    /// `account_log_list`), the records' table: each record's element and its rows
    /// (`[response.fields.records]`, `[[response.fields.records.fields]]`). Declared as
    /// `Records<T>`, `T` a `#[derive(Response)]` with that element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Box<ResponseTable>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The response payload table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseTable {
    /// The payload's element inside `<response>`; empty for no payload.
    pub element: String,
    /// Its child elements, in table order.
    #[serde(default)]
    pub fields: Vec<Row>,
    /// For a service that answers in plain text instead of the XML envelope, the words it
    /// answers (`notify_verify`: `true`, `false`, `invalid`); the element is then empty and there
    /// are no fields. Empty for an XML answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
}

/// A notification or return table: the parameters Alipay sends, in table order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamTable {
    /// The rows.
    pub fields: Vec<Row>,
}

/// One row of the error table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRow {
    /// The code, e.g. `TRADE_STATUS_NOT_AVAILD`.
    pub code: String,
    /// The document's 说明 text, where the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// How a client reacts: `retry`, `query_trade_state`, `caller` or `configuration` (ours, not
    /// the source's; absent: the shared table's kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// What the code means for this service, in English (ours; absent: the shared meaning, or the
    /// text for a code the shared table does not know).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
    /// What to do about the code from this service (ours; absent: the shared advice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// A spec file that could not be read or parsed.
#[derive(Debug)]
pub struct LoadError {
    path: String,
    message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for LoadError {}

impl Spec {
    /// Reads and parses a spec file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref();
        let error = |message: String| LoadError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        Self::from_toml(&text).map_err(|e| error(e.message))
    }

    /// Parses a spec from its TOML text.
    pub fn from_toml(text: &str) -> Result<Self, LoadError> {
        toml::from_str(text).map_err(|e| LoadError {
            path: "<spec>".to_owned(),
            message: e.to_string(),
        })
    }

    /// The spec as TOML text (the shape [`Spec::from_toml`] reads).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_else(|e| format!("# cannot write the spec: {e}\n"))
    }

    /// Whether the service is a page service (`kind = "page"`).
    pub fn is_page(&self) -> bool {
        self.kind.as_deref() == Some("page")
    }
}
