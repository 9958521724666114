//! `alipay explain`: what an error code means and what to do about it.

use alipay_core::ErrorCode;
use alipay_core::error::ErrorKind;

use crate::cli::ExplainArgs;
use crate::exit::Failure;

/// Prints the code's Chinese text, meaning, advice and kind; an unknown code is a failure (1).
pub(crate) fn explain(args: &ExplainArgs) -> Result<(), Failure> {
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
    if !code.is_known() {
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
    println!("{code} ({})", code.chinese());
    println!("meaning: {}", code.meaning());
    println!("advice: {}", code.advice());
    println!(
        "kind: {}: {}",
        kind_name(code.kind()),
        kind_text(code.kind())
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
