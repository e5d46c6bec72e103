//! Founding an organisation, its profile and its logo.

use super::fields::{options, Errors, Field, SummaryItem};
use super::{html_to_text, org_id, place_label, place_value, resolve_place, text_to_html};
use crate::auth::audit::{self, actions};
use crate::auth::crypto::sha256_hex;
use crate::i18n::{Lang, Tr};
use crate::manage;
use crate::pages::{chrome, form_pairs, see_other};
use crate::pages::{html_status, org_kind_label, read_body};
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bleibe_domain::policy::Action;
use bleibe_domain::{Employer, NewEmployer, OrgKind, Role};

/// The organisation form's values, as typed.
#[derive(Debug, Clone, Default)]
struct OrgForm {
    name: String,
    kind: String,
    place: String,
    description: String,
    website: String,
}

impl OrgForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = Self::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "kind" => f.kind = v,
                "place" => f.place = v,
                "description" => f.description = v,
                "website" => f.website = v,
                _ => {}
            }
        }
        f
    }

    fn from_org(state: &AppState, org: &Employer) -> Self {
        Self {
            name: org.name.clone(),
            kind: org.kind.as_str().into(),
            place: place_value(state, org.place.id),
            description: html_to_text(&org.description),
            website: org.website.clone().unwrap_or_default(),
        }
    }

    /// The organisation the form describes, checked, or what is wrong with it.
    fn to_new_employer(
        &self,
        state: &AppState,
        tr: &Tr,
        demo: bool,
    ) -> Result<NewEmployer, Errors> {
        let mut errors = Errors::default();
        let kind = OrgKind::parse(&self.kind);
        if kind.is_none() {
            errors.field(tr, "kind");
        }
        let place_id = resolve_place(state, &self.place);
        if place_id.is_none() {
            errors.field(tr, "place");
        }
        let website = Some(self.website.trim().to_string()).filter(|w| !w.is_empty());
        let candidate = NewEmployer {
            name: self.name.clone(),
            place_id: place_id.unwrap_or(0),
            description: text_to_html(&self.description),
            website,
            demo,
            kind: kind.unwrap_or_default(),
        };
        match candidate.validate() {
            Ok(e) if errors.is_empty() => Ok(e),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.field(tr, &e.field);
                Err(errors)
            }
        }
    }
}

/// The organisation form's fields.
struct OrgFields {
    name: Field,
    kind: Field,
    place: Field,
    description: Field,
    website: Field,
}

impl OrgFields {
    fn new(state: &AppState, tr: &Tr, form: &OrgForm, errors: &Errors) -> Self {
        let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        let place_hint = {
            let base = tr.t("ws-place-hint");
            match resolve_place(state, &form.place).and_then(|id| place_label(state, id)) {
                Some(label) => format!("{base} {}", tr.t1("ws-selected", "value", label)),
                None => base,
            }
        };
        Self {
            name: Field::new("name", req("ws-org-name"), form.name.clone())
                .required()
                .maxlength(200)
                .autocomplete("organization")
                .errors(errors),
            kind: Field::select(
                "kind",
                tr.t("ws-org-kind"),
                options(
                    OrgKind::ALL,
                    OrgKind::as_str,
                    |k| org_kind_label(tr, k),
                    &form.kind,
                ),
            )
            .hint(tr.t("ws-org-kind-hint"))
            .errors(errors),
            place: Field::new("place", req("ws-org-place"), form.place.clone())
                .required()
                .hint(place_hint)
                .autocomplete("address-level2")
                .errors(errors),
            description: Field::new(
                "description",
                tr.t("ws-org-description"),
                form.description.clone(),
            )
            .control("textarea")
            .hint(tr.t("ws-description-hint"))
            .errors(errors),
            website: Field::new("website", tr.t("ws-org-website"), form.website.clone())
                .control("url")
                .hint(tr.t("ws-org-website-hint"))
                .autocomplete("url")
                .errors(errors),
        }
    }

