//! `/beraten`: "Ich möchte beraten werden" — the public intake form. Anyone may ask a
//! welcome center for advice; the request becomes a person, their consent to the
//! welcome center (with the version of the text they were shown) and a requested case
//! that the staff accept or decline ([`crate::cases::intake`]).

use super::{note, note_app_error, page_chrome, value};
use crate::cases::{self, Intake};
use crate::i18n::{Lang, Tr};
use crate::pages::form::{Errors, Field, SummaryItem};
use crate::pages::{form_pairs, html, html_status, path_and_query, read_body};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::casework::consent::TEXT_VERSION;
use bleibe_domain::casework::NewPerson;
use bleibe_domain::policy::Action;

/// The situations one can choose: the keys of the shipped case templates.
const SITUATIONS: [&str; 3] = ["fachkraft-drittstaat", "rueckkehr", "eu-grenzpendler"];

/// Requests one address may send per hour without an account: enough for a family
/// or a counselling office, too few for a flood.
const REQUESTS_PER_HOUR: usize = 10;

/// The form's values, as typed.
#[derive(Default)]
struct IntakeInput {
    org: String,
    situation: String,
    name: String,
    email: String,
    phone: String,
    preferred_language: String,
    languages: String,
    country: String,
    message: String,
    consent: bool,
}

struct IntakeFields {
    org: Field,
    situation: Field,
    name: Field,
    email: Field,
    phone: Field,
    preferred_language: Field,
    languages: Field,
    country: Field,
    message: Field,
    consent: Field,
}

impl IntakeFields {
    fn new(tr: &Tr, f: &IntakeInput, centers: &[(i64, String)], errors: &Errors) -> Self {
        let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        // With only one welcome center there is nothing to choose.
        let chosen = match (f.org.trim(), centers) {
            ("", [(only, _)]) => only.to_string(),
            (org, _) => org.to_string(),
        };
        let mut center_options = vec![SelectOption {
            value: String::new(),
            label: tr.t("cp-choose"),
            selected: chosen.is_empty(),
        }];
        center_options.extend(centers.iter().map(|(id, name)| SelectOption {
            value: id.to_string(),
            label: name.clone(),
            selected: id.to_string() == chosen,
        }));
        let situations = SITUATIONS
            .iter()
            .map(|k| SelectOption {
                value: k.to_string(),
                label: tr.t(&format!("cp-situation-{k}")),
                selected: f.situation == *k,
            })
            .collect();
        let languages = ["de", "en"]
            .iter()
            .map(|code| SelectOption {
                value: code.to_string(),
                label: tr.t(&format!("cp-lang-{code}")),
                selected: f.preferred_language == *code,
            })
            .collect();
        Self {
            org: Field::select("org", req("cp-intake-center"), center_options).errors(errors),
            situation: Field::radios("situation", req("cp-intake-situation"), situations)
                .required()
                .errors(errors),
            name: Field::new("name", req("cp-intake-name"), f.name.clone())
                .required()
                .maxlength(200)
                .autocomplete("name")
                .errors(errors),
            email: Field::new("email", tr.t("cp-intake-email"), f.email.clone())
                .control("email")
                .autocomplete("email")
                .hint(tr.t("cp-intake-contact-hint"))
                .errors(errors),
            phone: Field::new("phone", tr.t("cp-intake-phone"), f.phone.clone())
                .control("tel")
                .autocomplete("tel")
                .maxlength(40)
                .errors(errors),
            preferred_language: Field::radios(
                "preferred_language",
                tr.t("cp-intake-preferred-language"),
                languages,
            )
            .errors(errors),
            languages: Field::new(
                "languages",
                tr.t("cp-intake-languages"),
                f.languages.clone(),
            )
            .hint(tr.t("cp-person-languages-hint"))
            .errors(errors),
            country: Field::new("country", tr.t("cp-intake-country"), f.country.clone())
                .hint(tr.t("cp-person-country-hint"))
                .maxlength(2)
                .autocomplete("country")
                .errors(errors),
            message: Field::new("message", tr.t("cp-intake-message"), f.message.clone())
                .control("textarea")
                .hint(tr.t("cp-intake-message-hint"))
                .errors(errors),
            consent: Field::checks(
                "consent",
                req("cp-intake-consent-legend"),
                vec![SelectOption {
                    value: "yes".into(),
                    label: tr.t("cp-intake-consent"),
                    selected: f.consent,
                }],
            )
            .errors(errors),
        }
    }

    fn all(&self) -> Vec<&Field> {
        vec![
            &self.org,
            &self.situation,
            &self.name,
            &self.email,
            &self.phone,
            &self.preferred_language,
            &self.languages,
            &self.country,
            &self.message,
            &self.consent,
        ]
    }
}

