//! Every example's template deploys as synth writes it: CloudFormation takes a template inline
//! (`--template-body`) only up to 51,200 bytes; over that, synth warns and says how to deploy it
//! through S3. The S3 example (AWS's whole S3-proxy tutorial: 19 integrations, each with S3's
//! JSON error templates) is the one over the limit, and stays so knowingly.

use std::path::PathBuf;

use apigw::App;
use apigw::synth::{TEMPLATE_BODY_LIMIT, TemplateOptions, Written, size_warning, to_compact_json};
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
fn every_example_template_deploys_inline_or_synth_says_how() {
    let examples = [
        ("petstore", petstore::app(), true),
        ("s3", s3_example::app(), false),
        ("http", http_example::app(), true),
        ("aws", aws_example::app(), true),
    ];
    for (dir, app, inline) in examples {
        let bytes = size(dir, app);
        eprintln!("{dir}: template.json is {bytes} bytes");
        let warning = size_warning(&Written {
            path: PathBuf::from("out/template.json"),
            bytes,
        });
        if inline {
            assert!(
                bytes <= TEMPLATE_BODY_LIMIT,
                "{dir}: {bytes} bytes, over {TEMPLATE_BODY_LIMIT}"
            );
            assert_eq!(warning, None, "{dir}");
        } else {
            let warning = warning.unwrap_or_else(|| panic!("{dir}: {bytes} bytes, no warning"));
            assert!(warning.contains("deploy it through S3"), "{warning}");
        }
    }
}
