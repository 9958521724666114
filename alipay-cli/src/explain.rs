//! `alipay explain`: what an error code means and what to do about it, in general or as one
//! service's error table says.

use alipay_core::ErrorCode;
use alipay_core::error::{CodeSpec, ErrorKind};

use crate::call::Service;
use crate::cli::ExplainArgs;
use crate::exit::Failure;

/// Prints the code's Chinese text, meaning, advice and kind (with `--service`, as that service
/// describes it); a code neither the shared table nor the service knows is a failure (1), an
/// unknown service a usage error (64).
pub(crate) fn explain(args: &ExplainArgs, services: &[Service]) -> Result<(), Failure> {
    let table: &'static [CodeSpec] = match args.service.as_deref() {
        None => &[],
        Some(name) => match services.iter().find(|s| s.name == name) {
            Some(service) => service.codes,
            None => {
                let known: Vec<&str> = services.iter().map(|s| s.name).collect();
                return Err(Failure::usage(format_args!(
                    "unknown service {name:?}: this tool knows {}",
                    known.join(", ")
                )));
            }
        },
    };
    if let (true, Some(service)) = (args.list, args.service.as_deref()) {
        for row in table {
            let code = ErrorCode::from_code(row.code);
            let described = code.described_by(table);
            println!(
                "{:<27} {:<17} {}",
                row.code,
                kind_name(described.kind()),
                described.text()
            );
        }
        if table.is_empty() {
            eprintln!("note: {service} declares no error table");
        }
        return Ok(());
    }
    let Some(text) = args.code.as_deref().filter(|_| !args.list) else {
        for code in ErrorCode::ALL {
            println!(
                "{:<27} {:<17} {}",
                code.as_str(),
                kind_name(code.kind()),
                code.chinese()
            );
        }
        return Ok(());
    };
    let code = ErrorCode::from_code(text);
    let described = code.described_by(table);
    if !code.is_known() && described.row().is_none() {
        let mut failure = Failure::general(format_args!(
            "{text:?} is not an error code this tool knows"
        ));
        let upper = ErrorCode::from_code(&text.trim().to_ascii_uppercase());
        if upper.is_known() {
            failure = failure.detail(format_args!(
                "did you mean {upper}? (codes are case-sensitive, as Alipay sends them)"
            ));
        }
        return Err(failure
            .detail(format_args!("advice: {}", code.advice()))
            .detail("`alipay explain --list` lists the known codes"));
    }
    if let Some(service) = &args.service {
        let whose = if described.row().is_some() {
            "as its error table says"
        } else {
            "not in its error table: the shared meaning"
        };
        println!("service: {service} ({whose})");
    }
    println!("{code} ({})", described.text());
    println!("meaning: {}", described.meaning());
    println!("advice: {}", described.advice());
    println!(
        "kind: {}: {}",
        kind_name(described.kind()),
        kind_text(described.kind())
    );
    Ok(())
}

/// The short name of a kind.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Retry => "retry",
        ErrorKind::QueryTradeState => "query trade state",
        ErrorKind::Caller => "caller",
        ErrorKind::Configuration => "configuration",
        _ => "unknown",
    }
}

/// What a kind asks of the merchant.
fn kind_text(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Retry => {
            "transient on Alipay's side: call again with the same parameters if the call is idempotent"
        }
        ErrorKind::QueryTradeState => {
            "do not repeat the call; query the trade state: alipay call single_trade_query trade_no=…"
        }
        ErrorKind::Caller => {
            "the request's content or the business state: fix the input; repeating it unchanged gives the same answer"
        }
        ErrorKind::Configuration => {
            "the merchant's setup is wrong: partner, key, sign type, charset or contract; every call fails until it is fixed"
        }
        _ => "not known to this tool: do not retry automatically",
    }
}
