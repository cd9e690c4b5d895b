//! "Try an example": realistic failing exchanges a newcomer can load with one click. Tokens are
//! made when the example is chosen, with times around the browser's clock, so an expired token is
//! always expired by the same amount and a valid one is valid. Their signatures are placeholders.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::json;
use yew::prelude::*;

/// What loading an example sets.
#[derive(Clone, PartialEq)]
pub struct Loaded {
    pub text: String,
    /// The audience the API expects, for the examples that need one.
    pub audience: Option<&'static str>,
}

/// One example: its id (`data-example`), its label and how to make its text at a given time.
struct Example {
    id: &'static str,
    label: &'static str,
    make: fn(i64) -> Loaded,
}

fn jwt(header: serde_json::Value, claims: serde_json::Value) -> String {
    let part = |value: serde_json::Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!("{}.{}.{}", part(header), part(claims), URL_SAFE_NO_PAD.encode("placeholder signature: not verifiable"))
}

fn access_token(now: i64, claims: serde_json::Value) -> String {
    let mut all = json!({
        "iss": "https://login.example.com/",
        "sub": "user-4821",
        "aud": "https://api.example.com",
        "scope": "orders.read orders.write",
        "iat": now - 600,
        "exp": now + 3000,
    });
    if let (Some(all), Some(more)) = (all.as_object_mut(), claims.as_object()) {
        all.extend(more.clone());
    }
    jwt(json!({ "alg": "RS256", "typ": "at+jwt", "kid": "2026-11" }), all)
}

fn text(text: String) -> Loaded {
    Loaded { text, audience: None }
}

fn expired(now: i64) -> Loaded {
    let token = access_token(now, json!({ "iat": now - 3 * 3600, "exp": now - 2 * 3600 }));
    text(format!(
        "GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {token}\nAccept: application/json\n\n\
         HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The access token expired\"\nContent-Length: 0\n"
    ))
}

fn wrong_audience(now: i64) -> Loaded {
    let token = access_token(now, json!({ "aud": "https://graph.example.com" }));
    Loaded {
        text: format!(
            "GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {token}\n\n\
             HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The audience is invalid\"\n"
        ),
        audience: Some("https://api.example.com"),
    }
}

fn id_token(now: i64) -> Loaded {
    let token = jwt(
        json!({ "alg": "RS256", "typ": "JWT", "kid": "2026-11" }),
        json!({
            "iss": "https://login.example.com/", "sub": "user-4821", "aud": "spa-orders", "azp": "spa-orders",
            "nonce": "q1-Xv7Lp0Ws", "at_hash": "Hk2mB8xQeWQy3ZtR1cV7nA", "auth_time": now - 700,
            "iat": now - 600, "exp": now + 3000, "email": "dana@example.com",
        }),
    );
    text(format!(
        "GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {token}\n\n\
         HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\", error=\"invalid_token\"\n"
    ))
}

fn preflight(_now: i64) -> Loaded {
    text(
        "OPTIONS /v1/orders HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\n\
         Access-Control-Request-Method: POST\nAccess-Control-Request-Headers: authorization, content-type\n\n\
         HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\"\nContent-Length: 0\n"
            .to_string(),
    )
}

fn samesite_none(_now: i64) -> Loaded {
    text(
        "POST /session HTTP/1.1\nHost: app.example.com\nContent-Type: application/x-www-form-urlencoded\n\n\
         HTTP/1.1 204 No Content\nSet-Cookie: session=8f2c41d07be9; Path=/; HttpOnly; SameSite=None\n\n\
         GET /api/me HTTP/1.1\nHost: app.example.com\nAccept: application/json\n\n\
         HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{\"error\":\"not signed in\"}\n"
            .to_string(),
    )
}

fn proxy_stripped(now: i64) -> Loaded {
    let token = access_token(now, json!({}));
    text(format!(
        "GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {token}\n\n\
         HTTP/1.1 401 Unauthorized\nServer: nginx/1.26.2\nVia: 1.1 gateway-eu\nWWW-Authenticate: Bearer realm=\"orders\"\n\
         Content-Type: application/json\n\n{{\"error\":\"unauthorized\",\"message\":\"No Authorization header was received\"}}\n"
    ))
}

fn clock_skew(now: i64) -> Loaded {
    // The issuer's clock runs seven minutes ahead of the API's.
    let token = access_token(now, json!({ "iat": now + 420, "nbf": now + 420, "exp": now + 4020 }));
    text(format!(
        "GET /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer {token}\n\n\
         HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The token is not valid yet\"\n"
    ))
}

fn basic_colon(_now: i64) -> Loaded {
    let credentials = STANDARD.encode("svc-reports:Tr0ub4dor:3&x");
    text(format!(
        "GET /v1/reports/daily HTTP/1.1\nHost: api.example.com\nAuthorization: Basic {credentials}\n\n\
         HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"reports\", charset=\"UTF-8\"\n"
    ))
}

const EXAMPLES: [Example; 8] = [
    Example { id: "expired", label: "Expired token", make: expired },
    Example { id: "wrong-audience", label: "Wrong audience", make: wrong_audience },
    Example { id: "id-token", label: "ID token sent to an API", make: id_token },
    Example { id: "preflight-401", label: "Preflight answered 401", make: preflight },
    Example { id: "samesite-none", label: "SameSite=None without Secure", make: samesite_none },
    Example { id: "proxy-stripped", label: "Proxy stripped Authorization", make: proxy_stripped },
    Example { id: "clock-skew", label: "Clock skew", make: clock_skew },
    Example { id: "basic-colon", label: "Basic with a colon in the password", make: basic_colon },
];

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    pub on_load: Callback<Loaded>,
}

/// The example buttons, under the paste area.
#[component]
pub fn Examples(props: &ExamplesProps) -> Html {
    html! {
        <div class="examples" role="group" aria-labelledby="examples-label">
            <span id="examples-label" class="examples__label">{ "Try an example:" }</span>
            { for EXAMPLES.iter().map(|example| {
                let on_load = props.on_load.clone();
                let make = example.make;
                let onclick = Callback::from(move |_| on_load.emit(make(crate::clock::now_seconds())));
                html! {
                    <button type="button" class="button button--small" data-example={example.id} {onclick}>{ example.label }</button>
                }
            }) }
        </div>
    }
}
