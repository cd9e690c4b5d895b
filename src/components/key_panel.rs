//! Keys to verify signatures with, and what the API expects of a token. Nothing typed here is
//! stored or sent; it lives in this tab's memory only.

use crate::shared::Shared;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use why401_engine::display::timefmt;
use why401_engine::Report;
use yew::prelude::*;

/// What the user typed into the key and expectation fields. No `Debug`: it holds secrets.
#[derive(Clone, Default, PartialEq)]
pub struct Form {
    pub key: String,
    pub secret: String,
    pub secret_base64: bool,
    pub audience: String,
    pub issuer: String,
    pub scope: String,
    pub client_id: String,
    pub trust_x5c: bool,
    /// The user's password, to recompute a Digest or NTLM response.
    pub password: String,
    /// An AWS secret access key, to recompute a Signature V4.
    pub aws_secret: String,
    /// A PEM client certificate, for certificate-bound tokens.
    pub client_cert: String,
}

#[derive(Properties, PartialEq)]
pub struct KeyPanelProps {
    pub form: Form,
    pub on_change: Callback<Form>,
    /// The report, for the keys as the engine read them.
    pub report: Shared<Report>,
}

#[derive(Properties, PartialEq)]
struct KeyListProps {
    report: Shared<Report>,
}

/// The keys the engine read, from the panel and from the paste, so the user sees what will be
/// tried and where each came from.
#[component]
fn KeyList(props: &KeyListProps) -> Html {
    let keys = &props.report.keys;
    if keys.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="keys" aria-label="Keys read">
            { for keys.iter().map(|k| html! {
                <li class="keys__item">
                    <span class="keys__type">{ k.kind.clone() }</span>
                    if let Some(kid) = &k.kid { { " · kid " }<code>{ kid.clone() }</code> }
                    if let Some(alg) = &k.alg { { " · alg " }<code>{ alg.clone() }</code> }
                    <span class="keys__origin">{ format!(" · {}", k.origin) }</span>
                    if let Some(cert) = &k.certificate {
                        <div class="keys__cert">
                            { format!("Certificate for {} issued by {}, valid {} to {}", cert.subject, cert.issuer,
                                timefmt::utc(cert.not_before).unwrap_or_default(), timefmt::utc(cert.not_after).unwrap_or_default()) }
                        </div>
                    }
                </li>
            }) }
        </ul>
    }
}

fn text_field(form: &Form, on_change: &Callback<Form>, set: fn(&mut Form, String)) -> Callback<InputEvent> {
    let (form, on_change) = (form.clone(), on_change.clone());
    Callback::from(move |e: InputEvent| {
        let mut next = form.clone();
        let value = match e.target_dyn_into::<HtmlTextAreaElement>() {
            Some(area) => area.value(),
            None => e.target_unchecked_into::<HtmlInputElement>().value(),
        };
        set(&mut next, value);
        on_change.emit(next);
    })
}