    fn all(&self) -> Vec<&Field> {
        vec![
            &self.name,
            &self.kind,
            &self.place,
            &self.description,
            &self.website,
        ]
    }
}

/// The logo part of the profile page.
struct LogoSection {
    has_logo: bool,
    upload_href: String,
    alt: String,
}

#[derive(Template)]
#[template(path = "workspace/org_form.html")]
struct OrgFormPage {
    chrome: Chrome,
    heading: String,
    lead: String,
    action: String,
    submit: String,
    f: OrgFields,
    summary: Vec<SummaryItem>,
    /// Shown for an organisation whose kind waits for verification.
    verification_pending: bool,
    back_href: Option<String>,
    logo: Option<LogoSection>,
}

fn found_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    form: &OrgForm,
    errors: &Errors,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let f = OrgFields::new(state, &tr, form, errors);
    let summary = errors.summary(&f.all());
    let heading = tr.t("ws-org-new-title");
    let page = OrgFormPage {
        chrome: chrome(state, lang, req, "account", &heading),
        heading,
        lead: tr.t("ws-org-new-lead"),
        action: "/orgs/new".into(),
        submit: tr.t("ws-org-create"),
        f,
        summary,
        verification_pending: false,
        back_href: None,
        logo: None,
    };
    html_status(errors.status(), page)
}

/// `GET /orgs/new`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::CreateOrganisation)?;
    let form = OrgForm {
        kind: OrgKind::Employer.as_str().into(),
        ..OrgForm::default()
    };
    found_page(&state, lang, &req, &form, &Errors::default())
}

/// `POST /orgs/new`: founds the organisation; the founder becomes its admin.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::CreateOrganisation)?;
    let user_id = caller.ctx().user_id().ok_or_else(AppError::forbidden)?;
    let (req, body) = read_body(req).await?;
    let form = OrgForm::from_pairs(form_pairs(&body));
    let tr = lang.tr();
    let new = match form.to_new_employer(&state, &tr, false) {
        Ok(n) => n,
        Err(errors) => return found_page(&state, lang, &req, &form, &errors),
    };
    let org = state
        .store
        .insert_employers(std::slice::from_ref(&new))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("insert returned no employer"))?;
    state.store.set_role(org.id, user_id, Role::Admin).await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::ORG_CREATED,
        Some(org.id),
        format!("org:{}", org.id),
        format!("{} ({})", org.name, org.kind.as_str()),
    )
    .await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::ROLE_CHANGED,
        Some(org.id),
        format!("user:{user_id}"),
        Role::Admin.as_str().to_string(),
    )
    .await?;
    Ok(see_other(&format!("/orgs/{}", org.id)))
}

fn profile_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    org: &Employer,
    form: &OrgForm,
    errors: &Errors,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let f = OrgFields::new(state, &tr, form, errors);
    let summary = errors.summary(&f.all());
    let heading = tr.t1("ws-profile-title", "name", &org.name);
    let page = OrgFormPage {
        chrome: chrome(state, lang, req, "account", &heading),
        heading,
        lead: tr.t("ws-profile-lead"),
        action: format!("/orgs/{}/profile", org.id),
        submit: tr.t("ws-profile-save"),
        f,
        summary,
        verification_pending: org.kind.needs_verification() && !org.verified,
        back_href: Some(format!("/orgs/{}", org.id)),
        logo: Some(LogoSection {
            has_logo: org.logo_blob_id.is_some(),
            upload_href: format!("/orgs/{}/logo", org.id),
            alt: tr.t1("ws-logo-alt", "name", &org.name),
        }),
    };
    html_status(errors.status(), page)
}

/// `GET /orgs/{id}/profile`.
pub(super) async fn profile_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    segment: Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::EditOrganisation(id))?;
    let org = manage::organisation(&state, id).await?;
    let form = OrgForm::from_org(&state, &org);
    profile_page(&state, lang, &req, &org, &form, &Errors::default())
}

