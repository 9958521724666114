//! The services the gateway knows, registered from the derive's metadata.
//!
//! A service is registered from its declared request type alone: [`Request::SERVICE`] names it,
//! [`Request::METHOD`] and [`Request::PARAMS`] describe it, [`Request::from_params`] checks every
//! received parameter against the table (unknown names, required ones, formats, lengths, closed
//! sets, cross-field rules), and [`Response::ELEMENT`]/[`Response::FIELDS`] shape the answer. No
//! table is written twice. Every service of the catalog (`alipay_services::visit`), and any a
//! library author adds with [`SandboxBuilder`](crate::SandboxBuilder), is registered so; once its
//! checks pass, it gets the sandbox's built-in logic for its name, or its default answer (the
//! response struct's examples (its `example` attributes), or the cashier page of a page service). `services::standard` gives
//! the catalog's own types their typed logic (`register_with`).

use std::sync::Arc;

use alipay_core::Charset;
use alipay_core::ErrorCode;
use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{
    ApiService, Kind, Method, PageService, ParamSpec, Request, Response, ValidationErrors,
};
use alipay_core::sign::SignType;

use crate::state::{Job, PartnerRecord};
use crate::world::World;

/// What a business handler sees of a request that passed every gateway check.
pub(crate) struct Call<'a> {
    /// The sandbox's world.
    pub(crate) world: &'a Arc<World>,
    /// The calling partner.
    pub(crate) partner: &'a PartnerRecord,
    /// The request charset (responses and notifications use it too).
    pub(crate) charset: Charset,
    /// The request's sign type (responses and notifications are signed with it).
    pub(crate) sign_type: SignType,
}

impl Call<'_> {
    /// The calling partner's id.
    pub(crate) fn partner_id(&self) -> &str {
        &self.partner.credentials.partner
    }
}

/// What a library author's handler ([`SandboxBuilder::handler`](crate::SandboxBuilder::handler))
/// sees of a request that passed every gateway check and the service's table.
pub struct Context<'a> {
    call: &'a Call<'a>,
}

impl Context<'_> {
    /// The calling partner's id.
    pub fn partner(&self) -> &str {
        self.call.partner_id()
    }

    /// The request charset (the answer is written in it).
    pub fn charset(&self) -> Charset {
        self.call.charset
    }

    /// The request's sign type (the answer is signed with it).
    pub fn sign_type(&self) -> SignType {
        self.call.sign_type
    }

    /// The sandbox's state (trades, partners, requests), as [`Sandbox::admin`](crate::Sandbox::admin)
    /// gives it.
    pub fn admin(&self) -> crate::Admin {
        crate::Admin::new(Arc::clone(self.call.world))
    }
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("partner", &self.partner())
            .field("charset", &self.charset())
            .field("sign_type", &self.sign_type())
            .finish()
    }
}

/// A successful answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// `<is_success>T</is_success>` with the request echo, no payload.
    Plain,
    /// A signed `<response><ELEMENT>…</ELEMENT></response>`.
    Payload(Payload),
    /// An HTML page in the request charset (a page service: the cashier the buyer sees).
    Page(String),
    /// A plain-text answer (a service whose response declares [`Response::TEXT`]).
    Text(&'static str),
}

/// What a handler did: its answer, and its effects for the layers above to carry out (the
/// notifications to schedule; the gateway stores and delivers them before answering).
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The answer.
    pub(crate) reply: Reply,
    /// Notifications to store and deliver.
    pub(crate) notifications: Vec<Job>,
}

impl From<Reply> for Outcome {
    fn from(reply: Reply) -> Self {
        Self {
            reply,
            notifications: Vec::new(),
        }
    }
}

/// A response payload: the element and its children, in the declared order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Payload {
    /// The payload element, e.g. `goods`.
    pub(crate) element: &'static str,
    /// `(tag, text)` in the order of the response type's `FIELDS`.
    pub(crate) fields: Vec<(&'static str, String)>,
    /// The tags whose value is XML markup (repeated records), not text.
    pub(crate) markup: Vec<&'static str>,
}

