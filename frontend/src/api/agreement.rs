//! The mediation agreement: staff read and change it on the case page; a party reads and
//! confirms it through their session link (`Authorization: Party <token>`).

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::wire::{
    AgreementRequest, AgreementView, PartyAgreementView, PartyConfirmRequest,
};
use gloo_net::http::Request;

fn url(code: &str) -> String {
    format!("/api/staff/cases/{}/agreement", encode(code))
}

pub async fn of_case(code: &str) -> Result<AgreementView, ApiError> {
    decode(send(get(&url(code))).await?).await
}

pub async fn change(code: &str, request: &AgreementRequest) -> Result<AgreementView, ApiError> {
    decode(send(with_json(Request::post(&url(code)), request)).await?).await
}

fn party_header(token: &str) -> String {
    format!("Party {token}")
}

pub async fn party_view(token: &str) -> Result<PartyAgreementView, ApiError> {
    let builder = Request::get("/api/party/agreement")
        .header("Accept", "application/json")
        .header("Authorization", &party_header(token))
        .build();
    decode(send(builder).await?).await
}

pub async fn party_confirm(
    token: &str,
    request: &PartyConfirmRequest,
) -> Result<PartyAgreementView, ApiError> {
    let builder =
        Request::post("/api/party/agreement/confirm").header("Authorization", &party_header(token));
    decode(send(with_json(builder, request)).await?).await
}