/// `POST /orgs/{id}/profile`. Changing the kind of a verified organisation to another
/// kind that needs verification withdraws the verification: it was given for the old
/// kind.
pub(super) async fn profile_save(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    segment: Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::EditOrganisation(id))?;
    let org = manage::organisation(&state, id).await?;
    let (req, body) = read_body(req).await?;
    let form = OrgForm::from_pairs(form_pairs(&body));
    let tr = lang.tr();
    let new = match form.to_new_employer(&state, &tr, org.demo) {
        Ok(n) => n,
        Err(errors) => return profile_page(&state, lang, &req, &org, &form, &errors),
    };
    state.store.update_employer(id, &new).await?;
    if org.verified && new.kind != org.kind && new.kind.needs_verification() {
        state.store.set_verified(id, false).await?;
    }
    Ok(see_other(&format!("/orgs/{id}")))
}

/// Largest logo accepted.
pub(super) const LOGO_MAX_BYTES: usize = 512 * 1024;

/// The image type of `data` by its first bytes: PNG, JPEG or WebP; anything else
/// (SVG above all, which can carry script) is refused.
pub(super) fn sniff_image(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

const ACCEPTED: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// `POST /orgs/{id}/logo` (multipart, field `logo`): at most 512 KiB of PNG, JPEG or
/// WebP, judged by the bytes; the declared type must not say otherwise.
pub(super) async fn logo_upload(
    State(state): State<AppState>,
    caller: Caller,
    segment: Segment,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::EditOrganisation(id))?;
    manage::organisation(&state, id).await?;
    let bad_form = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::payload_too_large()
        } else {
            AppError::bad_param("logo", "error-form-invalid", &[("reason", e.body_text())])
        }
    };
    let mut multipart = multipart.map_err(|e| {
        AppError::bad_param("logo", "error-form-invalid", &[("reason", e.body_text())])
    })?;
    let mut upload: Option<(Option<String>, Vec<u8>)> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        if field.name() != Some("logo") {
            continue;
        }
        let declared = field.content_type().map(|c| c.to_ascii_lowercase());
        let mut data = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
            if data.len() + chunk.len() > LOGO_MAX_BYTES {
                return Err(AppError::payload_too_large());
            }
            data.extend_from_slice(&chunk);
        }
        upload = Some((declared, data));
        break;
    }
    let (declared, data) = upload
        .filter(|(_, d)| !d.is_empty())
        .ok_or_else(|| AppError::bad_param("logo", "ws-error-logo-missing", &[]))?;
    let content_type =
        sniff_image(&data).ok_or_else(|| AppError::unsupported_type("ws-error-logo-type"))?;
    // A browser declares what the file name suggests; when that is an image type, it
    // has to be one we take (the bytes decide which).
    if let Some(d) = declared.as_deref() {
        if d.starts_with("image/") && !ACCEPTED.contains(&d) {
            return Err(AppError::unsupported_type("ws-error-logo-type"));
        }
    }
    let blob = state
        .store
        .put_blob(content_type, &sha256_hex(&data), &data)
        .await?;
    state.store.set_logo(id, Some(blob)).await?;
    Ok(see_other(&format!("/orgs/{id}/profile")))
}

/// `GET /orgs/{id}/logo`: public.
pub(super) async fn logo(
    State(state): State<AppState>,
    caller: Caller,
    segment: Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let id = org_id(&segment)?;
    let org = manage::organisation(&state, id).await?;
    let blob_id = org.logo_blob_id.ok_or_else(AppError::not_found)?;
    let blob = state
        .store
        .blob(blob_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    // Only what was accepted at upload is served as an image.
    let content_type = if ACCEPTED.contains(&blob.content_type.as_str()) {
        blob.content_type.clone()
    } else {
        "application/octet-stream".to_string()
    };
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'".to_string(),
            ),
        ],
        blob.data,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n rest"), Some("image/png"));
        assert_eq!(sniff_image(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff_image(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(
            sniff_image(b"<svg xmlns=\"http://www.w3.org/2000/svg\">"),
            None
        );
        assert_eq!(sniff_image(b"hello, I am text"), None);
        assert_eq!(sniff_image(b""), None);
    }
}
