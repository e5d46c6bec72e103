//! Place profile edits: one implementation for `PUT /api/v1/places/{id}/profile` and
//! the page `/places/{id}/profile/edit`. Who may edit is the policy's
//! [`Action::EditPlaceProfile`] (platform admins; editors and admins of the verified
//! municipality whose place it is). Every change is validated as of today, stored with
//! the user who made it, never as demo, recorded in the audit log, and makes "Leben &
//! Arbeiten" reload its data.

use crate::auth::audit::{self, actions};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use bleibe_domain::living::{PlaceProfile, ProfileKey, ProfileValue};
use bleibe_domain::policy::Action;
use bleibe_domain::Place;

/// One change of a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the value of a key (replacing what was there).
    Set(ProfileKey, ProfileValue),
    /// Remove the value of a key.
    Remove(ProfileKey),
}

impl Change {
    /// The key it changes.
    pub fn key(&self) -> ProfileKey {
        match self {
            Change::Set(k, _) | Change::Remove(k) => *k,
        }
    }
}

/// The place whose profile the caller wants to edit: 401 or 403 from the policy first,
/// then 404 for an unknown place.
pub async fn editable_place(
    state: &AppState,
    caller: &Caller,
    place_id: i64,
) -> Result<Place, AppError> {
    caller.authorize(Action::EditPlaceProfile { place_id })?;
    state
        .store
        .place(place_id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Checks every set value (a 400 naming the first bad field, `<key>.value`,
/// `<key>.source` or `<key>.as_of`); the values as they will be stored, not demo.
pub fn check(changes: Vec<Change>) -> Result<Vec<Change>, AppError> {
    let today = today();
    changes
        .into_iter()
        .map(|c| match c {
            Change::Set(key, value) => {
                let mut v = value
                    .validate(key, today)
                    .map_err(|e| AppError::invalid(&e))?;
                v.demo = false;
                Ok(Change::Set(key, v))
            }
            remove => Ok(remove),
        })
        .collect()
}

/// Checks and applies `changes` to the profile of `place` (loaded by
/// [`editable_place`]); returns the profile as stored.
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    place: &Place,
    changes: Vec<Change>,
) -> Result<PlaceProfile, AppError> {
    let changes = check(changes)?;
    if !changes.is_empty() {
        let sets: Vec<(ProfileKey, ProfileValue)> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Set(k, v) => Some((*k, v.clone())),
                Change::Remove(_) => None,
            })
            .collect();
        if !sets.is_empty() {
            state
                .store
                .set_place_profile_values(place.id, &sets, caller.ctx().user_id())
                .await?;
        }
        for c in &changes {
            if let Change::Remove(key) = c {
                state
                    .store
                    .remove_place_profile_value(place.id, *key)
                    .await?;
            }
        }
        let keys: Vec<&str> = changes.iter().map(|c| c.key().as_str()).collect();
        audit::record(
            state,
            caller.ctx(),
            actions::PLACE_PROFILE_CHANGED,
            None,
            format!("place:{}", place.id),
            keys.join(","),
        )
        .await?;
        state.living.invalidate();
    }
    Ok(state.store.place_profile(place.id).await?)
}
