//! `import` on the two vendor documents in `tests/fixtures/`: the SNS document gives the rows of
//! `specs/sns.create.goods.ws.toml`, every repair listed as a guess; the usage rules of
//! `send_goods_confirm_by_platform` have no parameter table and are refused, naming what they have.

use std::path::Path;

use alipay_spec::import::{ImportError, Table};
use alipay_spec::{ImportOptions, Imported, Row, Spec, import};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn spec_file(name: &str) -> Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(format!("{name}.toml"));
    Spec::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn import_sns() -> Imported {
    import(
        &fixture("sns.create.goods.ws.txt"),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The spec file's row without what the document does not say: the closed sets (`values`) and
/// secrecy (`secret`) are the transcriber's, and `meaning` is documentation.
fn as_the_document_says(row: &Row) -> Row {
    Row {
        values: Vec::new(),
        secret: false,
        meaning: None,
        ..row.clone()
    }
}

fn assert_rows(table: &str, imported: &[Row], spec: &[Row]) {
    let names = |rows: &[Row]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(imported), names(spec), "{table}: the rows");
    for (got, want) in imported.iter().zip(spec) {
        assert_eq!(got, &as_the_document_says(want), "{table}.{}", want.name);
    }
}

/// Every column the document has (label, name, type, 可空, example, note) is the spec file's,
/// row by row, in every table; so are the payload element and the error table.
#[test]
fn sns_document_imports_to_the_spec_file() {
    let imported = import_sns().spec;
    let spec = spec_file("sns.create.goods.ws");
    assert_eq!(imported.service, spec.service);
    assert_eq!(imported.title, spec.title);
    assert_eq!(imported.source, "imported from SNS创建商品ws接口");
    assert_eq!(imported.kind, None);
    assert_rows("basic", &imported.basic, &spec.basic);
    assert_rows("request", &imported.request, &spec.request);
    assert_rows(
        "response_basic",
        &imported.response_basic,
        &spec.response_basic,
    );
    let (got, want) = (
        imported.response.as_ref().expect("a response table"),
        spec.response.as_ref().expect("a response table"),
    );
    assert_eq!(got.element, want.element);
    assert_rows("response", &got.fields, &want.fields);
    assert_eq!(imported.errors, spec.errors);
    assert_eq!((imported.notify, imported.return_), (None, None));
}

/// What the spec file adds to the document: the closed sets and the SNS user's `key` as secret.
#[test]
fn sns_spec_file_adds_values_and_secrecy_only() {
    let imported = import_sns().spec;
    let spec = spec_file("sns.create.goods.ws");
    let response = |s: &Spec| s.response.clone().map(|t| t.fields).unwrap_or_default();
    let rows = |s: &Spec| {
        [
            s.basic.clone(),
            s.request.clone(),
            s.response_basic.clone(),
            response(s),
        ]
        .concat()
    };
    let added: Vec<String> = rows(&spec)
        .iter()
        .zip(rows(&imported))
        .filter(|(want, got)| *want != got)
        .map(|(want, _)| {
            let mut what = Vec::new();
            if !want.values.is_empty() {
                what.push(format!("values {:?}", want.values));
            }
            if want.secret {
                what.push("secret".to_owned());
            }
            format!("{}: {}", want.name, what.join(", "))
        })
        .collect();
    assert_eq!(
        added,
        [
            "key: secret",
            "flow_type: values [\"8\", \"1\", \"2\"]",
            "who_pay: values [\"1\", \"2\"]",
            "valid_date: values [\"1\", \"3\", \"7\", \"15\", \"30\"]",
            "flow_type: values [\"8\", \"1\", \"2\"]",
            "who_pay: values [\"1\", \"2\"]",
            "biz_status: values [\"1\", \"2\", \"3\", \"4\"]",
        ]
    );
}

/// The repairs, one line each, as the command line prints them.
#[test]
fn sns_document_guesses_are_listed() {
    let printed: Vec<String> = import_sns()
        .guesses
        .iter()
        .map(ToString::to_string)
        .collect();
    let expected = fixture("sns.create.goods.ws.guesses.txt");
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(printed, expected);
}

/// The usage rules have tables, but no parameter or error table: a typed error that says so and
/// lists the tables it has, rather than an empty spec.
#[test]
fn rules_document_is_refused_naming_its_tables() {
    let err = import(
        &fixture("send_goods_confirm_by_platform.rules.txt"),
        &ImportOptions::default(),
    )
    .expect_err("no parameter table");
    let ImportError::NoParameterTable { found } = &err else {
        panic!("unexpected error: {err}");
    };
    let headers: Vec<String> = found.iter().map(|t| t.header.join(" | ")).collect();
    assert_eq!(
        headers,
        [
            "1 | 文档说明 | 3",
            "术语 | 解释",
            "类型 | 细则 | 原因",
            "类型 | 细则 | 原因",
            "类型 | 细则 | 原因",
            "类型 | 规范点 | 原因",
            "步骤 | 调试内容 | 备注",
        ]
    );
    let message = err.to_string();
    assert!(
        message.starts_with(
            "no parameter table (a header row with 参数名) and no error table (错误代码) found; the text has 7 other table(s): "
        ),
        "{message}"
    );
    assert!(
        message.contains("line 42 under \"表1-1 业务术语\" (术语 | 解释)"),
        "{message}"
    );
}

const HEADER: &str = "参数说明\t参数名\t类型(精度)\t备注\t可空\t样例";

fn request_table(rows: &[&str]) -> String {
    format!(
        "服务名: x.y\n\n3、请求输入参数表\n\n{HEADER}\n业务参数\t\t\t\t\t\n{}\n",
        rows.join("\n")
    )
}

#[test]
fn options_name_the_service_and_the_source() {
    let text = request_table(&["金额\ttotal_fee\tString(12)\t\tN\t0.01"]);
    let imported = import(
        &text,
        &ImportOptions::default().service("a.b").source("a.pdf v1.0"),
    )
    .expect("imported");
    assert_eq!(imported.spec.service, "a.b");
    assert_eq!(imported.spec.source, "a.pdf v1.0");
    assert_eq!(
        imported.guesses[0].to_string(),
        "line 1: service: read \"x.y\", wrote \"a.b\" (the service name given in the options wins over the document's)"
    );
}

#[test]
fn unreadable_rows_are_errors_naming_the_line() {
    let cases = [
        (
            request_table(&["金额\ttotal_fee\tString(12)\t\tMaybe\t0.01"]),
            "line 7: request table: the 可空 cell of `total_fee` is \"Maybe\": expected Y or N",
        ),
        (
            request_table(&["金额\ttotal_fee\tString(12)\t\tN\t0.01\textra"]),
            "line 7: request table: 7 cells where the header has 6: \"金额 | total_fee | String(12) |  | N | 0.01 | extra\"",
        ),
        (
            request_table(&["金额\t总金额\tString(12)\t\tN\t0.01"]),
            "line 7: request table: the 参数名 cell \"总金额\" is not a parameter name (ASCII letters, digits, `_`, `.`, `-`)",
        ),
        (
            request_table(&["金额\ttotal_fee\t\t\tN\t", "金额\ttotal_fe e\t\t\tN\t"]),
            "line 8: request table: `total_fee` is already the row at line 7",
        ),
        (
            format!("{HEADER}\n业务参数\t\t\t\t\t\n金额\ttotal_fee\t\t\tN\t\n"),
            "the document does not name the service (no `服务名: …` line and no `service` row with an example): give it in the options",
        ),
    ];
    for (text, message) in cases {
        let err = import(&text, &ImportOptions::default()).expect_err(message);
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn a_response_table_without_output_sample_has_no_element() {
    let text = format!(
        "服务名: x.y\n\n5.1 xml返回的参数列表\n\n{HEADER}\n基本参数\t\t\t\t\t\n成功标识\tis_success\tString(1)\t\tN\tT\n业务参数\t\t\t\t\t\n金额\ttotal_fee\tString(12)\t\tY\t1.00\n"
    );
    let imported = import(&text, &ImportOptions::default()).expect("imported");
    let response = imported.spec.response.expect("a response table");
    assert_eq!((response.element.as_str(), response.fields.len()), ("", 1));
    assert_eq!(imported.spec.response_basic[0].name, "is_success");
    let guess = imported
        .guesses
        .iter()
        .find(|g| g.column == "element")
        .expect("a guess");
    assert_eq!(guess.table, Table::Response);
    assert_eq!(guess.wrote, "");
}

/// A cut code no known code completes is kept, with a warning when it is as long as the codes the
/// page wrapped; a wrapped one is joined; a known prefix is not touched; a code that ends where a
/// longer known one has a `_` is a code of its own (`ILLEGAL_USER` is not a cut `ILLEGAL_USER_KEY`).
#[test]
fn error_codes_are_joined_completed_or_flagged() {
    let text = "服务名: x.y\n\n错误代码\t说明\nSOME_LONG_ERR OR\t某错误\nSOME_OTHER_ERRO\t另一个错误\nILLEGAL_SIGN\t签名错误\nTRADE_STATUS_NOT_\t交易状态\nILLEGAL_USER\t客户ID不正确\nRETRY\n";
    let imported = import(text, &ImportOptions::default()).expect("imported");
    let codes: Vec<(&str, Option<&str>)> = imported
        .spec
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.text.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("SOME_LONG_ERROR", Some("某错误")),
            ("SOME_OTHER_ERRO", Some("另一个错误")),
            ("ILLEGAL_SIGN", Some("签名错误")),
            ("TRADE_STATUS_NOT_AVAILD", Some("交易状态")),
            ("ILLEGAL_USER", Some("客户ID不正确")),
            ("RETRY", None),
        ]
    );
    let printed: Vec<String> = imported.guesses.iter().map(ToString::to_string).collect();
    assert_eq!(
        printed,
        [
            "line 4: errors.SOME_LONG_ERROR.code: read \"SOME_LONG_ERR OR\", wrote \"SOME_LONG_ERROR\" (a code wrapped by the page: spaces removed)",
            "line 5: errors.SOME_OTHER_ERRO.code: read \"SOME_OTHER_ERRO\", wrote \"SOME_OTHER_ERRO\" (not a known code, and as long as the codes the page wrapped: it may have lost its tail; check it against the document)",
            "line 7: errors.TRADE_STATUS_NOT_AVAILD.code: read \"TRADE_STATUS_NOT_\", wrote \"TRADE_STATUS_NOT_AVAILD\" (cut by the page: completed to the one known code it begins)",
        ]
    );
}

/// Damaged text of any shape is an error or a spec, never a panic: every prefix of the SNS
/// document, and the document without any one of its lines.
#[test]
fn damaged_text_never_panics() {
    let text = fixture("sns.create.goods.ws.txt");
    let lines: Vec<&str> = text.lines().collect();
    for n in 0..=lines.len() {
        let _ = import(&lines[..n].join("\n"), &ImportOptions::default());
        let without: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != n)
            .map(|(_, l)| *l)
            .collect();
        let _ = import(&without.join("\n"), &ImportOptions::default());
    }
    for cut in (0..text.len())
        .filter(|&i| text.is_char_boundary(i))
        .step_by(97)
    {
        let _ = import(&text[..cut], &ImportOptions::default());
    }
}

