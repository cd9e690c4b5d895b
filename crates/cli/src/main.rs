//! `why401`: the command line face of the why401 engine.
//!
//! This crate gathers input (a file or standard input), the clock and the options, calls
//! [`why401_engine::inspect`] and prints the report. It decides nothing itself.

mod render;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use why401_engine::{inspect, Context, DEFAULT_SKEW};

#[derive(Parser)]
#[command(name = "why401", version, about = "Explain a 401 Unauthorized: decode and check tokens and headers, offline")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a token, header or exchange and print what is wrong with it
    #[command(after_help = "Examples:\n  \
        why401 inspect token.txt\n  \
        pbpaste | why401 inspect --format json\n  \
        why401 inspect --now 1764000000 --skew 0 - < header.txt\n\n\
        Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage error.")]
    Inspect(InspectArgs),
}

#[derive(clap::Args)]
struct InspectArgs {
    /// The input file; `-` or nothing reads standard input
    #[arg(value_name = "FILE|-")]
    input: Option<PathBuf>,
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Check times as of this moment, in seconds since 1970 (default: this machine's clock)
    #[arg(long, value_name = "UNIX_SECONDS", allow_negative_numbers = true)]
    now: Option<i64>,
    /// How many seconds of clock skew to tolerate in time checks
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_SKEW)]
    skew: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to standard output with status 0; usage errors exit with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Inspect(args) => run_inspect(args),
    }
}

fn run_inspect(args: InspectArgs) -> ExitCode {
    let bytes = match read_input(args.input.as_deref()) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("why401: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let now = args.now.unwrap_or_else(system_now);
    let report = inspect(&text, &Context::new(now).with_skew(args.skew));
    let printed = match args.format {
        Format::Json => serde_json::to_string_pretty(&report).map(|mut s| {
            s.push('\n');
            s
        }),
        Format::Text => Ok(render::text(&report)),
    };
    let printed = match printed {
        Ok(printed) => printed,
        Err(e) => {
            eprintln!("why401: cannot write the report: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A closed pipe (`why401 inspect | head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(printed.as_bytes());
    ExitCode::from(if report.has_errors() { 1 } else { 0 })
}

fn read_input(path: Option<&std::path::Path>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match path {
        None => std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(p) if p.as_os_str() == "-" => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?
        }
        Some(p) => {
            bytes = std::fs::read(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
            bytes.len()
        }
    };
    Ok(bytes)
}

fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}