#[component]
pub fn KeyPanel(props: &KeyPanelProps) -> Html {
    let form = &props.form;
    let reveal = use_state(|| false);
    let on_encoding = {
        let (form, on_change) = (form.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_change.emit(Form { secret_base64: select.value() == "base64", ..form.clone() });
        })
    };
    let on_trust = {
        let (form, on_change) = (form.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let box_: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(Form { trust_x5c: box_.checked(), ..form.clone() });
        })
    };
    let toggle = {
        let reveal = reveal.clone();
        Callback::from(move |_| reveal.set(!*reveal))
    };
    html! {
        <div class="extras">
            <details class="extras__group" open={!form.key.is_empty() || !form.secret.is_empty()}>
                <summary>{ "Verify the signature" }</summary>
                <p class="extras__hint">{ "Paste the issuer's public key: a JWK, a JWK Set (from its " }<code>{ "jwks_uri" }</code>{ "), a PEM public key or a certificate. For HS256/384/512 tokens, type the shared secret instead." }</p>
                <label for="key">{ "Public key, JWK Set or certificate" }</label>
                <textarea id="key" class="extras__area" value={form.key.clone()} spellcheck="false" autocomplete="off"
                    placeholder="{\"keys\": [...]} or -----BEGIN PUBLIC KEY-----"
                    oninput={text_field(form, &props.on_change, |f, v| f.key = v)} />
                <KeyList report={props.report.clone()} />
                <label for="secret">{ "HMAC secret" }</label>
                <div class="extras__row">
                    <input id="secret" class="extras__input" type={if *reveal { "text" } else { "password" }} value={form.secret.clone()}
                        autocomplete="off" spellcheck="false"
                        oninput={text_field(form, &props.on_change, |f, v| f.secret = v)} />
                    <button type="button" class="button" onclick={toggle} aria-pressed={reveal.to_string()}>{ if *reveal { "Hide" } else { "Show" } }</button>
                    <label class="visually-hidden" for="secret-encoding">{ "Secret encoding" }</label>
                    <select id="secret-encoding" class="extras__select" onchange={on_encoding}>
                        <option value="text" selected={!form.secret_base64}>{ "as text (UTF-8)" }</option>
                        <option value="base64" selected={form.secret_base64}>{ "base64 / base64url" }</option>
                    </select>
                </div>
                <label class="extras__check">
                    <input id="trust-x5c" type="checkbox" checked={form.trust_x5c} onchange={on_trust} />
                    { " Also try the certificate inside the token (" }<code>{ "x5c" }</code>{ "). Unsafe: the token's author chose it" }
                </label>
            </details>
            <details class="extras__group" open={!(form.password.is_empty() && form.aws_secret.is_empty() && form.client_cert.is_empty())}>
                <summary>{ "Check a password, a signing secret or a client certificate" }</summary>
                <p class="extras__hint">{ "For Digest and NTLM, the password recomputes the response the client sent; for AWS Signature V4, the secret access key recomputes the signature. Both stay in this tab and are hidden in every report." }</p>
                <label for="password">{ "Password (Digest, NTLM)" }</label>
                <input id="password" class="extras__input" type="password" value={form.password.clone()} autocomplete="off" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.password = v)} />
                <label for="aws-secret">{ "AWS secret access key" }</label>
                <input id="aws-secret" class="extras__input" type="password" value={form.aws_secret.clone()} autocomplete="off" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.aws_secret = v)} />
                <label for="client-cert">{ "Client certificate (PEM), for certificate-bound tokens" }</label>
                <textarea id="client-cert" class="extras__area" value={form.client_cert.clone()} spellcheck="false" autocomplete="off"
                    placeholder="-----BEGIN CERTIFICATE-----"
                    oninput={text_field(form, &props.on_change, |f, v| f.client_cert = v)} />
            </details>
            <details class="extras__group" open={!(form.audience.is_empty() && form.issuer.is_empty() && form.scope.is_empty() && form.client_id.is_empty())}>
                <summary>{ "What the API expects" }</summary>
                <p class="extras__hint">{ "Fill in what the API checks; empty fields are not checked. Lists may be separated by spaces or commas." }</p>
                <label for="audience">{ "Audience (" }<code>{ "aud" }</code>{ ")" }</label>
                <input id="audience" class="extras__input" value={form.audience.clone()} placeholder="https://api.example.com" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.audience = v)} />
                <label for="issuer">{ "Issuer (" }<code>{ "iss" }</code>{ ")" }</label>
                <input id="issuer" class="extras__input" value={form.issuer.clone()} placeholder="https://login.example.com/" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.issuer = v)} />
                <label for="scope">{ "Required scopes" }</label>
                <input id="scope" class="extras__input" value={form.scope.clone()} placeholder="orders.read" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.scope = v)} />
                <label for="client-id">{ "Client id" }</label>
                <input id="client-id" class="extras__input" value={form.client_id.clone()} placeholder="web-app" spellcheck="false"
                    oninput={text_field(form, &props.on_change, |f, v| f.client_id = v)} />
            </details>
        </div>
    }
}
