//! Compile errors of the AWS service, Step Functions, Lambda custom and custom integrations.

#[test]
fn ui_aws() {
    let t = trybuild::TestCases::new();
    for cases in [
        "ui/aws_*.rs",
        "ui/sfn_*.rs",
        "ui/lambda_custom_*.rs",
        "ui/custom_*.rs",
    ] {
        t.compile_fail(cases);
    }
}