impl Payload {
    /// The payload of a typed response, written by the derive ([`Response::write_fields`]): every
    /// field of the table, in order, absent optional ones left out.
    pub(crate) fn typed<T: Response>(value: &T) -> Self {
        Self {
            element: T::ELEMENT,
            fields: value
                .to_fields()
                .into_iter()
                .map(|(k, v)| (k, v.into_owned()))
                .collect(),
            markup: markup_of::<T>(),
        }
    }

    /// The payload of response type `T`: each field of [`Response::FIELDS`], in order, whose
    /// value `fill` knows (fields it answers `None` for are left out).
    pub(crate) fn of<T: Response>(mut fill: impl FnMut(&'static str) -> Option<String>) -> Self {
        Self {
            element: T::ELEMENT,
            fields: T::FIELDS
                .iter()
                .filter_map(|f| fill(f.name).map(|v| (f.name, v)))
                .collect(),
            markup: markup_of::<T>(),
        }
    }
}

/// The fields of `T` whose value is repeated records (XML markup).
fn markup_of<T: Response>() -> Vec<&'static str> {
    T::FIELDS
        .iter()
        .filter(|f| f.records.is_some())
        .map(|f| f.name)
        .collect()
}

/// Why a registered service refused a request after the gateway checks.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The parameters break the service's table (`ILLEGAL_ARGUMENT`).
    Invalid(ValidationErrors),
    /// A business error code.
    Code(ErrorCode),
}

impl From<ErrorCode> for Refusal {
    fn from(code: ErrorCode) -> Self {
        Self::Code(code)
    }
}

/// A service's business logic over the checked parameters, by name (the built-in logic of a
/// service name, which any declaration of that name gets).
pub(crate) type Behaviour = fn(&Call<'_>, &[(String, String)]) -> Result<Outcome, Refusal>;

type Run = Box<dyn Fn(&Call<'_>, &[(String, String)]) -> Result<Outcome, Refusal> + Send + Sync>;

/// One registered service.
pub(crate) struct Registered {
    /// `service`, e.g. `sns.create.goods.ws`.
    pub(crate) service: &'static str,
    /// The declared method (the gateway accepts GET and POST for every service, as Alipay does).
    #[allow(dead_code)] // kept with the other metadata; shown in the crate docs' service list
    pub(crate) method: Method,
    /// API or page: a page service's answers (errors too) are HTML pages for the buyer.
    pub(crate) kind: Kind,
    /// The declared parameter table (the gateway reads which parameters are secret from it).
    pub(crate) params: &'static [ParamSpec],
    run: Run,
}

impl Registered {
    /// Checks `params` with the service's `from_params` and runs its handler.
    pub(crate) fn run(
        &self,
        call: &Call<'_>,
        params: &[(String, String)],
    ) -> Result<Outcome, Refusal> {
        (self.run)(call, params)
    }

    /// True when parameter `name` is in the service's table.
    pub(crate) fn declares(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.name == name)
    }

    /// True when parameter `name` is declared secret.
    pub(crate) fn is_secret(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.secret && p.name == name)
    }
}

/// The sandbox's logic for a service name and kind, if it has some (`services::builtin`).
pub(crate) type Builtin = fn(&str, Kind) -> Option<Behaviour>;

/// The registered services.
pub(crate) struct Registry {
    services: Vec<Registered>,
    /// The logic a service registered from its declaration alone gets.
    builtin: Builtin,
}

impl Registry {
    /// An empty registry whose services get `builtin`'s logic for their name.
    pub(crate) fn new(builtin: Builtin) -> Self {
        Self {
            services: Vec::new(),
            builtin,
        }
    }

