//! Every example's template deploys as synth writes it: CloudFormation takes a template inline
//! (`--template-body`) only up to 51,200 bytes.

use apigw::App;
use apigw::synth::{TEMPLATE_BODY_LIMIT, TemplateOptions, to_compact_json};
use apigw_tests::operations;

fn size(dir: &str, app: App) -> usize {
    let registry = operations::example_registry(dir);
    let template = apigw_tests::synth::template(&app, &registry, &TemplateOptions::default())
        .unwrap_or_else(|e| panic!("{dir}: {e}"));
    to_compact_json(&template, "template")
        .expect("serializable")
        .len()
}

#[test]
fn every_example_template_is_under_the_inline_limit() {
    let examples = [
        ("petstore", petstore::app()),
        ("s3", s3_example::app()),
        ("http", http_example::app()),
        ("aws", aws_example::app()),
    ];
    for (dir, app) in examples {
        let bytes = size(dir, app);
        eprintln!("{dir}: template.json is {bytes} bytes");
        assert!(
            bytes <= TEMPLATE_BODY_LIMIT,
            "{dir}: {bytes} bytes, over {TEMPLATE_BODY_LIMIT}"
        );
    }
}
