//! `alipay call SERVICE NAME=VALUE…`: validate, sign, send, print the typed response as JSON.

use std::borrow::Cow;

use alipay_client::settings::Settings;
use alipay_client::{Client, Error, Reply, Stage};
use alipay_core::catalog::ServiceInfo;
use alipay_core::error::CodeSpec;
use alipay_core::request::PrepareError;
use alipay_core::service::{ApiService, PageService, Response, ValidationErrors};
use alipay_core::xml::SignatureStatus;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use tokio::runtime::Runtime;

use crate::cli::CallArgs;
use crate::exit::{BAD_RESPONSE, FAILURE, Failure, SERVICE, UNAVAILABLE};

/// Builds a service's request from `NAME=VALUE` pairs, sends it, renders the reply as JSON.
type Run = fn(&[(String, String)], &Settings) -> Result<String, Failure>;

/// A service the command line knows: its name, its error table, the function that builds, sends
/// and renders its request, and (with the sandbox) the one that registers it with a sandbox.
pub(crate) struct Service {
    pub(crate) name: &'static str,
    pub(crate) codes: &'static [CodeSpec],
    run: Run,
    #[cfg(feature = "sandbox")]
    pub(crate) register: fn(alipay_sandbox::SandboxBuilder) -> alipay_sandbox::SandboxBuilder,
}

impl Service {
    /// API service `R`: called, its reply printed.
    pub(crate) fn api<R: ApiService + 'static>(info: &ServiceInfo) -> Self {
        Self {
            name: info.name,
            codes: info.error_codes,
            run: run::<R>,
            #[cfg(feature = "sandbox")]
            register: alipay_sandbox::SandboxBuilder::service::<R>,
        }
    }

    /// Page service `R`: its URL printed.
    pub(crate) fn page<R: PageService + 'static>(info: &ServiceInfo) -> Self {
        Self {
            name: info.name,
            codes: info.error_codes,
            run: page::<R>,
            #[cfg(feature = "sandbox")]
            register: alipay_sandbox::SandboxBuilder::service::<R>,
        }
    }
}

/// Calls the service and prints its response.
pub(crate) fn call(args: &CallArgs, services: &[Service]) -> Result<(), Failure> {
    let Some(service) = services.iter().find(|s| s.name == args.service) else {
        let known: Vec<&str> = services.iter().map(|s| s.name).collect();
        return Err(Failure::usage(format_args!(
            "unknown service {:?}: this tool knows {}",
            args.service,
            known.join(", ")
        )));
    };
    let pairs = business_params(args)?;
    let settings = args.settings().or(Settings::from_env());
    let json = (service.run)(&pairs, &settings)?;
    println!("{json}");
    Ok(())
}

/// The client the settings describe, and a single-threaded runtime to run it on.
fn connect(settings: &Settings) -> Result<(Client, Runtime), Failure> {
    let config = settings.config()?.build().map_err(Failure::usage)?;
    let client = Client::new(config).map_err(Failure::general)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::general(format_args!("cannot start the async runtime: {e}")))?;
    Ok((client, runtime))
}

/// The `NAME=VALUE` arguments, refusing the common parameters, which come from SERVICE and the
/// configuration (silently dropping them would sign something else than the user asked for).
fn business_params(args: &CallArgs) -> Result<Vec<(String, String)>, Failure> {
    let mut pairs = Vec::with_capacity(args.params.len());
    for p in &args.params {
        let instead = match p.name.as_str() {
            "service" => "the SERVICE argument",
            "partner" => "--partner or ALIPAY_PARTNER",
            "_input_charset" => "--charset or ALIPAY_CHARSET",
            "sign_type" => "--sign-type or ALIPAY_SIGN_TYPE",
            "sign" => "the signature computed from the key",
            _ => {
                pairs.push((p.name.clone(), p.value.clone()));
                continue;
            }
        };
        return Err(Failure::usage(format_args!(
            "{} is a common parameter: it comes from {instead}, not from NAME=VALUE",
            p.name
        )));
    }
    Ok(pairs)
}

/// Builds `R` from the parameters (every rule checked, before any configuration is read), calls
/// it, renders the reply.
fn run<R: ApiService>(params: &[(String, String)], settings: &Settings) -> Result<String, Failure> {
    let request = R::from_params(params).map_err(|e| violations(&e))?;
    let (client, runtime) = connect(settings)?;
    let reply = runtime
        .block_on(client.execute_detailed(&request))
        .map_err(failure)?;
    note_signature(&reply, &client);
    render(R::SERVICE, &reply)
}

/// Builds page service `R` from the parameters and prints the URL to send the buyer's browser to
/// (`{"service": …, "kind": "page", "page_url": …}`): nothing is sent, a browser carries it.
fn page<R: PageService>(
    params: &[(String, String)],
    settings: &Settings,
) -> Result<String, Failure> {
    let request = R::from_params(params).map_err(|e| violations(&e))?;
    let (client, _) = connect(settings)?;
    let url = client.page_url(&request).map_err(failure)?;
    serde_json::to_string_pretty(&serde_json::json!({
        "service": R::SERVICE,
        "kind": "page",
        "page_url": url,
    }))
    .map_err(|e| Failure::general(format_args!("cannot write JSON: {e}")))
}

