//! The HTTP example's binary: the synth CLI (no operation runs on Lambda).

fn main() -> std::process::ExitCode {
    http_example::app().main()
}
