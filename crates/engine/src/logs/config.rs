//! Configuration and commands that cause a 401 by themselves: a proxy directive that drops
//! `Authorization`, Apache passing requests to PHP or CGI without it, a Kubernetes Secret whose
//! `data:` values end in a newline or were never base64, `echo` piped to `base64` without `-n`,
//! and a password in double quotes that the shell expanded.

use crate::findings::{Code, Finding};
use base64::Engine;

/// One mistake found in configuration text, at its 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub line: usize,
    /// What the text is, for the input's summary.
    pub what: &'static str,
    pub finding: Finding,
}

/// Every configuration mistake in `text`.
pub fn find(text: &str) -> Vec<Mistake> {
    let mut out = Vec::new();
    // Each mistake's line holds one of these (in the case written here or the other common one);
    // text with none is no configuration this module reads.
    const TRIGGERS: &[&str] = &[
        "proxy_set_header",
        "proxy_pass_request_headers",
        "base64",
        "kind:",
        "Kind:",
        "SetHandler",
        "sethandler",
        "ProxyPassMatch",
        "FcgidWrapper",
        "ScriptAlias",
        "-u ",
        "-u\"",
        "--user",
        "-p ",
        "--password",
    ];
    if !TRIGGERS.iter().any(|t| text.contains(t)) {
        return out;
    }
    let lines: Vec<&str> = text.lines().collect();
    let apache = ["SetHandler", "sethandler", "ProxyPassMatch", "FcgidWrapper", "ScriptAlias"].iter().any(|t| text.contains(t));
    let apache_handler = lines.iter().filter(|_| apache).position(|l| {
        let l = l.trim_start().to_ascii_lowercase();
        l.starts_with("sethandler \"proxy:fcgi")
            || l.starts_with("sethandler proxy:fcgi")
            || l.starts_with("proxypassmatch") && l.contains("fcgi://")
            || l.starts_with("fcgidwrapper")
            || l.starts_with("scriptalias")
    });
    let apache_passes = lines.iter().any(|l| {
        let l = l.trim_start().to_ascii_lowercase();
        l.starts_with("cgipassauth on")
            || (l.starts_with("setenvif") && l.contains("authorization"))
            || (l.starts_with("rewriterule") && l.contains("http_authorization"))
    });
    if let (Some(at), false) = (apache_handler, apache_passes) {
        out.push(Mistake {
            line: at.saturating_add(1),
            what: "Apache configuration",
            finding: Finding::new(
                Code::ApacheNoCgiPassAuth,
                format!(
                    "Line {}: Apache hands requests to a CGI or FastCGI program, and nothing passes `Authorization` on (no `CGIPassAuth On`)",
                    at.saturating_add(1)
                ),
            ),
        });
    }
    let mut secret_data = None;
    for (i, raw) in lines.iter().enumerate() {
        let n = i.saturating_add(1);
        let line = raw.trim();
        if secret_data.is_none() && !TRIGGERS.iter().any(|t| line.contains(t)) {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        // nginx: an empty `Authorization` sent upstream, or no request headers at all.
        if lower.starts_with("proxy_set_header") && lower.contains("authorization") {
            let value = line.split_whitespace().nth(2).unwrap_or("").trim_end_matches(';');
            if value.is_empty() || value == "\"\"" || value == "''" {
                out.push(Mistake {
                    line: n,
                    what: "nginx configuration",
                    finding: Finding::new(
                        Code::ProxyDropsAuthorization,
                        format!("Line {n}: `{}` sends an empty `Authorization` upstream", line.replace('`', "'")),
                    ),
                });
            }
        }
        if lower.starts_with("proxy_pass_request_headers") && lower.contains("off") {
            out.push(Mistake {
                line: n,
                what: "nginx configuration",
                finding: Finding::new(
                    Code::ProxyDropsAuthorization,
                    format!("Line {n}: `proxy_pass_request_headers off` sends no request header upstream, `Authorization` included"),
                ),
            });
        }
        // `echo "user:pass" | base64` encodes a newline too.
        if let Some(pipe) = lower.find("| base64").or_else(|| lower.find("|base64")) {
            let before = lower.get(..pipe).unwrap_or("");
            if let Some(echo) = before.rfind("echo ") {
                let args = before.get(echo.saturating_add(5)..).unwrap_or("");
                if !args.trim_start().starts_with("-n") && !lower.contains("base64 -d") && !lower.contains("base64 --decode") {
                    out.push(Mistake {
                        line: n,
                        what: "shell command",
                        finding: Finding::new(
                            Code::EchoWithoutN,
                            format!("Line {n}: `echo` without `-n` adds a newline, so `base64` encodes it into the credential"),
                        ),
                    });
                }
            }
        }
        // A password in double quotes with `$`: the shell expanded it before the tool saw it.
        for flag in ["-u ", "--user ", "-p ", "--password ", "--password=", "-u\""] {
            let Some(at) = line.find(flag) else { continue };
            let rest = line.get(at.saturating_add(flag.len())..).unwrap_or("").trim_start_matches('"');
            let quoted_double = line.get(at.saturating_add(flag.len())..).is_some_and(|r| r.starts_with('"')) || flag.ends_with('"');
            let value = rest.split('"').next().unwrap_or("");
            let expands = value.char_indices().any(|(j, c)| {
                c == '$' && value.get(j.saturating_add(1)..).and_then(|r| r.chars().next()).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '{')
            });
            let command = ["curl", "wget", "docker", "helm", "git", "http ", "mysql", "psql", "npm", "pip"].iter().any(|c| lower.contains(c));
            if quoted_double && expands && command {
                out.push(Mistake {
                    line: n,
                    what: "shell command",
                    finding: Finding::new(
                        Code::ShellExpandedPassword,
                        format!("Line {n}: the password is in double quotes and holds `$`, so the shell replaced what follows it before the command ran"),
                    ),
                });
                break;
            }
        }
        // Kubernetes Secret `data:` values.
        if lower.starts_with("kind:") && lower.contains("secret") {
            secret_data = Some(false);
        }
        match secret_data {
            Some(false) if lower == "data:" => secret_data = Some(true),
            Some(true) if !raw.starts_with(' ') && !raw.starts_with('\t') && !line.is_empty() => secret_data = None,
            Some(true) => {
                let Some((key, value)) = line.split_once(':') else { continue };
                let value = value.trim().trim_matches(['"', '\'']);
                if value.is_empty() || value == "|" || value == ">" {
                    continue;
                }
                match base64::engine::general_purpose::STANDARD.decode(value) {
                    Ok(bytes) if bytes.ends_with(b"\n") => out.push(Mistake {
                        line: n,
                        what: "Kubernetes Secret",
                        finding: Finding::new(
                            Code::SecretTrailingNewline,
                            format!("Line {n}: `{}` decodes to a value that ends in a newline; it was encoded with `echo` without `-n`", key.trim()),
                        ),
                    }),
                    Ok(_) => {}
                    Err(_) => out.push(Mistake {
                        line: n,
                        what: "Kubernetes Secret",
                        finding: Finding::new(
                            Code::SecretNotBase64,
                            format!("Line {n}: `{}` under `data:` is not base64; plain text belongs under `stringData:`", key.trim()),
                        ),
                    }),
                }
            }
            _ => {}
        }
    }
    out
}

