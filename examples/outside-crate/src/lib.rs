//! Two Alipay MAPI services declared outside the toolkit, each from its spec file
//! (`specs/<service>.toml`, imported from the vendor document's tables with `alipay spec import`):
//! `close_trade`, an API service without payload, and `create_partner_trade_by_buyer`, a page
//! service with its asynchronous notification table.

pub mod close_trade;
pub mod partner_trade;

pub use close_trade::CloseTrade;
pub use partner_trade::{PartnerTrade, TradeStatusSync};
