//! `why401`: the command line face of the why401 engine.
//!
//! This crate gathers input (a file or standard input), the clock and the options, calls
//! [`why401_engine::inspect`] and prints the report. It decides nothing itself.

mod render;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use why401_engine::context::CredentialsMode;
use why401_engine::{inspect, Context, Expectations, KeyFormat, KeyInput, Report, Severity, DEFAULT_SKEW};

/// Shown under the top-level `--help`: a short tour; `why401 inspect --help` has the full list.
const TOP_HELP: &str = "\
Examples:
  why401 inspect --now 1764000000 token.txt
  pbpaste | why401 inspect --format json
  why401 inspect --exchange 3 --origin https://app.example.com --credentials include page-load.har
  why401 inspect --fail-on warning token.txt || exit 1

Exit status of `inspect`: 0 when no finding reaches the `--fail-on` level (default: error),
1 when one does, 2 on a usage error.

Colour: the text report is coloured only when standard output is a terminal and NO_COLOR is
unset or empty; `--color always` or `--color never` overrides that. See `why401 inspect --help`.";

/// Shown under `why401 inspect --help`.
const INSPECT_HELP: &str = "\
Examples:
  # A token saved to a file (an expired one fails with JWT001), checked as of a fixed moment
  why401 inspect --now 1764000000 token.txt

  # Whatever is on the clipboard, from standard input, as a JSON report
  pbpaste | why401 inspect --format json
  why401 inspect --format json - < header.txt

  # A browser HAR export: list the exchanges, then diagnose number 12 alone
  why401 inspect page-load.har
  why401 inspect --exchange 12 page-load.har

  # CORS and cookies as seen from the page at this origin, sending credentials
  why401 inspect --origin https://app.example.com --credentials include page-load.har

  # The same, as Safari or a browser that blocks third-party cookies sees it
  why401 inspect --origin https://app.example.com --third-party-cookies blocked page-load.har

  # Verify the signature with the issuer's keys and check the audience and a scope
  why401 inspect --key jwks.json --audience https://api.example.com --scope orders.read token.txt

  # A certificate-bound token (RFC 8705), with the client certificate the request used
  why401 inspect --client-cert client.pem capture.txt

  # An HMAC-signed token, with the shared secret kept in a file
  why401 inspect --secret-file hmac.txt token.txt

  # An AWS Signature V4 request: recompute its signature with the secret access key
  why401 inspect --aws-secret-file aws-secret.txt signed-request.txt

  # An incident report for a ticket (secrets redacted)
  why401 inspect --format markdown capture.txt > incident.md

  # A CI gate: fail the job on any warning or error, with the clock pinned for a stored token
  why401 inspect --fail-on warning --now 1764000000 token.txt || exit 1

Exit status: 0 when no finding reaches the `--fail-on` level, 1 when one does, 2 on a usage
error. `--fail-on error` (the default) exits 1 on errors only, `--fail-on warning` on warnings
and errors, and also when the input is empty or holds nothing to check, and `--fail-on never`
never exits 1 because of a finding.

Colour: with `--color auto` (the default) the text report is coloured only when standard
output is a terminal and the NO_COLOR environment variable is unset or empty (any non-empty
value turns colour off). `--color always` colours even into a pipe or file and wins over
NO_COLOR; `--color never` never colours. JSON and Markdown reports are never coloured, and
colour only adds escape codes around labels: the words are the same.";

