//! S3 calls beyond one object: ListObjectsV2 (XML and JSON), ListBuckets, bucket creation and
//! deletion, a bucket named by the request, and the grants each renders.

use apigw::integration::{ObjectListing, RenderContext};
use apigw::prelude::*;
use apigw::{Bucket, OperationDescriptor, Registry, Xml};
use serde_json::{Value, json};

const FILES: Bucket = Bucket::owned("files");

#[derive(ApiResponses)]
pub enum JsonListing {
    #[status(200)]
    Ok(Json<ObjectListing>),
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum XmlListing {
    #[status(200)]
    Ok(Xml),
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum BucketCall {
    #[status(204)]
    Done,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(409)]
    Conflict(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[derive(ApiResponses)]
pub enum Object {
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest(Json<ApiError>),
    #[status(403)]
    Forbidden(Json<ApiError>),
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(500)]
    Failed(Json<ApiError>),
}

#[operation(GET "/files", responses = JsonListing, query = ["prefix", "delimiter", "limit", "after", "token"])]
#[s3_integration(
    bucket = FILES,
    list_objects = "json",
    request_parameters(
        query("prefix") = query("prefix"),
        query("delimiter") = query("delimiter"),
        query("max-keys") = query("limit"),
        raw("integration.request.querystring.start-after") = raw("method.request.querystring.after"),
        query("continuation-token") = query("token"),
    ),
)]
pub struct ListJson;

#[operation(GET "/stages/files", responses = XmlListing)]
#[s3_integration(bucket = stage("filesBucket"), bucket_pattern = "files-?-*", list_objects = "xml")]
pub struct ListXmlFromStage;

#[operation(GET "/", responses = XmlListing)]
#[s3_integration(list_buckets = "xml")]
pub struct AllBuckets;

#[operation(PUT "/buckets/<name>", responses = BucketCall)]
#[s3_integration(bucket = path("name"), bucket_pattern = "tenant-*", create_bucket, success_status = 204)]
pub struct Create;

#[operation(POST "/buckets/<name>/delete", responses = BucketCall)]
#[s3_integration(bucket = path("name"), bucket_pattern = "tenant-*", delete_bucket, success_status = 204)]
pub struct Delete;

#[operation(GET "/buckets/<name>/<key..>", responses = Object, headers = ["X-Version"])]
#[s3_integration(
    bucket = path("name"),
    bucket_pattern = "tenant-*",
    path = "docs/{key}",
    request_parameters(query("versionId") = header("X-Version")),
)]
pub struct GetFromTenant;

#[operation(PUT "/buckets/<name>/<key..>", responses = Object)]
#[s3_integration(bucket = path("name"), bucket_pattern = "tenant-*", path = "docs/{key}")]
pub struct PutToTenant;

fn op(name: &str) -> &'static OperationDescriptor {
    apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .find(|o| o.name == name && o.source.file.ends_with("integrations_s3_calls.rs"))
        .unwrap_or_else(|| panic!("operation {name} is registered"))
}

fn operation(name: &str) -> Value {
    let op = op(name);
    let doc = apigw_tests::synth::document(
        &App::new("t").version("1"),
        &Registry::new(vec![op]).unwrap(),
    );
    doc["paths"][op.path][op.method.openapi_key()].clone()
}

fn integration(name: &str) -> Value {
    operation(name)["x-amazon-apigateway-integration"].clone()
}

/// `(actions, resources)` of each grant.
fn grants(name: &str) -> Vec<(Vec<String>, Vec<Value>)> {
    let op = op(name);
    op.integration()
        .grants(&RenderContext { operation: op })
        .into_iter()
        .map(|g| (g.actions, g.resources))
        .collect()
}

fn sub(text: &str) -> Value {
    json!({ "Fn::Sub": text })
}

#[test]
fn the_operations_of_this_file_form_a_valid_registry() {
    let ops = apigw::__private::inventory::iter::<OperationDescriptor>
        .into_iter()
        .filter(|o| o.source.file.ends_with("integrations_s3_calls.rs"))
        .collect();
    Registry::new(ops).expect("statuses declared, routes unique");
}

#[test]
fn json_listing_maps_the_query_and_answers_the_listing() {
    let i = integration("ListJson");
    assert_eq!(i["httpMethod"], "GET");
    assert_eq!(
        i["uri"],
        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${FilesBucket}")
    );
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.querystring.list-type": "'2'",
            "integration.request.querystring.encoding-type": "'url'",
            "integration.request.querystring.prefix": "method.request.querystring.prefix",
            "integration.request.querystring.delimiter": "method.request.querystring.delimiter",
            "integration.request.querystring.max-keys": "method.request.querystring.limit",
            "integration.request.querystring.start-after": "method.request.querystring.after",
            "integration.request.querystring.continuation-token": "method.request.querystring.token",
        })
    );
    assert_eq!(
        i["responses"]["2\\d{2}"],
        json!({"statusCode": "200", "responseTemplates": {"application/json": apigw::spec::s3::OBJECT_LISTING_TEMPLATE}})
    );
    let keys: Vec<&str> = i["responses"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["2\\d{2}", "400", "403", "404", "default"]);
    // The declared body is the listing the template produces.
    assert_eq!(
        operation("ListJson")["responses"]["200"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/ObjectListing"})
    );
    assert_eq!(
        grants("ListJson"),
        [(
            vec!["s3:ListBucket".to_string()],
            vec![sub("arn:${AWS::Partition}:s3:::${FilesBucket}")]
        )]
    );
}

