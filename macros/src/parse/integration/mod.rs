//! The integration attributes `#[operation]` reads off its item: one syntax per kind, sharing the
//! common grammar (templates, mappings, `responses = [...]`, mapping options).

pub mod aws;
pub mod http;
pub mod lambda;
pub mod mock;
pub mod s3;

use crate::diag::Errors;

/// The integration attributes, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrationKind {
    Mock,
    S3,
    Http,
    Aws,
    Lambda,
    Custom,
}

impl IntegrationKind {
    pub const ALL: [IntegrationKind; 6] = [
        IntegrationKind::Mock,
        IntegrationKind::S3,
        IntegrationKind::Http,
        IntegrationKind::Aws,
        IntegrationKind::Lambda,
        IntegrationKind::Custom,
    ];

    /// The attribute's name.
    pub const fn attribute(self) -> &'static str {
        match self {
            IntegrationKind::Mock => "mock_integration",
            IntegrationKind::S3 => "s3_integration",
            IntegrationKind::Http => "http_integration",
            IntegrationKind::Aws => "aws_integration",
            IntegrationKind::Lambda => "lambda_integration",
            IntegrationKind::Custom => "integration",
        }
    }

    /// The kind of an attribute, by its last path segment (`#[apigw::s3_integration]` too).
    pub fn of(attr: &syn::Attribute) -> Option<IntegrationKind> {
        let last = attr.path().segments.last()?.ident.to_string();
        IntegrationKind::ALL
            .into_iter()
            .find(|k| k.attribute() == last)
    }
}

/// An integration attribute, as written.
pub enum IntegrationAst {
    Mock(mock::MockAst),
    S3(s3::S3Ast),
    Http(http::HttpAst),
    Aws(aws::AwsAst),
    Lambda(lambda::LambdaAst),
    /// `#[integration(expr)]`.
    Custom(syn::Expr),
}

/// Parses `attr` (of `kind`); `None` when it does not parse, its errors pushed.
pub fn parse(
    attr: &syn::Attribute,
    kind: IntegrationKind,
    errors: &mut Errors,
) -> Option<IntegrationAst> {
    use super::attr_args;
    Some(match kind {
        IntegrationKind::Mock => IntegrationAst::Mock(attr_args(
            attr,
            "write `#[mock_integration(with = fn_name)]` or `#[mock_integration(status = 200)]`",
            errors,
            mock::parse,
        )?),
        IntegrationKind::S3 => IntegrationAst::S3(attr_args(
            attr,
            "write `#[s3_integration(bucket = MY_BUCKET)]`, naming a `const MY_BUCKET: apigw::Bucket`",
            errors,
            s3::parse,
        )?),
        IntegrationKind::Http => IntegrationAst::Http(attr_args(
            attr,
            "write `#[http_integration(url = \"https://api.example.com/...\")]`",
            errors,
            http::parse,
        )?),
        IntegrationKind::Aws => IntegrationAst::Aws(attr_args(
            attr,
            "write `#[aws_integration(dynamodb::get_item(table = PETS, key = \"petId\"))]` or `#[aws_integration(service = \"sqs\", action = \"SendMessage\", ...)]`",
            errors,
            aws::parse,
        )?),
        IntegrationKind::Lambda => IntegrationAst::Lambda(attr_args(
            attr,
            "write `#[lambda_integration(custom, responses = [error \"Not found.*\" => 404])]`",
            errors,
            lambda::parse,
        )?),
        IntegrationKind::Custom => IntegrationAst::Custom(attr_args(
            attr,
            "write `#[integration(EXPR)]`, where EXPR's type implements `apigw::integration::Integration` and `apigw::integration::IntegrationStatuses`",
            errors,
            |input, _| input.parse(),
        )?),
    })
}