#[derive(Parser)]
#[command(
    name = "why401",
    version,
    about = "Explain a 401 Unauthorized: decode and check tokens and headers, offline",
    after_help = TOP_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a token, header or exchange and print what is wrong with it
    #[command(after_help = INSPECT_HELP)]
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
    /// An audience the API accepts (repeatable: any one must be in `aud`)
    #[arg(long = "audience", value_name = "AUD")]
    audiences: Vec<String>,
    /// The issuer the API trusts, compared exactly with `iss`
    #[arg(long, value_name = "ISS")]
    issuer: Option<String>,
    /// A scope the API requires (repeatable: all must be granted)
    #[arg(long = "scope", value_name = "SCOPE")]
    scopes: Vec<String>,
    /// The client the token should have been issued to (`azp`, `client_id`)
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    /// The longest time since sign-in (`auth_time`) the API accepts, in seconds
    #[arg(long, value_name = "SECONDS")]
    max_age: Option<u64>,
    /// A key to verify signatures with: JWK, JWK Set, PEM public key or certificate (repeatable)
    #[arg(long = "key", value_name = "FILE")]
    keys: Vec<PathBuf>,
    /// An HMAC secret, as UTF-8 text (it stays visible in `ps` and the shell's history: prefer
    /// --secret-file)
    #[arg(long, value_name = "TEXT")]
    secret: Option<String>,
    /// An HMAC secret read from a file (one trailing newline is ignored)
    #[arg(long, value_name = "FILE")]
    secret_file: Option<PathBuf>,
    /// An HMAC secret given as base64 or base64url (visible in `ps` and history, like --secret)
    #[arg(long, value_name = "TEXT")]
    secret_base64: Option<String>,
    /// The user's password, to recompute a Digest response and say which input differs (visible
    /// in `ps` and the shell's history: prefer --password-file)
    #[arg(long, value_name = "TEXT", conflicts_with = "password_file")]
    password: Option<String>,
    /// The user's password read from a file (one trailing newline is ignored)
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
    /// An AWS secret access key, to recompute a Signature V4 (visible in `ps` and history: prefer
    /// --aws-secret-file)
    #[arg(long, value_name = "TEXT", conflicts_with = "aws_secret_file")]
    aws_secret: Option<String>,
    /// An AWS secret access key read from a file (one trailing newline is ignored)
    #[arg(long, value_name = "FILE")]
    aws_secret_file: Option<PathBuf>,
    /// The PEM client certificate the request was sent with, compared with a certificate-bound
    /// token's `cnf.x5t#S256` (repeatable)
    #[arg(long = "client-cert", value_name = "FILE")]
    client_certs: Vec<PathBuf>,
    /// Also verify with the certificate a token carries in its own `x5c` header (unsafe: the
    /// token's author chose it)
    #[arg(long)]
    trust_x5c: bool,
    /// Diagnose only exchange N (as numbered in the text report); the others are still listed
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    exchange: Option<u32>,
    /// The origin of the page that made the requests (`https://app.example.com`), for CORS and
    /// `SameSite`
    #[arg(long, value_name = "ORIGIN")]
    origin: Option<String>,
    /// The requests' credentials mode where the input does not say (a `fetch` call's
    /// `credentials` wins)
    #[arg(long, value_enum, value_name = "MODE")]
    credentials: Option<Credentials>,
    /// Where browsers disagree (e.g. `Access-Control-Allow-Headers: *` and `Authorization`), the
    /// verdict for this browser; by default the verdict follows the Fetch standard and the
    /// differences are explained
    #[arg(long, value_enum, value_name = "ENGINE")]
    browser: Option<BrowserArg>,
    /// What the browser does with third-party cookies (cookies of a site other than the page's):
    /// by default what the chosen browser does (Safari blocks them, Firefox keeps them per
    /// top-level site), else `allowed`, as desktop Chrome does
    #[arg(long, value_enum, value_name = "SETTING")]
    third_party_cookies: Option<ThirdPartyArg>,
    /// Print tokens and cookies in full instead of redacted, and put them in the snippets
    #[arg(long)]
    reveal_secrets: bool,
    /// The least severe finding that makes the exit status 1
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// When to colour the text report (NO_COLOR, if set and not empty, turns `auto` off)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Exit 1 when a finding is an error (the default)
    Error,
    /// Exit 1 when a finding is a warning or an error
    Warning,
    /// Exit 0 whatever the findings (2 is still a usage error)
    Never,
}

