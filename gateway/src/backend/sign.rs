//! SigV4 signing of AWS service requests, as API Gateway signs them with the integration's role
//! (here, the configured credentials), through the `aws-sigv4` crate.

use std::time::SystemTime;

use aws_credential_types::Credentials as AwsCredentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;

use super::OutgoingRequest;
use crate::config::Credentials;
use crate::gateway_response::GatewayError;

/// Adds the signature headers to `request` for `service` (`s3`, `dynamodb`, ...) in `region`.
pub(crate) fn sign_request(
    request: &mut OutgoingRequest,
    credentials: &Credentials,
    service: &str,
    region: &str,
) -> Result<(), GatewayError> {
    let identity = AwsCredentials::new(
        &credentials.access_key_id,
        &credentials.secret_access_key,
        credentials.session_token.clone(),
        None,
        "apigw-gateway",
    )
    .into();
    let mut settings = SigningSettings::default();
    if service == "s3" {
        // S3 signs the path as sent (no second encoding, no normalisation) and wants the
        // payload hash in a header.
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(SystemTime::now())
        .settings(settings)
        .build()
        .map_err(|e| {
            GatewayError::configuration(format!("cannot sign the {service} request: {e}"))
        })?
        .into();
    let signable = SignableRequest::new(
        &request.method,
        &request.url,
        request
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| GatewayError::configuration(format!("cannot sign the {service} request: {e}")))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| {
            GatewayError::configuration(format!("cannot sign the {service} request: {e}"))
        })?
        .into_parts();
    let (headers, _query) = instructions.into_parts();
    for header in headers {
        request
            .headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case(header.name()));
        request
            .headers
            .push((header.name().to_string(), header.value().to_string()));
    }
    Ok(())
}