#[test]
fn xml_listing_passes_s3s_xml_through() {
    let i = integration("ListXmlFromStage");
    assert_eq!(
        i["uri"],
        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/{bucket}")
    );
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.path.bucket": "stageVariables.filesBucket",
            "integration.request.querystring.list-type": "'2'",
        })
    );
    assert_eq!(
        i["responses"]["2\\d{2}"],
        json!({"statusCode": "200", "responseParameters": {
            "method.response.header.Content-Type": "integration.response.header.Content-Type",
            "method.response.header.Date": "integration.response.header.Date",
        }})
    );
    let o = operation("ListXmlFromStage");
    assert_eq!(
        o["responses"]["200"]["content"],
        json!({"application/xml": {"schema": {"type": "string"}}})
    );
    // The bucket's pattern, as written.
    assert_eq!(
        grants("ListXmlFromStage"),
        [(
            vec!["s3:ListBucket".to_string()],
            vec![sub("arn:${AWS::Partition}:s3:::files-?-*")]
        )]
    );
    assert!(op("ListXmlFromStage").integration().resources().is_empty());
}

#[test]
fn list_buckets_is_the_service_root() {
    let i = integration("AllBuckets");
    assert_eq!(
        i["uri"],
        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path//")
    );
    assert!(i.get("requestParameters").is_none());
    // ListAllMyBuckets has no resource type: `*` is the only resource IAM accepts for it.
    assert_eq!(
        grants("AllBuckets"),
        [(vec!["s3:ListAllMyBuckets".to_string()], vec![json!("*")])]
    );
    assert!(op("AllBuckets").integration().resources().is_empty());
}

#[test]
fn bucket_creation_and_deletion() {
    let create = integration("Create");
    assert_eq!(create["httpMethod"], "PUT");
    assert_eq!(
        create["uri"],
        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/{bucket}")
    );
    assert_eq!(
        create["requestParameters"],
        json!({"integration.request.path.bucket": "method.request.path.name"})
    );
    // Outside us-east-1, S3 wants the region in the body.
    let template = create["requestTemplates"]["application/json"]["Fn::Sub"]
        .as_str()
        .unwrap();
    assert!(template.contains("<LocationConstraint>${AWS::Region}</LocationConstraint>"));
    assert_eq!(create["responses"]["2\\d{2}"], json!({"statusCode": "204"}));
    assert_eq!(
        create["responses"]["409"]["responseTemplates"]["application/json"],
        apigw::spec::s3::error_template(409)
    );
    assert_eq!(
        grants("Create"),
        [(
            vec!["s3:CreateBucket".to_string()],
            vec![sub("arn:${AWS::Partition}:s3:::tenant-*")]
        )]
    );
    // The S3 call is DELETE whatever the operation's method.
    let delete = integration("Delete");
    assert_eq!(delete["httpMethod"], "DELETE");
    assert!(delete.get("requestTemplates").is_none());
    assert_eq!(
        grants("Delete"),
        [(
            vec!["s3:DeleteBucket".to_string()],
            vec![sub("arn:${AWS::Partition}:s3:::tenant-*")]
        )]
    );
}

#[test]
fn objects_in_a_bucket_the_request_names() {
    let i = integration("GetFromTenant");
    assert_eq!(
        i["uri"],
        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/{bucket}/docs/{key}")
    );
    assert_eq!(
        i["requestParameters"],
        json!({
            "integration.request.path.key": "method.request.path.key",
            "integration.request.path.bucket": "method.request.path.name",
            "integration.request.querystring.versionId": "method.request.header.X-Version",
        })
    );
    assert_eq!(
        grants("GetFromTenant"),
        [
            (
                vec!["s3:GetObject".to_string()],
                vec![sub("arn:${AWS::Partition}:s3:::tenant-*/docs/*")]
            ),
            (
                vec!["s3:ListBucket".to_string()],
                vec![sub("arn:${AWS::Partition}:s3:::tenant-*")]
            ),
        ]
    );
    assert_eq!(
        grants("PutToTenant"),
        [(
            vec!["s3:PutObject".to_string()],
            vec![sub("arn:${AWS::Partition}:s3:::tenant-*/docs/*")]
        )]
    );
}