impl FailOn {
    /// The least severe finding that fails the run, if any does.
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset or empty
    Auto,
    /// Always colour the text report, even into a pipe or file and whatever NO_COLOR says
    Always,
    /// Never colour
    Never,
}

impl ColorChoice {
    /// Whether the text report gets escape codes.
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                !no_color && std::io::stdout().is_terminal()
            }
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Credentials {
    Include,
    SameOrigin,
    Omit,
}

#[derive(Clone, Copy, ValueEnum)]
enum BrowserArg {
    /// Chrome, Edge, Opera, Brave and other Chromium browsers
    Chromium,
    /// Firefox
    Firefox,
    /// Safari, and every browser on iOS
    Safari,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThirdPartyArg {
    /// Stored and sent like any other cookie (desktop Chrome's default)
    Allowed,
    /// Neither stored nor sent unless `Partitioned` (Safari, Chrome Incognito or with the setting on)
    Blocked,
    /// Kept in a separate jar per top-level site (Firefox's Total Cookie Protection)
    Partitioned,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    /// An incident report for a ticket: secrets redacted
    Markdown,
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
    let ctx = match context(&args) {
        Ok(ctx) => ctx,
        Err(message) => {
            eprintln!("why401: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let report = inspect(&text, &ctx);
    if let Some(n) = args.exchange {
        if n as usize > report.exchanges.len() {
            eprintln!("why401: there is no exchange {n}: the input has {}", report.exchanges.len());
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let printed = match args.format {
        Format::Json => json(&report, args.reveal_secrets),
        Format::Text => Ok(render::text(&report, args.reveal_secrets, args.color.enabled()) + &unused_secrets(&args, &report)),
        // A Markdown file is read in terminals and editors too: no control characters in it.
        Format::Markdown => Ok(render::printable(&why401_engine::markdown::render(
            &report,
            &why401_engine::markdown::Environment {
                agent: Some(format!("why401 CLI {}", env!("CARGO_PKG_VERSION"))),
                utc_offset_minutes: None,
                answers: Vec::new(),
            },
        ))),
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
    let mut failed = match (args.fail_on.threshold(), report.worst()) {
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    // A gate on warnings does not pass an input with nothing in it to check: an empty token file
    // or a log without a token usually means the step before it failed.
    use why401_engine::InputKind;
    let unrecognised = report.inputs.iter().all(|i| i.kind == InputKind::Unknown);
    let empty_capture = report.inputs.iter().all(|i| matches!(i.kind, InputKind::Unknown | InputKind::Har))
        && report.exchanges.is_empty()
        && report.tokens.is_empty()
        && report.authorization.is_empty()
        && report.cookies.is_empty();
    if (unrecognised || empty_capture) && matches!(args.fail_on, FailOn::Warning) {
        let why = if text.trim().is_empty() {
            "the input is empty: nothing to check"
        } else if unrecognised {
            "nothing to check was recognised in the input"
        } else {
            "the HAR file holds no request to check"
        };
        eprintln!("why401: {why} (--fail-on warning fails it)");
        failed = true;
    }
    ExitCode::from(if failed { 1 } else { 0 })
}

fn context(args: &InspectArgs) -> Result<Context, String> {
    let mut ctx = Context::new(args.now.unwrap_or_else(system_now)).with_skew(args.skew).with_expectations(Expectations {
        audiences: args.audiences.clone(),
        issuer: args.issuer.clone(),
        scopes: args.scopes.clone(),
        client_id: args.client_id.clone(),
        max_age: args.max_age,
    });
    ctx.trust_x5c = args.trust_x5c;
    ctx.secrets_in_snippets = args.reveal_secrets;
    ctx.exchange = args.exchange.and_then(|n| usize::try_from(n).ok()).map(|n| n - 1);
    if let Some(origin) = &args.origin {
        // Checked here (a usage error), then given as typed: the engine reads it as an origin and
        // says in the report what it left out (a path, a query).
        why401_engine::display::normalize_origin(origin).map_err(|why| {
            // The reason already quotes the value (shortened); a long argument is not repeated whole.
            let shown: String = origin.chars().take(60).collect();
            let more = if origin.chars().count() > 60 { "…" } else { "" };
            format!("--origin {shown:?}{more}: {why}")
        })?;
        ctx.origin = Some(origin.clone());
    }
    ctx.credentials = args.credentials.map(|c| match c {
        Credentials::Include => CredentialsMode::Include,
        Credentials::SameOrigin => CredentialsMode::SameOrigin,
        Credentials::Omit => CredentialsMode::Omit,
    });
    ctx.browser = args.browser.map(|b| match b {
        BrowserArg::Chromium => why401_engine::context::Browser::Chromium,
        BrowserArg::Firefox => why401_engine::context::Browser::Firefox,
        BrowserArg::Safari => why401_engine::context::Browser::Safari,
    });
    ctx.third_party_cookies = args.third_party_cookies.map(|t| match t {
        ThirdPartyArg::Allowed => why401_engine::context::ThirdPartyCookies::Allowed,
        ThirdPartyArg::Blocked => why401_engine::context::ThirdPartyCookies::Blocked,
        ThirdPartyArg::Partitioned => why401_engine::context::ThirdPartyCookies::Partitioned,
    });
    for path in &args.keys {
        let text = std::fs::read(path).map_err(|e| format!("cannot read the key `{}`: {e}", path.display()))?;
        ctx = ctx.with_key(KeyInput::new(format!("`{}`", path.display()), String::from_utf8_lossy(&text), KeyFormat::Auto));
    }
    for path in &args.client_certs {
        let text = std::fs::read(path).map_err(|e| format!("cannot read the client certificate `{}`: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&text).into_owned();
        // A file without a certificate (a private key, a DER file, the wrong path's contents) is
        // a mistake in the command, not evidence about the request.
        let (found, problems) = why401_engine::display::certificates_from_pem(&text, &format!("`{}`", path.display()));
        if found.is_empty() {
            let why = problems.first().map(|p| format!(" ({p})")).unwrap_or_default();
            return Err(format!("--client-cert `{}` holds no PEM certificate{why}: give the client's certificate as PEM, the block that starts with `-----BEGIN CERTIFICATE-----` (convert a DER file with `openssl x509 -inform der -in FILE`)", path.display()));
        }
        ctx.client_certs.push(text);
    }
    if let Some(secret) = &args.secret {
        ctx = ctx.with_key(KeyInput::new("`--secret`", secret.clone(), KeyFormat::SecretText));
    }
    if let Some(path) = &args.secret_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the secret `{}`: {e}", path.display()))?;
        let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text).to_string();
        ctx = ctx.with_key(KeyInput::new(format!("`{}`", path.display()), text, KeyFormat::SecretText));
    }
    if let Some(secret) = &args.secret_base64 {
        ctx = ctx.with_key(KeyInput::new("`--secret-base64`", secret.clone(), KeyFormat::SecretBase64));
    }
    if let Some(password) = &args.password {
        ctx = ctx.with_password(password.clone());
    }
    if let Some(path) = &args.password_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the password `{}`: {e}", path.display()))?;
        let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text).to_string();
        ctx = ctx.with_password(text);
    }
    if let Some(secret) = &args.aws_secret {
        ctx = ctx.with_aws_secret(secret.clone());
    }
    if let Some(path) = &args.aws_secret_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the AWS secret `{}`: {e}", path.display()))?;
        let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text).to_string();
        ctx = ctx.with_aws_secret(text);
    }
    Ok(ctx)
}

/// Notes on the secret options given that nothing in the input needed: a password with no
/// Digest or NTLM exchange, an AWS secret with no Signature V4, a client certificate with no
/// certificate-bound token. Not an error: the flags may be in a script used on many inputs.
fn unused_secrets(args: &InspectArgs, report: &Report) -> String {
    let has_code = |prefixes: &[&str]| report.findings.iter().any(|f| prefixes.iter().any(|p| f.code.as_str().starts_with(p)));
    let has_scheme = |schemes: &[&str]| report.authorization.iter().any(|a| schemes.iter().any(|s| a.scheme.eq_ignore_ascii_case(s)));
    let mut notes = Vec::new();
    if (args.password.is_some() || args.password_file.is_some()) && !has_code(&["DIG", "NTLM", "KRB"]) && !has_scheme(&["Digest", "NTLM", "Negotiate"]) {
        let flag = if args.password.is_some() { "--password" } else { "--password-file" };
        notes.push(format!("{flag} was given, but the input holds no Digest or NTLM credentials: the password was not used (paste the request with its `Authorization: Digest` or `NTLM` header to check it)"));
    }
    if (args.aws_secret.is_some() || args.aws_secret_file.is_some()) && !has_code(&["AWS"]) && !has_scheme(&["AWS4-HMAC-SHA256"]) {
        let flag = if args.aws_secret.is_some() { "--aws-secret" } else { "--aws-secret-file" };
        notes.push(format!("{flag} was given, but the input holds no AWS Signature V4 request: the secret was not used (paste the signed request, with its `Authorization: AWS4-HMAC-SHA256` header or presigned URL)"));
    }
    let bound = report.tokens.iter().any(|t| t.payload.pointer("/cnf/x5t#S256").is_some());
    if !args.client_certs.is_empty() && !bound && !has_code(&["MTLS"]) {
        notes.push("--client-cert was given, but the input holds no certificate-bound token (`cnf.x5t#S256`): the certificate was not used".to_string());
    }
    notes.iter().map(|n| format!("\nNote: {n}.\n")).collect()
}

/// The JSON report; tokens appear in full only when the user asked for it.
fn json(report: &Report, reveal: bool) -> Result<String, serde_json::Error> {
    let value = report.to_json(reveal)?;
    let pretty = serde_json::to_string_pretty(&value)?;
    // Characters that do not show or turn the text around are written as `\uXXXX` escapes: the
    // same JSON to a reader, and a terminal shows them for what they are. They only ever occur
    // inside strings (JSON's own syntax is ASCII).
    let mut text = String::with_capacity(pretty.len() + 1);
    for c in pretty.chars() {
        if why401_engine::display::invisible(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                text.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            text.push(c);
        }
    }
    text.push('\n');
    Ok(text)
}

/// Reads the input, but never more than one byte past the engine's limit: a larger input (or an
/// endless one, such as `/dev/zero`) is refused by the engine with one finding, and memory stays
/// bounded.
fn read_input(path: Option<&std::path::Path>) -> Result<Vec<u8>, String> {
    let limit = why401_engine::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    match path {
        None => read_stdin(limit, &mut bytes)?,
        Some(p) if p.as_os_str() == "-" => read_stdin(limit, &mut bytes)?,
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
            read_capped(file, limit, &mut bytes).map_err(|e| format!("cannot read `{}`: {e}", p.display()))?
        }
    };
    Ok(bytes)
}

/// Standard input; on a terminal, says what it is waiting for instead of hanging silently.
fn read_stdin(limit: u64, bytes: &mut Vec<u8>) -> Result<usize, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("why401: reading the input from the terminal: paste it, then press Ctrl-D (Ctrl-Z, Enter on Windows)");
    }
    read_capped(stdin.lock(), limit, bytes).map_err(|e| format!("cannot read standard input: {e}"))
}

fn read_capped(reader: impl Read, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    reader.take(limit).read_to_end(bytes)
}

fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}
