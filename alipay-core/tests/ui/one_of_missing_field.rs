use alipay_core::Request;
use alipay_core::types::TransportType;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(one_of(transport_type, create_transport))]
pub struct Ship {
    /// How it ships.
    pub transport_type: Option<TransportType>,
    /// How the trade said it would ship.
    pub create_transport_type: Option<TransportType>,
}

fn main() {}
