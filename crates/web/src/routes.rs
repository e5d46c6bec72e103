//! The route table of the HTML pages: every page route is registered through
//! [`Routes`], which remembers it, so that [`all`] can list every route of the
//! application (pages and API) — the authorisation matrix test walks that list and
//! fails for a route it has no expectation for.

use crate::state::AppState;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{delete, get, patch, post, put};
use axum::Router;

/// One route: method and path pattern (`/orgs/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteInfo {
    /// HTTP method.
    pub method: Method,
    /// Path pattern as registered.
    pub path: String,
}

impl std::fmt::Display for RouteInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// A router that remembers what it routes.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    list: Vec<RouteInfo>,
}

impl Routes {
    /// No routes yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        route: axum::routing::MethodRouter<AppState>,
    ) -> Self {
        self.list.push(RouteInfo {
            method,
            path: path.to_string(),
        });
        self.router = self.router.route(path, route);
        self
    }

    /// A GET route.
    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, get(h))
    }

    /// A POST route.
    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, post(h))
    }

    /// A PUT route.
    pub fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::PUT, path, put(h))
    }

    /// A PATCH route.
    pub fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::PATCH, path, patch(h))
    }

    /// A DELETE route.
    pub fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::DELETE, path, delete(h))
    }

    /// Adds another table's routes.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    /// The router and the list.
    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.list)
    }
}

/// Every route of the application: the pages' table, the API's OpenAPI paths, and the
/// OpenAPI document itself. Sorted.
pub fn all() -> Vec<RouteInfo> {
    let (_, mut list) = crate::pages::routes().into_parts();
    let api = crate::api::openapi();
    for (path, item) in api.paths.paths.iter() {
        let methods = [
            (Method::GET, item.get.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::PATCH, item.patch.is_some()),
            (Method::DELETE, item.delete.is_some()),
        ];
        for (m, present) in methods {
            if present {
                list.push(RouteInfo {
                    method: m,
                    path: path.clone(),
                });
            }
        }
    }
    list.push(RouteInfo {
        method: Method::GET,
        path: "/api/openapi.json".into(),
    });
    list.sort();
    list
}
