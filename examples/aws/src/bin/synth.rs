//! The binary: the Lambda function when `AWS_LAMBDA_RUNTIME_API` is set, the synth CLI otherwise.

fn main() -> std::process::ExitCode {
    aws_example::app().main()
}
