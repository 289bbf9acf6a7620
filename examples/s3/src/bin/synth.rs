//! The S3 example's binary: the synth CLI (no operation runs on Lambda).

fn main() -> std::process::ExitCode {
    s3_example::app().main()
}