/// What each code this module builds means, why it refuses the request and the fixes
/// (gathered by `crate::docs` for `docs/codes.md` and the page).
pub(crate) const DOCS: &[crate::findings::CodeDoc] = &[
    crate::findings::CodeDoc {
        code: crate::findings::Code::ProxyDropsAuthorization,
        meaning: "In pasted nginx configuration, a `proxy_set_header Authorization` line sets an empty value, or `proxy_pass_request_headers off` stops all request headers from going upstream.",
        why: "The upstream application then receives no `Authorization`, whatever the client sent, so it treats every request as unauthenticated and answers 401.",
        caller: "Nothing the caller can change; report the configuration line to the operators.",
        owner: "Pass the header on with `proxy_set_header Authorization $http_authorization;` (or remove the line that clears it), and do not turn off `proxy_pass_request_headers` on authenticated locations.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ApacheNoCgiPassAuth,
        meaning: "In pasted Apache configuration, requests are handed to a CGI or FastCGI program (`SetHandler proxy:fcgi`, `ProxyPassMatch` to `fcgi://`, `FcgidWrapper` or `ScriptAlias`), and nothing passes `Authorization` on: no `CGIPassAuth On`, no `SetEnvIf` or `RewriteRule` for it.",
        why: "By default Apache does not expose `Authorization` to CGI and FastCGI programs, so PHP or other CGI applications never see the token and answer 401.",
        caller: "Nothing the caller can change; report the configuration to the operators.",
        owner: "Add `CGIPassAuth On` (Apache 2.4.13 and later) in the relevant directory or location, or `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1` on older versions.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SecretTrailingNewline,
        meaning: "In a pasted Kubernetes Secret, a value under `data:` decodes to text ending in a newline, which is what `echo` without `-n` produces.",
        why: "The newline becomes part of the password, token or key the application reads, so the credential no longer matches and the server answers 401, or the header becomes invalid.",
        caller: "If the secret feeds your client, re-create it without the newline.",
        owner: "Encode the value with `echo -n` or `printf '%s'` before base64, or put the plain text under `stringData:`, or create it with `kubectl create secret generic --from-literal`.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::SecretNotBase64,
        meaning: "In a pasted Kubernetes Secret, a value under `data:` is not valid base64.",
        why: "Kubernetes rejects the manifest or the application receives the wrong bytes, so the credential it uses is not the intended one.",
        caller: "If the secret feeds your client, fix it before retrying.",
        owner: "Encode each value under `data:` with base64 (for example `printf '%s' 'value' | base64`), or put plain text under `stringData:` and let Kubernetes encode it.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::EchoWithoutN,
        meaning: "A pasted shell command pipes `echo` without `-n` into `base64` (and is not decoding).",
        why: "`echo` appends a newline, which is then encoded into the credential (for example a `Basic` header or a secret), so the server compares the wrong value and answers 401.",
        caller: "Use `printf '%s' 'user:password' | base64` or `echo -n 'user:password' | base64`, and replace the credential built with the old command.",
        owner: "Nothing to change on the server; a password ending in a newline in failed-login diagnostics is the usual sign.",
    },
    crate::findings::CodeDoc {
        code: crate::findings::Code::ShellExpandedPassword,
        meaning: "A pasted command (such as `curl`, `wget`, `docker`, `git`, `mysql` or `psql`) passes a password in double quotes that contains `$` followed by a name character.",
        why: "The shell expands `$name` inside double quotes before the command runs, so the tool sends a different, usually shorter, password and authentication fails.",
        caller: "Put the password in single quotes, escape the `$` as `\\$`, or read the password from a file or prompt.",
        owner: "Nothing to change on the server; failed-login logs for this account show the wrong password attempts.",
    },
];

