//! Enforcement of the domain access policy in the web layer: the caller is worked out
//! once per request ([`crate::auth::context`]), and handlers call [`Caller::authorize`]
//! with the action they perform, naming the organisation or network it touches.

use crate::auth::RequestContext;
use crate::problem::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bleibe_domain::policy::{self, Action, Denied};

/// The caller of a request, with the rest of what is known about it.
#[derive(Debug, Clone)]
pub struct Caller(pub RequestContext);

impl Caller {
    /// Asks the policy; a refusal becomes 401 or 403.
    pub fn authorize(&self, action: Action) -> Result<(), AppError> {
        policy::authorize(&self.0.caller, action).map_err(|d| match d {
            Denied::Unauthenticated => AppError::unauthorized(),
            Denied::Forbidden => AppError::forbidden(),
            Denied::SecondFactorRequired => AppError::second_factor_required(),
        })
    }

    /// Asks the policy about something whose existence is itself private (another
    /// organisation's draft): a refusal to a signed-in caller is 404, not 403.
    pub fn authorize_hidden(&self, action: Action) -> Result<(), AppError> {
        match policy::authorize(&self.0.caller, action) {
            Ok(()) => Ok(()),
            Err(Denied::Unauthenticated) => Err(AppError::unauthorized()),
            Err(Denied::Forbidden) => Err(AppError::not_found()),
            // Allowed but for the second factor: the caller may know the thing exists.
            Err(Denied::SecondFactorRequired) => Err(AppError::second_factor_required()),
        }
    }

    /// 401 unless the caller is someone (a user or a token): for writes whose
    /// organisation is known only from the body, checked before the body is read.
    pub fn require_identity(&self) -> Result<(), AppError> {
        match self.0.caller {
            policy::Caller::Anonymous => Err(AppError::unauthorized()),
            _ => Ok(()),
        }
    }

    /// Whether the policy allows `action` (for showing or hiding links).
    pub fn may(&self, action: Action) -> bool {
        policy::authorize(&self.0.caller, action).is_ok()
    }

    /// The request context.
    pub fn ctx(&self) -> &RequestContext {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            parts
                .extensions
                .get::<RequestContext>()
                .cloned()
                .unwrap_or_else(RequestContext::anonymous),
        ))
    }
}