/// The notification and return tables, by their headings; a page service by its 访问形式.
#[test]
fn notification_return_and_page_service() {
    let text = format!(
        "服务名: create_direct_pay_by_user\n\n2、访问形式\n\n页面跳转\n\n3、请求输入参数表\n\n{HEADER}\n业务参数\t\t\t\t\t\n商户订单号\tout_trade_no\tString(64)\t\tN\t6843192280647118\n\n\
         5.1 服务器异步通知参数说明\n\n{HEADER}\n通知时间\tnotify_time\tDate\t\tN\t2009-08-12 11:08:32\n\n\
         5.2 页面跳转同步通知参数说明\n\n{HEADER}\n\t\t\t\t\t\n成功标识\tis_success\tString(1)\t\tN\tT\n交易号\ttrade_nо\tString(64)\t\tY\n"
    );
    let imported = import(&text, &ImportOptions::default()).expect("imported");
    let spec = &imported.spec;
    assert_eq!(spec.kind.as_deref(), Some("page"));
    assert_eq!(spec.request[0].name, "out_trade_no");
    let names = |t: &Option<alipay_spec::ParamTable>| -> Vec<String> {
        t.iter()
            .flat_map(|t| t.fields.iter().map(|r| r.name.clone()))
            .collect()
    };
    assert_eq!(names(&spec.notify), ["notify_time"]);
    assert_eq!(names(&spec.return_), ["is_success", "trade_no"]);
    assert_eq!(spec.response, None);
    let printed: Vec<String> = imported.guesses.iter().map(ToString::to_string).collect();
    assert_eq!(
        printed,
        [
            "line 5: kind: read \"页面跳转\", wrote \"page\" (访问形式 is 页面跳转: the buyer's browser carries the request)",
            "line 23: return.trade_no.name: read \"trade_nо\", wrote \"trade_no\" (letters that look like Latin ones read as them)",
            "line 23: return.trade_no.cells: read \"5 cells\", wrote \"6 cells\" (a short row: the missing cells at its end are read as empty)",
        ]
    );
}

/// A code the page wrapped onto the next line (`REFUND_NOT_FOUND_EXAM`, then `PLE` with the text)
/// is one code, with a guess; a code without text followed by a known code is not joined to it.
#[test]
fn a_code_wrapped_onto_the_next_line_is_joined() {
    let text = "服务名: x.y\n\n错误代码\t说明\nREFUND_NOT_FOUND_EXAM\nPLE\t退款不存在\nSOME_ERROR\nRETRY\t请重试\n";
    let imported = import(text, &ImportOptions::default()).expect("imported");
    let codes: Vec<(&str, Option<&str>)> = imported
        .spec
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.text.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("REFUND_NOT_FOUND_EXAMPLE", Some("退款不存在")),
            ("SOME_ERROR", None),
            ("RETRY", Some("请重试")),
        ]
    );
    assert!(
        imported.guesses[0]
            .to_string()
            .contains("read \"REFUND_NOT_FOUND_EXAM PLE\", wrote \"REFUND_NOT_FOUND_EXAMPLE\""),
        "{}",
        imported.guesses[0]
    );
}