#[derive(Template)]
#[template(path = "cases/intake.html")]
struct IntakePage {
    chrome: Chrome,
    has_centers: bool,
    f: IntakeFields,
    summary: Vec<SummaryItem>,
    text_version: &'static str,
}

#[derive(Template)]
#[template(path = "cases/intake_done.html")]
struct DonePage {
    chrome: Chrome,
    center: String,
    signed_in: bool,
}

#[allow(clippy::too_many_arguments)]
fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    centers: &[(i64, String)],
    input: &IntakeInput,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let f = IntakeFields::new(&tr, input, centers, errors);
    let summary = errors.summary(&f.all());
    html_status(
        status,
        IntakePage {
            chrome: page_chrome(
                state,
                lang,
                caller,
                path,
                "intake",
                &tr.t("cp-intake-title"),
            ),
            has_centers: !centers.is_empty(),
            f,
            summary,
            text_version: TEXT_VERSION,
        },
    )
}

/// `GET /beraten`.
pub(super) async fn form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::RequestCounselling)?;
    let centers = cases::welcome_centers(&state).await?;
    let input = IntakeInput {
        preferred_language: lang.code().to_string(),
        ..IntakeInput::default()
    };
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &centers,
        &input,
        &Errors::default(),
        StatusCode::OK,
    )
}

/// The form field of a parameter the intake names.
fn intake_field(param: &str) -> Option<String> {
    if param.starts_with("languages") {
        return Some("languages".into());
    }
    match param {
        "org" | "situation" | "name" | "email" | "phone" | "preferred_language" | "country"
        | "message" | "consent" => Some(param.to_string()),
        _ => None,
    }
}

/// `POST /beraten`: the request, then a thank-you page (or the form with its problems,
/// 400).
pub(super) async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::RequestCounselling)?;
    let (req, body) = read_body(req).await?;
    let path = path_and_query(&req);
    let pairs = form_pairs(&body);
    let input = IntakeInput {
        org: value(&pairs, "org"),
        situation: value(&pairs, "situation"),
        name: value(&pairs, "name"),
        email: value(&pairs, "email"),
        phone: value(&pairs, "phone"),
        preferred_language: value(&pairs, "preferred_language"),
        languages: value(&pairs, "languages"),
        country: value(&pairs, "country"),
        message: value(&pairs, "message"),
        consent: value(&pairs, "consent") == "yes",
    };
    let tr = lang.tr();
    let centers = cases::welcome_centers(&state).await?;
    let mut errors = Errors::default();
    let org = input
        .org
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| centers.iter().any(|(c, _)| c == id));
    if org.is_none() {
        note(&mut errors, &tr, "org");
    }
    if !SITUATIONS.contains(&input.situation.trim()) {
        note(&mut errors, &tr, "situation");
    }
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let person = NewPerson {
        name: input.name.clone(),
        email: opt(&input.email),
        phone: opt(&input.phone),
        languages: input
            .languages
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        preferred_language: opt(&input.preferred_language),
        country: opt(&input.country),
        ..NewPerson::default()
    };
    // The person's fields are checked here as well, so that one answer names every
    // problem, not the first of the intake's.
    if let Err(e) = person.clone().normalised() {
        if let Some(f) = intake_field(&e.field) {
            note(&mut errors, &tr, &f);
        }
    }
    if person.email.is_none() && person.phone.is_none() {
        errors.add("email", tr.t("cases-error-contact"));
    }
    if input.message.chars().count() > 4000 {
        errors.add("message", tr.t("cases-error-message"));
    }
    if !input.consent {
        errors.add("consent", tr.t("cases-error-consent"));
    }
    if let (Some(org_id), true) = (org, errors.is_empty()) {
        if caller.ctx().user_id().is_none() {
            if let Some(ip) = &caller.ctx().ip {
                crate::auth::throttle::attempt(
                    &state,
                    &format!("intake:ip:{ip}"),
                    REQUESTS_PER_HOUR,
                    chrono::Duration::hours(1),
                )
                .await?;
            }
        }
        let form = Intake {
            org_id,
            template_key: input.situation.trim().to_string(),
            person,
            message: input.message.clone(),
            consent: input.consent,
        };
        match cases::intake(&state, &caller, form).await {
            Ok(_) => {
                let center = centers
                    .iter()
                    .find(|(id, _)| *id == org_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                return html(DonePage {
                    chrome: page_chrome(
                        &state,
                        lang,
                        &caller,
                        &path,
                        "intake",
                        &tr.t("cp-intake-done-title"),
                    ),
                    center,
                    signed_in: caller.ctx().user_id().is_some(),
                });
            }
            Err(e) => {
                note_app_error(&mut errors, &tr, e, intake_field)?;
            }
        }
    }
    render(
        &state,
        &caller,
        lang,
        &path,
        &centers,
        &input,
        &errors,
        StatusCode::BAD_REQUEST,
    )
}
