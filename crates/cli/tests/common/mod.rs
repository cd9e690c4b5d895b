//! What every command-line test needs: the binary run with arguments and standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `why401` with `args`, writes `stdin` to it and collects what it printed. `NO_COLOR` is
/// set to `no_color`, or removed from the environment when that is `None`.
pub fn run(args: &[&str], stdin: &[u8], no_color: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_why401"));
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    match no_color {
        Some(value) => command.env("NO_COLOR", value),
        None => command.env_remove("NO_COLOR"),
    };
    let mut child = command.spawn().expect("the binary starts");
    // A usage error ends the program before it reads its input; the pipe then closes early.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin);
    child.wait_with_output().expect("the binary ends")
}