    /// Registers `R` from its declaration alone. A request that passes the checks
    /// (`R::from_params`) gets the registry's built-in logic for the service's name and kind when
    /// it has some (for a page service: at least the cashier page), else the default answer: a
    /// success whose payload is the response struct's examples (its `example` attributes), with each field named like a
    /// request parameter echoing that parameter (no payload for `()`).
    pub(crate) fn register<R: Request + 'static>(&mut self) {
        let behaviour =
            (self.builtin)(R::SERVICE, R::KIND).unwrap_or(example_answer::<R::Response>);
        self.insert::<R>(Box::new(move |call, params| {
            R::from_params(params).map_err(Refusal::Invalid)?;
            behaviour(call, params)
        }));
    }

    /// Registers `R` with `handler`, which runs once `R::from_params` accepted the parameters.
    pub(crate) fn register_with<R: Request + 'static>(
        &mut self,
        handler: impl Fn(&Call<'_>, R) -> Result<Outcome, ErrorCode> + Send + Sync + 'static,
    ) {
        self.insert::<R>(Box::new(move |call, params| {
            let request = R::from_params(params).map_err(Refusal::Invalid)?;
            handler(call, request).map_err(Refusal::Code)
        }));
    }

    /// Registers `R` with `behaviour`, which reads and checks the raw parameters itself (it
    /// runs `R::from_params` when it wants the table's checks, after its own).
    pub(crate) fn register_raw<R: Request + 'static>(&mut self, behaviour: Behaviour) {
        self.insert::<R>(Box::new(behaviour));
    }

    /// Registers API service `R` with a library author's typed handler: its answer is written as
    /// the response payload (a bare success for `()` or an absent payload), its error code is the
    /// refusal.
    pub(crate) fn register_handler<R, F>(&mut self, handler: F)
    where
        R: ApiService + 'static,
        F: Fn(&Context<'_>, R) -> Result<R::Response, ErrorCode> + Send + Sync + 'static,
    {
        self.register_with::<R>(move |call, request| {
            let response = handler(&Context { call }, request)?;
            let payload = Payload::typed(&response);
            Ok(if payload.element.is_empty() || payload.fields.is_empty() {
                Reply::Plain
            } else {
                Reply::Payload(payload)
            }
            .into())
        });
    }

    fn insert<R: Request>(&mut self, run: Run) {
        self.services.retain(|s| s.service != R::SERVICE);
        self.services.push(Registered {
            service: R::SERVICE,
            method: R::METHOD,
            kind: R::KIND,
            params: R::PARAMS,
            run,
        });
    }

    /// The service named `name` (raw bytes: the gateway looks services up before decoding).
    pub(crate) fn get(&self, name: &[u8]) -> Option<&Registered> {
        self.services.iter().find(|s| s.service.as_bytes() == name)
    }

    /// Every registered service name.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        self.services.iter().map(|s| s.service).collect()
    }
}

pub(crate) use crate::request::param;

/// The default answer of an API service: response type `T`'s table filled with the request's
/// value of the same name, else the field's example (a field with neither is left out); no
/// payload when `T` has none; the first of its words when `T` answers in plain text.
fn example_answer<T: Response>(
    _: &Call<'_>,
    params: &[(String, String)],
) -> Result<Outcome, Refusal> {
    if let Some(word) = T::TEXT.first() {
        return Ok(Reply::Text(word).into());
    }
    if T::ELEMENT.is_empty() {
        return Ok(Reply::Plain.into());
    }
    Ok(Reply::Payload(Payload::of::<T>(|name| {
        param(params, name)
            .or_else(|| {
                T::FIELDS
                    .iter()
                    .find(|f| f.name == name)
                    .and_then(|f| f.example)
            })
            .map(str::to_owned)
    }))
    .into())
}

/// Registering a catalog: each service from its declaration (see [`Registry::register`]).
impl Visitor for Registry {
    fn visit_api<R: ApiService + 'static>(&mut self, _: &ServiceInfo) {
        self.register::<R>();
    }

    fn visit_page<R: PageService + 'static>(&mut self, _: &ServiceInfo) {
        self.register::<R>();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up service, declared like the real ones: registering it is one line.
    #[derive(Clone, PartialEq, Eq, alipay_core::Request)]
    #[alipay(service = "sandbox.test.echo", response = (), method = GET)]
    struct Echo {
        /// Any text.
        #[alipay(label = "文本", ty = "String(8)", example = "hello")]
        text: String,
    }

    #[test]
    fn one_line_registration_validates_with_from_params() {
        let mut r = Registry::new(|_, _| None);
        r.register::<Echo>();
        let echo = r.get(b"sandbox.test.echo").unwrap();
        assert_eq!(echo.method, Method::Get);
        assert_eq!(echo.params.len(), 1);
        // from_params runs before any handler; the handler itself needs a live sandbox, so the
        // check is exercised through the stored metadata here and end to end in tests/.
        assert!(Echo::from_params(&[("text", "hello")]).is_ok());
        assert!(Echo::from_params(&[("text", "too long!")]).is_err());
    }
}