#[cfg(test)]
mod tests {
    use super::find;

    fn codes(text: &str) -> Vec<&'static str> {
        find(text).iter().map(|m| m.finding.code.as_str()).collect()
    }

    #[test]
    fn configuration_mistakes_are_found() {
        assert_eq!(codes("location / {\n  proxy_set_header Authorization \"\";\n}"), ["CFG001"]);
        assert_eq!(codes("proxy_set_header Authorization $http_authorization;"), Vec::<&str>::new());
        assert_eq!(codes("apiVersion: v1\nkind: Secret\ndata:\n  password: cGFzc3dvcmQK\n  user: not base64!\n"), ["CFG003", "CFG004"]);
        assert_eq!(codes("apiVersion: v1\nkind: Secret\ndata:\n  password: cGFzc3dvcmQ=\n"), Vec::<&str>::new());
        assert_eq!(codes("echo \"admin:secret\" | base64"), ["CFG005"]);
        assert_eq!(codes("echo -n \"admin:secret\" | base64"), Vec::<&str>::new());
        assert_eq!(codes("curl -u \"admin:pa$word1\" https://api.example.com"), ["CFG006"]);
        assert_eq!(codes("curl -u 'admin:pa$word1' https://api.example.com"), Vec::<&str>::new());
        assert_eq!(codes("<FilesMatch \\.php$>\n  SetHandler \"proxy:fcgi://127.0.0.1:9000\"\n</FilesMatch>"), ["CFG002"]);
        assert_eq!(codes("CGIPassAuth On\nSetHandler \"proxy:fcgi://127.0.0.1:9000\""), Vec::<&str>::new());
    }
}