/// Every rule the request breaks, one `error:` line each (naming the service, the parameter and
/// the rule); a general failure (1).
fn violations(errors: &ValidationErrors) -> Failure {
    let mut failure = Failure::new(FAILURE, "");
    for line in errors.to_string().lines() {
        failure = failure.detail(format_args!("error: {line}"));
    }
    failure.detail("note: nothing was sent")
}

/// A note on stderr when the response's signature was not checked.
fn note_signature<T: Response>(reply: &Reply<T>, client: &Client) {
    // A plain-text answer (notify_verify) is never signed.
    if reply.signature == SignatureStatus::Unsigned && T::TEXT.is_empty() {
        if reply.envelope.sign.is_some() && client.config().verifier().is_none() {
            eprintln!(
                "note: the response is signed but its signature was not checked: \
                 pass --public-key (Alipay's public key) or set ALIPAY_PUBLIC_KEY"
            );
        } else if reply.envelope.sign.is_none() {
            eprintln!("note: the response is not signed");
        }
    }
}

/// `{"service": …, "is_success": "T", "response": {fields in table order} | null}` (a field of
/// repeated records is an array of objects, each record's fields in order), or for a service
/// that answers in plain text `{"service": …, "answer": "true"}`.
fn render<T: Response>(service: &str, reply: &Reply<T>) -> Result<String, Failure> {
    let fields = reply.response.to_fields();
    let json = if T::TEXT.is_empty() {
        // A field of repeated records is an array of objects, each record's fields in its
        // table's order; every other value is its wire text.
        let object: Vec<(&str, Value<'_>)> = fields
            .iter()
            .map(|(name, value)| {
                let records = T::FIELDS
                    .iter()
                    .find(|f| f.name == *name)
                    .and_then(|f| f.records);
                let value = match records {
                    Some(table) => Value::Records(records_of(table.element, value)),
                    None => Value::Text(value),
                };
                (*name, value)
            })
            .collect();
        serde_json::to_string_pretty(&CallOutput {
            service,
            is_success: "T",
            response: reply.envelope.response.as_ref().map(|_| Ordered(&object)),
        })
    } else {
        let answer = fields.first().map_or("", |(_, v)| v.as_ref());
        serde_json::to_string_pretty(&TextOutput { service, answer })
    };
    json.map_err(|e| Failure::general(format_args!("cannot write JSON: {e}")))
}

#[derive(Serialize)]
struct TextOutput<'a> {
    service: &'a str,
    answer: &'a str,
}

#[derive(Serialize)]
struct CallOutput<'a> {
    service: &'a str,
    is_success: &'a str,
    response: Option<Ordered<'a, &'a str, Value<'a>>>,
}

/// A payload field's value: its wire text, or its repeated records.
enum Value<'a> {
    Text(&'a Cow<'a, str>),
    Records(Vec<Vec<(String, String)>>),
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Records(records) => serializer.collect_seq(records.iter().map(|r| Ordered(r))),
        }
    }
}

/// Pairs as a JSON object, in their order.
struct Ordered<'a, K, V>(&'a [(K, V)]);

impl<K: Serialize, V: Serialize> Serialize for Ordered<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The records of a field (`<element>…</element>…`, as the typed response writes them back),
/// each as its fields in document order.
fn records_of(element: &str, xml: &str) -> Vec<Vec<(String, String)>> {
    let read = |inner: &str| {
        let body = format!(
            "<alipay><is_success>T</is_success><response><r>{inner}</r></response></alipay>"
        );
        alipay_core::xml::parse(body.as_bytes())
            .ok()
            .and_then(|e| e.response)
            .map(|p| p.fields)
            .unwrap_or_default()
    };
    read(xml)
        .iter()
        .filter(|(tag, _)| *tag == element)
        .map(|(_, inner)| {
            read(inner)
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// A failed call, with the exit code of its stage.
fn failure(e: Error) -> Failure {
    match e.stage() {
        Stage::Service => match e.as_service() {
            Some(s) => {
                let code = s.described();
                let mut f = Failure::new(SERVICE, format_args!("{}: {}", s.code, code.meaning()))
                    .detail(format_args!("说明: {}", code.text()))
                    .detail(format_args!("advice: {}", code.advice()))
                    .detail(format_args!(
                        "service: {}, attempts: {}",
                        s.service, s.attempts
                    ));
                if s.possibly_applied {
                    f = f.detail(
                        "warning: possibly done by an earlier attempt whose outcome was unknown: \
                         query the state before calling again",
                    );
                }
                if let Some(signed) = s.redacted_string_to_sign() {
                    f = f.detail(format_args!("the string that was signed: {signed}"));
                }
                f
            }
            None => Failure::new(SERVICE, e),
        },
        Stage::Transport => {
            let mut f = Failure::new(UNAVAILABLE, with_causes(&e));
            if let Error::Transport(t) = &e
                && t.may_have_reached_alipay()
            {
                f = f.detail(
                    "note: the request may have reached Alipay: query the state before \
                     repeating a call that is not idempotent",
                );
            }
            f
        }
        Stage::BadResponse => Failure::new(BAD_RESPONSE, e),
        Stage::Invalid => match e {
            Error::Invalid {
                source: PrepareError::Invalid(errors),
                ..
            } => violations(&errors),
            other => Failure::general(other),
        },
    }
}

/// `e`'s message followed by its causes (`: cause: cause…`), skipping a cause whose text the
/// message already ends with (the HTTP client's "error sending request" says little alone).
fn with_causes(e: &Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
